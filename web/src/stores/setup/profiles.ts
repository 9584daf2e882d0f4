// The staff profiles as sets of functionalities in read or write, and the functionalities a profile
// may hold, for the profiles screen and the members' and managers' profile choice.
import { defineStore } from 'pinia';
import { setupApi, type ProfileBody, type ProfileRights } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useProfilesStore = defineStore('setup-profiles', () => {
  const list = setupCollection(setupApi.profiles.list);
  const functionalities = setupCollection(setupApi.profiles.functionalities);
  return {
    ...list,
    functionalities: functionalities.items,
    ensureFunctionalities: functionalities.ensure,
    create: (body: ProfileBody) => list.change(setupApi.profiles.create(body)),
    setRights: (code: string, rights: ProfileRights) => list.change(setupApi.profiles.setRights(code, rights)),
  };
});
