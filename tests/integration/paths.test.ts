// The spine's other endings, through the HTTP API against the real services: a withdrawal after the
// export (the SIS gets it too), a cancellation, and an export the SIS refuses (Apogée campaign, the
// simulator told to refuse every OPI) that waits in "failed" for an admin. Each history is kept for
// the replay tests (CAPTURE_HISTORIES=1).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
let centre: string;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  [centre, admin] = await Promise.all([t.login('centre'), t.login('admin')]);
});
afterAll(async () => {
  await t?.stop();
});

async function keepHistory(name: string, id: string): Promise<void> {
  const temporal = await connectTemporal(t.config);
  await captureHistory(name, temporal.workflow.getHandle(`candidature-${id}`));
  await temporal.connection.close();
}

describe('withdrawal after the export', () => {
  it('exports the withdrawal as a new version and takes the wish out of the day’s Pégase files', async () => {
    const token = await t.login('lucas.martin@demo.test');
    const id = (await t.decidedCandidature(token, '2026-P')).id;
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);
    await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done',
    );
    const stamp = parisDate(new Date()).replaceAll('-', '');
    const candidatureFile = () => readFile(join(t.config.pegaseOpiDir, `candidature-${stamp}.csv`), 'utf8');
    // This wish's line (another file may have exported another wish of the same candidate today).
    const { formation } = await t.db.candidature.findUniqueOrThrow({ where: { id }, include: { formation: true } });
    const wishLine = `DEMO0002;EC;;;${formation.pegaseCode};`;
    expect(await candidatureFile()).toContain(wishLine);

    const withdrawn = await t.api('POST', `/api/candidatures/${id}/withdraw`, { token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', confirmation: { answer: 'withdrawn' } });
    const after = await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done' && r.body.export.version === 2,
    );
    expect(after.body.stage).toBe('withdrawn');
    const exports = await t.db.sisExport.findMany({ where: { candidatureId: id }, orderBy: { version: 'asc' } });
    expect(exports.map((e) => [e.version, e.kind, e.status])).toEqual([
      [1, 'admission', 'done'],
      [2, 'withdrawal', 'done'],
    ]);
    expect(await candidatureFile()).not.toContain(wishLine);

    // Withdrawing again is refused, and the workflow has ended.
    const again = await t.api('POST', `/api/candidatures/${id}/withdraw`, { token });
    expect(again.status).toBe(409);
    const temporal = await connectTemporal(t.config);
    const description = await t.eventually(
      () => temporal.workflow.getHandle(`candidature-${id}`).describe(),
      (d) => d.status.name === 'COMPLETED',
    );
    expect(description.status.name).toBe('COMPLETED');
    await temporal.connection.close();
    await keepHistory('withdrawal-after-export', id);
  });
});

describe('cancellation', () => {
  it('cancels a draft, ends its workflow, and lets the candidate apply to the same formation again', async () => {
    const token = await t.login('sofia.rossi@demo.test');
    const formationCode = await t.freeFormation(token, '2026-P');
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
    const id = created.body.id as string;
    const cancelled = await t.api('POST', `/api/candidatures/${id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.stage).toBe('cancelled');
    expect(cancelled.body.allowedActions).toEqual([]);
    const again = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
    await keepHistory('cancellation', id);
  });
});

describe('an export the SIS refuses', () => {
  it('waits in "failed" with the SIS message, and an admin retry runs the export again', async () => {
    // Apogée refuses every OPI (a WebBaseException, as for an unknown code) until told otherwise.
    const refusal = await fetch(`${t.apogee!.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'mettreajourDonneesOpi_v10', kind: 'soapFault', count: null, message: 'technical.parameter.noncoherentinput.codCge' }),
    });
    expect(refusal.status).toBe(201);
    const token = await t.login('hugo.lefebvre@demo.test');
    const id = (await t.decidedCandidature(token, '2026-A')).id;
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);
    const failed = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${id}`, { token: centre }),
      (r) => r.body.export.status === 'failed',
    );
    expect(failed.body.export.error).toMatch(/Apogée/);
    expect(failed.body.stage).toBe('confirmed');
    // The read model follows the workflow's state once its projection activity has run.
    await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id } }),
      (row) => row.exportStatus === 'failed',
    );

    expect((await t.api('POST', `/api/admin/candidatures/${id}/export/retry`, { token: centre })).status).toBe(403);
    const retried = await t.api('POST', `/api/admin/candidatures/${id}/export/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.body.export.status).toBe('pending');
    // Apogée still refuses: the retry fails the same way, and is recorded as a second attempt.
    await t.eventually(
      () => t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } }),
      (e) => e.attempts === 2 && e.status === 'failed',
    );
    await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${id}`, { token: centre }),
      (r) => r.body.export.status === 'failed',
    );
    expect(failed.body.export.error).toMatch(/technical\.parameter\.noncoherentinput\.codCge/);
    await fetch(`${t.apogee!.url}/__admin/faults`, { method: 'DELETE' });
    await keepHistory('export-refused-then-retried', id);
  });
});

describe('what the other campaign sees', () => {
  it('keeps the Pégase files free of Apogée candidatures', async () => {
    const stamp = parisDate(new Date()).replaceAll('-', '');
    const files = await readdir(t.config.pegaseOpiDir);
    for (const f of files.filter((x) => x.endsWith(`${stamp}.csv`))) expect(await readFile(join(t.config.pegaseOpiDir, f), 'utf8')).not.toContain('DEMO0004');
  });
});
