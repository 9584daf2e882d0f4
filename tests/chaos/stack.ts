// The chaos suite's stack: every part a process (or a server) of its own, so that each can be killed
// and started again while candidatures are in flight:
//   - PostgreSQL: embedded, durable, on a data folder of its own and a fixed port (stopped and
//     started again on the same data: the api and the worker must reconnect by themselves);
//   - Temporal: the dev server on a SQLite file (--db-filename) and a fixed port, stopped and started
//     again on it;
//   - the Apogée and Pégase simulators (in this process, over HTTP, their faults switched on and off
//     through POST/DELETE /__admin/faults like any operator would);
//   - an SMTP server (smtp-server) that counts every mail by its Message-ID, without bound;
//   - `npm run db:deploy`, then `npm run start:worker` and `npm run start:api` as separate process
//     groups, the production commands (APP_MODE=test: the demo data — staff `centre`, `admin`, the
//     FST (Pégase) and DEG (Apogée) centres — is what the candidatures apply to and are decided by;
//     production mode seeds no demo).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import { DATA_DIR, ROOT_DIR } from '../../infra/config.ts';
import { freePort } from '../../infra/ports.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../infra/postgres.ts';
import { killGroup, killWithParent, npmBinEnv, OutputTail, removeKilledRunFolders, sleep } from '../../infra/processes.ts';
import { startTemporalDevServer, type TemporalDevServer } from '../../infra/temporal-dev-server.ts';
import { startApogeeSimulator, type ApogeeSimulator } from '../../sis/apogee/simulator/server.ts';
import { startPegaseSimulator, type PegaseSimulator } from '../../sis/pegase/simulator/server.ts';

export type Log = (line: string) => void;

/** One mail as the SMTP server received it. */
export interface ReceivedMail {
  messageId: string;
  to: string[];
  at: number;
}

/** A real SMTP server keeping the Message-ID and recipients of every mail (no limit, unlike the dev inbox). */
export async function startCountingSmtp(): Promise<{ url: string; mails: ReceivedMail[]; stop(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
        const messageId = /^message-id:\s*(<[^>\r\n]+>)/im.exec(headers)?.[1] ?? `(none ${randomUUID()})`;
        mails.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), at: Date.now() });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `npm run <script>` in a process group of its own, its output appended to a log file. */
export class NpmProcess {
  private child: ChildProcess | null = null;
  private release: () => void = () => {};
  private readonly tail = new OutputTail(40);
  private readonly file: WriteStream;
  starts = 0;

  constructor(
    readonly script: string,
    private readonly env: () => NodeJS.ProcessEnv,
    logFile: string,
  ) {
    this.file = createWriteStream(logFile, { flags: 'a' });
  }

