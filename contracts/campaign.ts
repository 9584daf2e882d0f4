// The lifecycle workflow of a campaign (workflows/campaign.ts): archiving when its successor is
// activated, then the destruction of its candidates' data. Its state and rules: domain/campaign.ts.
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import type { CampaignLifecycle, SetActivationArgs } from '../domain/campaign.ts';

/** Workflow type name of a campaign's lifecycle. */
export const CAMPAIGN_WORKFLOW = 'campaignWorkflow';

export function campaignWorkflowId(campaignCode: string): string {
  return `campaign-${campaignCode}`;
}

/** Moves the archiving timer: the successor's planned activation (null: none planned, the campaign waits). */
export const setActivationUpdate = { type: 'update', name: 'setActivation' } as UpdateDefinition<CampaignLifecycle, [SetActivationArgs], 'setActivation'>;
export const campaignLifecycleQuery = { type: 'query', name: 'campaignLifecycle' } as QueryDefinition<CampaignLifecycle, [], 'campaignLifecycle'>;
