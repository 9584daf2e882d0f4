// The admission or refusal letter (reference §3.2 "Letters"): the commission's address, the
// candidate's, the decision with its motive, comment, dates and fee, the appeal mention, and the
// signatory with the signature image; in French or English. Which letter (or why none): domain/letter.ts.
import { lastValidatedOpinion, stageOf, type CandidatureState } from '../../domain/candidature.ts';
import { letterFor, type LetterKind, type NoLetterReason } from '../../domain/letter.ts';
import type { Db } from '../../infra/prisma.ts';
import type { Language } from '../language.ts';
import { readParameters } from '../parameters.ts';
import { candidateName, civilityLabel, loadLetterContext, type LetterContext, type LetterDeps } from './context.ts';
import { formatDay, formatInstant, PdfWriter } from './pdf.ts';

export type LetterPurpose = 'download' | 'mail';

export type LetterResult = { pdf: Buffer; fileName: string; kind: LetterKind } | { refused: NoLetterReason } | null;

/** The letter of a candidature for this purpose (download: the commission's download setting; mail: its attachment setting); null: no such candidature. */
/**
 * The letter this candidature gives now, or why none (domain/letter.ts, with the parameters and the
 * commission's setting for a download or for the decision mail): the one answer for the download,
 * the mail and the candidature page's link.
 */
export async function dueLetter(
  db: Db,
  state: CandidatureState,
  commission: { letterDownloadable: boolean; letterAttachedToMail: boolean },
  purpose: LetterPurpose,
): Promise<{ kind: LetterKind } | { refused: NoLetterReason }> {
  const parameters = await readParameters(db, ['TECH_IS_BLOC_LETTRE', 'DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM']);
  return letterFor(
    { stage: stageOf(state), published: lastValidatedOpinion(state) ?? null, answer: state.confirmation.answer },
    {
      blocked: parameters.TECH_IS_BLOC_LETTRE,
      // A mail goes with the decision, before any confirmation.
      admissionAfterConfirmation: purpose === 'download' && parameters.DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM,
      allowedByCommission: purpose === 'download' ? commission.letterDownloadable : commission.letterAttachedToMail,
    },
  );
}

export async function decisionLetter(deps: LetterDeps, candidatureId: string, lang: Language, purpose: LetterPurpose): Promise<LetterResult> {
  const ctx = await loadLetterContext(deps, candidatureId);
  if (!ctx) return null;
  const decided = await dueLetter(deps.db, ctx.state, ctx.commission, purpose);
  if ('refused' in decided) return decided;
  const pdf = await renderLetter(ctx, decided.kind, lang);
  const name = { admission: { fr: 'lettre-admission', en: 'admission-letter' }, refusal: { fr: 'lettre-refus', en: 'refusal-letter' } }[decided.kind][lang];
  return { pdf, fileName: `${name}-${ctx.account.dossierNumber}-${ctx.formation.code}.pdf`, kind: decided.kind };
}

