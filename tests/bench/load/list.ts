// The staff candidature list over a large read model: rows inserted straight into PostgreSQL (one
// INSERT … SELECT generate_series, a few seconds for 100,000), spread over both demo campaigns, their
// formations, stages, dossier statuses, opinions and dates; then GET /api/staff/candidatures as
// `scol` or `centre` with filters, a sort and a page, one request at a time, after a few warm-up ones;
// then the typical queries one by one (a campaign's first page by date, by name, a commission's by
// dossier number, the last page, a search, the counts, "select all matching"), each timed on its own.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { DEMO_PASSWORD } from '../../../prisma/seed.ts';
import { createAccounts } from './accounts.ts';
import { describe, ok, type ApiClient } from './http.ts';
import { ErrorLog, summarize, type Summary } from './stats.ts';

export interface ListResult {
  rowsInserted: number;
  totalRows: number;
  insertSeconds: number;
  requests: number;
  latency: Summary;
  /** Response body size in bytes, and rows per answer. */
  bytes: Summary;
  rowsPerAnswer: Summary;
  errors: ErrorLog;
  /** Whether the answers were pages of at most pageSize rows (the server honours the paging). */
  paged: boolean;
  /** The typical queries, each repeated: their latency and how many rows matched. */
  scenarios: ListScenario[];
}

export interface ListScenario {
  name: string;
  path: string;
  latency: Summary;
  /** The answer's `total` (rows matching). */
  total: number;
  errors: number;
}

/** The typical queries' target: a list that answers within this, page after page. */
export const LIST_SCENARIO_P95_MS = 200;

interface Ctx {
  api: ApiClient;
  db: pg.Pool;
  log: (line: string) => void;
}

const CAMPAIGNS = ['2026-P', '2026-A'];
const PAGE_SIZE = 50;

/** Inserts `rows` candidature read-model rows (80 % on 2026-P, 20 % on 2026-A), with accounts to own them. */
export async function fillReadModel(ctx: Ctx, rows: number): Promise<{ seconds: number; totalRows: number }> {
  const started = performance.now();
  const share = [Math.round(rows * 0.8), rows - Math.round(rows * 0.8)];
  for (const [k, campaign] of CAMPAIGNS.entries()) {
    const count = share[k]!;
    if (count === 0) continue;
    // One account per 5 rows (a candidate has several wishes), at most 99,999 per kind.
    const accounts = await createAccounts(ctx.db, { campaign, kind: k === 0 ? 'L' : 'M', count: Math.min(99_999, Math.ceil(count / 5)), withFile: false });
    await ctx.db.query(
      `WITH c AS (SELECT id, sis_type FROM campaign WHERE code = $1),
            f AS (
              SELECT array_agg(f.id ORDER BY f.id) AS ids, array_agg(f.traitement ORDER BY f.id) AS traitements
              FROM formation f JOIN commission m ON m.id = f.commission_id JOIN centre ce ON ce.id = m.centre_id, c
              WHERE ce.sis_type = c.sis_type AND f.active
            ),
            g AS (
              SELECT i, gen_random_uuid()::text AS id, 1 + (i * 7) % 9 AS s, 1 + (i * 13) % cardinality(f.ids) AS fi,
                     now() - ((i * 7919) % 5184000) * interval '1 second' AS updated
              FROM generate_series(1, $2::int) AS i, f
            )
       INSERT INTO candidature (id, workflow_id, account_id, formation_id, campaign_id, commission_id, candidate_name, dossier_number,
                                created_by, stage, dossier_status, traitement,
                                opinion_kind, opinion_decision_type, opinion_validated, confirmation_answer, confirmation_deadline, export_status, seq,
                                transmitted_at, created_at, updated_at)
       SELECT g.id, 'candidature-' || g.id, a.id, f.ids[g.fi], c.id, fo.commission_id, upper(a.last_name) || ' ' || a.first_name, a.dossier_number,
              'bench',
              (ARRAY['draft', 'transmitted', 'transmitted', 'transmitted', 'decided', 'decided', 'confirmed', 'withdrawn', 'cancelled'])[g.s],
              CASE WHEN g.s = 1 THEN 'AT' ELSE (ARRAY['RE', 'IN', 'CO', 'CO'])[1 + g.i % 4] END,
              f.traitements[g.fi],
              CASE WHEN g.s IN (5, 6, 8) THEN (ARRAY['FA', 'DE', 'LC', 'LA'])[1 + g.i % 4] WHEN g.s = 7 THEN 'FA' END,
              CASE WHEN g.s IN (5, 6, 8) THEN (ARRAY['AVIS_FAVORABLE', 'AVIS_DEFAVORABLE', 'AVIS_LC', 'AVIS_LA'])[1 + g.i % 4] WHEN g.s = 7 THEN 'AVIS_FAVORABLE' END,
              g.s IN (5, 6, 7, 8),
              CASE WHEN g.s = 7 THEN 'confirmed' WHEN g.s = 8 THEN 'withdrawn' END,
              -- A favourable decision's deadline, passed for some: the list computes "deadline passed".
              CASE WHEN g.s IN (5, 6, 7, 8) AND (g.s IN (7, 8) OR g.i % 4 = 0) THEN g.updated + ((g.i % 20) - 10) * interval '1 day' END,
              CASE WHEN g.s = 7 THEN (ARRAY['done', 'done', 'pending', 'failed'])[1 + g.i % 4] ELSE 'none' END,
              1 + g.s,
              CASE WHEN g.s > 1 THEN g.updated - interval '2 days' END,
              g.updated - interval '5 days', g.updated
       FROM g, c, f, candidate_account a, formation fo
       WHERE a.id = ($3::int[])[1 + g.i % cardinality($3::int[])] AND fo.id = f.ids[g.fi]`,
      [campaign, count, accounts.map((a) => a.id)],
    );
  }
  // As autovacuum keeps a table that received that many rows (visibility map set, statistics fresh).
  await ctx.db.query('VACUUM ANALYZE candidature');
  const { rows: total } = await ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM candidature');
  return { seconds: (performance.now() - started) / 1000, totalRows: Number(total[0]?.n) };
}

