// Every campaign not yet destroyed has its lifecycle workflow (workflows/campaign.ts). The API makes
// sure of it when it starts (campaigns seeded or created while it was down) and before moving a
// campaign's archiving timer. Idempotent: a running workflow is kept as it is, and a campaign whose
// workflow has completed (destroyed) is not started again.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { campaignWorkflowId } from '../contracts/campaign.ts';
import type { AppConfig } from '../infra/config.ts';
import type { Db } from '../infra/prisma.ts';
import type { campaignWorkflow } from '../workflows/campaign.ts';

interface Deps {
  temporal: Client;
  config: Pick<AppConfig, 'taskQueue'>;
}

export async function ensureCampaignWorkflow(deps: Deps, campaignCode: string): Promise<void> {
  try {
    await deps.temporal.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
      workflowId: campaignWorkflowId(campaignCode),
      taskQueue: deps.config.taskQueue,
      args: [{ campaignCode }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A failed or terminated lifecycle may be started again (it resumes from the database); a completed one not.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Starts the lifecycle workflow of every campaign whose data still exist; returns how many were checked. */
export async function ensureCampaignWorkflows(deps: Deps & { db: Db }): Promise<number> {
  const campaigns = await deps.db.campaign.findMany({ where: { destroyedAt: null }, select: { code: true } });
  for (const c of campaigns) await ensureCampaignWorkflow(deps, c.code);
  return campaigns.length;
}
