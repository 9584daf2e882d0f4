// The candidature workflow's contract, the one place its messages are defined: its id, the view it
// answers, and every transition (an Update) with the zod schema of its arguments and the HTTP routes
// that run it. Everything else derives from this table:
//   - the rules: `Command` (domain/candidature.ts `decide` has one case per transition);
//   - the workflow: one Update handler per entry (workflows/candidature.ts);
//   - the API: one route per entry's route (api/routes/transitions.ts), body and params from `args`;
//   - mass actions: the entries marked `bulk` (contracts/bulk.ts, workflows/bulk.ts);
//   - the web app: `api.transition(name, …)` typed by `args` (web/src/api.ts).
// Adding a transition = one entry here, one case in `decide`, one button.
// Pure data and zod schemas: no Temporal runtime import (the web app imports this file).
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import {
  CONFIRMATION_ANSWERS,
  DOSSIER_STATUSES,
  EXPORT_STATUSES,
  OPINION_KINDS,
  PIECE_STATUSES,
  SIS_TYPES,
  STAGES,
  TRAITEMENTS,
  type DossierStatus,
  type Traitement,
} from '../domain/codes.ts';
import type { ActingUser } from './actors.ts';

// ---------------------------------------------------------------------------------------------
// The workflow

/** Workflow type name of a candidature. */
export const CANDIDATURE_WORKFLOW = 'candidatureWorkflow';

/** One workflow per candidature; its id is derived from the candidature id (the business key). */
export function candidatureWorkflowId(candidatureId: string): string {
  return `candidature-${candidatureId}`;
}

// ---------------------------------------------------------------------------------------------
// The view: what every transition answers and what the API sends (a candidate's version hides
// what they may not see: domain/candidature.ts `viewFor`).

const instant = z.string().describe('ISO 8601 instant');
const nullableInstant = instant.nullable();

/** A decision type as the API resolved it from the configuration when the opinion was entered. */
export const DecisionTypeRef = z.object({
  code: z.string(),
  kind: z.enum(OPINION_KINDS),
  exportsToSis: z.boolean(),
  mailCode: z.string(),
  /** Whether the candidate reads the opinion's comment (tem_aff_comment_typ_dec); absent in opinions entered before it was carried: shown. */
  showsComment: z.boolean().optional(),
});
export type DecisionTypeRef = z.infer<typeof DecisionTypeRef>;

/** A supporting document (pièce justificative) or a question the formation asks for. */
export const RequiredItem = z.object({
  code: z.string(),
  label: z.string(),
  /** Conditional: the candidate may declare it "not concerned" (NC). */
  conditional: z.boolean(),
  /** Common to every candidature of the candidate (scol-centrale / centre common PJ): its file is shared. */
  shared: z.boolean().optional(),
});
export type RequiredItem = z.infer<typeof RequiredItem>;

/** What a change of a formation's setup brings to its running candidatures (api/setup/formations.ts). */
export const FormationChange = z.object({
  label: z.string(),
  returnDeadline: z.string().nullable(),
  confirmationOn: z.string().nullable(),
  confirmationDelayDays: z.number().int().nullable(),
  lcConfirmationOn: z.string().nullable(),
  lcConfirmationDelayDays: z.number().int().nullable(),
  pieces: z.array(RequiredItem).describe('The supporting documents asked now (common and the formation’s own)'),
  questions: z.array(RequiredItem).optional().describe('The questions asked now (absent: unchanged)'),
});
export type FormationChange = z.infer<typeof FormationChange>;

export const Interview = z
  .object({ date: z.iso.date(), time: z.string().regex(/^\d{2}:\d{2}$/), place: z.string().min(1).max(255) })
  .describe('Preselection (PR): the interview the candidate is invited to (date YYYY-MM-DD, time HH:MM)');
export type Interview = z.infer<typeof Interview>;

