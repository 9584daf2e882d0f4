// The candidature view: what the workflow's query returns, what the read model stores and what the
// API sends (POST /api/candidatures, GET /api/candidatures/{id} and every transition answer the same
// shape). The candidate's version hides non-validated opinions (candidateView below).
import type { DossierStatus, OpinionKind, SisType, Traitement } from './codes.ts';

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
  appeal: boolean;
  enteredAt: string;
  enteredBy: string;
  validated: boolean;
  validatedAt: string | null;
  validatedBy: string | null;
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
  stage: Stage;
  dossierStatus: DossierStatus;
  traitement: { code: Traitement; validated: boolean };
  /** Last validated opinion for a candidate; for staff the last entered one (see `validated`). */
  opinion: { kind: OpinionKind; decisionType: string; validated: boolean; comment: string | null; validatedAt: string | null } | null;
  /** The whole opinion history; empty in the candidate's view. */
  opinions: OpinionEntryView[];
  confirmation: { deadline: string | null; answer: ConfirmationAnswer | null; answeredAt: string | null; answeredBy: string | null };
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
  /** Transitions the reader may attempt now (names of the API actions), computed by the domain rules. */
  allowedActions: string[];
  /** Number of transitions applied so far: the read model keeps the view with the highest one. */
  seq: number;
}
