// Temporal message definitions shared by the API (client side) and the workflow: one object per
// transition, so that both sides agree on names and argument types (Temporal samples' shared.ts).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActingUser, DecisionTypeRef } from './candidature.ts';
import type { DossierStatus } from './codes.ts';
import type { CandidatureView } from './view.ts';

/** One workflow per candidature; its id is derived from the candidature id (the business key). */
export function candidatureWorkflowId(candidatureId: string): string {
  return `candidature-${candidatureId}`;
}

/** Every update answers the view as its caller may see it. */
export const transmitUpdate = defineUpdate<CandidatureView, [ActingUser]>('transmit');
export const cancelUpdate = defineUpdate<CandidatureView, [ActingUser]>('cancel');
export const setDossierStatusUpdate = defineUpdate<CandidatureView, [ActingUser, { status: DossierStatus }]>('setDossierStatus');
export const enterOpinionUpdate = defineUpdate<
  CandidatureView,
  [ActingUser, { decisionType: DecisionTypeRef; comment?: string | null; motiveCode?: string | null; lcRank?: number | null; appeal?: boolean }]
>('enterOpinion');
export const validateOpinionUpdate = defineUpdate<CandidatureView, [ActingUser]>('validateOpinion');
export const confirmUpdate = defineUpdate<CandidatureView, [ActingUser]>('confirm');
export const withdrawUpdate = defineUpdate<CandidatureView, [ActingUser]>('withdraw');
export const retryExportUpdate = defineUpdate<CandidatureView, [ActingUser]>('retryExport');

/** The view for a reader (null = full staff view without allowed actions). */
export const viewQuery = defineQuery<CandidatureView, [ActingUser | null]>('view');

/** Error types the workflow's validators throw; the API maps them to HTTP statuses. */
export const REFUSAL_TYPES = { 403: 'Forbidden', 409: 'Conflict', 422: 'Invalid' } as const;
