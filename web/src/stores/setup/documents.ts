// The supporting documents (pièces justificatives), for the setup screens and the formations' list of documents.
import { defineStore } from 'pinia';
import { setupApi, type DocumentBody, type DocumentChanges } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useDocumentsStore = defineStore('setup-documents', () => {
  const list = setupCollection(setupApi.documents.list);
  return {
    ...list,
    create: (body: DocumentBody) => list.change(setupApi.documents.create(body)),
    update: (code: string, body: DocumentChanges) => list.change(setupApi.documents.update(code, body)),
  };
});
