// Candidature mails (reference §3.3): a transition decides a mail (code, recipient, variables); it is
// rendered from the template of the candidature's centre when it has its own, else the institution's,
// in the candidate's language, with a text and an HTML part (domain/mail-template.ts), sent over SMTP
// and recorded in `mail_log`. Workflows on the fast path queue their mails in `mail_log` (the
// outbox, written with the read model) and worker/mail-outbox.ts sends them; workflows started
// before it send each mail with the `sendCandidatureMail` activity. Idempotent by key either way: a
// mail recorded as sent is never sent again (at most one duplicate if the process dies between
// sending and recording).
import type { Transporter } from 'nodemailer';
import { renderMail, type CandidatureVariable, type MailVariables } from '../domain/mail-template.ts';
import { parisDate } from '../domain/time.ts';
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
  /** The letter a decision mail carries, when its commission says so (api/letters/letter.ts `letterForMail`); absent: none. */
  decisionLetter?: DecisionLetterSource;
}

/** A file attached to a mail. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}
export type DecisionLetterSource = (candidatureId: string, mailCode: string, language: MailLanguage) => Promise<MailAttachment | null>;

/** A @db.Date column (a calendar day stored at UTC midnight) as the mails write it: `15/07/2027`. */
const dayText = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10).split('-').reverse().join('/') : null);
/** An instant as the Paris day it falls on: `15/07/2027`. */
const instantText = (d: Date | null | undefined) => (d ? parisDate(d).split('-').reverse().join('/') : null);
const joined = (parts: (string | null | undefined)[], separator: string) => parts.filter((p) => p && p.trim() !== '').join(separator) || null;

/** What the candidature mails read of a candidature (the row `candidatureVariables` loads). */
export interface CandidatureMailSource {
  receivedAt: Date | null;
  confirmationDeadline: Date | null;
  feeAmount: { toString(): string } | null;
  exemptionComplement: string | null;
  campaign: { label: string; labelEn: string | null };
  account: {
    dossierNumber: string;
    firstName: string;
    lastName: string;
    candidate: {
      civility: string;
      birthName: string;
      usualName: string | null;
      firstName: string;
      otherFirstNames: string | null;
      ine: string | null;
      ineKey: string | null;
      birthDate: Date;
      birthCityLabel: string | null;
      phone: string | null;
      mobilePhone: string | null;
      language: string;
    } | null;
  };
  formation: {
    code: string;
    label: string;
    apogeeVetCode: string | null;
    apogeeVetVersion: string | null;
    apogeeLabel: string | null;
    keywords: string | null;
    applicationStartsOn: Date;
    applicationEndsOn: Date;
    analysisOn: Date | null;
    returnDeadline: Date;
    juryOn: Date | null;
    publicationOn: Date | null;
    confirmationOn: Date | null;
    commission: {
      label: string;
      email: string | null;
      addressLine1: string | null;
      addressLine2: string | null;
      addressLine3: string | null;
      postcode: string | null;
      city: string | null;
      phone: string | null;
      url: string | null;
      fax: string | null;
      returnComment: string | null;
      returnCommentEn: string | null;
      signatory: string | null;
    };
  };
}

export type MailLanguage = 'fr' | 'en';

/**
 * The variables of the candidature groups (domain/mail-template.ts `CANDIDATURE_VARIABLE_GROUPS`),
 * every one of them and no other: the type says so (`satisfies`), and a unit test checks the keys.
 */
export function candidatureMailVariables(c: CandidatureMailSource, language: MailLanguage, languageLabel: string | null) {
  const person = c.account.candidate;
  const commission = c.formation.commission;
  const vars = {
    libelleCampagne: (language === 'en' ? c.campaign.labelEn : null) ?? c.campaign.label,
    'candidat.civilite': person?.civility ?? null,
    'candidat.numDossierOpi': c.account.dossierNumber,
    'candidat.nomPat': person?.birthName ?? c.account.lastName,
    'candidat.nomUsu': person?.usualName ?? null,
    'candidat.prenom': person?.firstName ?? c.account.firstName,
    'candidat.autrePrenom': person?.otherFirstNames ?? null,
    'candidat.ine': person?.ine ?? null,
    'candidat.cleIne': person?.ineKey ?? null,
    'candidat.datNaiss': dayText(person?.birthDate),
    'candidat.libVilleNaiss': person?.birthCityLabel ?? null,
    'candidat.libLangue': languageLabel,
    'candidat.tel': person?.phone ?? null,
    'candidat.telPort': person?.mobilePhone ?? null,
    'formation.code': c.formation.code,
    'formation.libelle': c.formation.label,
    'formation.codEtpVetApo': c.formation.apogeeVetCode,
    'formation.codVrsVetApo': c.formation.apogeeVetVersion,
    'formation.libApo': c.formation.apogeeLabel,
    'formation.motCle': c.formation.keywords,
    'formation.datDebDepot': dayText(c.formation.applicationStartsOn),
    'formation.datFinDepot': dayText(c.formation.applicationEndsOn),
    'formation.datPreAnalyse': dayText(c.formation.analysisOn),
    'formation.datRetour': dayText(c.formation.returnDeadline),
    'formation.datJury': dayText(c.formation.juryOn),
    'formation.datPubli': dayText(c.formation.publicationOn),
    'formation.datConfirm': instantText(c.confirmationDeadline) ?? dayText(c.formation.confirmationOn),
    'commission.libelle': commission.label,
    'commission.mail': commission.email,
    'commission.adresse': joined(
      [commission.addressLine1, commission.addressLine2, commission.addressLine3, joined([commission.postcode, commission.city], ' ')],
      ', ',
    ),
    'commission.tel': commission.phone,
    'commission.url': commission.url,
    'commission.fax': commission.fax,
    'commission.commentaireRetour': (language === 'en' ? commission.returnCommentEn : null) ?? commission.returnComment,
    'commission.signataire': commission.signatory,
    'dossier.dateReception': instantText(c.receivedAt),
    'dossier.montantFraisIns': c.feeAmount === null ? null : c.feeAmount.toString(),
    'dossier.complementExo': c.exemptionComplement,
  } satisfies Record<CandidatureVariable, string | null>;
  return vars as MailVariables;
}

