// The whole file as one PDF (reference §5, dossier_export_template + pieces merged): a summary of
// the candidate's file (civil status, address, bac, cursus, internships, experience), of the
// candidature (dates, answers, pieces with their status), then every uploaded piece: a PDF's pages
// copied, an image as a page of its own, anything unreadable named on a page saying so.
import { PDFDocument } from 'pdf-lib';
import type { Db } from '../../infra/prisma.ts';
import type { Language } from '../language.ts';
import { candidateName, civilityLabel, loadLetterContext, type LetterContext, type LetterDeps } from './context.ts';
import { embedImage, formatDay, formatInstant, PdfWriter } from './pdf.ts';

const T = {
  fr: {
    title: 'Dossier de candidature',
    dossier: 'Dossier n°',
    civilStatus: 'État civil',
    civility: 'Civilité',
    birthName: 'Nom de naissance',
    usualName: "Nom d'usage",
    firstName: 'Prénom',
    otherFirstNames: 'Autres prénoms',
    birthDate: 'Date de naissance',
    birthPlace: 'Lieu de naissance',
    nationality: 'Nationalité',
    ine: 'INE',
    email: 'Courriel',
    phone: 'Téléphone',
    mobile: 'Téléphone portable',
    address: 'Adresse',
    bac: 'Baccalauréat ou équivalence',
    series: 'Série',
    year: 'Année',
    mention: 'Mention',
    school: 'Établissement',
    internal: 'Cursus interne',
    external: 'Cursus externe',
    internships: 'Stages',
    experience: 'Expériences professionnelles',
    obtained: { O: 'obtenu', N: 'non obtenu', E: 'en cours' } as Record<string, string>,
    candidature: 'Candidature',
    campaign: 'Campagne',
    formation: 'Formation',
    commission: 'Commission',
    createdAt: 'Créée le',
    transmittedAt: 'Transmise le',
    questions: 'Réponses aux questions',
    notConcerned: 'Non concerné',
    noAnswer: 'Sans réponse',
    pieces: 'Pièces justificatives',
    piece: 'Pièce',
    status: 'Statut',
    file: 'Fichier',
    attached: 'joint ci-après',
    none: 'Aucun fichier',
    notIncluded: (name: string) => `Le fichier « ${name} » n'a pas pu être joint (format non lisible).`,
    annex: (label: string) => `Pièce : ${label}`,
  },
  en: {
    title: 'Application file',
    dossier: 'File no.',
    civilStatus: 'Civil status',
    civility: 'Title',
    birthName: 'Birth name',
    usualName: 'Usual name',
    firstName: 'First name',
    otherFirstNames: 'Other first names',
    birthDate: 'Date of birth',
    birthPlace: 'Place of birth',
    nationality: 'Nationality',
    ine: 'INE',
    email: 'E-mail',
    phone: 'Phone',
    mobile: 'Mobile phone',
    address: 'Address',
    bac: 'Baccalauréat or equivalent',
    series: 'Series',
    year: 'Year',
    mention: 'Honours',
    school: 'School',
    internal: 'Studies in the institution',
    external: 'Other studies',
    internships: 'Internships',
    experience: 'Professional experience',
    obtained: { O: 'obtained', N: 'not obtained', E: 'in progress' } as Record<string, string>,
    candidature: 'Application',
    campaign: 'Campaign',
    formation: 'Programme',
    commission: 'Commission',
    createdAt: 'Created on',
    transmittedAt: 'Sent on',
    questions: 'Answers to the questions',
    notConcerned: 'Not concerned',
    noAnswer: 'No answer',
    pieces: 'Supporting documents',
    piece: 'Document',
    status: 'Status',
    file: 'File',
    attached: 'attached below',
    none: 'No file',
    notIncluded: (name: string) => `The file “${name}” could not be attached (unreadable format).`,
    annex: (label: string) => `Document: ${label}`,
  },
} as const;

type Labelled = { label: string } | null;
type SisType = LetterContext['sisType'];