  start(): void {
    this.starts++;
    const child = spawn('npm', ['run', '--silent', this.script], { cwd: ROOT_DIR, env: this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.release = killWithParent(child, 'SIGKILL');
    this.file.write(`\n===== ${new Date().toISOString()} npm run ${this.script} (start ${this.starts}, pid ${child.pid}) =====\n`);
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (d: Buffer) => {
        this.tail.push(d);
        this.file.write(d);
      });
    this.child = child;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.tail.text();
  }

  /** kill -9 of the whole group (npm and the node it runs): no shutdown code runs. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = this.exited(child);
    killGroup(child.pid, 'SIGKILL');
    await exited;
    this.release();
  }

  /** SIGTERM (what `docker stop` sends), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.running) return;
    const exited = this.exited(child);
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    this.release();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.file.end(resolve));
  }

  private exited(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }
}

export interface ChaosStack {
  dir: string;
  url: string;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  apogee: ApogeeSimulator;
  pegase: PegaseSimulator;
  smtp: Awaited<ReturnType<typeof startCountingSmtp>>;
  api: NpmProcess;
  worker: NpmProcess;
  /** Waits until GET /api/health answers 200 (database, Temporal and a polling worker). */
  healthy(timeoutMs?: number): Promise<number>;
  /** Identities of the workers that polled the task queue lately (`<pid>@<host>`). */
  workerPollers(): Promise<string[]>;
  restartPostgres(): Promise<number>;
  restartTemporal(): Promise<number>;
  /** Stops everything; the folder (logs, data) is removed unless `keep`. */
  stop(keep?: boolean): Promise<void>;
}

/** Starts the whole stack in .data/chaos-<pid> (removed by stop(), kept with the logs when the run failed or CHAOS_KEEP is set, until the next run). */
export async function startChaosStack(log: Log): Promise<ChaosStack> {
  // A run killed before its end leaves its folder, and maybe its PostgreSQL and Temporal: gone now.
  await removeKilledRunFolders(DATA_DIR, 'chaos', log);
  const dir = join(DATA_DIR, `chaos-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pgPort = await freePort();
  const temporalPort = await freePort();
  const pgDir = join(dir, 'postgres');
  const dbFile = join(dir, 'temporal', 'temporal.db');
  const startPg = () => startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, durable: true, log: (l) => log(`PostgreSQL: ${l}`) });
  const startTemporal = () =>
    startTemporalDevServer({ dbFile, port: temporalPort, headless: true, logFile: join(dir, 'temporal', 'server.log'), log: (l) => log(`Temporal: ${l}`) });
  let pg: EmbeddedPostgres;
  let temporal: TemporalDevServer;
  [pg, temporal] = await Promise.all([startPg(), startTemporal()]);
  const apogee = await startApogeeSimulator();
  const pegase = await startPegaseSimulator({ jobProcessingMs: 50 });
  const smtp = await startCountingSmtp();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const taskQueue = `chaos-${randomUUID().slice(0, 8)}`;
  const env = npmBinEnv(ROOT_DIR, {
    APP_MODE: 'test',
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: smtp.url,
    APOGEE_URL: apogee.url,
    PEGASE_URL: pegase.url,
    // As the integration tests: an unanswered SIS call gives up after 3 s (the activity retries).
    APOGEE_TIMEOUT_MS: '3000',
    PEGASE_TIMEOUT_MS: '3000',
    PEGASE_IMPORT_POLL_MS: '100',
    SESSION_SECRET: randomUUID() + randomUUID(),
    DATA_DIR: join(dir, 'app'),
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  for (const name of ['PEGASE_OPI_DIR', 'FILES_DIR', 'TEMPORAL_UI_URL', 'OIDC_ISSUER', 'VITEST', 'VITEST_JSON_REPORT']) delete env[name];
  mkdirSync(join(dir, 'app'), { recursive: true });

  const deploy = new NpmProcess('db:deploy', () => env, join(dir, 'db-deploy.log'));
  deploy.start();
  const deployed = Date.now();
  while (deploy.running) {
    if (Date.now() - deployed > 240_000) throw new Error(`npm run db:deploy still running after 240 s:\n${deploy.output()}`);
    await sleep(200);
  }
  await deploy.close();
  if (!/done \(test\)/.test(deploy.output())) throw new Error(`npm run db:deploy failed:\n${deploy.output()}`);
  log('db:deploy done (migrations and demo seed)');

  const worker = new NpmProcess('start:worker', () => env, join(dir, 'worker.log'));
  const api = new NpmProcess('start:api', () => env, join(dir, 'api.log'));
  worker.start();
  api.start();

  async function healthy(timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      for (const p of [api, worker]) if (!p.running) throw new Error(`npm run ${p.script} exited:\n${p.output()}`);
      const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (status === 200) return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(`not healthy after ${timeoutMs / 1000} s (last status ${status}).\napi:\n${api.output()}\nworker:\n${worker.output()}`);
      await sleep(250);
    }
  }
  log(`api and worker healthy after ${((await healthy(300_000)) / 1000).toFixed(1)} s on ${url}`);

  return {
    dir,
    url,
    databaseUrl: pg.url,
    temporalAddress: temporal.address,
    taskQueue,
    apogee,
    pegase,
    smtp,
    api,
    worker,
    healthy,
    async workerPollers() {
      const connection = await Connection.connect({ address: temporal.address, connectTimeout: '2s' });
      try {
        const res = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue, kind: 1 }, taskQueueType: 1 });
        return res.pollers.map((p) => p.identity ?? '');
      } finally {
        await connection.close();
      }
    },
    async restartPostgres() {
      const started = Date.now();
      await pg.stop();
      pg = await startPg();
      if (pg.port !== pgPort) throw new Error(`PostgreSQL came back on port ${pg.port}, not ${pgPort}`);
      return Date.now() - started;
    },
    async restartTemporal() {
      const started = Date.now();
      await temporal.stop();
      temporal = await startTemporal();
      if (temporal.address !== env.TEMPORAL_ADDRESS) throw new Error(`Temporal came back on ${temporal.address}, not ${env.TEMPORAL_ADDRESS}`);
      return Date.now() - started;
    },
    async stop(keep = false) {
      await api.stop();
      await worker.stop();
      await Promise.all([api.close(), worker.close()]);
      await Promise.all([smtp.stop(), apogee.stop(), pegase.stop()]);
      await temporal.stop();
      await pg.stop();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
