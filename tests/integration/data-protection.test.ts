// Data-protection requests (issue 12 item 6) against the real stack: a candidate with a complete file,
// two candidatures on the demo Pégase campaign (one transmitted, one draft with an uploaded piece)
// exports their data (the zip opens, donnees.json holds their name, both candidatures and the
// piece's bytes; another candidate cannot get it; the report counts the sections; audited); staff
// ask for the account's deletion: refused while the transmitted candidature is in progress (the
// report says why, nothing deleted), then forced: the account can no longer log in, its files and
// export archive are gone from the storage, its candidature workflows too, the report counts them,
// the audit trail is kept. A candidate's own deletion request waits for a candidate manager, who
// carries it out (nothing in progress: no force needed).
// Data owned here: accounts `D<xx>000nn` of campaign 2026-P (random letters per run).
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { candidatureWorkflowId } from '../../contracts/candidature.ts';
import { EXPORT_ARCHIVE_DAYS } from '../../domain/data-protection.ts';
import { createFileStorage } from '../../infra/storage.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';
import { minimalPdf } from '../support/pdf.ts';
import { startTimeSkippingApp } from '../support/time-skipping.ts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

let t: TestApp;
const run = randomUUID().slice(0, 8);
const letters = () => String.fromCharCode(...Array.from({ length: 2 }, () => 65 + Math.floor(Math.random() * 26)));
const prefix = `D${letters()}`;
const CAMPAIGN = '2026-P';
let emails: string[];
let manager: string;

beforeAll(async () => {
  t = await startTestApp();
  emails = await createCandidates(t.db, CAMPAIGN, prefix, 4);
  manager = await t.login('scol');
}, 240_000);
afterAll(async () => t?.stop());

const dossierOf = (email: string) => email.split('@')[0]!.toUpperCase();

/** Applies to a free demo formation (FST, Pégase) that asks for supporting documents; returns the candidature's view. */
async function apply(token: string) {
  const [offer, mine] = await Promise.all([t.api('GET', `/api/campaigns/${CAMPAIGN}/formations`), t.api('GET', '/api/candidatures', { token })]);
  const taken = new Set((mine.body as { formationCode: string }[]).map((c) => c.formationCode));
  const free = (offer.body as { code: string; centre: { code: string } }[]).filter((f) => f.centre.code === 'FST' && !taken.has(f.code)).map((f) => f.code);
  const withPieces = await t.db.formation.findFirst({ where: { code: { in: free }, supportingDocuments: { some: {} } }, select: { code: true } });
  const formationCode = withPieces?.code ?? (await t.freeFormation(token, CAMPAIGN));
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status).toBe(201);
  return created.body as { id: string; pieces: { code: string; status: string; conditional: boolean }[] };
}

/** Uploads a piece of a draft candidature with distinctive bytes; returns them. */
async function uploadPiece(token: string, candidature: { id: string; pieces: { code: string; conditional: boolean }[] }, note: string) {
  const piece = candidature.pieces.find((p) => !p.conditional) ?? candidature.pieces[0];
  expect(piece, 'the demo formation asks for a supporting document').toBeDefined();
  const data = minimalPdf(note);
  const res = await t.upload(token, candidature.id, piece!.code, { name: `releve-${run}.pdf`, type: 'application/pdf', data });
  expect(res.status).toBe(200);
  return Buffer.from(data);
}

