// The centres de candidature and their managers, for the setup screens.
import { defineStore } from 'pinia';
import { setupApi, type CentreBody, type CentreChanges, type CentreManagers } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useCentresStore = defineStore('setup-centres', () => {
  const list = setupCollection(setupApi.centres.list);
  return {
    ...list,
    create: (body: CentreBody) => list.change(setupApi.centres.create(body)),
    update: (code: string, body: CentreChanges) => list.change(setupApi.centres.update(code, body)),
    setManagers: (code: string, body: CentreManagers) => list.change(setupApi.centres.setManagers(code, body)),
  };
});
