// The screens of the setup section (/admin/parametrage/…): its routes and its side menu.
import type { RouteRecordRaw } from 'vue-router';

export const SETUP_SECTIONS = [
  { path: 'campagnes', name: 'setup-campaigns', titleKey: 'setup.campaigns.title', component: () => import('./SetupCampaignsPage.vue') },
  { path: 'centres', name: 'setup-centres', titleKey: 'setup.centres.title', component: () => import('./SetupCentresPage.vue') },
  { path: 'commissions', name: 'setup-commissions', titleKey: 'setup.commissions.title', component: () => import('./SetupCommissionsPage.vue') },
  { path: 'formations', name: 'setup-formations', titleKey: 'setup.formations.title', component: () => import('./SetupFormationsPage.vue') },
  { path: 'pieces-justificatives', name: 'setup-documents', titleKey: 'setup.documents.title', component: () => import('./SetupDocumentsPage.vue') },
  { path: 'questions', name: 'setup-questions', titleKey: 'setup.questions.title', component: () => import('./SetupQuestionsPage.vue') },
  { path: 'tags', name: 'setup-tags', titleKey: 'setup.tags.title', component: () => import('./SetupTagsPage.vue') },
  { path: 'types-de-decision', name: 'setup-decision-types', titleKey: 'setup.decisionTypes.title', component: () => import('./SetupDecisionTypesPage.vue') },
  { path: 'motifs', name: 'setup-motives', titleKey: 'setup.motives.title', component: () => import('./SetupMotivesPage.vue') },
  { path: 'modeles-de-mail', name: 'setup-mails', titleKey: 'setup.mails.title', component: () => import('./SetupMailTemplatesPage.vue') },
  { path: 'profils', name: 'setup-profiles', titleKey: 'setup.profiles.title', component: () => import('./SetupProfilesPage.vue') },
  { path: 'comptes', name: 'setup-staff', titleKey: 'setup.staff.title', component: () => import('./SetupStaffUsersPage.vue') },
  { path: 'parametres', name: 'setup-parameters', titleKey: 'setup.parameters.title', component: () => import('./SetupParametersPage.vue') },
  { path: 'messages', name: 'setup-messages', titleKey: 'setup.messages.title', component: () => import('./SetupMessagesPage.vue') },
  { path: 'journal', name: 'setup-audit', titleKey: 'setup.audit.title', component: () => import('./SetupAuditPage.vue') },
] as const;

/** The route of the section: admins only, its first screen by default. */
export const setupRoute: RouteRecordRaw = {
  path: '/admin/parametrage',
  component: () => import('./SetupLayout.vue'),
  meta: { kind: 'staff', admin: true },
  children: [
    { path: '', name: 'setup', redirect: { name: 'setup-campaigns' } },
    ...SETUP_SECTIONS.map((s) => ({ path: s.path, name: s.name, meta: { titleKey: s.titleKey }, component: s.component })),
  ],
};
