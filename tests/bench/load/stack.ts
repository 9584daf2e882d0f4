// The stack under load, the same as `npm start` runs it: embedded PostgreSQL (durable) and the
// Temporal dev server on a SQLite file, started here in a throw-away folder (.data/bench-<pid>,
// removed at the end), and `tsx scripts/start.ts` as a child process given their DATABASE_URL and
// TEMPORAL_ADDRESS (it brings up the SMTP catcher, the SIS simulators, migrations + seed, then the
// worker and the API in one process). Or, with BENCH_URL + DATABASE_URL + TEMPORAL_ADDRESS, a stack
// that already runs: nothing is started then.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_DIR, ROOT_DIR } from '../../../infra/config.ts';
import { freePort } from '../../../infra/ports.ts';
import { startEmbeddedPostgres } from '../../../infra/postgres.ts';
import { killGroup, killWithParent, npmBinEnv, OutputTail, removeKilledRunFolders, ShutdownStack, sleep } from '../../../infra/processes.ts';
import { startTemporalDevServer } from '../../../infra/temporal-dev-server.ts';
import { pidListeningOn } from './procfs.ts';

export interface StackPids {
  /** Root of the application's processes (the `tsx scripts/start.ts` child, or the API's listener). */
  app: number | null;
  temporal: number | null;
  /** The postmaster (its children are the backends). */
  postgres: number | null;
}

export interface BenchStack {
  url: string;
  databaseUrl: string;
  temporalAddress: string;
  /** Started by the bench (false: BENCH_URL given). */
  owned: boolean;
  pids: StackPids;
  /** Where the throw-away data lives (owned stacks). */
  dataDir: string | null;
  /** The application's output (owned stacks; the API logs at warn level: errors with their stacks). */
  appLog: string | null;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** The stack from BENCH_URL, or a fresh one. `stack` receives what must be stopped at the end. */
export async function provideStack(stack: ShutdownStack, log: Log, opts: { appLog: string }): Promise<BenchStack> {
  const url = process.env.BENCH_URL;
  if (url) return attach(url.replace(/\/+$/, ''), log);
  return startOwnStack(stack, log, opts.appLog);
}

function attach(url: string, log: Log): BenchStack {
  const databaseUrl = process.env.DATABASE_URL;
  const temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!databaseUrl || !temporalAddress)
    throw new Error('BENCH_URL needs DATABASE_URL and TEMPORAL_ADDRESS too (the setup writes accounts and rows, and reads histories)');
  log(`using the running stack at ${url} (nothing is started)`);
  // Local parts are found by the port they listen on; a remote one is not measured.
  const localPort = (address: string) => {
    const m = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?(127\.0\.0\.1|localhost|\[::1\]):(\d+)/.exec(address);
    return m ? Number(m[2]) : null;
  };
  const listener = (address: string) => {
    const port = localPort(address);
    return port ? pidListeningOn(port) : null;
  };
  return {
    url,
    databaseUrl,
    temporalAddress,
    owned: false,
    dataDir: null,
    appLog: null,
    pids: { app: listener(url), temporal: listener(temporalAddress), postgres: listener(databaseUrl) },
    stop: async () => {},
  };
}

async function startOwnStack(stack: ShutdownStack, log: Log, appLog: string): Promise<BenchStack> {
  await removeKilledRunFolders(DATA_DIR, 'bench', log);
  const dir = join(DATA_DIR, `bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  stack.push(`bench data folder ${dir}`, async () => rmSync(dir, { recursive: true, force: true }), 'removed');

  let databaseUrl = process.env.DATABASE_URL ?? '';
  let temporalAddress = process.env.TEMPORAL_ADDRESS ?? '';
  const pids: StackPids = { app: null, temporal: null, postgres: null };
  const dbFile = join(dir, 'temporal', 'temporal.db');
  const results = await Promise.allSettled([
    (async () => {
      if (databaseUrl) return log('PostgreSQL: using DATABASE_URL');
      const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: 0, log: (l) => log(`PostgreSQL: ${l}`) });
      stack.push('PostgreSQL', pg.stop);
      databaseUrl = pg.url;
      pids.postgres = firstLineNumber(join(dir, 'postgres', 'postmaster.pid')) ?? pidListeningOn(pg.port);
    })(),
    (async () => {
      if (temporalAddress) return log(`Temporal: using TEMPORAL_ADDRESS=${temporalAddress}`);
      const temporal = await startTemporalDevServer({ dbFile, logFile: join(dir, 'temporal', 'server.log'), port: 0, log: (l) => log(`Temporal: ${l}`) });
      stack.push('Temporal dev server', temporal.stop);
      temporalAddress = temporal.address;
      pids.temporal = firstLineNumber(`${dbFile}.pid`) ?? pidListeningOn(Number(temporal.address.split(':').at(-1)));
    })(),
  ]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((f) => (f.reason as Error).message).join('\n'));
  if (!pids.postgres) pids.postgres = localListener(databaseUrl);
  if (!pids.temporal) pids.temporal = localListener(temporalAddress);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = spawn(join(ROOT_DIR, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT_DIR,
    env: npmBinEnv(ROOT_DIR, {
      DATA_DIR: join(dir, 'app'),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      PORT: String(port),
      APP_MODE: 'development',
    }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killWithParent(app, 'SIGTERM');
  const tail = new OutputTail(40);
  mkdirSync(dirname(appLog), { recursive: true });
  const logFile = createWriteStream(appLog);
  for (const stream of [app.stdout, app.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      tail.push(chunk);
      logFile.write(chunk);
      for (const line of chunk.toString().split('\n')) if (/^\[start\] .*(ready|failed|applied)/.test(line)) log(`app: ${line.slice(8)}`);
    });
  }
  stack.push('application (scripts/start.ts)', async () => {
    await stopApp(app.pid!, () => app.exitCode !== null || app.signalCode !== null);
    await new Promise((resolve) => logFile.end(resolve));
  });
  pids.app = app.pid ?? null;

  const started = Date.now();
  for (;;) {
    if (app.exitCode !== null || app.signalCode !== null)
      throw new Error(`scripts/start.ts exited with ${app.exitCode ?? app.signalCode}. Its last output:\n${tail.text()}`);
    if (Date.now() - started > 300_000) throw new Error(`the application did not answer GET /api/health within 300 s. Its last output:\n${tail.text()}`);
    const health = await fetch(`${url}/api/health`)
      .then(async (r) => (r.ok ? ((await r.json()) as { status?: string }).status : null))
      .catch(() => null);
    if (health === 'ok') break;
    await sleep(500);
  }
  log(`application ready on ${url} (${((Date.now() - started) / 1000).toFixed(1)} s after its start)`);
  return { url, databaseUrl, temporalAddress, owned: true, dataDir: dir, appLog, pids, stop: () => stack.stopAll() };
}

/**
 * SIGTERM to the tsx process only (it relays it to start.ts, which stops the worker and the API in
 * order); a signal to the whole group would reach start.ts twice, and its second signal means "exit now".
 */
async function stopApp(pid: number, exited: () => boolean): Promise<void> {
  if (exited()) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 60_000;
  while (!exited() && Date.now() < deadline) await sleep(100);
  if (!exited()) killGroup(pid, 'SIGKILL');
}

function localListener(address: string): number | null {
  const m = /(?:127\.0\.0\.1|localhost):(\d+)/.exec(address);
  return m ? pidListeningOn(Number(m[1])) : null;
}

function firstLineNumber(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
