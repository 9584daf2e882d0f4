// The synchronisation of one SIS type's referentials (the reference's nightly BATCH_SYNCHRO_SISCOL,
// ecandidat-domain.md §7.5), started by its Temporal Schedule (`referential-sync-<sisType>`: daily,
// or "run now" from the admin API; api/referential-schedules.ts). One activity per list of
// REFERENTIAL_LISTS, in order: it reads the list from the SIS and, in one transaction, upserts its
// rows and marks the vanished ones out of service. Unlike the reference, where one failing call
// aborted the whole batch, a list that still fails after its attempts is reported failed and the
// next list goes on. Progress (lists done, current list, the reports so far) is readable at any
// time through the `referentialSyncProgress` query; the run and its report are recorded in
// sis_sync_run at the start and at the end, for the admin's list of runs.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
import { ActivityFailure, ApplicationFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { referentialSyncProgressQuery } from '../contracts/referential-sync.ts';
import { syncOutcome, type ListReport, type ReferentialSyncInput, type ReferentialSyncProgress } from '../domain/referential-sync.ts';
import { REFERENTIAL_LISTS } from '../sis/port.ts';

type Activities = ReturnType<typeof createActivities>;

/**
 * One list: a few quick attempts (the SIS may hiccup), then the list is reported failed and waits
 * for the next run. A refusal by the SIS (SisValidationError) is not retried.
 */
const { syncReferentialList } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: ['SisValidationError'],
  },
});

/** The run's row in sis_sync_run: retried until the database answers (idempotent upsert by workflow id). */
const { recordReferentialSyncRun } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function referentialSyncWorkflow(input: ReferentialSyncInput): Promise<ReferentialSyncProgress> {
  const info = workflowInfo();
  const state: ReferentialSyncProgress = {
    workflowId: info.workflowId,
    runId: info.runId,
    sisType: input.sisType,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    total: REFERENTIAL_LISTS.length,
    done: 0,
    current: null,
    lists: [],
  };
  setHandler(referentialSyncProgressQuery, () => state);

  await recordReferentialSyncRun(state);

  for (const list of REFERENTIAL_LISTS) {
    state.current = list;
    let report: ListReport;
    try {
      report = await syncReferentialList({ sisType: input.sisType, list });
    } catch (err) {
      // Attempts exhausted or a refusal: this list is failed, the others go on.
      const cause = err instanceof ActivityFailure ? err.cause : err;
      report = {
        list,
        status: 'failed',
        received: 0,
        inserted: 0,
        updated: 0,
        deactivated: 0,
        rejected: 0,
        error: cause instanceof Error ? cause.message : String(cause),
        ...(cause instanceof ApplicationFailure && cause.type ? { errorType: cause.type } : {}),
      };
    }
    state.lists.push(report);
    state.done++;
  }

  // Recorded first: the query says 'running' until the report is in the table.
  const report: ReferentialSyncProgress = { ...state, current: null, status: syncOutcome(state.lists), finishedAt: new Date().toISOString() };
  await recordReferentialSyncRun(report);
  Object.assign(state, report);
  return report;
}
