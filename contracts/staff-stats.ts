// The statistics of a campaign (reference §6, `StatController`): what a scolarité asks during the
// campaign — files received, complete, incomplete; opinions by kind; confirmations and withdrawals
// against the places offered; applications week by week — per centre, commission and formation,
// within the staff member's scope. `GET /api/staff/stats?campaign=CODE` (JSON) and
// `GET /api/staff/stats.xlsx?campaign=CODE` (one sheet per level, the same counters as columns).
import { z } from 'zod';
import { DOSSIER_STATUSES, OPINION_KINDS, type DossierStatus, type OpinionKind } from '../domain/codes.ts';

/**
 * The counters of one row, in the order tables and sheets show them. Cancelled candidatures count in
 * `total` and `cancelled` only; every other counter is over the candidatures still alive.
 */
export const STATS_COUNTERS = [
  'total',
  'cancelled',
  ...DOSSIER_STATUSES.map((s) => `status${s}` as const),
  'transmitted',
  ...OPINION_KINDS.map((k) => `opinion${k}` as const),
  'opinionsValidated',
  'opinionsPending',
  'confirmed',
  'withdrawn',
  'awaitingAnswer',
] as const;
export type StatsCounter = (typeof STATS_COUNTERS)[number];

export const statusCounter = (s: DossierStatus): StatsCounter => `status${s}`;
export const opinionCounter = (k: OpinionKind): StatsCounter => `opinion${k}`;

/** Each counter's name, as column headers (the web app's tables and the XLSX) say it. */
export const STATS_COUNTER_LABELS: Record<StatsCounter, { fr: string; en: string }> = {
  total: { fr: 'Candidatures', en: 'Applications' },
  cancelled: { fr: 'Annulées', en: 'Cancelled' },
  statusAT: { fr: 'En attente', en: 'Waiting' },
  statusRE: { fr: 'Réceptionnées', en: 'Received' },
  statusIN: { fr: 'Incomplètes', en: 'Incomplete' },
  statusCO: { fr: 'Complètes', en: 'Complete' },
  transmitted: { fr: 'Transmises', en: 'Submitted' },
  opinionFA: { fr: 'Avis favorables', en: 'Favourable' },
  opinionDE: { fr: 'Avis défavorables', en: 'Unfavourable' },
  opinionLA: { fr: 'Liste d’attente', en: 'Waiting list' },
  opinionLC: { fr: 'Liste complémentaire', en: 'Complementary list' },
  opinionPR: { fr: 'Présélection', en: 'Preselection' },
  opinionsValidated: { fr: 'Avis validés', en: 'Opinions published' },
  opinionsPending: { fr: 'Avis non validés', en: 'Opinions not published' },
  confirmed: { fr: 'Confirmées', en: 'Confirmed' },
  withdrawn: { fr: 'Désistements', en: 'Withdrawals' },
  awaitingAnswer: { fr: 'Réponse attendue', en: 'Answer awaited' },
};

/** What each counter counts (tables' notes and the API documentation). */
export const STATS_COUNTER_NOTES = {
  status: 'dossier status of the candidatures not cancelled',
  opinion: 'kind of the current (last entered) opinion, published or not',
  confirmed: 'candidates who accepted a favourable decision',
  withdrawn: 'candidates who withdrew (declined a favourable decision)',
  awaitingAnswer: 'published favourable decisions the candidate has not answered yet',
} as const;

export const StatsCounters = z.object(Object.fromEntries(STATS_COUNTERS.map((c) => [c, z.number().int()])) as Record<StatsCounter, z.ZodNumber>);
export type StatsCounters = z.infer<typeof StatsCounters>;

/** `capacity`: places offered (formation's capacity, summed over a group's formations that state one; null when none does). */
const capacity = z.number().int().nullable().describe('Places offered (capacité d’accueil), summed over the formations stating one');
export const StatsTotals = z.object({ capacity, counters: StatsCounters });
export const StatsCentreRow = StatsTotals.extend({ code: z.string(), label: z.string() });
export const StatsCommissionRow = StatsCentreRow.extend({ centreCode: z.string() });
export const StatsFormationRow = StatsCommissionRow.extend({ commissionCode: z.string() });
export type StatsTotals = z.infer<typeof StatsTotals>;
export type StatsCentreRow = z.infer<typeof StatsCentreRow>;
export type StatsCommissionRow = z.infer<typeof StatsCommissionRow>;
export type StatsFormationRow = z.infer<typeof StatsFormationRow>;

/** One ISO week (Monday to Sunday, UTC): candidatures created and transmitted in it. */
export const StatsWeek = z.object({
  week: z.string().describe('ISO week, e.g. 2026-W05'),
  startsOn: z.string().describe('Its Monday, YYYY-MM-DD'),
  created: z.number().int(),
  transmitted: z.number().int(),
});
export type StatsWeek = z.infer<typeof StatsWeek>;

const code = z.string().trim().min(1).max(50);
export const StaffStatsQuery = z.object({
  campaign: code.describe('Campaign code (required)'),
  centre: code.optional().describe('Only this centre'),
  commission: code.optional().describe('Only this commission'),
  formation: code.optional().describe('Only this formation'),
});
export type StaffStatsQuery = z.infer<typeof StaffStatsQuery>;

export const StaffStats = z.object({
  campaign: z.object({ code: z.string(), label: z.string(), labelEn: z.string().nullable(), active: z.boolean() }),
  /** The narrowing applied (codes), as asked. */
  filter: StaffStatsQuery.omit({ campaign: true }),
  generatedAt: z.string(),
  totals: StatsTotals,
  centres: z.array(StatsCentreRow),
  commissions: z.array(StatsCommissionRow),
  formations: z.array(StatsFormationRow),
  weeks: z.array(StatsWeek).describe('Every week from the first to the last with a candidature created or transmitted, empty weeks included'),
});
export type StaffStats = z.infer<typeof StaffStats>;

/** Levels of the drill-down, as the XLSX names its sheets. */
export const STATS_LEVELS = ['centres', 'commissions', 'formations'] as const;
export type StatsLevel = (typeof STATS_LEVELS)[number];