export const OpinionEntryView = z.object({
  /** Position in the append-only history (0-based). */
  index: z.number().int(),
  decisionType: z.string(),
  kind: z.enum(OPINION_KINDS),
  comment: z.string().nullable(),
  motiveCode: z.string().nullable(),
  lcRank: z.number().int().nullable(),
  interview: z.object({ date: z.string(), time: z.string(), place: z.string() }).nullish().describe('Preselection (PR): the interview'),
  appeal: z.boolean(),
  promotion: z.boolean().optional().describe('Given by a promotion from the complementary list'),
  enteredAt: instant,
  enteredBy: z.string(),
  validated: z.boolean(),
  validatedAt: nullableInstant,
  validatedBy: z.string().nullable(),
  /** Deleted from the history (it stays in the append-only history, marked). */
  deletedAt: nullableInstant.optional(),
  deletedBy: z.string().nullable().optional(),
});
export type OpinionEntryView = z.infer<typeof OpinionEntryView>;

export const PieceView = z.object({
  code: z.string(),
  label: z.string(),
  conditional: z.boolean(),
  status: z.enum(PIECE_STATUSES),
  fileId: z.number().int().nullable(),
  /** The manager's comment (a refusal says why). */
  comment: z.string().nullable(),
  by: z.string().nullable(),
  at: nullableInstant,
});
export type PieceView = z.infer<typeof PieceView>;

export const QuestionView = z.object({
  code: z.string(),
  label: z.string(),
  conditional: z.boolean(),
  answer: z.string().nullable(),
  notConcerned: z.boolean(),
});
export type QuestionView = z.infer<typeof QuestionView>;

/** The admission details managers enter for the SIS (GEST_NUM_OPI, GEST_REGIME, GEST_MONTANT): as the view shows them. */
export const AdmissionDetails = z.object({
  opiCode: z.string().nullable().describe('Admission (OPI) code'),
  regimeCode: z.string().nullable().describe('Enrolment regime (SIS referential sis_regime)'),
  exemptionCategoryCode: z.string().nullable().describe('Fee exemption category (SIS referential sis_exemption_category)'),
  exemptionComplement: z.string().nullable(),
  feeAmount: z.number().nullable().describe('Registration fees in euros'),
});
export type AdmissionDetails = z.infer<typeof AdmissionDetails>;

export const CandidatureView = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    campaignCode: z.string(),
    sisType: z.enum(SIS_TYPES),
    formationCode: z.string(),
    formationLabel: z.string(),
    commissionCode: z.string(),
    candidate: z.object({ accountId: z.number().int(), dossierNumber: z.string(), firstName: z.string(), lastName: z.string() }),
    proposition: z.boolean().describe('Made by a manager as a proposition (§3.2.1)'),
    stage: z.enum(STAGES),
    dossierStatus: z.enum(DOSSIER_STATUSES),
    traitement: z.object({ code: z.enum(TRAITEMENTS), validated: z.boolean() }),
    pieces: z.array(PieceView).describe('Supporting documents and their status (AT/TR/VA/RE/NC)'),
    questions: z.array(QuestionView),
    returnDeadline: nullableInstant.describe('Return deadline in force (formation date or a later override)'),
    opinion: z
      .object({ kind: z.enum(OPINION_KINDS), decisionType: z.string(), validated: z.boolean(), comment: z.string().nullable(), validatedAt: nullableInstant })
      .nullable()
      .describe('For a candidate, the last validated opinion only; for staff the last entered one'),
    opinions: z.array(OpinionEntryView).describe('Whole opinion history (staff only; empty for candidates)'),
    confirmation: z.object({
      deadline: nullableInstant,
      answer: z.enum(CONFIRMATION_ANSWERS).nullable(),
      answeredAt: nullableInstant,
      answeredBy: z.string().nullable(),
      /** When the reminder mail is due, and when it went out. */
      reminderAt: nullableInstant,
      remindedAt: nullableInstant,
    }),
    overrides: z.object({ returnDeadline: nullableInstant, confirmationDeadline: nullableInstant }),
    tags: z.array(z.string()).describe('Tag ids (setup of tags); older candidatures may hold free-text tags'),
    admission: AdmissionDetails,
    export: z.object({ status: z.enum(EXPORT_STATUSES), at: nullableInstant, error: z.string().nullable(), version: z.number().int() }),
    dates: z.object({
      createdAt: instant,
      transmittedAt: nullableInstant,
      receivedAt: nullableInstant,
      completedAt: nullableInstant,
      incompleteAt: nullableInstant,
      statusChangedAt: nullableInstant,
      cancelledAt: nullableInstant,
    }),
    archivedAt: nullableInstant.describe('Set when the campaign is archived: read-only from then on'),
    allowedActions: z.array(z.string()).describe('Transitions the reader may attempt now (names of the transitions, plus editFile)'),
    seq: z.number().int().describe('Number of transitions applied so far: a later view has a higher one'),
  })
  .describe('A candidature as its reader may see it');
