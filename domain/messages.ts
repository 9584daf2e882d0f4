// Temporal message definitions shared by the API (client side) and the workflow: one object per
// transition, so that both sides agree on names and argument types (Temporal samples' shared.ts).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActingUser, DecisionTypeRef } from './candidature.ts';
import type { DossierStatus, PieceStatus, Traitement } from './codes.ts';
import type { CandidatureView } from './view.ts';

/** One workflow per candidature; its id is derived from the candidature id (the business key). */
export function candidatureWorkflowId(candidatureId: string): string {
  return `candidature-${candidatureId}`;
}

/** Every update answers the view as its caller may see it. */
export const transmitUpdate = defineUpdate<CandidatureView, [ActingUser]>('transmit');
export const cancelUpdate = defineUpdate<CandidatureView, [ActingUser]>('cancel');
export const setDossierStatusUpdate = defineUpdate<CandidatureView, [ActingUser, { status: DossierStatus }]>('setDossierStatus');
export const enterOpinionUpdate = defineUpdate<CandidatureView, [ActingUser, EnterOpinionArgs]>('enterOpinion');
export const validateOpinionUpdate = defineUpdate<CandidatureView, [ActingUser]>('validateOpinion');
export const confirmUpdate = defineUpdate<CandidatureView, [ActingUser]>('confirm');
export const withdrawUpdate = defineUpdate<CandidatureView, [ActingUser]>('withdraw');
export const retryExportUpdate = defineUpdate<CandidatureView, [ActingUser]>('retryExport');

// Arguments of the lifecycle transitions (reference §3.2), shared by the API, the bulk workflow and
// the candidature workflow.
export interface EnterOpinionArgs {
  decisionType: DecisionTypeRef;
  comment?: string | null;
  /** Unfavourable (DE): the motive code, mandatory. */
  motiveCode?: string | null;
  /** Complementary list (LC): the rank entered by the commission, mandatory. */
  lcRank?: number | null;
  /** Preselection (PR): the interview, mandatory. */
  interview?: { date: string; time: string; place: string } | null;
  appeal?: boolean;
  /** Entered through a mass action: refused where a validated opinion exists (GEST_IS_UTILISE_BLOCAGE_MASSE). */
  mass?: boolean;
}
export interface PieceArgs {
  code: string;
}
export interface SubmitPieceArgs extends PieceArgs {
  /** The stored file (files table) the candidate uploaded for this piece. */
  fileId: number;
}
export interface SetPieceStatusArgs extends PieceArgs {
  status: PieceStatus;
  comment?: string | null;
}
export interface AnswerQuestionArgs {
  code: string;
  answer: string;
}
/** A deadline override: an instant (ISO 8601) or a Paris day (YYYY-MM-DD, end of day); null removes it. */
export interface DeadlineArgs {
  deadline: string | null;
}
export interface TagsArgs {
  tags: string[];
}
export interface PromoteArgs {
  /** The formation's favourable type for promotions from the complementary list. */
  decisionType: DecisionTypeRef;
}

export const submitPieceUpdate = defineUpdate<CandidatureView, [ActingUser, SubmitPieceArgs]>('submitPiece');
export const declareNotConcernedUpdate = defineUpdate<CandidatureView, [ActingUser, { code: string; item: 'piece' | 'question' }]>('declareNotConcerned');
export const setPieceStatusUpdate = defineUpdate<CandidatureView, [ActingUser, SetPieceStatusArgs]>('setPieceStatus');
export const answerQuestionUpdate = defineUpdate<CandidatureView, [ActingUser, AnswerQuestionArgs]>('answerQuestion');
export const changeTraitementUpdate = defineUpdate<CandidatureView, [ActingUser, { traitement: Traitement }]>('changeTraitement');
export const validateTraitementUpdate = defineUpdate<CandidatureView, [ActingUser]>('validateTraitement');
export const deleteOpinionUpdate = defineUpdate<CandidatureView, [ActingUser, { index: number }]>('deleteOpinion');
export const setConfirmationDeadlineUpdate = defineUpdate<CandidatureView, [ActingUser, DeadlineArgs]>('setConfirmationDeadline');
export const setReturnDeadlineUpdate = defineUpdate<CandidatureView, [ActingUser, DeadlineArgs]>('setReturnDeadline');
export const setTagsUpdate = defineUpdate<CandidatureView, [ActingUser, TagsArgs]>('setTags');
/** Sent by the formation's waiting-list workflow (actor `autoListComp`). */
export const promoteUpdate = defineUpdate<CandidatureView, [ActingUser, PromoteArgs]>('promote');
/** Sent by the campaign workflow when the campaign is archived: the candidature becomes read-only. */
export const campaignArchivedSignal = defineSignal<[{ at: string; formationDates: Record<string, string | null> }]>('campaignArchived');

/**
 * The transitions a manager may apply to a selection (bulk workflow): action name → update name.
 * The args of each are those of the update of the same name.
 */
export const BULK_ACTIONS = ['setDossierStatus', 'enterOpinion', 'validateOpinion', 'setTags', 'setConfirmationDeadline', 'setReturnDeadline'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

// The complementary list (LC) of one formation: an entity workflow that serialises promotions.

export function waitingListWorkflowId(formationCode: string): string {
  return `waiting-list-${formationCode}`;
}

/** What a candidature tells its formation's list: it joined (validated LC, with its rank), left it, or freed a seat. */
export interface WaitingListEvent {
  candidatureId: string;
  event: 'joined' | 'left' | 'seatFreed';
  rank?: number | null;
  at: string;
}
export const waitingListEventSignal = defineSignal<[WaitingListEvent]>('waitingListEvent');

export interface WaitingListView {
  formationCode: string;
  /** In order: entered rank, then time of joining; `realRank` is the position (LC_IS_CALCUL_RANG_REEL). */
  entries: { candidatureId: string; enteredRank: number | null; realRank: number; joinedAt: string }[];
  promotions: { freedBy: string; promoted: string | null; at: string; note: string | null }[];
}
export const waitingListQuery = defineQuery<WaitingListView>('waitingList');

/** The view for a reader (null = full staff view without allowed actions). */
export const viewQuery = defineQuery<CandidatureView, [ActingUser | null]>('view');

/** Error types the workflow's validators throw; the API maps them to HTTP statuses. */
export const REFUSAL_TYPES = { 403: 'Forbidden', 409: 'Conflict', 422: 'Invalid' } as const;
