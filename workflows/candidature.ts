// One candidature, from creation to SIS export: where every transition is EXECUTED.
// The rules live in domain/candidature.ts (`decide`); the messages in contracts/candidature.ts. This
// workflow registers one Update per transition of the catalogue (validator = the rule, so a refused
// transition leaves no trace in history), keeps the state, and:
//   - answers each Update from the new state at once;
//   - writes the read model (the state, its indexed columns and the mails it queues: an outbox) by a
//     local activity in the same workflow task, coalesced and ordered by the state's sequence
//     number, so the caller reads the read model back current when it gets the answer;
//   - upserts the search attributes that changed;
//   - runs the other side effects (SIS export, waiting-list notices, file deletion) together, in its
//     main loop, and sleeps until the next timed event (reminder, automatic withdrawal, batched
//     export): durable timers instead of nightly batches.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
//
// Versions (a running workflow keeps the behaviour it started with; tests/histories replay each):
//   fast-path             today's behaviour, above.
//   before it (legacy)    each Update awaited a projection activity before answering, mails were one
//                         activity each, search attributes were rewritten on every transition, side
//                         effects ran one at a time; with its own patches 'complete-lifecycle' (timers,
//                         waiting lists, file deletion) and 'archived-export-retry'.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities/index.ts';
import type { ActingUser } from '../contracts/actors.ts';
import {
  campaignArchivedSignal,
  stateQuery,
  TRANSITION_NAMES,
  updates,
  viewQuery,
  type CandidatureView,
  type TransitionName,
} from '../contracts/candidature.ts';
import { refusalFailure } from '../contracts/refusals.ts';
import {
  CandidatureStageKey,
  ConfirmationDeadlineKey,
  DossierStatusKey,
  ExportStatusKey,
  OpinionKindKey,
  stateSearchAttributes,
} from '../contracts/search-attributes.ts';
import {
  applyArchiving,
  applyExportOutcome,
  decide,
  initialEffects,
  initialState,
  lastOpinion,
  nextTimedEvent,
  parametersOf,
  stageOf,
  toView,
  viewFor,
  type CandidatureInput,
  type CandidatureState,
  type Command,
  type Decision,
  type SideEffect,
} from '../domain/candidature.ts';
import { nextExportBatchAt } from '../domain/deadlines.ts';
import { EXPORT_RETRY } from '../domain/export-retry.ts';
import { indexedFacts } from '../domain/read-model.ts';
import type { QueuedMail } from '../activities/projection.ts';

type Activities = ReturnType<typeof createActivities>;
type MailEffect = Extract<SideEffect, { type: 'mail' }>;

/** What the main loop runs: the domain's side effects, plus (legacy) re-projecting after a signal. */
type LoopEffect = SideEffect | { type: 'projection' };

/** The read model and the mail outbox, written in the workflow task that changed the state. */
const { projectCandidatureState } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds' },
});

/** Legacy path: writing the read model as an activity, retried until it succeeds. */
const { projectCandidature } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Waiting-list notices, file deletion (and, legacy path, mails): idempotent on the activity side, retried for a while. */
const { sendCandidatureMail, notifyWaitingList, deleteCandidatureFiles } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * SIS export: transient failures retry with backoff; validation errors from the SIS do not.
 * After the attempts run out the workflow waits in export "failed" until an admin retries.
 */
const { exportToSis } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: `${EXPORT_RETRY.initialSeconds} seconds`,
    backoffCoefficient: EXPORT_RETRY.backoffCoefficient,
    maximumInterval: `${EXPORT_RETRY.maximumSeconds} seconds`,
    maximumAttempts: EXPORT_RETRY.maximumAttempts,
    nonRetryableErrorTypes: ['SisValidationError'],
  },
});

/**
 * A refusal of the rules as the Update's failure (contracts/refusals.ts `refusalFailure`): its kind is
 * the type, its French reason the message (as always), the fields at fault and the English wording its
 * details. A validator's refusal leaves no trace in history and replay never runs validators, so the
 * wording changes no command of any history.
 */
function refusal(decision: Extract<Decision, { ok: false }>): ApplicationFailure {
  return ApplicationFailure.create({ ...refusalFailure(decision.kind, decision.reason, decision.errors), nonRetryable: true });
}

