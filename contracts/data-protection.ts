// Data-protection requests (GDPR access and erasure; issue 12 item 6): the bodies and answers of
// api/routes/data-protection.ts, shared with the web. The rule deciding when a deletion is refused,
// the report's shape and the codes are domain/data-protection.ts.
//
//   POST /api/staff/data-protection/requests              DataProtectionRequestInput → 202 DataProtectionRequestView
//   GET  /api/staff/data-protection/requests                                        → 200 DataProtectionRequestList
//   GET  /api/staff/data-protection/requests/:id                                    → 200 DataProtectionRequestView
//   GET  /api/staff/data-protection/requests/:id/archive                            → 200 application/zip
//   POST /api/account/data-export                                                   → 202 DataProtectionRequestView
//   GET  /api/account/data-export                                                   → 200 DataProtectionRequestView
//   GET  /api/account/data-export/archive                                           → 200 application/zip
//   POST /api/account/deletion-request                    DeletionRequestInput       → 202 DataProtectionRequestView
// Staff routes: admins and the candidate managers (profile gestionCandidat), see DATA_PROTECTION_PROFILES.
import { z } from 'zod';
import { DATA_PROTECTION_KINDS, DATA_PROTECTION_STATUSES } from '../domain/data-protection.ts';

export {
  DATA_PROTECTION_KINDS,
  DATA_PROTECTION_STATUSES,
  dataProtectionWorkflowId,
  type DataProtectionKind,
  type DataProtectionReport,
  type DataProtectionStatus,
} from '../domain/data-protection.ts';

/** Profiles that may make and read data-protection requests: administrators and candidate managers (reference CANDIDAT_ADMIN). */
export const DATA_PROTECTION_PROFILES = ['admin', 'scolCentrale', 'gestionCandidat'] as const;

const localized = z.object({ fr: z.string(), en: z.string() });

export const DataProtectionRequestInput = z
  .object({
    dossierNumber: z.string().trim().min(1).max(8).describe('The account’s dossier number'),
    kind: z.enum(DATA_PROTECTION_KINDS),
    force: z.boolean().optional().describe('Deletion only: carry it out even while candidatures are in progress'),
    note: z.string().trim().max(500).optional().describe('Why, or the reference of the request letter'),
  })
  .strict();
export type DataProtectionRequestInput = z.infer<typeof DataProtectionRequestInput>;

export const DeletionRequestInput = z.object({ note: z.string().trim().max(500).optional().describe('What the candidate wants to add') }).strict();

/** A body-less POST (no body, or `{}`); anything else is refused (400) rather than ignored. */
export const NoBody = z.object({}).strict();

export const DataProtectionReportSchema = z
  .object({
    request: z.object({ force: z.boolean(), origin: z.enum(['staff', 'candidate']), note: z.string().nullable() }),
    counts: z.record(z.string(), z.number()).optional(),
    kept: z.array(z.object({ what: z.string(), count: z.number(), why: localized })).optional(),
    inProgress: z
      .array(z.object({ id: z.string(), campaignCode: z.string(), formationCode: z.string(), stage: z.string(), exportStatus: z.string(), reason: localized }))
      .optional(),
    failure: localized.optional(),
    archive: z.object({ name: z.string(), size: z.number() }).optional(),
  })
  .describe('What the request did: counts per section (export) or deleted per kind (deletion), what was kept and why, or why it failed');

export const DataProtectionRequestView = z.object({
  id: z.number().int(),
  kind: z.enum(DATA_PROTECTION_KINDS),
  status: z.enum(DATA_PROTECTION_STATUSES),
  dossierNumber: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
  workflowId: z.string(),
  /** An export archive is ready to download. */
  archive: z.boolean(),
  report: DataProtectionReportSchema.nullable(),
});
export type DataProtectionRequestView = z.infer<typeof DataProtectionRequestView>;

export const DataProtectionRequestList = z.array(DataProtectionRequestView);

export const DataProtectionListQuery = z.object({
  dossierNumber: z.string().trim().max(8).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RequestIdParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
