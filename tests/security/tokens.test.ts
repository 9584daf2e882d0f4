// Token attacks against the real API (issue 12, `npm run test:security`): a request without a token,
// with a malformed one, an unsigned one (alg none), a tampered payload, a token signed with another
// key, an expired one, a token revoked by its logout (as bearer and as cookie), a candidate's token on
// staff and admin routes, a staff member's token once the account is deactivated. Every one is
// refused: 401 without a valid session, 403 for a valid session of the wrong kind. The role × route
// matrix itself is tests/integration/access-matrix.test.ts (run by the same command).
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let admin: string;
let candidateEmail: string;
const run = randomBytes(3).toString('hex');

/** The routes each forged token is tried on: the session itself, a staff list, an admin list, the candidate's own list. */
const PROBES = ['/api/session', '/api/staff/candidatures', '/api/admin/staff-users', '/api/candidatures'];

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const payloadOf = (token: string) => JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString()) as Record<string, unknown>;

/** Every probe answers 401 with this token, as bearer and as the session cookie. */
async function expectRefused(token: string, what: string) {
  for (const path of PROBES) {
    const bearer = await t.api('GET', path, { token });
    expect(bearer.status, `${what} as bearer on ${path}: ${JSON.stringify(bearer.body)}`).toBe(401);
    expect(bearer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const cookie = await t.api('GET', path, { headers: { cookie: `ecandidat_session=${encodeURIComponent(token)}` } });
    expect(cookie.status, `${what} as cookie on ${path}`).toBe(401);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  candidateEmail = (await createCandidates(t.db, '2026-P', `TK${run.slice(0, 3).toUpperCase()}`, 1))[0]!;
}, 120_000);
afterAll(async () => t?.stop());

describe('forged and broken tokens', () => {
  it('refuses no token, malformed tokens and an unsigned (alg none) token', async () => {
    for (const path of PROBES) expect((await t.api('GET', path)).status, path).toBe(401);
    for (const bad of ['x', 'a.b.c', 'Bearer', `${'A'.repeat(5000)}.${'B'.repeat(5000)}.C`, '...', '\u00e9t\u00e9.x.y'])
      await expectRefused(bad, `malformed ${bad.slice(0, 20)}`);
    const [, payload] = parts(admin);
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'alg none');
    await expectRefused(`${b64({ alg: 'none' })}.${payload}.${parts(admin)[2]}`, 'alg none keeping the signature');
    // The header says another algorithm than the one the API signs with.
    await expectRefused(`${b64({ alg: 'HS512' })}.${payload}.${parts(admin)[2]}`, 'alg HS512');
  });

  it('refuses a tampered payload, a token signed with another key and an expired one signed with the right key', async () => {
    const candidate = await t.login(candidateEmail);
    const adminClaims = payloadOf(admin);
    // The candidate's signature on the admin's claims; the admin's claims with a later expiry.
    await expectRefused(`${parts(candidate)[0]}.${parts(admin)[1]}.${parts(candidate)[2]}`, 'payload swapped');
    await expectRefused(`${parts(admin)[0]}.${b64({ ...adminClaims, exp: Number(adminClaims.exp) + 86_400 })}.${parts(admin)[2]}`, 'expiry pushed back');
    const sign = (key: string, claims: Record<string, unknown>, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(adminClaims.sub))
        .setJti(crypto.randomUUID())
        .setIssuer(String(adminClaims.iss))
        .setIssuedAt(exp - 3600)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(key));
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await sign('not-the-session-secret-but-long-enough-to-sign', { login: 'admin', ims: Date.now() }, now + 3600), 'another key');
    await expectRefused(await sign(t.config.sessionSecret, { login: 'admin', ims: (now - 7200) * 1000 }, now - 60), 'expired');
    // The right key and claims: the forgery helper itself is sound (a token it signs is taken).
    const genuine = await sign(t.config.sessionSecret, { login: 'admin', ims: Date.now() }, now + 3600);
    expect((await t.api('GET', '/api/session', { token: genuine })).status).toBe(200);
  });
});

describe('sessions that ended, and sessions of the wrong kind', () => {
  it('refuses a token after its logout, as bearer and as cookie; the other sessions of the account go on', async () => {
    const ending = await t.login(candidateEmail);
    const other = await t.login(candidateEmail);
    expect((await t.api('GET', '/api/candidatures', { token: ending })).status).toBe(200);
    expect((await t.api('DELETE', '/api/session', { token: ending })).status).toBe(204);
    await expectRefused(ending, 'revoked by its logout');
    expect((await t.api('GET', '/api/candidatures', { token: other })).status).toBe(200);
  });

  it('refuses a candidate’s valid token on staff and admin routes (403), reading and writing', async () => {
    const candidate = await t.login(candidateEmail);
    for (const [method, path] of [
      ['GET', '/api/staff/candidatures'],
      ['GET', '/api/admin/staff-users'],
      ['GET', '/api/admin/parameters'],
      ['POST', '/api/admin/staff-users'],
      ['POST', '/api/staff/bulk'],
    ] as const) {
      const res = await t.api(method, path, { token: candidate, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('refuses a staff member’s token once the account is deactivated', async () => {
    const login = `tk-${run}`;
    const created = await t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login, displayName: `Jeton ${run}`, email: `${login}@univ.test`, password: 'mot-de-passe-jeton', profiles: ['scolCentrale'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = await t.login(login, 'mot-de-passe-jeton');
    expect((await t.api('GET', '/api/staff/candidatures', { token })).status).toBe(200);
    const patched = await t.api('PATCH', `/api/admin/staff-users/${login}`, { token: admin, body: { active: false } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await t.eventually(
      async () => (await t.api('GET', '/api/staff/candidatures', { token })).status,
      (status) => status === 401,
      10_000,
    );
    await expectRefused(token, 'deactivated account');
  });
});
