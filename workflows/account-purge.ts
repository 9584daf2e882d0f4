// The daily purge of candidate accounts never validated (reference BATCH_NETTOYAGE_CPT), started by
// its Temporal Schedule (`account-purge`, api/account-purge-schedule.ts). One activity does the work
// (activities/accounts.ts: deletes and records each account); the workflow retries it until the
// database answers and returns what it did, which the schedule's recent runs show.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
import { proxyActivities } from '@temporalio/workflow';
import type { AccountPurgeResult } from '../activities/accounts.ts';
import type { createActivities } from '../activities/index.ts';

type Activities = ReturnType<typeof createActivities>;

const { purgeUnvalidatedAccounts } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export async function accountPurgeWorkflow(): Promise<AccountPurgeResult> {
  return purgeUnvalidatedAccounts();
}