/** The variables every candidature mail may use (reference §3.3 variable groups), in the candidate's language. */
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
  // The language the candidate chose for the site (the account's, set at sign-up and by the language switch).
  const language: MailLanguage = c.account.language === 'en' ? 'en' : 'fr';
  const languageRow = person ? await db.language.findUnique({ where: { code: person.language }, select: { label: true } }) : null;
  return { candidature: c, language, vars: candidatureMailVariables(c, language, languageRow?.label ?? null) };
}

/**
 * The per-transition variables as a mail shows them: the confirmation deadline (an instant in the
 * workflow's state) as a Paris day, the unfavourable motive (a code) as its label.
 */
async function transitionVariables(db: Db, variables: MailVariables, language: MailLanguage): Promise<MailVariables> {
  const out = { ...variables };
  if (typeof out.dateConfirm === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(out.dateConfirm)) out.dateConfirm = instantText(new Date(out.dateConfirm));
  if (typeof out.motif === 'string' && out.motif !== '') {
    const motive = await db.unfavourableMotive.findUnique({ where: { code: out.motif }, select: { label: true, labelEn: true } });
    if (motive) out.motif = (language === 'en' ? motive.labelEn : null) ?? motive.label;
  }
  return out;
}

export type RenderedMail =
  | { ok: true; recipient: string; subject: string; text: string; html: string; variables: MailVariables; attachments?: MailAttachment[] }
  | { ok: false; recipient: string; reason: string; variables: MailVariables };

/**
 * The mail as it goes out: the template of the code — the candidature's centre's own when it has an
 * active one, else the institution's — in the candidate's language, addressed to its recipient.
 */
export async function renderCandidatureMail(db: Db, input: Omit<MailInput, 'idempotencyKey'>, decisionLetter?: DecisionLetterSource): Promise<RenderedMail> {
  const { candidature, language, vars } = await candidatureVariables(db, input.candidatureId);
  // Recorded as the transition decided them; shown with the deadline as a day and the motive's label.
  const variables = { ...vars, ...input.variables };
  const shown = { ...vars, ...(await transitionVariables(db, input.variables, language)) };
  const recipient = input.to === 'candidate' ? candidature.account.email : candidature.formation.commission.email;
  const centreId = candidature.formation.commission.centreId;
  const templates = await db.mailTemplate.findMany({ where: { code: input.code, active: true, OR: [{ centreId }, { centreId: null }] } });
  const template = templates.find((t) => t.centreId === centreId) ?? templates.find((t) => t.centreId === null);
  // Recorded, not sent: no template for this code, or a commission without an alert address.
  if (!template || !recipient)
    return { ok: false, recipient: recipient ?? '', reason: !template ? `no active template ${input.code}` : 'no recipient address', variables };
  const parts = renderMail(
    language === 'en' ? { subject: template.subjectEn, body: template.bodyEn } : { subject: template.subjectFr, body: template.bodyFr },
    shown,
  );
  // The admission or refusal letter with the decision's mail, when the commission attaches it.
  const letter = input.to === 'candidate' && decisionLetter ? await decisionLetter(input.candidatureId, input.code, language) : null;
  return { ok: true, recipient, ...parts, variables, ...(letter ? { attachments: [letter] } : {}) };
}

/** Sends a rendered mail (its text and HTML parts); a stable Message-ID lets the receiving side spot the rare duplicate after a crash. */
export async function deliver(deps: MailDeps, idempotencyKey: string, mail: Extract<RenderedMail, { ok: true }>): Promise<string> {
  const messageId = `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@ecandidat>`;
  const info = await deps.mailer.sendMail({
    from: deps.mailFrom,
    to: mail.recipient,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
  });
  return info.messageId;
}

/** The activity of workflows started before the outbox: renders, sends and records one mail. */
export async function sendCandidatureMail(deps: MailDeps, input: MailInput): Promise<MailOutcome> {
  const { db } = deps;
  const previous = await db.mailLog.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (previous?.status === 'sent') return 'already-sent';

  const mail = await renderCandidatureMail(db, input, deps.decisionLetter);
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
