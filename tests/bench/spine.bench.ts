// `npm run bench:micro`: how fast the real application carries candidatures from application to the SIS
// export, through the HTTP API, the Temporal dev server, the worker and PostgreSQL (the same stack
// as the integration tests). Figures only (ops/s = candidatures per second, mean, p75, p99): no
// timing is ever asserted.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createCandidates } from '../support/candidates.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const CAMPAIGN = '2026-P';
/** Accounts created for the bench: one candidature each per formation, enough for every iteration. */
const ACCOUNTS = 120;

let t: TestApp;
let staffToken: string;
let formations: string[];
const accounts: string[] = [];
let next = 0;

beforeAll(async () => {
  t = await startTestApp();
  const offer = await t.api('GET', `/api/campaigns/${CAMPAIGN}/formations`);
  // Formations that ask for no document, so no upload stands between applying and transmitting.
  const open = (offer.body as { code: string }[]).map((f) => f.code);
  const withoutDocuments = await t.db.formation.findMany({ where: { code: { in: open }, supportingDocuments: { none: {} } }, select: { code: true } });
  formations = withoutDocuments.length ? withoutDocuments.map((f) => f.code) : open;
  accounts.push(...(await createCandidates(t.db, CAMPAIGN, 'BEN', ACCOUNTS)));
  staffToken = await t.login('centre');
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** One candidature, from the candidate's application to the export done, as users would drive it. */
async function oneCandidature(): Promise<void> {
  const n = next++;
  const email = accounts[n % accounts.length]!;
  const formationCode = formations[Math.floor(n / accounts.length) % formations.length]!;
  const token = await t.login(email);
  const call = async (method: string, path: string, as: string, body?: unknown) => {
    const res = await t.api(method, path, { token: as, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; export: { status: string } };
  };
  const { id } = await call('POST', '/api/candidatures', token, { formationCode });
  await call('POST', `/api/candidatures/${id}/transmit`, token);
  await call('POST', `/api/staff/candidatures/${id}/dossier-status`, staffToken, { status: 'CO' });
  await call('POST', `/api/staff/candidatures/${id}/opinions`, staffToken, { decisionType: 'AVIS_FAVORABLE' });
  await call('POST', `/api/staff/candidatures/${id}/opinions/validate`, staffToken);
  await call('POST', `/api/candidatures/${id}/confirm`, token);
  await t.eventually(
    () => call('GET', `/api/candidatures/${id}`, token),
    (v) => v.export.status === 'done',
  );
}

describe('the spine through the HTTP API (apply → transmit → complete → opinion → publish → confirm → exported)', () => {
  test('one candidature at a time', { timeout: 600_000 }, async ({ bench }) => {
    await bench('one candidature, end to end', oneCandidature).run({ iterations: 20, time: 0, warmupIterations: 2 });
  });
  test('ten candidatures at once', { timeout: 600_000 }, async ({ bench }) => {
    const tenAtOnce = () => Promise.all(Array.from({ length: 10 }, oneCandidature)).then(() => undefined);
    await bench('ten candidatures, end to end, concurrently', tenAtOnce).run({ iterations: 5, time: 0, warmupIterations: 1 });
  });
});
