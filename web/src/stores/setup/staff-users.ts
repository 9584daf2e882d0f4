// The staff accounts, for the setup screens and the managers' and members' lists.
import { defineStore } from 'pinia';
import { setupApi, type StaffUserBody, type StaffUserChanges } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useStaffUsersStore = defineStore('setup-staff-users', () => {
  const list = setupCollection(setupApi.staffUsers.list);
  return {
    ...list,
    create: (body: StaffUserBody) => list.change(setupApi.staffUsers.create(body)),
    update: (login: string, body: StaffUserChanges) => list.change(setupApi.staffUsers.update(login, body)),
  };
});
