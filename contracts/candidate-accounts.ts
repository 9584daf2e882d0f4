// Candidate managers at work (reference §6 "Gestionnaire de candidats", CandidatAdminView): search any
// candidate account, read it with its candidatures, edit it, synchronise it again with the SIS; the
// deletion goes through a data-protection request (contracts/data-protection.ts), applying on the
// candidate's behalf through POST /api/staff/candidatures.
//   GET  /api/staff/candidates?q&page&pageSize          → CandidateAccountList
//   GET  /api/staff/candidates/:dossierNumber           → CandidateAccountDetail
//   PUT  /api/staff/candidates/:dossierNumber           CandidateAccountPatch → CandidateAccountDetail
//   POST /api/staff/candidates/:dossierNumber/sis-sync  → CandidateAccountDetail (with `sisSync`)
// Admins and scolarité centrale and the gestionCandidat profile read and write; gestionCandidatLS reads.
import { z } from 'zod';
import { STAGES, DOSSIER_STATUSES } from '../domain/codes.ts';

/** Profiles that may read candidate accounts; the first three may also change them. */
export const CANDIDATE_MANAGER_PROFILES = ['admin', 'scolCentrale', 'gestionCandidat', 'gestionCandidatLS'] as const;
export const CANDIDATE_WRITER_PROFILES = ['admin', 'scolCentrale', 'gestionCandidat'] as const;

export const CANDIDATE_ACCOUNTS_PAGE_MAX = 100;

export const CandidateAccountQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe('The start of a last name, a dossier number, an INE or an e-mail address, any case'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(CANDIDATE_ACCOUNTS_PAGE_MAX).default(20),
});
export type CandidateAccountQuery = z.infer<typeof CandidateAccountQuery>;

export const DossierNumberParams = z.object({ dossierNumber: z.string().trim().min(1).max(8) });

export const CandidateAccountRow = z.object({
  dossierNumber: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  email: z.string(),
  campaignCode: z.string(),
  /** INE and its key, when the file has one. */
  ine: z.string().nullable(),
  /** YYYY-MM-DD, when the file is filled in. */
  birthDate: z.string().nullable(),
  validated: z.boolean(),
  candidatures: z.number().int(),
  createdAt: z.string(),
});
export type CandidateAccountRow = z.infer<typeof CandidateAccountRow>;

export const CandidateAccountList = z.object({ items: z.array(CandidateAccountRow), total: z.number().int() });
export type CandidateAccountList = z.infer<typeof CandidateAccountList>;

export const CandidateAccountCandidature = z.object({
  id: z.string(),
  formationCode: z.string(),
  formationLabel: z.string(),
  stage: z.enum(STAGES),
  dossierStatus: z.enum(DOSSIER_STATUSES),
  /** The reader may open it (in their scope). */
  inScope: z.boolean(),
  createdAt: z.string(),
});

export const SIS_SYNC_OUTCOMES = ['updated', 'unchanged'] as const;

export const CandidateAccountDetail = CandidateAccountRow.extend({
  language: z.enum(['fr', 'en']),
  emailValidated: z.boolean(),
  pendingEmail: z.string().nullable(),
  studentNumber: z.string().nullable(),
  /** The file's data come from the SIS (locked for the candidate). */
  fromSis: z.boolean(),
  sisType: z.enum(['A', 'P', 'D']),
  candidatureList: z.array(CandidateAccountCandidature),
  /** The reader may change the account (gestionCandidat, admins). */
  writable: z.boolean(),
  /** After POST …/sis-sync: what the new lookup did. */
  sisSync: z.enum(SIS_SYNC_OUTCOMES).optional(),
});
export type CandidateAccountDetail = z.infer<typeof CandidateAccountDetail>;

const name = z.string().trim().min(1).max(100);
export const CandidateAccountPatch = z
  .object({
    lastName: name.optional(),
    firstName: name.optional(),
    email: z.email().max(255).optional(),
    language: z.enum(['fr', 'en']).optional(),
  })
  .strict();
export type CandidateAccountPatch = z.infer<typeof CandidateAccountPatch>;
