// `npm run bench [-- --n 500 --c 50 --burst 5000 --rows 100000 --only spine,burst,list]`: the load
// bench, measured from outside like a client. The stack is the one `npm start` runs (embedded
// PostgreSQL, the Temporal dev server on a SQLite file, then `tsx scripts/start.ts` as a child for
// the SMTP catcher, the SIS simulators, the worker and the API), in a throw-away .data/bench-<pid>
// folder; or a running one (BENCH_URL + DATABASE_URL + TEMPORAL_ADDRESS). The load comes from this
// process only, over HTTP; the setup that has no API (thousands of accounts, 100,000 read-model rows)
// writes to PostgreSQL directly. Prints a table of figures against their targets and writes
// bench-results/<date>-<commit>.json. Timings are never asserted: the figures are for reading.
// tests/bench/load/ holds the parts; `npm run bench:micro` runs the vitest micro-benchmarks.
import { cpus } from 'node:os';
import pg from 'pg';
import { onShutdownSignal, ShutdownStack } from '../infra/processes.ts';
import { prepareBurst, runBurst } from '../tests/bench/load/burst.ts';
import { committedHistoryEvents, longestOf, spineHistoryEvents } from '../tests/bench/load/history.ts';
import { ApiClient } from '../tests/bench/load/http.ts';
import { fillReadModel, runList } from '../tests/bench/load/list.ts';
import { pgTransactions } from '../tests/bench/load/pgstats.ts';
import { parseOptions } from '../tests/bench/load/options.ts';
import { displayPath, figures, printErrors, printTable, runInfo, writeJson, type BenchResults } from '../tests/bench/load/report.ts';
import { ResourceMonitor } from '../tests/bench/load/resources.ts';
import { pickFormations, prepareSpine, runSpine } from '../tests/bench/load/spine.ts';
import { provideStack } from '../tests/bench/load/stack.ts';

const log = (line: string) => console.log(`[bench] ${line}`);
const stack = new ShutdownStack(log);

onShutdownSignal((signal) => {
  log(`${signal}: stopping…`);
  void finish(130);
});

async function finish(code: number): Promise<never> {
  await stack.stopAll();
  process.exit(code);
}

try {
  await main();
  await finish(0);
} catch (err) {
  console.error(`\n[bench] failed: ${process.env.DEBUG ? ((err as Error).stack ?? err) : ((err as Error).message ?? err)}`);
  await finish(1);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const run = runInfo();
  log(
    `N=${options.n} C=${options.c} burst=${options.burst} (${options.burstInFlight} in flight) rows=${options.rows} workloads=${[...options.only].join(',')} on ${cpus().length} cores`,
  );
  const s = await provideStack(stack, log, { appLog: `${run.base}.app.log` });
  const db = new pg.Pool({ connectionString: s.databaseUrl, max: 10 });
  db.on('error', () => {}); // a server stopping under an idle client must not crash the bench
  stack.push('database pool', () => db.end());
  const api = new ApiClient(s.url);
  const ctx = { api, db, log };
  const committed = committedHistoryEvents();
  const results: BenchResults = { stack: { url: s.url, owned: s.owned }, histories: { spine: null, longest: longestOf(committed), committed } };

  let formations: string[] | null = null;
  if (options.only.has('spine')) {
    const setup = await prepareSpine(ctx, { campaign: options.campaign, n: options.n });
    formations = setup.formations;
    results.spineLogins = { accounts: setup.tokens.length + 1, seconds: setup.loginSeconds };
    log(`spine: ${options.n} candidatures, ${options.c} at a time …`);
    const transactionsBefore = await pgTransactions(db);
    const monitor = new ResourceMonitor(s.pids, cpus().length);
    monitor.start();
    results.spine = await runSpine(ctx, setup, { n: options.n, c: options.c, lagEvery: options.lagEvery });
    results.resources = { spine: monitor.stop() };
    // Less the bench's own lag probes (and the two counting queries).
    results.spinePgTransactions = (await pgTransactions(db)) - transactionsBefore - results.spine.lag.queries - 2;
    log(`spine: ${results.spine.completed} exported in ${results.spine.wallSeconds.toFixed(1)} s, ${results.spine.errors.count} errors`);
    const sample = results.spine.doneIds[0];
    if (sample) results.histories.spine = { candidatureId: sample, events: await spineHistoryEvents(s.temporalAddress, sample) };
  }

  if (options.only.has('burst')) {
    const setup = await prepareBurst(ctx, {
      campaign: options.campaign,
      count: options.burst,
      auth: options.burstAuth,
      formations: formations ?? (await pickFormations(ctx, options.campaign)).formations,
    });
    log(`burst: ${options.burst} applications, ${options.burstInFlight} in flight …`);
    const monitor = new ResourceMonitor(s.pids, cpus().length);
    monitor.start();
    results.burst = await runBurst(ctx, setup, { inFlight: options.burstInFlight });
    results.resources = { ...results.resources, burst: monitor.stop() };
  }

  if (options.only.has('list')) {
    log(`list: inserting ${options.rows} read-model rows …`);
    const filled = await fillReadModel(ctx, options.rows);
    log(`list: ${filled.totalRows} candidatures in the read model (inserted in ${filled.seconds.toFixed(1)} s); ${options.listRequests} requests …`);
    results.list = await runList(ctx, {
      requests: options.listRequests,
      rowsInserted: options.rows,
      totalRows: filled.totalRows,
      insertSeconds: filled.seconds,
    });
  }

  const rows = figures(results);
  if (results.spine) printErrors('spine', results.spine.errors);
  if (results.burst) printErrors('burst', results.burst.errors);
  if (results.list) printErrors('staff list', results.list.errors);
  printTable(rows);
  console.log(`\nResults: ${displayPath(writeJson(results, options, run, rows))}`);
  if (s.appLog) console.log(`Application log: ${displayPath(s.appLog)} (the API's and the worker's warnings and errors)`);
}
