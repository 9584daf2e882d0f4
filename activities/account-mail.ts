// Account mails (CPT_MIN_*: creation, new validation link, password reset, e-mail change, forgotten
// login), queued by the API in the outbox (api/accounts/mail.ts) and rendered here when the worker's
// sender takes them (worker/mail-outbox.ts): the institution's template of the code, in the account's
// language, with the account variables (domain/mail-template.ts group `compte`): the names and the
// dossier number read now, the link and dates the API queued. Once handled, the row keeps the links
// without their token (a token opens the account until it is used or expires).
import { renderMail, type MailVariables } from '../domain/mail-template.ts';
import type { Db } from '../infra/prisma.ts';
import type { RenderedMail } from './mail.ts';

export interface AccountMailInput {
  accountId: number;
  code: string;
  /** The address queued with the mail. */
  recipient: string;
  variables: MailVariables;
}

const LINKS = ['lienValidation', 'lienValidationHtml', 'lienReinitialisation', 'lienReinitialisationHtml'];

/** The variables as recorded once the mail is handled: a link keeps its page, not its token (which opens the account). */
function withoutTokens(variables: MailVariables): MailVariables {
  const out = { ...variables };
  for (const name of LINKS) if (typeof out[name] === 'string') out[name] = String(out[name]).replace(/token=[^&\s]+/, 'token=…');
  return out;
}

export async function renderAccountMail(db: Db, input: AccountMailInput): Promise<RenderedMail> {
  const account = await db.candidateAccount.findUnique({
    where: { id: input.accountId },
    select: { dossierNumber: true, firstName: true, lastName: true, language: true },
  });
  const variables: MailVariables = {
    ...(account ? { prenom: account.firstName, nom: account.lastName, numDossierOpi: account.dossierNumber } : {}),
    ...input.variables,
  };
  // Purged (or deleted) since it was queued: nothing to say any more.
  if (!account) return { ok: false, recipient: input.recipient, reason: 'account no longer exists', variables: withoutTokens(variables) };
  const template = await db.mailTemplate.findFirst({ where: { code: input.code, centreId: null, active: true } });
  if (!template || !input.recipient)
    return {
      ok: false,
      recipient: input.recipient,
      reason: !template ? `no active template ${input.code}` : 'no recipient address',
      variables: withoutTokens(variables),
    };
  const parts = renderMail(
    account.language === 'en' ? { subject: template.subjectEn, body: template.bodyEn } : { subject: template.subjectFr, body: template.bodyFr },
    variables,
  );
  return { ok: true, recipient: input.recipient, ...parts, variables: withoutTokens(variables) };
}
