// A campaign's candidatures as records: one row per candidature with its candidate, formation (and
// the formation's code in the campaign's SIS), status, published opinion, answer and SIS export.
// Read from the read model only, so that it works the same for a campaign in service and for an
// archived one whose SIS the installation no longer uses (issue 4 "campaign switch": archives on the
// old SIS stay readable and exportable); formats: XLSX for managers, CSV (UTF-8 with BOM, `;`) for tools.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formationSisCode, SIS_LABELS } from '../domain/codes.ts';
import type { Db } from '../infra/prisma.ts';

export const RECORD_FORMATS = ['xlsx', 'csv'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** The columns, in order: French header (the file is for French managers) and how to read the row. */
const COLUMNS = [
  { header: 'N° dossier', width: 12, value: (r: Row) => r.account.dossierNumber },
  { header: 'Nom', width: 20, value: (r: Row) => r.account.lastName.toUpperCase() },
  { header: 'Prénom', width: 16, value: (r: Row) => r.account.firstName },
  { header: 'INE', width: 14, value: (r: Row) => (r.account.candidate?.ine ? `${r.account.candidate.ine}${r.account.candidate.ineKey ?? ''}` : '') },
  { header: 'Campagne', width: 10, value: (r: Row) => r.campaign.code },
  { header: 'SI Scolarité', width: 10, value: (r: Row) => SIS_LABELS[r.campaign.sisType] },
  { header: 'Campagne archivée le', width: 14, value: (r: Row) => r.campaign.archivedAt },
  { header: 'Formation', width: 12, value: (r: Row) => r.formation.code },
  { header: 'Libellé de la formation', width: 36, value: (r: Row) => r.formation.label },
  { header: 'Code de la formation dans le SI', width: 16, value: (r: Row) => formationSisCode(r.campaign.sisType, r.formation) ?? '' },
  { header: 'Commission', width: 12, value: (r: Row) => r.formation.commission.code },
  { header: 'Étape', width: 14, value: (r: Row) => r.stage },
  { header: 'Statut du dossier', width: 8, value: (r: Row) => r.dossierStatus },
  { header: 'Avis', width: 6, value: (r: Row) => r.opinionKind ?? '' },
  { header: 'Type de décision', width: 20, value: (r: Row) => r.opinionDecisionType ?? '' },
  { header: 'Avis validé', width: 8, value: (r: Row) => (r.opinionKind ? (r.opinionValidated ? 'oui' : 'non') : '') },
  { header: 'Réponse du candidat', width: 12, value: (r: Row) => r.confirmationAnswer ?? '' },
  { header: 'Répondu le', width: 14, value: (r: Row) => r.answeredAt },
  { header: 'Export SI', width: 10, value: (r: Row) => r.exportStatus },
  { header: 'Exporté le', width: 14, value: (r: Row) => r.exportedAt },
  { header: 'Référence dans le SI', width: 16, value: (r: Row) => sisReference(r) },
  { header: 'Identifiant', width: 30, value: (r: Row) => r.id },
] as const;

async function loadRows(db: Db, campaignId: number, commissionIds: number[] | null) {
  const rows = await db.candidature.findMany({
    where: { campaignId, ...(commissionIds ? { formation: { commissionId: { in: commissionIds } } } : {}) },
    include: {
      campaign: true,
      formation: { include: { commission: true } },
      account: { include: { candidate: true } },
    },
    orderBy: [{ formation: { code: 'asc' } }, { account: { dossierNumber: 'asc' } }],
  });
  // The last export of each (admission or withdrawal) says what the SIS holds.
  const exports = await db.sisExport.findMany({ where: { candidatureId: { in: rows.map((r) => r.id) } }, orderBy: { version: 'asc' } });
  const lastExport = new Map(exports.map((e) => [e.candidatureId, e]));
  return rows.map((r) => ({ ...r, lastExport: lastExport.get(r.id) ?? null }));
}
type Row = Awaited<ReturnType<typeof loadRows>>[number];

/** What the SIS knows the admission by: Apogée's OPI code, Pégase's import job. */
function sisReference(r: Row): string {
  const details = (r.lastExport?.files ?? null) as { codOpiIntEpo?: string; admisImport?: { idCsvJob?: string } | null } | null;
  return details?.codOpiIntEpo ?? details?.admisImport?.idCsvJob ?? r.opiCode ?? '';
}

export interface CampaignRecords {
  campaign: { code: string; label: string; sisType: 'A' | 'P' | 'D'; archivedAt: Date | null };
  headers: string[];
  /** Cells in column order: text, or a date (XLSX shows it as a date, CSV as ISO 8601). */
  rows: (string | Date | null)[][];
}

/** The candidatures of a campaign a staff member may see (commissionIds null: all), as records. */
export async function campaignRecords(
  db: Db,
  campaign: CampaignRecords['campaign'] & { id: number },
  commissionIds: number[] | null,
): Promise<CampaignRecords> {
  const rows = await loadRows(db, campaign.id, commissionIds);
  return {
    campaign: { code: campaign.code, label: campaign.label, sisType: campaign.sisType, archivedAt: campaign.archivedAt },
    headers: COLUMNS.map((c) => c.header),
    rows: rows.map((r) => COLUMNS.map((c) => c.value(r))),
  };
}

export function recordsCsv(records: CampaignRecords): string {
  const cells = records.rows.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : (v ?? ''))));
  // The BOM makes Excel read UTF-8 (accents); `;` is what French spreadsheets expect.
  return '\uFEFF' + stringify([records.headers, ...cells], { delimiter: ';', record_delimiter: '\r\n' });
}

export async function recordsXlsx(records: CampaignRecords): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'eCandidat';
  const sheet = book.addWorksheet(`Candidatures ${records.campaign.code}`.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of records.rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
