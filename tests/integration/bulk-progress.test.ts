// A mass action over 1,000 candidatures through the HTTP API, against the real Temporal dev server
// and PostgreSQL, as the list screen drives it: the manager selects every candidature matching a
// filter (GET /api/staff/candidatures/ids), starts a bulk action on them, and polls its progress
// (GET /api/staff/bulk/{id}) — at some poll part of the work is done and part is not, the counts
// always agree with the per-item results, and it ends with every item done and applied.
// Data: 1,000 candidate accounts of its own (prefix unique per run), one candidature each on L3-INFO,
// made by the manager ("classique": a draft, no mail); the action sets their return deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { waitFor } from '../support/wait.ts';

const SIZE = 1000;
const CONCURRENCY = 6;
/** Dossier numbers start with it (3 letters + 5 digits), unique per run; the list's search finds them. */
const PREFIX = `P${Array.from({ length: 2 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const DEADLINE = '2026-12-24';

let t: TestApp;
let centre: string;

/** Runs `work` on every item, `CONCURRENCY` at a time. */
async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  t = await startTestApp();
  centre = await t.login('centre');
  const emails = await createCandidates(t.db, '2026-P', PREFIX, SIZE);
  await pool(emails, async (email) => {
    const dossierNumber = email.split('@')[0]!.toUpperCase();
    // Under this load the server may answer 503/500 once in a while: the same key is retried (applied once).
    const headers = { 'idempotency-key': `bulk-progress-${dossierNumber}` };
    const body = { dossierNumber, formationCode: 'L3-INFO', mode: 'classique' };
    const res = await waitFor(
      () => t.api('POST', '/api/staff/candidatures', { token: centre, body, headers }),
      (r) => r.status < 500,
      `apply ${dossierNumber}`,
      60_000,
    );
    if (res.status !== 201) throw new Error(`apply ${dossierNumber}: ${res.status} ${JSON.stringify(res.body)}`);
  });
}, 900_000);

afterAll(async () => {
  await t?.stop();
});

describe('a mass action over 1,000 candidatures', () => {
  it('selects all matching a filter, and the progress is observed part-way then to the end, every item applied', { timeout: 900_000 }, async () => {
    const list = await t.eventually(
      async () => (await t.api('GET', `/api/staff/candidatures?q=${PREFIX}&pageSize=1`, { token: centre })).body,
      (page) => page.total === SIZE,
    );
    expect(list.items[0].dossierNumber.startsWith(PREFIX)).toBe(true);
    const ids = await t.api('GET', `/api/staff/candidatures/ids?q=${PREFIX}`, { token: centre });
    expect(ids.status, JSON.stringify(ids.body)).toBe(200);
    expect(ids.body.total).toBe(SIZE);
    expect(new Set(ids.body.ids).size).toBe(SIZE);

    const started = await t.api('POST', '/api/staff/bulk', {
      token: centre,
      body: { action: 'setReturnDeadline', args: { deadline: DEADLINE }, candidatureIds: ids.body.ids },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.id as string;

    // Polled as the panel does, back to back: every answer consistent, one of them part-way.
    const seen: { done: number; status: string }[] = [];
    const last = await t.eventually(
      async () => {
        const res = await t.api('GET', `/api/staff/bulk/${id}`, { token: centre });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const p = res.body;
        expect(p.total).toBe(SIZE);
        expect(p.done).toBe(p.succeeded + p.failed);
        expect(p.items).toHaveLength(SIZE);
        expect(p.items.filter((i: { outcome: string }) => i.outcome === 'pending')).toHaveLength(SIZE - p.done);
        if (p.status === 'running') expect(p.done).toBeLessThan(SIZE);
        seen.push({ done: p.done, status: p.status });
        return p;
      },
      (p) => p.status === 'completed',
      600_000,
    );
    const partWay = seen.filter((s) => s.status === 'running' && s.done > 0 && s.done < SIZE);
    expect(partWay.length, `polls: ${JSON.stringify(seen.slice(0, 20))}`).toBeGreaterThan(0);
    // Progress only moves forward.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(last).toMatchObject({ status: 'completed', done: SIZE, succeeded: SIZE, failed: 0 });
    console.log(`[bulk-progress] ${SIZE} items, ${seen.length} polls, part-way at: ${partWay.map((s) => s.done).join(', ')}`);

    // Applied: the candidatures carry the new deadline (a sample read through the staff view).
    for (const cid of [ids.body.ids[0], ids.body.ids[SIZE / 2], ids.body.ids[SIZE - 1]]) {
      const view = await t.api('GET', `/api/staff/candidatures/${cid}`, { token: centre });
      expect(view.body.overrides.returnDeadline?.slice(0, 10), JSON.stringify(view.body.overrides)).toBe(DEADLINE);
    }
  });
});
