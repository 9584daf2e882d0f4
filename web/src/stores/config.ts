import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, type AppConfig } from '../api.ts';

/** What GET /api/config says, with staff single sign-on (null when the installation has none). */
export type PublicConfig = AppConfig & { sso?: { label: string } | null };

const FALLBACK: PublicConfig = {
  brand: 'neutral',
  institutionName: '',
  mode: 'production',
  temporalUiUrl: null,
  sso: null,
};

/** GET /api/config, loaded once at start-up; the neutral brand until (and unless) the server says otherwise. */
export const useConfigStore = defineStore('config', () => {
  const config = ref<PublicConfig>(FALLBACK);
  const loaded = ref(false);
  const failed = ref(false);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    pending ??= api
      .config()
      .then((c) => {
        config.value = { ...FALLBACK, ...c };
      })
      .catch(() => {
        failed.value = true;
      })
      .finally(() => {
        loaded.value = true;
        document.documentElement.classList.toggle('brand-neutral', config.value.brand !== 'dsfr');
        document.documentElement.classList.toggle('brand-dsfr', config.value.brand === 'dsfr');
      });
    return pending;
  }

  const isDev = computed(() => config.value.mode === 'development');
  const isDsfr = computed(() => config.value.brand === 'dsfr');
  const institutionName = computed(() => config.value.institutionName);
  /** Staff single sign-on: the button's label, or null when the login page offers passwords only. */
  const sso = computed(() => config.value.sso ?? null);

  return { config, loaded, failed, load, isDev, isDsfr, institutionName, sso };
});
