// The receipt of transmission (récépissé): once the candidate transmitted the file, what was sent,
// when, and the status of each supporting document; in French or English.
import type { Language } from '../language.ts';
import { candidateName, civilityLabel, loadLetterContext, type LetterDeps } from './context.ts';
import { formatDay, formatInstant, PdfWriter } from './pdf.ts';

const T = {
  fr: {
    title: 'Récépissé de transmission de candidature',
    intro: (formation: string, at: string) => `Votre candidature à la formation « ${formation} » a été transmise à la commission le ${at}.`,
    dossier: 'Dossier n°',
    candidate: 'Candidat(e)',
    birthDate: 'Date de naissance',
    campaign: 'Campagne',
    formation: 'Formation',
    commission: 'Commission',
    transmittedAt: 'Transmise le',
    pieces: 'Pièces justificatives',
    piece: 'Pièce',
    status: 'Statut',
    none: 'Aucune pièce demandée.',
    questions: 'Questions',
    answered: (n: number, total: number) => `${n} réponse(s) sur ${total} question(s).`,
    returnTitle: 'Retour du dossier',
    printedOn: (d: string) => `Document édité le ${d}.`,
  },
  en: {
    title: 'Receipt of application transmission',
    intro: (formation: string, at: string) => `Your application to “${formation}” was sent to the commission on ${at}.`,
    dossier: 'File no.',
    candidate: 'Candidate',
    birthDate: 'Date of birth',
    campaign: 'Campaign',
    formation: 'Programme',
    commission: 'Commission',
    transmittedAt: 'Sent on',
    pieces: 'Supporting documents',
    piece: 'Document',
    status: 'Status',
    none: 'No document asked.',
    questions: 'Questions',
    answered: (n: number, total: number) => `${n} answer(s) out of ${total} question(s).`,
    returnTitle: 'Sending the file',
    printedOn: (d: string) => `Printed on ${d}.`,
  },
} as const;

/** The receipt, or `not-transmitted` before the transmission; null: no such candidature. */
export async function transmissionReceipt(
  deps: LetterDeps,
  candidatureId: string,
  lang: Language,
): Promise<{ pdf: Buffer; fileName: string } | 'not-transmitted' | null> {
  const ctx = await loadLetterContext(deps, candidatureId);
  if (!ctx) return null;
  const transmittedAt = ctx.view.dates.transmittedAt;
  if (!transmittedAt) return 'not-transmitted';
  const t = T[lang];
  const name = candidateName(ctx);
  const pdf = await PdfWriter.create(`${t.title} — ${ctx.formation.label}`, lang);
  pdf.text(ctx.commission.label, { bold: true, size: 11 });
  pdf.lines(ctx.commissionAddress, { size: 9.5 });
  pdf.heading(t.title, 15);
  pdf.text(t.intro(ctx.formation.label, formatInstant(transmittedAt, lang)!));
  pdf.gap(8);
  pdf.field(t.dossier, ctx.account.dossierNumber);
  pdf.field(t.candidate, [civilityLabel(name.civility, lang), name.firstName, name.lastName].filter(Boolean).join(' '));
  pdf.field(t.birthDate, formatDay(ctx.person?.birthDate ?? null, lang));
  pdf.field(t.campaign, (lang === 'en' ? ctx.campaign.labelEn : null) ?? ctx.campaign.label);
  pdf.field(t.formation, `${ctx.formation.code} — ${ctx.formation.label}`);
  pdf.field(t.commission, ctx.commission.label);
  pdf.field(t.transmittedAt, formatInstant(transmittedAt, lang));

  pdf.heading(t.pieces, 12);
  if (ctx.view.pieces.length === 0) pdf.text(t.none);
  else pdf.table([[t.piece, t.status], ...ctx.view.pieces.map((p) => [p.label, ctx.label.pieceStatus(p.status, lang)])], [0.7, 0.3]);
  if (ctx.view.questions.length) {
    pdf.heading(t.questions, 12);
    pdf.text(t.answered(ctx.view.questions.filter((q) => q.answer !== null || q.notConcerned).length, ctx.view.questions.length));
  }
  const returnComment = (lang === 'en' ? ctx.commission.returnCommentEn : null) ?? ctx.commission.returnComment;
  if (returnComment) {
    pdf.heading(t.returnTitle, 12);
    pdf.text(returnComment);
  }
  pdf.gap(12);
  pdf.text(t.printedOn(formatInstant(new Date(), lang)!), { grey: true, size: 9 });
  const prefix = lang === 'fr' ? 'recepisse' : 'receipt';
  return { pdf: await pdf.save(`${t.dossier} ${ctx.account.dossierNumber}`), fileName: `${prefix}-${ctx.account.dossierNumber}-${ctx.formation.code}.pdf` };
}
