// Candidature mails (reference §3.3): the workflow emits a mail event (code, recipient, variables);
// this activity renders the institution's template in the candidate's language, sends it over SMTP
// and records it in `mail_log`. Idempotent by key: a retried activity never sends the same mail twice
// once the first send is recorded (at most one duplicate if the process dies between send and record).
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

export async function sendCandidatureMail(deps: { db: Db; mailer: Transporter; mailFrom: string }, input: MailInput): Promise<MailOutcome> {
  const { db } = deps;
  const previous = await db.mailLog.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (previous?.status === 'sent') return 'already-sent';

  const { candidature, language, vars } = await candidatureVariables(db, input.candidatureId);
  const variables = { ...vars, ...input.variables };
  const recipient = input.to === 'candidate' ? candidature.account.email : candidature.formation.commission.email;
  const template = await db.mailTemplate.findFirst({ where: { code: input.code, centreId: null, active: true } });

  const record = async (data: { status: string; subject: string; recipient: string; error?: string | null; messageId?: string | null; sentAt?: Date | null }) =>
    db.mailLog.upsert({
      where: { idempotencyKey: input.idempotencyKey },
      create: { idempotencyKey: input.idempotencyKey, candidatureId: input.candidatureId, mailCode: input.code, variables: variables as object, ...data },
      update: data,
    });

  if (!template || !recipient) {
    // Recorded, not sent: no template for this code, or a commission without an alert address.
    await record({
      status: 'skipped',
      subject: '',
      recipient: recipient ?? '',
      error: !template ? `no active template ${input.code}` : 'no recipient address',
    });
    return 'skipped';
  }
  const subject = renderMailTemplate(language === 'en' ? template.subjectEn : template.subjectFr, variables);
  const text = renderMailTemplate(language === 'en' ? template.bodyEn : template.bodyFr, variables);
  await record({ status: 'sending', subject, recipient });
  // A stable Message-ID lets the receiving side spot the rare duplicate after a crash.
  const messageId = `<${input.idempotencyKey.replace(/[^\w.-]/g, '.')}@ecandidat>`;
  try {
    const info = await deps.mailer.sendMail({ from: deps.mailFrom, to: recipient, subject, text, messageId });
    await record({ status: 'sent', subject, recipient, messageId: info.messageId, sentAt: new Date(), error: null });
    return 'sent';
  } catch (err) {
    await record({ status: 'failed', subject, recipient, error: String(err) });
    throw err;
  }
}
