// Calls of the candidate's candidature page beside the view (api.ts): what the page shows with it
// (contracts/candidature-details.ts), the live status stream (server-sent events, the session
// cookie) and the PDF documents the API serves for download.
import type { CandidatureDetails } from '../../contracts/candidature-details.ts';
import { request } from './api.ts';

export type { CandidatureDetails };

const base = (id: string) => `/api/candidatures/${encodeURIComponent(id)}`;

export const candidatureApi = {
  details: (id: string) => request<CandidatureDetails>('GET', `${base(id)}/details`),
  /** Server-sent events: `view` events carrying the view (id = its seq). */
  eventsUrl: (id: string) => `${base(id)}/events`,
  letterUrl: (id: string) => `${base(id)}/letter`,
  receiptUrl: (id: string) => `${base(id)}/receipt`,
  dossierUrl: (id: string) => `${base(id)}/dossier`,
};
