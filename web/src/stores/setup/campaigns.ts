// The campaigns, for the setup screens: created, changed, their activation planned.
import { defineStore } from 'pinia';
import { setupApi, type CampaignBody, type CampaignChanges } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useCampaignsStore = defineStore('setup-campaigns', () => {
  const list = setupCollection(setupApi.campaigns.list);
  return {
    ...list,
    create: (body: CampaignBody) => list.change(setupApi.campaigns.create(body)),
    update: (code: string, body: CampaignChanges) => list.change(setupApi.campaigns.update(code, body)),
    planActivation: (code: string, at: string | null) => list.change(setupApi.campaigns.planActivation(code, at)),
  };
});
