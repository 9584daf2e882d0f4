// Account mails (CPT_MIN_*) go through the mail outbox like the candidature mails: a `mail_log` row
// (recipient_role `account`, the account's id, the address it goes to) queued once per idempotency
// key, and a NOTIFY that wakes the worker's sender at once (worker/mail-outbox.ts), which renders it
// in the account's language (activities/account-mail.ts).
import { MAIL_OUTBOX_CHANNEL } from '../../activities/projection.ts';
import type { MailCode } from '../../domain/codes.ts';
import type { MailVariables } from '../../domain/mail-template.ts';
import { TIME_ZONE } from '../../domain/time.ts';
import type { Db } from '../../infra/prisma.ts';

export type AccountMailCode = Extract<MailCode, `CPT_MIN_${string}`>;

export interface AccountMail {
  idempotencyKey: string;
  accountId: number;
  code: AccountMailCode;
  /** The address it goes to (the new one for an e-mail change). */
  to: string;
  /** The link and dates of this mail; the names and dossier number are read when it is sent. */
  variables: MailVariables;
}

/** Queues the mail (once per key) and wakes the sender. */
export async function queueAccountMail(db: Db, mail: AccountMail): Promise<void> {
  await db.$queryRaw`
    WITH queued AS (
      INSERT INTO mail_log (idempotency_key, account_id, mail_code, recipient_role, recipient, variables, status, subject)
      VALUES (${mail.idempotencyKey}, ${mail.accountId}, ${mail.code}, 'account', ${mail.to}, ${JSON.stringify(mail.variables)}::jsonb, 'queued', '')
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id)
    SELECT count(*)::int AS notified FROM (SELECT pg_notify(${MAIL_OUTBOX_CHANNEL}, '') FROM queued) AS n`;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `05/09/2026`: the Paris day of an instant, as the mails write dates. */
export const mailDay = (d: Date) => dayFormat.format(d);
/** `02/09/2026 18:00`: a Paris day and time. */
export const mailDayTime = (d: Date) => `${dayFormat.format(d)} ${timeFormat.format(d)}`;

/** The variables of a validation link (`lienValidation`, `lienValidationHtml`). */
export const validationLinkVariables = (url: string): MailVariables => ({ lienValidation: url, lienValidationHtml: url });

/** The variables of a reset link and its end of validity. */
export const resetLinkVariables = (url: string, expiresAt: Date): MailVariables => ({
  lienReinitialisation: url,
  lienReinitialisationHtml: url,
  datFinReinitCptMin: mailDayTime(expiresAt),
});
