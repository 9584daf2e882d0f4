// The synchronisation of SIS referentials (reference ecandidat-domain.md §7.5 BATCH_SYNCHRO_SISCOL,
// sis-apis.md §2.2, §3.2): one workflow run per SIS type and per day (a Temporal Schedule, or "run
// now" from the admin API), one activity per list of REFERENTIAL_LISTS. Its input, its per-list
// reports and its progress, shared by the API (which triggers and reads it) and the workflow; its
// query is in contracts/referential-sync.ts.
import type { ReferentialList } from '../sis/port.ts';

/** The SIS types that have referentials to synchronise (D = kept by hand). */
export const SYNCED_SIS_TYPES = ['A', 'P'] as const;
export type SyncedSisType = (typeof SYNCED_SIS_TYPES)[number];

/**
 * The schedule of a SIS type, and the base of its runs' workflow ids: Temporal appends the time of
 * each action (`referential-sync-P-2026-12-01T02:30:00Z`), so every run has its own id.
 */
export function referentialScheduleId(sisType: SyncedSisType): string {
  return `referential-sync-${sisType}`;
}

/** The SIS type of a run's workflow id, or null when the id is not a referential sync's. */
export function sisTypeOfSyncWorkflow(workflowId: string): SyncedSisType | null {
  const m = /^referential-sync-([AP])-/.exec(workflowId);
  return m ? (m[1] as SyncedSisType) : null;
}

export interface ReferentialSyncInput {
  sisType: SyncedSisType;
}

export interface SyncListInput {
  sisType: SyncedSisType;
  list: ReferentialList;
}

/** What one list gave. `skipped`: the SIS does not provide it (the adapter answered null). */
export interface ListReport {
  list: ReferentialList;
  status: 'ok' | 'skipped' | 'failed';
  /** Rows the SIS answered. */
  received: number;
  /** Rows that were not in the table (for this SIS type). */
  inserted: number;
  /** Rows whose columns changed, or that came back in service. */
  updated: number;
  /** Rows of this SIS type the SIS no longer answers: marked out of service (never deleted). */
  deactivated: number;
  /** Rows left out: no code, a code longer than the column, or a key repeated in the answer. */
  rejected: number;
  /** failed: the SIS's (or the database's) message after the last attempt. */
  error?: string;
  /** failed: the error's type (SisTransientError, SisValidationError…). */
  errorType?: string;
}

export type SyncStatus = 'running' | 'ok' | 'partial' | 'failed';

export interface ReferentialSyncProgress {
  workflowId: string;
  runId: string;
  sisType: SyncedSisType;
  status: SyncStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Lists in REFERENTIAL_LISTS, and how many are done (whatever their outcome). */
  total: number;
  done: number;
  /** The list being synchronised now; null before the first and after the last. */
  current: ReferentialList | null;
  /** One report per list done, in REFERENTIAL_LISTS order. */
  lists: ListReport[];
}

/** The outcome of a finished run: ok when no list failed, failed when no list succeeded, else partial. */
export function syncOutcome(lists: ListReport[]): Exclude<SyncStatus, 'running'> {
  const failed = lists.filter((l) => l.status === 'failed').length;
  if (failed === 0) return 'ok';
  return lists.some((l) => l.status === 'ok') ? 'partial' : 'failed';
}

export function countByStatus(lists: ListReport[]): { ok: number; skipped: number; failed: number } {
  return {
    ok: lists.filter((l) => l.status === 'ok').length,
    skipped: lists.filter((l) => l.status === 'skipped').length,
    failed: lists.filter((l) => l.status === 'failed').length,
  };
}
