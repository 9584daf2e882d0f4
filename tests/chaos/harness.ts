// The chaos run (`npm run test:chaos`, and a reduced one in `npm test`): N candidatures driven through
// the HTTP API as clients would (apply → transmit → file complete → favourable opinion → publish →
// confirm → export to Apogée or Pégase), released in waves, one wave right before each fault, so that
// every fault strikes candidatures in flight:
//   1. the worker killed with SIGKILL, then started again;
//   2. the SIS simulators failing for a window: HTTP 5xx, then no answer (timeouts), then 429;
//   3. the Temporal dev server stopped and started again on its SQLite file;
//   4. the api killed with SIGKILL and started again while clients retry (same Idempotency-Key);
//   5. PostgreSQL stopped and started again (the api and worker are not restarted).
// Clients retry on connection errors, 5xx and 429 with the same Idempotency-Key. At the end: every
// candidature confirmed with its export done; per candidature exactly one export as the simulators
// count them; every mail of mail_log sent and received exactly once by the SMTP server (by its
// Message-ID), the same set of mails for every candidature of a formation; no workflow failed.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { sleep } from '../../infra/processes.ts';
import { createAccounts, logInAll, type BenchAccount } from '../bench/load/accounts.ts';
import { ApiClient } from '../bench/load/http.ts';
import { pickFormations } from '../bench/load/spine.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startChaosStack, type ChaosStack, type Log } from './stack.ts';

export interface ChaosOptions {
  /** Candidatures (half on the Pégase campaign 2026-P, half on the Apogée campaign 2026-A). */
  size: number;
  /** Clients acting at once. */
  concurrency: number;
  /** Length of the SIS outage (split in three: 5xx, timeouts, 429). */
  sisWindowMs: number;
  log: Log;
}

export interface FaultRecord {
  name: string;
  /** Seconds since the start of the run. */
  at: number;
  /** How long the part was down or failing, ms. */
  downMs: number;
  /** Until the api answered healthy again, ms after the fault began. */
  recoveredMs: number;
  /** Candidatures applied but not yet confirmed when the fault struck. */
  inFlight: number;
  /** SIS outage: the calls the simulators failed. */
  hits?: number;
  detail: string;
}

export interface ChaosReport {
  size: number;
  faults: FaultRecord[];
  requests: { total: number; retried: number; statuses: Record<string, number> };
  /** Candidatures not in the expected state (confirmed, export done), with what they are. */
  wrongState: string[];
  exports: { apogee: number; pegase: number; problems: string[] };
  mails: { expected: number; received: number; duplicates: number; problems: string[]; codes: Record<string, string[]> };
  workflows: { failed: string[] };
  driverErrors: string[];
  durations: { setupS: number; drivingS: number; settleS: number; totalS: number };
  /** Count of all the problems above (0: the run passed). */
  problems: number;
  summary: string;
}

const CAMPAIGNS = [
  { code: '2026-P', kind: 'P', sis: 'pegase' },
  { code: '2026-A', kind: 'A', sis: 'apogee' },
] as const;

interface Candidature {
  i: number;
  account: BenchAccount;
  sis: 'apogee' | 'pegase';
  formation: string;
  token: string;
  id: string | null;
  ine: string;
  confirmed: boolean;
}

/** HTTP with retries: connection errors, timeouts, 5xx and 429 are retried with the same request (and Idempotency-Key). */
class RetryingClient {
  total = 0;
  retried = 0;
  readonly statuses: Record<string, number> = {};
  constructor(private readonly base: string) {}

  async send(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; key?: string; deadlineMs?: number } = {},
  ): Promise<{ status: number; body: any }> {
    const deadline = Date.now() + (opts.deadlineMs ?? 600_000);
    for (let attempt = 0; ; attempt++) {
      this.total++;
      let outcome: string;
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...(opts.key ? { 'idempotency-key': opts.key } : {}),
          },
          ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        if (res.status < 500 && res.status !== 429) {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          return { status: res.status, body };
        }
        outcome = String(res.status);
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        outcome = e.name === 'TimeoutError' ? 'client timeout' : (e.cause?.code ?? e.name);
      }
      this.retried++;
      this.statuses[outcome] = (this.statuses[outcome] ?? 0) + 1;
      if (Date.now() > deadline) throw new Error(`${method} ${path}: still ${outcome} after ${attempt + 1} attempts`);
      await sleep(Math.min(200 * 2 ** attempt, 3_000));
    }
  }
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const { log } = opts;
  const t0 = Date.now();
  const since = () => (Date.now() - t0) / 1000;
  const stack = await startChaosStack(log);
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
  db.on('error', () => {}); // PostgreSQL is restarted under the pool
  let keep = true;
  try {
    const report = await run(stack, db, opts, since);
    keep = report.problems > 0;
    return report;
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop(keep || !!process.env.CHAOS_KEEP);
    if (keep || process.env.CHAOS_KEEP) log(`logs kept in ${stack.dir} (api.log, worker.log, temporal/server.log)`);
  }
}