/** The label of a referential code (the code itself when the referential does not know it). */
async function referentialLabels(db: Db, sisType: SisType, ctx: LetterContext) {
  const p = ctx.person;
  const bac = p?.bac ?? null;
  const find = <T extends Labelled>(code: string | null | undefined, lookup: (code: string) => Promise<T>) => (code ? lookup(code) : Promise.resolve(null));
  const where = (code: string) => ({ where: { code, sisType } });
  const [birthCountry, birthCommune, nationality, bacSeries, bacMention, school] = await Promise.all([
    find(p?.birthCountryCode, (c) => db.sisCountry.findFirst(where(c))),
    find(p?.birthCommuneCode, (c) => db.sisBirthCommune.findFirst(where(c))),
    find(p?.nationalityCode, (c) => db.sisCountry.findFirst(where(c))),
    find(bac?.bacCode, (c) => db.sisBac.findFirst(where(c))),
    find(bac?.mentionCode, (c) => db.sisBacMention.findFirst(where(c))),
    find(bac?.establishmentCode, (c) => db.sisEstablishment.findFirst(where(c))),
  ]);
  return {
    birthPlace: [p?.birthCityLabel ?? birthCommune?.label, birthCountry?.label ?? p?.birthCountryCode].filter(Boolean).join(', '),
    nationality: nationality?.nationalityLabel ?? nationality?.label ?? p?.nationalityCode ?? null,
    bacSeries: bacSeries?.label ?? bac?.bacCode ?? null,
    bacMention: bacMention?.label ?? bac?.mentionCode ?? null,
    school: school?.label ?? bac?.establishmentCode ?? null,
  };
}

