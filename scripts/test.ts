// `npm test [-- vitest args]`: provisions what the suites need, fresh and isolated, then runs vitest.
// `npm run bench:micro` is the same with `bench` as first argument: `vitest bench` over tests/bench/.
//   - the Temporal CLI and the time-skipping test server (.tools/, from PyPI), exported as
//     TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH for tests that start their own environment;
//   - the Prisma client (generated before any test imports it);
//   - PostgreSQL: DATABASE_URL, else an embedded cluster in .data/test-<pid> (removed at the end),
//     with an empty `ecandidat` database: no migration, the tests migrate (one checks an empty database);
//   - Temporal: TEMPORAL_ADDRESS, else a headless in-memory dev server;
//   - Chromium for the browser tests (infra/chromium.ts: Debian's package, installed when missing);
// all on free ports, so it runs beside `npm start`. Exits with vitest's exit code.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from '../infra/chromium.ts';
import { DATA_DIR, ROOT_DIR } from '../infra/config.ts';
import { startEmbeddedPostgres } from '../infra/postgres.ts';
import { npmBinEnv, onShutdownSignal, removeKilledRunFolders, runCommand, ShutdownStack } from '../infra/processes.ts';
import { startTemporalDevServer } from '../infra/temporal-dev-server.ts';
import { resolveSchemathesis, resolveTemporalCli, resolveTemporalTestServer } from '../infra/temporal-cli.ts';

const log = (line: string) => console.log(`[test] ${line}`);
const stack = new ShutdownStack(log);
const testDir = join(DATA_DIR, `test-${process.pid}`);
let vitest: ReturnType<typeof spawn> | null = null;
let interrupted = false;

onShutdownSignal((signal) => {
  interrupted = true;
  // vitest usually got the terminal's Ctrl-C itself; make sure, then clean up once it has exited.
  if (vitest) vitest.kill(signal);
  else void finish(130);
});

async function finish(code: number, summary?: string): Promise<never> {
  await stack.stopAll();
  if (summary) console.log(summary);
  process.exit(code);
}

try {
  const code = await main();
  await finish(code.exitCode, code.summary);
} catch (err) {
  console.error(`\n[test] failed: ${process.env.DEBUG ? ((err as Error).stack ?? err) : ((err as Error).message ?? err)}`);
  await finish(1);
}

async function main(): Promise<{ exitCode: number; summary?: string }> {
  const started = Date.now();
  await removeKilledRunFolders(DATA_DIR, 'test', log);
  mkdirSync(testDir, { recursive: true });
  stack.push(`test data folder ${testDir}`, async () => rmSync(testDir, { recursive: true, force: true }), 'removed');
  const env = npmBinEnv(ROOT_DIR, { APP_MODE: 'test' });

  const results = await Promise.allSettled([
    (async () => {
      env.TEMPORAL_CLI_PATH = await resolveTemporalCli(log);
      env.TEMPORAL_TEST_SERVER_PATH = await resolveTemporalTestServer(log);
      // The API fuzzer of tests/security (from PyPI too); without it only that test fails, saying why.
      env.SCHEMATHESIS_PATH = await resolveSchemathesis(log).catch((err: Error) => void log(`schemathesis: ${err.message.split('\n')[0]}`));
      if (process.env.TEMPORAL_ADDRESS) return log(`Temporal: using TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}`);
      const temporal = await startTemporalDevServer({ headless: true, port: 0, log: (l) => log(`Temporal: ${l}`) });
      stack.push('Temporal dev server', temporal.stop);
      env.TEMPORAL_ADDRESS = temporal.address;
    })(),
    (async () => {
      if (process.env.DATABASE_URL) return log('PostgreSQL: using DATABASE_URL');
      const pg = await startEmbeddedPostgres({ dataDir: join(testDir, 'postgres'), port: 0, durable: false, log: (l) => log(`PostgreSQL: ${l}`) });
      stack.push('PostgreSQL', pg.stop);
      env.DATABASE_URL = pg.url;
    })(),
    runCommand(join(ROOT_DIR, 'node_modules/.bin/tsx'), ['scripts/prisma-generate.ts'], { cwd: ROOT_DIR, env }).then(() => log('Prisma client ready')),
    // The browser tests' Chromium; not for `npm run bench:micro`.
    process.argv[2] === 'bench' ? Promise.resolve() : ensureChromium(log).then((path) => void (env.CHROMIUM_PATH = path)),
  ]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((f) => (f.reason as Error).message).join('\n'));
  if (interrupted) return { exitCode: 130 };
  log(`services ready in ${((Date.now() - started) / 1000).toFixed(1)} s; running vitest`);

  const report = join(testDir, 'vitest.json');
  // This very Node (24), whatever `node` comes first on PATH.
  const args = process.argv.slice(2);
  const command = args[0] === 'bench' ? ['bench', '--run', ...args.slice(1)] : ['run', ...args];
  vitest = spawn(process.execPath, [join(ROOT_DIR, 'node_modules/vitest/vitest.mjs'), ...command], {
    cwd: ROOT_DIR,
    env: { ...env, VITEST_JSON_REPORT: report },
    stdio: 'inherit',
  });
  const exitCode = await new Promise<number>((resolve) =>
    vitest!.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))),
  );
  return { exitCode, summary: summaryLine(report) };
}

/**
 * The plain closing line CI reads ("Tests: N passed, N failed, N skipped"). A test file that failed
 * to load has no failed test in it, so it counts as one failure.
 */
function summaryLine(report: string): string | undefined {
  if (!existsSync(report)) return undefined;
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  const brokenFiles = json.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  return `Tests: ${json.numPassedTests} passed, ${json.numFailedTests + brokenFiles} failed, ${json.numPendingTests + json.numTodoTests} skipped`;
}
