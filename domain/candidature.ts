// The candidature process, as pure functions: where every transition is DECIDED.
// `decide(state, command, actor, now)` gives the new state and the side effects to run, or a refusal.
// The commands are the transitions of the catalogue (contracts/candidature.ts) plus the two the
// workflow applies itself on its timers. The workflow (workflows/candidature.ts) only sequences
// them; the API derives each reader's view and the actions allowed now (`viewFor`) from the same
// state. Rules and codes follow ecandidat-domain.md §3.2; deadlines are computed in
// domain/deadlines.ts. Nothing here imports Temporal.
import type { ActingUser, Actor } from '../contracts/actors.ts';
import {
  candidatureWorkflowId,
  FEE_AMOUNT_MAX,
  transitions,
  TRANSITION_NAMES,
  type AdmissionDetails,
  type CandidatureView,
  type DecisionTypeRef,
  type OpinionArgs,
  type OpinionEntryView,
  type RequiredItem,
  type TransitionCommand,
} from '../contracts/candidature.ts';
import { REFUSALS, type LocalizedFieldError, type LocalizedText, type RefusalKind, type RefusalStatus } from '../contracts/refusals.ts';
import type {
  ConfirmationAnswer,
  DossierStatus,
  ExportStatus,
  Functionality,
  MailCode,
  OpinionKind,
  PieceStatus,
  SisType,
  Stage,
  Traitement,
} from './codes.ts';
import { DOSSIER_STATUSES, PIECE_STATUSES, TRAITEMENTS } from './codes.ts';
import { confirmationDeadline, overrideInstant, reminderAt, returnDeadline, type FormationDates } from './deadlines.ts';
import { opinionArgumentProblems, opinionProblemMessage } from './opinion.ts';
import { parameterValues, type ParameterValue } from './parameters.ts';
import { parisDateTimeText } from './time.ts';

export type { ActingUser, DecisionTypeRef, RequiredItem };

// ---------------------------------------------------------------------------------------------
// Input and state

/** Process parameters (reference §4.5), resolved by the API when the candidature is created. */
export interface ProcessParameters {
  /** SCOL_NB_JOUR_RELANCE_FAVO: reminder this many days before the confirmation deadline. */
  reminderDaysBefore: number;
  /** GEST_IS_UTILISE_BLOCAGE_MASSE: no mass opinion entry where a validated opinion exists. */
  blockMassEntry: boolean;
  /** OPI_IS_IMMEDIAT: export at confirmation; else at the next daily batch (`exportBatchTime`, Paris). */
  exportImmediate: boolean;
  exportBatchTime: string;
}

/** The parameters a candidature's process reads (fixed when it starts). */
export const PROCESS_PARAMETERS = ['SCOL_NB_JOUR_RELANCE_FAVO', 'GEST_IS_UTILISE_BLOCAGE_MASSE', 'OPI_IS_IMMEDIAT', 'OPI_HEURE_BATCH'] as const;

export function processParameters(v: { [C in (typeof PROCESS_PARAMETERS)[number]]: ParameterValue<C> }): ProcessParameters {
  return {
    reminderDaysBefore: v.SCOL_NB_JOUR_RELANCE_FAVO,
    blockMassEntry: v.GEST_IS_UTILISE_BLOCAGE_MASSE,
    exportImmediate: v.OPI_IS_IMMEDIAT,
    exportBatchTime: v.OPI_HEURE_BATCH,
  };
}

/** The parameters of a candidature started without them (the parameters' defaults, domain/parameters.ts). */
export const DEFAULT_PARAMETERS: ProcessParameters = processParameters(parameterValues(PROCESS_PARAMETERS, []));

/** Everything the workflow needs to know at start; resolved by the API from the database. */
export interface CandidatureInput {
  candidatureId: string;
  campaign: { code: string; sisType: SisType };
  formation: FormationDates & {
    code: string;
    label: string;
    commissionCode: string;
    traitement: Traitement;
    /** Decision given by a validated "accès direct" traitement (type_decision_fav). */
    favourableDecisionType?: DecisionTypeRef | null;
    /** Automatic promotion from the complementary list (tem_list_comp_form + type_decision_fav_list_comp). */
    waitingList?: boolean;
    pieces?: RequiredItem[];
    questions?: RequiredItem[];
  };
  candidate: { accountId: number; dossierNumber: string; firstName: string; lastName: string };
  /** Made by a manager as a "proposition" (§3.2.1): complete file and a favourable opinion to validate. */
  proposition?: boolean;
  parameters?: ProcessParameters;
  /** False when the Temporal server has no custom search attributes (see AppConfig.searchAttributes). */
  searchAttributes?: boolean;
  createdAt: string;
  createdBy: Actor;
}

/** The reference of a configured decision type (decision_type row). */
export function decisionTypeRef(row: {
  code: string;
  opinionKindCode: string;
  exportsToSis: boolean;
  mailCode: string;
  showComment: boolean;
}): DecisionTypeRef {
  return { code: row.code, kind: row.opinionKindCode as OpinionKind, exportsToSis: row.exportsToSis, mailCode: row.mailCode, showsComment: row.showComment };
}

interface OpinionEntry extends OpinionEntryView {
  exportsToSis: boolean;
  mailCode: string;
  /** False when the decision type keeps the comment for staff (absent in opinions entered before: shown). */
  showsComment?: boolean;
}

export interface PieceState extends RequiredItem {
  status: PieceStatus;
  fileId: number | null;
  comment: string | null;
  by: string | null;
  at: string | null;
}

export interface QuestionState extends RequiredItem {
  answer: string | null;
  notConcerned: boolean;
}

export interface CandidatureState {
  input: CandidatureInput;
  dossierStatus: DossierStatus;
  traitement: { code: Traitement; validated: boolean };
  pieces: PieceState[];
  questions: QuestionState[];
  opinions: OpinionEntry[];
  confirmation: {
    deadline: string | null;
    answer: ConfirmationAnswer | null;
    answeredAt: string | null;
    answeredBy: string | null;
    /** When the reminder is due, and when it was sent (§3.2.13). */
    reminderAt?: string | null;
    remindedAt?: string | null;
  };
  /** Manager overrides of the formation dates for this candidature (GEST_DAT_RETOUR, GEST_DAT_CONFIRM). */
  overrides?: { returnDeadline: string | null; confirmationDeadline: string | null };
  tags?: string[];
  /** OPI code, regime and fees entered by managers (absent in states from before they were). */
  admission?: AdmissionDetails;
  export: { status: ExportStatus; at: string | null; error: string | null; version: number; kind: 'admission' | 'withdrawal' | null };
  dates: CandidatureView['dates'];
  /** Set when the campaign is archived: the candidature is read-only from then on (§3.2.15). */
  archived?: { at: string; formationDates: Record<string, string | null> } | null;
  seq: number;
}

