// Brings up the real application for an integration test: migrations and seed on the test
// database (from scripts/test.ts), an SMTP catcher, the Apogée and Pégase simulators (unless
// APOGEE_URL / PEGASE_URL point at real ones), a worker on its own task queue and the HTTP server on a free port, all talking
// to the real PostgreSQL and Temporal dev server.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../api/server.ts';
import { loadConfig, type AppConfig } from '../../infra/config.ts';
import { applyMigrations } from '../../infra/migrate.ts';
import { freePort } from '../../infra/ports.ts';
import { createPrisma } from '../../infra/prisma.ts';
import { startSmtpCatcher } from '../../infra/smtp-catcher.ts';
import { seed } from '../../prisma/seed.ts';
import { startApogeeSimulator } from '../../sis/apogee/simulator/server.ts';
import { startPegaseSimulator } from '../../sis/pegase/simulator/server.ts';
import { startWorker } from '../../worker/main.ts';
import { minimalPdf } from './pdf.ts';
import { createCandidates } from './candidates.ts';
import { waitFor } from './wait.ts';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export async function startTestApp(overrides: Partial<AppConfig> = {}) {
  const base = loadConfig();
  await applyMigrations(base.databaseUrl);
  const db = createPrisma(base.databaseUrl);
  await seed(db, { mode: 'test' });
  const smtp = await startSmtpCatcher();
  const apogee = base.apogee.url ? null : await startApogeeSimulator();
  const pegase = base.pegase.url ? null : await startPegaseSimulator({ jobProcessingMs: 20 });
  const config: AppConfig = {
    ...base,
    smtpUrl: smtp.url,
    pegaseOpiDir: await mkdtemp(join(tmpdir(), 'pegase-opi-')),
    taskQueue: `test-${randomUUID().slice(0, 8)}`,
    port: await freePort(),
    mode: 'test',
    apogee: { ...base.apogee, url: apogee?.url ?? base.apogee.url, timeoutMs: 3000 },
    pegase: { ...base.pegase, url: pegase?.url ?? base.pegase.url, timeoutMs: 3000, importPollMs: 20 },
    ...overrides,
  };
  const worker = await startWorker(config);
  const server = await startServer(config, { devInbox: smtp });

  /** Calls the API like a client would (JSON, optional bearer token and headers). */
  async function api(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  }

  async function login(loginName: string, password = 'Demo-2026!'): Promise<string> {
    const res = await api('POST', '/api/session', { body: { login: loginName, password } });
    if (res.status !== 200) throw new Error(`login ${loginName} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }

  /** Polls until the predicate holds (workflows work asynchronously after an update returns). */
  function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
    return waitFor(fn, ok, 'condition', timeoutMs);
  }

  /** Uploads a file as the supporting document `code` (multipart, as the web app does). */
  async function upload(token: string, id: string, code: string, file = { name: 'piece.pdf', type: 'application/pdf', data: minimalPdf() }) {
    const form = new FormData();
    form.append('file', new Blob([file.data], { type: file.type }), file.name);
    const res = await fetch(`${server.url}/api/candidatures/${id}/pieces/${code}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  /**
   * Completes a candidature's file as a candidate would: uploads every mandatory piece, declares the
   * conditional ones "not concerned", answers every question. Returns the last view.
   */
  async function completeFile(token: string, id: string) {
    let view = (await api('GET', `/api/candidatures/${id}`, { token })).body;
    const ok = (res: { status: number; body: any }, what: string) => {
      if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    for (const p of view.pieces ?? []) {
      if (p.status !== 'AT' && p.status !== 'RE') continue;
      view = p.conditional
        ? ok(await api('POST', `/api/candidatures/${id}/pieces/${p.code}/not-concerned`, { token }), `piece ${p.code} NC`)
        : ok(await upload(token, id, p.code), `upload ${p.code}`);
    }
    for (const q of view.questions ?? []) {
      if (q.answer !== null || q.notConcerned) continue;
      view = q.conditional
        ? ok(await api('POST', `/api/candidatures/${id}/questions/${q.code}/not-concerned`, { token }), `question ${q.code} NC`)
        : ok(await api('PUT', `/api/candidatures/${id}/questions/${q.code}`, { token, body: { answer: 'Réponse de test.' } }), `answer ${q.code}`);
    }
    return view;
  }

  /**
   * Takes a created candidature to a published decision, as its users would: the candidate completes
   * the file and transmits, the manager sets the file complete, enters the opinion and validates it.
   */
  async function bringToDecision(
    id: string,
    who: { candidate: string; manager: string },
    opinion: Record<string, unknown> = { decisionType: 'AVIS_FAVORABLE' },
  ) {
    await completeFile(who.candidate, id);
    let view: any;
    for (const [path, token, body] of [
      [`/api/candidatures/${id}/transmit`, who.candidate, undefined],
      [`/api/staff/candidatures/${id}/dossier-status`, who.manager, { status: 'CO' }],
      [`/api/staff/candidatures/${id}/opinions`, who.manager, opinion],
      [`/api/staff/candidatures/${id}/opinions/validate`, who.manager, undefined],
    ] as const) {
      const res = await api('POST', path, { token, ...(body ? { body } : {}) });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      view = res.body;
    }
    return view;
  }

  /**
   * A new candidate of campaign 2026-P (dossier numbers `<prefix>…`) with a draft candidature on a free
   * formation: the candidature's id and the code of its first mandatory piece, for upload tests.
   */
  async function draftWithPiece(prefix: string): Promise<{ email: string; token: string; id: string; piece: string }> {
    const email = (await createCandidates(db, '2026-P', prefix, 1))[0]!;
    const token = await login(email);
    const formationCode = await freeFormation(token, '2026-P');
    const created = await api('POST', '/api/candidatures', { token, body: { formationCode } });
    if (created.status !== 201) throw new Error(`candidature not created: ${created.status} ${JSON.stringify(created.body)}`);
    return { email, token, id: created.body.id, piece: created.body.pieces.find((p: { conditional: boolean }) => !p.conditional)?.code };
  }

  /** A demo formation of the campaign this candidate has no active candidature for (test files share the database). */
  async function freeFormation(token: string, campaignCode: string): Promise<string> {
    const [offer, mine] = await Promise.all([api('GET', `/api/campaigns/${campaignCode}/formations`), api('GET', '/api/candidatures', { token })]);
    const taken = new Set(mine.body.filter((c: { stage: string }) => c.stage !== 'cancelled').map((c: { formationCode: string }) => c.formationCode));
    // The demo's formations (other test files add formations of their own, with other settings).
    const free = (offer.body as { code: string; centre: { code: string } }[]).find((f) => ['FST', 'DEG'].includes(f.centre.code) && !taken.has(f.code));
    if (!free) throw new Error(`no free formation left in ${campaignCode} for this candidate`);
    return free.code;
  }

  /** Applies to a free formation of the campaign and takes it to a validated favourable decision (manager `centre`). */
  async function decidedCandidature(token: string, campaignCode: string): Promise<{ id: string; formationCode: string }> {
    const formationCode = await freeFormation(token, campaignCode);
    const created = await api('POST', '/api/candidatures', { token, body: { formationCode } });
    if (created.status !== 201) throw new Error(`apply to ${formationCode}: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    await bringToDecision(id, { candidate: token, manager: await login('centre') });
    return { id, formationCode };
  }

  return {
    upload,
    freeFormation,
    draftWithPiece,
    decidedCandidature,
    completeFile,
    bringToDecision,
    config,
    db,
    smtp,
    /** The Apogée simulator of this app (null when APOGEE_URL is set). */
    apogee,
    /** The Pégase simulator of this app (null when PEGASE_URL is set). */
    pegase,
    worker,
    server,
    api,
    login,
    eventually,
    async stop() {
      await server.close();
      await worker.shutdown();
      await smtp.stop();
      await apogee?.stop();
      await pegase?.stop();
      await db.$disconnect();
    },
  };
}
