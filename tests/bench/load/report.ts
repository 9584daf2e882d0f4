// The bench's output: one line per figure (name, value, target, ok / MISSED) printed as a table, and
// a JSON file with every figure, the parameters, the machine, the git commit and the date.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ROOT_DIR } from '../../../infra/config.ts';
import type { BurstResult } from './burst.ts';
import type { HistoryCounts } from './history.ts';
import { LIST_SCENARIO_P95_MS, type ListResult } from './list.ts';
import type { BenchOptions } from './options.ts';
import type { ResourceReport } from './resources.ts';
import type { SpineResult } from './spine.ts';
import type { ErrorLog, Summary } from './stats.ts';

export interface Figure {
  name: string;
  value: string;
  target?: string;
  /** Undefined when the figure has no target (report only). */
  ok?: boolean;
}

export interface BenchResults {
  spine?: SpineResult;
  /** Memory and CPU during the timed phases. */
  resources?: { spine?: ResourceReport; burst?: ResourceReport };
  spineLogins?: { accounts: number; seconds: number };
  /** PostgreSQL transactions during the spine phase, the bench's own left out. */
  spinePgTransactions?: number;
  histories: HistoryCounts;
  burst?: BurstResult;
  list?: ListResult;
  stack: { url: string; owned: boolean };
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}`;
const pcts = (s: Summary, which: ('p50' | 'p95' | 'p99' | 'max')[]) => `${which.map((k) => ms(s[k])).join(' / ')} ms`;
/** Processes of the application's runtime, not the application itself (in the JSON, not in the table). */
const RUNTIME_HELPERS = ['tsx launcher', 'esbuild (tsx)', 'watchdog'];
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function figures(r: BenchResults): Figure[] {
  const out: Figure[] = [];
  const { spine, burst, list, histories } = r;
  const resources = r.resources ?? {};
  if (spine) {
    out.push({
      name: `spine: full candidatures/s (N=${spine.n}, C=${spine.c})`,
      value: `${spine.perSecond.toFixed(2)} /s, ${spine.errors.count} errors (${spine.completed} exported in ${spine.wallSeconds.toFixed(1)} s)`,
      target: '≥ 50 /s, 0 errors',
      ok: spine.perSecond >= 50 && spine.errors.count === 0,
    });
    for (const [name, s] of Object.entries(spine.transitions)) {
      out.push({
        name: `  ${name} p50/p95/p99`,
        value: s.count ? pcts(s, ['p50', 'p95', 'p99']) : 'no sample',
        target: 'p99 ≤ 100 ms',
        ok: s.count > 0 && s.p99 <= 100,
      });
    }
    out.push({ name: 'spine: end to end (apply → export done) p50/p99', value: pcts(spine.endToEnd, ['p50', 'p99']) });
    out.push({
      name: 'read-model lag after a transition p50/p99/max',
      value: `${pcts(spine.lag.summary, ['p50', 'p99', 'max'])} (${spine.lag.summary.count} samples${spine.lag.timeouts ? `, ${spine.lag.timeouts} timed out` : ''})`,
    });
    const worst = Object.entries(spine.lag.byTransition).sort(([, a], [, b]) => b.p99 - a.p99)[0];
    if (worst && worst[1].p99 > 0) out.push({ name: '  lag of the slowest transition p50/p99', value: `${worst[0]}: ${pcts(worst[1], ['p50', 'p99'])}` });
  }
  if (histories.spine)
    out.push({ name: 'history events: spine (apply → export done)', value: String(histories.spine.events), target: '≤ 60', ok: histories.spine.events <= 60 });
  if (histories.longest) out.push({ name: 'history events: longest committed history', value: `${histories.longest.events} (${histories.longest.name})` });
  if (resources.spine) {
    for (const [name, bytes] of Object.entries(resources.spine.maxRss))
      if (!RUNTIME_HELPERS.includes(name)) out.push({ name: `max RSS during the spine: ${name}`, value: mib(bytes) });
    out.push(...cpuFigures('spine', resources.spine));
  }
  if (spine && r.spinePgTransactions !== undefined && spine.completed > 0)
    out.push({ name: 'PostgreSQL transactions per candidature (spine)', value: (r.spinePgTransactions / spine.completed).toFixed(0) });
  if (r.spineLogins) out.push({ name: 'logins (POST /api/session, 4 at a time)', value: `${(r.spineLogins.accounts / r.spineLogins.seconds).toFixed(1)} /s` });
  if (burst) {
    out.push({
      name: `burst: ${burst.applications} applications (${burst.inFlight} in flight) wall time`,
      value: `${burst.wallSeconds.toFixed(1)} s (${burst.perSecond.toFixed(1)} /s), ${burst.errors.count} errors`,
      target: '≤ 60 s, 0 errors',
      ok: burst.wallSeconds <= 60 && burst.errors.count === 0,
    });
    out.push({ name: 'burst: POST /api/candidatures p50/p99', value: pcts(burst.latency, ['p50', 'p99']) });
    out.push({
      name: 'burst: until every workflow projected its view',
      value: burst.settleSeconds === null ? 'not within the wait' : `${burst.settleSeconds.toFixed(1)} s after the last answer`,
    });
    if (resources.burst) {
      const rss = Object.entries(resources.burst.maxRss).filter(([name]) => !RUNTIME_HELPERS.includes(name) && !name.includes('PSS'));
      out.push({ name: 'max RSS during the burst', value: rss.map(([name, bytes]) => `${name} ${mib(bytes)}`).join(', ') });
      out.push(...cpuFigures('burst (and its settling)', resources.burst));
    }
  }
  if (list) {
    out.push({
      name: `staff list over ${list.totalRows.toLocaleString('en')} candidatures p50/p99`,
      value: `${pcts(list.latency, ['p50', 'p99'])}, ${list.errors.count} errors (${list.requests} requests)`,
      target: 'p99 ≤ 30 ms',
      ok: list.requests > 0 && list.latency.p99 <= 30 && list.errors.count === 0,
    });
    out.push({
      name: 'staff list: answer size p50 / max',
      value: `${(list.bytes.p50 / 1024).toFixed(0)} KiB / ${(list.bytes.max / 1024).toFixed(0)} KiB, ${Math.round(list.rowsPerAnswer.p50)} rows (p50)${list.paged ? '' : ' — paging not honoured'}`,
    });
    for (const sc of list.scenarios)
      out.push({
        name: `  list: ${sc.name} p50/p95`,
        value: `${pcts(sc.latency, ['p50', 'p95'])} (${sc.total.toLocaleString('en')} matching${sc.errors ? `, ${sc.errors} errors` : ''})`,
        target: `p95 < ${LIST_SCENARIO_P95_MS} ms`,
        ok: sc.latency.count > 0 && sc.errors === 0 && sc.latency.p95 < LIST_SCENARIO_P95_MS,
      });
  }
  return out;
}

/** Where the CPU went during a phase: the machine's busy share, then each process group. */
function cpuFigures(phase: string, report: ResourceReport): Figure[] {
  const busy = report.cpu['machine busy'];
  const out: Figure[] = [
    {
      name: `CPU during the ${phase} (${report.seconds.toFixed(0)} s × ${report.cores} cores)`,
      value: busy === undefined ? 'machine total unknown' : `machine busy ${((busy / (report.seconds * report.cores)) * 100).toFixed(0)} %`,
    },
  ];
  for (const [group, seconds] of Object.entries(report.cpu)) {
    if (group === 'machine busy') continue;
    out.push({ name: `  CPU: ${group}`, value: `${seconds.toFixed(1)} s (${((seconds / report.seconds) * 100).toFixed(0)} % of a core)` });
  }
  return out;
}

export function printTable(rows: Figure[]): void {
  const nameWidth = Math.max(...rows.map((f) => f.name.length));
  const valueWidth = Math.min(70, Math.max(...rows.map((f) => f.value.length)));
  const targetWidth = Math.max(6, ...rows.map((f) => (f.target ?? '').length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(nameWidth)}  ${b.padEnd(valueWidth)}  ${c.padEnd(targetWidth)}  ${d}`;
  console.log('');
  console.log(line('figure', 'value', 'target', ''));
  console.log('-'.repeat(nameWidth + valueWidth + targetWidth + 12));
  for (const f of rows) console.log(line(f.name, f.value, f.target ?? '', f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED'));
}

export function printErrors(what: string, errors: ErrorLog): void {
  if (errors.count === 0) return;
  console.log(`\n${what}: ${errors.count} errors, the first ones:`);
  for (const e of errors.samples) console.log(`  - ${e}`);
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export interface RunInfo {
  started: Date;
  commit: { id: string; short: string; branch: string; dirty: boolean };
  /** bench-results/<date>-<commit>: the JSON file and the application's log are named after it. */
  base: string;
}

/** What the run is measured on, taken at its start (the commit may change while it runs). */
export function runInfo(): RunInfo {
  const started = new Date();
  const short = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const commit = {
    id: git(['rev-parse', 'HEAD']) || 'unknown',
    short,
    branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
  };
  const stamp = started.toISOString().replace(/:/g, '-').replace(/\..*$/, '');
  return { started, commit, base: join(ROOT_DIR, 'bench-results', `${stamp}-${short}`) };
}

export const displayPath = (file: string) => relative(process.cwd(), file) || file;

/** Writes bench-results/<date>-<commit>.json; returns its path. */
export function writeJson(results: BenchResults, options: BenchOptions, run: RunInfo, rows: Figure[]): string {
  mkdirSync(dirname(run.base), { recursive: true });
  const file = `${run.base}.json`;
  const errorsOf = (e?: ErrorLog) => (e ? { count: e.count, first: e.samples } : undefined);
  const json = {
    date: run.started.toISOString(),
    finished: new Date().toISOString(),
    commit: run.commit,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    parameters: { ...options, only: [...options.only] },
    stack: results.stack,
    figures: rows.map((f) => ({ ...f, name: f.name.trim() })),
    spine: results.spine && { ...results.spine, errors: errorsOf(results.spine.errors), doneIds: results.spine.doneIds.length },
    spineLogins: results.spineLogins,
    spinePgTransactions: results.spinePgTransactions,
    resources: results.resources,
    histories: results.histories,
    burst: results.burst && { ...results.burst, errors: errorsOf(results.burst.errors) },
    list: results.list && { ...results.list, errors: errorsOf(results.list.errors) },
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
