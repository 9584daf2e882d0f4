// Stopping `npm start` is one orderly shutdown whichever processes get the signal. In a terminal, Ctrl-C
// sends SIGINT to the whole foreground process group (npm and the node process it runs, each relaying
// it to the other); a service manager or `kill` sends SIGTERM to npm alone. Both are run here on
// `npm start` itself, spawned in its own process group as a shell runs it, with an embedded PostgreSQL
// and Temporal dev server of its own (the test runner's DATABASE_URL / TEMPORAL_ADDRESS removed), a
// temporary DATA_DIR and a free port. Afterwards: exit code 0, no "exiting without waiting", every
// part logged as stopped, the ports closed (api, PostgreSQL, Temporal), and no process left in the group nor anywhere using the
// data folder (the PostgreSQL and Temporal servers run in process groups of their own).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/config.ts';
import { freePort } from '../../infra/ports.ts';

interface App {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string | null>;
}

const apps: App[] = [];
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ecandidat-signal-'));
});

afterAll(async () => {
  for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) killGroupQuietly(app.child.pid!, 'SIGKILL');
  for (const pid of processesUsing(dataDir)) killQuietly(pid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* gone */
  }
}
function killGroupQuietly(pgid: number, signal: NodeJS.Signals): void {
  killQuietly(-pgid, signal);
}

/** Live processes from /proc: pid, process group and command line. */
function processes(): { pid: number; pgid: number; cmdline: string }[] {
  const list: { pid: number; pgid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after "(comm)": state ppid pgrp …; a zombie has been reaped as far as we care.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      list.push({ pid: Number(name), pgid: Number(pgrp), cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      /* exited meanwhile */
    }
  }
  return list;
}
const processesInGroup = (pgid: number) => processes().filter((p) => p.pgid === pgid && p.pid !== process.pid);
const processesUsing = (dir: string) =>
  dir
    ? processes()
        .filter((p) => p.cmdline.includes(dir))
        .map((p) => p.pid)
    : [];

/** `npm start` in a process group of its own, as an interactive shell runs a foreground job. */
function npmStart(port: number): App {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), APP_MODE: 'development' };
  for (const name of [
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'SMTP_URL',
    'APOGEE_URL',
    'PEGASE_URL',
    'PEGASE_OPI_DIR',
    'FILES_DIR',
    'TEMPORAL_UI_URL',
    'TEMPORAL_TASK_QUEUE',
  ])
    delete env[name];
  const child = spawn('npm', ['start'], { cwd: ROOT_DIR, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const app = { child, output: () => out, exited };
  apps.push(app);
  return app;
}

async function healthy(app: App, base: string): Promise<void> {
  let up = false;
  const early = app.exited.then((code) => {
    if (!up) throw new Error(`npm start exited with ${code} before being healthy:\n${app.output()}`);
  });
  const status = () =>
    fetch(`${base}/api/health`)
      .then((r) => r.status)
      .catch(() => 0);
  await Promise.race([expect.poll(status, { timeout: 240_000, interval: 500 }).toBe(200), early]);
  up = true;
}

/** Whether something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stoppedWithin(app: App, ms: number): Promise<number | string | null> {
  return Promise.race([
    app.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`npm start still running after ${ms} ms:\n${app.output()}`)), ms)),
  ]);
}

async function expectOrderlyStop(app: App, base: string): Promise<void> {
  const pgid = app.child.pid!;
  const code = await stoppedWithin(app, 120_000);
  const out = app.output();
  expect(code, out).toBe(0);
  expect(out).not.toMatch(/again/i);
  expect(out).not.toMatch(/stop failed/);
  // Every part stopped in order, the last started first.
  const order = ['HTTP server stopped', 'worker stopped', 'Temporal dev server stopped', 'PostgreSQL stopped'].map((line) => out.indexOf(line));
  expect(
    order.every((at) => at >= 0),
    out,
  ).toBe(true);
  expect(order.indexOf(Math.min(...order))).toBe(0);
  expect(out.indexOf('PostgreSQL stopped')).toBeGreaterThan(out.indexOf('worker stopped'));
  await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  // PostgreSQL's and Temporal's ports ("ready on 127.0.0.1:<port>") no longer accept connections.
  const ports = [...out.matchAll(/(PostgreSQL|Temporal): (?:dev server )?ready on 127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[2]));
  expect(ports.length, out).toBe(2);
  for (const port of ports) expect(await accepts(port), `port ${port}`).toBe(false);
  // Nothing left: not in npm's group, and no server on the data folder (they run in groups of their own).
  await expect.poll(() => processesInGroup(pgid), { timeout: 5_000 }).toEqual([]);
  await expect.poll(() => processesUsing(dataDir), { timeout: 5_000 }).toEqual([]);
}

describe('stopping npm start', () => {
  it('Ctrl-C (SIGINT to the whole process group) is one orderly shutdown, exit 0, nothing left behind', { timeout: 420_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = npmStart(port);
    await healthy(app, base);
    // The servers of this run exist (so that "none left" below can fail): PostgreSQL and Temporal on the data folder.
    expect(processesUsing(dataDir).length, app.output()).toBeGreaterThanOrEqual(2);
    expect(processesInGroup(app.child.pid!).length).toBeGreaterThanOrEqual(2); // npm and node at least
    process.kill(-app.child.pid!, 'SIGINT');
    await expectOrderlyStop(app, base);
  });

  it('SIGTERM to npm alone (a service manager, kill) is the same orderly shutdown', { timeout: 420_000 }, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = npmStart(port);
    await healthy(app, base);
    process.kill(app.child.pid!, 'SIGTERM');
    await expectOrderlyStop(app, base);
  });
});
