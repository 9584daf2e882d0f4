// The candidature view: what the workflow's query returns, what the read model stores and what the
// API sends (POST /api/candidatures, GET /api/candidatures/{id} and every transition answer the same
// shape). The candidate's version hides non-validated opinions (candidateView below).
import type { DossierStatus, OpinionKind, PieceStatus, SisType, Traitement } from './codes.ts';

/** Where the candidature stands in its life, derived from its state (domain/candidature.ts `stageOf`). */
export type Stage =
  | 'draft' // created, the candidate builds the file
  | 'transmitted' // sent to the commission (dossier RE/IN/CO), no validated opinion yet
  | 'decided' // a validated opinion is published
  | 'confirmed' // the candidate accepted a favourable decision
  | 'withdrawn' // the candidate withdrew (or was withdrawn automatically)
  | 'cancelled'; // cancelled by the candidate before any decision

export type ConfirmationAnswer = 'confirmed' | 'withdrawn';
export type ExportStatus = 'none' | 'pending' | 'done' | 'failed';

export interface Actor {
  kind: 'candidate' | 'staff' | 'system';
  /** Staff login, candidate dossier number, or a technical user (`autoDesist`, `autoListComp`). */
  login: string;
  displayName?: string;
}

export interface OpinionEntryView {
  /** Position in the append-only history (0-based). */
  index: number;
  decisionType: string;
  kind: OpinionKind;
  comment: string | null;
  motiveCode: string | null;
  lcRank: number | null;
  /** Preselection (PR): the interview the candidate is invited to. */
  interview?: { date: string; time: string; place: string } | null;
  appeal: boolean;
  /** Given automatically by a promotion from the complementary list (user autoListComp). */
  promotion?: boolean;
  enteredAt: string;
  enteredBy: string;
  validated: boolean;
  validatedAt: string | null;
  validatedBy: string | null;
  /** Deleted from the history (it stays in the append-only history, marked). */
  deletedAt?: string | null;
  deletedBy?: string | null;
}

export interface PieceView {
  code: string;
  label: string;
  conditional: boolean;
  status: PieceStatus;
  fileId: number | null;
  /** The manager's comment (a refusal says why). */
  comment: string | null;
  by: string | null;
  at: string | null;
}

export interface QuestionView {
  code: string;
  label: string;
  conditional: boolean;
  answer: string | null;
  notConcerned: boolean;
}

export interface CandidatureView {
  id: string;
  workflowId: string;
  campaignCode: string;
  sisType: SisType;
  formationCode: string;
  formationLabel: string;
  commissionCode: string;
  candidate: { accountId: number; dossierNumber: string; firstName: string; lastName: string };
  /** Made by a manager as a proposition (§3.2.1). */
  proposition: boolean;
  stage: Stage;
  dossierStatus: DossierStatus;
  traitement: { code: Traitement; validated: boolean };
  pieces: PieceView[];
  questions: QuestionView[];
  /** The return deadline in force (formation date or a later override), an instant; null: none. */
  returnDeadline: string | null;
  /** Last validated opinion for a candidate; for staff the last entered one (see `validated`). */
  opinion: { kind: OpinionKind; decisionType: string; validated: boolean; comment: string | null; validatedAt: string | null } | null;
  /** The whole opinion history; empty in the candidate's view. */
  opinions: OpinionEntryView[];
  confirmation: {
    deadline: string | null;
    answer: ConfirmationAnswer | null;
    answeredAt: string | null;
    answeredBy: string | null;
    /** When the reminder mail is due, and when it went out. */
    reminderAt: string | null;
    remindedAt: string | null;
  };
  overrides: { returnDeadline: string | null; confirmationDeadline: string | null };
  tags: string[];
  export: { status: ExportStatus; at: string | null; error: string | null; version: number };
  dates: {
    createdAt: string;
    transmittedAt: string | null;
    receivedAt: string | null;
    completedAt: string | null;
    incompleteAt: string | null;
    statusChangedAt: string | null;
    cancelledAt: string | null;
  };
  /** Set when the campaign is archived: read-only from then on. */
  archivedAt: string | null;
  /** Transitions the reader may attempt now (names of the API actions), computed by the domain rules. */
  allowedActions: string[];
  /** Number of transitions applied so far: the read model keeps the view with the highest one. */
  seq: number;
}
