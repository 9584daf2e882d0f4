// vue-i18n in Composition mode, French first. `setLocale` also updates <html lang> (RGAA 8.3/8.4)
// and remembers the choice (a UI preference, nothing secret).
import { createI18n } from 'vue-i18n';
import en from './locales/en.ts';
import fr, { type Messages } from './locales/fr.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'ecandidat.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch {
    // storage unavailable: default below
  }
  return 'fr';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'fr',
  messages: { fr: fr as Messages, en },
});

/** Whether this browser's reader chose a language (the header's switch), rather than the default. */
export function localeChosen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
}

document.documentElement.lang = currentLocale();
