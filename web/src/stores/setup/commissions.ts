// The commissions and their members, for the setup screens.
import { defineStore } from 'pinia';
import { setupApi, type CommissionBody, type CommissionChanges, type CommissionMembers } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useCommissionsStore = defineStore('setup-commissions', () => {
  const list = setupCollection(setupApi.commissions.list);
  return {
    ...list,
    create: (body: CommissionBody) => list.change(setupApi.commissions.create(body)),
    update: (code: string, body: CommissionChanges) => list.change(setupApi.commissions.update(code, body)),
    setMembers: (code: string, body: CommissionMembers) => list.change(setupApi.commissions.setMembers(code, body)),
  };
});