export type CandidatureView = z.infer<typeof CandidatureView>;

// ---------------------------------------------------------------------------------------------
// Transitions

/** Who calls a route: the candidate owning the candidature, a staff member in its scope, an admin. */
export type RouteActor = 'candidate' | 'staff' | 'admin';

export interface TransitionRoute {
  actor: RouteActor;
  method: 'POST' | 'PUT' | 'DELETE';
  /** `:id` is the candidature; any other `:param` is the argument of that name. */
  path: string;
  /** Arguments the route sets itself (not in the body). */
  fixed?: Readonly<Record<string, unknown>>;
  /** The body is multipart/form-data with one file (field "file"), stored before the Update; its id is the `fileId` argument. */
  upload?: true;
  /** A short description for the API documentation (defaults to the transition's). */
  summary?: string;
}

export interface TransitionSpec {
  summary: string;
  /** The Update's argument after the actor, as the workflow receives it. */
  args: z.ZodObject;
  /** The request body when it differs from `args` (codes the API resolves first: api/transition-inputs.ts). */
  body?: z.ZodObject;
  routes: readonly TransitionRoute[];
  /** Offered as a mass action on a selection (POST /api/staff/bulk). */
  bulk?: boolean;
  /** Sample arguments tried to list the transition in `allowedActions` (absent: never listed). */
  probes?: readonly object[];
}

/** What a supporting document may be (reference §8: PDF and images), and its size at most. */
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const code = z.string().min(1).max(30);
const none = z.object({});
const deadline = z.object({
  deadline: z.string().max(40).nullable().describe('A Paris day (YYYY-MM-DD, until the end of that day) or an ISO 8601 instant; null removes the override'),
});

/** Longest comment of an opinion. */
export const OPINION_COMMENT_MAX = 1000;

/** An opinion as a manager enters it: the decision type by its code (resolved by the API to a `DecisionTypeRef`). */
export const OpinionBody = z.object({
  decisionType: z.string().min(1).max(30),
  motiveCode: z.string().max(30).nullish(),
  /** Its range is the rule's (domain/opinion.ts), which names the field when it is wrong. */
  lcRank: z.number().int().nullish(),
  interview: Interview.nullish(),
  comment: z.string().max(OPINION_COMMENT_MAX).nullish(),
  appeal: z.boolean().optional(),
});
export type OpinionBody = z.infer<typeof OpinionBody>;

export const OpinionArgs = OpinionBody.extend({
  decisionType: DecisionTypeRef,
  /** Entered through a mass action: refused where a validated opinion exists (GEST_IS_UTILISE_BLOCAGE_MASSE). */
  mass: z.boolean().optional(),
});
export type OpinionArgs = z.infer<typeof OpinionArgs>;

