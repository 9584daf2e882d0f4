// The admission export to Pégase end to end, while Pégase is down for a while: Lucas Martin confirms
// a favourable decision on the Pégase campaign when INS answers 503, then takes an import but loses
// its answer. The candidature workflow retries the export activity (Temporal's retry policy) until it
// goes through, and the Pégase simulator has imported his admission exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDayFilesTogether } from '../../activities/sis-export.ts';
import { connectTemporal } from '../../api/temporal.ts';
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

/** A favourable, validated decision of this candidate on a formation of 2026-P they have not applied to yet. */
async function decided(login: string): Promise<{ id: string; token: string; formationCode: string }> {
  const token = await t.login(login);
  return { ...(await t.decidedCandidature(token, '2026-P')), token };
}

async function exported(id: string, token: string) {
  const done = await t.eventually(
    () => t.api('GET', `/api/candidatures/${id}`, { token }),
    (r) => r.body.export.status === 'done' || r.body.export.status === 'failed',
    60_000,
  );
  return done.body.export;
}

describe('admission export to Pégase', () => {
  it('Pégase down, then back: the workflow retries and the admission is imported exactly once', async () => {
    const { id, token, formationCode } = await decided('lucas.martin@demo.test');

    // First attempt: INS answers 503. Second: the import is done but its answer is lost.
    await simulator('POST', '/__admin/faults', [
      { path: '/api/ins/v1/*', kind: 'http5xx', status: 503, count: 1 },
      { path: '/api/ins/v1/*/admis/import', method: 'POST', kind: 'lostResponse', count: 1 },
    ]);
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);

    expect(await exported(id, token)).toMatchObject({ status: 'done', error: null });
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

  it("a 429 with Retry-After: the workflow's next attempt comes after the delay Pégase asked for", async () => {
    const { id, token } = await decided('sofia.rossi@demo.test');
    // 3 s: more than the policy's first backoff (2 s), which is the least an attempt waits (domain/export-retry.ts).
    await simulator('POST', '/__admin/faults', { path: '/api/ins/v1/*', kind: 'tooMany', retryAfter: 3, count: 1 });
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);
    expect(await exported(id, token)).toMatchObject({ status: 'done' });
    expect(await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } })).toMatchObject({ status: 'done', attempts: 2 });
    // The second attempt's start records the first one's failure, with the retry delay it asked for.
    const temporal = await connectTemporal(t.config);
    try {
      const history = await temporal.workflow.getHandle(`candidature-${id}`).fetchHistory();
      const started = history
        .events!.map((e) => e.activityTaskStartedEventAttributes)
        .filter((a) => a?.lastFailure?.applicationFailureInfo?.type === 'SisTransientError');
      expect(started).toHaveLength(1);
      expect(started[0]!.attempt).toBe(2);
      expect(started[0]!.lastFailure!.message).toMatch(/Retry-After/);
      expect(Number(started[0]!.lastFailure!.applicationFailureInfo!.nextRetryDelay!.seconds)).toBe(3);
    } finally {
      await temporal.connection.close();
    }
  });
});

describe("the day's files: one rewrite for the exports ready at the same time", () => {
  it('an export waiting for the lock finds its admission written by the rewrite of another one, and writes nothing itself', async () => {
    // The grouping is the same for every SIS. These made-up exports are filed under 'D' (no SIS), where no
    // real export ever goes: the other test files' real Pégase exports, running at the same time on the
    // same database, must neither write them into their day's files nor wait for this test's lock.
    const group = 'D' as const;
    const keys = ['grp-a:1', 'grp-b:1', 'grp-c:1'];
    await t.db.sisExport.deleteMany({ where: { businessKey: { in: keys } } });
    for (const key of keys)
      await t.db.sisExport.create({
        data: {
          businessKey: key,
          candidatureId: key.slice(0, 5),
          version: 1,
          sisType: group,
          kind: 'admission',
          status: 'pending',
          payload: { businessKey: key },
        },
      });
    const writes: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A takes the lock and holds it while B and C get ready; its rewrite only had what was ready before it.
    const a = writeDayFilesTogether(t.db, group, 'grp-a:1', async (others) => {
      writes.push(['grp-a:1', ...others.map((r) => r.businessKey)]);
      await gate;
      return { by: 'a' };
    });
    await t.eventually(
      () => t.db.sisExport.findUniqueOrThrow({ where: { businessKey: 'grp-a:1' } }),
      (r) => r.status === 'ready' && writes.length === 1,
    );
    const write = (key: string) => async (others: { businessKey: string }[]) => {
      writes.push([key, ...others.map((r) => r.businessKey)]);
      return { by: key };
    };
    const b = writeDayFilesTogether(t.db, group, 'grp-b:1', write('grp-b:1'));
    const c = writeDayFilesTogether(t.db, group, 'grp-c:1', write('grp-c:1'));
    await t.eventually(
      () => t.db.sisExport.count({ where: { businessKey: { in: keys.slice(1) }, status: 'ready' } }),
      (n) => n === 2,
    );
    release();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(ra).toEqual({ by: 'a' });
    // Two rewrites for three exports: B's or C's covered both, the other one only read the answer.
    expect(writes.filter((w) => w[0] !== 'grp-a:1')).toHaveLength(1);
    const [writer, ...written] = writes.find((w) => w[0] !== 'grp-a:1')!;
    expect(written).toEqual(expect.arrayContaining(['grp-a:1', writer === 'grp-b:1' ? 'grp-c:1' : 'grp-b:1']));
    expect(rb).toEqual(rc);
    const rows = await t.db.sisExport.findMany({ where: { businessKey: { in: keys } } });
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    await t.db.sisExport.deleteMany({ where: { businessKey: { in: keys } } });
  });
});
