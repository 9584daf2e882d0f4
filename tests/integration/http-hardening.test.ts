// HTTP hardening (issue 12, item 4) against the real stack:
//   - security headers on every answer (api/plugins/security-headers.ts): the Content-Security-Policy,
//     nosniff, no framing, Referrer-Policy; HSTS only when the public URL is https; Swagger UI's own
//     relaxed policy on /api/docs only; live status streams and file downloads keep their headers;
//   - cross-site requests (api/plugins/csrf.ts): a page of another site cannot make a logged-in
//     browser act with its session cookie (Origin, Sec-Fetch-Site), nor log it in or out; scripts
//     with a cookie jar (no Origin) and bearer clients go on unchanged;
//   - the login brake in PostgreSQL (api/login-throttle.ts): two applications on one database (two
//     replicas) count the same failures, a restarted one still refuses, the right password is held
//     with Retry-After until the oldest failure leaves the 15-minute window, a success clears,
//     a burst of concurrent guesses gets no more checks than the brake allows.
// Candidates of its own (HH<run>…), never the demo logins (the brake would hold them for others).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { CROSS_SITE_REQUEST_PROBLEM } from '../../api/plugins/csrf.ts';
import { connectTemporal } from '../../api/temporal.ts';
import type { AppConfig } from '../../infra/config.ts';
import { createPrisma, type Db } from '../../infra/prisma.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { minimalPdf } from '../support/pdf.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 4).toUpperCase();
const EVIL = 'https://evil.example';

let t: TestApp;
let temporal: Awaited<ReturnType<typeof connectTemporal>>;
let origin: string;
let emails: string[];
/** Applications built here (replicas, other settings), closed at the end. */
const built: { app: FastifyInstance; db: Db }[] = [];

/** One more API process on the same database and Temporal (a replica), with these settings. */
async function replica(overrides: Partial<AppConfig> = {}): Promise<FastifyInstance> {
  const db = createPrisma(t.config.databaseUrl, 4);
  const app = await buildApp({ config: { ...t.config, ...overrides }, db, temporal });
  built.push({ app, db });
  return app;
}

