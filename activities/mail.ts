// Candidature mails (reference §3.3): a transition decides a mail (code, recipient, variables); it is
// rendered from the template of the candidature's centre when it has its own, else the institution's,
// in the candidate's language, with a text and an HTML part (domain/mail-template.ts), sent over SMTP
// and recorded in `mail_log`. Workflows on the fast path queue their mails in `mail_log` (the
// outbox, written with the read model) and worker/mail-outbox.ts sends them; workflows started
// before it send each mail with the `sendCandidatureMail` activity. Idempotent by key either way: a
// mail recorded as sent is never sent again (at most one duplicate if the process dies between
// sending and recording).
import type { Transporter } from 'nodemailer';
import { centreCopyRecipients, commissionAlertRecipients, recipientText } from '../domain/mail-recipients.ts';
import { emptyVariables, renderMail, type CandidatureVariable, type MailVariables } from '../domain/mail-template.ts';
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

/** A language's name in English (`en` → English), null for a code Intl does not know. */
function englishLanguageName(code: string): string | null {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code);
    return name ?? null;
  } catch {
    return null;
  }
}

/**
 * The variables every candidature mail may use (reference §3.3 variable groups), in the language of
 * its reader: the candidate's for a candidate mail, French for a commission's alert (the staff's).
 */
async function candidatureVariables(db: Db, candidatureId: string, to: MailInput['to']) {
  const c = await db.candidature.findUniqueOrThrow({
    where: { id: candidatureId },
    include: {
      account: { include: { candidate: true } },
      formation: {
        include: {
          commission: {
            include: {
              // Who its alerts go to (mode L) and who the centre copies (mode L): people still active.
              members: { where: { user: { active: true } }, select: { user: { select: { email: true } } }, orderBy: { id: 'asc' } },
              centre: {
                select: {
                  sendMailMode: true,
                  contactEmail: true,
                  managers: { where: { user: { active: true } }, select: { user: { select: { email: true } } }, orderBy: { id: 'asc' } },
                },
              },
            },
          },
        },
      },
      campaign: true,
    },
  });
  const person = c.account.candidate;
  // The language the candidate chose for the site (the account's, set at sign-up and by the language switch).
  const language: MailLanguage = to === 'candidate' && c.account.language === 'en' ? 'en' : 'fr';
  const languageRow = person ? await db.language.findUnique({ where: { code: person.language }, select: { label: true } }) : null;
  // The language table's labels are French: an English mail names the language in English.
  const languageLabel = person && language === 'en' ? (englishLanguageName(person.language) ?? languageRow?.label ?? null) : (languageRow?.label ?? null);
  return { candidature: c, language, vars: candidatureMailVariables(c, language, languageLabel) };
}

/**
 * The variables as a mail shows them: the candidature's, then the transition's — the confirmation
 * deadline (an instant in the workflow's state) as a Paris day, the unfavourable motive (a code) as
 * its label in the candidate's language. The deadline the transition decided is also the
 * candidature's `formation.datConfirm`: the read model may not hold it yet when the mail is rendered
 * (workflows started before the outbox send the mail and write the read model at the same time).
 */
export function shownVariables(candidature: MailVariables, transition: MailVariables, motiveLabel?: string | null): MailVariables {
  const out = { ...transition };
  if (typeof out.dateConfirm === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(out.dateConfirm)) out.dateConfirm = instantText(new Date(out.dateConfirm));
  if (typeof out.motif === 'string' && out.motif !== '' && motiveLabel) out.motif = motiveLabel;
  const shown: MailVariables = { ...candidature, ...out };
  if (typeof out.dateConfirm === 'string' && out.dateConfirm !== '') shown['formation.datConfirm'] = out.dateConfirm;
  // A changed OPI code found by the SIS export names no formation: it is the candidature's.
  if (out.newCodeOpi != null && out.newCodeOpi !== '' && (out.formationsOpi == null || out.formationsOpi === ''))
    shown.formationsOpi = candidature['formation.libelle'] ?? null;
  return shown;
}

