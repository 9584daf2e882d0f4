// What the managers' screens read besides a candidature's view: the list of candidatures (from the
// read model: filtered, sorted and paged by the server), decision types and motives in service.
import { z } from 'zod';
import { CONFIRMATION_ANSWERS, DOSSIER_STATUSES, EXPORT_STATUSES, OPINION_KINDS, STAGES } from '../domain/codes.ts';

export const STAFF_LIST_SORTS = ['updatedAt', 'createdAt', 'name', 'dossierNumber', 'formation', 'stage'] as const;
export type StaffListSort = (typeof STAFF_LIST_SORTS)[number];
/** Rows per page at most. */
export const STAFF_LIST_PAGE_MAX = 500;

const code = z.string().min(1).max(50);
export const StaffListQuery = z.object({
  campaign: code.optional().describe('Campaign code'),
  centre: code.optional().describe('Centre code'),
  commission: code.optional().describe('Commission code'),
  formation: code.optional().describe('Formation code'),
  stage: z
    .string()
    .max(30)
    .optional()
    .describe(`Stage: ${STAGES.join(', ')}`),
  dossierStatus: z.enum(DOSSIER_STATUSES).optional(),
  opinion: z.enum(OPINION_KINDS).optional().describe('Kind of the last opinion entered'),
  exportStatus: z.enum(EXPORT_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Free text, any case: the start of a last name or of a dossier number'),
  sort: z.enum(STAFF_LIST_SORTS).optional().describe('Default updatedAt'),
  order: z.enum(['asc', 'desc']).optional().describe('Default desc for dates, asc otherwise'),
  page: z.coerce.number().int().min(1).optional().describe('1-based page; with page or pageSize the answer is one page, the total in X-Total-Count'),
  pageSize: z.coerce.number().int().min(1).max(STAFF_LIST_PAGE_MAX).optional().describe(`Rows per page (default 50, at most ${STAFF_LIST_PAGE_MAX})`),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

export const StaffCandidatureRow = z.object({
  id: z.string(),
  campaignCode: z.string(),
  formationCode: z.string(),
  formationLabel: z.string(),
  commissionCode: z.string(),
  candidateName: z.string(),
  dossierNumber: z.string(),
  stage: z.enum(STAGES),
  dossierStatus: z.enum(DOSSIER_STATUSES),
  opinionKind: z.enum(OPINION_KINDS).nullable(),
  opinionDecisionType: z.string().nullable(),
  opinionValidated: z.boolean(),
  confirmationAnswer: z.enum(CONFIRMATION_ANSWERS).nullable(),
  exportStatus: z.enum(EXPORT_STATUSES),
  updatedAt: z.string(),
});
export type StaffCandidatureRow = z.infer<typeof StaffCandidatureRow>;

export const DecisionTypeItem = z.object({ code: z.string(), label: z.string(), opinionKind: z.enum(OPINION_KINDS) });
export type DecisionTypeItem = z.infer<typeof DecisionTypeItem>;
export const MotiveItem = z.object({ code: z.string(), label: z.string() });
export type MotiveItem = z.infer<typeof MotiveItem>;
