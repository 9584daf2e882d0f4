// The candidate portal's public and account pages (issue 10), merged into web/src/router.ts: the
// landing page at `/` for visitors (a logged-in user goes on to their home), the public catalogue,
// the account pages (creation, validation link, forgotten password and login) and, for a logged-in
// candidate, their account and the application to a formation of the catalogue.
import type { RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '../../stores/session.ts';

export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    meta: { public: true, titleKey: 'portal.landing.pageTitle' },
    component: () => import('./LandingPage.vue'),
    beforeEnter: () => {
      const session = useSessionStore();
      return session.user ? session.homePath : true;
    },
  },
  {
    path: '/catalogue',
    name: 'catalogue',
    meta: { public: true, titleKey: 'portal.catalogue.title' },
    component: () => import('./CataloguePage.vue'),
  },
  {
    path: '/catalogue/formations/:code',
    name: 'catalogue-formation',
    meta: { public: true, titleKey: 'portal.formation.title' },
    component: () => import('./FormationPage.vue'),
    props: true,
  },
  {
    path: '/compte/creation',
    name: 'account-creation',
    meta: { public: true, titleKey: 'portal.creation.title' },
    component: () => import('./AccountCreationPage.vue'),
  },
  {
    path: '/compte/creation/envoye',
    name: 'account-created',
    meta: { public: true, titleKey: 'portal.created.title' },
    component: () => import('./AccountCreatedPage.vue'),
  },
  {
    path: '/compte/validation',
    name: 'account-validation',
    meta: { public: true, titleKey: 'portal.validation.title' },
    component: () => import('./AccountValidationPage.vue'),
  },
  {
    path: '/compte/renvoi-validation',
    name: 'resend-validation',
    meta: { public: true, titleKey: 'portal.resend.title' },
    component: () => import('./ResendValidationPage.vue'),
  },
  {
    path: '/compte/mot-de-passe-oublie',
    name: 'forgotten-password',
    meta: { public: true, titleKey: 'portal.forgottenPassword.title' },
    component: () => import('./ForgottenPasswordPage.vue'),
  },
  {
    path: '/compte/mot-de-passe',
    name: 'new-password',
    meta: { public: true, titleKey: 'portal.newPassword.title' },
    component: () => import('./NewPasswordPage.vue'),
  },
  {
    path: '/compte/identifiant-oublie',
    name: 'forgotten-login',
    meta: { public: true, titleKey: 'portal.forgottenLogin.title' },
    component: () => import('./ForgottenLoginPage.vue'),
  },
  {
    path: '/candidat/compte',
    name: 'candidate-account',
    meta: { kind: 'candidate', titleKey: 'portal.account.title' },
    component: () => import('./AccountPage.vue'),
  },
  {
    path: '/candidat/candidater/:code',
    name: 'candidate-apply',
    meta: { kind: 'candidate', titleKey: 'portal.apply.title' },
    component: () => import('./ApplyPage.vue'),
    props: true,
  },
];
