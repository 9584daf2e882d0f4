// The mail templates: the institution's one per mail code and the centres' own versions, read again
// after a save or a removal. A template with its texts and variables is read when it is opened.
import { defineStore } from 'pinia';
import { setupApi, type MailTemplateBody } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useMailTemplatesStore = defineStore('setup-mail-templates', () => {
  const list = setupCollection(setupApi.mailTemplates.list);
  const { mailTemplates } = setupApi;
  return {
    ...list,
    get: mailTemplates.get,
    preview: mailTemplates.preview,
    save: (code: string, body: MailTemplateBody) => list.change(mailTemplates.save(code, body)),
    remove: (code: string, centreCode: string) => list.change(mailTemplates.remove(code, centreCode)),
  };
});