/** Most a fee amount may be (the read model's numeric(10,2)). */
export const FEE_AMOUNT_MAX = 99_999_999.99;
const optionalCode = (max: number) => z.string().trim().min(1).max(max).nullish();
export const OpiCodeArgs = z.object({
  opiCode: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9]+$/, 'A-Z, 0-9')
    .nullable()
    .describe('The new code; null removes it'),
  notify: z.boolean().optional().describe('Mail the candidate the new code (CANDIDATURE_MODIF_COD_OPI)'),
});
export const RegimeArgs = z.object({ regimeCode: z.string().trim().min(1).max(10).nullable().describe('A code of the SIS regimes; null removes it') });
export const FeesArgs = z.object({
  exemptionCategoryCode: optionalCode(10).describe('A code of the SIS exemption categories; null removes it, absent keeps it'),
  exemptionComplement: z.string().trim().max(255).nullish().describe('Free text; null removes it, absent keeps it'),
  feeAmount: z.number().min(0).max(FEE_AMOUNT_MAX).nullish().describe('Euros, rounded to the cent; null removes it, absent keeps it'),
});

const PROBE_TYPE: DecisionTypeRef = { code: 'probe', kind: 'FA', exportsToSis: false, mailCode: '' };
const staffPath = (suffix: string) => `/api/staff/candidatures/:id${suffix}`;
const candidatePath = (suffix: string) => `/api/candidatures/:id${suffix}`;

