// The role × route matrix (issue 9): every operation of the OpenAPI document, called as each role of
// reference §1 (anonymous, candidate, commission member, centre manager, candidate manager,
// scolarité centrale, admin). A role the operation's access level (`x-access`, contracts/access.ts)
// does not admit is refused before anything runs — 401 without a session, 403 "access denied"
// otherwise — and a role it admits is never refused at that level (it may still get 400, 404, or a
// 403 of scope). Requests carry no valid input, so nothing is changed. A route without a declared
// level stops the application at start-up: no new route escapes the matrix.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_TYPE, ACCESS_LEVELS, ROLES, type Access, type Role } from '../../contracts/access.ts';
import access from '../../api/plugins/access.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
const tokens = {} as Record<Role, string | undefined>;

beforeAll(async () => {
  t = await startTestApp();
  const [email] = await createCandidates(t.db, '2026-P', 'MAT', 1);
  const manager = `gestion-candidats-${Date.now()}`;
  const admin = await t.login('admin');
  const created = await t.api('POST', '/api/admin/staff-users', {
    token: admin,
    body: {
      login: manager,
      displayName: 'Gestionnaire de candidats',
      email: `${manager}@univ.test`,
      password: 'mot-de-passe-matrice',
      profiles: ['gestionCandidat'],
    },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  Object.assign(tokens, {
    anonymous: undefined,
    candidate: await t.login(email!),
    commissionMember: await t.login('commission'),
    centreManager: await t.login('centre'),
    candidateManager: await t.login(manager, 'mot-de-passe-matrice'),
    scolCentrale: await t.login('scol'),
    admin,
  });
}, 120_000);
afterAll(async () => t?.stop());

/** A value for a path parameter that matches no object (or fails validation): the request changes nothing. */
function paramValue(name: string): string {
  if (name === 'id') return '00000000-0000-4000-8000-000000000000';
  return `nothing-${name}`;
}

describe('role × route matrix, from the OpenAPI document', () => {
  it('refuses each role exactly where the access level says, on every operation', { timeout: 240_000 }, async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-access'?: Access }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), access: op['x-access'] })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const undeclared = operations.filter((o) => !o.access && !o.path.startsWith('/api/docs'));
    expect(undeclared).toEqual([]);

    // Logging out revokes the token it is called with: called last, so that every other call still has a session.
    const logout = (o: { path: string; method: string }) => o.path === '/api/session' && o.method === 'DELETE';
    operations.sort((a, b) => Number(logout(a)) - Number(logout(b)));

    const wrong: string[] = [];
    const counts = { operations: operations.length, requests: 0, refused: 0, admitted: 0 };
    for (const op of operations) {
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => paramValue(name));
      const admitted: readonly Role[] = ACCESS_LEVELS[op.access!].roles;
      // The roles of one operation at once (each with its own session): about 1,400 requests in all.
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
      const answers = await Promise.all(
        ROLES.map(async (role) => ({ role, res: await t.api(op.method, url, { token: tokens[role], ...(hasBody ? { body: { matrix: true } } : {}) }) })),
      );
      for (const { role, res } of answers) {
        counts.requests++;
        const deniedByLevel = res.status === 401 || (res.status === 403 && res.body?.type === ACCESS_DENIED_TYPE);
        const expected = admitted.includes(role) ? 'admitted' : 'refused';
        if (expected === 'admitted') counts.admitted++;
        else counts.refused++;
        if (res.status >= 500) wrong.push(`${op.method} ${op.path} as ${role}: ${res.status}`);
        else if (expected === 'admitted' && deniedByLevel)
          wrong.push(`${op.method} ${op.path} as ${role}: refused (${res.status}) though ${op.access} admits it`);
        else if (expected === 'refused' && !deniedByLevel)
          wrong.push(`${op.method} ${op.path} as ${role}: answered ${res.status} though ${op.access} refuses it`);
        else if (expected === 'refused' && res.status !== (role === 'anonymous' ? 401 : 403)) wrong.push(`${op.method} ${op.path} as ${role}: ${res.status}`);
      }
    }
    const byLevel = Object.fromEntries(Object.keys(ACCESS_LEVELS).map((level) => [level, operations.filter((o) => o.access === level).length]));
    console.log(`role × route matrix: ${JSON.stringify({ ...counts, byLevel })}`);
    expect(wrong).toEqual([]);
  });

  it('does not start a route that declares no access level', async () => {
    const app = Fastify();
    await app.register(access);
    expect(() => app.get('/api/undeclared', async () => 'ok')).toThrow(/GET \/api\/undeclared declares no access level/);
    app.get('/api/declared', { config: { access: 'public' } }, async () => 'ok');
    expect((await app.inject({ method: 'GET', url: '/api/declared' })).body).toBe('ok');
    await app.close();
  });
});
