// One candidature, from creation to SIS export: where every transition is EXECUTED.
// The rules live in domain/candidature.ts (`decide`); this workflow registers one Update per
// transition (validator = the rule, so a refused transition leaves no trace in history), keeps the
// state, projects it to PostgreSQL after each change, runs the side effects (mails, SIS export,
// waiting-list notices, file deletion) in its main loop, and sleeps until the next timed event
// (reminder, automatic withdrawal, batched export): durable timers instead of nightly batches.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities/index.ts';
import {
  allowedActions,
  applyArchiving,
  applyExportOutcome,
  candidateView,
  decide,
  initialEffects,
  initialState,
  lastOpinion,
  nextTimedEvent,
  parametersOf,
  stageOf,
  toView,
  type ActingUser,
  type CandidatureInput,
  type CandidatureState,
  type Command,
  type SideEffect,
} from '../domain/candidature.ts';
import { nextExportBatchAt } from '../domain/deadlines.ts';
import {
  answerQuestionUpdate,
  campaignArchivedSignal,
  cancelUpdate,
  changeTraitementUpdate,
  confirmUpdate,
  declareNotConcernedUpdate,
  deleteOpinionUpdate,
  enterOpinionUpdate,
  promoteUpdate,
  REFUSAL_TYPES,
  retryExportUpdate,
  setConfirmationDeadlineUpdate,
  setDossierStatusUpdate,
  setPieceStatusUpdate,
  setReturnDeadlineUpdate,
  setTagsUpdate,
  submitPieceUpdate,
  transmitUpdate,
  validateOpinionUpdate,
  validateTraitementUpdate,
  viewQuery,
  withdrawUpdate,
} from '../domain/messages.ts';
import { CandidatureStageKey, ConfirmationDeadlineKey, DossierStatusKey, ExportStatusKey, OpinionKindKey } from '../domain/search-attributes.ts';
import type { CandidatureView } from '../domain/view.ts';

type Activities = ReturnType<typeof createActivities>;

/** What the main loop runs: the domain's side effects, plus re-projecting after a signal. */
type LoopEffect = SideEffect | { type: 'projection' };

/** Writing the read model: quick, retried until it succeeds (the database may restart). */
const { projectCandidature } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Mails, waiting-list notices, file deletion: idempotent on the activity side, retried for a while. */
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
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 6,
    nonRetryableErrorTypes: ['SisValidationError'],
  },
});

/**
 * Every Update of the candidature and the command it stands for. Its arguments after the actor are
 * the command's fields, so the command is `{ type, ...args }`.
 */
const UPDATES: [UpdateDefinition<CandidatureView, [ActingUser, object?]>, Command['type']][] = [
  [transmitUpdate, 'transmit'],
  [cancelUpdate, 'cancel'],
  [submitPieceUpdate, 'submitPiece'],
  [declareNotConcernedUpdate, 'declareNotConcerned'],
  [answerQuestionUpdate, 'answerQuestion'],
  [setPieceStatusUpdate, 'setPieceStatus'],
  [setDossierStatusUpdate, 'setDossierStatus'],
  [changeTraitementUpdate, 'changeTraitement'],
  [validateTraitementUpdate, 'validateTraitement'],
  [enterOpinionUpdate, 'enterOpinion'],
  [validateOpinionUpdate, 'validateOpinion'],
  [deleteOpinionUpdate, 'deleteOpinion'],
  [confirmUpdate, 'confirm'],
  [withdrawUpdate, 'withdraw'],
  [setConfirmationDeadlineUpdate, 'setConfirmationDeadline'],
  [setReturnDeadlineUpdate, 'setReturnDeadline'],
  [setTagsUpdate, 'setTags'],
  [promoteUpdate, 'promote'],
  [retryExportUpdate, 'retryExport'],
] as never;

