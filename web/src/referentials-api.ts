// Calls of the admin's referentials page: the synchronisation of a SIS's referentials (run now,
// follow a run, the last runs, the daily schedule). Shapes of api/routes/referentials.ts.
import { request } from './api.ts';

const enc = encodeURIComponent;

export type SyncedSisType = 'A' | 'P';
export type ListStatus = 'ok' | 'skipped' | 'failed';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface ListReport {
  list: string;
  status: ListStatus;
  received: number;
  inserted: number;
  updated: number;
  deactivated: number;
  rejected: number;
  error?: string;
  errorType?: string;
}

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

export const referentialsApi = {
  sync: (sisType: SyncedSisType) => request<{ workflowId: string }>('POST', `/api/admin/referentials/${sisType}/sync`),
  run: (workflowId: string) => request<SyncRun>('GET', `/api/admin/referentials/sync/${enc(workflowId)}`),
  runs: (sisType: SyncedSisType, limit = 10) => request<{ runs: SyncRun[] }>('GET', `/api/admin/referentials/${sisType}/runs?limit=${limit}`),
  schedule: (sisType: SyncedSisType) => request<SyncSchedule>('GET', `/api/admin/referentials/${sisType}/schedule`),
};
