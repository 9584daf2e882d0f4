// schemathesis over the whole OpenAPI document (/api/openapi.json), once per role (issue 12): no
// answer is a 5xx, and every answer matches what the document declares for its operation (status
// code, content type, body schema). schemathesis comes from PyPI, pinned, into .tools/py
// (infra/temporal-cli.ts: SCHEMATHESIS; scripts/test.ts exports SCHEMATHESIS_PATH).
//
// Sizes: `npm run test:security` (SECURITY_FULL=1) runs every phase (examples, coverage, fuzzing,
// stateful) with 25 examples per operation and a random seed, printed; `npm test` runs the same
// roles with the coverage phase skipped, 2 examples per operation and a fixed seed: about 1,300
// requests in two minutes, reproducible. (Full run here: 43,827 requests in ten minutes.)
//
// The fuzzing writes (as an admin it creates campaigns, centres, formations, changes parameters and
// site messages…), so it runs on a database of its own, migrated and seeded with the demo data here,
// and the roles run in this order — anonymous, candidate, manager, admin — so that what a role may
// change only touches the roles after it at worst. Operations left out of the document it reads,
// each for a reason:
//   - DELETE /api/session: logging out revokes the fuzzer's own token, and every later request of
//     the role would be anonymous (logout and revocation: tests/security/tokens.test.ts);
//   - POST /api/account/deletion-request: the candidate's own account deletion ends its sessions
//     and erases the account the run logs in with (the data-protection tests cover it);
// and the coverage phase's calls of undeclared methods on a path leave out DELETE and POST, which
// would reach these two all the same.
// Requests time out after 20 s: a live-status stream never ends by itself (the stateful phase opens
// one with an id read from a list); what it sent until then is checked.
import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSchemathesis } from '../../infra/temporal-cli.ts';
import type { TestApp } from '../support/app.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { freshNamespace } from '../support/fresh-namespace.ts';

const FULL = process.env.SECURITY_FULL === '1';
const ROLES = [
  { role: 'anonymous', login: null },
  { role: 'candidate', login: 'candidat@demo.test' },
  { role: 'manager', login: 'centre' },
  { role: 'admin', login: 'admin' },
] as const;
/** Operations the fuzzer does not call, with the reason (see the head of this file). */
export const EXCLUDED: { method: string; path: string; reason: string }[] = [
  { method: 'delete', path: '/api/session', reason: 'logging out revokes the token the run uses' },
  { method: 'post', path: '/api/account/deletion-request', reason: 'erases the account the run logs in with' },
];
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

interface RoleFigures {
  role: string;
  operations: number;
  requests: number;
  serverErrors: number;
  failures: string[];
  statuses: Record<string, number>;
  seconds: number;
  seed: string;
}

let t: TestApp;
let work: string;
let st: string;
let schemaFile: string;
let configFile: string;
const figures: RoleFigures[] = [];