export async function candidatureWorkflow(input: CandidatureInput): Promise<CandidatureView> {
  const workflowId = workflowInfo().workflowId;
  // Workflows started before the complete lifecycle (timers, waiting lists, file deletion) keep
  // their first behaviour when replayed; every new one takes the complete path.
  const lifecycle = patched('complete-lifecycle');
  // An archived candidature whose SIS export failed stays open for the admin's retry (the campaign
  // switch: an archive on the old SIS remains exportable); before this patch it ended at archiving.
  const archivedExportRetry = patched('archived-export-retry');
  let state: CandidatureState = initialState(input);
  /** Side effects decided by transitions, run in order by the main loop. */
  const effects: { seq: number; effect: LoopEffect }[] = initialEffects(input).map((effect) => ({ seq: 0, effect }));
  /** A batched export (OPI_IS_IMMEDIAT = N) waits for this instant. */
  let exportDueAt: string | null = null;

  const viewFor = (actor: ActingUser | null): CandidatureView => {
    const view = toView(state, workflowId);
    if (!actor) return view;
    const forReader = actor.kind === 'candidate' ? candidateView(view) : view;
    return { ...forReader, allowedActions: allowedActions(state, actor, new Date()) };
  };

  const refuse = (cmd: Command, actor: ActingUser): void => {
    const decision = decide(state, cmd, actor, new Date());
    if (!decision.ok) throw ApplicationFailure.create({ type: REFUSAL_TYPES[decision.status], message: decision.reason, nonRetryable: true });
  };

  /** Runs one transition: the state changes synchronously (before any await) so concurrent updates see it. */
  const transition = async (cmd: Command, actor: ActingUser): Promise<CandidatureView> => {
    const decision = decide(state, cmd, actor, new Date());
    if (!decision.ok) throw ApplicationFailure.create({ type: REFUSAL_TYPES[decision.status], message: decision.reason, nonRetryable: true });
    state = decision.state;
    for (const effect of decision.effects) effects.push({ seq: state.seq, effect });
    await publish();
    return viewFor(actor);
  };

  /** Projects the view to the read model and refreshes the search attributes admins filter on. */
  const publish = async (): Promise<void> => {
    const opinion = lastOpinion(state);
    if (input.searchAttributes !== false)
      upsertSearchAttributes([
        { key: CandidatureStageKey, value: stageOf(state) },
        { key: DossierStatusKey, value: state.dossierStatus },
        { key: OpinionKindKey, value: opinion ? opinion.kind : null },
        { key: ExportStatusKey, value: state.export.status },
        { key: ConfirmationDeadlineKey, value: state.confirmation.deadline ? new Date(state.confirmation.deadline) : null },
      ]);
    await projectCandidature(toView(state, workflowId));
  };

  // Handlers first, before any await (an update may arrive in the very first workflow task).
  // Each update: validator = the rule (a refusal leaves no trace), handler = the transition.
  for (const [update, type] of UPDATES) {
    const commandOf = (args: object | undefined) => ({ ...args, type }) as Command;
    setHandler(update, (actor: ActingUser, args?: object) => transition(commandOf(args), actor), {
      validator: (actor: ActingUser, args?: object) => refuse(commandOf(args), actor),
    });
  }
  setHandler(viewQuery, (actor) => viewFor(actor));
  setHandler(campaignArchivedSignal, (archived) => {
    state = applyArchiving(state, archived);
    effects.push({ seq: state.seq, effect: { type: 'projection' } });
  });

  await publish();

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
    } else {
      await condition(() => effects.length > 0 || over());
    }
    const next = effects.shift();
    if (next) await runEffect(next.effect, next.seq);
    else if (over()) break;
    // Else a transition changed the state without side effects (e.g. a moved deadline): recompute the timers.
  }

  await condition(allHandlersFinished);
  return toView(state, workflowId);

  async function runEffect(effect: LoopEffect, seq: number): Promise<void> {
    if (effect.type === 'mail') {
      try {
        await sendCandidatureMail({
          idempotencyKey: `${workflowId}:${seq}:${effect.code}:${effect.to}`,
          candidatureId: input.candidatureId,
          code: effect.code,
          to: effect.to,
          variables: effect.variables ?? {},
        });
      } catch (err) {
        // A mail that cannot be sent must not block the candidature; the failure is in mail_log.
        log.warn('mail not sent', { code: effect.code, error: String(err) });
      }
    } else if (effect.type === 'export' && state.export.status === 'pending') {
      const parameters = parametersOf(state);
      if (lifecycle && !parameters.exportImmediate) exportDueAt = nextExportBatchAt(new Date(), parameters.exportBatchTime);
      else await runExport();
    } else if (effect.type === 'projection') {
      await publish();
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
        effects.push({
          seq: state.seq,
          effect: { type: 'mail', code: 'CANDIDATURE_MODIF_COD_OPI', to: 'candidate', variables: { newCodeOpi: result.opiCodeChanged } },
        });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause;
      state = applyExportOutcome(state, { ok: false, error: cause?.message ?? String(err) });
    }
    await publish();
  }
}
