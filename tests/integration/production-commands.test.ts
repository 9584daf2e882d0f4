// The exact commands the production containers run (Dockerfile, docker-compose.yml), run here with
// APP_MODE=production against the test run's real PostgreSQL (an empty database of its own) and
// Temporal dev server (a task queue of its own): `npm run db:deploy` (the one-shot migration
// service: migrations, then the production seed with the first administrator from the environment;
// a second run changes nothing), `npm run start:worker` and `npm run start:api` as separate processes
// (the api finds the worker polling: /api/health ok; the administrator logs in; the web app is served
// with the institution's name), then SIGTERM (what `docker stop` sends) stops each cleanly, exit 0.
// A missing required variable stops the api at once, naming it. As in the image, the workflow code is
// bundled ahead with `npm run build:workflows` and the worker loads that bundle (WORKFLOW_BUNDLE_PATH):
// the administrator sets up a campaign, a candidate applies, and the candidature's first step runs on
// that worker. No Docker engine runs here: the image build itself is not run (docs/operators.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ROOT_DIR } from '../../infra/config.ts';
import { createPrisma } from '../../infra/prisma.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { createCandidates } from '../support/candidates.ts';
import { freePort } from '../../infra/ports.ts';
import { ensureWebBuilt } from '../../infra/web-build.ts';
import { freshDatabase } from '../support/fresh-database.ts';

/** The workflow code bundled ahead, as the Dockerfile does (into the run's own folder here). */
let bundlePath = '';

const RUN = randomUUID().slice(0, 6);
const ADMIN = { login: `ops.${RUN}`, email: `ops-${RUN}@univ-prod.test`, password: `Prod-${RUN}-Admin!` };
const INSTITUTION = `Université de Production ${RUN}`;
const children: ChildProcess[] = [];
let env: NodeJS.ProcessEnv;
let dataDir = '';
let base = '';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string | null>;
}

/** `npm run <script>` with the production environment, as a container runs it. */
function npmRun(script: string, extraEnv: NodeJS.ProcessEnv = {}, args: string[] = []): Run {
  const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT_DIR,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  children.push(child);
  // The exit code, or the signal that ended the process.
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => out, exited };
}