export const transitions = {
  transmit: {
    summary: 'Transmit the file to the commission (dossier status RE)',
    args: none,
    routes: [{ actor: 'candidate', method: 'POST', path: candidatePath('/transmit') }],
    probes: [{}],
  },
  cancel: {
    summary: 'Cancel the candidature (only before any decision, while the file is not transmitted)',
    args: none,
    routes: [{ actor: 'candidate', method: 'POST', path: candidatePath('/cancel') }],
    probes: [{}],
  },
  submitPiece: {
    summary: 'Upload the file of a supporting document (multipart/form-data, field "file": PDF, JPEG or PNG, 10 MB max); the piece becomes TR',
    args: z.object({ code, fileId: z.number().int() }),
    routes: [{ actor: 'candidate', method: 'POST', path: candidatePath('/pieces/:code'), upload: true }],
  },
  removePiece: {
    summary: 'Delete the file uploaded for a supporting document, before the file is transmitted: the document is to provide again',
    args: z.object({ code }),
    routes: [{ actor: 'candidate', method: 'DELETE', path: candidatePath('/pieces/:code') }],
  },
  declareNotConcerned: {
    summary: 'Declare a conditional supporting document or question "not concerned" (NC)',
    args: z.object({ code, item: z.enum(['piece', 'question']) }),
    routes: [
      {
        actor: 'candidate',
        method: 'POST',
        path: candidatePath('/pieces/:code/not-concerned'),
        fixed: { item: 'piece' },
        summary: 'Declare a conditional supporting document "not concerned" (NC)',
      },
      {
        actor: 'candidate',
        method: 'POST',
        path: candidatePath('/questions/:code/not-concerned'),
        fixed: { item: 'question' },
        summary: 'Declare a conditional question "not concerned" (NC)',
      },
    ],
  },
  answerQuestion: {
    summary: 'Answer a question of the formation',
    args: z.object({ code, answer: z.string().min(1).max(1000) }),
    routes: [{ actor: 'candidate', method: 'PUT', path: candidatePath('/questions/:code') }],
  },
  setPieceStatus: {
    summary: 'Set a supporting document’s status VA/RE/AT/TR/NC with a comment (a refusal needs one) (right EDIT_STATUT_DOSSIER)',
    args: z.object({ code, status: z.enum(PIECE_STATUSES), comment: z.string().max(1000).nullish() }),
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/pieces/:code/status') }],
    bulk: true,
  },
  setDossierStatus: {
    summary: 'Set the dossier status AT/RE/IN/CO (right EDIT_STATUT_DOSSIER)',
    args: z.object({ status: z.enum(DOSSIER_STATUSES) }),
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/dossier-status') }],
    bulk: true,
    probes: DOSSIER_STATUSES.map((status: DossierStatus) => ({ status })),
  },
  changeTraitement: {
    summary: 'Change the traitement AC/AD/AT (right EDIT_TYPTRAIT)',
    args: z.object({ traitement: z.enum(TRAITEMENTS) }),
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/traitement') }],
    bulk: true,
    probes: TRAITEMENTS.map((traitement: Traitement) => ({ traitement })),
  },
  validateTraitement: {
    summary: 'Validate the traitement (right VALID_TYPTRAIT); AD gives an automatic validated favourable decision',
    args: none,
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/traitement/validate') }],
    bulk: true,
    probes: [{}],
  },
  enterOpinion: {
    summary: 'Enter an opinion (right EDIT_AVIS): motive for DE, rank for LC, interview for PR; not visible to the candidate until validated',
    args: OpinionArgs,
    body: OpinionBody,
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/opinions') }],
    bulk: true,
    probes: [{ decisionType: PROBE_TYPE }],
  },
  validateOpinion: {
    summary: 'Validate (publish) the last entered opinion (right VALID_AVIS)',
    args: none,
    routes: [{ actor: 'staff', method: 'POST', path: staffPath('/opinions/validate') }],
    bulk: true,
    probes: [{}],
  },
  deleteOpinion: {
    summary: 'Delete an opinion from the history (marked deleted; right EDIT_AVIS); not one the candidate answered',
    args: z.object({ index: z.coerce.number().int().min(0) }),
    routes: [{ actor: 'staff', method: 'DELETE', path: staffPath('/opinions/:index') }],
  },
  confirm: {
    summary: 'Confirm a validated favourable decision before its deadline (starts the SIS export)',
    args: none,
    routes: [
      { actor: 'candidate', method: 'POST', path: candidatePath('/confirm') },
      { actor: 'staff', method: 'POST', path: staffPath('/confirm'), summary: 'Confirm on behalf of the candidate, at any time (right GEST_FEN_CAND)' },
    ],
    probes: [{}],
  },
  withdraw: {
    summary: 'Withdraw from an offer (also after confirming: the SIS gets the withdrawal)',
    args: none,
    routes: [
      { actor: 'candidate', method: 'POST', path: candidatePath('/withdraw') },
      { actor: 'staff', method: 'POST', path: staffPath('/withdraw'), summary: 'Withdraw on behalf of the candidate, at any time (right GEST_FEN_CAND)' },
    ],
    probes: [{}],
  },
  setConfirmationDeadline: {
    summary: 'Override the confirmation deadline (right GEST_DAT_CONFIRM); the reminder and automatic withdrawal move with it',
    args: deadline,
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/confirmation-deadline') }],
    bulk: true,
    probes: [{ deadline: null }],
  },
  setReturnDeadline: {
    summary: 'Override the dossier return deadline (right GEST_DAT_RETOUR); only a later date than the formation’s takes effect',
    args: deadline,
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/return-deadline') }],
    bulk: true,
    probes: [{ deadline: null }],
  },
  setTags: {
    summary:
      'Set the tags of a candidature (right GEST_TAG): ids of active tags of its centre or of every centre (GET /api/staff/tags); anything else is refused (422)',
    args: z.object({ tags: z.array(z.string().max(50)).max(20).describe('Tag ids, as strings ("12"); an empty list removes every tag') }),
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/tags') }],
    bulk: true,
    probes: [{ tags: [] }],
  },
  setOpiCode: {
    summary: 'Set the admission (OPI) code (right GEST_NUM_OPI); with notify, the candidate gets the new code by mail (CANDIDATURE_MODIF_COD_OPI)',
    args: OpiCodeArgs,
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/opi-code') }],
    bulk: true,
    probes: [{ opiCode: null }],
  },
  setRegime: {
    summary: 'Set the enrolment regime (right GEST_REGIME), a code of the campaign’s SIS referential',
    args: RegimeArgs,
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/regime') }],
    bulk: true,
    probes: [{ regimeCode: null }],
  },
  setFees: {
    summary: 'Set the registration fees: exemption category, its complement and the amount (right GEST_MONTANT)',
    args: FeesArgs,
    routes: [{ actor: 'staff', method: 'PUT', path: staffPath('/fees') }],
    bulk: true,
    probes: [{}],
  },
  retryExport: {
    summary: 'Retry a failed SIS export (right GEST_NUM_OPI)',
    args: none,
    routes: [{ actor: 'admin', method: 'POST', path: '/api/admin/candidatures/:id/export/retry' }],
    probes: [{}],
  },
  /** Sent by the propagation of a formation's change (api/setup/formations.ts, a system actor): no route. */
  applyFormationChange: {
    summary: 'A change of the formation’s setup (dates, supporting documents) reaches the candidature; its deadlines and timers follow',
    args: z.object({ formation: FormationChange }),
    routes: [],
  },
  /** Sent by the formation's waiting-list workflow (actor `autoListComp`): no route. */
  promote: {
    summary: 'Promotion from the complementary list (automatic)',
    args: z.object({ decisionType: DecisionTypeRef }),
    routes: [],
  },
} as const satisfies Record<string, TransitionSpec>;

