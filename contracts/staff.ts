// What the managers' screens read besides a candidature's view: the list of candidatures (from the
// read model: filtered, sorted and paged by the server), decision types and motives in service.
import { z } from 'zod';
import { CONFIRMATION_ANSWERS, DOSSIER_STATUSES, EXPORT_STATUSES, OPINION_KINDS, STAGES, TRAITEMENTS } from '../domain/codes.ts';
import { TagView } from './setup.ts';

export const STAFF_LIST_SORTS = ['updatedAt', 'createdAt', 'name', 'dossierNumber', 'formation', 'stage', 'dossierStatus', 'confirmationDeadline'] as const;
export type StaffListSort = (typeof STAFF_LIST_SORTS)[number];
/** Rows per page at most. */
export const STAFF_LIST_PAGE_MAX = 500;
/** Rows per page when the query names none. */
export const STAFF_LIST_PAGE_DEFAULT = 50;

/** The list's columns a staff member may show or hide (remembered per user: `StaffPreferences.listColumns`). */
export const STAFF_LIST_COLUMNS = [
  'dossierNumber',
  'candidateName',
  'formation',
  'commission',
  'campaign',
  'stage',
  'dossierStatus',
  'traitement',
  'opinion',
  'confirmation',
  'confirmationDeadline',
  'exportStatus',
  'tags',
  'createdAt',
  'updatedAt',
] as const;
export type StaffListColumn = (typeof STAFF_LIST_COLUMNS)[number];
/** Shown until the user chooses. */
export const STAFF_LIST_DEFAULT_COLUMNS: StaffListColumn[] = [
  'dossierNumber',
  'candidateName',
  'formation',
  'stage',
  'dossierStatus',
  'opinion',
  'tags',
  'updatedAt',
];

/** `confirmation` filter: the candidate's answer, or `none` (no answer yet). */
export const CONFIRMATION_FILTERS = [...CONFIRMATION_ANSWERS, 'none'] as const;

const code = z.string().min(1).max(50);
/** The filters of the list (also those of its counts, of "select all matching" and of the exports). */
export const StaffListFilter = z.object({
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
  tag: z.coerce.number().int().min(1).optional().describe('A tag id: candidatures carrying it'),
  confirmation: z.enum(CONFIRMATION_FILTERS).optional().describe('The candidate’s answer to a favourable decision; none: not answered'),
  deadlinePassed: z.enum(['true', 'false']).optional().describe('true: the confirmation deadline has passed without an answer'),
  q: z.string().trim().min(1).max(100).optional().describe('Free text, any case: the start of a last name, of a dossier number or of an INE'),
});
export type StaffListFilter = z.infer<typeof StaffListFilter>;

export const StaffListQuery = StaffListFilter.extend({
  sort: z.enum(STAFF_LIST_SORTS).optional().describe('Default updatedAt'),
  order: z.enum(['asc', 'desc']).optional().describe('Default desc for dates, asc otherwise'),
  page: z.coerce.number().int().min(1).optional().describe('1-based page (default 1)'),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(STAFF_LIST_PAGE_MAX)
    .optional()
    .describe(`Rows per page (default ${STAFF_LIST_PAGE_DEFAULT}, at most ${STAFF_LIST_PAGE_MAX})`),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

/** A tag as lists and pages show it (its setup: contracts/setup.ts `TagView`, per centre or for all). */
export const TagChip = TagView.pick({ id: true, label: true, colour: true });
export type TagChip = z.infer<typeof TagChip>;

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
  traitement: z.enum(TRAITEMENTS),
  opinionKind: z.enum(OPINION_KINDS).nullable(),
  opinionDecisionType: z.string().nullable(),
  opinionValidated: z.boolean(),
  confirmationAnswer: z.enum(CONFIRMATION_ANSWERS).nullable(),
  /** ISO instant, null when no favourable decision waits for an answer. */
  confirmationDeadline: z.string().nullable(),
  /** The deadline has passed and the candidate has not answered. */
  deadlinePassed: z.boolean(),
  exportStatus: z.enum(EXPORT_STATUSES),
  tags: z.array(TagChip),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffCandidatureRow = z.infer<typeof StaffCandidatureRow>;

/** `GET /api/staff/candidatures`: one page, and how many match in the user's scope. */
export const StaffListPage = z.object({ items: z.array(StaffCandidatureRow), total: z.number().int() });
export type StaffListPage = z.infer<typeof StaffListPage>;

/** `GET /api/staff/candidatures/counts`: the matches of the filter, counted by stage and dossier status. */
export const StaffListCounts = z.object({
  total: z.number().int(),
  byStage: z.partialRecord(z.enum(STAGES), z.number().int()),
  byDossierStatus: z.partialRecord(z.enum(DOSSIER_STATUSES), z.number().int()),
  deadlinePassed: z.number().int().describe('Favourable decisions past their confirmation deadline without an answer'),
});
export type StaffListCounts = z.infer<typeof StaffListCounts>;

/** `GET /api/staff/candidatures/ids`: "select all matching" (at most BULK_MAX_ITEMS ids, in the list's order). */
export const StaffListIds = z.object({ ids: z.array(z.string()), total: z.number().int() });
export type StaffListIds = z.infer<typeof StaffListIds>;

/** `GET|PUT /api/staff/preferences`: what a staff member's screens remember. */
export const StaffPreferences = z.object({
  listColumns: z.array(z.enum(STAFF_LIST_COLUMNS)).min(1).optional(),
  pageSize: z.number().int().min(1).max(STAFF_LIST_PAGE_MAX).optional(),
});
export type StaffPreferences = z.infer<typeof StaffPreferences>;

export const DecisionTypeItem = z.object({ code: z.string(), label: z.string(), opinionKind: z.enum(OPINION_KINDS) });
export type DecisionTypeItem = z.infer<typeof DecisionTypeItem>;
export const MotiveItem = z.object({ code: z.string(), label: z.string() });
export type MotiveItem = z.infer<typeof MotiveItem>;