const T = {
  fr: {
    title: { admission: "Lettre d'admission", refusal: 'Lettre de refus' },
    dossier: 'Dossier n°',
    subject: 'Objet',
    subjectText: (formation: string, code: string) => `Votre candidature à la formation « ${formation} » (${code})`,
    date: (d: string) => `Le ${d}`,
    salutation: (civility: string | null) => (civility === 'Mme' ? 'Madame,' : civility === 'M.' ? 'Monsieur,' : 'Madame, Monsieur,'),
    admission: (commission: string, formation: string) =>
      `Nous avons le plaisir de vous informer que la commission « ${commission} » a émis un avis favorable à votre candidature à la formation « ${formation} ».`,
    refusal: (commission: string, formation: string) =>
      `Nous avons le regret de vous informer que la commission « ${commission} » a émis un avis défavorable à votre candidature à la formation « ${formation} ».`,
    motive: 'Motif',
    comment: 'Commentaire de la commission',
    appealDecision: 'Cette décision a été rendue après appel.',
    confirmBy: (d: string) =>
      `Pour accepter cette admission, confirmez votre candidature dans votre espace candidat au plus tard le ${d}. Sans confirmation à cette date, vous serez considéré(e) comme désisté(e).`,
    confirmedOn: (d: string) => `Vous avez confirmé votre candidature le ${d}.`,
    fee: (amount: string) => `Montant des droits à acquitter : ${amount} €.`,
    remedies:
      "Voies et délais de recours : cette décision peut faire l'objet d'un recours gracieux auprès du président de l'établissement ou d'un recours contentieux devant le tribunal administratif compétent dans un délai de deux mois à compter de sa notification.",
    closing: "Nous vous prions d'agréer l'expression de nos salutations distinguées.",
    forCommission: 'Pour la commission',
    summary: 'Récapitulatif',
    name: 'Candidat(e)',
    birthName: 'Nom de naissance',
    birthDate: 'Date de naissance',
    campaign: 'Campagne',
    formation: 'Formation',
    commission: 'Commission',
    opinion: 'Avis',
    validatedOn: "Date de validation de l'avis",
    juryOn: 'Date du jury',
    confirmationDeadline: 'Date limite de confirmation',
  },
  en: {
    title: { admission: 'Admission letter', refusal: 'Refusal letter' },
    dossier: 'File no.',
    subject: 'Subject',
    subjectText: (formation: string, code: string) => `Your application to “${formation}” (${code})`,
    date: (d: string) => d,
    salutation: (civility: string | null) => (civility === 'Mme' ? 'Dear Madam,' : civility === 'M.' ? 'Dear Sir,' : 'Dear Sir or Madam,'),
    admission: (commission: string, formation: string) =>
      `We are pleased to inform you that the “${commission}” commission has given a favourable decision on your application to “${formation}”.`,
    refusal: (commission: string, formation: string) =>
      `We regret to inform you that the “${commission}” commission has given an unfavourable decision on your application to “${formation}”.`,
    motive: 'Reason',
    comment: "Commission's comment",
    appealDecision: 'This decision was made on appeal.',
    confirmBy: (d: string) =>
      `To accept this admission, confirm your application in your candidate area by ${d} at the latest. Without a confirmation by then, you will be deemed to have withdrawn.`,
    confirmedOn: (d: string) => `You confirmed your application on ${d}.`,
    fee: (amount: string) => `Fees to pay: €${amount}.`,
    remedies:
      'Appeal: this decision may be appealed to the head of the institution or before the competent administrative court within two months of its notification.',
    closing: 'Yours faithfully,',
    forCommission: 'For the commission',
    summary: 'Summary',
    name: 'Candidate',
    birthName: 'Birth name',
    birthDate: 'Date of birth',
    campaign: 'Campaign',
    formation: 'Programme',
    commission: 'Commission',
    opinion: 'Decision',
    validatedOn: 'Decision validated on',
    juryOn: 'Jury date',
    confirmationDeadline: 'Confirmation deadline',
  },
} as const;

