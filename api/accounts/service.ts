// Candidate accounts (issue 10; reference §5): creation with a dossier number and a validation link,
// validation (of the account, or of a new address), a new validation link, forgotten password and
// login, change of address and language. Every mail goes through the outbox (./mail.ts).
//
// Nothing here tells whether an address has an account: creation answers the same dossier-number
// shape for a taken address (a decoy number, reserved like a real one, while the owner is told by
// mail), and the three "send me…" requests always answer the same; each of these takes at least
// MIN_ANSWER_MS, so that the work done for an existing account does not show in the timing.
import { hash, verify } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import {
  passwordPolicyMessage,
  type AccountCreateInput,
  type AccountCreated,
  type AccountLanguage,
  type AccountValidated,
  type AccountView,
  type EmailChangeInput,
  type PasswordChanged,
} from '../../contracts/accounts.ts';
import { labelled } from '../../contracts/field-labels.ts';
import type { MailVariables } from '../../domain/mail-template.ts';
import { Prisma, type Db } from '../../infra/prisma.ts';
import type { Language } from '../language.ts';
import { readParameters } from '../parameters.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { reserveDossierNumber } from './dossier-number.ts';
import { mailDay, queueAccountMail, resetLinkVariables, validationLinkVariables, type AccountMailCode } from './mail.ts';
import type { AccountTokens } from './tokens.ts';

export interface AccountDeps {
  db: Db;
  tokens: AccountTokens;
  /** The web app's public address, which the links of the mails point to. */
  publicUrl: string;
}

/** The least time creation and the "send me…" requests take, whatever they found. */
export const MIN_ANSWER_MS = 400;
const DAY_MS = 86_400_000;

/** A 400 naming the field by its label, in the reader's language. */
function fieldProblem(field: string, lang: Language, text: { fr: string; en: string }): HttpProblem {
  const message = labelled(field, lang, text[lang]);
  return new HttpProblem(400, 'Requête invalide', message, [{ field, message }]);
}

const invalidLink = (lang: Language) =>
  fieldProblem('token', lang, {
    fr: 'ce lien n’est pas valide, a déjà servi ou a expiré : demandez-en un nouveau.',
    en: 'this link is invalid, already used or expired: ask for a new one.',
  });

function checkPassword(password: string, lang: Language): void {
  const missing = passwordPolicyMessage(password, lang);
  if (missing) throw fieldProblem('password', lang, { fr: missing, en: missing });
}

