// Live status (issue 10): GET /api/candidatures/{id}/events streams the candidate's view as
// server-sent events. Against the real stack: the candidate opens the stream as a browser would
// (fetch, reading the body as it comes), the candidate and a manager act through the API (the
// projection's NOTIFY reaches the API's one listening connection), and each change arrives as an
// event with the new seq. Another candidate, another staff scope and anonymous callers are refused;
// a reconnection with Last-Event-ID does not repeat the view; a client that leaves is unsubscribed;
// the listening connection comes back after the database drops it; closing the application ends
// the open streams instead of waiting for them.
// The streams are read from an application built here (so that its hub can be inspected), while
// the actions go through the test app's own server: both share the database and Temporal.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { connectTemporal } from '../../api/temporal.ts';
import type { CandidatureView } from '../../contracts/candidature.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let app: FastifyInstance;
let temporal: Awaited<ReturnType<typeof connectTemporal>>;
let base: string;
let candidate: string;
let other: string;
let manager: string;
let id: string;

interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Opens an event stream with fetch and collects its events as they arrive. */
async function openStream(path: string, token: string | undefined, headers: Record<string, string> = {}) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    signal: ctrl.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const state = { ended: false };
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: SseEvent = { id: null, event: 'message', data: '' };
            const lines = block.split('\n');
            for (const line of lines) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('id: ')) e.id = line.slice(4);
              else if (line.startsWith('event: ')) e.event = line.slice(7);
              else if (line.startsWith('data: ')) e.data += line.slice(6);
            }
            if (lines.some((l) => l.startsWith('event: ') || l.startsWith('data: '))) events.push(e);
          }
        }
      } catch {
        /* aborted */
      }
      state.ended = true;
    })();
  }
  const views = () => events.filter((e) => e.event === 'view').map((e) => ({ id: e.id, view: JSON.parse(e.data) as CandidatureView }));
  return {
    res,
    events,
    comments,
    views,
    ended: () => state.ended,
    close: () => ctrl.abort(),
    /** Waits for a view event that satisfies `ok`. */
    until: (ok: (v: CandidatureView) => boolean, ms = 20_000) =>
      t.eventually(
        async () => views().find((e) => ok(e.view)),
        (e) => e !== undefined,
        ms,
      ) as Promise<{ id: string | null; view: CandidatureView }>,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  app = await buildApp({ config: t.config, db: t.db, temporal });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const [a, b] = await createCandidates(t.db, '2026-P', 'SSEV', 2);
  [candidate, other, manager] = await Promise.all([t.login(a!), t.login(b!), t.login('centre')]);
  const formationCode = await t.freeFormation(candidate, '2026-P');
  const created = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } });
  expect(created.status).toBe(201);
  id = created.body.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await temporal?.connection.close();
  await t?.stop();
});

