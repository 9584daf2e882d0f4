// `npm start` as a user runs it, twice: a candidature begun before a restart continues after it,
// because PostgreSQL and the Temporal dev server keep their data under the data folder, and Ctrl-C
// stops every child process. The stack under test embeds its own PostgreSQL and Temporal (the test
// runner's DATABASE_URL / TEMPORAL_ADDRESS are removed from its environment).
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/config.ts';
import { freePort } from '../../infra/ports.ts';

const children: ChildProcess[] = [];
let dataDir = '';

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function startApp(port: number): { child: ChildProcess; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), APP_MODE: 'development' };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PEGASE_OPI_DIR', 'TEMPORAL_UI_URL']) delete env[name];
  const child = spawn(join(ROOT_DIR, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  children.push(child);
  return { child, output: () => out };
}

async function waitHealthy(base: string, app: { child: ChildProcess; output: () => string }, timeoutMs = 240_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (app.child.exitCode !== null) throw new Error(`npm start exited with ${app.child.exitCode}:\n${app.output()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm start not healthy after ${timeoutMs} ms:\n${app.output()}`);
}

async function stop(app: { child: ChildProcess; output: () => string }): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => app.child.once('exit', (code) => resolve(code)));
  app.child.kill('SIGINT');
  return Promise.race([exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no clean stop:\n${app.output()}`)), 60_000))]);
}

/**
 * One request as a well-behaved client makes it: a 503 (Temporal or a worker not ready yet, just after a
 * start) is retried after its Retry-After, with the same Idempotency-Key, for a minute at most.
 */
async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const idempotencyKey = randomUUID();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method !== 'GET' ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 2) * 1000));
      continue;
    }
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
}

async function login(base: string, who: string): Promise<string> {
  const res = await call(base, 'POST', '/api/session', undefined, { login: who, password: 'Demo-2026!' });
  expect(res.status).toBe(200);
  return res.body.token;
}

describe('npm start, stopped and started again', () => {
  it('serves the app, stops cleanly on Ctrl-C and continues a candidature after the restart', { timeout: 600_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecandidat-restart-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    // First run: apply and transmit.
    const first = startApp(port);
    await waitHealthy(base, first);
    expect(first.output()).toContain('candidat@demo.test');
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    let candidate = await login(base, 'candidat@demo.test');
    // L3-INFO asks for no supporting document: the candidature can be transmitted at once.
    const created = await call(base, 'POST', '/api/candidatures', candidate, { formationCode: 'L3-INFO' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await call(base, 'POST', `/api/candidatures/${id}/transmit`, candidate)).status).toBe(200);
    expect(await stop(first)).toBe(0);
    // Every child is gone: the app port is free again.
    expect(await freePort(port)).toBe(port);

    // Second run on the same data: the candidature is where it was and goes on to the export.
    const second = startApp(port);
    await waitHealthy(base, second);
    candidate = await login(base, 'candidat@demo.test');
    const centre = await login(base, 'centre');
    const after = await call(base, 'GET', `/api/candidatures/${id}`, candidate);
    expect(after.body).toMatchObject({ id, stage: 'transmitted', dossierStatus: 'RE' });
    const received = await call(base, 'POST', `/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'CO' });
    expect(received.status, `${JSON.stringify(received.body)}\n${second.output().slice(-4000)}`).toBe(200);
    expect((await call(base, 'POST', `/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_FAVORABLE' })).status).toBe(200);
    expect((await call(base, 'POST', `/api/staff/candidatures/${id}/opinions/validate`, centre)).status).toBe(200);
    expect((await call(base, 'POST', `/api/candidatures/${id}/confirm`, candidate)).status).toBe(200);
    const until = Date.now() + 60_000;
    let exported = await call(base, 'GET', `/api/candidatures/${id}`, candidate);
    while (exported.body.export.status !== 'done' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      exported = await call(base, 'GET', `/api/candidatures/${id}`, candidate);
    }
    expect(exported.body.export.status).toBe('done');
    expect((await readdir(join(dataDir, 'pegase-opi'))).some((f) => f.startsWith('candidature-'))).toBe(true);
    expect(await stop(second)).toBe(0);
  });
});
