// Candidature mails (reference §3.3): a transition decides a mail (code, recipient, variables); it is
// rendered from the institution's template in the candidate's language, sent over SMTP and recorded
// in `mail_log`. Workflows on the fast path queue their mails in `mail_log` (the outbox, written with
// the read model) and worker/mail-outbox.ts sends them; workflows started before it send each mail
// with the `sendCandidatureMail` activity. Idempotent by key either way: a mail recorded as sent is
// never sent again (at most one duplicate if the process dies between sending and recording).
import type { Transporter } from 'nodemailer';
import { renderMailTemplate, type MailVariables } from '../domain/mail-template.ts';
import type { Db } from '../infra/prisma.ts';

export interface MailInput {
  idempotencyKey: string;
  candidatureId: string;
  code: string;
  to: 'candidate' | 'commission';
  variables: MailVariables;
}

export type MailOutcome = 'sent' | 'already-sent' | 'skipped';

export interface MailDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
}

const frDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10).split('-').reverse().join('/') : null);

/** The variables every candidature mail may use (reference §3.3 variable groups). */
async function candidatureVariables(db: Db, candidatureId: string) {
  const c = await db.candidature.findUniqueOrThrow({
    where: { id: candidatureId },
    include: {
      account: { include: { candidate: true } },
      formation: { include: { commission: true } },
      campaign: true,
    },
  });
  const person = c.account.candidate;
  const vars: MailVariables = {
    libelleCampagne: c.campaign.label,
    'candidat.numDossierOpi': c.account.dossierNumber,
    'candidat.civilite': person?.civility ?? null,
    'candidat.nomPat': person?.birthName ?? c.account.lastName,
    'candidat.nomUsu': person?.usualName ?? null,
    'candidat.prenom': person?.firstName ?? c.account.firstName,
    'candidat.ine': person?.ine ?? null,
    'candidat.datNaiss': frDate(person?.birthDate),
    'formation.code': c.formation.code,
    'formation.libelle': c.formation.label,
    'formation.datRetour': frDate(c.formation.returnDeadline),
    'formation.datConfirm': frDate(c.confirmationDeadline ?? c.formation.confirmationOn),
    'commission.libelle': c.formation.commission.label,
    'commission.mail': c.formation.commission.email,
    'dossier.dateReception': frDate(c.receivedAt),
  };
  return { candidature: c, language: person?.language === 'en' ? 'en' : 'fr', vars };
}

export type RenderedMail =
  | { ok: true; recipient: string; subject: string; text: string; variables: MailVariables }
  | { ok: false; recipient: string; reason: string; variables: MailVariables };

/** The mail as it goes out: template of the code in the candidate's language, addressed to its recipient. */
export async function renderCandidatureMail(db: Db, input: Omit<MailInput, 'idempotencyKey'>): Promise<RenderedMail> {
  const { candidature, language, vars } = await candidatureVariables(db, input.candidatureId);
  const variables = { ...vars, ...input.variables };
  const recipient = input.to === 'candidate' ? candidature.account.email : candidature.formation.commission.email;
  const template = await db.mailTemplate.findFirst({ where: { code: input.code, centreId: null, active: true } });
  // Recorded, not sent: no template for this code, or a commission without an alert address.
  if (!template || !recipient)
    return { ok: false, recipient: recipient ?? '', reason: !template ? `no active template ${input.code}` : 'no recipient address', variables };
  return {
    ok: true,
    recipient,
    subject: renderMailTemplate(language === 'en' ? template.subjectEn : template.subjectFr, variables),
    text: renderMailTemplate(language === 'en' ? template.bodyEn : template.bodyFr, variables),
    variables,
  };
}

/** Sends a rendered mail; a stable Message-ID lets the receiving side spot the rare duplicate after a crash. */
export async function deliver(deps: MailDeps, idempotencyKey: string, mail: Extract<RenderedMail, { ok: true }>): Promise<string> {
  const messageId = `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@ecandidat>`;
  const info = await deps.mailer.sendMail({ from: deps.mailFrom, to: mail.recipient, subject: mail.subject, text: mail.text, messageId });
  return info.messageId;
}

/** The activity of workflows started before the outbox: renders, sends and records one mail. */
export async function sendCandidatureMail(deps: MailDeps, input: MailInput): Promise<MailOutcome> {
  const { db } = deps;
  const previous = await db.mailLog.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (previous?.status === 'sent') return 'already-sent';

  const mail = await renderCandidatureMail(db, input);
  const record = async (data: { status: string; subject: string; recipient: string; error?: string | null; messageId?: string | null; sentAt?: Date | null }) =>
    db.mailLog.upsert({
      where: { idempotencyKey: input.idempotencyKey },
      create: { idempotencyKey: input.idempotencyKey, candidatureId: input.candidatureId, mailCode: input.code, variables: mail.variables as object, ...data },
      update: data,
    });

  if (!mail.ok) {
    await record({ status: 'skipped', subject: '', recipient: mail.recipient, error: mail.reason });
    return 'skipped';
  }
  await record({ status: 'sending', subject: mail.subject, recipient: mail.recipient });
  try {
    const messageId = await deliver(deps, input.idempotencyKey, mail);
    await record({ status: 'sent', subject: mail.subject, recipient: mail.recipient, messageId, sentAt: new Date(), error: null });
    return 'sent';
  } catch (err) {
    await record({ status: 'failed', subject: mail.subject, recipient: mail.recipient, error: String(err) });
    throw err;
  }
}
