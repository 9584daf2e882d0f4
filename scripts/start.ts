// `npm start`: the whole application on one machine, from a fresh clone after `npm ci`.
//
// Embedded defaults, each replaced by a real service when its variable is set:
//   PostgreSQL      DATABASE_URL      else embedded, data in .data/postgres
//   Temporal        TEMPORAL_ADDRESS  else the dev server, data in .data/temporal/temporal.db, Web UI on
//   SMTP            SMTP_URL          else the catcher, whose mails the dev inbox shows
//   Apogée          APOGEE_URL        else the Apogée simulator (sis/apogee/simulator)
//   Pégase          PEGASE_URL        else the Pégase simulator (sis/pegase/simulator)
// then migrations + seed, the web build when web/ changed, and in this process the worker and the
// HTTP server. Ctrl-C stops everything in reverse order. A second `npm start` reuses .data/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DATA_DIR, ROOT_DIR, loadConfig } from '../infra/config.ts';
import { freePort } from '../infra/ports.ts';
import { startEmbeddedPostgres } from '../infra/postgres.ts';
import { isAlive, npmBinEnv, onShutdownSignal, runCommand, ShutdownStack, SIGNAL_REPEAT_WINDOW_MS } from '../infra/processes.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../infra/smtp-catcher.ts';
import { startTemporalDevServer } from '../infra/temporal-dev-server.ts';
import { ensureWebBuilt } from '../infra/web-build.ts';
import { startApogeeSimulator } from '../sis/apogee/simulator/server.ts';
import { startPegaseSimulator } from '../sis/pegase/simulator/server.ts';

const log = (line: string) => console.log(`[start] ${line}`);
const stack = new ShutdownStack(log);
let stopping = false;

// One Ctrl-C is one orderly stop, however many processes relay it (infra/processes.ts): npm and this
// process both get the terminal's SIGINT, while the servers we spawn run in their own process groups
// (detached) and are stopped by us, in reverse order. A second Ctrl-C after 2 s exits at once.
onShutdownSignal((signal) => {
  log(`${signal}: stopping… (a second Ctrl-C, ${SIGNAL_REPEAT_WINDOW_MS / 1000} s or more later, exits at once)`);
  void shutdown(0);
});

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await stack.stopAll();
  process.exit(code);
}

