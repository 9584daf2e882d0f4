// The formations, for the setup screens. A change of a formation's dates or documents is sent to its
// open candidatures (propagation.ts follows it).
import { defineStore } from 'pinia';
import { setupApi, type FormationBody, type FormationChanges } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useFormationsStore = defineStore('setup-formations', () => {
  const list = setupCollection(setupApi.formations.list);
  return {
    ...list,
    create: (body: FormationBody) => list.change(setupApi.formations.create(body)),
    update: (code: string, body: FormationChanges) => list.change(setupApi.formations.update(code, body)),
  };
});
