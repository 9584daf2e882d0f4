// The Temporal Schedules of the referential synchronisation (workflows/referential-sync.ts), one per
// SIS type in use (`referential-sync-A`, `referential-sync-P`): daily at REFERENTIAL_SYNC_CRON in
// REFERENTIAL_SYNC_TIMEZONE, overlap policy skip (a run never starts while the previous one runs),
// no catch-up of a day missed while Temporal was down (a restart does not start a sync). The API
// creates or updates them when it starts (idempotent, cheap: nothing runs then). "Run now" starts
// the same workflow directly (same id scheme), refused while a run is under way; a daily action that
// comes while a manual run is under way is not held back (both write the same rows in turn).
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
  WorkflowNotFoundError,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { SIS_LABELS } from '../domain/codes.ts';
import { referentialScheduleId, SYNCED_SIS_TYPES, type SyncedSisType } from '../domain/referential-sync.ts';
import type { AppConfig } from '../infra/config.ts';
import type { referentialSyncWorkflow } from '../workflows/referential-sync.ts';

interface Deps {
  temporal: Client;
  config: Pick<AppConfig, 'taskQueue' | 'referentialSync'>;
}

/** The SIS types whose referentials are synchronised: those configured (a URL to read them from). */
export function sisTypesInUse(config: Pick<AppConfig, 'apogee' | 'pegase'>): SyncedSisType[] {
  return SYNCED_SIS_TYPES.filter((t) => (t === 'A' ? config.apogee.url : config.pegase.url));
}

/** 22 lists of a few attempts each: a run that lasts longer is stuck. */
const RUN_TIMEOUT = '6 hours';

function scheduleParts(deps: Deps, sisType: SyncedSisType) {
  const { cron, timezone } = deps.config.referentialSync;
  const off = cron.trim().toLowerCase() === 'off';
  const spec: ScheduleSpec = { cronExpressions: [off ? '30 3 * * *' : cron], timezone };
  const action: ScheduleOptionsStartWorkflowAction<typeof referentialSyncWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'referentialSyncWorkflow',
    // Temporal appends each action's time: one workflow id per run.
    workflowId: referentialScheduleId(sisType),
    taskQueue: deps.config.taskQueue,
    args: [{ sisType }],
    workflowExecutionTimeout: RUN_TIMEOUT,
  };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  const note = off
    ? `Synchronisation quotidienne des référentiels ${SIS_LABELS[sisType]} désactivée (REFERENTIAL_SYNC_CRON=off) ; lancement manuel possible.`
    : `Synchronisation quotidienne des référentiels ${SIS_LABELS[sisType]} (${cron}, ${timezone}).`;
  return { spec, action, policies, state: { paused: off, note } };
}

/** Creates the schedule of a SIS type, or brings an existing one up to the configuration (task queue, time). */
export async function ensureReferentialSchedule(deps: Deps, sisType: SyncedSisType): Promise<void> {
  const scheduleId = referentialScheduleId(sisType);
  const parts = scheduleParts(deps, sisType);
  try {
    await deps.temporal.schedule.create({ scheduleId, ...parts });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await deps.temporal.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: parts.spec,
      action: parts.action,
      policies: { ...previous.policies, ...parts.policies },
      state: { ...previous.state, paused: parts.state.paused, note: parts.state.note },
    }));
  }
}

/**
 * The schedules of the SIS types in use. A Temporal server without schedules (the time-skipping
 * test server) or a failure here does not stop the API: the error is returned to be logged.
 */
export async function ensureReferentialSchedules(
  deps: Deps & { config: Pick<AppConfig, 'apogee' | 'pegase'> },
): Promise<{ ensured: SyncedSisType[]; error?: Error }> {
  const ensured: SyncedSisType[] = [];
  try {
    for (const sisType of sisTypesInUse(deps.config)) {
      await ensureReferentialSchedule(deps, sisType);
      ensured.push(sisType);
    }
    return { ensured };
  } catch (err) {
    return { ensured, error: err as Error };
  }
}

export type StartOutcome = { started: true; workflowId: string; runId: string } | { started: false; running: string | null };

/** A workflow's description, or null when Temporal does not know it (any more). */
export async function describeWorkflow(temporal: Client, workflowId: string): Promise<WorkflowExecutionDescription | null> {
  try {
    return await temporal.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/** Whether a run has ended (or is unknown to Temporal). */
export const runEnded = async (temporal: Client, workflowId: string) => (await describeWorkflow(temporal, workflowId))?.status.name !== 'RUNNING';

/**
 * "Run now": starts the synchronisation workflow, with the schedule's id scheme
 * (`referential-sync-P-<instant>`). Refused (started: false) while a run of this SIS type is under
 * way: a daily one (the schedule's running actions) or a manual one (`recorded`, the runs
 * sis_sync_run holds as running); each is asked, since the schedule learns of an end late.
 */
export async function startReferentialSync(deps: Deps, sisType: SyncedSisType, opts: { recorded?: string[] } = {}): Promise<StartOutcome> {
  const scheduleId = referentialScheduleId(sisType);
  let daily: string[] = [];
  try {
    daily = (await deps.temporal.schedule.getHandle(scheduleId).describe()).info.runningActions.map((a) => a.workflow.workflowId);
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  for (const workflowId of new Set([...daily, ...(opts.recorded ?? [])]))
    if (!(await runEnded(deps.temporal, workflowId))) return { started: false, running: workflowId };
  const workflowId = `${scheduleId}-${new Date().toISOString()}`;
  const handle = await deps.temporal.workflow.start<typeof referentialSyncWorkflow>('referentialSyncWorkflow', {
    workflowId,
    taskQueue: deps.config.taskQueue,
    args: [{ sisType }],
    workflowExecutionTimeout: RUN_TIMEOUT,
  });
  return { started: true, workflowId, runId: handle.firstExecutionRunId };
}