/** The letter itself (the caller decided it is due). */
export async function renderLetter(ctx: LetterContext, kind: LetterKind, lang: Language): Promise<Buffer> {
  const t = T[lang];
  const opinion = lastValidatedOpinion(ctx.state)!;
  const name = candidateName(ctx);
  const fullName = [civilityLabel(name.civility, lang), name.firstName, name.lastName].filter(Boolean).join(' ');
  const campaignLabel = (lang === 'en' ? ctx.campaign.labelEn : null) ?? ctx.campaign.label;
  const pdf = await PdfWriter.create(`${t.title[kind]} — ${ctx.formation.label}`, lang);

  // Sender (the commission) on the left, addressee (the candidate) on the right.
  pdf.text(ctx.commission.label, { bold: true, size: 11 });
  pdf.lines(ctx.commissionAddress, { size: 9.5 });
  pdf.lines([ctx.commission.email, ctx.commission.phone, ctx.commission.url], { size: 9.5, grey: true });
  pdf.gap(12);
  pdf.text(fullName, { align: 'right', bold: true });
  for (const line of ctx.candidateAddress) pdf.text(line, { align: 'right' });
  pdf.gap(12);
  pdf.text(t.date(formatDay(new Date(), lang)!), { align: 'right' });
  pdf.gap(6);
  pdf.field(t.dossier, ctx.account.dossierNumber);
  pdf.field(t.subject, t.subjectText(ctx.formation.label, ctx.formation.code));
  pdf.heading(t.title[kind], 15);

  pdf.text(t.salutation(name.civility));
  pdf.gap(6);
  pdf.text((kind === 'admission' ? t.admission : t.refusal)(ctx.commission.label, ctx.formation.label));
  const motive = ctx.label.motive(opinion.motiveCode, lang);
  if (kind === 'refusal' && motive) {
    pdf.gap(4);
    pdf.field(t.motive, motive, 10.5);
  }
  if (opinion.comment && ctx.label.showsComment(opinion.decisionType)) {
    pdf.gap(4);
    pdf.field(t.comment, opinion.comment, 10.5);
  }
  if (opinion.appeal) {
    pdf.gap(4);
    pdf.text(t.appealDecision);
  }
  if (kind === 'admission') {
    pdf.gap(6);
    const deadline = formatInstant(ctx.view.confirmation.deadline, lang);
    if (ctx.view.confirmation.answer === 'confirmed') pdf.text(t.confirmedOn(formatDay(ctx.view.confirmation.answeredAt, lang)!));
    else if (deadline) pdf.text(t.confirmBy(deadline));
    if (ctx.row.feeAmount !== null) pdf.text(t.fee(ctx.row.feeAmount.toFixed(2)));
  } else {
    pdf.gap(6);
    pdf.text(t.remedies, { size: 9.5 });
  }
  pdf.gap(10);
  pdf.text(t.closing);

  // Signature block on the right.
  pdf.gap(10);
  pdf.text(t.forCommission, { align: 'right', grey: true });
  const signature = ctx.commission.signatureFile;
  const bytes = signature ? await ctx.fileBytes(signature) : null;
  if (signature && bytes) await pdf.image(bytes, signature.mimeType ?? '', 160, 60, 'right');
  if (ctx.commission.signatory) pdf.text(ctx.commission.signatory, { align: 'right', bold: true });

  // The merge fields, all together.
  pdf.heading(t.summary, 11);
  pdf.field(t.dossier, ctx.account.dossierNumber, 9);
  pdf.field(t.name, fullName, 9);
  pdf.field(t.birthName, name.birthName, 9);
  pdf.field(t.birthDate, formatDay(ctx.person?.birthDate ?? null, lang), 9);
  pdf.field(t.campaign, campaignLabel, 9);
  pdf.field(t.formation, `${ctx.formation.code} — ${ctx.formation.label}`, 9);
  pdf.field(t.commission, ctx.commission.label, 9);
  pdf.field(t.opinion, `${ctx.label.opinionKind(opinion.kind, lang)} — ${ctx.label.decisionType(opinion.decisionType, lang)}`, 9);
  pdf.field(t.validatedOn, formatDay(opinion.validatedAt, lang), 9);
  pdf.field(t.juryOn, formatDay(ctx.formation.juryOn, lang), 9);
  if (kind === 'admission') pdf.field(t.confirmationDeadline, formatInstant(ctx.view.confirmation.deadline, lang), 9);
  return pdf.save(`${t.dossier} ${ctx.account.dossierNumber}`);
}

/**
 * The letter to attach to a decision mail (the commission's "attached to the mail" setting): only for
 * the mail of a favourable or unfavourable decision type, and only when the published decision gives
 * that very letter; null otherwise (the mail goes without it).
 */
export async function letterForMail(
  deps: LetterDeps,
  candidatureId: string,
  mailCode: string,
  lang: Language,
): Promise<{ filename: string; content: Buffer; contentType: 'application/pdf' } | null> {
  const types = await deps.db.decisionType.findMany({ where: { mailCode, opinionKindCode: { in: ['FA', 'DE'] } }, select: { opinionKindCode: true } });
  if (!types.length) return null;
  const letter = await decisionLetter(deps, candidatureId, lang, 'mail');
  if (!letter || 'refused' in letter) return null;
  const expected = letter.kind === 'admission' ? 'FA' : 'DE';
  if (!types.some((t) => t.opinionKindCode === expected)) return null;
  return { filename: letter.fileName, content: letter.pdf, contentType: 'application/pdf' };
}
