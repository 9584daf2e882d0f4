// The logged-in candidate's campaign as they read it: its label in the site's language (GET
// /api/account's campaignLabel), not its code; the code while the label is loading or when it is not
// given. Asked once per language and shared by the pages (home, candidature).
import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { portalApi } from '../portal-api.ts';

const labels = new Map<string, Promise<string | null>>();

export function useCampaignLabel(code: () => string | null | undefined): Ref<string> {
  const { locale } = useI18n();
  const shown = ref(code() ?? '');
  watch(
    [code, locale],
    async ([c, lang]) => {
      shown.value = c ?? '';
      if (!c) return;
      const key = `${lang}:${c}`;
      if (!labels.has(key))
        labels.set(
          key,
          portalApi.account().then(
            (a) => (a.campaignCode === c ? (a.campaignLabel ?? null) : null),
            () => (labels.delete(key), null),
          ),
        );
      const label = await labels.get(key);
      if (label && code() === c) shown.value = label;
    },
    { immediate: true },
  );
  return shown;
}
