// A campaign's candidatures as records: one row per candidature with its candidate, formation (and
// the formation's code in the campaign's SIS), status, published opinion, answer and SIS export.
// Read from the read model only, so that it works the same for a campaign in service and for an
// archived one whose SIS the installation no longer uses (issue 4 "campaign switch": archives on the
// old SIS stay readable and exportable); formats: XLSX for managers, CSV (UTF-8 with BOM, `;`) for tools.
// Its columns are the `records` preset of the export's catalogue (contracts/staff-export.ts), their
// values those of the managers' export (api/staff-export.ts): French headers, the file being for French managers.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { EXPORT_PRESETS } from '../contracts/staff-export.ts';
import type { Db } from '../infra/prisma.ts';
import { exportCells, exportHeader, writeSheet, type Cell } from './staff-export.ts';

export const RECORD_FORMATS = ['xlsx', 'csv'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

const COLUMNS = [...EXPORT_PRESETS.records];
const BATCH = 500;

export interface CampaignRecords {
  campaign: { code: string; label: string; sisType: 'A' | 'P' | 'D'; archivedAt: Date | null };
  headers: string[];
  /** Cells in column order: text, or a date (XLSX shows it as a date, CSV as ISO 8601). */
  rows: Cell[][];
}

/** The candidatures of a campaign a staff member may see (commissionIds null: all), as records. */
export async function campaignRecords(
  db: Db,
  campaign: CampaignRecords['campaign'] & { id: number },
  commissionIds: number[] | null,
): Promise<CampaignRecords> {
  const ids = (
    await db.candidature.findMany({
      where: { campaignId: campaign.id, ...(commissionIds ? { formation: { commissionId: { in: commissionIds } } } : {}) },
      orderBy: [{ formation: { code: 'asc' } }, { account: { dossierNumber: 'asc' } }],
      select: { id: true },
    })
  ).map((r) => r.id);
  async function* batches() {
    for (let i = 0; i < ids.length; i += BATCH) yield ids.slice(i, i + BATCH);
  }
  const rows: Cell[][] = [];
  for await (const batch of exportCells(db, batches(), COLUMNS, 'fr')) rows.push(...batch);
  return {
    campaign: { code: campaign.code, label: campaign.label, sisType: campaign.sisType, archivedAt: campaign.archivedAt },
    headers: COLUMNS.map((c) => exportHeader(c, 'fr')),
    rows,
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
  async function* rows() {
    yield records.rows;
  }
  await writeSheet(book, `Candidatures ${records.campaign.code}`, COLUMNS, 'fr', rows());
  return Buffer.from(await book.xlsx.writeBuffer());
}
