// Settings of the Pégase adapter (read from the environment by infra/config.ts). No imports beyond
// types, so that the configuration module does not pull the adapter in.
import type { PegaseUrls } from './http.ts';

export interface PegaseConfig {
  /** Base URL of Pégase's modules (or of the simulator); empty: files only, no API call. */
  url: string;
  /** Module URLs that differ from the base URL's defaults (a real Pégase has one host per module). */
  urls?: Partial<PegaseUrls>;
  /** pegase.etablissement: the establishment's structure code. */
  etab: string;
  username: string;
  password: string;
  /** Pre-V31 CAS form: credentials and token=true in the query string. */
  tokenInQuery: boolean;
  /** Timeout of every call, in milliseconds. */
  timeoutMs: number;
  /** REF page size (eCandidat: 1000). */
  refPageSize: number;
  /** admis/import: pause between polls of the job, and how long to wait for it. */
  importPollMs: number;
  importTimeoutMs: number;
}

export const DEFAULT_PEGASE_CONFIG: Omit<PegaseConfig, 'url'> = {
  etab: 'ETAB00',
  username: 'svc-api',
  password: 'svc-api-simulateur',
  tokenInQuery: false,
  timeoutMs: 10_000,
  refPageSize: 1000,
  importPollMs: 250,
  importTimeoutMs: 30_000,
};