export function initialState(input: CandidatureInput): CandidatureState {
  const f = input.formation;
  // Reference §3.2.1: AC is validated at once; AD is downgraded to AT until a manager sets AD again
  // and validates it (which gives the automatic favourable decision, §3.2.6).
  const traitement = { code: f.traitement === 'AD' ? ('AT' as const) : f.traitement, validated: f.traitement === 'AC' };
  const state: CandidatureState = {
    input,
    dossierStatus: 'AT',
    traitement,
    pieces: (f.pieces ?? []).map((p) => ({ ...p, status: 'AT', fileId: null, comment: null, by: null, at: null })),
    questions: (f.questions ?? []).map((q) => ({ ...q, answer: null, notConcerned: false })),
    opinions: [],
    confirmation: { deadline: null, answer: null, answeredAt: null, answeredBy: null, reminderAt: null, remindedAt: null },
    overrides: { returnDeadline: null, confirmationDeadline: null },
    tags: [],
    export: { status: 'none', at: null, error: null, version: 0, kind: null },
    dates: {
      createdAt: input.createdAt,
      transmittedAt: null,
      receivedAt: null,
      completedAt: null,
      incompleteAt: null,
      statusChangedAt: null,
      cancelledAt: null,
    },
    archived: null,
    seq: 0,
  };
  if (!input.proposition || !f.favourableDecisionType) return state;
  // A proposition (§3.2.1): the file is complete and a favourable opinion waits for validation.
  const at = input.createdAt;
  return {
    ...state,
    dossierStatus: 'CO',
    dates: { ...state.dates, receivedAt: at, completedAt: at, statusChangedAt: at },
    opinions: [opinionEntry(0, f.favourableDecisionType, {}, input.createdBy.login, at)],
  };
}

/** The side effects a fresh candidature starts with (§3.3): its creation mail, the proposition alert. */
export function initialEffects(input: CandidatureInput): SideEffect[] {
  return input.proposition
    ? [
        { type: 'mail', code: 'CANDIDATURE', to: 'candidate' },
        { type: 'mail', code: 'COMMISSION_ALERT_PROPOSITION', to: 'commission' },
      ]
    : [{ type: 'mail', code: 'CANDIDATURE', to: 'candidate' }];
}

export function parametersOf(s: CandidatureState): ProcessParameters {
  return s.input.parameters ?? DEFAULT_PARAMETERS;
}

// ---------------------------------------------------------------------------------------------
// Commands (one per workflow update, plus the timed ones the workflow applies itself)

/** The technical users of the reference (§3.1): automatic withdrawal and complementary-list promotion. */
export const AUTO_DESIST: ActingUser = { kind: 'system', login: 'autoDesist' };
export const AUTO_LIST_COMP: ActingUser = { kind: 'system', login: 'autoListComp' };
const SYSTEM_REMINDER: ActingUser = { kind: 'system', login: 'relanceFavo' };

/** A transition of the catalogue, or one the workflow applies itself when its timer fires. */
export type Command = TransitionCommand | { type: 'remind' } | { type: 'autoWithdraw' };

/** Events the workflow applies after a SIS export attempt (not user commands: no validation). */
export type ExportOutcome = { ok: true; at: string } | { ok: false; error: string };

type MailVariables = Record<string, string | number | null>;

export type SideEffect =
  | { type: 'mail'; code: MailCode | string; to: 'candidate' | 'commission'; variables?: MailVariables }
  | { type: 'export' }
  /** Tell the formation's waiting-list workflow: joined (validated LC), left it, or freed a seat. */
  | { type: 'waitingList'; event: 'joined' | 'left' | 'seatFreed'; rank?: number | null }
  /** Delete the candidature's own files (cancellation; shared common pieces are kept). */
  | { type: 'deleteFiles'; fileIds: number[] };

/** A refusal: its kind (contracts/refusals.ts), its HTTP status, why (in French and English: what to fix), and the fields at fault if any. */
export interface Refusal {
  ok: false;
  kind: RefusalKind;
  status: RefusalStatus;
  reason: LocalizedText;
  errors?: LocalizedFieldError[];
}
export type Decision = { ok: true; state: CandidatureState; effects: SideEffect[] } | Refusal;

const refuse = (kind: RefusalKind, reason: LocalizedText, errors?: LocalizedFieldError[]): Refusal => ({
  ok: false,
  kind,
  status: REFUSALS[kind].status,
  reason,
  ...(errors?.length ? { errors } : {}),
});
const forbidden = (reason: LocalizedText) => refuse('Forbidden', reason);
const conflict = (reason: LocalizedText) => refuse('Conflict', reason);
const invalid = (reason: LocalizedText, errors?: LocalizedFieldError[]) => refuse('Invalid', reason, errors);

/** The reason repeated by most transitions of a cancelled candidature. */
const CANCELLED: LocalizedText = {
  fr: 'La candidature est annulée.',
  en: 'This application has been cancelled: nothing more can be done on it.',
};
/** Already answered the published decision. */
const ANSWERED: LocalizedText = {
  fr: 'Le candidat a déjà répondu à la décision publiée.',
  en: 'The candidate has already answered the published decision: it can no longer change.',
};
/** A deadline as a person reads it, Paris time. */
const when = (instant: string) => parisDateTimeText(instant);
const unknownPiece = (code: string): LocalizedText => ({
  fr: `Pièce inconnue pour cette formation : ${code}.`,
  en: `Unknown document for this programme: ${code}. Choose one of the documents listed on the application.`,
});

function hasRight(actor: ActingUser, right: Functionality): boolean {
  return actor.kind === 'staff' && (actor.rights ?? []).includes(right);
}

const RIGHT_LABELS: Partial<Record<Functionality, LocalizedText>> = {
  EDIT_STATUT_DOSSIER: { fr: 'saisie du statut du dossier', en: 'file status entry' },
  EDIT_AVIS: { fr: 'saisie des avis', en: 'opinion entry' },
  VALID_AVIS: { fr: 'validation des avis', en: 'opinion validation' },
  EDIT_TYPTRAIT: { fr: 'modification du type de traitement', en: 'change of processing type' },
  VALID_TYPTRAIT: { fr: 'validation du type de traitement', en: 'processing type validation' },
  GEST_DAT_CONFIRM: { fr: 'date de confirmation', en: 'confirmation date' },
  GEST_DAT_RETOUR: { fr: 'date de retour', en: 'return date' },
  GEST_TAG: { fr: 'tags', en: 'tags' },
  GEST_NUM_OPI: { fr: 'gestion des OPI', en: 'OPI management' },
  GEST_REGIME: { fr: 'saisie du régime', en: 'regime entry' },
  GEST_MONTANT: { fr: 'saisie des droits d’inscription', en: 'registration fees entry' },
  GEST_FEN_CAND: { fr: 'fenêtre candidat', en: 'candidate window' },
};
const needsRight = (right: Functionality) =>
  forbidden({
    fr: `Droit « ${RIGHT_LABELS[right]?.fr ?? right} » (${right}) requis.`,
    en: `The right “${RIGHT_LABELS[right]?.en ?? right}” (${right}) is required: ask an administrator for it on this commission.`,
  });