export type Transitions = typeof transitions;
export type TransitionName = keyof Transitions;
/** An object type without fields. */
export type NoFields = Record<never, never>;
/** An object type, `NoFields` for a schema without fields (zod infers those as an index signature). */
type Fields<T> = string extends keyof T ? NoFields : T;
/** The Update's argument of a transition. */
export type TransitionArgs<N extends TransitionName> = Fields<z.infer<Transitions[N]['args']>>;
/** What a client sends for a transition (path parameters and body together). */
export type TransitionBody<N extends TransitionName> = Transitions[N] extends { body: infer B extends z.ZodType } ? Fields<z.infer<B>> : TransitionArgs<N>;
/** A transition with its arguments: what `decide` takes. */
export type TransitionCommand = { [N in TransitionName]: { type: N } & TransitionArgs<N> }[TransitionName];

export const TRANSITION_NAMES = Object.keys(transitions) as TransitionName[];

/** The transitions offered as mass actions. */
export const BULK_ACTIONS = TRANSITION_NAMES.filter((n) => 'bulk' in transitions[n]) as BulkAction[];
export type BulkAction = { [N in TransitionName]: Transitions[N] extends { bulk: true } ? N : never }[TransitionName];

// ---------------------------------------------------------------------------------------------
// Temporal message definitions (plain objects: `defineUpdate` & co. build exactly these)

/** Every Update answers the view as its caller may see it. */
export type TransitionUpdate<N extends TransitionName> = UpdateDefinition<CandidatureView, [ActingUser, TransitionArgs<N>], N>;

export const updates = Object.fromEntries(TRANSITION_NAMES.map((name) => [name, { type: 'update', name }])) as unknown as {
  [N in TransitionName]: TransitionUpdate<N>;
};

/** The view for a reader (null = full staff view without allowed actions). */
export const viewQuery = { type: 'query', name: 'view' } as QueryDefinition<CandidatureView, [ActingUser | null], 'view'>;
/** The workflow's whole state (domain/candidature.ts `CandidatureState`): fills a read-model row that lacks it. */
export const stateQuery = { type: 'query', name: 'state' } as QueryDefinition<unknown, [], 'state'>;

export interface CampaignArchived {
  at: string;
  formationDates: Record<string, string | null>;
}
/** Sent by the campaign workflow when the campaign is archived: the candidature becomes read-only. */
export const campaignArchivedSignal = { type: 'signal', name: 'campaignArchived' } as SignalDefinition<[CampaignArchived], 'campaignArchived'>;
