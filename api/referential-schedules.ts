// The Temporal Schedules of the referential synchronisation (workflows/referential-sync.ts), one per
// SIS type in use (`referential-sync-A`, `referential-sync-P`): daily at REFERENTIAL_SYNC_CRON in
// REFERENTIAL_SYNC_TIMEZONE, overlap policy skip (a run never starts while the previous one runs),
// no catch-up of a day missed while Temporal was down (a restart does not start a sync). The API
// creates or updates them when it starts (idempotent, cheap: nothing runs then), and "run now" is
// the schedule's own trigger, refused while a run is under way; a daily action that comes while a
// manual run is under way is skipped.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { referentialScheduleId, SIS_LABELS, SYNCED_SIS_TYPES, type SyncedSisType } from '../domain/referential-sync.ts';
import type { AppConfig } from '../infra/config.ts';
import { unavailable } from './problem.ts';
import type { referentialSyncWorkflow } from '../workflows/referential-sync.ts';

interface Deps {
  temporal: Client;
  config: Pick<AppConfig, 'taskQueue' | 'referentialSync'>;
}

/** The SIS types whose referentials are synchronised: those configured (a URL to read them from). */
export function sisTypesInUse(config: Pick<AppConfig, 'apogee' | 'pegase'>): SyncedSisType[] {
  return SYNCED_SIS_TYPES.filter((t) => (t === 'A' ? config.apogee.url : config.pegase.url));
}

function scheduleParts(deps: Deps, sisType: SyncedSisType) {
  const { cron, timezone } = deps.config.referentialSync;
  const off = cron.trim().toLowerCase() === 'off';
  const spec: ScheduleSpec = { cronExpressions: [off ? '30 3 * * *' : cron], timezone };
  const action: ScheduleOptionsStartWorkflowAction<typeof referentialSyncWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'referentialSyncWorkflow',
    // Temporal appends each action's time: one workflow id per run.
    workflowId: referentialScheduleId(sisType),
    taskQueue: deps.config.taskQueue,
    args: [{ sisType }],
    // 22 lists of a few attempts each: a run that lasts longer is stuck.
    workflowExecutionTimeout: '6 hours',
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  const note = off
    ? `Synchronisation quotidienne des référentiels ${SIS_LABELS[sisType]} désactivée (REFERENTIAL_SYNC_CRON=off) ; lancement manuel possible.`
    : `Synchronisation quotidienne des référentiels ${SIS_LABELS[sisType]} (${cron}, ${timezone}).`;
  return { spec, action, policies, state: { paused: off, note } };
}

/** Creates the schedule of a SIS type, or brings an existing one up to the configuration (task queue, time). */
export async function ensureReferentialSchedule(deps: Deps, sisType: SyncedSisType): Promise<void> {
  const scheduleId = referentialScheduleId(sisType);
  const parts = scheduleParts(deps, sisType);
  try {
    await deps.temporal.schedule.create({ scheduleId, ...parts });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await deps.temporal.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: parts.spec,
      action: parts.action,
      policies: { ...previous.policies, ...parts.policies },
      state: { ...previous.state, paused: parts.state.paused, note: parts.state.note },
    }));
  }
}

/**
 * The schedules of the SIS types in use. A Temporal server without schedules (the time-skipping
 * test server) or a failure here does not stop the API: the error is returned to be logged.
 */
export async function ensureReferentialSchedules(
  deps: Deps & { config: Pick<AppConfig, 'apogee' | 'pegase'> },
): Promise<{ ensured: SyncedSisType[]; error?: Error }> {
  const ensured: SyncedSisType[] = [];
  try {
    for (const sisType of sisTypesInUse(deps.config)) {
      await ensureReferentialSchedule(deps, sisType);
      ensured.push(sisType);
    }
    return { ensured };
  } catch (err) {
    return { ensured, error: err as Error };
  }
}

export type TriggerOutcome = { started: true; workflowId: string; runId: string } | { started: false; running: string | null };

const runningIds = (d: ScheduleDescription) => d.info.runningActions.map((a) => a.workflow.workflowId);
const actions = (d: ScheduleDescription) => [...d.info.runningActions, ...d.info.recentActions.map((a) => a.action)].map((a) => a.workflow);

/**
 * "Run now": the schedule's trigger. Refused (started: false) while a run of this SIS type is under
 * way (daily or manual; the API also serialises its own requests). The trigger itself answers
 * nothing; the new run's workflow id is read back from the schedule's actions (it shows there within
 * a few hundred milliseconds).
 */
export async function triggerReferentialSync(
  deps: Deps,
  sisType: SyncedSisType,
  opts: {
    /** Runs recorded as running (sis_sync_run): manual runs, which the schedule does not track. */
    recorded?: string[];
    waitMs?: number;
  } = {},
): Promise<TriggerOutcome> {
  const waitMs = opts.waitMs ?? 10_000;
  const handle = deps.temporal.schedule.getHandle(referentialScheduleId(sisType));
  let before: ScheduleDescription;
  try {
    before = await handle.describe();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await ensureReferentialSchedule(deps, sisType);
    before = await handle.describe();
  }
  // A run is under way when a workflow the schedule started is still running: the daily ones are in
  // the schedule's running actions (a list that lags behind: it learns of an end a moment after it
  // happened), the manual ones (triggered with overlap allowed, so not tracked there) in sis_sync_run.
  // Each one is asked.
  const ended = async (workflowId: string) => {
    try {
      return (await deps.temporal.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return true;
      throw err;
    }
  };
  for (const workflowId of new Set([...runningIds(before), ...(opts.recorded ?? [])]))
    if (!(await ended(workflowId))) return { started: false, running: workflowId };
  const known = new Set(actions(before).map((w) => w.workflowId));
  // A run's workflow id is the schedule's id and the second it started: a second run in the same
  // second would collide with the first, so it waits for the next second.
  const lastStart = Math.max(0, ...[...known, ...(opts.recorded ?? [])].map((id) => Date.parse(id.slice(handle.scheduleId.length + 1)) || 0));
  const wait = lastStart + 1200 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));

  // Nothing runs (checked above): the trigger must not be dropped by a stale view of the schedule,
  // so it allows overlap itself; the daily actions keep the schedule's skip policy.
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const triggeredUntil = Date.now() + waitMs;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await handle.describe();
    const fresh = actions(now).find((w) => !known.has(w.workflowId));
    if (fresh) return { started: true, workflowId: fresh.workflowId, runId: fresh.firstExecutionRunId };
    if (Date.now() > triggeredUntil) {
      // Not taken: another run (a concurrent request) took the slot.
      const other = runningIds(now)[0];
      if (other) return { started: false, running: other };
      throw unavailable(`La planification ${handle.scheduleId} n'a lancé aucune synchronisation en ${waitMs} ms : réessayez dans un instant.`);
    }
  }
}