/** The whole file; null: no such candidature. */
export async function wholeDossier(deps: LetterDeps, candidatureId: string, lang: Language): Promise<{ pdf: Buffer; fileName: string } | null> {
  const ctx = await loadLetterContext(deps, candidatureId);
  if (!ctx) return null;
  const t = T[lang];
  const p = ctx.person;
  const name = candidateName(ctx);
  const labels = await referentialLabels(deps.db, ctx.sisType, ctx);
  const pdf = await PdfWriter.create(`${t.title} — ${ctx.formation.label}`, lang);

  pdf.text(`${t.title} — ${[name.firstName, name.lastName].join(' ')}`, { bold: true, size: 15 });
  pdf.text(`${t.dossier} ${ctx.account.dossierNumber} · ${ctx.formation.code} — ${ctx.formation.label}`, { grey: true });

  pdf.heading(t.civilStatus, 12);
  pdf.field(t.civility, civilityLabel(p?.civility, lang));
  pdf.field(t.birthName, p?.birthName ?? ctx.account.lastName);
  pdf.field(t.usualName, p?.usualName);
  pdf.field(t.firstName, p?.firstName ?? ctx.account.firstName);
  pdf.field(t.otherFirstNames, p?.otherFirstNames);
  pdf.field(t.birthDate, formatDay(p?.birthDate ?? null, lang));
  pdf.field(t.birthPlace, labels.birthPlace);
  pdf.field(t.nationality, labels.nationality);
  pdf.field(t.ine, p?.ine ? `${p.ine}${p.ineKey ?? ''}` : null);
  pdf.field(t.email, ctx.account.email);
  pdf.field(t.phone, p?.phone);
  pdf.field(t.mobile, p?.mobilePhone);
  if (ctx.candidateAddress.length) pdf.field(t.address, ctx.candidateAddress.join(', '));

  if (p?.bac) {
    pdf.heading(t.bac, 12);
    pdf.field(t.series, labels.bacSeries);
    pdf.field(t.year, p.bac.year);
    pdf.field(t.mention, labels.bacMention);
    pdf.field(t.school, labels.school);
  }
  if (p?.internalCursus.length) {
    pdf.heading(t.internal, 12);
    pdf.table(
      [
        [t.year, t.formation, t.mention],
        ...[...p.internalCursus].sort((a, b) => b.academicYear - a.academicYear).map((c) => [String(c.academicYear), c.label, c.mentionCode ?? '']),
      ],
      [0.15, 0.6, 0.25],
    );
  }
  if (p?.externalCursus.length) {
    pdf.heading(t.external, 12);
    pdf.table(
      [
        [t.year, t.formation, ''],
        ...[...p.externalCursus]
          .sort((a, b) => b.academicYear - a.academicYear)
          .map((c) => [String(c.academicYear), c.label, t.obtained[c.obtained] ?? c.obtained]),
      ],
      [0.15, 0.6, 0.25],
    );
  }
  if (p?.internships.length) {
    pdf.heading(t.internships, 12);
    pdf.table([[t.year, t.school, ''], ...p.internships.map((s) => [String(s.year), s.organisation, `${s.duration} — ${s.description}`])], [0.15, 0.35, 0.5]);
  }
  if (p?.professionalExperiences.length) {
    pdf.heading(t.experience, 12);
    pdf.table(
      [[t.year, t.school, ''], ...p.professionalExperiences.map((e) => [String(e.year), e.organisation, `${e.title} (${e.duration})`])],
      [0.15, 0.35, 0.5],
    );
  }

  pdf.heading(t.candidature, 12);
  pdf.field(t.campaign, (lang === 'en' ? ctx.campaign.labelEn : null) ?? ctx.campaign.label);
  pdf.field(t.formation, `${ctx.formation.code} — ${ctx.formation.label}`);
  pdf.field(t.commission, ctx.commission.label);
  pdf.field(t.createdAt, formatInstant(ctx.view.dates.createdAt, lang));
  pdf.field(t.transmittedAt, formatInstant(ctx.view.dates.transmittedAt, lang));

  if (ctx.view.questions.length) {
    pdf.heading(t.questions, 12);
    for (const q of ctx.view.questions) pdf.field(q.label, q.notConcerned ? t.notConcerned : (q.answer ?? t.noAnswer));
  }

  const files = await deps.db.storedFile.findMany({
    where: { id: { in: ctx.view.pieces.map((piece) => piece.fileId).filter((id): id is number => id !== null) } },
  });
  pdf.heading(t.pieces, 12);
  pdf.table(
    [
      [t.piece, t.status, t.file],
      ...ctx.view.pieces.map((piece) => {
        const file = files.find((f) => f.id === piece.fileId);
        return [piece.label, ctx.label.pieceStatus(piece.status, lang), file ? `${file.name} (${t.attached})` : t.none];
      }),
    ],
    [0.45, 0.2, 0.35],
  );

  for (const piece of ctx.view.pieces) {
    const file = files.find((f) => f.id === piece.fileId);
    if (!file) continue;
    const bytes = await ctx.fileBytes(file);
    if (bytes && (await appendFile(pdf, bytes, file.mimeType ?? ''))) continue;
    pdf.newPage();
    pdf.text(t.annex(piece.label), { bold: true });
    pdf.text(t.notIncluded(file.name));
  }
  const prefix = lang === 'fr' ? 'dossier' : 'application';
  return { pdf: await pdf.save(`${t.dossier} ${ctx.account.dossierNumber}`), fileName: `${prefix}-${ctx.account.dossierNumber}-${ctx.formation.code}.pdf` };
}

/** Appends a PDF's pages or an image page; false when the file cannot be read as either. */
async function appendFile(pdf: PdfWriter, bytes: Buffer, mimeType: string): Promise<boolean> {
  if (mimeType === 'application/pdf') {
    try {
      const source = await PDFDocument.load(bytes, { ignoreEncryption: true });
      const pages = await pdf.doc.copyPages(source, source.getPageIndices());
      if (!pages.length) return false;
      for (const page of pages) pdf.doc.addPage(page);
      return true;
    } catch {
      return false;
    }
  }
  const image = await embedImage(pdf.doc, bytes, mimeType);
  if (!image) return false;
  const page = pdf.doc.addPage([595.28, 841.89]);
  const { width, height } = image.scaleToFit(595.28 - 72, 841.89 - 72);
  page.drawImage(image, { x: (595.28 - width) / 2, y: (841.89 - height) / 2, width, height });
  return true;
}
