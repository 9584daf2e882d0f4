// Calls of the admin's referentials page: the synchronisation of a SIS's referentials (run now,
// follow a run, the last runs, the daily schedule), a list's rows, and the hand edits of the lists of
// campaigns with no SIS (type D). Shapes of api/routes/referentials.ts; the lists and their columns
// come from domain/referential-columns.ts.
import type { ReferentialList, ReferentialSisType } from '../../domain/referential-columns.ts';
import type { ListReport } from '../../domain/referential-sync.ts';
import { request } from './api.ts';

export type { ListReport, ReferentialList, ReferentialSisType };

const enc = encodeURIComponent;

export type SyncedSisType = 'A' | 'P';
export type ListStatus = ListReport['status'];
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface SyncRun {
  workflowId: string;
  runId: string;
  sisType: SyncedSisType;
  status: RunStatus;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  total: number;
  done: number;
  current: string | null;
  counts: { ok: number; skipped: number; failed: number };
  lists: ListReport[];
}

export interface SyncSchedule {
  scheduleId: string;
  cron: string;
  timezone: string;
  paused: boolean;
  note: string | null;
  nextRunsAt: string[];
  running: string[];
}

/** A row of a referential list: code, label, in service, and the list's other columns by name. */
export interface ReferentialRow {
  code: string;
  label: string | null;
  active: boolean;
  details: Record<string, unknown>;
}

export interface ReferentialRows {
  sisType: ReferentialSisType;
  list: ReferentialList;
  /** Rows matching the filter. */
  total: number;
  offset: number;
  rows: ReferentialRow[];
}

export interface ReferentialRowInput {
  label: string;
  shortLabel?: string | null;
  active: boolean;
  details: Record<string, string | number | boolean | null>;
}

export const referentialsApi = {
  sync: (sisType: SyncedSisType) => request<{ workflowId: string }>('POST', `/api/admin/referentials/${sisType}/sync`),
  run: (workflowId: string) => request<SyncRun>('GET', `/api/admin/referentials/sync/${enc(workflowId)}`),
  runs: (sisType: SyncedSisType, limit = 10) => request<{ runs: SyncRun[] }>('GET', `/api/admin/referentials/${sisType}/runs?limit=${limit}`),
  schedule: (sisType: SyncedSisType) => request<SyncSchedule>('GET', `/api/admin/referentials/${sisType}/schedule`),
  /** A list's rows; `active` undefined: in service or not. */
  rows: (sisType: ReferentialSisType, list: ReferentialList, query: { active?: boolean; limit: number; offset: number }) => {
    const q = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
    if (query.active !== undefined) q.set('active', String(query.active));
    return request<ReferentialRows>('GET', `/api/admin/referentials/${sisType}/${list}?${q}`);
  },
  /** Creates or changes a row of a list kept by hand (D only; never deleted: `active: false` puts it out of service). */
  saveRow: (list: ReferentialList, code: string, body: ReferentialRowInput) =>
    request<ReferentialRow>('PUT', `/api/admin/referentials/D/${list}/${enc(code)}`, { body }),
};