beforeAll(async () => {
  // A database of its own: the demo data, migrated and seeded by startTestApp (which reads DATABASE_URL).
  // And a Temporal namespace of its own: the fresh database's formations and campaigns have the same
  // codes, hence the same workflow ids, as the shared test data's.
  const [databaseUrl, namespace] = await Promise.all([freshDatabase('fuzz'), freshNamespace('fuzz')]);
  process.env.DATABASE_URL = databaseUrl;
  const { startTestApp } = await import('../support/app.ts');
  [t, st] = await Promise.all([startTestApp({ temporalNamespace: namespace }), resolveSchemathesis((line) => console.log(`[schemathesis] ${line}`))]);
  work = join(tmpdir(), `schemathesis-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const doc = (await t.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  for (const { method, path } of EXCLUDED) {
    expect(doc.paths[path]?.[method], `${method} ${path} is in the document`).toBeDefined();
    delete doc.paths[path]![method];
  }
  schemaFile = join(work, 'openapi.json');
  writeFileSync(schemaFile, JSON.stringify(doc));
  // The coverage phase also tries the methods a path does not declare: not DELETE nor POST, which
  // would reach the operations left out above (a DELETE on /api/session is a logout).
  configFile = join(work, 'schemathesis.toml');
  writeFileSync(configFile, '[phases.coverage]\nunexpected-methods = ["get", "put", "patch", "options", "trace", "query"]\n');
}, 300_000);

// After the full run, stopping the app (its worker and mail outbox finishing what the fuzzing started) takes minutes.
afterAll(async () => {
  if (figures.length) {
    const total = (k: 'requests' | 'serverErrors') => figures.reduce((n, f) => n + f[k], 0);
    console.log(
      [
        `schemathesis ${FULL ? 'full' : 'reduced'} run: ${total('requests')} requests, ${total('serverErrors')} 5xx, ${figures.reduce((n, f) => n + f.failures.length, 0)} failed checks`,
        ...figures.map(
          (f) =>
            `  ${f.role.padEnd(9)} ${String(f.operations).padStart(3)} operations, ${String(f.requests).padStart(6)} requests, ${f.serverErrors} 5xx, ${f.failures.length} failed checks, ${f.seconds} s, seed ${f.seed}; statuses ${JSON.stringify(f.statuses)}`,
        ),
        `  left out: ${EXCLUDED.map((e) => `${e.method.toUpperCase()} ${e.path} (${e.reason})`).join('; ')}`,
      ].join('\n'),
    );
  }
  await t?.stop();
  // The reports stay when a check failed (each case can be replayed: `st replay`), else they go.
  if (figures.some((f) => f.failures.length || f.serverErrors)) console.log(`schemathesis reports kept in ${work}`);
  else if (work) rmSync(work, { recursive: true, force: true });
}, 300_000);

/** Runs `st run` as one role and reads its NDJSON report: requests, statuses, failed checks. */
async function fuzz(role: string, token: string | null): Promise<RoleFigures> {
  const started = Date.now();
  const reportDir = join(work, role);
  const args = [
    '--config-file',
    configFile,
    'run',
    schemaFile,
    '--url',
    t.server.url,
    '--checks',
    CHECKS.join(','),
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--suppress-health-check',
    'all',
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'ndjson',
    '--report-dir',
    reportDir,
    ...(FULL ? ['--max-examples', '25'] : ['--phases', 'examples,fuzzing,stateful', '--max-examples', '2', '--seed', '20261205']),
    // A role's token is the one credential: the fuzzer does not make up session cookies for it.
    ...(token ? ['--header', `Authorization: Bearer ${token}`, '--generation-with-security-parameters', 'false'] : []),
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(st, args, { cwd: work, env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' } });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const report = readdirSync(reportDir).find((f) => f.endsWith('.ndjson'));
  if (!report) throw new Error(`schemathesis (${role}) wrote no report, exit ${code}:\n${output.join('').slice(-4000)}`);

  const seed = /Seed: (\d+)/.exec(output.join(''))?.[1] ?? '?';
  const f: RoleFigures = { role, operations: 0, requests: 0, serverErrors: 0, failures: [], statuses: {}, seconds: 0, seed };
  const operations = new Set<string>();
  const lines = createInterface({ input: createReadStream(join(reportDir, report)) });
  for await (const line of lines) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const { recorder } = (JSON.parse(line) as { ScenarioFinished: { recorder: Recorder } }).ScenarioFinished;
    operations.add(recorder.label);
    for (const interaction of Object.values(recorder.interactions ?? {})) {
      if (!interaction.response) continue;
      f.requests++;
      const status = interaction.response.status_code;
      const group = `${String(status)[0]}xx`;
      f.statuses[group] = (f.statuses[group] ?? 0) + 1;
      if (status >= 500) f.serverErrors++;
    }
    for (const [caseId, checks] of Object.entries(recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure') continue;
        const response = recorder.interactions?.[caseId]?.response;
        const request = recorder.cases?.[caseId]?.value;
        const { name, status: _status, ...detail } = check;
        f.failures.push(
          `${recorder.label}: ${name} (${response?.status_code ?? 'no answer'}) ${JSON.stringify(detail).slice(0, 400)} ${request ? JSON.stringify({ path: request.path, query: request.query, body: request.body }).slice(0, 300) : ''}`,
        );
      }
    }
  }
  f.operations = operations.size;
  f.failures = [...new Set(f.failures)];
  f.seconds = Math.round((Date.now() - started) / 1000);
  if (f.requests === 0) throw new Error(`schemathesis (${role}) made no request, exit ${code}:\n${output.join('').slice(-4000)}`);
  return f;
}

interface Recorder {
  label: string;
  cases?: Record<string, { value: { path: string; query?: unknown; body?: unknown } }>;
  checks?: Record<string, ({ name: string; status: string } & Record<string, unknown>)[]>;
  interactions?: Record<string, { response: { status_code: number } | null }>;
}

describe('schemathesis over the whole OpenAPI document', () => {
  for (const { role, login } of ROLES) {
    it(`as ${role}: no 5xx, every answer as the document declares it`, { timeout: FULL ? 1_800_000 : 600_000 }, async () => {
      const token = login ? await t.login(login) : null;
      const f = await fuzz(role, token);
      figures.push(f);
      expect(f.operations).toBeGreaterThan(100);
      expect(f.failures).toEqual([]);
      expect(f.serverErrors).toBe(0);
      // The role's session held to the end: the run really was made as that role.
      if (token) expect((await t.api('GET', '/api/session', { token })).status).toBe(200);
    });
  }
});