/** Deterministic pseudo-random numbers (mulberry32), so that two runs ask the same queries. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The list requests: as `scol` (every centre) or, one in three, as `centre` (a centre manager: the
 * commissions of their centres); a campaign, sometimes a stage, a formation or a name, a sort, a page.
 */
export function listQueries(count: number, formationsByCampaign: Record<string, string[]>): { as: 'scol' | 'centre'; query: string }[] {
  const next = random(2026);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: count }, () => {
    const r = next();
    const campaign = r < 0.6 ? '2026-P' : r < 0.9 ? '2026-A' : null;
    const params = new URLSearchParams();
    if (campaign) params.set('campaign', campaign);
    if (next() < 0.6) params.set('stage', pick(['draft', 'transmitted', 'decided', 'confirmed']));
    const formations = campaign ? (formationsByCampaign[campaign] ?? []) : [];
    if (formations.length && next() < 0.25) params.set('formation', pick(formations));
    // Now and then the start of a last name, typed in lower case, as a manager looks someone up.
    if (next() < 0.1) params.set('q', pick(['mar', 'ber', 'dub', 'tho', 'rob', 'ric', 'pet', 'dur']));
    params.set('sort', pick(['updatedAt', 'name']));
    params.set('order', pick(['asc', 'desc']));
    // Mostly the first pages, as people read lists; now and then far away.
    params.set('page', String(next() < 0.8 ? 1 + Math.floor(next() * 5) : 1 + Math.floor(next() * 40)));
    params.set('pageSize', String(PAGE_SIZE));
    return { as: next() < 1 / 3 ? 'centre' : 'scol', query: params.toString() };
  });
}

export async function runList(
  ctx: Ctx,
  opts: { requests: number; warmUp?: number; rowsInserted: number; totalRows: number; insertSeconds: number },
): Promise<ListResult> {
  const tokens = { scol: await ctx.api.login('scol', DEMO_PASSWORD), centre: await ctx.api.login('centre', DEMO_PASSWORD) };
  const formationsByCampaign: Record<string, string[]> = {};
  for (const campaign of CAMPAIGNS) {
    const offer = await ctx.api.call('GET', `/api/campaigns/${campaign}/formations`);
    formationsByCampaign[campaign] = offer.status === 200 ? (offer.body as { code: string }[]).map((f) => f.code) : [];
  }
  const warmUp = opts.warmUp ?? 5;
  const queries = listQueries(warmUp + opts.requests, formationsByCampaign);
  const latencies: number[] = [];
  const bytes: number[] = [];
  const rows: number[] = [];
  const errors = new ErrorLog();
  for (const [i, { as, query }] of queries.entries()) {
    try {
      const res = await ctx.api.call('GET', `/api/staff/candidatures?${query}`, { token: tokens[as] });
      if (!ok(res.status)) {
        errors.record(`GET /api/staff/candidatures?${query} → ${res.status} ${describe(res.body)}`);
        continue;
      }
      if (i < warmUp) continue;
      latencies.push(res.ms);
      bytes.push(res.bytes);
      rows.push(rowsOf(res.body));
    } catch (err) {
      errors.record(`GET /api/staff/candidatures?${query}: ${(err as Error).message}`);
    }
  }
  const rowsPerAnswer = summarize(rows);
  const scenarios = await runScenarios(ctx, tokens);
  return {
    rowsInserted: opts.rowsInserted,
    totalRows: opts.totalRows,
    insertSeconds: opts.insertSeconds,
    requests: latencies.length,
    latency: summarize(latencies),
    bytes: summarize(bytes),
    rowsPerAnswer,
    errors,
    paged: rowsPerAnswer.max <= PAGE_SIZE,
    scenarios,
  };
}