async function run(stack: ChaosStack, db: pg.Pool, opts: ChaosOptions, since: () => number): Promise<ChaosReport> {
  const { log } = opts;
  const run = randomUUID().slice(0, 8);
  const client = new RetryingClient(stack.url);
  const plain = new ApiClient(stack.url);

  // Setup: accounts with complete files (no API for thousands of them), logged in through the API.
  const candidatures: Candidature[] = [];
  for (const [c, campaign] of CAMPAIGNS.entries()) {
    const count = Math.floor(opts.size / 2) + (c === 0 ? opts.size % 2 : 0);
    const { formations, completeFile } = await pickFormations({ api: plain, db, log }, campaign.code);
    if (completeFile) throw new Error(`campaign ${campaign.code} has no formation asking for nothing (the demo's L3): the chaos run needs one`);
    const accounts = await createAccounts(db, { campaign: campaign.code, kind: campaign.kind, count, withFile: true });
    const tokens = await logInAll(plain, accounts, 4);
    const ines = await db.query<{ id: number; ine: string; ine_key: string }>(
      `SELECT account_id AS id, ine, ine_key FROM candidate WHERE account_id = ANY($1)`,
      [accounts.map((a) => a.id)],
    );
    // Born in France: Apogée wants the commune of birth (the bench's accounts only give a city).
    // Apogée's codes (as the demo's Nancy candidate): a commune of birth, an address its simulator
    // knows (postcode and commune agree), the general bac (GEN) with its department.
    if (campaign.sis === 'apogee') {
      const mine = `(SELECT id FROM candidate WHERE account_id = ANY($1))`;
      const ids = [accounts.map((a) => a.id)];
      await db.query(`UPDATE candidate SET birth_commune_code = '54395', birth_city_label = 'Nancy' WHERE account_id = ANY($1)`, ids);
      await db.query(`UPDATE address SET postcode = '54000', commune_code = '54395' WHERE candidate_id IN ${mine}`, ids);
      await db.query(`UPDATE candidate_bac SET bac_code = 'GEN', department_code = '054' WHERE candidate_id IN ${mine}`, ids);
    }
    const ineOf = new Map(ines.rows.map((r) => [r.id, `${r.ine}${r.ine_key}`.toUpperCase()]));
    accounts.forEach((account, k) =>
      candidatures.push({
        i: candidatures.length,
        account,
        sis: campaign.sis,
        formation: formations[k % formations.length]!,
        token: tokens[k]!,
        id: null,
        ine: ineOf.get(account.id)!,
        confirmed: false,
      }),
    );
  }
  // Interleaved, so that every wave has both SIS.
  candidatures.sort((a, b) => (a.i % Math.ceil(opts.size / 2)) - (b.i % Math.ceil(opts.size / 2)) || a.sis.localeCompare(b.sis));
  const staff = await plain.login('centre', DEMO_PASSWORD);
  const setupS = since();
  log(`setup done in ${setupS.toFixed(1)} s: ${candidatures.length} candidates logged in`);

  // The driver: each candidature's journey, C at a time.
  const driverErrors: string[] = [];
  let applied = 0;
  let confirmed = 0;
  let lanesFree = opts.concurrency;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (lanesFree > 0) return void lanesFree--;
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const releaseLane = () => {
    const next = waiting.shift();
    if (next) next();
    else lanesFree++;
  };
  const journey = async (c: Candidature) => {
    await acquire();
    try {
      const key = (step: string) => `chaos-${run}-${c.i}-${step}`;
      const created = await client.send('POST', '/api/candidatures', { token: c.token, body: { formationCode: c.formation }, key: key('apply') });
      if (created.status !== 201 && created.status !== 200) throw new Error(`apply → ${created.status} ${JSON.stringify(created.body)}`);
      c.id = created.body.id as string;
      applied++;
      const steps: [string, string, string, unknown?][] = [
        ['transmit', `/api/candidatures/${c.id}/transmit`, c.token],
        ['dossier', `/api/staff/candidatures/${c.id}/dossier-status`, staff, { status: 'CO' }],
        ['opinion', `/api/staff/candidatures/${c.id}/opinions`, staff, { decisionType: 'AVIS_FAVORABLE' }],
        ['validate', `/api/staff/candidatures/${c.id}/opinions/validate`, staff],
        ['confirm', `/api/candidatures/${c.id}/confirm`, c.token],
      ];
      for (const [name, path, token, body] of steps) {
        const res = await client.send('POST', path, { token, key: key(name), ...(body !== undefined ? { body } : {}) });
        if (res.status !== 200) throw new Error(`${name} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      c.confirmed = true;
      confirmed++;
    } catch (err) {
      driverErrors.push(`candidature #${c.i} (${c.id ?? 'not created'}): ${(err as Error).message}`);
    } finally {
      releaseLane();
    }
  };

  const faultNames = ['worker kill -9', 'SIS outage', 'Temporal restart', 'api kill -9', 'PostgreSQL restart'] as const;
  const waves: Candidature[][] = Array.from({ length: faultNames.length + 1 }, () => []);
  candidatures.forEach((c, k) => waves[Math.floor((k * waves.length) / candidatures.length)]!.push(c));
  const journeys: Promise<void>[] = [];
  const release = (wave: Candidature[]) => journeys.push(...wave.map(journey));
  const faults: FaultRecord[] = [];
  const drivingStart = Date.now();

  release(waves[0]!);
  for (const [k, name] of faultNames.entries()) {
    // The next wave out, and some of it applied: the fault strikes candidatures mid-journey.
    release(waves[k + 1]!);
    // (The SIS outage waits for the whole wave to have applied: its exports are then seconds away.)
    const target = applied + (name === 'SIS outage' ? waves[k + 1]!.length : Math.max(1, Math.ceil(waves[k + 1]!.length / 3)));
    for (const until = Date.now() + 30_000; applied < target && Date.now() < until;) await sleep(50);
    const inFlight = applied - confirmed;
    const at = since();
    log(`fault ${k + 1}/${faultNames.length}: ${name} (${inFlight} candidatures in flight, ${applied} applied, ${confirmed} confirmed)`);
    const started = Date.now();
    let downMs = 0;
    let detail = '';
    let hits: number | undefined;
    switch (name) {
      case 'worker kill -9': {
        const before = new Set(await stack.workerPollers());
        await stack.worker.kill9();
        stack.worker.start();
        // Down until a new worker (another pid) polls the task queue.
        for (const until = Date.now() + 180_000; !(await stack.workerPollers()).some((p) => !before.has(p)); await sleep(200))
          if (Date.now() > until || !stack.worker.running) throw new Error(`the worker did not come back:\n${stack.worker.output()}`);
        downMs = Date.now() - started;
        detail = 'SIGKILL to the worker process group, then npm run start:worker';
        break;
      }
      case 'SIS outage':
        ({ detail, hits } = await sisOutage(stack, opts.sisWindowMs));
        downMs = Date.now() - started;
        break;
      case 'Temporal restart':
        downMs = await stack.restartTemporal();
        detail = 'dev server stopped (SIGTERM) and started again on its --db-filename';
        break;
      case 'api kill -9':
        await stack.api.kill9();
        stack.api.start();
        downMs = Date.now() - started;
        detail = 'SIGKILL to the api process group, then npm run start:api; clients retry';
        break;
      case 'PostgreSQL restart':
        downMs = await stack.restartPostgres();
        detail = 'fast shutdown (SIGINT) and start on the same data folder; api and worker not restarted';
        break;
    }
    await stack.healthy(300_000);
    const recoveredMs = Date.now() - started;
    faults.push({ name, at, downMs, recoveredMs, inFlight, detail, ...(hits !== undefined ? { hits } : {}) });
    log(`  ${name}: down ${(downMs / 1000).toFixed(1)} s, healthy again after ${(recoveredMs / 1000).toFixed(1)} s`);
  }
  await Promise.all(journeys);
  const drivingS = (Date.now() - drivingStart) / 1000;
  log(`driving done in ${drivingS.toFixed(1)} s: ${applied} applied, ${confirmed} confirmed, ${driverErrors.length} client errors`);

  // Settling: every confirmed candidature's export done (or failed), every mail out of the outbox.
  const settleStart = Date.now();
  const views = new Map<string, { stage?: string; export?: { status?: string } }>();
  const pending = () => candidatures.filter((c) => c.id && !['done', 'failed'].includes(views.get(c.id)?.export?.status ?? ''));
  for (const until = Date.now() + 600_000; pending().length > 0 && Date.now() < until;) {
    for (const c of pending()) {
      const res = await client.send('GET', `/api/candidatures/${c.id}`, { token: c.token });
      if (res.status === 200) views.set(c.id!, res.body);
    }
    if (pending().length) await sleep(1000);
  }
  const ids = candidatures.flatMap((c) => (c.id ? [c.id] : []));
  const unsent = async () =>
    Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_log WHERE candidature_id = ANY($1) AND status IN ('queued', 'retry', 'sending')`, [ids]))
        .rows[0]!.n,
    );
  for (const until = Date.now() + 300_000; (await unsent()) > 0 && Date.now() < until;) await sleep(1000);
  await sleep(1000); // the last mails' SMTP transactions end before their rows say sent
  const settleS = (Date.now() - settleStart) / 1000;

  // Checks.
  const wrongState = candidatures
    .filter((c) => !c.id || views.get(c.id)?.stage !== 'confirmed' || views.get(c.id)?.export?.status !== 'done')
    .map((c) => `#${c.i} ${c.id ?? '(not created)'}: stage ${views.get(c.id ?? '')?.stage ?? '?'}, export ${views.get(c.id ?? '')?.export?.status ?? '?'}`);

  const exportProblems: string[] = [];
  const apogeeReceived = stack.apogee.database.received;
  const apogeeApplied = new Map<string, number>();
  for (const r of apogeeReceived) {
    const ine = String((r.donneesOpi.individu as Record<string, unknown> | undefined)?.codNneIndOpi ?? '');
    if (r.outcome === 'applied') apogeeApplied.set(ine, (apogeeApplied.get(ine) ?? 0) + 1);
  }
  const pegaseReceived = (await (await fetch(`${stack.pegase.url}/__admin/received`)).json()) as { admissions: { nomFichier: string; importe: boolean }[] };
  const pegaseImported = new Map<string, number>();
  for (const a of pegaseReceived.admissions) {
    const id = /^admis-(.+)_\d+-/.exec(a.nomFichier)?.[1];
    if (id && a.importe) pegaseImported.set(id, (pegaseImported.get(id) ?? 0) + 1);
  }
  let apogeeExports = 0;
  let pegaseExports = 0;
  for (const c of candidatures) {
    const n = c.sis === 'apogee' ? (apogeeApplied.get(c.ine) ?? 0) : (pegaseImported.get(c.id ?? '') ?? 0);
    if (c.sis === 'apogee') apogeeExports += n;
    else pegaseExports += n;
    if (n !== 1) exportProblems.push(`#${c.i} ${c.id} (${c.sis}): ${n} exports`);
  }

  const mailRows = (
    await db.query<{ candidature_id: string; idempotency_key: string; mail_code: string; recipient_role: string | null; status: string }>(
      `SELECT candidature_id, idempotency_key, mail_code, recipient_role, status FROM mail_log WHERE candidature_id = ANY($1)`,
      [ids],
    )
  ).rows;
  const received = new Map<string, number>();
  for (const m of stack.smtp.mails) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
  const mailProblems: string[] = [];
  let duplicates = 0;
  let receivedOurs = 0;
  const codesOf = new Map<string, string[]>();
  for (const row of mailRows) {
    const messageId = `<${row.idempotency_key.replace(/[^\w.-]/g, '.')}@ecandidat>`;
    const n = received.get(messageId) ?? 0;
    receivedOurs += n;
    if (row.status !== 'sent') mailProblems.push(`${row.idempotency_key}: ${row.status}`);
    else if (n !== 1) mailProblems.push(`${row.idempotency_key}: received ${n} times`);
    if (n > 1) duplicates += n - 1;
    codesOf.set(row.candidature_id, [...(codesOf.get(row.candidature_id) ?? []), `${row.mail_code}→${row.recipient_role ?? 'candidate'}`]);
  }
  // Each (candidature, mail code, recipient) once, and the same mails for every candidature of a formation.
  const codes: Record<string, string[]> = {};
  for (const c of candidatures) {
    if (!c.id) continue;
    const mine = (codesOf.get(c.id) ?? []).sort();
    if (new Set(mine).size !== mine.length) mailProblems.push(`#${c.i} ${c.id}: a mail code twice (${mine.join(', ')})`);
    const reference = (codes[c.formation] ??= mine);
    if (mine.length === 0) mailProblems.push(`#${c.i} ${c.id}: no mail`);
    else if (mine.join() !== reference.join()) mailProblems.push(`#${c.i} ${c.id}: mails ${mine.join(', ')} ≠ ${reference.join(', ')}`);
  }

  const connection = await Connection.connect({ address: stack.temporalAddress });
  const failed: string[] = [];
  try {
    const temporal = new Client({ connection });
    for await (const w of temporal.workflow.list({ query: `ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut' OR ExecutionStatus = 'Terminated'` }))
      failed.push(`${w.type} ${w.workflowId}: ${w.status.name}`);
  } finally {
    await connection.close();
  }

  const totalS = since();
  const report: Omit<ChaosReport, 'summary' | 'problems'> = {
    size: candidatures.length,
    faults,
    requests: { total: client.total, retried: client.retried, statuses: client.statuses },
    wrongState,
    exports: { apogee: apogeeExports, pegase: pegaseExports, problems: exportProblems },
    mails: { expected: mailRows.length, received: receivedOurs, duplicates, problems: mailProblems, codes },
    workflows: { failed },
    driverErrors,
    durations: { setupS, drivingS, settleS, totalS },
  };
  const problems = wrongState.length + exportProblems.length + mailProblems.length + failed.length + driverErrors.length;
  return { ...report, problems, summary: summarize(report) };
}

/** The SIS failing for `windowMs`: a third HTTP 503, a third no answer (the adapters' 3 s timeout), a third 429. */
async function sisOutage(stack: ChaosStack, windowMs: number): Promise<{ detail: string; hits: number }> {
  const phases = [
    { name: '5xx', apogee: { operation: '*', kind: 'http5xx', status: 503 }, pegase: { path: '*', kind: 'http5xx', status: 503 } },
    { name: 'timeouts', apogee: { operation: '*', kind: 'hang' }, pegase: { path: '*', kind: 'hang' } },
    { name: '429', apogee: { operation: '*', kind: 'http429', retryAfter: 1 }, pegase: { path: '*', kind: 'tooMany', retryAfter: 1 } },
  ];
  const fired: string[] = [];
  let hits = 0;
  const admin = (base: string, method: string, body?: unknown) =>
    fetch(`${base}/__admin/faults`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
  for (const phase of phases) {
    await Promise.all([admin(stack.apogee.url, 'POST', { ...phase.apogee, count: null }), admin(stack.pegase.url, 'POST', { ...phase.pegase, count: null })]);
    await sleep(windowMs / phases.length);
    const counts = await Promise.all(
      [stack.apogee.url, stack.pegase.url].map(async (base) =>
        ((await (await admin(base, 'GET')).json()) as { fired: number }[]).reduce((n, f) => n + f.fired, 0),
      ),
    );
    await Promise.all([admin(stack.apogee.url, 'DELETE'), admin(stack.pegase.url, 'DELETE')]);
    fired.push(`${phase.name}: Apogée ${counts[0]}, Pégase ${counts[1]} calls`);
    hits += counts[0]! + counts[1]!;
  }
  return { detail: `${(windowMs / 1000).toFixed(0)} s — ${fired.join('; ')}`, hits };
}

function summarize(r: Omit<ChaosReport, 'summary' | 'problems'>): string {
  const lines = [
    `Chaos run: ${r.size} candidatures (${r.durations.totalS.toFixed(0)} s: setup ${r.durations.setupS.toFixed(0)} s, driving ${r.durations.drivingS.toFixed(0)} s, settling ${r.durations.settleS.toFixed(0)} s)`,
    'Faults (each while candidatures were in flight):',
    ...r.faults.map(
      (f) =>
        `  t+${f.at.toFixed(0).padStart(4)} s  ${f.name.padEnd(19)} ${String(f.inFlight).padStart(4)} in flight, down ${(f.downMs / 1000).toFixed(1)} s, healthy after ${(f.recoveredMs / 1000).toFixed(1)} s — ${f.detail}`,
    ),
    `Requests: ${r.requests.total} sent, ${r.requests.retried} retried (${
      Object.entries(r.requests.statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ') || 'none'
    })`,
    `Candidatures in the expected state (confirmed, export done): ${r.size - r.wrongState.length}/${r.size}`,
    `Exports counted by the simulators: Apogée ${r.exports.apogee}, Pégase ${r.exports.pegase} (${r.exports.problems.length} candidatures not exactly once)`,
    `Mails: ${r.mails.expected} in mail_log, ${r.mails.received} received by SMTP, ${r.mails.duplicates} duplicates, ${r.mails.problems.length} problems`,
    ...Object.entries(r.mails.codes).map(([formation, codes]) => `  ${formation}: ${codes.join(', ')}`),
    `Workflows failed, timed out or terminated: ${r.workflows.failed.length}`,
    `Client errors (a step refused or never answered): ${r.driverErrors.length}`,
  ];
  const problems = [...r.wrongState, ...r.exports.problems, ...r.mails.problems, ...r.workflows.failed, ...r.driverErrors];
  if (problems.length) lines.push('First problems:', ...problems.slice(0, 15).map((p) => `  ${p}`));
  return lines.join('\n');
}
