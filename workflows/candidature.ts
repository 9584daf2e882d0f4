// One candidature, from creation to SIS export: where every transition is EXECUTED.
// The rules live in domain/candidature.ts (`decide`); this workflow registers one Update per
// transition (validator = the rule, so a refused transition leaves no trace in history), keeps the
// state, projects it to PostgreSQL after each change and runs the side effects (mails, SIS export)
// in its main loop. Deterministic code only: no I/O, no Node imports, activities by `import type`.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  log,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import {
  allowedActions,
  applyExportOutcome,
  candidateView,
  decide,
  initialState,
  lastOpinion,
  stageOf,
  toView,
  type ActingUser,
  type CandidatureInput,
  type CandidatureState,
  type Command,
  type SideEffect,
} from '../domain/candidature.ts';
import {
  cancelUpdate,
  confirmUpdate,
  enterOpinionUpdate,
  REFUSAL_TYPES,
  retryExportUpdate,
  setDossierStatusUpdate,
  transmitUpdate,
  validateOpinionUpdate,
  viewQuery,
  withdrawUpdate,
} from '../domain/messages.ts';
import { CandidatureStageKey, ConfirmationDeadlineKey, DossierStatusKey, ExportStatusKey, OpinionKindKey } from '../domain/search-attributes.ts';
import type { DossierStatus } from '../domain/codes.ts';
import type { CandidatureView } from '../domain/view.ts';

type EnterOpinionArgs = Omit<Extract<Command, { type: 'enterOpinion' }>, 'type'>;

type Activities = ReturnType<typeof createActivities>;

/** Writing the read model: quick, retried until it succeeds (the database may restart). */
const { projectCandidature } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Mails: idempotent by key on the activity side, a few attempts then given up (logged in mail_log). */
const { sendCandidatureMail } = proxyActivities<Activities>({
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

export async function candidatureWorkflow(input: CandidatureInput): Promise<CandidatureView> {
  const workflowId = workflowInfo().workflowId;
  let state: CandidatureState = initialState(input);
  /** Side effects decided by transitions, run in order by the main loop. */
  const effects: { seq: number; effect: SideEffect }[] = [{ seq: 0, effect: { type: 'mail', code: 'CANDIDATURE', to: 'candidate' } }];

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
  const commandOf = {
    transmit: (): Command => ({ type: 'transmit' }),
    cancel: (): Command => ({ type: 'cancel' }),
    setDossierStatus: (args: { status: DossierStatus }): Command => ({ type: 'setDossierStatus', status: args.status }),
    enterOpinion: (args: EnterOpinionArgs): Command => ({ type: 'enterOpinion', ...args }),
    validateOpinion: (): Command => ({ type: 'validateOpinion' }),
    confirm: (): Command => ({ type: 'confirm' }),
    withdraw: (): Command => ({ type: 'withdraw' }),
    retryExport: (): Command => ({ type: 'retryExport' }),
  };
  setHandler(transmitUpdate, (actor) => transition(commandOf.transmit(), actor), { validator: (actor) => refuse(commandOf.transmit(), actor) });
  setHandler(cancelUpdate, (actor) => transition(commandOf.cancel(), actor), { validator: (actor) => refuse(commandOf.cancel(), actor) });
  setHandler(setDossierStatusUpdate, (actor, args) => transition(commandOf.setDossierStatus(args), actor), {
    validator: (actor, args) => refuse(commandOf.setDossierStatus(args), actor),
  });
  setHandler(enterOpinionUpdate, (actor, args) => transition(commandOf.enterOpinion(args), actor), {
    validator: (actor, args) => refuse(commandOf.enterOpinion(args), actor),
  });
  setHandler(validateOpinionUpdate, (actor) => transition(commandOf.validateOpinion(), actor), {
    validator: (actor) => refuse(commandOf.validateOpinion(), actor),
  });
  setHandler(confirmUpdate, (actor) => transition(commandOf.confirm(), actor), { validator: (actor) => refuse(commandOf.confirm(), actor) });
  setHandler(withdrawUpdate, (actor) => transition(commandOf.withdraw(), actor), { validator: (actor) => refuse(commandOf.withdraw(), actor) });
  setHandler(retryExportUpdate, (actor) => transition(commandOf.retryExport(), actor), { validator: (actor) => refuse(commandOf.retryExport(), actor) });
  setHandler(viewQuery, (actor) => viewFor(actor));

  await publish();

  // Main loop: run side effects as transitions queue them, until the candidature is over.
  const over = () =>
    state.dates.cancelledAt !== null || (state.confirmation.answer === 'withdrawn' && state.export.status !== 'pending' && state.export.status !== 'failed');
  for (;;) {
    await condition(() => effects.length > 0 || over());
    const next = effects.shift();
    if (!next) break;
    const { effect, seq } = next;
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
      const { version, kind } = state.export;
      try {
        const result = await exportToSis({ candidatureId: input.candidatureId, version, kind: kind ?? 'admission' });
        state = applyExportOutcome(state, { ok: true, at: result.at });
      } catch (err) {
        const cause = (err as { cause?: { message?: string } }).cause;
        state = applyExportOutcome(state, { ok: false, error: cause?.message ?? String(err) });
      }
      await publish();
    }
  }

  await condition(allHandlersFinished);
  return toView(state, workflowId);
}
