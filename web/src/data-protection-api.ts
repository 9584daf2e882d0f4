// The staff's data-protection requests (GDPR export and deletion of a candidate account's data;
// contracts/data-protection.ts, api/routes/data-protection.ts).
import type { DataProtectionRequestInput, DataProtectionRequestView } from '../../contracts/data-protection.ts';
import { request } from './api.ts';

export type { DataProtectionRequestView };

const BASE = '/api/staff/data-protection/requests';

export const dataProtectionApi = {
  list: (dossierNumber?: string) =>
    request<DataProtectionRequestView[]>('GET', dossierNumber ? `${BASE}?dossierNumber=${encodeURIComponent(dossierNumber)}` : BASE),
  get: (id: number) => request<DataProtectionRequestView>('GET', `${BASE}/${id}`),
  create: (body: DataProtectionRequestInput) => request<DataProtectionRequestView>('POST', BASE, { body }),
  /** The export's zip, downloaded with the session cookie. */
  archiveUrl: (id: number) => `${BASE}/${id}/archive`,
};