/**
 * The queries a manager makes all day, each sent `times` times in a row after two warm-up ones: the
 * campaign's first page by date and by name, a commission's by dossier number, the campaign's last page
 * (OFFSET at its deepest), a search by name, the counts, and "select all matching" (5,000 ids).
 */
async function runScenarios(ctx: Ctx, tokens: Record<'scol' | 'centre', string>, times = 20): Promise<ListScenario[]> {
  const [campaign] = CAMPAIGNS;
  const { rows: busiest } = await ctx.db.query<{ code: string }>(
    `SELECT m.code FROM candidature c JOIN commission m ON m.id = c.commission_id JOIN campaign ca ON ca.id = c.campaign_id
     WHERE ca.code = $1 GROUP BY m.code ORDER BY count(*) DESC LIMIT 1`,
    [campaign],
  );
  const commission = busiest[0]?.code ?? '';
  const first = await ctx.api.call('GET', `/api/staff/candidatures?campaign=${campaign}&pageSize=${PAGE_SIZE}`, { token: tokens.scol });
  const lastPage = Math.max(1, Math.ceil(((first.body as { total?: number } | null)?.total ?? 0) / PAGE_SIZE));
  const scenarios: { name: string; as: 'scol' | 'centre'; path: string }[] = [
    { name: `${campaign}, by date, page 1`, as: 'scol', path: `/api/staff/candidatures?campaign=${campaign}&pageSize=${PAGE_SIZE}` },
    { name: `${campaign}, by name, page 1`, as: 'scol', path: `/api/staff/candidatures?campaign=${campaign}&sort=name&pageSize=${PAGE_SIZE}` },
    {
      name: `${campaign} + commission, by dossier number, page 1`,
      as: 'scol',
      path: `/api/staff/candidatures?campaign=${campaign}&commission=${encodeURIComponent(commission)}&sort=dossierNumber&pageSize=${PAGE_SIZE}`,
    },
    {
      name: `${campaign}, by date, page ${lastPage.toLocaleString('en')} (last)`,
      as: 'scol',
      path: `/api/staff/candidatures?campaign=${campaign}&page=${lastPage}&pageSize=${PAGE_SIZE}`,
    },
    {
      name: `${campaign}, by name, page 1 (centre manager)`,
      as: 'centre',
      path: `/api/staff/candidatures?campaign=${campaign}&sort=name&pageSize=${PAGE_SIZE}`,
    },
    { name: `${campaign}, search "mar"`, as: 'scol', path: `/api/staff/candidatures?campaign=${campaign}&q=mar&pageSize=${PAGE_SIZE}` },
    { name: `${campaign}, counts`, as: 'scol', path: `/api/staff/candidatures/counts?campaign=${campaign}` },
    { name: `${campaign}, counts (centre manager)`, as: 'centre', path: `/api/staff/candidatures/counts?campaign=${campaign}` },
    { name: `${campaign}, select all matching`, as: 'scol', path: `/api/staff/candidatures/ids?campaign=${campaign}` },
  ];
  const out: ListScenario[] = [];
  for (const s of scenarios) {
    const latencies: number[] = [];
    let total = 0;
    let errors = 0;
    for (let i = 0; i < times + 2; i++) {
      const res = await ctx.api.call('GET', s.path, { token: tokens[s.as] });
      if (!ok(res.status)) {
        errors++;
        continue;
      }
      total = (res.body as { total?: number }).total ?? 0;
      if (i >= 2) latencies.push(res.ms);
    }
    out.push({ name: s.name, path: s.path, latency: summarize(latencies), total, errors });
    ctx.log(`list: ${s.name}: p50 ${summarize(latencies).p50.toFixed(1)} ms (${total} matching)`);
  }
  return out;
}

/** Rows in an answer: today a bare array; a paged answer may wrap them (items / rows / data). */
function rowsOf(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  const wrapped = body as { items?: unknown[]; rows?: unknown[]; data?: unknown[] } | null;
  return (wrapped?.items ?? wrapped?.rows ?? wrapped?.data ?? []).length;
}