try {
  await main();
} catch (err) {
  // The message says what failed and how to fix it; the stack only helps when debugging the stack itself.
  console.error(`\n[start] failed: ${process.env.DEBUG ? ((err as Error).stack ?? err) : ((err as Error).message ?? err)}`);
  await shutdown(1);
}

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  claimDataDir();
  const env = npmBinEnv(ROOT_DIR);

  // Independent parts in parallel; every started part is registered for the shutdown, even when a
  // sibling fails (then we stop what did start and exit 1).
  let smtp: SmtpCatcher | null = null;
  let apogeeSimulated = false;
  let pegaseSimulated = false;
  let temporalUiUrl = process.env.TEMPORAL_UI_URL ?? '';
  const results = await Promise.allSettled([
    step('Prisma client', async () => {
      // Before importing anything that imports the generated client (migrate, seed, worker, api).
      await runCommand(join(ROOT_DIR, 'node_modules/.bin/tsx'), ['scripts/prisma-generate.ts'], { cwd: ROOT_DIR, env });
    }),
    step('PostgreSQL', async () => {
      if (process.env.DATABASE_URL) return log(`PostgreSQL: using DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
      const pg = await startEmbeddedPostgres({ dataDir: join(DATA_DIR, 'postgres'), log: (l) => log(`PostgreSQL: ${l}`) });
      stack.push('PostgreSQL', pg.stop);
      process.env.DATABASE_URL = pg.url;
    }),
    step('Temporal', async () => {
      if (process.env.TEMPORAL_ADDRESS) return log(`Temporal: using TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}`);
      const temporal = await startTemporalDevServer({
        dbFile: join(DATA_DIR, 'temporal', 'temporal.db'),
        logFile: join(DATA_DIR, 'temporal', 'server.log'),
        log: (l) => log(`Temporal: ${l}`),
      });
      stack.push('Temporal dev server', temporal.stop);
      process.env.TEMPORAL_ADDRESS = temporal.address;
      temporalUiUrl = temporal.uiUrl ?? '';
    }),
    step('SMTP', async () => {
      if (process.env.SMTP_URL) return log(`SMTP: using SMTP_URL=${redact(process.env.SMTP_URL)}`);
      smtp = await startSmtpCatcher();
      stack.push('SMTP catcher', smtp.stop);
      process.env.SMTP_URL = smtp.url;
      log(`SMTP: catcher on ${smtp.url}`);
    }),
    step('Apogée', async () => {
      if (process.env.APOGEE_URL) return log(`Apogée: using APOGEE_URL=${process.env.APOGEE_URL}`);
      const apogee = await startApogeeSimulator({ port: await freePort(8180) });
      stack.push('Apogée simulator', apogee.stop);
      process.env.APOGEE_URL = apogee.url;
      apogeeSimulated = true;
      log(`Apogée: simulator on ${apogee.url}`);
    }),
    step('Pégase', async () => {
      if (process.env.PEGASE_URL) return log(`Pégase: using PEGASE_URL=${process.env.PEGASE_URL}`);
      const pegase = await startPegaseSimulator({ port: await freePort(8190) });
      stack.push('Pégase simulator', pegase.stop);
      process.env.PEGASE_URL = pegase.url;
      pegaseSimulated = true;
      log(`Pégase: simulator on ${pegase.url}`);
    }),
    step('web build', () => ensureWebBuilt(log)),
  ]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((f) => (f.reason as Error).message).join('\n'));
  if (stopping) return;

  process.env.TEMPORAL_UI_URL = temporalUiUrl;
  process.env.APP_MODE ??= 'development';
  if (!process.env.PORT) process.env.PORT = String(await freePort(3000));
  const config = loadConfig();

  await step('migrations and seed', async () => {
    const { applyMigrations } = await import('../infra/migrate.ts');
    const { createPrisma } = await import('../infra/prisma.ts');
    const { seed } = await import('../prisma/seed.ts');
    const { applied } = await applyMigrations(config.databaseUrl, (l) => log(`migrations: ${l}`));
    log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema up to date');
    const prisma = createPrisma(config.databaseUrl);
    try {
      await seed(prisma, { mode: config.mode, firstAdmin: config.firstAdmin, log: (l) => log(`seed: ${l}`) });
    } finally {
      await prisma.$disconnect();
    }
  });
  if (stopping) return;

  await step('worker', async () => {
    const { startWorker } = await import('../worker/main.ts');
    const worker = await startWorker(config);
    stack.push('worker', worker.shutdown);
  });
  if (stopping) return;

  let appUrl = '';
  await step('HTTP server', async () => {
    const { startServer } = await import('../api/server.ts');
    const server = await startServer(config, smtp ? { devInbox: smtp } : {});
    stack.push('HTTP server', server.close);
    appUrl = server.url;
  });

  const lines = [
    '',
    `eCandidat is running (started in ${process.uptime().toFixed(1)} s)`,
    `  App            ${appUrl}`,
    `  API docs       ${appUrl}/api/docs`,
    `  Temporal UI    ${temporalUiUrl || '(unknown: set TEMPORAL_UI_URL)'}`,
    ...(smtp && config.mode !== 'production' ? [`  Dev inbox      ${appUrl}/dev/inbox`] : []),
    `  Apogée         ${config.apogee.url}${apogeeSimulated ? ' (simulator; faults: POST /__admin/faults)' : ''}`,
    `  Pégase         ${config.pegase.url}${pegaseSimulated ? ' (simulator; faults: POST /__admin/faults)' : ''}`,
    // The demo's logins exist outside production only; in production, the first administrator's.
    ...(config.mode === 'production'
      ? [`  Administrator  ${config.firstAdmin?.login ?? '(none configured: FIRST_ADMIN_LOGIN, see README)'}`]
      : [`  Staff logins   admin, scol, centre, commission`, `  Candidate      candidat@demo.test`, `  Password       Demo-2026!`]),
    `  Data           ${displayPath(DATA_DIR)} (reset: stop, then rm -rf it)`,
    'Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

/** Runs one part of the start-up, logging its duration. */
async function step(name: string, fn: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  try {
    await fn();
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
  }
  log(`${name} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/**
 * One `npm start` per data folder: two would fight over the same PostgreSQL cluster and SQLite file
 * (each would take the other's servers for orphans to stop).
 */
function claimDataDir(): void {
  const lock = join(DATA_DIR, 'start.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (pid !== process.pid && isAlive(pid) && readCmdline(pid).includes('start.ts')) {
      throw new Error(`npm start is already running on ${DATA_DIR} (pid ${pid}). Stop it first, or set DATA_DIR to another folder.`);
    }
  }
  writeFileSync(lock, `${process.pid}\n`);
  process.on('exit', () => {
    if (existsSync(lock) && readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
  });
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Connection strings without their password, for the logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
