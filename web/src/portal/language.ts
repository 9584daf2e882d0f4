// The reader's language: the site's (vue-i18n, remembered in the browser) and, for a logged-in
// candidate, their account's (PUT /api/account/language), so that the mails they receive follow the
// language they read the site in. The header's language selector and the account page both use it.
import type { AccountLanguage } from '../../../contracts/accounts.ts';
import { currentLocale, localeChosen, setLocale } from '../i18n.ts';
import { portalApi } from '../portal-api.ts';
import { useSessionStore } from '../stores/session.ts';

export function useAccountLanguage() {
  const session = useSessionStore();
  /** Switches the site to this language and, for a candidate, records it on the account (rejects when the API refuses). */
  return async (language: AccountLanguage): Promise<void> => {
    setLocale(language);
    if (session.isCandidate) await portalApi.setLanguage(language);
  };
}

/**
 * At a candidate's login: a language chosen in this browser is recorded on the account (the mails
 * follow what the candidate reads); otherwise the site takes the account's language. Best effort: a
 * failure leaves the site as it is.
 */
export async function reconcileAccountLanguage(): Promise<void> {
  try {
    if (localeChosen()) await portalApi.setLanguage(currentLocale());
    else setLocale((await portalApi.account()).language);
  } catch {
    // the language is a preference: the login goes on
  }
}
