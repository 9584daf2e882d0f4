import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, type AppConfig } from '../api.ts';
import { i18n } from '../i18n.ts';

type Bilingual = { fr: string; en: string };
/**
 * What GET /api/config says, with staff single sign-on (null when the installation has none), the
 * maintenance message while candidates are turned away and the home message (null when off).
 */
export type PublicConfig = AppConfig & { sso?: { label: string } | null; maintenance?: Bilingual | null; homeMessage?: Bilingual | null };

const FALLBACK: PublicConfig = {
  brand: 'neutral',
  institutionName: '',
  mode: 'production',
  temporalUiUrl: null,
  sso: null,
  maintenance: null,
  homeMessage: null,
};

/** GET /api/config, loaded once at start-up; the neutral brand until (and unless) the server says otherwise. */
export const useConfigStore = defineStore('config', () => {
  const config = ref<PublicConfig>(FALLBACK);
  const loaded = ref(false);
  const failed = ref(false);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    pending ??= read();
    return pending;
  }
  function read(): Promise<void> {
    return api
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
  }
  /** Reads it again (the maintenance mode or the home message changed). */
  const reload = () => (pending = read());

  const isDev = computed(() => config.value.mode === 'development');
  const isDsfr = computed(() => config.value.brand === 'dsfr');
  const institutionName = computed(() => config.value.institutionName);
  /** Staff single sign-on: the button's label, or null when the login page offers passwords only. */
  const sso = computed(() => config.value.sso ?? null);
  const { locale } = i18n.global;
  const inLanguage = (m: Bilingual | null | undefined) => (m ? (locale.value === 'en' ? m.en : m.fr) || m.fr : null);
  /** The maintenance message in the reader's language while the maintenance mode is on, else null. */
  const maintenance = computed(() => inLanguage(config.value.maintenance));
  /** The home message in the reader's language when it is shown, else null. */
  const homeMessage = computed(() => inLanguage(config.value.homeMessage));

  return { config, loaded, failed, load, reload, isDev, isDsfr, institutionName, sso, maintenance, homeMessage };
});
