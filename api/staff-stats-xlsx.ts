// The statistics (api/staff-stats.ts) as a workbook: a summary sheet (the campaign's totals), one sheet
// per level (centres, commissions, formations) with the counters as columns in the order of
// contracts/staff-stats.ts, and the weeks. Headers in the reader's language.
import ExcelJS from 'exceljs';
import { STATS_COUNTER_LABELS, STATS_COUNTERS, type StaffStats, type StatsLevel, type StatsTotals } from '../contracts/staff-stats.ts';
import type { Language } from './language.ts';

const WORDS = {
  summary: { fr: 'Synthèse', en: 'Summary' },
  centres: { fr: 'Centres', en: 'Centres' },
  commissions: { fr: 'Commissions', en: 'Commissions' },
  formations: { fr: 'Formations', en: 'Programmes' },
  weeks: { fr: 'Semaines', en: 'Weeks' },
  code: { fr: 'Code', en: 'Code' },
  label: { fr: 'Libellé', en: 'Label' },
  centre: { fr: 'Centre', en: 'Centre' },
  commission: { fr: 'Commission', en: 'Commission' },
  capacity: { fr: 'Capacité d’accueil', en: 'Places' },
  campaign: { fr: 'Campagne', en: 'Campaign' },
  week: { fr: 'Semaine', en: 'Week' },
  startsOn: { fr: 'Début (lundi)', en: 'Starts (Monday)' },
  created: { fr: 'Candidatures créées', en: 'Applications created' },
  transmitted: { fr: 'Candidatures transmises', en: 'Applications submitted' },
} as const;

/** Leading columns of each level's sheet, before the capacity and the counters. */
const LEVEL_COLUMNS: Record<StatsLevel, (keyof typeof WORDS)[]> = {
  centres: ['code', 'label'],
  commissions: ['code', 'label', 'centre'],
  formations: ['code', 'label', 'centre', 'commission'],
};

const countersOf = (row: StatsTotals) => [row.capacity, ...STATS_COUNTERS.map((c) => row.counters[c])];

export async function statsXlsx(stats: StaffStats, lang: Language): Promise<Buffer> {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const counterHeaders = [w('capacity'), ...STATS_COUNTERS.map((c) => STATS_COUNTER_LABELS[c][lang])];
  const book = new ExcelJS.Workbook();
  book.creator = 'eCandidat';
  const sheet = (name: string, headers: string[], rows: unknown[][]) => {
    const s = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.columns = headers.map((header, i) => ({ header, width: i < 2 ? 18 : Math.max(12, header.length + 2) }));
    s.getRow(1).font = { bold: true };
    for (const r of rows) s.addRow(r);
    return s;
  };
  const campaignLabel = (lang === 'en' && stats.campaign.labelEn) || stats.campaign.label;
  sheet(w('summary'), [w('campaign'), w('label'), ...counterHeaders], [[stats.campaign.code, campaignLabel, ...countersOf(stats.totals)]]);
  sheet(
    w('centres'),
    [...LEVEL_COLUMNS.centres.map(w), ...counterHeaders],
    stats.centres.map((r) => [r.code, r.label, ...countersOf(r)]),
  );
  sheet(
    w('commissions'),
    [...LEVEL_COLUMNS.commissions.map(w), ...counterHeaders],
    stats.commissions.map((r) => [r.code, r.label, r.centreCode, ...countersOf(r)]),
  );
  sheet(
    w('formations'),
    [...LEVEL_COLUMNS.formations.map(w), ...counterHeaders],
    stats.formations.map((r) => [r.code, r.label, r.centreCode, r.commissionCode, ...countersOf(r)]),
  );
  sheet(
    w('weeks'),
    [w('week'), w('startsOn'), w('created'), w('transmitted')],
    stats.weeks.map((r) => [r.week, r.startsOn, r.created, r.transmitted]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
