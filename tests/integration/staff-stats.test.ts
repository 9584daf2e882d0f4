// The statistics of a campaign (issue 11): GET /api/staff/stats?campaign=CODE and its workbook.
// A commission and two formations of this file's own in the demo centre FST receive candidatures
// taken by their users to known states (draft, received, incomplete, unfavourable, complementary
// list, confirmed, withdrawn, opinion not published, awaiting the answer, cancelled): the counters of
// the formation, its commission, its centre and the totals are what was made; a member of another
// commission does not see them, a member of this one sees them alone; the workbook opened back with
// exceljs holds the same numbers; an unknown campaign is not found, a missing one is named.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_COUNTERS, type StaffStats, type StatsCounters } from '../../contracts/staff-stats.ts';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

let t: TestApp;
let admin: string;
let centreManager: string;
let member: string;
let otherMember: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const commission = `STC-${run}`;
const formations = { a: `STFA-${run}`, b: `STFB-${run}` };
const memberLogin = `stm-${run.toLowerCase()}`;
const PASSWORD = 'Statistiques-2026!x';
const CAMPAIGN = '2026-P';

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

const stats = (token: string, query: string, lang = 'fr') =>
  t.api('GET', `/api/staff/stats?campaign=${CAMPAIGN}${query}`, { token, headers: { 'accept-language': lang } });

const counters = (partial: Partial<StatsCounters>): StatsCounters => Object.fromEntries(STATS_COUNTERS.map((c) => [c, partial[c] ?? 0])) as StatsCounters;