// ---------------------------------------------------------------------------------------------
// Derived facts

export function isCancelled(s: CandidatureState): boolean {
  return s.dates.cancelledAt !== null;
}

const live = (s: CandidatureState) => s.opinions.filter((o) => !o.deletedAt);

/** The last opinion entered and not deleted. */
export function lastOpinion(s: CandidatureState): OpinionEntry | undefined {
  const entries = live(s);
  return entries[entries.length - 1];
}

/** The last validated opinion: the only one a candidate ever sees. */
export function lastValidatedOpinion(s: CandidatureState): OpinionEntry | undefined {
  const entries = live(s);
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.validated) return entries[i];
  return undefined;
}

/** No OPI code, regime or fees entered. */
export const NO_ADMISSION_DETAILS: AdmissionDetails = {
  opiCode: null,
  regimeCode: null,
  exemptionCategoryCode: null,
  exemptionComplement: null,
  feeAmount: null,
};

/** The OPI code, regime and fees entered (none in states from before they were). */
export function admissionOf(s: CandidatureState): AdmissionDetails {
  return s.admission ?? NO_ADMISSION_DETAILS;
}

export function stageOf(s: CandidatureState): Stage {
  if (isCancelled(s)) return 'cancelled';
  if (s.confirmation.answer === 'withdrawn') return 'withdrawn';
  if (s.confirmation.answer === 'confirmed') return 'confirmed';
  if (lastValidatedOpinion(s)) return 'decided';
  if (s.dates.transmittedAt !== null || s.dossierStatus !== 'AT') return 'transmitted';
  return 'draft';
}

/** The return deadline in force (formation date, or a later override), as an instant; null: none. */
export function effectiveReturnDeadline(s: CandidatureState): string | null {
  return returnDeadline(s.input.formation, s.overrides?.returnDeadline ?? null);
}

/** A validated favourable opinion, the last one entered: the offer the candidate answers. */
function favourableOffer(s: CandidatureState): OpinionEntry | undefined {
  const last = lastValidatedOpinion(s);
  return last && last.kind === 'FA' && last === lastOpinion(s) ? last : undefined;
}

/** In the formation's complementary list: the last validated opinion is LC and is the last entered. */
export function onWaitingList(s: CandidatureState): boolean {
  const last = lastValidatedOpinion(s);
  return !isCancelled(s) && last?.kind === 'LC' && last === lastOpinion(s);
}

/** Pieces still missing or refused, and questions without an answer (§3.2.3): what blocks transmission. */
export function missingItems(s: CandidatureState): LocalizedText[] {
  return [
    ...s.pieces
      .filter((p) => p.status === 'AT' || p.status === 'RE')
      .map((p) =>
        p.status === 'RE'
          ? { fr: `pièce ${p.label} (refusée)`, en: `document ${p.label} (refused: upload a new one)` }
          : { fr: `pièce ${p.label}`, en: `document ${p.label}` },
      ),
    ...s.questions.filter((q) => q.answer === null && !q.notConcerned).map((q) => ({ fr: `question ${q.label}`, en: `question ${q.label}` })),
  ];
}

/** Why the candidate may not edit the file now (§3.2.2), or null when they may. */
function fileLocked(s: CandidatureState, now: Date): LocalizedText | null {
  if (isCancelled(s)) return CANCELLED;
  if (s.dossierStatus !== 'AT' && s.dossierStatus !== 'IN')
    return {
      fr: `Le dossier a déjà été transmis (statut ${s.dossierStatus}) : il n'est plus modifiable.`,
      en: `The file has already been sent (status ${s.dossierStatus}): it can no longer be changed.`,
    };
  const deadline = effectiveReturnDeadline(s);
  if (deadline !== null && now > new Date(deadline))
    return {
      fr: `La date limite de retour du dossier (${when(deadline).fr}) est dépassée.`,
      en: `The deadline for sending the file (${when(deadline).en}) has passed: it can no longer be changed.`,
    };
  return null;
}

function opinionEntry(index: number, type: DecisionTypeRef, args: Partial<OpinionArgs>, by: string, at: string): OpinionEntry {
  return {
    index,
    decisionType: type.code,
    kind: type.kind,
    exportsToSis: type.exportsToSis,
    mailCode: type.mailCode,
    ...(type.showsComment !== undefined ? { showsComment: type.showsComment } : {}),
    comment: args.comment ?? null,
    motiveCode: args.motiveCode ?? null,
    lcRank: args.lcRank ?? null,
    interview: args.interview ?? null,
    appeal: args.appeal ?? false,
    promotion: false,
    enteredAt: at,
    enteredBy: by,
    validated: false,
    validatedAt: null,
    validatedBy: null,
    deletedAt: null,
    deletedBy: null,
  };
}

/** The variables of a decision mail (§3.3): comment, motive (DE), interview (PR), rank (LC). */
function decisionMailVariables(e: OpinionEntry, deadline: string | null): MailVariables {
  return {
    commentaire: e.comment,
    motif: e.motiveCode,
    rang: e.lcRank,
    complementPreselect: e.interview ? `${e.interview.date} ${e.interview.time}, ${e.interview.place}` : null,
    complementAppel: e.appeal ? 'appel' : null,
    dateConfirm: deadline,
  };
}

/** The confirmation block for a favourable offer published `at` (deadline, reminder). */
function offerConfirmation(s: CandidatureState, at: Date, promotion: boolean): CandidatureState['confirmation'] {
  const deadline = confirmationDeadline(s.input.formation, at, { override: s.overrides?.confirmationDeadline ?? null, promotion });
  return {
    deadline,
    answer: null,
    answeredAt: null,
    answeredBy: null,
    reminderAt: deadline ? reminderAt(deadline, parametersOf(s).reminderDaysBefore, at.toISOString()) : null,
    remindedAt: null,
  };
}

// ---------------------------------------------------------------------------------------------
// The rules: decide(state, command, actor, now) → new state + side effects, or a refusal