export async function candidatureWorkflow(input: CandidatureInput): Promise<CandidatureView> {
  const workflowId = workflowInfo().workflowId;
  const fast = patched('fast-path');
  // Legacy patches: every workflow on the fast path has what they added.
  const lifecycle = fast || patched('complete-lifecycle');
  const archivedExportRetry = fast || patched('archived-export-retry');

  let state: CandidatureState = initialState(input);
  /** Side effects decided by transitions, with the sequence number of the state that decided them. */
  const effects: { seq: number; effect: LoopEffect }[] = [];
  /** Mails decided and not yet written to the outbox (fast path). */
  const outbox: QueuedMail[] = [];
  /** The sequence number of the state last written to the read model (fast path). */
  let projected = -1;
  /** A batched export (OPI_IS_IMMEDIAT = N) waits for this instant. */
  let exportDueAt: string | null = null;

  const queue = (effect: SideEffect, seq: number) => {
    if (fast && effect.type === 'mail') outbox.push(queuedMail(effect, seq));
    else effects.push({ seq, effect });
  };
  const queuedMail = (m: MailEffect, seq: number): QueuedMail => ({
    idempotencyKey: `${workflowId}:${seq}:${m.code}:${m.to}`,
    code: m.code,
    to: m.to,
    variables: m.variables ?? {},
  });
  for (const effect of initialEffects(input)) queue(effect, 0);

  /** Runs one transition: the state changes synchronously (before any await) so concurrent updates see it. */
  const transition = (cmd: Command, actor: ActingUser): CandidatureView | Promise<CandidatureView> => {
    const decision = decide(state, cmd, actor, new Date());
    if (!decision.ok) throw refusal(decision);
    state = decision.state;
    for (const effect of decision.effects) queue(effect, state.seq);
    if (fast) return viewFor(state, actor, new Date());
    return publishLegacy().then(() => viewFor(state, actor, new Date()));
  };

  // Handlers first, before any await (an update may arrive in the very first workflow task).
  // Each update: validator = the rule (a refusal leaves no trace), handler = the transition.
  // Every Update of the catalogue takes (actor, its arguments) and answers the view; the arguments
  // with the transition's name make the command (absent in histories of argument-less Updates).
  const register = (name: TransitionName) => {
    const update: UpdateDefinition<CandidatureView, [ActingUser, object | undefined]> = updates[name];
    const commandOf = (args: object | undefined) => ({ ...args, type: name }) as Command;
    setHandler(update, (actor, args) => transition(commandOf(args), actor), {
      validator: (actor, args) => {
        const decision = decide(state, commandOf(args), actor, new Date());
        if (!decision.ok) throw refusal(decision);
      },
    });
  };
  for (const name of TRANSITION_NAMES) register(name);
  setHandler(viewQuery, (actor) => (actor ? viewFor(state, actor, new Date()) : toView(state)));
  setHandler(stateQuery, () => state);
  setHandler(campaignArchivedSignal, (archived) => {
    state = applyArchiving(state, archived);
    if (!fast) effects.push({ seq: state.seq, effect: { type: 'projection' } });
  });

  if (fast) void projector();
  else await publishLegacy();

  // Main loop: run side effects as transitions queue them, and wake up for timed events, until the
  // candidature is over (cancelled, withdrawn with nothing left to export, or archived with no
  // export pending or failed).
  const over = () =>
    state.dates.cancelledAt !== null ||
    (lifecycle && state.archived != null && state.export.status !== 'pending' && !(archivedExportRetry && state.export.status === 'failed')) ||
    (state.confirmation.answer === 'withdrawn' && state.export.status !== 'pending' && state.export.status !== 'failed');
  for (;;) {
    const timed = lifecycle ? nextTimedEvent(state) : null;
    const wakeAt = [timed?.at, exportDueAt].filter((t): t is string => !!t).sort()[0];
    if (wakeAt) {
      // Any transition may move the deadline: wake up on a new effect or state change, then recompute.
      const seq = state.seq;
      const woken = await condition(() => effects.length > 0 || over() || state.seq !== seq, Math.max(new Date(wakeAt).getTime() - Date.now(), 1));
      if (!woken) {
        if (exportDueAt && new Date(exportDueAt) <= new Date()) {
          exportDueAt = null;
          await runExport();
        }
        if (timed && new Date(timed.at) <= new Date() && decide(state, timed.cmd, timed.actor, new Date()).ok) await transition(timed.cmd, timed.actor);
        continue;
      }
    } else if (fast) {
      // Mails go to the outbox, not to this loop: a state change is what may bring a timer.
      const seq = state.seq;
      await condition(() => effects.length > 0 || over() || state.seq !== seq);
    } else {
      await condition(() => effects.length > 0 || over());
    }
    if (effects.length === 0) {
      if (over()) break;
      continue; // a transition changed the state without side effects (e.g. a moved deadline): recompute the timers
    }
    if (fast) {
      await runTogether(effects.splice(0).map((e) => e.effect));
    } else {
      const next = effects.shift()!;
      await runEffect(next.effect, next.seq);
    }
  }

  // The read model and the outbox hold the last state before the workflow ends.
  if (fast) await condition(() => projected === state.seq && outbox.length === 0);
  await condition(allHandlersFinished);
  return toView(state);

  /**
   * Fast path: writes the read model whenever the state moved on or mails wait, one write at a time,
   * always the latest state (transitions applied meanwhile are coalesced into the next write).
   */
  async function projector(): Promise<void> {
    for (;;) {
      await condition(() => state.seq !== projected || outbox.length > 0);
      const snapshot = state;
      const mails = outbox.slice();
      upsertChangedSearchAttributes(snapshot);
      await projectCandidatureState({ state: snapshot, mails });
      outbox.splice(0, mails.length);
      projected = snapshot.seq;
    }
  }

  /** Fast path: the search attributes admins filter on, only those whose value changed. */
  function upsertChangedSearchAttributes(s: CandidatureState): void {
    if (input.searchAttributes === false) return;
    const current = workflowInfo().typedSearchAttributes;
    const changed = stateSearchAttributes(indexedFacts(s)).filter(({ key, value }) => {
      const now = current.get(key as never) as unknown;
      const a = now instanceof Date ? now.getTime() : (now ?? null);
      const b = value instanceof Date ? value.getTime() : (value ?? null);
      return a !== b;
    });
    if (changed.length) upsertSearchAttributes(changed);
  }

  /** Legacy path: every search attribute, then the projection activity, awaited by the Update. */
  async function publishLegacy(): Promise<void> {
    const opinion = lastOpinion(state);
    if (input.searchAttributes !== false)
      upsertSearchAttributes([
        { key: CandidatureStageKey, value: stageOf(state) },
        { key: DossierStatusKey, value: state.dossierStatus },
        { key: OpinionKindKey, value: opinion ? opinion.kind : null },
        { key: ExportStatusKey, value: state.export.status },
        { key: ConfirmationDeadlineKey, value: state.confirmation.deadline ? new Date(state.confirmation.deadline) : null },
      ]);
    await projectCandidature({ state });
  }

  /** Fast path: the queued effects at once; exports one at a time (each exports the current version). */
  async function runTogether(batch: LoopEffect[]): Promise<void> {
    const exports = batch.some((e) => e.type === 'export');
    await Promise.all([
      ...batch.filter((e) => e.type !== 'export').map((e) => runEffect(e, state.seq)),
      ...(exports ? [runEffect({ type: 'export' }, state.seq)] : []),
    ]);
  }

  async function runEffect(effect: LoopEffect, seq: number): Promise<void> {
    if (effect.type === 'mail') {
      try {
        await sendCandidatureMail({ ...queuedMail(effect, seq), candidatureId: input.candidatureId });
      } catch (err) {
        // A mail that cannot be sent must not block the candidature; the failure is in mail_log.
        log.warn('mail not sent', { code: effect.code, error: String(err) });
      }
    } else if (effect.type === 'export' && state.export.status === 'pending') {
      const parameters = parametersOf(state);
      if (lifecycle && !parameters.exportImmediate) exportDueAt = nextExportBatchAt(new Date(), parameters.exportBatchTime);
      else await runExport();
    } else if (effect.type === 'projection') {
      await publishLegacy();
    } else if (!lifecycle) {
      // Started before waiting lists and file deletion existed: their histories have no such step.
    } else if (effect.type === 'waitingList') {
      await notifyWaitingList({
        formationCode: input.formation.code,
        candidatureId: input.candidatureId,
        event: effect.event,
        rank: effect.rank ?? null,
        at: new Date().toISOString(),
      });
    } else if (effect.type === 'deleteFiles') {
      await deleteCandidatureFiles({ candidatureId: input.candidatureId, fileIds: effect.fileIds });
    }
  }

  async function runExport(): Promise<void> {
    if (state.export.status !== 'pending') return;
    const { version, kind } = state.export;
    try {
      const result = await exportToSis({ candidatureId: input.candidatureId, version, kind: kind ?? 'admission' });
      state = applyExportOutcome(state, { ok: true, at: result.at });
      if (result.opiCodeChanged)
        queue({ type: 'mail', code: 'CANDIDATURE_MODIF_COD_OPI', to: 'candidate', variables: { newCodeOpi: result.opiCodeChanged } }, state.seq);
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause;
      state = applyExportOutcome(state, { ok: false, error: cause?.message ?? String(err) });
    }
    if (!fast) await publishLegacy();
  }
}
