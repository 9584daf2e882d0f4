// The setup's objects, one Pinia store each (a list read from the API, read again after each change:
// collection.ts): created, changed (`active: false` puts one out of service), and what some have
// besides (a centre's managers, a commission's members, a campaign's activation, a formation's dates
// in a mass). Shared by their screens and the forms that choose among them.
import { defineStore } from 'pinia';
import { setupApi, type SetupObjectsApi } from '../../setup-api.ts';
import { setupCollection, type SetupCollection } from './collection.ts';

function objectsStore<View, Body, Changes, Extra extends object = object>(
  id: string,
  api: SetupObjectsApi<View, Body, Changes>,
  extra: (list: SetupCollection<View>) => Extra = () => ({}) as Extra,
) {
  return defineStore(id, () => {
    const list = setupCollection(api.list);
    return {
      ...list,
      create: (body: Body) => list.change(api.create(body)),
      update: (key: string | number, body: Changes) => list.change(api.update(key, body)),
      ...extra(list),
    };
  });
}

const { campaigns, centres, commissions, formations } = setupApi;

export const useCampaignsStore = objectsStore('setup-campaigns', campaigns, (list) => ({
  planActivation: (code: string, at: string | null) => list.change(campaigns.planActivation(code, at)),
}));
export const useCentresStore = objectsStore('setup-centres', centres, (list) => ({
  setManagers: (code: string, body: Parameters<typeof centres.setManagers>[1]) => list.change(centres.setManagers(code, body)),
}));
export const useCommissionsStore = objectsStore('setup-commissions', commissions, (list) => ({
  setMembers: (code: string, body: Parameters<typeof commissions.setMembers>[1]) => list.change(commissions.setMembers(code, body)),
  setSignature: (code: string, file: File) => list.change(commissions.setSignature(code, file)),
}));
/** A change of a formation's dates or documents is sent to its open candidatures (propagation.ts follows it). */
export const useFormationsStore = objectsStore('setup-formations', formations, (list) => ({
  setDates: (codes: string[], dates: Parameters<typeof formations.setDates>[1]) => list.change(formations.setDates(codes, dates)),
}));
export const useDocumentsStore = objectsStore('setup-documents', setupApi.documents, (list) => ({
  setModel: (code: string, file: File) => list.change(setupApi.documents.setModel(code, file)),
}));
export const useQuestionsStore = objectsStore('setup-questions', setupApi.questions);
export const useTagsStore = objectsStore('setup-tags', setupApi.tags);
export const useDecisionTypesStore = objectsStore('setup-decision-types', setupApi.decisionTypes);
export const useMotivesStore = objectsStore('setup-motives', setupApi.motives);
export const useStaffUsersStore = objectsStore('setup-staff-users', setupApi.staffUsers);
