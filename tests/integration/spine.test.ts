// The spine, end to end through the HTTP API, against the real Temporal dev server and PostgreSQL:
// a candidate applies and transmits, a manager completes the file, enters and validates a favourable
// opinion, the candidate confirms and the admission is exported to Pégase as CSV files.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { connectTemporal } from '../../api/temporal.ts';
import { parisDate } from '../../domain/time.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

describe('platform', () => {
  it('reports database, Temporal and worker healthy', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.parts).toMatchObject({ database: 'ok', temporal: 'ok' });
    expect(res.body.parts.worker).toMatch(/^ok/);
  });

  it('names the failing part with 503 when no worker polls the task queue', async () => {
    const temporal = await connectTemporal(t.config);
    const app = await buildApp({ config: { ...t.config, taskQueue: 'nobody-polls-this-queue' }, db: t.db, temporal });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().failing).toEqual(['worker']);
    await app.close();
    await temporal.connection.close();
  });

  it('publishes the OpenAPI document of the whole API', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/health',
      '/api/session',
      '/api/campaigns',
      '/api/campaigns/{code}/formations',
      '/api/candidatures',
      '/api/candidatures/{id}',
      '/api/candidatures/{id}/transmit',
      '/api/candidatures/{id}/confirm',
      '/api/candidatures/{id}/withdraw',
      '/api/staff/candidatures/{id}/dossier-status',
      '/api/staff/candidatures/{id}/opinions',
      '/api/staff/candidatures/{id}/opinions/validate',
      '/api/admin/candidatures/{id}/history',
    ])
      expect(Object.keys(res.body.paths)).toContain(path);
  });

  it('refuses bad credentials with 401 problem+json', async () => {
    const res = await t.api('POST', '/api/session', { body: { login: 'candidat@demo.test', password: 'wrong' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('holds a login after 10 wrong passwords: 429 with Retry-After, even with the right password; other logins go on', async () => {
    const [email] = await createCandidates(t.db, '2026-P', 'GUESS', 1);
    for (let n = 1; n <= t.config.loginMaxFailures; n++)
      expect((await t.api('POST', '/api/session', { body: { login: email, password: `faux-${n}` } })).status, `attempt ${n}`).toBe(401);
    const held = await t.api('POST', '/api/session', { body: { login: email, password: DEMO_PASSWORD } });
    expect(held.status).toBe(429);
    expect(held.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect((await t.api('POST', '/api/session', { body: { login: 'admin', password: DEMO_PASSWORD } })).status).toBe(200);
  });

  it('sets an HttpOnly SameSite session cookie that authenticates later requests', async () => {
    const res = await fetch(`${t.server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'scol', password: 'Demo-2026!' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${t.server.url}/api/session`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ kind: 'staff', login: 'scol' });
  });

  it('lists both campaigns with their SIS', async () => {
    // Other test files add campaigns of their own (not in service) to the shared database.
    const res = await t.api('GET', '/api/campaigns');
    expect(res.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '2026-P', sisType: 'P' }), expect.objectContaining({ code: '2026-A', sisType: 'A' })]),
    );
  });
});

