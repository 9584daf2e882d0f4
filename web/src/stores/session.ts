import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ADMIN_PROFILES } from '../../../contracts/access.ts';
import { DATA_PROTECTION_PROFILES } from '../../../contracts/data-protection.ts';
import { CANDIDATE_MANAGER_PROFILES } from '../../../contracts/candidate-accounts.ts';
import { api, ApiError, type SessionUser } from '../api.ts';
import { reconcileAccountLanguage } from '../portal/language.ts';

/** The logged-in user. The session itself is an HttpOnly cookie: nothing is stored in the browser. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  let restoring: Promise<void> | null = null;

  /** GET /api/session once at start-up (401 = anonymous). */
  function restore(): Promise<void> {
    restoring ??= api
      .session()
      .then((r) => {
        user.value = r.user;
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError)) throw err;
        user.value = null;
      });
    return restoring;
  }

  async function login(loginName: string, password: string): Promise<SessionUser> {
    const r = await api.login(loginName, password);
    user.value = r.user;
    if (r.user.kind === 'candidate') await reconcileAccountLanguage();
    return r.user;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      user.value = null;
    }
  }

  /** Forget the user locally (the server said 401: the session expired). */
  function expire(): void {
    user.value = null;
  }

  const isStaff = computed(() => user.value?.kind === 'staff');
  const isCandidate = computed(() => user.value?.kind === 'candidate');
  const isAdmin = computed(() => isStaff.value && (user.value?.profiles ?? []).some((p) => (ADMIN_PROFILES as readonly string[]).includes(p)));
  /** Admins and candidate managers handle data-protection requests (contracts/data-protection.ts). */
  const handlesCandidateAccounts = computed(
    () => isStaff.value && (user.value?.profiles ?? []).some((p) => (CANDIDATE_MANAGER_PROFILES as readonly string[]).includes(p)),
  );
  const handlesDataProtection = computed(
    () => isStaff.value && (user.value?.profiles ?? []).some((p) => (DATA_PROTECTION_PROFILES as readonly string[]).includes(p)),
  );
  const homePath = computed(() => (user.value?.kind === 'staff' ? '/gestion' : user.value ? '/candidat' : '/'));

  return {
    user,
    restore,
    login,
    logout,
    expire,
    isStaff,
    isCandidate,
    isAdmin,
    handlesDataProtection,
    handlesCandidateAccounts,
    homePath,
  };
});
