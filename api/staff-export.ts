// The XLSX export of a selection of candidatures (reference §6 "Exports"): each column of the
// catalogue (contracts/staff-export.ts) gets its value here, once, from the read model and the
// candidate's tables, read in batches; the workbook is streamed (exceljs WorkbookWriter) so that a
// selection of 100,000 rows is never held whole. The per-campaign records file (api/records.ts)
// reads its 22 columns through the same values.
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { EXPORT_COLUMNS, EXPORT_PRESETS, type ExportColumnKey } from '../contracts/staff-export.ts';
import type { CandidatureState } from '../domain/candidature.ts';
import { formationSisCode, SIS_LABELS } from '../domain/codes.ts';
import type { Db, Prisma } from '../infra/prisma.ts';
import type { Language } from './language.ts';
import { badRequest } from './problem.ts';
import { Labels } from './staff-export-labels.ts';
import { selectionBatches } from './staff-selection.ts';

export type Cell = string | number | Date | null;

/** The columns a request names (keys or a preset's name), in its order; 400 naming the first unknown one. */
export function resolveColumns(requested: string[] | undefined): ExportColumnKey[] {
  if (!requested?.length) return [...EXPORT_PRESETS.default];
  const keys: ExportColumnKey[] = [];
  for (const key of requested) {
    if (key in EXPORT_PRESETS) keys.push(...EXPORT_PRESETS[key as keyof typeof EXPORT_PRESETS]);
    else if (key in EXPORT_COLUMNS) keys.push(key as ExportColumnKey);
    else
      throw badRequest('columns', {
        fr: `colonne inconnue « ${key} » (colonnes possibles : ${Object.keys(EXPORT_COLUMNS).join(', ')}).`,
        en: `unknown column “${key}” (columns: ${Object.keys(EXPORT_COLUMNS).join(', ')}).`,
      });
  }
  return [...new Set(keys)];
}

export const exportHeader = (key: ExportColumnKey, lang: Language) => EXPORT_COLUMNS[key][lang];