async function finished(run: Run, timeoutMs = 120_000): Promise<number | string | null> {
  return Promise.race([run.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running:\n${run.output()}`)), timeoutMs))]);
}

beforeAll(async () => {
  await ensureWebBuilt();
  const test = loadConfig();
  dataDir = await mkdtemp(join(tmpdir(), 'ecandidat-prod-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    NODE_ENV: 'production',
    APP_MODE: 'production',
    DATABASE_URL: await freshDatabase('prodcmd', { migrate: false }),
    TEMPORAL_ADDRESS: test.temporalAddress,
    TEMPORAL_TASK_QUEUE: `prod-${RUN}`,
    SESSION_SECRET: randomUUID() + randomUUID(),
    INSTITUTION_NAME: INSTITUTION,
    FIRST_ADMIN_LOGIN: ADMIN.login,
    FIRST_ADMIN_EMAIL: ADMIN.email,
    FIRST_ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    SMTP_URL: 'smtp://127.0.0.1:1',
  };
  bundlePath = join(dataDir, 'workflow-bundle.js');
  env.WORKFLOW_BUNDLE_PATH = bundlePath;
  for (const name of ['PEGASE_OPI_DIR', 'FILES_DIR', 'TEMPORAL_UI_URL']) delete env[name];
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** An API call with a bearer token, as the web app's client makes it. */
async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/**
 * From an empty production installation: the administrator creates a campaign, a centre, a commission
 * and an open formation; a candidate applies, which starts the candidature's workflow and answers its
 * first step from the worker.
 */
async function firstCandidatureStep(admin: string): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const code = `P${RUN}`.toUpperCase();
  const created = async (path: string, body: object) => {
    const res = await call('POST', path, admin, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  };
  await created('/api/admin/campaigns', { code, label: `Campagne ${RUN}`, sisType: 'P', startsOn: day(-1), endsOn: day(300) });
  await created('/api/admin/centres', { code, label: `Centre ${RUN}`, sisType: 'P' });
  await created('/api/admin/commissions', { code, label: `Commission ${RUN}`, centreCode: code, email: `commission-${RUN}@univ-prod.test` });
  await created('/api/admin/formations', {
    code,
    label: `Master ${RUN}`,
    commissionCode: code,
    applicationStartsOn: day(-1),
    applicationEndsOn: day(30),
    returnDeadline: day(35),
    juryOn: day(40),
    publicationOn: day(42),
    confirmationOn: day(50),
  });
  const db = createPrisma(env.DATABASE_URL!);
  let email = '';
  try {
    email = (await createCandidates(db, code, `Q${RUN}`.toUpperCase().slice(0, 4), 1))[0]!;
  } finally {
    await db.$disconnect();
  }
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: email, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const candidate = ((await login.json()) as { token: string }).token;
  const applied = await call('POST', '/api/candidatures', candidate, { formationCode: code });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const read = await call('GET', `/api/candidatures/${applied.body.id}`, candidate);
  expect(read.status).toBe(200);
  expect(JSON.stringify(read.body)).toContain(code);
}

describe('the production commands, as the containers run them', () => {
  it('db:deploy migrates an empty database and seeds it for production; a second run changes nothing', { timeout: 240_000 }, async () => {
    const first = npmRun('db:deploy');
    expect(await finished(first), first.output()).toBe(0);
    expect(first.output()).toMatch(/applied \d+ migration\(s\)/);
    expect(first.output()).toContain('done (production)');
    const again = npmRun('db:deploy');
    expect(await finished(again), again.output()).toBe(0);
    expect(again.output()).toContain('database schema up to date');
  });

  it('build:workflows bundles the workflow code ahead, as the image does', { timeout: 240_000 }, async () => {
    const build = npmRun('build:workflows', {}, [bundlePath]);
    expect(await finished(build), build.output()).toBe(0);
    expect(build.output()).toMatch(/workflow-bundle\.js: [\d.]+ MiB/);
  });

  it('a missing required variable stops the api at once, naming it', { timeout: 120_000 }, async () => {
    const broken = npmRun('start:api', { SESSION_SECRET: '' });
    const code = await finished(broken);
    expect(code).not.toBe(0);
    expect(broken.output()).toContain('SESSION_SECRET');
  });

  it(
    'start:worker and start:api run as two processes: healthy, the administrator logs in, the app carries the institution; SIGTERM stops each with 0',
    { timeout: 300_000 },
    async () => {
      const worker = npmRun('start:worker');
      const api = npmRun('start:api');
      // Healthy as soon as the api answers 200 (the worker polling); a process that exits first fails at once.
      const health = () =>
        fetch(`${base}/api/health`)
          .then(async (res) => ({ status: res.status, body: (await res.json()) as any }))
          .catch(() => ({ status: 0, body: null as any }));
      let up = false;
      const exitedEarly = (r: Run) =>
        r.exited.then((code) => {
          if (!up) throw new Error(`exited with ${code} before being healthy:\n${r.output()}`);
        });
      await Promise.race([expect.poll(async () => (await health()).status, { timeout: 240_000 }).toBe(200), exitedEarly(worker), exitedEarly(api)]);
      up = true;
      const healthy = await health();
      expect(healthy, `${api.output()}\n${worker.output()}`).toMatchObject({ status: 200, body: { parts: { database: 'ok', temporal: 'ok' } } });
      expect(healthy.body.parts.worker).toMatch(/^ok/);
      // The readiness the compose file and the image's HEALTHCHECK probe.
      const ready = await fetch(`${base}/api/ready`);
      expect(ready.status).toBe(200);

      const session = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: ADMIN.login, password: ADMIN.password }),
      });
      expect(session.status).toBe(200);
      // Production: the session cookie is Secure, and no demo account exists.
      expect(session.headers.get('set-cookie')).toMatch(/Secure/);
      const adminToken = ((await session.json()) as { token: string }).token;
      // The worker runs the pre-built bundle, not a bundle made at its start.
      expect(worker.output()).toContain(`workflow code built ahead: ${bundlePath}`);
      await firstCandidatureStep(adminToken);
      const demo = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: 'Demo-2026!' }),
      });
      expect(demo.status).toBe(401);
      const config = (await (await fetch(`${base}/api/config`)).json()) as { institutionName?: string };
      expect(JSON.stringify(config)).toContain(INSTITUTION);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app"');

      // What `docker stop` sends: each process drains and exits 0.
      for (const r of [api, worker]) r.child.kill('SIGTERM');
      expect(await finished(api, 60_000), api.output()).toBe(0);
      expect(await finished(worker, 60_000), worker.output()).toBe(0);
      // Nothing left behind: no process still answers on the port.
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    },
  );
});