/** What formation A received (see beforeAll). */
const EXPECTED_A = counters({
  total: 10,
  cancelled: 1,
  statusAT: 1,
  statusRE: 1,
  statusIN: 1,
  statusCO: 6,
  transmitted: 8,
  opinionFA: 4,
  opinionDE: 1,
  opinionLC: 1,
  opinionsValidated: 5,
  opinionsPending: 1,
  confirmed: 1,
  withdrawn: 1,
  awaitingAnswer: 1,
});
/** Formation B: one received file. */
const EXPECTED_B = counters({ total: 1, statusRE: 1, transmitted: 1 });
const sum = (a: StatsCounters, b: StatsCounters) => counters(Object.fromEntries(STATS_COUNTERS.map((c) => [c, a[c] + b[c]])));

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await ok(
    t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login: memberLogin, displayName: `Membre ${run}`, email: `${memberLogin}@univ.test`, password: PASSWORD },
    }),
    201,
  );
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission statistiques ${run}`, centreCode: 'FST', email: `stc-${run.toLowerCase()}@univ.test` },
    }),
    201,
  );
  await ok(t.api('PUT', `/api/admin/commissions/${commission}/members`, { token: admin, body: [{ login: memberLogin, president: true }] }));
  const dates = {
    applicationStartsOn: addDays(today, -1),
    applicationEndsOn: addDays(today, 30),
    returnDeadline: addDays(today, 40),
    juryOn: addDays(today, 45),
    confirmationOn: addDays(today, 60),
  };
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: { code: formations.a, label: `Master Statistiques ${run}`, commissionCode: commission, capacity: 3, pegaseCode: 'MINFO-M1', ...dates },
    }),
    201,
  );
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: { code: formations.b, label: `Licence Probabilités ${run}`, commissionCode: commission, ...dates },
    }),
    201,
  );
  [centreManager, member, otherMember] = await Promise.all([t.login('centre'), t.login(memberLogin, PASSWORD), t.login('commission')]);

  const emails = await createCandidates(t.db, CAMPAIGN, `ST${run.slice(0, 4)}`, 11);
  const tokens = await Promise.all(emails.map((e) => t.login(e)));
  const ids: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const created = await ok(t.api('POST', '/api/candidatures', { token, body: { formationCode: i === 10 ? formations.b : formations.a } }), 201);
    ids.push(created.id);
  }
  const who = (i: number) => ({ candidate: tokens[i]!, manager: centreManager });
  const staff = (i: number, path: string, body?: unknown) =>
    ok(t.api('POST', `/api/staff/candidatures/${ids[i]}${path}`, { token: centreManager, ...(body ? { body } : {}) }));
  const transmit = async (i: number) => {
    await t.completeFile(tokens[i]!, ids[i]!);
    await ok(t.api('POST', `/api/candidatures/${ids[i]}/transmit`, { token: tokens[i] }));
  };
  // 0: a draft. 1 and 10: received. 2: incomplete.
  await transmit(1);
  await transmit(10);
  await transmit(2);
  await staff(2, '/dossier-status', { status: 'IN' });
  // 3: unfavourable, 4: complementary list, published.
  await t.bringToDecision(ids[3]!, who(3), { decisionType: 'AVIS_DEFAVORABLE', motiveCode: 'PREREQUIS' });
  await t.bringToDecision(ids[4]!, who(4), { decisionType: 'AVIS_LISTE_COMP', lcRank: 1 });
  // 5: confirmed, 6: withdrawn, 9: favourable awaiting the answer.
  for (const i of [5, 6, 9]) await t.bringToDecision(ids[i]!, who(i));
  await ok(t.api('POST', `/api/candidatures/${ids[5]}/confirm`, { token: tokens[5] }));
  await ok(t.api('POST', `/api/candidatures/${ids[6]}/withdraw`, { token: tokens[6] }));
  // 7: a favourable opinion entered, not published.
  await transmit(7);
  await staff(7, '/dossier-status', { status: 'CO' });
  await staff(7, '/opinions', { decisionType: 'AVIS_FAVORABLE' });
  // 8: cancelled by the candidate.
  await ok(t.api('POST', `/api/candidatures/${ids[8]}/cancel`, { token: tokens[8] }));
}, 240_000);

afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await t?.stop();
});

describe('campaign statistics', () => {
  it('counts each state made in the formation, and sums formations into their commission, centre and the totals', async () => {
    // The read model follows each workflow's update: wait until it has every state, then read it all.
    const body: StaffStats = (
      await t.eventually(
        () => stats(centreManager, `&commission=${commission}`),
        (r) => r.status === 200 && JSON.stringify(r.body.formations.find((f: any) => f.code === formations.a)?.counters) === JSON.stringify(EXPECTED_A),
        60_000,
      )
    ).body;
    expect(body.campaign).toMatchObject({ code: CAMPAIGN, active: true });
    expect(body.filter).toEqual({ commission });
    expect(body.formations).toEqual([
      { code: formations.a, label: `Master Statistiques ${run}`, centreCode: 'FST', commissionCode: commission, capacity: 3, counters: EXPECTED_A },
      { code: formations.b, label: `Licence Probabilités ${run}`, centreCode: 'FST', commissionCode: commission, capacity: null, counters: EXPECTED_B },
    ]);
    const both = sum(EXPECTED_A, EXPECTED_B);
    expect(body.commissions).toEqual([{ code: commission, label: `Commission statistiques ${run}`, centreCode: 'FST', capacity: 3, counters: both }]);
    expect(body.centres).toEqual([{ code: 'FST', label: 'Faculté des Sciences et Technologies', capacity: 3, counters: both }]);
    expect(body.totals).toEqual({ capacity: 3, counters: both });
    // Week by week: every creation and transmission of the commission, in ISO weeks with their Monday.
    expect(body.weeks.reduce((n, w) => n + w.created, 0)).toBe(11);
    expect(body.weeks.reduce((n, w) => n + w.transmitted, 0)).toBe(9);
    for (const w of body.weeks) {
      expect(w.week).toMatch(/^\d{4}-W\d{2}$/);
      expect(new Date(`${w.startsOn}T00:00:00Z`).getUTCDay()).toBe(1);
    }

    // The whole campaign for the centre's manager: this commission's rows are among the centre's, and the centre adds up.
    const whole: StaffStats = await ok(stats(centreManager, ''));
    expect(whole.commissions.find((c) => c.code === commission)?.counters).toEqual(both);
    const fst = whole.centres.find((c) => c.code === 'FST')!;
    for (const counter of STATS_COUNTERS)
      expect(fst.counters[counter]).toBe(whole.commissions.filter((c) => c.centreCode === 'FST').reduce((n, c) => n + c.counters[counter], 0));
    expect(whole.totals.counters.total).toBe(whole.centres.reduce((n, c) => n + c.counters.total, 0));

    // An admin's whole campaign: only the formations of that campaign (the Pégase centres' for 2026-P),
    // not the Apogée centre DEG's places of 2026-A.
    const all: StaffStats = await ok(stats(admin, ''));
    const pegaseCentres = (await t.db.centre.findMany({ where: { sisType: 'P' }, select: { code: true } })).map((c) => c.code);
    expect(all.centres.map((c) => c.code)).not.toContain('DEG');
    expect(all.formations.every((f) => pegaseCentres.includes(f.centreCode))).toBe(true);
    expect(all.totals.capacity).toBe(all.formations.reduce((n, f) => n + (f.capacity ?? 0), 0));

    // Narrowed to one formation.
    const one: StaffStats = await ok(stats(admin, `&formation=${formations.b}`));
    expect(one.formations).toEqual([expect.objectContaining({ code: formations.b, counters: EXPECTED_B })]);
    expect(one.totals.counters).toEqual(EXPECTED_B);
  });

  it('shows a commission member their commission alone, and nothing of it to a member of another', async () => {
    const mine: StaffStats = await ok(stats(member, ''));
    expect(mine.commissions.map((c) => c.code)).toEqual([commission]);
    expect(mine.totals.counters).toEqual(sum(EXPECTED_A, EXPECTED_B));

    const other: StaffStats = await ok(stats(otherMember, ''));
    expect(other.commissions.map((c) => c.code)).not.toContain(commission);
    expect(other.formations.map((f) => f.code)).not.toContain(formations.a);
    const narrowed: StaffStats = await ok(stats(otherMember, `&formation=${formations.a}`));
    expect(narrowed.formations).toEqual([]);
    expect(narrowed.totals.counters.total).toBe(0);
    expect((await ok(t.api('GET', '/api/staff/stats.xlsx?campaign=2026-P&formation=' + formations.a, { token: otherMember }))).length).toBeGreaterThan(0);
  });

  it('refuses without a campaign (naming it), an unknown campaign (in the reader’s language), candidates and anonymous readers', async () => {
    const missing = await t.api('GET', '/api/staff/stats', { token: centreManager });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('campaign');
    const fr = await t.api('GET', '/api/staff/stats?campaign=NOPE-1', { token: centreManager });
    expect(fr.status).toBe(404);
    expect(fr.body.detail).toBe('Campagne inconnue : NOPE-1.');
    const en = await t.api('GET', '/api/staff/stats?campaign=NOPE-1', { token: centreManager, headers: { 'accept-language': 'en' } });
    expect(en.body.detail).toBe('Unknown campaign: NOPE-1.');
    expect((await t.api('GET', `/api/staff/stats?campaign=${CAMPAIGN}&commission=NOPE-${run}`, { token: centreManager })).status).toBe(404);
    expect((await t.api('GET', `/api/staff/stats?campaign=${CAMPAIGN}`)).status).toBe(401);
    const candidate = await t.login((await createCandidates(t.db, CAMPAIGN, `SU${run.slice(0, 4)}`, 1))[0]!);
    expect((await t.api('GET', `/api/staff/stats?campaign=${CAMPAIGN}`, { token: candidate })).status).toBe(403);
    expect((await t.api('GET', `/api/staff/stats.xlsx?campaign=NOPE-1`, { token: centreManager })).status).toBe(404);
  });

  it('exports the same tables as a workbook: one sheet per level, its cells equal to the JSON', async () => {
    const json: StaffStats = await ok(stats(centreManager, `&commission=${commission}`, 'en'));
    const res = await fetch(`${t.server.url}/api/staff/stats.xlsx?campaign=${CAMPAIGN}&commission=${commission}`, {
      headers: { authorization: `Bearer ${centreManager}`, 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`statistiques-${CAMPAIGN}-${commission}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Centres', 'Commissions', 'Programmes', 'Weeks']);
    const rows = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const values: unknown[][] = [];
      sheet.eachRow((row) => values.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
      return values;
    };
    const numbers = (r: { capacity: number | null; counters: StatsCounters }) => [r.capacity, ...STATS_COUNTERS.map((c) => r.counters[c])];
    const programmes = rows('Programmes');
    expect(programmes[0]).toEqual([
      'Code',
      'Label',
      'Centre',
      'Commission',
      'Places',
      'Applications',
      'Cancelled',
      'Waiting',
      'Received',
      'Incomplete',
      'Complete',
      'Submitted',
      'Favourable',
      'Unfavourable',
      'Waiting list',
      'Complementary list',
      'Preselection',
      'Opinions published',
      'Opinions not published',
      'Confirmed',
      'Withdrawals',
      'Answer awaited',
    ]);
    expect(programmes.slice(1)).toEqual(json.formations.map((f) => [f.code, f.label, f.centreCode, f.commissionCode, ...numbers(f)]));
    expect(rows('Commissions').slice(1)).toEqual(json.commissions.map((c) => [c.code, c.label, c.centreCode, ...numbers(c)]));
    expect(rows('Centres').slice(1)).toEqual(json.centres.map((c) => [c.code, c.label, ...numbers(c)]));
    expect(rows('Summary')[1]).toEqual([CAMPAIGN, json.campaign.labelEn ?? json.campaign.label, ...numbers(json.totals)]);
    expect(rows('Weeks').slice(1)).toEqual(json.weeks.map((w) => [w.week, w.startsOn, w.created, w.transmitted]));
    // The formation's own row, as a scolarité reads it: 10 applications, 1 confirmed, 3 places.
    expect(programmes.find((r) => r[0] === formations.a)?.slice(4, 6)).toEqual([3, 10]);
  });
});