export function decide(s: CandidatureState, cmd: Command, actor: ActingUser, now: Date): Decision {
  const at = now.toISOString();
  const next = (patch: Partial<CandidatureState>, effects: SideEffect[]): Decision => ({ ok: true, state: { ...s, ...patch, seq: s.seq + 1 }, effects });
  const forCandidate = actor.kind === 'candidate' || hasRight(actor, 'GEST_FEN_CAND');

  if (s.archived && cmd.type !== 'retryExport')
    return conflict({
      fr: `La campagne ${s.input.campaign.code} est archivée : la candidature n'est plus modifiable.`,
      en: `The campaign ${s.input.campaign.code} is archived: the application can no longer be changed.`,
    });

  switch (cmd.type) {
    case 'transmit': {
      if (!forCandidate) return forbidden({ fr: 'Seul le candidat transmet son dossier.', en: 'Only the candidate sends their file.' });
      const locked = fileLocked(s, now);
      if (locked) return conflict(locked);
      const missing = missingItems(s);
      if (missing.length)
        return conflict({
          fr: `Le dossier est incomplet : ${missing.map((m) => m.fr).join(', ')}.`,
          en: `The file is incomplete: provide ${missing.map((m) => m.en).join(', ')} (or declare it “not concerned” where allowed), then send it again.`,
        });
      return next({ dossierStatus: 'RE', dates: { ...s.dates, transmittedAt: at, receivedAt: at, statusChangedAt: at } }, [
        { type: 'mail', code: 'STATUT_RE', to: 'candidate' },
        { type: 'mail', code: 'COMMISSION_ALERT_TRANSMISSION', to: 'commission' },
      ]);
    }

    case 'cancel': {
      if (actor.kind !== 'candidate')
        return forbidden({ fr: 'Seul le candidat peut annuler sa candidature.', en: 'Only the candidate may cancel their application.' });
      if (isCancelled(s)) return conflict({ fr: 'La candidature est déjà annulée.', en: 'This application is already cancelled.' });
      if (live(s).length > 0)
        return conflict({
          fr: 'Une décision a déjà été saisie : la candidature ne peut plus être annulée.',
          en: 'A decision has already been entered: the application can no longer be cancelled.',
        });
      if (s.dossierStatus !== 'AT')
        return conflict({
          fr: 'Le dossier a déjà été transmis : la candidature ne peut plus être annulée.',
          en: 'The file has already been sent: the application can no longer be cancelled. Once you receive a favourable decision you may withdraw instead.',
        });
      const fileIds = s.pieces.filter((p) => p.fileId !== null && !p.shared).map((p) => p.fileId!);
      return next({ dates: { ...s.dates, cancelledAt: at } }, [
        { type: 'mail', code: 'CANDIDATURE_ANNULATION', to: 'candidate' },
        { type: 'mail', code: 'COMMISSION_ALERT_ANNULATION', to: 'commission' },
        ...(fileIds.length ? [{ type: 'deleteFiles', fileIds } as const] : []),
      ]);
    }

    case 'submitPiece':
    case 'declareNotConcerned':
    case 'answerQuestion': {
      if (!forCandidate) return forbidden({ fr: 'Seul le candidat complète son dossier.', en: 'Only the candidate completes their file.' });
      const locked = fileLocked(s, now);
      if (locked) return conflict(locked);
      if (cmd.type === 'answerQuestion' || (cmd.type === 'declareNotConcerned' && cmd.item === 'question')) {
        const q = s.questions.find((x) => x.code === cmd.code);
        if (!q)
          return invalid({
            fr: `Question inconnue pour cette formation : ${cmd.code}.`,
            en: `Unknown question for this programme: ${cmd.code}. Choose one of the questions listed on the application.`,
          });
        if (cmd.type === 'declareNotConcerned' && !q.conditional)
          return invalid({
            fr: `La question ${q.label} est obligatoire : « non concerné » impossible.`,
            en: `The question ${q.label} is mandatory: “not concerned” is not possible, answer it.`,
          });
        if (cmd.type === 'answerQuestion' && !cmd.answer.trim()) return invalid({ fr: 'La réponse est vide.', en: 'The answer is empty: type your answer.' });
        const answered: QuestionState =
          cmd.type === 'answerQuestion' ? { ...q, answer: cmd.answer.trim(), notConcerned: false } : { ...q, answer: null, notConcerned: true };
        return next({ questions: s.questions.map((x) => (x.code === q.code ? answered : x)) }, []);
      }
      const p = s.pieces.find((x) => x.code === cmd.code);
      if (!p) return invalid(unknownPiece(cmd.code));
      if (p.status === 'VA')
        return conflict({
          fr: `La pièce ${p.label} est déjà validée.`,
          en: `The document ${p.label} has already been accepted: it can no longer be replaced.`,
        });
      if (cmd.type === 'declareNotConcerned' && !p.conditional)
        return invalid({
          fr: `La pièce ${p.label} est obligatoire : « non concerné » impossible.`,
          en: `The document ${p.label} is mandatory: “not concerned” is not possible, upload it.`,
        });
      const piece: PieceState =
        cmd.type === 'submitPiece'
          ? { ...p, status: 'TR', fileId: cmd.fileId, comment: null, by: actor.login, at }
          : { ...p, status: 'NC', fileId: null, comment: null, by: actor.login, at };
      return next({ pieces: s.pieces.map((x) => (x.code === p.code ? piece : x)) }, []);
    }

    case 'removePiece': {
      if (!forCandidate) return forbidden({ fr: 'Seul le candidat complète son dossier.', en: 'Only the candidate completes their file.' });
      if (s.dates.transmittedAt)
        return conflict({
          fr: 'Le dossier est transmis : une pièce ne peut plus être supprimée, seulement remplacée.',
          en: 'The file has been sent: a document can no longer be deleted, only replaced.',
        });
      const locked = fileLocked(s, now);
      if (locked) return conflict(locked);
      const p = s.pieces.find((x) => x.code === cmd.code);
      if (!p) return invalid(unknownPiece(cmd.code));
      if (p.fileId === null && p.status !== 'NC')
        return conflict({ fr: `Aucun fichier n’est déposé pour la pièce ${p.label}.`, en: `No file has been uploaded for the document ${p.label}.` });
      const piece: PieceState = { ...p, status: 'AT', fileId: null, comment: null, by: actor.login, at };
      return next({ pieces: s.pieces.map((x) => (x.code === p.code ? piece : x)) }, p.fileId !== null ? [{ type: 'deleteFiles', fileIds: [p.fileId] }] : []);
    }

    case 'setPieceStatus': {
      if (!hasRight(actor, 'EDIT_STATUT_DOSSIER')) return needsRight('EDIT_STATUT_DOSSIER');
      if (isCancelled(s)) return conflict(CANCELLED);
      if (!PIECE_STATUSES.includes(cmd.status))
        return invalid({
          fr: `Statut de pièce inconnu : ${String(cmd.status)}.`,
          en: `Unknown document status: ${String(cmd.status)} (expected ${PIECE_STATUSES.join(', ')}).`,
        });
      const p = s.pieces.find((x) => x.code === cmd.code);
      if (!p) return invalid(unknownPiece(cmd.code));
      if (cmd.status === 'RE' && !cmd.comment?.trim())
        return invalid({
          fr: 'Un refus de pièce exige un commentaire pour le candidat.',
          en: 'Refusing a document needs a comment for the candidate: say what to provide instead.',
        });
      const piece: PieceState = { ...p, status: cmd.status, comment: cmd.comment?.trim() || null, by: actor.login, at };
      return next({ pieces: s.pieces.map((x) => (x.code === p.code ? piece : x)) }, []);
    }

    case 'setDossierStatus': {
      if (!hasRight(actor, 'EDIT_STATUT_DOSSIER')) return needsRight('EDIT_STATUT_DOSSIER');
      if (!DOSSIER_STATUSES.includes(cmd.status))
        return invalid({
          fr: `Statut de dossier inconnu : ${String(cmd.status)}.`,
          en: `Unknown file status: ${String(cmd.status)} (expected ${DOSSIER_STATUSES.join(', ')}).`,
        });
      if (isCancelled(s)) return conflict(CANCELLED);
      if (s.dossierStatus === cmd.status)
        return conflict({ fr: `Le dossier est déjà au statut ${cmd.status}.`, en: `The file already has the status ${cmd.status}: choose another one.` });
      const dateField = ({ AT: null, RE: 'receivedAt', IN: 'incompleteAt', CO: 'completedAt' } as const)[cmd.status];
      const dates = { ...s.dates, statusChangedAt: at, ...(dateField ? { [dateField]: at } : {}) };
      return next({ dossierStatus: cmd.status, dates }, [{ type: 'mail', code: `STATUT_${cmd.status}`, to: 'candidate' }]);
    }

    case 'changeTraitement': {
      if (!hasRight(actor, 'EDIT_TYPTRAIT')) return needsRight('EDIT_TYPTRAIT');
      if (!TRAITEMENTS.includes(cmd.traitement))
        return invalid({
          fr: `Type de traitement inconnu : ${String(cmd.traitement)}.`,
          en: `Unknown processing type: ${String(cmd.traitement)} (expected ${TRAITEMENTS.join(', ')}).`,
        });
      if (isCancelled(s)) return conflict(CANCELLED);
      if (lastValidatedOpinion(s))
        return conflict({
          fr: 'Une décision est publiée : le type de traitement ne change plus.',
          en: 'A decision has been published: the processing type can no longer change.',
        });
      if (s.traitement.code === cmd.traitement)
        return conflict({
          fr: `Le type de traitement est déjà ${cmd.traitement}.`,
          en: `The processing type is already ${cmd.traitement}: choose another one.`,
        });
      // §3.2.6: a change to AC is validated at once (mail TYPE_TRAIT_AC); the others wait for validation.
      const toAc = cmd.traitement === 'AC';
      return next({ traitement: { code: cmd.traitement, validated: toAc } }, toAc ? [{ type: 'mail', code: 'TYPE_TRAIT_AC', to: 'candidate' }] : []);
    }

    case 'validateTraitement': {
      if (!hasRight(actor, 'VALID_TYPTRAIT')) return needsRight('VALID_TYPTRAIT');
      if (isCancelled(s)) return conflict(CANCELLED);
      if (s.traitement.validated) return conflict({ fr: 'Le type de traitement est déjà validé.', en: 'The processing type has already been validated.' });
      const traitement = { ...s.traitement, validated: true };
      if (s.traitement.code === 'AT') return next({ traitement }, [{ type: 'mail', code: 'TYPE_TRAIT_ATT', to: 'candidate' }]);
      if (s.traitement.code === 'AC') return next({ traitement }, [{ type: 'mail', code: 'TYPE_TRAIT_AC', to: 'candidate' }]);
      // AD: an automatic, validated favourable decision (the formation's favourable type).
      const type = s.input.formation.favourableDecisionType;
      if (!type)
        return conflict({
          fr: "La formation n'a pas de type de décision favorable : l'accès direct ne peut pas être validé.",
          en: 'The programme has no favourable decision type: direct access cannot be validated. Set one on the programme first.',
        });
      if (s.confirmation.answer !== null)
        return conflict({
          fr: 'Le candidat a déjà répondu à une décision.',
          en: 'The candidate has already answered a decision: direct access can no longer be validated.',
        });
      const entry: OpinionEntry = { ...opinionEntry(s.opinions.length, type, {}, actor.login, at), validated: true, validatedAt: at, validatedBy: actor.login };
      const confirmation = offerConfirmation(s, now, false);
      return next({ traitement, opinions: [...s.opinions, entry], confirmation }, [
        { type: 'mail', code: 'TYPE_TRAIT_AD', to: 'candidate', variables: { dateConfirm: confirmation.deadline } },
        ...(lastValidatedOpinion(s)?.kind === 'LC' ? [{ type: 'waitingList', event: 'left' } as const] : []),
      ]);
    }

    case 'enterOpinion': {
      if (!hasRight(actor, 'EDIT_AVIS')) return needsRight('EDIT_AVIS');
      if (isCancelled(s)) return conflict(CANCELLED);
      if (s.dates.transmittedAt === null && s.dossierStatus === 'AT')
        return conflict({
          fr: "Le dossier n'a pas encore été transmis ni réceptionné.",
          en: 'The file has not been sent nor received yet: an opinion can be entered once it has.',
        });
      if (s.confirmation.answer !== null) return conflict(ANSWERED);
      if (cmd.mass && parametersOf(s).blockMassEntry && lastValidatedOpinion(s))
        return conflict({
          fr: 'Un avis validé existe : la saisie en masse est bloquée pour cette candidature (GEST_IS_UTILISE_BLOCAGE_MASSE).',
          en: 'A validated opinion exists: mass entry is blocked for this application (GEST_IS_UTILISE_BLOCAGE_MASSE); enter its opinion on its own.',
        });
      const problems = opinionArgumentProblems(cmd.decisionType.kind, cmd);
      if (problems.length) {
        const messages = problems.map(opinionProblemMessage);
        const distinct = (lang: 'fr' | 'en') => [...new Set(messages.map((m) => m[lang]))].join(' ');
        return invalid(
          { fr: distinct('fr'), en: distinct('en') },
          problems.map((p, i) => ({ field: p.field, message: messages[i]! })),
        );
      }
      const entry = opinionEntry(s.opinions.length, cmd.decisionType, cmd, actor.login, at);
      return next({ opinions: [...s.opinions, entry] }, []);
    }

    case 'validateOpinion': {
      if (!hasRight(actor, 'VALID_AVIS')) return needsRight('VALID_AVIS');
      if (isCancelled(s)) return conflict(CANCELLED);
      const last = lastOpinion(s);
      if (!last) return conflict({ fr: "Aucun avis n'a été saisi.", en: 'No opinion has been entered: enter one before validating it.' });
      if (last.validated) return conflict({ fr: 'Le dernier avis est déjà validé.', en: 'The last opinion has already been validated.' });
      if (s.confirmation.answer !== null) return conflict(ANSWERED);
      const validated: OpinionEntry = { ...last, validated: true, validatedAt: at, validatedBy: actor.login };
      const confirmation = last.kind === 'FA' ? offerConfirmation(s, now, false) : { ...s.confirmation, deadline: null, reminderAt: null };
      const waiting: SideEffect[] = [];
      if (last.kind === 'LC') waiting.push({ type: 'waitingList', event: 'joined', rank: last.lcRank });
      else if (lastValidatedOpinion(s)?.kind === 'LC') waiting.push({ type: 'waitingList', event: 'left' });
      return next({ opinions: s.opinions.map((o) => (o.index === last.index ? validated : o)), confirmation }, [
        { type: 'mail', code: last.mailCode, to: 'candidate', variables: decisionMailVariables(last, confirmation.deadline) },
        ...waiting,
      ]);
    }

    case 'deleteOpinion': {
      if (!hasRight(actor, 'EDIT_AVIS')) return needsRight('EDIT_AVIS');
      if (isCancelled(s)) return conflict(CANCELLED);
      const entry = s.opinions.find((o) => o.index === cmd.index && !o.deletedAt);
      if (!entry)
        return invalid({
          fr: `Aucun avis n° ${cmd.index} dans l'historique.`,
          en: `There is no opinion no. ${cmd.index} in the history: choose one that is listed and not deleted.`,
        });
      const wasOffer = entry === favourableOffer(s);
      if (entry.validated && entry === lastValidatedOpinion(s) && s.confirmation.answer !== null)
        return conflict({
          fr: 'Le candidat a répondu à cet avis : il ne peut plus être supprimé.',
          en: 'The candidate has answered this opinion: it can no longer be deleted.',
        });
      const opinions = s.opinions.map((o) => (o === entry ? { ...o, deletedAt: at, deletedBy: actor.login } : o));
      const after: CandidatureState = { ...s, opinions };
      // The offer is gone: no deadline, no reminder. Waiting-list membership follows the new last opinion.
      const confirmation = wasOffer ? { ...s.confirmation, deadline: null, reminderAt: null } : s.confirmation;
      const waiting: SideEffect[] = onWaitingList(s) && !onWaitingList(after) ? [{ type: 'waitingList', event: 'left' }] : [];
      return next({ opinions, confirmation }, waiting);
    }

    case 'promote': {
      if (actor.kind !== 'system')
        return forbidden({ fr: 'La promotion depuis la liste complémentaire est automatique.', en: 'Promotion from the complementary list is automatic.' });
      if (!onWaitingList(s))
        return conflict({
          fr: "La candidature n'est pas (ou plus) en liste complémentaire.",
          en: 'The application is not (or no longer) on the complementary list.',
        });
      if (cmd.decisionType.kind !== 'FA')
        return invalid({ fr: 'Une promotion donne un avis favorable.', en: 'A promotion gives a favourable opinion: use a favourable decision type.' });
      const entry: OpinionEntry = {
        ...opinionEntry(s.opinions.length, cmd.decisionType, {}, actor.login, at),
        promotion: true,
        validated: true,
        validatedAt: at,
        validatedBy: actor.login,
      };
      const confirmation = offerConfirmation(s, now, true);
      return next({ opinions: [...s.opinions, entry], confirmation }, [
        { type: 'mail', code: cmd.decisionType.mailCode, to: 'candidate', variables: decisionMailVariables(entry, confirmation.deadline) },
        { type: 'mail', code: 'COMMISSION_ALERT_LISTE_PRINC', to: 'commission' },
      ]);
    }

    case 'confirm': {
      if (!forCandidate)
        return forbidden({
          fr: 'Seul le candidat (ou un gestionnaire habilité GEST_FEN_CAND) confirme.',
          en: 'Only the candidate (or a manager with the GEST_FEN_CAND right) confirms.',
        });
      if (isCancelled(s)) return conflict(CANCELLED);
      const offer = favourableOffer(s);
      if (!offer)
        return conflict({
          fr: "Aucun avis favorable validé n'attend de confirmation.",
          en: 'No validated favourable decision is waiting for confirmation: you can confirm once one is published.',
        });
      if (s.confirmation.answer !== null)
        return conflict(
          s.confirmation.answer === 'confirmed'
            ? { fr: 'Le candidat a déjà répondu (confirmé).', en: 'The candidate has already answered (confirmed).' }
            : { fr: 'Le candidat a déjà répondu (désisté).', en: 'The candidate has already answered (withdrawn).' },
        );
      // §3.2.10: managers with GEST_FEN_CAND may answer at any time; the candidate only until the deadline.
      if (actor.kind === 'candidate' && s.confirmation.deadline !== null && now > new Date(s.confirmation.deadline))
        return conflict({
          fr: `La date limite de confirmation (${when(s.confirmation.deadline).fr}) est dépassée.`,
          en: `The confirmation deadline (${when(s.confirmation.deadline).en}) has passed: contact the commission.`,
        });
      const exports = offer.exportsToSis && s.input.campaign.sisType !== 'D';
      return next(
        {
          confirmation: { ...s.confirmation, answer: 'confirmed', answeredAt: at, answeredBy: actor.login },
          export: exports ? { status: 'pending', at: null, error: null, version: s.export.version + 1, kind: 'admission' } : s.export,
        },
        [{ type: 'mail', code: 'CANDIDATURE_CONFIRM', to: 'candidate' }, ...(exports ? [{ type: 'export' } as const] : [])],
      );
    }

    case 'withdraw':
    case 'autoWithdraw': {
      const auto = cmd.type === 'autoWithdraw';
      if (auto ? actor.kind !== 'system' : !forCandidate)
        return forbidden({
          fr: 'Le désistement appartient au candidat (ou à un gestionnaire habilité GEST_FEN_CAND).',
          en: 'Only the candidate (or a manager with the GEST_FEN_CAND right) may withdraw.',
        });
      if (isCancelled(s)) return conflict(CANCELLED);
      if (!favourableOffer(s))
        return conflict({
          fr: "Aucun avis favorable validé : il n'y a rien dont se désister.",
          en: 'No validated favourable decision: there is nothing to withdraw from. To give up a file not yet sent, cancel the application.',
        });
      if (s.confirmation.answer === 'withdrawn') return conflict({ fr: 'Le candidat s’est déjà désisté.', en: 'The candidate has already withdrawn.' });
      if (auto && (s.confirmation.answer !== null || !s.confirmation.deadline || now <= new Date(s.confirmation.deadline)))
        return conflict({
          fr: "Le désistement automatique n'a lieu qu'après la date limite, sans réponse.",
          en: 'Automatic withdrawal only happens after the deadline, without an answer.',
        });
      if (actor.kind === 'candidate' && s.confirmation.answer === null && s.confirmation.deadline !== null && now > new Date(s.confirmation.deadline))
        return conflict({
          fr: `La date limite de réponse (${when(s.confirmation.deadline).fr}) est dépassée.`,
          en: `The deadline for answering (${when(s.confirmation.deadline).en}) has passed: contact the commission.`,
        });
      // An admission already sent (or on its way) to the SIS is followed by its withdrawal (§3.2.10).
      const reexport = s.export.status !== 'none';
      return next(
        {
          confirmation: { ...s.confirmation, answer: 'withdrawn', answeredAt: at, answeredBy: actor.login },
          export: reexport ? { status: 'pending', at: null, error: null, version: s.export.version + 1, kind: 'withdrawal' } : s.export,
        },
        [
          { type: 'mail', code: auto ? 'CANDIDATURE_DESIST_AUTO' : 'CANDIDATURE_DESIST', to: 'candidate' },
          ...(auto ? [] : [{ type: 'mail', code: 'COMMISSION_ALERT_DESISTEMENT', to: 'commission' } as const]),
          ...(reexport ? [{ type: 'export' } as const] : []),
          { type: 'waitingList', event: 'seatFreed' },
        ],
      );
    }

    case 'remind': {
      if (actor.kind !== 'system') return forbidden({ fr: 'La relance est automatique.', en: 'The reminder is automatic.' });
      const due = s.confirmation.reminderAt;
      if (!favourableOffer(s) || s.confirmation.answer !== null || !due || s.confirmation.remindedAt)
        return conflict({ fr: 'Aucune relance due.', en: 'No reminder is due.' });
      if (now < new Date(due)) return conflict({ fr: `La relance est prévue le ${when(due).fr}.`, en: `The reminder is due on ${when(due).en}.` });
      return next({ confirmation: { ...s.confirmation, remindedAt: at } }, [
        { type: 'mail', code: 'CANDIDATURE_RELANCE_FAVO', to: 'candidate', variables: { dateConfirm: s.confirmation.deadline } },
      ]);
    }

    case 'setConfirmationDeadline':
    case 'setReturnDeadline': {
      const right = cmd.type === 'setConfirmationDeadline' ? 'GEST_DAT_CONFIRM' : 'GEST_DAT_RETOUR';
      if (!hasRight(actor, right)) return needsRight(right);
      if (isCancelled(s)) return conflict(CANCELLED);
      const instant = cmd.deadline === null ? null : overrideInstant(cmd.deadline);
      if (cmd.deadline !== null && !instant)
        return invalid({
          fr: `Date invalide : ${cmd.deadline} (attendu AAAA-MM-JJ ou un instant ISO 8601).`,
          en: `Invalid date: ${cmd.deadline} (expected YYYY-MM-DD or an ISO 8601 instant).`,
        });
      const overrides = {
        returnDeadline: null,
        confirmationDeadline: null,
        ...s.overrides,
        [cmd.type === 'setConfirmationDeadline' ? 'confirmationDeadline' : 'returnDeadline']: instant?.toISOString() ?? null,
      };
      if (cmd.type === 'setReturnDeadline') return next({ overrides }, []);
      if (s.confirmation.answer !== null)
        return conflict({
          fr: 'Le candidat a déjà répondu : la date de confirmation ne change plus.',
          en: 'The candidate has already answered: the confirmation date can no longer change.',
        });
      // The offer's deadline (and reminder) move with the override; the workflow's timer follows.
      const offer = favourableOffer(s);
      const confirmation = offer ? offerConfirmation({ ...s, overrides }, new Date(offer.validatedAt!), offer.promotion ?? false) : s.confirmation;
      return next({ overrides, confirmation: { ...confirmation, remindedAt: s.confirmation.remindedAt ?? null } }, []);
    }

    case 'applyFormationChange': {
      // Reference §4.4: a formation's dates and documents are read live until archiving, so a change
      // reaches every open candidature; its deadlines (and the workflow's timers) follow.
      if (actor.kind !== 'system')
        return forbidden({ fr: 'Un changement de formation est appliqué par le paramétrage.', en: 'A programme change is applied by the setup.' });
      if (isCancelled(s)) return conflict(CANCELLED);
      const { pieces: asked, questions: askedQuestions, ...fields } = cmd.formation;
      const formation = { ...s.input.formation, ...fields, pieces: asked, ...(askedQuestions ? { questions: askedQuestions } : {}) };
      const askedCodes = new Set(asked.map((p) => p.code));
      // Pieces asked now are kept with their status (label updated) or added to provide; pieces no
      // longer asked go, unless a file was already given for them.
      const pieces: PieceState[] = [
        ...asked.map((p) => {
          const had = s.pieces.find((x) => x.code === p.code);
          return had ? { ...had, ...p } : { ...p, status: 'AT' as const, fileId: null, comment: null, by: null, at: null };
        }),
        ...s.pieces.filter((p) => !askedCodes.has(p.code) && p.fileId !== null),
      ];
      // Questions likewise: kept with their answer, added to answer, dropped unless answered.
      const questions: QuestionState[] = askedQuestions
        ? [
            ...askedQuestions.map((q) => {
              const had = s.questions.find((x) => x.code === q.code);
              return had ? { ...had, ...q } : { ...q, answer: null, notConcerned: false };
            }),
            ...s.questions.filter((q) => !askedQuestions.some((a) => a.code === q.code) && q.answer !== null),
          ]
        : s.questions;
      const changed: CandidatureState = { ...s, input: { ...s.input, formation }, pieces, questions };
      const offer = favourableOffer(s);
      const confirmation =
        offer && s.confirmation.answer === null
          ? { ...offerConfirmation(changed, new Date(offer.validatedAt!), offer.promotion ?? false), remindedAt: s.confirmation.remindedAt ?? null }
          : s.confirmation;
      return next({ input: changed.input, pieces, questions, confirmation }, []);
    }

    case 'setTags': {
      if (!hasRight(actor, 'GEST_TAG')) return needsRight('GEST_TAG');
      const tags = [...new Set(cmd.tags.map((t) => t.trim()).filter(Boolean))];
      if (tags.some((t) => t.length > 50)) return invalid({ fr: 'Un tag fait au plus 50 caractères.', en: 'A tag is 50 characters at most: shorten it.' });
      return next({ tags }, []);
    }

    case 'setOpiCode': {
      if (!hasRight(actor, 'GEST_NUM_OPI')) return needsRight('GEST_NUM_OPI');
      if (isCancelled(s)) return conflict(CANCELLED);
      const opiCode = cmd.opiCode?.trim() || null;
      const before = admissionOf(s);
      // The candidate learns a new code by mail when the manager asks for it (reference §6: "optionally mail candidate").
      const mail: SideEffect[] =
        cmd.notify && opiCode !== null && opiCode !== before.opiCode
          ? [{ type: 'mail', code: 'CANDIDATURE_MODIF_COD_OPI', to: 'candidate', variables: { newCodeOpi: opiCode, formationsOpi: s.input.formation.label } }]
          : [];
      return next({ admission: { ...before, opiCode } }, mail);
    }

    case 'setRegime': {
      if (!hasRight(actor, 'GEST_REGIME')) return needsRight('GEST_REGIME');
      if (isCancelled(s)) return conflict(CANCELLED);
      return next({ admission: { ...admissionOf(s), regimeCode: cmd.regimeCode?.trim() || null } }, []);
    }

    case 'setFees': {
      if (!hasRight(actor, 'GEST_MONTANT')) return needsRight('GEST_MONTANT');
      if (isCancelled(s)) return conflict(CANCELLED);
      const amount = cmd.feeAmount;
      if (amount !== undefined && amount !== null && !(Number.isFinite(amount) && amount >= 0 && amount <= FEE_AMOUNT_MAX))
        return invalid({ fr: 'Montant des droits invalide.', en: 'Invalid fee amount: give a number of euros from 0.' }, [
          { field: 'feeAmount', message: { fr: `entre 0 et ${FEE_AMOUNT_MAX}`, en: `between 0 and ${FEE_AMOUNT_MAX}` } },
        ]);
      const before = admissionOf(s);
      // Absent: kept as it is; null or blank: removed.
      const text = (given: string | null | undefined, old: string | null) => (given === undefined ? old : given?.trim() || null);
      return next(
        {
          admission: {
            ...before,
            exemptionCategoryCode: text(cmd.exemptionCategoryCode, before.exemptionCategoryCode),
            exemptionComplement: text(cmd.exemptionComplement, before.exemptionComplement),
            feeAmount: amount === undefined ? before.feeAmount : amount === null ? null : Math.round(amount * 100) / 100,
          },
        },
        [],
      );
    }

    case 'retryExport': {
      if (!hasRight(actor, 'GEST_NUM_OPI')) return needsRight('GEST_NUM_OPI');
      if (s.export.status !== 'failed')
        return conflict({
          fr: `Aucun export en échec à relancer (statut ${s.export.status}).`,
          en: `There is no failed export to retry (status ${s.export.status}).`,
        });
      return next({ export: { ...s.export, status: 'pending', error: null } }, [{ type: 'export' }]);
    }
  }
}