async function download(path: string, token: string, app: TestApp = t) {
  const res = await fetch(`${app.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The execution's status, or `gone` once deleted. */
const ended = (temporal: Awaited<ReturnType<typeof connectTemporal>>, id: string) =>
  temporal.workflow
    .getHandle(candidatureWorkflowId(id))
    .describe()
    .then(
      (d) => d.status.name as string,
      (err: Error) => (err.name === 'WorkflowNotFoundError' ? 'gone' : err.message),
    );

/** Whether the execution (and its history) is gone from Temporal (deleted in the background). */
const gone = async (temporal: Awaited<ReturnType<typeof connectTemporal>>, id: string) => (await ended(temporal, id)) === 'gone';

const requestOf = (id: number) => t.api('GET', `/api/staff/data-protection/requests/${id}`, { token: manager });
const finished = (id: number) =>
  t
    .eventually(
      () => requestOf(id),
      (r) => r.status === 200 && (r.body.status === 'done' || r.body.status === 'failed'),
      60_000,
    )
    .then((r) => r.body);

describe('data-protection requests', () => {
  let candidate: string;
  let transmitted: string;
  let draft: string;
  let pieceBytes: Buffer;
  let exportId: number;

  it('exports everything held about a candidate into a zip only they and staff can download', async () => {
    candidate = await t.login(emails[0]!);
    const first = await apply(candidate);
    transmitted = first.id;
    await t.completeFile(candidate, transmitted);
    expect((await t.api('POST', `/api/candidatures/${transmitted}/transmit`, { token: candidate })).status).toBe(200);
    const second = await apply(candidate);
    draft = second.id;
    pieceBytes = await uploadPiece(candidate, second, `export ${run}`);

    // Two clicks at once make one request.
    const [a, b] = await Promise.all([
      t.api('POST', '/api/account/data-export', { token: candidate }),
      t.api('POST', '/api/account/data-export', { token: candidate }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.id).toBe(b.body.id);
    exportId = a.body.id;
    expect(a.body).toMatchObject({ kind: 'export', workflowId: `data-protection-export-${exportId}` });
    expect(['pending', 'running', 'done']).toContain(a.body.status);

    const status = await t.eventually(
      () => t.api('GET', '/api/account/data-export', { token: candidate }),
      (r) => r.body?.status === 'done' || r.body?.status === 'failed',
      60_000,
    );
    expect(status.body).toMatchObject({ id: exportId, status: 'done', archive: true });

    const zipped = await download('/api/account/data-export/archive', candidate);
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    expect(zipped.headers.get('x-content-type-options')).toBe('nosniff');
    expect(zipped.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''donnees-/);
    const zip = await JSZip.loadAsync(zipped.bytes);
    const data = JSON.parse(await zip.file('donnees.json')!.async('string'));
    expect(data.account).toMatchObject({ dossierNumber: dossierOf(emails[0]!), lastName: 'ESSAI1', firstName: 'Alex', email: emails[0] });
    expect(data.account.passwordHash).toBeUndefined();
    expect(data.profile.civilStatus).toMatchObject({ birthName: 'ESSAI1' });
    expect(data.profile.address).toMatchObject({ postcode: '69002' });
    expect(data.candidatures.map((c: { id: string }) => c.id).sort()).toEqual([transmitted, draft].sort());
    expect(data.candidatures.find((c: { id: string }) => c.id === transmitted).stage).toBe('transmitted');
    expect(data.mails.length).toBeGreaterThan(0);
    const file = data.files.find((f: { name: string }) => f.name === `releve-${run}.pdf`);
    expect(file?.path).toMatch(/^fichiers\//);
    expect(Buffer.from(await zip.file(file.path)!.async('uint8array')).equals(pieceBytes)).toBe(true);
    const readme = await zip.file('LISEZMOI.txt')!.async('string');
    expect(readme).toContain('RGPD');
    expect(readme).toContain('GDPR');

    // Another candidate gets none of it; a staff member's copy needs the candidate-management right.
    const other = await t.login(emails[1]!);
    expect((await download('/api/account/data-export/archive', other)).status).toBe(404);
    expect((await t.api('GET', '/api/account/data-export', { token: other })).status).toBe(404);
    expect((await download(`/api/staff/data-protection/requests/${exportId}/archive`, other)).status).toBe(403);
    const staffCopy = await download(`/api/staff/data-protection/requests/${exportId}/archive`, manager);
    expect(staffCopy.status).toBe(200);
    expect(staffCopy.bytes.equals(zipped.bytes)).toBe(true);

    const report = (await requestOf(exportId)).body.report;
    expect(report.counts).toMatchObject({ account: 1, civilStatus: 1, address: 1, bac: 1, candidatures: 2, files: 2 });
    expect(report.archive.size).toBe(zipped.bytes.length);
    const audit = await t.db.auditEvent.findMany({ where: { subject: `candidate:${dossierOf(emails[0]!)}` } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['DATA_PROTECTION_REQUESTED', 'DATA_PROTECTION_DONE']));
  });

  it('refuses a deletion while a candidature is in progress, then deletes everything when forced', async () => {
    const dossier = dossierOf(emails[0]!);
    // A commission member has no candidate-management right here.
    const commission = await t.login('commission');
    const denied = await t.api('POST', '/api/staff/data-protection/requests', { token: commission, body: { dossierNumber: dossier, kind: 'deletion' } });
    expect(denied.status).toBe(403);
    expect((await t.api('POST', '/api/staff/data-protection/requests', { token: manager, body: { dossierNumber: 'ZZ999999', kind: 'deletion' } })).status).toBe(
      404,
    );

    const refused = await t.api('POST', '/api/staff/data-protection/requests', { token: manager, body: { dossierNumber: dossier, kind: 'deletion' } });
    expect(refused.status).toBe(202);
    const refusal = await finished(refused.body.id);
    expect(refusal.status).toBe('failed');
    expect(refusal.report.failure.fr).toContain('Suppression refusée');
    expect(refusal.report.failure.en).toContain('Deletion refused');
    expect(refusal.report.inProgress.map((c: { id: string }) => c.id)).toEqual([transmitted]);
    const history = await connectTemporal(t.config);
    try {
      await captureHistory('data-protection-deletion-refused', history.workflow.getHandle(refusal.workflowId));
    } finally {
      await history.connection.close();
    }
    // Nothing was deleted.
    expect(await t.login(emails[0]!)).toBeTruthy();
    expect(await t.db.candidature.count({ where: { id: { in: [transmitted, draft] } } })).toBe(2);

    const files = await t.db.storedFile.findMany({ where: { account: { dossierNumber: dossier } }, select: { code: true } });
    expect(files.length).toBe(2); // the transmitted candidature's pieces (one file for both) and the draft's
    expect(exportId).toBeGreaterThan(0);
    const archive = (await t.db.dataProtectionRequest.findUniqueOrThrow({ where: { id: exportId } })).archiveCode!;
    const storage = createFileStorage(t.config);
    expect(await storage.get(archive)).not.toBeNull();

    const forced = await t.api('POST', '/api/staff/data-protection/requests', {
      token: manager,
      body: { dossierNumber: dossier, kind: 'deletion', force: true, note: `test ${run}` },
    });
    expect(forced.status).toBe(202);
    expect(forced.body.id).not.toBe(refused.body.id);
    const done = await finished(forced.body.id);
    expect(done.status).toBe('done');
    expect(done.report.request).toMatchObject({ force: true, origin: 'staff', note: `test ${run}` });
    expect(done.report.counts).toMatchObject({
      account: 1,
      civilStatus: 1,
      address: 1,
      bac: 1,
      candidatures: 2,
      files: 2,
      exportArchives: 1,
      workflowHistories: 2,
    });
    expect(done.report.inProgress.map((c: { id: string }) => c.id)).toEqual([transmitted]);
    expect(done.report.kept.map((k: { what: string }) => k.what)).toEqual(expect.arrayContaining(['auditTrail', 'dossierNumber', 'sisAdmissions']));

    // The account can no longer log in, nor use the session it had.
    const login = await t.api('POST', '/api/session', { body: { login: emails[0], password: 'Demo-2026!' } });
    expect(login.status).toBe(401);
    await expect.poll(async () => (await t.api('GET', '/api/account', { token: candidate })).status, { timeout: 15_000 }).toBe(401);
    // Its files and its export archive are gone from the storage, its rows and workflows too.
    for (const f of files) expect(await storage.get(f.code)).toBeNull();
    expect(await storage.get(archive)).toBeNull();
    expect(await t.db.candidateAccount.count({ where: { dossierNumber: dossier } })).toBe(0);
    expect(await t.db.candidature.count({ where: { id: { in: [transmitted, draft] } } })).toBe(0);
    expect(await t.db.mailLog.count({ where: { candidatureId: { in: [transmitted, draft] } } })).toBe(0);
    const temporal = await connectTemporal(t.config);
    try {
      // Ended at once (terminated with the request as the reason); their histories are deleted in the background (checked below).
      for (const id of [transmitted, draft]) expect(await ended(temporal, id)).toMatch(/^(TERMINATED|gone)$/);
    } finally {
      await temporal.connection.close();
    }
    // The audit trail and the requests are kept, with the dossier number only.
    const audit = await t.db.auditEvent.findMany({ where: { subject: `candidate:${dossier}` } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['DATA_PROTECTION_REQUESTED', 'DATA_PROTECTION_FAILED', 'CANDIDATE_ACCOUNT_DELETED']));
    expect((await requestOf(exportId)).body).toMatchObject({ status: 'done', dossierNumber: dossier, archive: false });
    expect((await download(`/api/staff/data-protection/requests/${exportId}/archive`, manager)).status).toBe(404);
  });

  it('records a candidate’s deletion request for a candidate manager, who carries it out', async () => {
    const token = await t.login(emails[2]!);
    const dossier = dossierOf(emails[2]!);
    const candidature = await apply(token);
    await uploadPiece(token, candidature, `deletion ${run}`);
    expect((await t.api('POST', '/api/account/deletion-request', { token, body: { matrix: true } })).status).toBe(400);

    const asked = await t.api('POST', '/api/account/deletion-request', { token, body: { note: 'Je ne candidate plus.' } });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'deletion', status: 'pending', requestedBy: dossier });
    // Nothing is deleted at once.
    expect((await t.api('GET', '/api/account', { token })).status).toBe(200);
    const list = await t.api('GET', `/api/staff/data-protection/requests?dossierNumber=${dossier}`, { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.map((r: { id: number }) => r.id)).toEqual([asked.body.id]);

    // The manager carries it out: the same request; a draft candidature does not hold it back.
    const carried = await t.api('POST', '/api/staff/data-protection/requests', { token: manager, body: { dossierNumber: dossier, kind: 'deletion' } });
    expect(carried.status).toBe(202);
    expect(carried.body.id).toBe(asked.body.id);
    const done = await finished(asked.body.id);
    expect(done.status).toBe('done');
    expect(done.report.request).toMatchObject({ origin: 'candidate', force: false, note: 'Je ne candidate plus.' });
    expect(done.report.counts).toMatchObject({ account: 1, candidatures: 1, files: 1 });
    expect(done.report.inProgress).toEqual([]);
    expect((await t.api('POST', '/api/session', { body: { login: emails[2], password: 'Demo-2026!' } })).status).toBe(401);
    const temporal = await connectTemporal(t.config);
    try {
      // Ended at once; Temporal deletes the execution and its history in the background, once its
      // visibility queue has moved past the workflow's close (30 to 90 s on the dev server).
      expect(await ended(temporal, candidature.id)).toMatch(/^(TERMINATED|gone)$/);
      await expect.poll(() => gone(temporal, candidature.id), { timeout: 150_000, interval: 2000 }).toBe(true);
      await captureHistory('data-protection-deletion', temporal.workflow.getHandle(`data-protection-deletion-${asked.body.id}`));
    } finally {
      await temporal.connection.close();
    }
  }, 200_000);
});

describe('an export archive on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let ts: TestApp;
  beforeAll(async () => {
    ({ env, t: ts } = await startTimeSkippingApp());
  }, 180_000);
  afterAll(async () => {
    await ts?.stop();
    await env?.teardown();
  });

  it(`is deleted ${EXPORT_ARCHIVE_DAYS} days after the export, the request staying done`, async () => {
    const token = await ts.login(emails[3]!);
    const asked = await ts.api('POST', '/api/account/data-export', { token });
    expect(asked.status).toBe(202);
    const done = await ts.eventually(
      () => ts.api('GET', '/api/account/data-export', { token }),
      (r) => r.body?.status === 'done',
      60_000,
    );
    expect(done.body).toMatchObject({ archive: true, report: { counts: { account: 1, candidatures: 0 } } });
    const code = (await ts.db.dataProtectionRequest.findUniqueOrThrow({ where: { id: asked.body.id } })).archiveCode!;
    const storage = createFileStorage(ts.config);
    expect(await storage.get(code)).not.toBeNull();

    // A day before: still there.
    await env.sleep(`${EXPORT_ARCHIVE_DAYS - 1} days`);
    expect((await download('/api/account/data-export/archive', token, ts)).status).toBe(200);
    // Past it: gone, and said so.
    await env.sleep('2 days');
    await ts.eventually(
      () => ts.api('GET', '/api/account/data-export', { token }),
      (r) => r.body?.archive === false,
    );
    expect(await storage.get(code)).toBeNull();
    expect((await download('/api/account/data-export/archive', token, ts)).status).toBe(404);
    const handle = env.client.workflow.getHandle(asked.body.workflowId);
    await handle.result();
    await captureHistory('data-protection-export', handle);
  });
});
