// Candidate managers' client (contracts/candidate-accounts.ts, api/routes/candidate-accounts.ts).
import type { CandidateAccountDetail, CandidateAccountList, CandidateAccountPatch, CandidateAccountRow } from '../../contracts/candidate-accounts.ts';
import { request } from './api.ts';

export type { CandidateAccountDetail, CandidateAccountList, CandidateAccountPatch, CandidateAccountRow };

const BASE = '/api/staff/candidates';
const one = (dossierNumber: string) => `${BASE}/${encodeURIComponent(dossierNumber)}`;

export const candidateAccountsApi = {
  search: (q: string, page: number, pageSize: number) => {
    const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (q.trim()) params.set('q', q.trim());
    return request<CandidateAccountList>('GET', `${BASE}?${params}`);
  },
  get: (dossierNumber: string) => request<CandidateAccountDetail>('GET', one(dossierNumber)),
  update: (dossierNumber: string, body: CandidateAccountPatch) => request<CandidateAccountDetail>('PUT', one(dossierNumber), { body }),
  syncWithSis: (dossierNumber: string) => request<CandidateAccountDetail>('POST', `${one(dossierNumber)}/sis-sync`),
  /** Applies on the candidate's behalf ("classique" or "proposition"); the key makes a repeated click apply once. */
  apply: (body: { dossierNumber: string; formationCode: string; mode: ApplyMode }, idempotencyKey: string) =>
    request<{ id: string }>('POST', '/api/staff/candidatures', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** The formations of a campaign a candidate may be applied to. */
  formations: (campaignCode: string) =>
    request<{ code: string; label: string; centre: { code: string; label: string } }[]>('GET', `/api/campaigns/${encodeURIComponent(campaignCode)}/formations`),
};

export const APPLY_MODES = ['classique', 'proposition'] as const;
export type ApplyMode = (typeof APPLY_MODES)[number];