/** Applies the outcome of a SIS export attempt for the current export version. */
export function applyExportOutcome(s: CandidatureState, outcome: ExportOutcome): CandidatureState {
  const exp = outcome.ok
    ? { ...s.export, status: 'done' as const, at: outcome.at, error: null }
    : { ...s.export, status: 'failed' as const, error: outcome.error };
  return { ...s, export: exp, seq: s.seq + 1 };
}

/** Marks the candidature read-only: its campaign is archived (signal from the campaign workflow). */
export function applyArchiving(s: CandidatureState, archived: { at: string; formationDates: Record<string, string | null> }): CandidatureState {
  return s.archived ? s : { ...s, archived, seq: s.seq + 1 };
}

/**
 * The next event the workflow must wake up for on its own (§3.2.12–13): the reminder of an
 * unanswered offer, then its automatic withdrawal at the deadline. Null when nothing is timed.
 */
export function nextTimedEvent(s: CandidatureState): { at: string; cmd: Command; actor: ActingUser } | null {
  if (s.archived || isCancelled(s) || !favourableOffer(s) || s.confirmation.answer !== null || !s.confirmation.deadline) return null;
  const { reminderAt: remindAt, remindedAt } = s.confirmation;
  if (remindAt && !remindedAt && new Date(remindAt) < new Date(s.confirmation.deadline))
    return { at: remindAt, cmd: { type: 'remind' }, actor: SYSTEM_REMINDER };
  // Withdrawal the first millisecond after the deadline (the deadline itself still accepts an answer).
  return { at: new Date(new Date(s.confirmation.deadline).getTime() + 1).toISOString(), cmd: { type: 'autoWithdraw' }, actor: AUTO_DESIST };
}