/** The candidatures and everything the columns read, in the order of `ids`. */
async function loadBatch(db: Db, ids: string[]) {
  const found = await db.candidature.findMany({
    where: { id: { in: ids } },
    include: {
      campaign: { select: { code: true, sisType: true, archivedAt: true } },
      formation: { select: { code: true, label: true, apogeeVetCode: true, apogeeVetVersion: true, pegaseCode: true, commission: { select: { code: true } } } },
      account: { include: { candidate: { include: { address: true, bac: true, externalCursus: true, internalCursus: true } } } },
      tags: { include: { tag: { select: { label: true } } } },
      postIts: { orderBy: { createdAt: 'asc' } },
    },
  });
  // The last export of each (admission or withdrawal) says what the SIS holds.
  const exports = await db.sisExport.findMany({
    where: { candidatureId: { in: ids } },
    orderBy: { version: 'asc' },
    select: { candidatureId: true, files: true },
  });
  const lastExport = new Map(exports.map((e) => [e.candidatureId, e]));
  const byId = new Map(found.map((r) => [r.id, { ...r, lastExport: lastExport.get(r.id) ?? null, state: (r.state ?? null) as CandidatureState | null }]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}
type Row = Awaited<ReturnType<typeof loadBatch>>[number];

const YES_NO = { fr: ['oui', 'non'], en: ['yes', 'no'] } as const;
const yesNo = (v: boolean, lang: Language) => YES_NO[lang][v ? 0 : 1]!;
const day = (d: Date | null | undefined): Date | null => d ?? null;
const instant = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);
const joined = (values: (string | null | undefined)[], sep = ', ') => values.filter((v): v is string => !!v).join(sep) || null;

/** What the SIS knows the admission by: Apogée's OPI code, Pégase's import job. */
function sisReference(r: Row): string {
  const details = (r.lastExport?.files ?? null) as { codOpiIntEpo?: string; admisImport?: { idCsvJob?: string } | null } | null;
  return details?.codOpiIntEpo ?? details?.admisImport?.idCsvJob ?? r.opiCode ?? '';
}

/** The last opinion entered (not deleted), from the workflow's state. */
const lastOpinion = (r: Row) => [...(r.state?.opinions ?? [])].reverse().find((o) => !o.deletedAt) ?? null;

/** Each column's value of one candidature. */
const VALUES: Record<ExportColumnKey, (r: Row, l: Labels, lang: Language) => Cell> = {
  dossierNumber: (r) => r.account.dossierNumber,
  studentNumber: (r) => r.account.studentNumber,
  civility: (r) => r.account.candidate?.civility ?? null,
  lastName: (r) => r.account.lastName.toUpperCase(),
  birthName: (r) => r.account.candidate?.birthName ?? null,
  usualName: (r) => r.account.candidate?.usualName ?? null,
  firstName: (r) => r.account.firstName,
  birthDate: (r) => day(r.account.candidate?.birthDate),
  birthPlace: (r, l) => r.account.candidate?.birthCityLabel ?? l.of('birthCommune', r.campaign.sisType, r.account.candidate?.birthCommuneCode),
  birthCountry: (r, l) => l.of('country', r.campaign.sisType, r.account.candidate?.birthCountryCode),
  nationality: (r, l) => l.nationality(r.campaign.sisType, r.account.candidate?.nationalityCode),
  language: (r) => r.account.candidate?.language ?? r.account.language,
  casLogin: (r) => r.account.casLogin,
  ine: (r) => (r.account.candidate?.ine ? `${r.account.candidate.ine}${r.account.candidate.ineKey ?? ''}` : ''),
  continuingEducation: (r, _l, lang) => yesNo(r.account.continuingEducation, lang),
  phone: (r) => r.account.candidate?.phone ?? null,
  mobilePhone: (r) => r.account.candidate?.mobilePhone ?? null,
  email: (r) => r.account.email,
  address: (r, l) => {
    const a = r.account.candidate?.address;
    if (!a) return null;
    const city = a.foreignCity ?? l.of('commune', r.campaign.sisType, a.communeCode);
    return joined([
      a.line1,
      a.line2,
      a.line3,
      joined([a.postcode, city, a.cedex], ' '),
      a.countryCode !== '100' ? l.of('country', r.campaign.sisType, a.countryCode) : null,
    ]);
  },
  addressLine1: (r) => r.account.candidate?.address?.line1 ?? null,
  addressLine2: (r) => r.account.candidate?.address?.line2 ?? null,
  addressLine3: (r) => r.account.candidate?.address?.line3 ?? null,
  postcode: (r) => r.account.candidate?.address?.postcode ?? null,
  city: (r, l) => r.account.candidate?.address?.foreignCity ?? l.of('commune', r.campaign.sisType, r.account.candidate?.address?.communeCode),
  country: (r, l) => l.of('country', r.campaign.sisType, r.account.candidate?.address?.countryCode),
  bacCode: (r) => r.account.candidate?.bac?.bacCode ?? null,
  bacLabel: (r, l) => l.of('bac', r.campaign.sisType, r.account.candidate?.bac?.bacCode),
  bacYear: (r) => r.account.candidate?.bac?.year ?? null,
  bacMention: (r, l) => l.of('mention', r.campaign.sisType, r.account.candidate?.bac?.mentionCode),
  bacEstablishment: (r, l) => l.of('establishment', r.campaign.sisType, r.account.candidate?.bac?.establishmentCode),
  bacDepartment: (r, l) => l.of('department', r.campaign.sisType, r.account.candidate?.bac?.departmentCode),
  bacCountry: (r, l) => l.of('country', r.campaign.sisType, r.account.candidate?.bac?.countryCode),
  bacSpecialties: (r, l) => {
    const b = r.account.candidate?.bac;
    return b ? joined([b.specialty1Code, b.specialty2Code, b.firstYearSpecialtyCode].map((c) => l.of('specialty', r.campaign.sisType, c))) : null;
  },
  bacOptions: (r, l) => {
    const b = r.account.candidate?.bac;
    return b ? joined([b.option1Code, b.option2Code, b.option3Code, b.option4Code].map((c) => l.of('option', r.campaign.sisType, c))) : null;
  },
  lastEstablishment: (r, l) => {
    const last = lastExternal(r);
    return l.of('establishment', r.campaign.sisType, last?.establishmentCode ?? r.account.candidate?.bac?.establishmentCode);
  },
  lastDiploma: (r) => lastExternal(r)?.priorDiplomaCode ?? null,
  lastDiplomaLabel: (r) => {
    const last = lastExternal(r);
    return last ? `${last.academicYear} — ${last.label}` : null;
  },
  lastInternalCursus: (r) => {
    const last = [...(r.account.candidate?.internalCursus ?? [])].sort((a, b) => b.academicYear - a.academicYear)[0];
    return last ? joined([String(last.academicYear), last.vetCode, last.label, last.resultTypeCode], ' — ') : null;
  },
  campaign: (r) => r.campaign.code,
  sis: (r) => SIS_LABELS[r.campaign.sisType],
  campaignArchivedAt: (r) => r.campaign.archivedAt,
  formationCode: (r) => r.formation.code,
  formationLabel: (r) => r.formation.label,
  formationSisCode: (r) => formationSisCode(r.campaign.sisType, r.formation) ?? '',
  commission: (r) => r.formation.commission.code,
  tags: (r) => joined(r.tags.length ? r.tags.map((t) => t.tag.label).sort() : (r.state?.tags ?? [])),
  createdAt: (r) => r.createdAt,
  transmittedAt: (r) => r.transmittedAt,
  stage: (r) => r.stage,
  dossierStatus: (r) => r.dossierStatus,
  statusChangedAt: (r) => r.statusChangedAt,
  receivedAt: (r) => r.receivedAt,
  completedAt: (r) => r.completedAt,
  incompleteAt: (r) => r.incompleteAt,
  traitement: (r, l, lang) => l.named('traitements', r.traitement, lang),
  traitementValidated: (r, _l, lang) => yesNo(r.traitementValidated, lang),
  piecesChangedAt: (r) => {
    const at = (r.state?.pieces ?? []).map((p) => p.at).filter((a): a is string => !!a);
    return at.length ? instant(at.sort().at(-1)) : null;
  },
  proposition: (r, _l, lang) => yesNo(r.proposition, lang),
  cancelledAt: (r) => r.cancelledAt,
  questionAnswers: (r, _l, lang) =>
    joined(
      (r.state?.questions ?? []).map((q) => `${q.label} : ${q.notConcerned ? (lang === 'fr' ? 'non concerné' : 'not concerned') : (q.answer ?? '—')}`),
      '\n',
    ),
  opinion: (r) => r.opinionKind ?? '',
  decisionType: (r) => r.opinionDecisionType ?? '',
  decisionLabel: (r, l, lang) => l.named('decisionTypes', r.opinionDecisionType, lang),
  opinionValidated: (r, _l, lang) => (r.opinionKind ? yesNo(r.opinionValidated, lang) : ''),
  opinionValidatedAt: (r) => instant(lastOpinion(r)?.validatedAt),
  motive: (r, l, lang) => l.named('motives', lastOpinion(r)?.motiveCode, lang),
  lcRank: (r) => lastOpinion(r)?.lcRank ?? null,
  interview: (r) => {
    const i = lastOpinion(r)?.interview;
    return i ? `${i.date} ${i.time}, ${i.place}` : null;
  },
  opinionComment: (r) => lastOpinion(r)?.comment ?? null,
  confirmationAnswer: (r) => r.confirmationAnswer ?? '',
  answeredAt: (r) => r.answeredAt,
  confirmationDeadline: (r) => r.confirmationDeadline,
  returnDeadline: (r) => instant(r.state?.overrides?.returnDeadline) ?? r.formationReturnDeadline ?? null,
  exportStatus: (r) => r.exportStatus,
  exportedAt: (r) => r.exportedAt,
  sisReference: (r) => sisReference(r),
  opiCode: (r) => r.opiCode,
  regime: (r) => r.regimeCode,
  exemptionCategory: (r) => r.exemptionCategoryCode,
  exemptionComplement: (r) => r.exemptionComplement,
  feeAmount: (r) => (r.feeAmount === null ? null : Number(r.feeAmount)),
  postIts: (r) =>
    joined(
      r.postIts.map((p) => `${p.createdAt.toISOString().slice(0, 10)} ${p.author} : ${p.message}`),
      '\n',
    ),
  id: (r) => r.id,
};

function lastExternal(r: Row) {
  return [...(r.account.candidate?.externalCursus ?? [])].sort((a, b) => b.academicYear - a.academicYear)[0] ?? null;
}

/** The cells of these candidatures (in the order of `ids`), for these columns. */
export async function* exportCells(db: Db, batches: AsyncIterable<string[]>, columns: ExportColumnKey[], lang: Language): AsyncGenerator<Cell[][]> {
  const labels = new Labels(db);
  const cells = async (ids: string[]) => {
    const rows = await loadBatch(db, ids);
    await labels.prime(rows);
    return rows.map((r) => columns.map((c) => VALUES[c](r, labels, lang)));
  };
  // The next batch is read from the database while this one is written.
  const source = batches[Symbol.asyncIterator]();
  const following = () => {
    const read = source.next().then((r) => (r.done ? null : cells(r.value)));
    // Awaited below, unless the reader stops first (an answer cut short): then its failure is no one's.
    read.catch(() => undefined);
    return read;
  };
  for (let next = following(); ;) {
    const batch = await next;
    if (!batch) return;
    next = following();
    yield batch;
  }
}

/** Columns holding instants (shown as dates). */
const DATE_COLUMN = /At$|Deadline$/;

/** Writes one sheet to a workbook being streamed: bold frozen header, filters, dates as dates. */
export async function writeSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook,
  name: string,
  columns: ExportColumnKey[],
  lang: Language,
  rows: AsyncIterable<Cell[][]>,
  /** True once the reader has gone (the answer's stream destroyed): the rest is not read. */
  gone: () => boolean = () => false,
): Promise<number> {
  const sheet = book.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: exportHeader(c, lang), key: c, width: EXPORT_COLUMNS[c].width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  // One style object per column, shared by its cells: exceljs then reads each style once (a style per cell costs it 5×).
  const styles = columns.map((c): Partial<ExcelJS.Style> =>
    c === 'birthDate' ? { numFmt: 'dd/mm/yyyy' } : DATE_COLUMN.test(c) ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
  );
  if ('commit' in header) header.commit();
  let count = 0;
  for await (const batch of rows) {
    if (gone()) throw new Error('export abandoned: the answer was closed');
    for (const cells of batch) {
      const row = sheet.addRow(cells);
      row.eachCell((cell, i) => (cell.style = styles[i - 1]!));
      if ('commit' in row) row.commit();
      count++;
    }
  }
  if ('commit' in sheet) sheet.commit();
  return count;
}

/** Streams the XLSX of a selection (api/staff-selection.ts `selectionWhere`: in the user's scope) to `out`; the number of rows written. */
export async function streamSelectionXlsx(
  app: FastifyInstance,
  where: Prisma.Sql | null,
  columns: ExportColumnKey[],
  lang: Language,
  out: Writable,
): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'eCandidat';
  const sheet = lang === 'fr' ? 'Candidatures' : 'Applications';
  const count = await writeSheet(book, sheet, columns, lang, exportCells(app.db, selectionBatches(app, where), columns, lang), () => out.destroyed);
  await book.commit();
  return count;
}
