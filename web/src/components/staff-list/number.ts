// Counts in the reader's language: "12 345" in French, "12,345" in English.
import { useI18n } from 'vue-i18n';

export function useNumber(): (n: number) => string {
  const { locale } = useI18n();
  return (n) => new Intl.NumberFormat(locale.value === 'en' ? 'en-GB' : 'fr-FR').format(n);
}