// ---------------------------------------------------------------------------------------------
// Views

/** The transitions this actor may attempt now: those of the catalogue one of whose probes `decide` accepts. */
export function allowedActions(s: CandidatureState, actor: ActingUser, now: Date): string[] {
  const actions: string[] = TRANSITION_NAMES.filter((name) => {
    const probes: readonly object[] = (transitions[name] as { probes?: readonly object[] }).probes ?? [];
    return probes.some((args) => decide(s, { ...args, type: name } as Command, actor, now).ok);
  });
  // The file's items: the candidate may edit them while the file is open.
  if ((actor.kind === 'candidate' || hasRight(actor, 'GEST_FEN_CAND')) && !s.archived && fileLocked(s, now) === null && (s.pieces.length || s.questions.length))
    actions.push('editFile');
  if (hasRight(actor, 'EDIT_STATUT_DOSSIER') && !s.archived && !isCancelled(s) && s.pieces.length) actions.push('setPieceStatus');
  return actions;
}

function publicEntry(e: OpinionEntry): OpinionEntryView {
  const { exportsToSis: _e, mailCode: _m, showsComment: _s, ...view } = e;
  return view;
}

/** The full view (staff), without `allowedActions` (they depend on the reader: `viewFor`). */
export function toView(s: CandidatureState): CandidatureView {
  const last = lastOpinion(s);
  return {
    id: s.input.candidatureId,
    workflowId: candidatureWorkflowId(s.input.candidatureId),
    campaignCode: s.input.campaign.code,
    sisType: s.input.campaign.sisType,
    formationCode: s.input.formation.code,
    formationLabel: s.input.formation.label,
    commissionCode: s.input.formation.commissionCode,
    candidate: s.input.candidate,
    proposition: s.input.proposition ?? false,
    stage: stageOf(s),
    dossierStatus: s.dossierStatus,
    traitement: s.traitement,
    pieces: (s.pieces ?? []).map(({ code, label, conditional, status, fileId, comment, by, at }) => ({
      code,
      label,
      conditional,
      status,
      fileId,
      comment,
      by,
      at,
    })),
    questions: (s.questions ?? []).map(({ code, label, conditional, answer, notConcerned }) => ({ code, label, conditional, answer, notConcerned })),
    returnDeadline: effectiveReturnDeadline(s),
    opinion: last
      ? { kind: last.kind, decisionType: last.decisionType, validated: last.validated, comment: last.comment, validatedAt: last.validatedAt }
      : null,
    opinions: s.opinions.map(publicEntry),
    confirmation: {
      deadline: s.confirmation.deadline,
      answer: s.confirmation.answer,
      answeredAt: s.confirmation.answeredAt,
      answeredBy: s.confirmation.answeredBy,
      reminderAt: s.confirmation.reminderAt ?? null,
      remindedAt: s.confirmation.remindedAt ?? null,
    },
    overrides: s.overrides ?? { returnDeadline: null, confirmationDeadline: null },
    tags: s.tags ?? [],
    admission: admissionOf(s),
    export: { status: s.export.status, at: s.export.at, error: s.export.error, version: s.export.version },
    dates: s.dates,
    archivedAt: s.archived?.at ?? null,
    allowedActions: [],
    seq: s.seq,
  };
}

/** The view as this reader may see it, with the actions they may attempt now. */
export function viewFor(s: CandidatureState, actor: ActingUser, now: Date): CandidatureView {
  const view = toView(s);
  const hiddenComments = new Set(s.opinions.filter((o) => o.showsComment === false).map((o) => o.index));
  return { ...(actor.kind === 'candidate' ? candidateView(view, hiddenComments) : view), allowedActions: allowedActions(s, actor, now) };
}

/**
 * What a candidate may see: only the last validated opinion (its comment only when its decision type
 * shows it: `hiddenComments` are the indexes of the others), no history, no tags, no internal fields.
 */
export function candidateView(view: CandidatureView, hiddenComments: ReadonlySet<number> = new Set()): CandidatureView {
  const validated = [...view.opinions].reverse().find((o) => o.validated && !o.deletedAt);
  return {
    ...view,
    opinion: validated
      ? {
          kind: validated.kind,
          decisionType: validated.decisionType,
          validated: true,
          comment: hiddenComments.has(validated.index) ? null : validated.comment,
          validatedAt: validated.validatedAt,
        }
      : null,
    opinions: [],
    tags: [],
  };
}
