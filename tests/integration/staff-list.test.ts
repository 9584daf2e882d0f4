// The managers' list over 100,000 candidatures (issue 11, "lists that hold a campaign"): read-model
// rows inserted straight into PostgreSQL in a campaign, centre and commissions of this file's own,
// then read over HTTP as a centre manager who holds two of the four commissions and as an admin.
// Every total, count, order and page is compared with what the test computes from the rows it
// inserted; rows of the other commissions never reach the manager.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_MAX_ITEMS } from '../../contracts/bulk.ts';
import { STAFF_LIST_SORTS, type StaffCandidatureRow, type StaffListSort } from '../../contracts/staff.ts';
import { DOSSIER_STATUSES, STAGES, type DossierStatus, type Stage } from '../../domain/codes.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { retireFormations } from '../support/setup-data.ts';

const run = randomUUID().replace(/-/g, '').slice(0, 3).toUpperCase();
const N = 100_000;
const ACCOUNTS = 2_000;
const COMMISSIONS = 4;
/** Formation labels, two per commission: their alphabetical order is not their creation order. */
const LABELS = ['Zoology', 'Algebra', 'Music', 'History', 'Biology', 'Physics', 'Chemistry', 'Law'];
const LASTS = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU', 'MARCHAND', 'BERGER'];
const FIRSTS = ['Alex', 'Camille', 'Lea', 'Hugo', 'Chloe', 'Louis', 'Emma'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Row {
  id: string;
  account: number;
  formation: number;
  commission: number;
  name: string;
  dossier: string;
  ine: string;
  stage: Stage;
  dossierStatus: DossierStatus;
  opinion: string | null;
  validated: boolean;
  answer: string | null;
  deadline: number | null;
  exportStatus: string;
  tags: number[];
  createdAt: number;
  updatedAt: number;
}

let t: TestApp;
let pool: pg.Pool;
let manager: string;
let admin: string;
const campaign = `SL-${run}`;
const centre = `SL-${run}`;
const commissionCode = (k: number) => `SL${k}-${run}`;
const formationCode = (f: number) => `SL${f}-${run}`;
const dossierOf = (a: number) => `W${run}${String(a).padStart(4, '0')}`;
const ineOf = (a: number) => `K${run}${String(a).padStart(5, '0')}`;
const nameOf = (a: number) => `${LASTS[a % LASTS.length]} ${FIRSTS[a % FIRSTS.length]}`;
let rows: Row[] = [];
let tagIds: number[] = [];
const now = Math.floor(Date.now() / 60_000) * 60_000;
/** The rows changed two years ago and before: never among the most recent rows other files' lists show. */
const base = now - 730 * DAY;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRows(): Row[] {
  const next = random(11);
  return Array.from({ length: N }, (_, i) => {
    const account = (i * 7919) % ACCOUNTS;
    const formation = Math.floor(next() * LABELS.length);
    const stage = STAGES[Math.floor(next() * STAGES.length)]!;
    const kind = ['FA', 'DE', 'LC', 'LA'][Math.floor(next() * 4)]!;
    const opinion = stage === 'decided' ? kind : stage === 'confirmed' || stage === 'withdrawn' ? 'FA' : stage === 'transmitted' && i % 3 === 0 ? kind : null;
    const awaiting = stage === 'decided' && opinion === 'FA';
    // Two rows share each instant (the id breaks the tie); deadlines half past, half to come, 12 h away at least.
    const updatedAt = base - ((i * 7919) % 50_000) * 60_000;
    return {
      id: randomUUID(),
      account,
      formation,
      commission: formation >> 1,
      name: nameOf(account),
      dossier: dossierOf(account),
      ine: ineOf(account),
      stage,
      dossierStatus: stage === 'draft' ? 'AT' : (['RE', 'IN', 'CO'] as const)[i % 3]!,
      opinion,
      validated: opinion !== null && stage !== 'transmitted',
      answer: stage === 'confirmed' ? 'confirmed' : stage === 'withdrawn' ? 'withdrawn' : null,
      deadline: awaiting ? now + ((i % 20) - 10) * DAY + 12 * HOUR : stage === 'confirmed' ? now - 3 * DAY : null,
      exportStatus: stage === 'confirmed' ? ['done', 'pending', 'failed'][i % 3]! : 'none',
      tags: [...(i % 10 === 0 ? [0] : []), ...(i % 15 === 0 ? [1] : [])],
      createdAt: updatedAt - (i % 30) * DAY,
      updatedAt,
    };
  });
}

const deadlinePassed = (r: Row) =>
  r.stage === 'decided' && r.opinion === 'FA' && r.validated && r.answer === null && r.deadline !== null && r.deadline < Date.now();

beforeAll(async () => {
  t = await startTestApp();
  pool = new pg.Pool({ connectionString: t.config.databaseUrl, max: 2 });
  const favourable = await t.db.decisionType.findUniqueOrThrow({ where: { code: 'AVIS_FAVORABLE' } });
  const camp = await t.db.campaign.create({
    data: { code: campaign, label: `Campagne des listes ${run}`, sisType: 'P', startsOn: new Date('2026-01-01'), endsOn: new Date('2026-12-31') },
  });
  const ce = await t.db.centre.create({ data: { code: centre, label: `Centre des listes ${run}`, sisType: 'P', favourableDecisionTypeId: favourable.id } });
  const commissions: { id: number }[] = [];
  for (let k = 0; k < COMMISSIONS; k++)
    commissions.push(await t.db.commission.create({ data: { code: commissionCode(k), label: `Commission ${k} ${run}`, centreId: ce.id } }));
  const formations: { id: number }[] = [];
  for (let f = 0; f < LABELS.length; f++)
    formations.push(
      await t.db.formation.create({
        data: {
          code: formationCode(f),
          label: `${LABELS[f]} ${run}`,
          commissionId: commissions[f >> 1]!.id,
          traitement: 'AC',
          favourableDecisionTypeId: favourable.id,
          applicationStartsOn: new Date('2026-01-01'),
          applicationEndsOn: new Date('2026-12-31'),
          returnDeadline: new Date('2026-12-31'),
        },
      }),
    );
  tagIds = [];
  for (const label of ['Boursier', 'Prioritaire'])
    tagIds.push((await t.db.tag.create({ data: { label: `${label} ${run}`, colour: '#000091', centreId: ce.id } })).id);

  // The manager: a centre manager of commissions 0 and 1 only.
  const user = await t.db.staffUser.create({
    data: {
      login: `sl-manager-${run}`.toLowerCase(),
      displayName: `Gestionnaire ${run}`,
      email: `sl-${run}@essai.test`.toLowerCase(),
      passwordHash: await hash(DEMO_PASSWORD),
    },
  });
  await t.db.centreManager.create({
    data: {
      userId: user.id,
      centreId: ce.id,
      profileCode: 'centreCandidature',
      commissions: { create: [{ commissionId: commissions[0]!.id }, { commissionId: commissions[1]!.id }] },
    },
  });

  const { rows: accounts } = await pool.query<{ id: number }>(
    `INSERT INTO candidate_account (campaign_id, dossier_number, email, password_hash, first_name, last_name, email_validated, validated, updated_at)
     SELECT $1, d, lower(d) || '@essai.test', 'x', f, l, true, true, now()
     FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS a(d, f, l, n) ORDER BY n
     RETURNING id`,
    [
      camp.id,
      Array.from({ length: ACCOUNTS }, (_, a) => dossierOf(a)),
      Array.from({ length: ACCOUNTS }, (_, a) => FIRSTS[a % FIRSTS.length]),
      Array.from({ length: ACCOUNTS }, (_, a) => LASTS[a % LASTS.length]),
    ],
  );
  rows = makeRows();
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  for (let start = 0; start < N; start += 25_000) {
    const chunk = rows.slice(start, start + 25_000);
    const col = <T>(f: (r: Row) => T) => chunk.map(f);
    await pool.query(
      `INSERT INTO candidature (id, workflow_id, account_id, formation_id, campaign_id, commission_id, candidate_name, dossier_number, candidate_ine,
                                stage, dossier_status, traitement, opinion_kind, opinion_decision_type, opinion_validated, confirmation_answer,
                                confirmation_deadline, export_status, created_at, updated_at)
       SELECT id, 'candidature-' || id, account, formation, $1, commission, name, dossier, ine, stage, status, 'AC', opinion, NULL, validated, answer,
              deadline::timestamptz AT TIME ZONE 'UTC', export, created::timestamptz AT TIME ZONE 'UTC', updated::timestamptz AT TIME ZONE 'UTC'
       FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::bool[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
         AS r(id, account, formation, commission, name, dossier, ine, stage, status, opinion, validated, answer, deadline, export, created, updated)`,
      [
        camp.id,
        col((r) => r.id),
        col((r) => accounts[r.account]!.id),
        col((r) => formations[r.formation]!.id),
        col((r) => commissions[r.commission]!.id),
        col((r) => r.name),
        col((r) => r.dossier),
        col((r) => r.ine),
        col((r) => r.stage),
        col((r) => r.dossierStatus),
        col((r) => r.opinion),
        col((r) => r.validated),
        col((r) => r.answer),
        col((r) => iso(r.deadline)),
        col((r) => r.exportStatus),
        col((r) => iso(r.createdAt)),
        col((r) => iso(r.updatedAt)),
      ],
    );
  }
  const tagged = rows.flatMap((r) => r.tags.map((k) => [r.id, tagIds[k]!] as const));
  await pool.query(`INSERT INTO candidature_tag (candidature_id, tag_id) SELECT * FROM unnest($1::text[], $2::int[])`, [
    tagged.map(([id]) => id),
    tagged.map(([, tag]) => tag),
  ]);
  // As autovacuum leaves a table that received that many rows (statistics fresh, visibility map set).
  await pool.query('VACUUM ANALYZE candidature');
  await pool.query('VACUUM ANALYZE candidature_tag');
  [manager, admin] = await Promise.all([t.login(user.login), t.login('admin')]);
}, 240_000);

afterAll(async () => {
  // Other files share the database: the 100,000 rows go (their accounts and campaign are small and
  // stay), the formations go out of service.
  if (pool) await pool.query(`DELETE FROM candidature WHERE campaign_id = (SELECT id FROM campaign WHERE code = $1)`, [campaign]);
  if (t) await retireFormations(t.db, run);
  await pool?.end();
  await t?.stop();
});

type Query = Record<string, string | number>;
const path = (route: string, q: Query) => `${route}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;
const list = (token: string, q: Query) => t.api('GET', path('/api/staff/candidatures', q), { token });

/** The manager sees commissions 0 and 1; the admin, everything (asked within this file's campaign). */
const inScope = (who: 'manager' | 'admin') => (r: Row) => who === 'admin' || r.commission < 2;

/** Each filter of the list, with the rows it matches as the test knows them. */
const FILTERS: { name: string; query: () => Query; match: (r: Row) => boolean }[] = [
  { name: 'campaign', query: () => ({}), match: () => true },
  { name: 'centre', query: () => ({ centre }), match: () => true },
  { name: 'commission', query: () => ({ commission: commissionCode(1) }), match: (r) => r.commission === 1 },
  { name: 'commission out of the manager’s scope', query: () => ({ commission: commissionCode(3) }), match: (r) => r.commission === 3 },
  { name: 'formation', query: () => ({ formation: formationCode(2) }), match: (r) => r.formation === 2 },
  { name: 'stage', query: () => ({ stage: 'transmitted' }), match: (r) => r.stage === 'transmitted' },
  { name: 'dossier status', query: () => ({ dossierStatus: 'IN' }), match: (r) => r.dossierStatus === 'IN' },
  { name: 'opinion', query: () => ({ opinion: 'FA' }), match: (r) => r.opinion === 'FA' },
  { name: 'export status', query: () => ({ exportStatus: 'failed' }), match: (r) => r.exportStatus === 'failed' },
  { name: 'tag', query: () => ({ tag: tagIds[1]! }), match: (r) => r.tags.includes(1) },
  { name: 'confirmation none', query: () => ({ confirmation: 'none' }), match: (r) => r.stage === 'decided' && r.opinion === 'FA' && r.answer === null },
  { name: 'confirmation withdrawn', query: () => ({ confirmation: 'withdrawn' }), match: (r) => r.answer === 'withdrawn' },
  { name: 'deadline passed', query: () => ({ deadlinePassed: 'true' }), match: deadlinePassed },
  { name: 'deadline not passed', query: () => ({ deadlinePassed: 'false' }), match: (r) => !deadlinePassed(r) },
  { name: 'q: start of a last name, lower case', query: () => ({ q: 'mar' }), match: (r) => r.name.startsWith('MAR') },
  { name: 'q: dossier number', query: () => ({ q: dossierOf(17).toLowerCase() }), match: (r) => r.account === 17 },
  { name: 'q: INE', query: () => ({ q: ineOf(42).slice(0, 8) }), match: (r) => r.ine.startsWith(ineOf(42).slice(0, 8)) },
  {
    name: 'combined',
    query: () => ({ stage: 'decided', opinion: 'FA', tag: tagIds[0]! }),
    match: (r) => r.stage === 'decided' && r.opinion === 'FA' && r.tags.includes(0),
  },
];

describe('the managers’ list over 100,000 candidatures', () => {
  for (const who of ['manager', 'admin'] as const)
    it(`counts every filter’s matches in the ${who}’s scope, in the page, its header and the counts`, async () => {
      const token = who === 'manager' ? manager : admin;
      for (const f of FILTERS) {
        const expected = rows.filter((r) => inScope(who)(r) && f.match(r));
        const q = { campaign, ...f.query() };
        const [page, counts] = await Promise.all([list(token, { ...q, pageSize: 5 }), t.api('GET', path('/api/staff/candidatures/counts', q), { token })]);
        expect(page.status, `${f.name}: ${JSON.stringify(page.body)}`).toBe(200);
        expect(page.body.total, f.name).toBe(expected.length);
        expect(page.headers.get('x-total-count'), f.name).toBe(String(expected.length));
        expect(page.body.items.length, f.name).toBe(Math.min(5, expected.length));
        expect(counts.body.total, f.name).toBe(expected.length);
        for (const s of STAGES) expect(counts.body.byStage[s] ?? 0, `${f.name}: ${s}`).toBe(expected.filter((r) => r.stage === s).length);
        for (const s of DOSSIER_STATUSES)
          expect(counts.body.byDossierStatus[s] ?? 0, `${f.name}: ${s}`).toBe(expected.filter((r) => r.dossierStatus === s).length);
        expect(counts.body.deadlinePassed, f.name).toBe(expected.filter(deadlinePassed).length);
      }
    }, 120_000);

  it('sorts on every column, stable across pages: page N+1 continues page N, a deep page too', async () => {
    const scoped = rows.filter(inScope('manager'));
    for (const sort of STAFF_LIST_SORTS)
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...scoped].sort(comparator(sort, order)).map((r) => r.id);
        const pages = [1, 2, 90];
        const got = await Promise.all(pages.map((page) => list(manager, { campaign, sort, order, page, pageSize: 500 })));
        for (const [k, page] of pages.entries()) {
          expect(got[k]!.status, `${sort} ${order}`).toBe(200);
          expect(
            got[k]!.body.items.map((r: StaffCandidatureRow) => r.id),
            `${sort} ${order} page ${page}`,
          ).toEqual(expected.slice((page - 1) * 500, page * 500));
        }
        const [first, second] = [got[0]!.body.items, got[1]!.body.items].map((items) => new Set(items.map((r: StaffCandidatureRow) => r.id)));
        expect([...second!].some((id) => first!.has(id))).toBe(false);
      }
  }, 120_000);

  it('answers each row’s columns as stored: tags, deadline, dates', async () => {
    const target = rows.find((r) => r.tags.length === 2 && inScope('manager')(r))!;
    const page = await list(manager, { campaign, q: target.dossier, sort: 'createdAt', pageSize: 500 });
    const row = page.body.items.find((r: StaffCandidatureRow) => r.id === target.id) as StaffCandidatureRow;
    expect(row).toMatchObject({
      campaignCode: campaign,
      formationCode: formationCode(target.formation),
      formationLabel: `${LABELS[target.formation]} ${run}`,
      commissionCode: commissionCode(target.commission),
      candidateName: target.name,
      dossierNumber: target.dossier,
      stage: target.stage,
      traitement: 'AC',
      confirmationDeadline: target.deadline === null ? null : new Date(target.deadline).toISOString(),
      deadlinePassed: deadlinePassed(target),
      createdAt: new Date(target.createdAt).toISOString(),
      updatedAt: new Date(target.updatedAt).toISOString(),
    });
    expect(row.tags.map((tag) => tag.id)).toEqual([...tagIds].sort((a, b) => a - b));
    expect(row.tags[0]).toMatchObject({ label: `Boursier ${run}`, colour: '#000091' });
    const passed = rows.find((r) => deadlinePassed(r) && inScope('manager')(r))!;
    const shown = await list(manager, { campaign, q: passed.dossier, deadlinePassed: 'true', pageSize: 500 });
    expect(shown.body.items.every((r: StaffCandidatureRow) => r.deadlinePassed && r.confirmationAnswer === null)).toBe(true);
    expect(shown.body.items.map((r: StaffCandidatureRow) => r.id)).toContain(passed.id);
  });

  it('never shows the manager a row of another commission, whatever the filter', async () => {
    const outside = new Set(rows.filter((r) => !inScope('manager')(r)).map((r) => r.id));
    const ids = await t.api('GET', path('/api/staff/candidatures/ids', { centre, q: 'b' }), { token: manager });
    expect(ids.body.ids.length).toBeGreaterThan(0);
    expect(ids.body.ids.some((id: string) => outside.has(id))).toBe(false);
    const page = await list(manager, { commission: commissionCode(2), pageSize: 500 });
    expect(page.body).toEqual({ items: [], total: 0 });
    const target = rows.find((r) => r.commission === 3)!;
    expect((await list(manager, { q: target.dossier, pageSize: 500 })).body.items.some((r: StaffCandidatureRow) => outside.has(r.id))).toBe(false);
    // The admin sees them.
    expect((await list(admin, { campaign, commission: commissionCode(2), pageSize: 1 })).body.total).toBe(rows.filter((r) => r.commission === 2).length);
  });

  it('selects all matching: the ids in the list’s order, capped, with the true total', async () => {
    const expected = rows.filter(inScope('manager')).sort(comparator('name', 'asc'));
    const res = await t.api('GET', path('/api/staff/candidatures/ids', { campaign, sort: 'name' }), { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.ids).toHaveLength(BULK_MAX_ITEMS);
    expect(res.body.ids).toEqual(expected.slice(0, BULK_MAX_ITEMS).map((r) => r.id));
    const few = rows.filter((r) => inScope('manager')(r) && r.account === 17);
    const small = await t.api('GET', path('/api/staff/candidatures/ids', { campaign, q: dossierOf(17) }), { token: manager });
    expect(small.body.total).toBe(few.length);
    expect([...small.body.ids].sort()).toEqual(few.map((r) => r.id).sort());
  });

  it('remembers each staff member’s columns and page size, merging what is saved', async () => {
    expect((await t.api('GET', '/api/staff/preferences', { token: manager })).body).toEqual({});
    const columns = await t.api('PUT', '/api/staff/preferences', { token: manager, body: { listColumns: ['dossierNumber', 'candidateName', 'tags'] } });
    expect(columns.status).toBe(200);
    const size = await t.api('PUT', '/api/staff/preferences', { token: manager, body: { pageSize: 100 } });
    expect(size.body).toEqual({ listColumns: ['dossierNumber', 'candidateName', 'tags'], pageSize: 100 });
    expect((await t.api('GET', '/api/staff/preferences', { token: manager })).body).toEqual(size.body);
    // Another staff member's are their own.
    expect((await t.api('GET', '/api/staff/preferences', { token: admin })).body.pageSize).not.toBe(100);
  });

  it('refuses a bad sort, page size, stage or column with a 400 naming the field', async () => {
    const cases: [string, ReturnType<TestApp['api']>, string][] = [
      ['sort', list(manager, { sort: 'salary' }), 'sort'],
      ['pageSize', list(manager, { pageSize: 501 }), 'pageSize'],
      ['page', list(manager, { page: 0 }), 'page'],
      ['stage', list(manager, { stage: 'nowhere' }), 'stage'],
      ['counts stage', t.api('GET', '/api/staff/candidatures/counts?stage=nowhere', { token: manager }), 'stage'],
      ['column', t.api('PUT', '/api/staff/preferences', { token: manager, body: { listColumns: ['salary'] } }), 'listColumns'],
      ['unknown key', t.api('PUT', '/api/staff/preferences', { token: manager, body: { colour: 'red' } }), 'body'],
    ];
    // Numbers past any list answer an empty page, not an error.
    for (const q of [{ page: Number.MAX_SAFE_INTEGER }, { tag: Number.MAX_SAFE_INTEGER }, { tag: 2_147_483_648 }] as Query[]) {
      const res = await list(manager, { campaign, ...q });
      expect(res.status, JSON.stringify(q)).toBe(200);
      expect(res.body.items, JSON.stringify(q)).toEqual([]);
    }
    for (const [what, call, field] of cases) {
      const res = await call;
      expect(res.status, what).toBe(400);
      expect(res.headers.get('content-type'), what).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).join(' '), what).toContain(field);
    }
  });
});

/** The list's order as the test knows it: the column, then the id (in the same direction). */
function comparator(sort: StaffListSort, order: 'asc' | 'desc'): (a: Row, b: Row) => number {
  const key = (r: Row): string | number | null => {
    switch (sort) {
      case 'updatedAt':
        return r.updatedAt;
      case 'createdAt':
        return r.createdAt;
      case 'name':
        return r.name;
      case 'dossierNumber':
        return r.dossier;
      case 'formation':
        return `${LABELS[r.formation]} ${run}`;
      case 'stage':
        return STAGES.indexOf(r.stage);
      case 'dossierStatus':
        return DOSSIER_STATUSES.indexOf(r.dossierStatus);
      case 'confirmationDeadline':
        return r.deadline;
    }
  };
  const sign = order === 'asc' ? 1 : -1;
  const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) => {
    const [ka, kb] = [key(a), key(b)];
    // No deadline: last, whichever the direction.
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else if (ka !== kb) return sign * cmp(ka, kb);
    return sign * cmp(a.id, b.id);
  };
}
