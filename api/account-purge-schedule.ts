// The Temporal Schedule of the daily purge of candidate accounts never validated
// (workflows/account-purge.ts): `account-purge`, every day at 04:15 Paris time, overlap policy skip,
// no catch-up of a day missed while Temporal was down (the next day purges what is due). The API
// creates it, or brings it up to its configuration (task queue), when it starts; nothing runs then.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { AppConfig } from '../infra/config.ts';
import type { accountPurgeWorkflow } from '../workflows/account-purge.ts';

export const ACCOUNT_PURGE_SCHEDULE_ID = 'account-purge';
const CRON = '15 4 * * *';
const TIME_ZONE = 'Europe/Paris';

interface Deps {
  temporal: Client;
  config: Pick<AppConfig, 'taskQueue'>;
}

function scheduleParts(deps: Deps) {
  const action: ScheduleOptionsStartWorkflowAction<typeof accountPurgeWorkflow> = {
    type: 'startWorkflow',
    workflowType: 'accountPurgeWorkflow',
    // Temporal appends each action's time: one workflow id per run.
    workflowId: ACCOUNT_PURGE_SCHEDULE_ID,
    taskQueue: deps.config.taskQueue,
    args: [],
    workflowExecutionTimeout: '1 hour',
  };
  return {
    spec: { cronExpressions: [CRON], timezone: TIME_ZONE },
    action,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    state: { note: `Suppression quotidienne des comptes candidats jamais validés (${CRON}, ${TIME_ZONE}).` },
  };
}

/**
 * Creates the schedule or updates it. A Temporal server without schedules (the time-skipping test
 * server) or a failure does not stop the API: the error is returned to be logged.
 */
export async function ensureAccountPurgeSchedule(deps: Deps): Promise<{ error?: Error }> {
  const parts = scheduleParts(deps);
  try {
    try {
      await deps.temporal.schedule.create({ scheduleId: ACCOUNT_PURGE_SCHEDULE_ID, ...parts });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await deps.temporal.schedule.getHandle(ACCOUNT_PURGE_SCHEDULE_ID).update((previous) => ({
        ...previous,
        spec: parts.spec,
        action: parts.action,
        policies: { ...previous.policies, ...parts.policies },
      }));
    }
    return {};
  } catch (err) {
    return { error: err as Error };
  }
}
