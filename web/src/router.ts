import { nextTick } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteLocationRaw } from 'vue-router';
import { onUnauthorized } from './api.ts';
import { i18n } from './i18n.ts';
import { portalRoutes } from './pages/portal/routes.ts';
import { setupRoute } from './pages/setup/sections.ts';
import { useConfigStore } from './stores/config.ts';
import { useSessionStore } from './stores/session.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title). */
    titleKey?: string;
    /** Reachable without a session. */
    public?: boolean;
    /** Only for this kind of user. */
    kind?: 'candidate' | 'staff';
    /** Staff with an admin profile only. */
    admin?: boolean;
    /** Only when /api/config says mode = development. */
    devOnly?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    ...portalRoutes,
    {
      path: '/connexion',
      name: 'login',
      meta: { public: true, titleKey: 'login.title' },
      component: () => import('./pages/LoginPage.vue'),
    },
    {
      path: '/candidat',
      name: 'candidate-home',
      meta: { kind: 'candidate', titleKey: 'candidate.title' },
      component: () => import('./pages/CandidateHomePage.vue'),
    },
    {
      path: '/candidat/dossier',
      name: 'candidate-profile',
      meta: { kind: 'candidate', titleKey: 'profile.title' },
      component: () => import('./pages/CandidateProfilePage.vue'),
    },
    {
      path: '/candidat/candidatures/:id',
      name: 'candidature',
      meta: { kind: 'candidate', titleKey: 'candidature.title' },
      component: () => import('./pages/CandidaturePage.vue'),
      props: true,
    },
    {
      path: '/gestion',
      name: 'staff-list',
      meta: { kind: 'staff', titleKey: 'staff.listTitle' },
      component: () => import('./pages/StaffListPage.vue'),
    },
    {
      path: '/gestion/candidatures/:id',
      name: 'staff-candidature',
      meta: { kind: 'staff', titleKey: 'staffCandidature.title' },
      component: () => import('./pages/StaffCandidaturePage.vue'),
      props: true,
    },
    {
      path: '/gestion/candidats',
      name: 'staff-candidate-accounts',
      meta: { kind: 'staff', titleKey: 'candidateAccounts.title' },
      component: () => import('./pages/StaffCandidatesPage.vue'),
    },
    {
      path: '/gestion/candidats/:dossierNumber',
      name: 'staff-candidate-account',
      meta: { kind: 'staff', titleKey: 'candidateAccounts.title' },
      component: () => import('./pages/StaffCandidateAccountPage.vue'),
      props: true,
    },
    {
      path: '/gestion/rgpd',
      name: 'staff-data-protection',
      meta: { kind: 'staff', titleKey: 'dataProtection.title' },
      component: () => import('./pages/StaffDataProtectionPage.vue'),
    },
    {
      path: '/gestion/statistiques',
      name: 'staff-stats',
      meta: { kind: 'staff', titleKey: 'staffStats.title' },
      component: () => import('./pages/StaffStatsPage.vue'),
    },
    {
      path: '/gestion/formations',
      name: 'staff-formations',
      meta: { kind: 'staff', titleKey: 'sisLink.title' },
      component: () => import('./pages/StaffFormationsPage.vue'),
    },
    {
      path: '/gestion/formations/:code/liste-complementaire',
      name: 'staff-waiting-list',
      meta: { kind: 'staff', titleKey: 'waitingList.title' },
      component: () => import('./pages/StaffWaitingListPage.vue'),
      props: true,
    },
    {
      path: '/admin/candidatures/:id/historique',
      name: 'workflow-history',
      meta: { kind: 'staff', admin: true, titleKey: 'history.title' },
      component: () => import('./pages/WorkflowHistoryPage.vue'),
      props: true,
    },
    {
      path: '/admin/console',
      name: 'admin-console',
      meta: { kind: 'staff', admin: true, titleKey: 'admin.console.title' },
      component: () => import('./pages/AdminConsolePage.vue'),
    },
    {
      path: '/admin/referentiels',
      name: 'admin-referentials',
      meta: { kind: 'staff', admin: true, titleKey: 'referentials.title' },
      component: () => import('./pages/AdminReferentialsPage.vue'),
    },
    setupRoute,
    {
      path: '/dev/inbox',
      name: 'dev-inbox',
      meta: { public: true, devOnly: true, titleKey: 'inbox.title' },
      component: () => import('./pages/DevInboxPage.vue'),
    },
    {
      path: '/accessibilite',
      name: 'accessibility',
      meta: { public: true, titleKey: 'accessibility.title' },
      component: () => import('./pages/AccessibilityPage.vue'),
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      meta: { public: true, titleKey: 'notFound.title' },
      component: () => import('./pages/NotFoundPage.vue'),
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

function notFound(to: RouteLocationNormalized): RouteLocationRaw {
  return {
    name: 'not-found',
    params: { pathMatch: to.path.slice(1).split('/') },
    query: to.query,
    hash: to.hash,
  };
}

router.beforeEach(async (to) => {
  const config = useConfigStore();
  const session = useSessionStore();
  await Promise.all([config.load(), session.restore()]);

  if (to.meta.devOnly && !config.isDev) return notFound(to);
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return session.homePath;
    return true;
  }
  if (!session.user)
    return {
      name: 'login',
      query: to.fullPath === '/' ? {} : { redirect: to.fullPath },
    };
  if (to.meta.kind && session.user.kind !== to.meta.kind) return session.homePath;
  if (to.meta.admin && !session.isAdmin) return session.homePath;
  return true;
});

/** document.title of the current route ("Page - eCandidat - Institution"). */
export function updateDocumentTitle(): void {
  const route = router.currentRoute.value;
  const { t } = i18n.global;
  const page = route.meta.titleKey ? t(route.meta.titleKey) : t('app.name');
  const institution = useConfigStore().institutionName;
  document.title = institution ? t('app.documentTitle', { page, institution }) : `${page} - eCandidat`;
}

// After each navigation (not the first page load): new title, and the focus goes to the page's <h1>
// so that screen-reader and keyboard users start at the new content (RGAA 12.x).
router.afterEach((to, from, failure) => {
  if (failure) return;
  updateDocumentTitle();
  if (from.matched.length === 0) return;
  void nextTick(() => {
    const target = document.querySelector<HTMLElement>('#contenu h1') ?? document.querySelector<HTMLElement>('#contenu');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  });
});

// A 401 on an authenticated call: the session expired; back to the login page, then here again.
onUnauthorized(() => {
  const session = useSessionStore();
  if (!session.user) return;
  session.expire();
  const current = router.currentRoute.value;
  if (current.meta.public) return;
  void router.push({ name: 'login', query: { redirect: current.fullPath } });
});
