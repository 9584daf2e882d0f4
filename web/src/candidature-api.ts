// Calls of the candidate's candidature page beside the view (api.ts): what the page shows with it
// (contracts/candidature-details.ts), the live status stream (server-sent events, the session
// cookie) and the PDF documents the API serves for download.
import type { CandidatureDetails } from '../../contracts/candidature-details.ts';
import { request } from './api.ts';
import { currentLocale } from './i18n.ts';

export type { CandidatureDetails };

const base = (id: string) => `/api/candidatures/${encodeURIComponent(id)}`;

export const candidatureApi = {
  details: (id: string) => request<CandidatureDetails>('GET', `${base(id)}/details`),
  /** Server-sent events: `view` events carrying the view (id = its seq). */
  eventsUrl: (id: string) => `${base(id)}/events`,
  /** The PDFs in the language the site is read in (a followed link sends the browser's own Accept-Language). */
  letterUrl: (id: string) => `${base(id)}/letter?lang=${currentLocale()}`,
  receiptUrl: (id: string) => `${base(id)}/receipt?lang=${currentLocale()}`,
  dossierUrl: (id: string) => `${base(id)}/dossier?lang=${currentLocale()}`,
};