describe('live status of a candidature (server-sent events)', () => {
  it('sends the view at once, then an event with the new seq for each change made by the candidate or a manager', async () => {
    const stream = await openStream(`/api/candidatures/${id}/events`, candidate);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await stream.until(() => true);
    expect(first.view.id).toBe(id);
    expect(first.view.stage).toBe('draft');
    expect(first.id).toBe(String(first.view.seq));
    expect(app.candidatureEvents.count(id)).toBe(1);

    // The candidate completes the file and transmits (another server answers; the event comes through the database).
    await t.completeFile(candidate, id);
    const transmitted = await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate });
    expect(transmitted.status).toBe(200);
    const afterTransmit = await stream.until((v) => v.stage === 'transmitted');
    expect(afterTransmit.view.seq).toBe(transmitted.body.seq);
    expect(afterTransmit.view.dates.transmittedAt).not.toBeNull();

    // A manager acts: the candidate's stream shows it, as the candidate sees it.
    const complete = await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: manager, body: { status: 'CO' } });
    expect(complete.status).toBe(200);
    const completed = await stream.until((v) => v.dossierStatus === 'CO');
    expect(completed.view.seq).toBeGreaterThan(afterTransmit.view.seq);
    expect(Number(completed.id)).toBe(completed.view.seq);

    // An opinion entered but not validated changes nothing the candidate sees; its validation does.
    const before = stream.views().length;
    expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: manager, body: { decisionType: 'AVIS_FAVORABLE' } })).status).toBe(200);
    expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: manager })).status).toBe(200);
    const decided = await stream.until((v) => v.opinion?.validated === true);
    expect(decided.view.opinion?.kind).toBe('FA');
    expect(decided.view.opinions).toEqual([]);
    expect(decided.view.allowedActions).toContain('confirm');
    // Every event carries a different view: nothing is sent twice.
    const seen = stream.views().map((e) => JSON.stringify(e.view));
    expect(new Set(seen).size).toBe(seen.length);
    expect(stream.views().length).toBeGreaterThan(before);

    stream.close();
    await t.eventually(
      async () => app.candidatureEvents.count(id),
      (n) => n === 0,
      10_000,
    );
  }, 120_000);

  it('refuses another candidate, anonymous callers and staff out of scope; staff in scope follow it too', async () => {
    expect((await openStream(`/api/candidatures/${id}/events`, other)).res.status).toBe(403);
    expect((await openStream(`/api/candidatures/${id}/events`, undefined)).res.status).toBe(401);
    expect((await openStream(`/api/candidatures/00000000-0000-4000-8000-000000000000/events`, candidate)).res.status).toBe(404);
    expect((await openStream(`/api/candidatures/${id}/events`, manager)).res.status).toBe(403);
    expect((await openStream(`/api/staff/candidatures/${id}/events`, candidate)).res.status).toBe(403);

    const staffStream = await openStream(`/api/staff/candidatures/${id}/events`, manager);
    expect(staffStream.res.status).toBe(200);
    const first = await staffStream.until(() => true);
    // The staff's view: the whole opinion history.
    expect(first.view.opinions.length).toBeGreaterThan(0);
    staffStream.close();
  }, 60_000);

  it('does not repeat the view a reconnecting client already has (Last-Event-ID), and sends the next change', async () => {
    const current = (await t.api('GET', `/api/candidatures/${id}`, { token: candidate })).body as CandidatureView;
    const stream = await openStream(`/api/candidatures/${id}/events`, candidate, { 'last-event-id': String(current.seq) });
    expect(stream.res.status).toBe(200);
    await t.eventually(
      async () => app.candidatureEvents.count(id),
      (n) => n === 1,
      10_000,
    );
    const confirmed = await t.api('POST', `/api/candidatures/${id}/confirm`, { token: candidate });
    expect(confirmed.status).toBe(200);
    const next = await stream.until((v) => v.stage === 'confirmed');
    expect(next.view.seq).toBeGreaterThan(current.seq);
    expect(stream.views().every((e) => e.view.seq > current.seq)).toBe(true);
    stream.close();
  }, 60_000);

  it('listens again after the database dropped its connection, and the page misses nothing', async () => {
    const stream = await openStream(`/api/candidatures/${id}/events`, candidate);
    const first = await stream.until(() => true);
    // The database ends every listening connection (a restart, a failover would do the same).
    const ended = await t.db.$queryRaw<{ pid: number }[]>`
      SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE query = 'LISTEN candidature_changed' AND pid <> pg_backend_pid()`;
    expect(ended.length).toBeGreaterThan(0);
    // A change made meanwhile arrives once the connection is back.
    const withdrawn = await t.api('POST', `/api/candidatures/${id}/withdraw`, { token: candidate });
    expect(withdrawn.status).toBe(200);
    const next = await stream.until((v) => v.stage === 'withdrawn', 30_000);
    expect(next.view.seq).toBeGreaterThan(first.view.seq);
    stream.close();
  }, 60_000);

  it('ends the open streams when the application closes, without waiting for them', async () => {
    const closing = await buildApp({ config: t.config, db: t.db, temporal });
    await closing.listen({ port: 0, host: '127.0.0.1' });
    const address = closing.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const res = await fetch(`${url}/api/candidatures/${id}/events`, { headers: { authorization: `Bearer ${candidate}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(closing.candidatureEvents.count(id)).toBe(1);
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(closing.candidatureEvents.count()).toBe(0);
    // The stream ended on the client's side.
    for (let r = await reader.read(); !r.done; r = await reader.read());
  }, 60_000);
});
