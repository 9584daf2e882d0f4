// The global parameters and the site messages (home, maintenance), for the setup screens: each
// saved on its own, the list then holding the API's answer. Turning maintenance on or off, or
// changing the home message, is also what /api/config says: the config store reads it again.
import { defineStore } from 'pinia';
import { setupApi, type ParameterValue, type SiteMessageBody } from '../../setup-api.ts';
import { useConfigStore } from '../config.ts';
import { setupCollection, type SetupCollection } from './collection.ts';

/** Puts the saved object in the list in place of the one it replaces. */
async function replaceWith<T extends { code: string }>(list: SetupCollection<T>, call: Promise<T>): Promise<T> {
  const saved = await call;
  list.items.value = list.items.value.map((x) => (x.code === saved.code ? saved : x));
  void useConfigStore().reload();
  return saved;
}

export const useParametersStore = defineStore('setup-parameters', () => {
  const list = setupCollection(setupApi.parameters.list);
  return { ...list, set: (code: string, value: ParameterValue) => replaceWith(list, setupApi.parameters.set(code, value)) };
});

export const useMessagesStore = defineStore('setup-messages', () => {
  const list = setupCollection(setupApi.messages.list);
  return { ...list, set: (code: string, body: SiteMessageBody) => replaceWith(list, setupApi.messages.set(code, body)) };
});
