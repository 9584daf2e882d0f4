// The statistics of a campaign (contracts/staff-stats.ts): two grouped scans of the read model (the
// candidature table alone, on its campaign or commission index), run side by side — the counters per
// formation, and the candidatures created and transmitted per ISO week — within the staff member's scope. Commissions,
// centres and the campaign's totals are sums of their formations' rows, so every level agrees.
import type { FastifyInstance } from 'fastify';
import {
  opinionCounter,
  STATS_COUNTERS,
  statusCounter,
  type StaffStats,
  type StaffStatsQuery,
  type StatsCounters,
  type StatsFormationRow,
  type StatsTotals,
  type StatsWeek,
} from '../contracts/staff-stats.ts';
import { DOSSIER_STATUSES, OPINION_KINDS } from '../domain/codes.ts';
import { Prisma } from '../infra/prisma.ts';
import type { SessionUser } from './plugins/auth.ts';
import { notFound } from './problem.ts';
import { staffCommissionIds } from './scope.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;

const alive = Prisma.sql`stage <> 'cancelled'`;
/** Each counter as an aggregate over the candidature table (column names of prisma/schema.prisma). */
const AGGREGATES: Record<keyof StatsCounters, Prisma.Sql> = {
  total: Prisma.sql`count(*)`,
  cancelled: Prisma.sql`count(*) FILTER (WHERE stage = 'cancelled')`,
  ...Object.fromEntries(DOSSIER_STATUSES.map((s) => [statusCounter(s), Prisma.sql`count(*) FILTER (WHERE ${alive} AND dossier_status = ${s})`])),
  transmitted: Prisma.sql`count(*) FILTER (WHERE ${alive} AND transmitted_at IS NOT NULL)`,
  ...Object.fromEntries(OPINION_KINDS.map((k) => [opinionCounter(k), Prisma.sql`count(*) FILTER (WHERE ${alive} AND opinion_kind = ${k})`])),
  opinionsValidated: Prisma.sql`count(*) FILTER (WHERE ${alive} AND opinion_kind IS NOT NULL AND opinion_validated)`,
  opinionsPending: Prisma.sql`count(*) FILTER (WHERE ${alive} AND opinion_kind IS NOT NULL AND NOT opinion_validated)`,
  confirmed: Prisma.sql`count(*) FILTER (WHERE ${alive} AND confirmation_answer = 'confirmed')`,
  withdrawn: Prisma.sql`count(*) FILTER (WHERE ${alive} AND confirmation_answer = 'withdrawn')`,
  awaitingAnswer: Prisma.sql`count(*) FILTER (WHERE stage = 'decided' AND opinion_kind = 'FA' AND opinion_validated AND confirmation_answer IS NULL)`,
} as Record<keyof StatsCounters, Prisma.Sql>;

/** Weeks shown at most (a campaign lasts a year; a stray date must not make the series endless). */
const MAX_WEEKS = 160;
const WEEK_MS = 7 * 86_400_000;

const zero = (): StatsCounters => Object.fromEntries(STATS_COUNTERS.map((c) => [c, 0])) as StatsCounters;

interface Where {
  campaignId: number;
  /** null: every commission (an admin, no narrowing). */
  commissionIds: number[] | null;
  formationId: number | null;
}

function whereSql(w: Where): Prisma.Sql {
  const parts = [Prisma.sql`campaign_id = ${w.campaignId}`];
  if (w.commissionIds !== null) parts.push(Prisma.sql`commission_id IN (${Prisma.join(w.commissionIds)})`);
  if (w.formationId !== null) parts.push(Prisma.sql`formation_id = ${w.formationId}`);
  return Prisma.join(parts, ' AND ');
}

/** The counters of each formation having candidatures in the campaign (one grouped scan). */
export async function countByFormation(app: FastifyInstance, w: Where): Promise<Map<number, StatsCounters>> {
  const columns = Prisma.join(
    STATS_COUNTERS.map((c) => Prisma.sql`${AGGREGATES[c]}::int AS ${Prisma.raw(`"${c}"`)}`),
    ', ',
  );
  const rows = await app.db.$queryRaw<({ formationId: number } & StatsCounters)[]>`
    SELECT formation_id AS "formationId", ${columns} FROM candidature WHERE ${whereSql(w)} GROUP BY formation_id`;
  return new Map(rows.map(({ formationId, ...counters }) => [formationId, counters]));
}

/**
 * Candidatures created and transmitted per ISO week (UTC): one scan grouped by the pair (week of
 * creation, week of transmission) — a few hundred groups at most — summed each way here.
 */
export async function countByWeek(app: FastifyInstance, w: Where): Promise<StatsWeek[]> {
  const rows = await app.db.$queryRaw<{ created: Date; transmitted: Date | null; n: number }[]>`
    SELECT date_trunc('week', created_at) AS created, date_trunc('week', transmitted_at) AS transmitted, count(*)::int AS n
    FROM candidature WHERE ${whereSql(w)} GROUP BY 1, 2`;
  const created = new Map<number, number>();
  const transmitted = new Map<number, number>();
  const add = (into: Map<number, number>, week: Date, n: number) => into.set(week.getTime(), (into.get(week.getTime()) ?? 0) + n);
  for (const r of rows) {
    add(created, r.created, r.n);
    if (r.transmitted) add(transmitted, r.transmitted, r.n);
  }
  return weekSeries(created, transmitted);
}

