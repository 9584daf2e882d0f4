// The lifecycle of one campaign (`campaign-<code>`), started for every campaign by the API at start
// (api/campaign-workflows.ts). Durable timers instead of the reference's nightly batches
// (BATCH_ARCHIVAGE, BATCH_DESTRUCT_DOSSIER, reference §4.1, §7.5, §8):
// 1. wait until the planned activation of the campaign that replaces this one (an admin moves it
//    with the `setActivation` update, which moves the timer);
// 2. archive: formation dates snapshotted into the candidatures, the campaign archived and its
//    successor activated, then every candidature workflow told (it becomes read-only);
// 3. sleep SCOL_NB_JOUR_ARCHIVAGE days, then destroy the candidates' data (GDPR), with an audit event.
// The `campaignLifecycle` query tells where it stands. Deterministic code only; activities by `import type`.
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { campaignLifecycleQuery, setActivationUpdate } from '../contracts/campaign.ts';
import { refusalFailure } from '../contracts/refusals.ts';
import { activationRefusal, destructionDueAt, lifecycleOf, type CampaignInput, type CampaignLifecycle } from '../domain/campaign.ts';

type Activities = ReturnType<typeof createActivities>;

/** Database work: retried until it succeeds (the database may restart); each step is idempotent. */
const { loadCampaignRecord, archiveCampaign, retentionDays, destroyCampaignData } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/** Telling candidature workflows, a page at a time (heartbeats: a page resumes after a worker restart). */
const { notifyCampaignArchived } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

export async function campaignWorkflow(input: CampaignInput): Promise<CampaignLifecycle> {
  const code = input.campaignCode;
  let state: CampaignLifecycle = { ...lifecycleOf(code, { successor: null, archivedAt: null, destroyedAt: null }), phase: 'starting' };
  /** Incremented by every accepted `setActivation`: the waiting loop restarts its timer. */
  let moves = 0;

  setHandler(campaignLifecycleQuery, () => state);
  setHandler(
    setActivationUpdate,
    (args) => {
      state = { ...state, successor: { code: args.successorCode, plannedActivationAt: args.plannedActivationAt } };
      moves++;
      return state;
    },
    {
      validator: (args) => {
        const refusal = activationRefusal(state, args);
        // A validator's refusal leaves no trace in history: its wording (French message, English in the details) changes no command.
        if (refusal) throw ApplicationFailure.create({ ...refusalFailure(refusal.type, refusal.message), nonRetryable: true });
      },
    },
  );

  const record = await loadCampaignRecord(code);
  // An admin's move that arrived while the record was loading is the latest word.
  state = { ...lifecycleOf(code, record), ...(moves > 0 ? { successor: state.successor } : {}) };

  if (state.phase === 'waiting') {
    for (;;) {
      const seen = moves;
      const at = state.successor?.plannedActivationAt;
      if (!at) {
        await condition(() => moves !== seen);
        continue;
      }
      const remaining = Date.parse(at) - Date.now();
      if (remaining <= 0) break;
      if (!(await condition(() => moves !== seen, remaining))) break;
    }
    state = { ...state, phase: 'archiving' };
    const archived = await archiveCampaign({ campaignCode: code, successorCode: state.successor!.code, at: new Date().toISOString() });
    state = { ...state, archivedAt: archived.archivedAt, candidatures: { total: archived.candidatures, notified: 0 } };
    let after: string | null = null;
    do {
      const page: { notified: number; lastId: string | null } = await notifyCampaignArchived({ campaignCode: code, afterId: after });
      state = { ...state, candidatures: { total: state.candidatures!.total, notified: state.candidatures!.notified + page.notified } };
      after = page.lastId;
    } while (after !== null);
  }

  if (state.phase === 'archiving' || state.phase === 'archived') {
    // Archived once the destruction date is known (the delay in force at archiving).
    const days = await retentionDays();
    state = { ...state, phase: 'archived', retentionDays: days, destructionDueAt: destructionDueAt(state.archivedAt!, days) };
    const dueAt = state.destructionDueAt!;
    const remaining = Date.parse(dueAt) - Date.now();
    if (remaining > 0) await sleep(remaining);
    state = { ...state, phase: 'destroying' };
    const destroyed = await destroyCampaignData({ campaignCode: code, at: new Date().toISOString() });
    state = { ...state, phase: 'destroyed', destroyedAt: destroyed.destroyedAt, destruction: destroyed.counts };
  }

  await condition(allHandlersFinished);
  return state;
}
