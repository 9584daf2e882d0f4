// Campaign switch (issue 4 §9): an institution leaves Apogée for Pégase. A new campaign on Pégase
// replaces the Apogée one and archives it at its activation; the Apogée campaign's candidatures stay
// readable, an admission whose export failed before the switch is still exported to Apogée (the
// adapter follows the candidature's campaign, not what the installation uses now), and the archive
// downloads as records (XLSX, CSV). Real worker, PostgreSQL and both SIS simulators over HTTP.
import type { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { candidatureWorkflowId } from '../../contracts/candidature.ts';
import type { Db } from '../../infra/prisma.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
let temporal: Client;
let admin: string;
let centre: string;
const suffix = Date.now().toString(36).slice(-5).toUpperCase();
const OLD = `APO-${suffix}`;
const NEW = `PEG-${suffix}`;

const apogee = (path: string, init?: RequestInit) => fetch(`${t.apogee!.url}${path}`, init);
const apogeeFault = (fault: object | null) =>
  fault
    ? apogee('/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) })
    : apogee('/__admin/faults', { method: 'DELETE' });

/** A candidate of the Apogée campaign (a name of their own: Apogée knows an individual by name and birth date), born in Lyon, living in Paris, with a general bac, who applies to L3 Droit. */
async function applicant(db: Db, prefix: string) {
  const [email] = await createCandidates(db, OLD, prefix, 1);
  const row = await db.candidateAccount.findFirstOrThrow({ where: { email: email! }, include: { candidate: true } });
  await db.candidate.update({
    where: { id: row.candidate!.id },
    data: { birthName: `ESSAI${prefix}`, birthCommuneCode: '69123', birthDepartmentCode: '069', ineKey: 'A' },
  });
  await db.candidateAccount.update({ where: { id: row.id }, data: { lastName: `ESSAI${prefix}` } });
  await db.candidateBac.update({ where: { candidateId: row.candidate!.id }, data: { bacCode: 'GEN' } });
  await db.address.update({ where: { candidateId: row.candidate!.id }, data: { postcode: '75004', communeCode: '75056' } });
  const token = await t.login(email!);
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-DROIT' } });
  if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, token, dossierNumber: row.dossierNumber };
}

async function exportSettled(id: string, token: string) {
  return t.eventually(
    () => t.api('GET', `/api/candidatures/${id}`, { token }),
    (r) => r.body.export.status === 'done' || r.body.export.status === 'failed',
  );
}

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  [admin, centre] = await Promise.all([t.login('admin'), t.login('centre')]);
  const base = { startsOn: new Date('2026-01-01'), endsOn: new Date('2027-12-31') };
  const old = await t.db.campaign.create({
    data: { ...base, code: OLD, label: `Campagne Apogée ${suffix}`, sisType: 'A', active: true, activatedAt: new Date('2026-01-01') },
  });
  await t.db.campaign.create({ data: { ...base, code: NEW, label: `Campagne Pégase ${suffix}`, sisType: 'P', active: false, archivesCampaignId: old.id } });
}, 120_000);

afterAll(async () => {
  if (t) {
    await apogeeFault(null);
    // The database is shared by every test file, which expects one campaign in service per SIS.
    const codes = [OLD, NEW];
    const ids = (await t.db.candidature.findMany({ where: { campaign: { code: { in: codes } } }, select: { id: true } })).map((c) => c.id);
    await t.db.mailLog.deleteMany({ where: { candidatureId: { in: ids } } });
    await t.db.sisExport.deleteMany({ where: { candidatureId: { in: ids } } });
    await t.db.candidature.deleteMany({ where: { id: { in: ids } } });
    await t.db.storedFile.deleteMany({ where: { account: { campaign: { code: { in: codes } } } } });
    await t.db.candidateAccount.deleteMany({ where: { campaign: { code: { in: codes } } } });
    await t.db.campaign.deleteMany({ where: { code: NEW } });
    await t.db.campaign.deleteMany({ where: { code: OLD } });
  }
  await temporal?.connection.close();
  await t?.stop();
});