describe('the spine on the Pégase campaign', () => {
  let candidate: string;
  let centre: string;
  let commission: string;
  let admin: string;
  let id: string;
  let formationCode: string;

  beforeAll(async () => {
    [candidate, centre, commission, admin] = await Promise.all([t.login('candidat@demo.test'), t.login('centre'), t.login('commission'), t.login('admin')]);
    const formations = await t.api('GET', '/api/campaigns/2026-P/formations');
    expect(formations.status).toBe(200);
    expect(formations.body.length).toBeGreaterThanOrEqual(6);
    // A formation of the demo's Pégase centre that asks for documents (other test files add formations of their own).
    const withDocuments = await t.db.formation.findFirstOrThrow({
      where: { code: { in: formations.body.map((f: { code: string }) => f.code) }, commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} } },
      orderBy: { code: 'asc' },
    });
    formationCode = withDocuments.code;
  });

  it('rejects an application without formation code, naming the field', async () => {
    const res = await t.api('POST', '/api/candidatures', { token: candidate, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('formationCode');
  });

  it('creates one candidature per idempotency key', async () => {
    const key = `spine-${Date.now()}`;
    const first = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      campaignCode: '2026-P',
      formationCode,
      stage: 'draft',
      dossierStatus: 'AT',
      opinion: null,
      confirmation: { deadline: null, answer: null },
      export: { status: 'none', at: null },
    });
    expect(first.body.allowedActions).toContain('editFile');
    id = first.body.id;
    const replay = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode }, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(id);
    expect(await t.db.candidature.count({ where: { creationKey: key } })).toBe(1);
    const duplicate = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } });
    expect(duplicate.status).toBe(409);
  });

  it('refuses to transmit while a supporting document is missing, then accepts once the file is complete', async () => {
    const early = await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/Le dossier est incomplet : pièce /);
    const view = await t.completeFile(candidate, id);
    expect(view.pieces.length).toBeGreaterThan(0);
    expect(view.pieces.every((p: { status: string }) => p.status === 'TR' || p.status === 'NC')).toBe(true);
    expect(view.allowedActions).toContain('transmit');
  });

  it('lets the candidate transmit once; a second transmission is refused and changes nothing', async () => {
    const res = await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'transmitted', dossierStatus: 'RE' });
    const again = await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/déjà été transmis/);
    const view = await t.api('GET', `/api/candidatures/${id}`, { token: candidate });
    expect(view.body.seq).toBe(res.body.seq);
  });

  it('refuses staff actions to the candidate and to a member without the right', async () => {
    const asCandidate = await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: candidate, body: { status: 'CO' } });
    expect(asCandidate.status).toBe(403);
    const badStatus = await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: centre, body: { status: 'XX' } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].field).toBe('status');
    const byCommission = await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: commission, body: { status: 'CO' } });
    expect(byCommission.status).toBe(403);
  });

  it('lets the centre complete the file, the commission enter a favourable opinion and the centre validate it', async () => {
    const complete = await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: centre, body: { status: 'CO' } });
    expect(complete.status).toBe(200);
    expect(complete.body.dossierStatus).toBe('CO');

    const entered = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, {
      token: commission,
      body: { decisionType: 'AVIS_FAVORABLE', comment: 'Dossier solide' },
    });
    expect(entered.status).toBe(200);
    expect(entered.body.opinion).toMatchObject({ kind: 'FA', validated: false });

    // Not validated yet: the candidate sees no opinion.
    const hidden = await t.api('GET', `/api/candidatures/${id}`, { token: candidate });
    expect(hidden.body.opinion).toBeNull();

    const refused = await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: commission });
    expect(refused.status).toBe(403);
    const validated = await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: centre });
    expect(validated.status).toBe(200);
    expect(validated.body.stage).toBe('decided');
    expect(validated.body.confirmation.deadline).not.toBeNull();
  });

  it('shows the candidate the validated opinion and lets them confirm; the export reaches Pégase', async () => {
    const view = await t.api('GET', `/api/candidatures/${id}`, { token: candidate });
    expect(view.body.opinion).toMatchObject({ kind: 'FA', decisionType: 'AVIS_FAVORABLE' });
    expect(view.body.allowedActions).toEqual(expect.arrayContaining(['confirm', 'withdraw']));

    const confirmed = await t.api('POST', `/api/candidatures/${id}/confirm`, { token: candidate });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ stage: 'confirmed', confirmation: { answer: 'confirmed' } });

    const done = await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token: candidate }),
      (r) => r.body.export.status === 'done',
    );
    expect(done.body.export.at).not.toBeNull();
  });

  it('projected every step into the read model', async () => {
    const row = await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id } }),
      (r) => r.exportStatus === 'done',
    );
    expect(row).toMatchObject({ stage: 'confirmed', dossierStatus: 'CO', opinionKind: 'FA', opinionValidated: true, confirmationAnswer: 'confirmed' });
    const opinions = (row.state as { opinions: unknown[] }).opinions;
    expect(opinions).toHaveLength(1);
    expect(opinions[0]).toMatchObject({ decisionType: 'AVIS_FAVORABLE', enteredBy: 'commission', validated: true, validatedBy: 'centre' });
    const exportRow = await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } });
    expect(exportRow).toMatchObject({ status: 'done', sisType: 'P', kind: 'admission', attempts: 1 });

    const { dossierNumber } = await t.db.candidateAccount.findFirstOrThrow({ where: { candidatures: { some: { id } } } });
    const list = await t.api('GET', `/api/staff/candidatures?campaign=2026-P&q=${dossierNumber}&pageSize=500`, { token: centre });
    expect(list.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ stage: 'confirmed', exportStatus: 'done' });
  });

  it('wrote the candidate and candidature rows to the day’s Pégase files', async () => {
    const stamp = parisDate(new Date()).replaceAll('-', '');
    const files = await readdir(t.config.pegaseOpiDir);
    expect(files.sort()).toEqual([`candidat-${stamp}.csv`, `candidature-${stamp}.csv`, `inscription-${stamp}.csv`]);
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: 'candidat@demo.test' } });
    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: formationCode } });
    const candidat = (await readFile(join(t.config.pegaseOpiDir, `candidat-${stamp}.csv`), 'utf8')).trim().split('\n');
    expect(candidat[0]).toMatch(/^numero_candidat;sexe;nom_famille;/);
    expect(candidat.filter((l) => l.startsWith(`${account.dossierNumber};`))).toHaveLength(1);
    const candidature = (await readFile(join(t.config.pegaseOpiDir, `candidature-${stamp}.csv`), 'utf8')).trim().split('\n');
    expect(candidature).toContain(`${account.dossierNumber};EC;;;${formation.pegaseCode};2026-P;;;`);
  });

  it('imported the admission into Pégase once, through admis/import', async () => {
    const res = await fetch(`${t.pegase!.url}/__admin/received`);
    const { admissions } = (await res.json()) as { admissions: { nomFichier: string; codeVoeu: string; codePeriode: string; importe: boolean }[] };
    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: formationCode } });
    const ours = admissions.filter((a) => a.nomFichier.startsWith(`admis-${id}_1-`));
    expect(ours).toEqual([expect.objectContaining({ codeVoeu: formation.pegaseCode, codePeriode: '2026-P', importe: true })]);
  });

  it('sent the candidate the mails of each step, each recorded once', async () => {
    const subjects = await t.eventually(
      async () => t.smtp.messages().filter((m) => m.to.includes('candidat@demo.test')).length,
      (n) => n >= 4,
    );
    expect(subjects).toBeGreaterThanOrEqual(4);
    const logged = await t.db.mailLog.findMany({ where: { candidatureId: id, status: 'sent' } });
    expect(logged.map((m) => m.mailCode)).toEqual(expect.arrayContaining(['CANDIDATURE', 'STATUT_RE', 'STATUT_CO', 'AVIS_FAVORABLE', 'CANDIDATURE_CONFIRM']));
    expect(new Set(logged.map((m) => m.idempotencyKey)).size).toBe(logged.length);
  });

  it('gives admins the readable workflow history, with each transition and its actor', async () => {
    const forbidden = await t.api('GET', `/api/admin/candidatures/${id}/history`, { token: centre });
    expect(forbidden.status).toBe(403);
    const res = await t.api('GET', `/api/admin/candidatures/${id}/history`, { token: admin });
    expect(res.status).toBe(200);
    const summaries: string[] = res.body.events.map((e: { summary: string }) => e.summary);
    const accepted = res.body.events
      .filter((e: { type: string }) => e.type === 'WorkflowExecutionUpdateAccepted')
      .map((e: { summary: string }) => e.summary.split(' ')[0]);
    // The file's own updates (uploads, "not concerned") first, then the spine's transitions.
    const fileUpdates = ['submitPiece', 'declareNotConcerned', 'answerQuestion'];
    expect(accepted.filter((n: string) => !fileUpdates.includes(n))).toEqual(['transmit', 'setDossierStatus', 'enterOpinion', 'validateOpinion', 'confirm']);
    expect(accepted.indexOf('transmit')).toBeGreaterThan(accepted.lastIndexOf('submitPiece'));
    expect(summaries.some((s) => s.startsWith('validateOpinion par staff centre'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('exportToSis'))).toBe(true);
    // Refused transitions leave no trace in history.
    expect(accepted.filter((n: string) => n === 'transmit')).toHaveLength(1);
    const temporal = await connectTemporal(t.config);
    await captureHistory('spine-pegase', temporal.workflow.getHandle(res.body.workflowId));
    await temporal.connection.close();
  });
});