/** The label of an unfavourable motive (a code) in the candidate's language, the French one when it has no English. */
async function motiveLabel(db: Db, code: unknown, language: MailLanguage): Promise<string | null> {
  if (typeof code !== 'string' || code === '') return null;
  const motive = await db.unfavourableMotive.findUnique({ where: { code }, select: { label: true, labelEn: true } });
  return motive ? ((language === 'en' ? motive.labelEn : null) ?? motive.label) : null;
}

export type RenderedMail =
  | {
      ok: true;
      /** The recipients as the mail log records them (`recipientText`). */
      recipient: string;
      /** The To addresses, when not just `recipient` (a commission's members). */
      to?: string[];
      /** Blind copies (the centre's copy mode): envelope recipients, never in a header. */
      bcc?: string[];
      subject: string;
      text: string;
      html: string;
      variables: MailVariables;
      attachments?: MailAttachment[];
      /** Variables the template writes outside any `{if}` that had no value (a blank in the mail). */
      emptyVariables?: string[];
    }
  | { ok: false; recipient: string; reason: string; variables: MailVariables };

/**
 * The mail as it goes out: the template of the code — the candidature's centre's own when it has an
 * active one, else the institution's — in the candidate's language, addressed per the settings
 * (domain/mail-recipients.ts): a candidate mail to the candidate with the centre's blind copies, a
 * commission alert per the commission's alert mode and flags. Not sent (recorded as skipped with
 * the reason) when nobody is to receive it or the code has no active template.
 */
export async function renderCandidatureMail(db: Db, input: Omit<MailInput, 'idempotencyKey'>, decisionLetter?: DecisionLetterSource): Promise<RenderedMail> {
  const { candidature, language, vars } = await candidatureVariables(db, input.candidatureId, input.to);
  // Recorded as the transition decided them; shown with the deadline as a day and the motive's label.
  const variables = { ...vars, ...input.variables };
  const shown = shownVariables(vars, input.variables, await motiveLabel(db, input.variables.motif, language));
  const commission = candidature.formation.commission;
  const recipients =
    input.to === 'candidate'
      ? { ok: true as const, to: candidature.account.email ? [candidature.account.email] : [] }
      : commissionAlertRecipients(input.code, { ...commission, memberEmails: commission.members.map((m) => m.user.email) });
  if (!recipients.ok) return { ok: false, recipient: '', reason: recipients.reason, variables };
  const recipient = recipientText(recipients.to);
  if (!recipient) return { ok: false, recipient, reason: 'no recipient address', variables };
  const centreId = commission.centreId;
  const templates = await db.mailTemplate.findMany({ where: { code: input.code, active: true, OR: [{ centreId }, { centreId: null }] } });
  const template = templates.find((t) => t.centreId === centreId) ?? templates.find((t) => t.centreId === null);
  if (!template) return { ok: false, recipient, reason: `no active template ${input.code}`, variables };
  const written = language === 'en' ? { subject: template.subjectEn, body: template.bodyEn } : { subject: template.subjectFr, body: template.bodyFr };
  const parts = renderMail(written, shown);
  const empty = [...new Set([...emptyVariables(written.subject, shown), ...emptyVariables(written.body, shown)])];
  const bcc =
    input.to === 'candidate'
      ? centreCopyRecipients({ ...commission.centre, managerEmails: commission.centre.managers.map((m) => m.user.email) }, recipients.to[0]!)
      : [];
  // The admission or refusal letter with the decision's mail, when the commission attaches it.
  const letter = input.to === 'candidate' && decisionLetter ? await decisionLetter(input.candidatureId, input.code, language) : null;
  return {
    ok: true,
    recipient,
    to: recipients.to,
    ...(bcc.length ? { bcc } : {}),
    ...parts,
    variables,
    ...(letter ? { attachments: [letter] } : {}),
    ...(empty.length ? { emptyVariables: empty } : {}),
  };
}

/** Sends a rendered mail (its text and HTML parts); a stable Message-ID lets the receiving side spot the rare duplicate after a crash. */
export async function deliver(deps: MailDeps, idempotencyKey: string, mail: Extract<RenderedMail, { ok: true }>): Promise<string> {
  const messageId = `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@ecandidat>`;
  const info = await deps.mailer.sendMail({
    from: deps.mailFrom,
    to: mail.to ?? mail.recipient,
    ...(mail.bcc?.length ? { bcc: mail.bcc } : {}),
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
