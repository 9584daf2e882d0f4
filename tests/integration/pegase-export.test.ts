// The admission export to Pégase end to end, while Pégase is down for a while: Lucas Martin confirms
// a favourable decision on the Pégase campaign when INS answers 503, then takes an import but loses
// its answer. The candidature workflow retries the export activity (Temporal's retry policy) until it
// goes through, and the Pégase simulator has imported his admission exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

async function simulator(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.pegase!.url}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return res.json() as Promise<any>;
}

describe('admission export to Pégase', () => {
  it('Pégase down, then back: the workflow retries and the admission is imported exactly once', async () => {
    const [token, centre] = await Promise.all([t.login('lucas.martin@demo.test'), t.login('centre')]);
    const [offer, mine] = await Promise.all([t.api('GET', '/api/campaigns/2026-P/formations'), t.api('GET', '/api/candidatures', { token })]);
    const taken = new Set(mine.body.filter((c: { stage: string }) => c.stage !== 'cancelled').map((c: { formationCode: string }) => c.formationCode));
    const formationCode = offer.body.map((f: { code: string }) => f.code).find((code: string) => !taken.has(code));
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await t.bringToDecision(id, { candidate: token, manager: centre });

    // First attempt: INS answers 503. Second: the import is done but its answer is lost.
    await simulator('POST', '/__admin/faults', [
      { path: '/api/ins/v1/*', kind: 'http5xx', status: 503, count: 1 },
      { path: '/api/ins/v1/*/admis/import', method: 'POST', kind: 'lostResponse', count: 1 },
    ]);
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);

    const done = await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done' || r.body.export.status === 'failed',
      60_000,
    );
    expect(done.body.export).toMatchObject({ status: 'done', error: null });
    const row = await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } });
    expect(row).toMatchObject({ status: 'done', sisType: 'P', attempts: 3 });
    expect(row.files).toMatchObject({ admisImport: { etatCsvJob: 'SUCCES', alreadyImported: true } });

    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: formationCode } });
    const { jobs, admissions } = (await simulator('GET', '/__admin/received')) as {
      jobs: { nomFichier: string; etatCsvJob: string }[];
      admissions: { nomFichier: string; nomNaissance: string; codeVoeu: string; codePeriode: string; importe: boolean }[];
    };
    const ours = (name: string) => name.startsWith(`admis-${id}_1-`);
    expect(jobs.filter((j) => ours(j.nomFichier)).map((j) => j.etatCsvJob)).toEqual(['SUCCES']);
    expect(admissions.filter((a) => ours(a.nomFichier))).toEqual([
      expect.objectContaining({ nomNaissance: 'MARTIN', codeVoeu: formation.pegaseCode, codePeriode: '2026-P', importe: true }),
    ]);
  });
});