/** Every week from the first to the last one counted (at most MAX_WEEKS, the latest), empty ones included. */
function weekSeries(created: Map<number, number>, transmitted: Map<number, number>): StatsWeek[] {
  const mondays = [...created.keys(), ...transmitted.keys()];
  if (mondays.length === 0) return [];
  const last = Math.max(...mondays);
  const first = Math.max(Math.min(...mondays), last - (MAX_WEEKS - 1) * WEEK_MS);
  const weeks: StatsWeek[] = [];
  for (let t = first; t <= last; t += WEEK_MS) {
    const monday = new Date(t);
    weeks.push({ week: isoWeek(monday), startsOn: monday.toISOString().slice(0, 10), created: created.get(t) ?? 0, transmitted: transmitted.get(t) ?? 0 });
  }
  return weeks;
}

/** ISO 8601 week of a Monday (UTC): the year of its Thursday, and the week number within it. */
export function isoWeek(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const add = (into: StatsTotals, row: StatsTotals) => {
  for (const c of STATS_COUNTERS) into.counters[c] += row.counters[c];
  if (row.capacity !== null) into.capacity = (into.capacity ?? 0) + row.capacity;
};

/**
 * The statistics of a campaign in the staff member's scope, optionally narrowed to a centre, a
 * commission or a formation. 404 for an unknown campaign or code; a narrowing outside the scope
 * answers empty tables. While the campaign is in service, the formations in service of the scope
 * show even without candidatures (their places still count).
 */
export async function campaignStats(app: FastifyInstance, user: Staff, q: StaffStatsQuery): Promise<StaffStats> {
  const [scope, campaign, centre, commission, formation] = await Promise.all([
    staffCommissionIds(app, user),
    app.db.campaign.findUnique({ where: { code: q.campaign }, select: { id: true, code: true, label: true, labelEn: true, active: true, sisType: true } }),
    q.centre ? app.db.centre.findUnique({ where: { code: q.centre }, select: { commissions: { select: { id: true } } } }) : undefined,
    q.commission ? app.db.commission.findUnique({ where: { code: q.commission }, select: { id: true } }) : undefined,
    q.formation ? app.db.formation.findUnique({ where: { code: q.formation }, select: { id: true, commissionId: true } }) : undefined,
  ]);
  if (!campaign) throw notFound({ fr: `Campagne inconnue : ${q.campaign}.`, en: `Unknown campaign: ${q.campaign}.` });
  if (centre === null) throw notFound({ fr: `Centre de candidature inconnu : ${q.centre}.`, en: `Unknown application centre: ${q.centre}.` });
  if (commission === null) throw notFound({ fr: `Commission inconnue : ${q.commission}.`, en: `Unknown commission: ${q.commission}.` });
  if (formation === null) throw notFound({ fr: `Formation inconnue : ${q.formation}.`, en: `Unknown programme: ${q.formation}.` });

  let commissionIds: number[] | null = scope;
  const narrow = (ids: number[]) => (commissionIds = commissionIds === null ? ids : commissionIds.filter((id) => ids.includes(id)));
  if (centre) narrow(centre.commissions.map((c) => c.id));
  if (commission) narrow([commission.id]);
  if (formation) narrow([formation.commissionId]);
  const where: Where = { campaignId: campaign.id, commissionIds, formationId: formation?.id ?? null };
  const empty = commissionIds !== null && (commissionIds as number[]).length === 0;
  const [counted, weeks] = empty ? [new Map<number, StatsCounters>(), []] : await Promise.all([countByFormation(app, where), countByWeek(app, where)]);

  const formations = empty
    ? []
    : await app.db.formation.findMany({
        where: {
          OR: [
            { id: { in: [...counted.keys()] } },
            ...(campaign.active
              ? [
                  {
                    active: true,
                    // A formation is in the campaign in service of its centre's SIS (as the catalogue says, api/catalogue.ts).
                    commission: { centre: { sisType: campaign.sisType } },
                    ...(formation ? { id: formation.id } : {}),
                    ...(commissionIds ? { commissionId: { in: commissionIds } } : {}),
                  },
                ]
              : []),
          ],
        },
        select: {
          id: true,
          code: true,
          label: true,
          capacity: true,
          commission: { select: { code: true, label: true, centre: { select: { code: true, label: true } } } },
        },
      });
  formations.sort(
    (a, b) =>
      a.commission.centre.code.localeCompare(b.commission.centre.code) || a.commission.code.localeCompare(b.commission.code) || a.code.localeCompare(b.code),
  );

  const formationRows: StatsFormationRow[] = formations.map((f) => ({
    code: f.code,
    label: f.label,
    commissionCode: f.commission.code,
    centreCode: f.commission.centre.code,
    capacity: f.capacity,
    counters: counted.get(f.id) ?? zero(),
  }));
  const totals: StatsTotals = { capacity: null, counters: zero() };
  const commissions = new Map<string, StaffStats['commissions'][number]>();
  const centres = new Map<string, StaffStats['centres'][number]>();
  for (const [i, f] of formations.entries()) {
    const row = formationRows[i]!;
    const c = f.commission;
    if (!centres.has(c.centre.code)) centres.set(c.centre.code, { code: c.centre.code, label: c.centre.label, capacity: null, counters: zero() });
    if (!commissions.has(c.code)) commissions.set(c.code, { code: c.code, label: c.label, centreCode: c.centre.code, capacity: null, counters: zero() });
    add(centres.get(c.centre.code)!, row);
    add(commissions.get(c.code)!, row);
    add(totals, row);
  }
  return {
    campaign: { code: campaign.code, label: campaign.label, labelEn: campaign.labelEn, active: campaign.active },
    filter: { centre: q.centre, commission: q.commission, formation: q.formation },
    generatedAt: new Date().toISOString(),
    totals,
    centres: [...centres.values()],
    commissions: [...commissions.values()],
    formations: formationRows,
    weeks,
  };
}