/** Runs `work`, answering no sooner than MIN_ANSWER_MS after the start. */
async function atLeast<T>(work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    const left = MIN_ANSWER_MS - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** Accounts of an address on campaigns not archived. */
const byEmail = (email: string) => ({ email: { equals: email, mode: 'insensitive' as const }, campaign: { archivedAt: null } });

export class AccountService {
  constructor(private readonly deps: AccountDeps) {}

  private link(page: 'validation' | 'mot-de-passe', token: string): string {
    return `${this.deps.publicUrl}/compte/${page}?token=${encodeURIComponent(token)}`;
  }

  /** A new validation link for the account (its address, or the new one of an e-mail change), stored as the only valid one. */
  private async validationLink(accountId: number, expiresAt: Date, email: string): Promise<string> {
    const { token, jti } = await this.deps.tokens.issue('validation', accountId, expiresAt, email);
    await this.deps.db.candidateAccount.update({ where: { id: accountId }, data: { validationKey: jti } });
    return this.link('validation', token);
  }

  /** A new reset link for the account, valid CANDIDAT_NB_HEURE_LIEN_MDP_VALID hours, stored as the only valid one. */
  private async resetLink(accountId: number): Promise<{ url: string; expiresAt: Date; jti: string }> {
    const { CANDIDAT_NB_HEURE_LIEN_MDP_VALID: hours } = await readParameters(this.deps.db, ['CANDIDAT_NB_HEURE_LIEN_MDP_VALID']);
    const expiresAt = new Date(Date.now() + Math.max(1, hours) * 3_600_000);
    const { token, jti } = await this.deps.tokens.issue('password-reset', accountId, expiresAt);
    await this.deps.db.candidateAccount.update({ where: { id: accountId }, data: { resetPasswordKey: jti, resetPasswordExpiresAt: expiresAt } });
    return { url: this.link('mot-de-passe', token), expiresAt, jti };
  }

  private mail(accountId: number, code: AccountMailCode, to: string, key: string, variables: MailVariables) {
    return queueAccountMail(this.deps.db, { idempotencyKey: `account:${accountId}:${code}:${key}`, accountId, code, to, variables });
  }

  /** POST /api/accounts. */
  async create(input: AccountCreateInput, lang: Language): Promise<AccountCreated> {
    const { db } = this.deps;
    const parameters = await readParameters(db, ['CANDIDAT_IS_COMPTE_EXTERNE_AUT', 'CANDIDAT_PREFIXE_NUM_DOSS', 'CANDIDAT_NB_JOUR_KEEP_CPT_MIN']);
    if (!parameters.CANDIDAT_IS_COMPTE_EXTERNE_AUT)
      throw forbidden(
        lang === 'fr'
          ? 'La création de comptes candidats est fermée : adressez-vous au service de scolarité.'
          : 'Applicant accounts cannot be created at the moment: contact the admissions office.',
      );
    checkPassword(input.password, lang);
    const campaign = await db.campaign.findFirst({ where: { code: input.campaignCode, active: true, archivedAt: null } });
    if (!campaign)
      throw fieldProblem('campaignCode', lang, {
        fr: `la campagne « ${input.campaignCode} » n’existe pas ou n’est pas ouverte.`,
        en: `campaign "${input.campaignCode}" does not exist or is not open.`,
      });

    return atLeast(async () => {
      const passwordHash = await hash(input.password);
      // Reserved either way: a taken address gets a number like a new account would (a decoy, never given).
      const dossierNumber = await reserveDossierNumber(db, parameters.CANDIDAT_PREFIXE_NUM_DOSS, campaign.code);
      const existing = await db.candidateAccount.findFirst({
        where: { campaignId: campaign.id, email: { equals: input.email, mode: 'insensitive' } },
      });
      if (existing) {
        await this.tellOwner(existing);
        return { dossierNumber };
      }
      const validationExpiresAt = new Date(Date.now() + Math.max(1, parameters.CANDIDAT_NB_JOUR_KEEP_CPT_MIN) * DAY_MS);
      let account;
      try {
        account = await db.candidateAccount.create({
          data: {
            campaignId: campaign.id,
            dossierNumber,
            email: input.email,
            passwordHash,
            firstName: input.firstName,
            lastName: input.lastName,
            language: lang,
            validationExpiresAt,
          },
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Created meanwhile by a request with the same address.
        const other = await db.candidateAccount.findFirst({ where: { campaignId: campaign.id, email: { equals: input.email, mode: 'insensitive' } } });
        if (other) await this.tellOwner(other);
        return { dossierNumber };
      }
      const url = await this.validationLink(account.id, validationExpiresAt, account.email);
      await this.mail(account.id, 'CPT_MIN_CREATE', account.email, 'created', {
        ...validationLinkVariables(url),
        jourDestructionCptMin: mailDay(validationExpiresAt),
      });
      return { dossierNumber };
    });
  }

  /** Someone tried to create an account with the address of this one: its owner is told (login and a way back in). */
  private async tellOwner(account: { id: number; email: string; validated: boolean; validationExpiresAt: Date | null }): Promise<void> {
    if (!account.validated && account.validationExpiresAt && account.validationExpiresAt > new Date()) {
      const url = await this.validationLink(account.id, account.validationExpiresAt, account.email);
      await this.mail(account.id, 'CPT_MIN_LIEN_VALID_OUBLIE', account.email, randomUUID(), validationLinkVariables(url));
      return;
    }
    const reset = await this.resetLink(account.id);
    await this.mail(account.id, 'CPT_MIN_COMPTE_EXISTANT', account.email, reset.jti, resetLinkVariables(reset.url, reset.expiresAt));
  }

  /** POST /api/accounts/validation: the account's address, or the new one of an e-mail change. */
  async validate(token: string, lang: Language): Promise<AccountValidated> {
    const { db, tokens } = this.deps;
    const claims = await tokens.read('validation', token);
    if (!claims?.email) throw invalidLink(lang);
    const account = await db.candidateAccount.findUnique({ where: { id: claims.accountId } });
    if (!account || account.validationKey !== claims.jti) throw invalidLink(lang);
    if (account.pendingEmail && account.pendingEmail === claims.email) {
      try {
        const { count } = await db.candidateAccount.updateMany({
          where: { id: account.id, validationKey: claims.jti, pendingEmail: claims.email },
          data: { email: claims.email, pendingEmail: null, validationKey: null, emailValidated: true },
        });
        if (count !== 1) throw invalidLink(lang);
      } catch (err) {
        // The address got an account of this campaign meanwhile.
        if (isUniqueViolation(err)) throw invalidLink(lang);
        throw err;
      }
      return { dossierNumber: account.dossierNumber, email: claims.email };
    }
    if (claims.email.toLowerCase() !== account.email.toLowerCase()) throw invalidLink(lang);
    const { count } = await db.candidateAccount.updateMany({
      where: { id: account.id, validationKey: claims.jti },
      data: { validated: true, emailValidated: true, validationKey: null, validationExpiresAt: null },
    });
    if (count !== 1) throw invalidLink(lang);
    return { dossierNumber: account.dossierNumber, email: account.email };
  }

  /** POST /api/accounts/validation/resend: a new link for each account of the address still waiting for validation. */
  async resendValidation(email: string): Promise<void> {
    await atLeast(async () => {
      const accounts = await this.deps.db.candidateAccount.findMany({
        where: { ...byEmail(email), validated: false, validationExpiresAt: { gt: new Date() } },
      });
      for (const a of accounts) {
        const url = await this.validationLink(a.id, a.validationExpiresAt!, a.email);
        await this.mail(a.id, 'CPT_MIN_LIEN_VALID_OUBLIE', a.email, randomUUID(), validationLinkVariables(url));
      }
    });
  }

  /** POST /api/accounts/password-reset: a reset link for each account of the address. */
  async requestPasswordReset(email: string): Promise<void> {
    await atLeast(async () => {
      const accounts = await this.deps.db.candidateAccount.findMany({ where: byEmail(email) });
      for (const a of accounts) {
        const reset = await this.resetLink(a.id);
        await this.mail(a.id, 'CPT_MIN_MDP_OUBLIE', a.email, reset.jti, resetLinkVariables(reset.url, reset.expiresAt));
      }
    });
  }

  /** POST /api/accounts/password: the new password; every session of the account ends. */
  async resetPassword(token: string, password: string, lang: Language): Promise<PasswordChanged> {
    const { db, tokens } = this.deps;
    checkPassword(password, lang);
    const claims = await tokens.read('password-reset', token);
    if (!claims) throw invalidLink(lang);
    const passwordHash = await hash(password);
    const { count } = await db.candidateAccount.updateMany({
      where: { id: claims.accountId, resetPasswordKey: claims.jti },
      data: { passwordHash, resetPasswordKey: null, resetPasswordExpiresAt: null, sessionsValidAfter: new Date() },
    });
    if (count !== 1) throw invalidLink(lang);
    const account = await db.candidateAccount.findUniqueOrThrow({ where: { id: claims.accountId }, select: { dossierNumber: true } });
    return { dossierNumber: account.dossierNumber };
  }

  /** POST /api/accounts/login-reminder: the dossier number of each account of the address. */
  async loginReminder(email: string): Promise<void> {
    await atLeast(async () => {
      const accounts = await this.deps.db.candidateAccount.findMany({ where: byEmail(email) });
      for (const a of accounts) await this.mail(a.id, 'CPT_MIN_ID_OUBLIE', a.email, randomUUID(), {});
    });
  }

  /** GET /api/account. */
  async view(accountId: number, lang: Language): Promise<AccountView> {
    const a = await this.deps.db.candidateAccount.findUnique({
      where: { id: accountId },
      include: { campaign: { select: { code: true, label: true, labelEn: true } } },
    });
    if (!a) throw notFound(lang === 'fr' ? 'Compte introuvable.' : 'Account not found.');
    return {
      dossierNumber: a.dossierNumber,
      email: a.email,
      firstName: a.firstName,
      lastName: a.lastName,
      campaignCode: a.campaign.code,
      campaignLabel: (lang === 'en' && a.campaign.labelEn) || a.campaign.label,
      language: a.language === 'en' ? 'en' : 'fr',
      pendingEmail: a.pendingEmail,
    };
  }

  /**
   * PUT /api/account/email: the new address waits (pendingEmail) for the link sent to it. An address
   * that already has an account of the campaign is answered the same, but gets no link.
   */
  async changeEmail(accountId: number, input: EmailChangeInput, lang: Language): Promise<void> {
    const { db } = this.deps;
    const account = await db.candidateAccount.findUnique({ where: { id: accountId } });
    if (!account) throw notFound(lang === 'fr' ? 'Compte introuvable.' : 'Account not found.');
    if (!(await verify(account.passwordHash, input.password).catch(() => false)))
      throw fieldProblem('password', lang, { fr: 'le mot de passe n’est pas le bon.', en: 'the password is wrong.' });
    if (input.email.toLowerCase() === account.email.toLowerCase())
      throw fieldProblem('email', lang, { fr: 'c’est déjà l’adresse de votre compte.', en: 'this is already your account’s address.' });
    const { CANDIDAT_NB_JOUR_KEEP_CPT_MIN: days } = await readParameters(db, ['CANDIDAT_NB_JOUR_KEEP_CPT_MIN']);
    await db.candidateAccount.update({ where: { id: accountId }, data: { pendingEmail: input.email } });
    const taken = await db.candidateAccount.findFirst({
      where: { campaignId: account.campaignId, email: { equals: input.email, mode: 'insensitive' } },
      select: { id: true },
    });
    if (taken) {
      // Any earlier link to another pending address stops working.
      await db.candidateAccount.update({ where: { id: accountId }, data: { validationKey: null } });
      return;
    }
    const url = await this.validationLink(accountId, new Date(Date.now() + Math.max(1, days) * DAY_MS), input.email);
    await this.mail(accountId, 'CPT_MIN_MOD_MAIL', input.email, randomUUID(), validationLinkVariables(url));
  }

  /** PUT /api/account/language: the language of the account's mails. */
  async changeLanguage(accountId: number, language: AccountLanguage): Promise<void> {
    await this.deps.db.candidateAccount.update({ where: { id: accountId }, data: { language } });
  }
}