describe('campaign switch from Apogée to Pégase', () => {
  const people: Record<'exported' | 'failed' | 'pending', { id: string; token: string; dossierNumber: string }> = {} as never;

  it('before the switch: one admission exported to Apogée, one refused by Apogée, one file still open', async () => {
    people.exported = await applicant(t.db, 'SWA');
    await t.bringToDecision(people.exported.id, { candidate: people.exported.token, manager: centre });
    expect((await t.api('POST', `/api/candidatures/${people.exported.id}/confirm`, { token: people.exported.token })).status).toBe(200);
    const exported = await exportSettled(people.exported.id, people.exported.token);
    expect(exported.body.export.status, JSON.stringify(exported.body.export)).toBe('done');

    people.failed = await applicant(t.db, 'SWB');
    await t.bringToDecision(people.failed.id, { candidate: people.failed.token, manager: centre });
    await apogeeFault({ operation: 'mettreajourDonneesOpi_v10', kind: 'soapFault', message: 'Erreur de test : base Apogée en maintenance', count: null });
    expect((await t.api('POST', `/api/candidatures/${people.failed.id}/confirm`, { token: people.failed.token })).status).toBe(200);
    const failed = await exportSettled(people.failed.id, people.failed.token);
    expect(failed.body.export.status).toBe('failed');

    people.pending = await applicant(t.db, 'SWC');
  });

  it('the Pégase campaign’s activation archives the Apogée one: its candidatures become read-only', async () => {
    const soon = new Date(Date.now() + 2000).toISOString();
    const planned = await t.api('POST', `/api/admin/campaigns/${NEW}/activation`, { token: admin, body: { plannedActivationAt: soon } });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    const archived = await t.eventually(
      () => t.api('GET', `/api/admin/campaigns/${OLD}/lifecycle`, { token: admin }).then((r) => r.body),
      (l) => l.phase === 'archived',
    );
    expect(archived.candidatures).toEqual({ total: 3, notified: 3 });
    const [oldRow, newRow] = await Promise.all([
      t.db.campaign.findUniqueOrThrow({ where: { code: OLD } }),
      t.db.campaign.findUniqueOrThrow({ where: { code: NEW } }),
    ]);
    expect(oldRow).toMatchObject({ sisType: 'A', active: false });
    expect(oldRow.archivedAt).not.toBeNull();
    expect(newRow).toMatchObject({ sisType: 'P', active: true });

    // Readable by the candidate and the manager, with what happened before.
    const seen = await t.api('GET', `/api/candidatures/${people.exported.id}`, { token: people.exported.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ campaignCode: OLD, confirmation: { answer: 'confirmed' }, export: { status: 'done' } });
    expect(seen.body.archivedAt).not.toBeNull();
    expect((await t.api('GET', `/api/staff/candidatures/${people.pending.id}`, { token: centre })).status).toBe(200);
    // Nothing changes any more: the open file stays as it was.
    const refused = await t.api('POST', `/api/candidatures/${people.pending.id}/transmit`, { token: people.pending.token });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/archivée|close/);
  });

  it('the admission refused before the switch is still exported to Apogée once an admin retries', async () => {
    await apogeeFault(null);
    const retried = await t.api('POST', `/api/admin/candidatures/${people.failed.id}/export/retry`, { token: admin });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    const done = await exportSettled(people.failed.id, people.failed.token);
    expect(done.body.export.status).toBe('done');
    const exportRows = await t.db.sisExport.findMany({ where: { candidatureId: people.failed.id } });
    expect(exportRows).toHaveLength(1);
    expect(exportRows[0]).toMatchObject({ sisType: 'A', status: 'done' });
    const code = `EC${people.failed.dossierNumber}`;
    const received = (await (await apogee(`/__admin/received?codOpiIntEpo=${code}`)).json()) as { outcome: string }[];
    expect(received.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    // Nothing of the old campaign went to Pégase.
    const pegaseFiles = await t.db.sisExport.count({ where: { candidatureId: { in: Object.values(people).map((p) => p.id) }, sisType: 'P' } });
    expect(pegaseFiles).toBe(0);
    // Exported, the archived candidature has nothing left to wait for: its workflow ends.
    const handle = temporal.workflow.getHandle(candidatureWorkflowId(people.failed.id));
    expect(await handle.result()).toMatchObject({ export: { status: 'done' } });
    await captureHistory('archived-export-failed-then-retried', handle);
  });

  it('downloads the archived campaign as records, XLSX and CSV, within the manager’s scope', async () => {
    const res = await fetch(`${t.server.url}/api/staff/campaigns/${OLD}/records?format=xlsx`, { headers: { authorization: `Bearer ${centre}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`candidatures-${OLD}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((values) => Object.fromEntries(headers.map((h, i) => [h, (values as unknown[])[i + 1] ?? null])));
    expect(rows).toHaveLength(3);
    const byDossier = Object.fromEntries(rows.map((r) => [r['N° dossier'], r]));
    expect(byDossier[people.exported.dossierNumber]).toMatchObject({
      'SI Scolarité': 'Apogée',
      Formation: 'L3-DROIT',
      'Code de la formation dans le SI': 'LDRT3/101',
      'Avis validé': 'oui',
      'Réponse du candidat': 'confirmed',
      'Export SI': 'done',
      'Référence dans le SI': `EC${people.exported.dossierNumber}`,
    });
    expect(byDossier[people.exported.dossierNumber]!['Campagne archivée le']).toBeInstanceOf(Date);
    expect(byDossier[people.failed.dossierNumber]).toMatchObject({ 'Export SI': 'done', 'Référence dans le SI': `EC${people.failed.dossierNumber}` });
    expect(byDossier[people.pending.dossierNumber]).toMatchObject({ 'Statut du dossier': 'AT', 'Export SI': 'none' });

    const csv = await fetch(`${t.server.url}/api/staff/campaigns/${OLD}/records?format=csv`, { headers: { authorization: `Bearer ${centre}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^N° dossier;Nom;Prénom;INE;Campagne;SI Scolarité;/);
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(people.exported.dossierNumber))).toContain(';Apogée;');
  });

  it('refuses an unknown campaign (404), an unknown format (400 naming it) and a candidate (403)', async () => {
    expect((await t.api('GET', '/api/staff/campaigns/NOPE/records', { token: centre })).status).toBe(404);
    const bad = await t.api('GET', `/api/staff/campaigns/${OLD}/records?format=pdf`, { token: centre });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('format');
    expect((await t.api('GET', `/api/staff/campaigns/${OLD}/records`, { token: people.exported.token })).status).toBe(403);
  });
});
