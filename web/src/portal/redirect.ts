// Where a visitor goes back after logging in (the "redirect" query the login page follows): kept
// through the login, account creation and validation pages. Only a candidate page of this site
// (/candidat…) is followed (no open redirect). Between the account creation and the validation
// link (opened from the mail, maybe in another tab) it waits in localStorage: a page path, nothing
// secret.
const STORAGE_KEY = 'ecandidat.afterValidation';

/** The path if it is a candidate page of this site, else null. */
export function candidateRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/candidat') || value.startsWith('//') || value.includes('\\')) return null;
  return value;
}

/** The query carrying a redirect (empty when there is none). */
export const redirectQuery = (redirect: string | null): Record<string, string> => (redirect ? { redirect } : {});

/** Remembers where to go once the account is validated (account creation). */
export function rememberAfterValidation(redirect: string | null): void {
  try {
    if (redirect) localStorage.setItem(STORAGE_KEY, redirect);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage unavailable: the visitor goes to their home after login
  }
}

/** Where to go once the account is validated, forgotten afterwards (validation page). */
export function takeAfterValidation(): string | null {
  try {
    const value = candidateRedirect(localStorage.getItem(STORAGE_KEY));
    localStorage.removeItem(STORAGE_KEY);
    return value;
  } catch {
    return null;
  }
}