/** Logs in through the API like a browser's script would, and gives the session cookie ("name=value"). */
async function cookieOf(login: string): Promise<string> {
  const res = await fetch(`${t.server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** A request with the session cookie, as a browser (or a cookie jar) sends it. */
async function withCookie(cookie: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${t.server.url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
}

const formationsOf = async (cookie: string) =>
  ((await withCookie(cookie, 'GET', '/api/candidatures')).body as { formationCode: string; stage: string }[])
    .filter((c) => c.stage !== 'cancelled')
    .map((c) => c.formationCode);

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  origin = new URL(t.server.url).origin;
  emails = await createCandidates(t.db, '2026-P', `HH${RUN}`, 9);
}, 180_000);

afterAll(async () => {
  for (const { app, db } of built) {
    await app.close();
    await db.$disconnect();
  }
  await temporal?.connection.close();
  await t?.stop();
});

describe('security headers', () => {
  it('every answer carries the policy, nosniff, no framing and the referrer policy; no HSTS over http', async () => {
    for (const path of ['/', '/catalogue', '/api/campaigns', '/api/nothing-here']) {
      const res = await fetch(`${t.server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      // Scripts: the app's own files only (no inline script, no eval).
      expect(/(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1], path).toBe("'self'");
      // Style sheets and <style> elements: the app's own files only (style attributes: the mail preview, see the plugin).
      expect(/(?:^|;)\s*style-src-elem ([^;]*)/.exec(csp)?.[1], path).toBe("'self'");
      for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "img-src 'self' data: blob:"])
        expect(csp, path).toContain(directive);
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('sends HSTS and upgrades insecure requests only when the public URL is https', async () => {
    const https = await replica({ publicUrl: 'https://candidatures.univ.example' });
    const res = await https.inject({ method: 'GET', url: '/api/campaigns' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('gives Swagger UI its own relaxed style policy, on /api/docs only', async () => {
    const docs = await fetch(`${t.server.url}/api/docs`);
    expect(docs.status).toBe(200);
    const relaxed = docs.headers.get('content-security-policy') ?? '';
    expect(relaxed).toContain("style-src 'self' 'unsafe-inline'");
    expect(relaxed).toContain("script-src 'self';");
    expect(relaxed).toContain("frame-ancestors 'none'");
    const asset = await fetch(`${t.server.url}/api/docs/static/swagger-ui.css`);
    expect(asset.headers.get('content-security-policy')).toBe(relaxed);
    for (const path of ['/', '/api/openapi.json', '/api/docsx'])
      expect((await fetch(`${t.server.url}${path}`)).headers.get('content-security-policy'), path).toContain("style-src 'self';style-src-elem 'self';");
  });

  it('keeps live status streams streaming and downloads as nosniff attachments', { timeout: 60_000 }, async () => {
    const token = await t.login(emails[0]!);
    const formation = await t.db.formation.findFirstOrThrow({
      where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} }, active: true },
      orderBy: { code: 'asc' },
    });
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: formation.code } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    // The stream, opened from a page of this application (cookie, same origin).
    const cookie = await cookieOf(emails[0]!);
    const ctrl = new AbortController();
    const stream = await fetch(`${t.server.url}/api/candidatures/${id}/events`, {
      headers: { cookie, accept: 'text/event-stream', origin, 'sec-fetch-site': 'same-origin' },
      signal: ctrl.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('event: view')) received += (await reader.read()).value ?? '';
    expect(received).toContain(`"id":"${id}"`);
    ctrl.abort();

    const piece = (created.body.pieces as { code: string }[])[0]!;
    const uploaded = await t.upload(token, id, piece.code, { name: 'relevé.pdf', type: 'application/pdf', data: minimalPdf() });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const file = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece.code}/file`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('cross-site requests with the session cookie', () => {
  let cookie: string;
  let formationCode: string;

  beforeAll(async () => {
    cookie = await cookieOf(emails[1]!);
    formationCode = await t.freeFormation(await t.login(emails[1]!), '2026-P');
  });

  it('refuses a form posted from another site (Origin), in the reader’s language, and changes nothing', async () => {
    const res = await withCookie(cookie, 'POST', '/api/candidatures', { origin: EVIL }, { formationCode });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: CROSS_SITE_REQUEST_PROBLEM, status: 403 });
    expect(res.body.detail).toContain('autre site');
    const english = await withCookie(cookie, 'POST', '/api/candidatures', { origin: EVIL, 'accept-language': 'en' }, { formationCode });
    expect(english.body).toMatchObject({ type: CROSS_SITE_REQUEST_PROBLEM, title: 'Forbidden' });
    expect(english.body.detail).toContain('another site');
    expect(await formationsOf(cookie)).not.toContain(formationCode);
  });

  it('refuses what the browser marks cross-site, a sibling site, and an opaque origin; nothing changed', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.univ.example' },
      { origin: 'null' },
    ]) {
      const res = await withCookie(cookie, 'POST', '/api/candidatures', headers, { formationCode });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.type).toBe(CROSS_SITE_REQUEST_PROBLEM);
    }
    // A multipart form (what a page of another site can post without asking) is refused before it is read.
    const form = new FormData();
    form.append('file', new Blob([minimalPdf()], { type: 'application/pdf' }), 'x.pdf');
    const upload = await fetch(`${t.server.url}/api/candidatures/00000000-0000-0000-0000-000000000000/pieces/X`, {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
      body: form,
    });
    expect(upload.status).toBe(403);
    expect(await formationsOf(cookie)).not.toContain(formationCode);
  });

  it('refuses logging a browser in or out from another site', async () => {
    const login = await fetch(`${t.server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EVIL, 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ login: emails[1], password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
    expect((await withCookie(cookie, 'DELETE', '/api/session', { origin: EVIL })).status).toBe(403);
    expect((await withCookie(cookie, 'GET', '/api/session')).status).toBe(200);
  });

  it('lets the application’s own pages act (same origin), and reads from anywhere (safe methods)', async () => {
    expect((await withCookie(cookie, 'GET', '/api/candidatures', { origin: EVIL, 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    const res = await withCookie(cookie, 'POST', '/api/candidatures', { origin, 'sec-fetch-site': 'same-origin' }, { formationCode });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await formationsOf(cookie)).toContain(formationCode);
  });

  it('lets scripts with a cookie jar (no Origin) and bearer clients (any Origin) go on unchanged', async () => {
    const next = await t.freeFormation(await t.login(emails[1]!), '2026-P');
    const script = await withCookie(cookie, 'POST', '/api/candidatures', {}, { formationCode: next });
    expect(script.status, JSON.stringify(script.body)).toBe(201);

    const token = await t.login(emails[2]!);
    const bearer = await t.api('POST', '/api/candidatures', {
      token,
      body: { formationCode: await t.freeFormation(token, '2026-P') },
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(bearer.status, JSON.stringify(bearer.body)).toBe(201);
    const logout = await t.api('DELETE', '/api/session', { token, headers: { origin: EVIL } });
    expect(logout.status).toBe(204);
    expect((await t.api('GET', '/api/session', { token })).status).toBe(401);
  });

  it('accepts the public URL’s origin behind a proxy that changes the Host', async () => {
    const proxied = await replica({ publicUrl: 'https://candidatures.univ.example' });
    const post = (headers: Record<string, string>) =>
      proxied.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json', ...headers },
        payload: { login: 'nobody', password: 'x' },
      });
    expect((await post({ host: 'api-1.internal:3000', origin: 'https://candidatures.univ.example' })).statusCode).toBe(401);
    expect((await post({ host: 'api-1.internal:3000', origin: 'https://api-1.internal:3000' })).statusCode).toBe(401);
    expect((await post({ host: 'api-1.internal:3000', origin: 'https://candidatures.univ.example.evil.example' })).statusCode).toBe(403);
  });
});

describe('the login brake, shared by every API process through PostgreSQL', () => {
  const MAX = 3;
  let a: FastifyInstance;
  let b: FastifyInstance;
  const login = (app: FastifyInstance, name: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: { login: name, password } });
  // The brake counts under the account a login names (e-mail and dossier number alike), else the login itself.
  const keyOf = async (name: string) => {
    const account = await t.db.candidateAccount.findFirst({ where: { email: name } });
    return account ? `candidate:${account.id}` : name.toLowerCase();
  };
  const failuresOf = async (name: string) => t.db.loginFailure.count({ where: { login: await keyOf(name) } });

  beforeAll(async () => {
    a = await replica({ loginMaxFailures: MAX });
    b = await replica({ loginMaxFailures: MAX });
  });

  it('counts failures on one replica on the others, holds the right password with Retry-After, and a restart forgets nothing', async () => {
    const email = emails[3]!;
    expect((await login(a, email, 'faux-1')).statusCode).toBe(401);
    // The same login however typed (case, spaces).
    expect((await login(b, ` ${email.toUpperCase()} `, 'faux-2')).statusCode).toBe(401);
    expect((await login(a, email, 'faux-3')).statusCode).toBe(401);
    for (const app of [a, b]) {
      const held = await login(app, email, DEMO_PASSWORD);
      expect(held.statusCode).toBe(429);
      expect(held.headers['content-type']).toContain('application/problem+json');
      const wait = Number(held.headers['retry-after']);
      expect(wait).toBeGreaterThan(14 * 60);
      expect(wait).toBeLessThanOrEqual(15 * 60);
    }
    // A new API process (a restart) reads the same failures.
    const restarted = await replica({ loginMaxFailures: MAX });
    expect((await login(restarted, email, DEMO_PASSWORD)).statusCode).toBe(429);
    // Another login is not concerned.
    expect((await login(b, emails[4]!, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('holds until the oldest failure leaves the 15-minute window, on the database’s clock; a success then clears', async () => {
    const email = emails[5]!;
    for (let n = 1; n <= MAX; n++) expect((await login(n % 2 ? a : b, email, `faux-${n}`)).statusCode).toBe(401);
    // The oldest failure ten minutes ago: five minutes left to wait.
    const key = await keyOf(email);
    await t.db.$executeRaw`
      UPDATE login_failure SET at = (now() AT TIME ZONE 'UTC') - interval '10 minutes'
       WHERE id = (SELECT min(id) FROM login_failure WHERE login = ${key})`;
    const held = await login(b, email, DEMO_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(5 * 60 - 5);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(5 * 60);
    // Fifteen minutes and a second ago: out of the window, the right password goes through.
    await t.db.$executeRaw`
      UPDATE login_failure SET at = (now() AT TIME ZONE 'UTC') - interval '15 minutes 1 second'
       WHERE id = (SELECT min(id) FROM login_failure WHERE login = ${key})`;
    expect((await login(a, email, DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await failuresOf(email)).toBe(0);
  });

  it('counts an account’s e-mail and dossier number as one login: guesses cannot be doubled by switching', async () => {
    const email = emails[8]!;
    const dossierNumber = email.split('@')[0]!.toUpperCase();
    for (let n = 1; n < MAX; n++) expect((await login(a, email, `faux-${n}`)).statusCode).toBe(401);
    expect((await login(b, dossierNumber.toLowerCase(), 'faux-dossier')).statusCode).toBe(401);
    expect(await failuresOf(email)).toBe(MAX);
    for (const name of [email, dossierNumber]) expect((await login(a, name, DEMO_PASSWORD)).statusCode).toBe(429);
  });

  it('forgets the failures of a login that succeeds', async () => {
    const email = emails[6]!;
    for (let n = 1; n < MAX; n++) expect((await login(a, email, `faux-${n}`)).statusCode).toBe(401);
    expect((await login(b, email, DEMO_PASSWORD)).statusCode).toBe(200);
    for (let n = 1; n < MAX; n++) expect((await login(b, email, `faux-${n}`)).statusCode).toBe(401);
    expect((await login(a, email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('deletes the failures that left the window as logins go on', async () => {
    const stale = `stale-${RUN.toLowerCase()}@essai.test`;
    await t.db.$executeRaw`INSERT INTO login_failure (login, at) VALUES (${stale}, (now() AT TIME ZONE 'UTC') - interval '16 minutes')`;
    const fresh = await replica({ loginMaxFailures: MAX });
    expect((await login(fresh, `nobody-${RUN}`, 'faux')).statusCode).toBe(401);
    expect(await failuresOf(stale)).toBe(0);
  });

  it('lets a burst of concurrent guesses on two replicas check no more passwords than the brake allows', async () => {
    const email = emails[7]!;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => login(n % 2 ? a : b, email, `faux-${n}`)));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - MAX);
    expect(await failuresOf(email)).toBe(MAX);
  });
});
