// Candidate accounts (issue 10; reference §5 account creation, §4.5 parameters): the bodies and
// answers of api/routes/accounts.ts, shared with the web pages (/compte/…), and the password policy
// (reference REGEX_PWD) the API enforces and the forms show before sending.
//
//   POST /api/accounts                        AccountCreateInput   → 201 AccountCreated
//   POST /api/accounts/validation             ValidationInput      → 200 AccountValidated
//   POST /api/accounts/validation/resend      EmailInput           → 202 (always)
//   POST /api/accounts/password-reset         EmailInput           → 202 (always)
//   POST /api/accounts/password               PasswordInput        → 200 PasswordChanged
//   POST /api/accounts/login-reminder         EmailInput           → 202 (always)
//   GET  /api/account                                              → 200 AccountView
//   PUT  /api/account/email                   EmailChangeInput     → 202
//   PUT  /api/account/language                LanguageInput        → 204
// Links sent by mail: `${publicUrl}/compte/validation?token=…` and `${publicUrl}/compte/mot-de-passe?token=…`.
import { z } from 'zod';
import { personName } from './text.ts';

// ── The password policy (reference REGEX_PWD) ───────────────────────────────────────────────────

/** The special characters the reference accepts. */
export const PASSWORD_SPECIALS = '@#$%^&+=-!*';

export type PasswordRequirement = 'length' | 'lower' | 'upper' | 'digit' | 'special';

/** Each requirement: its test and how a person reads it ("au moins 10 caractères"). */
export const PASSWORD_POLICY = {
  minLength: 10,
  maxLength: 200,
  specials: PASSWORD_SPECIALS,
  requirements: [
    { code: 'length', test: (p: string) => p.length >= 10, fr: 'au moins 10 caractères', en: 'at least 10 characters' },
    { code: 'lower', test: (p: string) => /[a-z]/.test(p), fr: 'une lettre minuscule', en: 'a lower-case letter' },
    { code: 'upper', test: (p: string) => /[A-Z]/.test(p), fr: 'une lettre majuscule', en: 'an upper-case letter' },
    { code: 'digit', test: (p: string) => /[0-9]/.test(p), fr: 'un chiffre', en: 'a digit' },
    {
      code: 'special',
      test: (p: string) => [...p].some((c) => PASSWORD_SPECIALS.includes(c)),
      fr: `un caractère spécial parmi ${PASSWORD_SPECIALS}`,
      en: `a special character among ${PASSWORD_SPECIALS}`,
    },
  ] as const satisfies readonly { code: PasswordRequirement; test: (p: string) => boolean; fr: string; en: string }[],
} as const;

/** The requirements a password misses (empty: it complies). */
export function missingPasswordRequirements(password: string): PasswordRequirement[] {
  return PASSWORD_POLICY.requirements.filter((r) => !r.test(password)).map((r) => r.code);
}

/** What a password lacks, said to a person ("doit contenir : un chiffre, une lettre majuscule"); null when it complies. */
export function passwordPolicyMessage(password: string, lang: 'fr' | 'en'): string | null {
  const missing = PASSWORD_POLICY.requirements.filter((r) => !r.test(password));
  if (!missing.length) return null;
  return (lang === 'fr' ? 'doit contenir ' : 'must contain ') + missing.map((r) => r[lang]).join(', ');
}

// ── Fields ──────────────────────────────────────────────────────────────────────────────────────

const email = z.string().trim().toLowerCase().max(255).email();
/** A new password: its policy is checked by the API (400 naming the field and what is missing). */
const newPassword = z.string().min(1).max(PASSWORD_POLICY.maxLength);
const token = z.string().min(1).max(2000);
export const AccountLanguage = z.enum(['fr', 'en']);
export type AccountLanguage = z.infer<typeof AccountLanguage>;

// ── Requests and answers ────────────────────────────────────────────────────────────────────────

/** `POST /api/accounts`: the account's language is the request's Accept-Language (fr or en). */
export const AccountCreateInput = z.object({
  campaignCode: z.string().trim().min(1).max(20),
  email,
  password: newPassword,
  firstName: personName(100),
  lastName: personName(100),
});
export type AccountCreateInput = z.infer<typeof AccountCreateInput>;

export const AccountCreated = z.object({
  dossierNumber: z.string().describe('The login besides the e-mail (CANDIDAT_PREFIXE_NUM_DOSS + random [0-9A-Z], 8 characters)'),
});
export type AccountCreated = z.infer<typeof AccountCreated>;

/** `POST /api/accounts/validation`: the token of a validation link (account creation or e-mail change). */
export const ValidationInput = z.object({ token });
export type ValidationInput = z.infer<typeof ValidationInput>;

export const AccountValidated = z.object({
  dossierNumber: z.string(),
  email: z.string().describe('The validated address (the new one after an e-mail change)'),
});
export type AccountValidated = z.infer<typeof AccountValidated>;

/** `POST /api/accounts/validation/resend`, `/password-reset`, `/login-reminder`: always 202. */
export const EmailInput = z.object({ email });
export type EmailInput = z.infer<typeof EmailInput>;

/** `POST /api/accounts/password`: the token of a reset link and the new password. */
export const PasswordInput = z.object({ token, password: newPassword });
export type PasswordInput = z.infer<typeof PasswordInput>;

export const PasswordChanged = z.object({ dossierNumber: z.string() });
export type PasswordChanged = z.infer<typeof PasswordChanged>;

/** `GET /api/account`: the logged-in candidate's account. */
export const AccountView = z.object({
  dossierNumber: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  campaignCode: z.string(),
  campaignLabel: z.string().optional().describe('The campaign’s label in the reader’s language (what a candidate reads, not its code)'),
  language: AccountLanguage,
  pendingEmail: z.string().nullable().describe('A new address waiting for its validation link to be followed'),
});
export type AccountView = z.infer<typeof AccountView>;

/** `PUT /api/account/email`: the new address (validated by a link sent to it) and the current password. */
export const EmailChangeInput = z.object({ email, password: z.string().min(1).max(PASSWORD_POLICY.maxLength) });
export type EmailChangeInput = z.infer<typeof EmailChangeInput>;

/** `PUT /api/account/language`: the language of the account's mails. */
export const LanguageInput = z.object({ language: AccountLanguage });
export type LanguageInput = z.infer<typeof LanguageInput>;

/** The problem type of a login refused because the account's e-mail is not validated yet (403). */
export const EMAIL_NOT_VALIDATED_PROBLEM = '/problems/email-not-validated';
