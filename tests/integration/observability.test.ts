// What an operator watches the application with, for real: the API and worker started with a fake
// OTLP collector (an HTTP server decoding the JSON the OTLP/HTTP exporter posts to /v1/traces), the
// Temporal SDK's and the worker's Prometheus endpoints, and their logs captured as JSON lines.
//   - traces: one candidature created, then transmitted, each request with the caller's traceparent:
//     its trace holds the API's request span, the Temporal client's call, the workflow's spans and the
//     activity's, one trace id from the browser to the activity;
//   - metrics: latency by route pattern and status at GET /metrics (Bearer METRICS_TOKEN), a mail
//     refused by SMTP and an export Pégase answers 503 to counted, the SDK's metrics served apart;
//   - logs: the request id (the client's when sane) answered and on every line, the workflow id on a
//     candidature's routes, the worker's Temporal lines with workflowId and activityType, no secret;
//   - /api/ready: 200 with PostgreSQL and Temporal up, 503 naming Temporal when it does not answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { connectTemporal } from '../../api/temporal.ts';
import { loadConfig, type AppConfig } from '../../infra/config.ts';
import { createLogger } from '../../infra/logging.ts';
import { freePort } from '../../infra/ports.ts';
import { installTemporalRuntime } from '../../infra/temporal-runtime.ts';
import { workerTracing } from '../../infra/tracing.ts';
import { workflowBundle } from '../../worker/main.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 4).toUpperCase();
const METRICS_TOKEN = `metrics-${randomUUID()}`;

interface CollectedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
}

/** A TCP relay to Temporal's frontend; cut() closes it and every connection through it. */
async function startRelay(target: string) {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<Socket>();
  const server = createTcpServer((inbound) => {
    const outbound = connect(port, host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${listenPort}`,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

/** A fake OTLP/HTTP collector: what the exporter posts to /v1/traces, decoded (JSON, as the 0.57 exporter sends it). */
async function startCollector() {
  const spans: CollectedSpan[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.add(String(req.headers['content-type']));
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: { name: string; traceId: string; spanId: string; parentSpanId?: string }[] }[];
        }[];
      };
      for (const rs of body.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans)
          for (const s of ss.spans)
            spans.push({ service, name: s.name, traceId: hex(s.traceId), spanId: hex(s.spanId), parentSpanId: s.parentSpanId ? hex(s.parentSpanId) : '' });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, contentTypes, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** OTLP/JSON ids are hex; tolerate base64 (the protobuf JSON mapping) too. */
const hex = (id: string) => (/^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex'));

/** JSON log lines written to memory. */
function logSink() {
  const lines: Record<string, any>[] = [];
  let raw = '';
  return {
    lines,
    raw: () => raw,
    stream: {
      write(chunk: string) {
        raw += chunk;
        for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, any>);
      },
    },
  };
}

/** The value of the metric line with these labels (all of them, in any order), or 0 when absent. */
function metricValue(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

let t: TestApp;
let collector: Awaited<ReturnType<typeof startCollector>>;
const workerLogs = logSink();
let sdkMetricsPort: number;
let workerMetricsPort: number;
let emails: string[];

beforeAll(async () => {
  collector = await startCollector();
  sdkMetricsPort = await freePort(19464);
  workerMetricsPort = await freePort(19465);
  const base = loadConfig();
  const observability: AppConfig['observability'] = {
    ...base.observability,
    logLevel: 'info',
    logFormat: 'json',
    metricsToken: METRICS_TOKEN,
    otlpEndpoint: collector.url,
    temporalSdkMetricsAddress: `127.0.0.1:${sdkMetricsPort}`,
    workerMetricsPort,
  };
  // The process's Temporal runtime, set up as the worker does, its JSON lines captured here (the
  // worker's own call then finds it done).
  installTemporalRuntime({ ...base, observability }, createLogger(observability, 'worker', workerLogs.stream), { sdkMetrics: true });
  t = await startTestApp({ observability: { ...observability, logLevel: 'warn' } });
  emails = await createCandidates(t.db, '2026-P', `OB${RUN}`, 3);
});
afterAll(async () => {
  await t?.stop();
  await collector?.stop();
});

describe('traces from the API through Temporal to the activities', () => {
  it('a created candidature: the request span, StartWorkflow, the workflow’s activity span and the activity’s, in the trace of the caller’s traceparent', async () => {
    const token = await t.login(emails[0]!);
    const formationCode = await t.freeFormation(token, '2026-P');
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode }, headers: { traceparent: `00-${traceId}-${callerSpan}-01` } });
    expect(created.status).toBe(201);

    const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
    const has = (service: string, name: string) => inTrace().some((s) => s.service === service && s.name === name);
    await expect
      .poll(() => has('worker', 'RunActivity:projectCandidatureState') && has('api', 'StartWorkflow:candidatureWorkflow'), { timeout: 30_000, interval: 250 })
      .toBe(true);
    const spans = inTrace();
    const one = (service: string, name: string) => spans.find((s) => s.service === service && s.name === name)!;
    const request = one('api', 'POST /api/candidatures');
    expect(request, JSON.stringify(spans)).toBeDefined();
    // The request continues the caller's span; the client call is the request's child; the activity
    // is the child of the workflow's span that scheduled it.
    expect(request.parentSpanId).toBe(callerSpan);
    expect(one('api', 'StartWorkflow:candidatureWorkflow').parentSpanId).toBe(request.spanId);
    const scheduled = one('worker', 'StartActivity:projectCandidatureState');
    expect(scheduled, JSON.stringify(spans)).toBeDefined();
    expect(one('worker', 'RunActivity:projectCandidatureState').parentSpanId).toBe(scheduled.spanId);
    expect([...collector.contentTypes]).toEqual(['application/json']);

    // A transition: the request, the client's update and the workflow's handling of it, one trace.
    await t.completeFile(token, created.body.id as string);
    const transmitTrace = randomBytes(16).toString('hex');
    const transmitted = await t.api('POST', `/api/candidatures/${created.body.id}/transmit`, {
      token,
      headers: { traceparent: `00-${transmitTrace}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(transmitted.status).toBe(200);
    await expect
      .poll(
        () =>
          collector.spans
            .filter((s) => s.traceId === transmitTrace)
            .map((s) => `${s.service} ${s.name}`)
            .sort(),
        { timeout: 30_000, interval: 250 },
      )
      .toEqual(expect.arrayContaining(['api POST /api/candidatures/:id/transmit', 'api StartWorkflowUpdate:transmit', 'worker HandleUpdate:transmit']));

    // A traced workflow replays deterministically with the bundled interceptors (its history as recorded).
    const temporal = await connectTemporal(t.config);
    try {
      const history = await temporal.workflow.getHandle(`candidature-${created.body.id}`).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workerTracing(null).sinks }, history, `candidature-${created.body.id}`);
    } finally {
      await temporal.connection.close();
    }
  });
});

describe('Prometheus metrics', () => {
  const scrape = async (token: string | null = METRICS_TOKEN) => {
    const res = await fetch(`${t.server.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('GET /metrics: the latency histogram by method, route pattern and status; 401 without the token', async () => {
    const before = metricValue((await scrape()).text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/health', status_code: '200' });
    for (let i = 0; i < 3; i++) expect((await t.api('GET', '/api/health')).status).toBe(200);
    expect((await t.api('GET', '/api/campaigns/2026-P/formations')).status).toBe(200);
    const probe = `/api/no-such-route-${RUN}`;
    expect((await t.api('GET', probe)).status).toBe(404);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(metricValue(res.text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/health', status_code: '200' })).toBe(before + 3);
    expect(res.text).toMatch(/^http_request_duration_seconds_bucket\{.*le="0\.1".*\} \d+$/m);
    // The route's pattern, never the raw URL (an unknown path does not make a series of its own).
    expect(metricValue(res.text, 'http_request_duration_seconds_count', { route: '/api/campaigns/:code/formations', status_code: '200' })).toBeGreaterThan(0);
    expect(metricValue(res.text, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).toBeGreaterThan(0);
    expect(res.text).not.toContain('2026-P');
    expect(res.text).not.toContain(probe);
    // The process's own metrics come along.
    expect(res.text).toMatch(/^process_cpu_seconds_total \d/m);

    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('not-the-token')).status).toBe(401);
    // Not in the API's documentation.
    expect(Object.keys((await t.api('GET', '/api/openapi.json')).body.paths)).not.toContain('/metrics');
  });

  it('a mail SMTP refuses counts in ecandidat_mail_failures_total; the worker serves its metrics on WORKER_METRICS_PORT', async () => {
    const workerScrape = async (token: string | null = METRICS_TOKEN) => {
      const res = await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return { status: res.status, text: await res.text() };
    };
    const before = metricValue((await workerScrape()).text, 'ecandidat_mail_failures_total', {});
    t.smtp.refuse(true);
    try {
      expect((await t.api('POST', '/api/accounts/password-reset', { body: { email: emails[1] } })).status).toBe(202);
      await expect.poll(async () => metricValue((await workerScrape()).text, 'ecandidat_mail_failures_total', {}), { timeout: 30_000 }).toBeGreaterThan(before);
    } finally {
      t.smtp.refuse(false);
    }
    // The mail goes out on its retry; the failure stays counted (the same registry behind the API's /metrics).
    await t.smtp.waitFor((m) => m.to.includes(emails[1]!), 60_000);
    expect(metricValue((await scrape()).text, 'ecandidat_mail_failures_total', {})).toBeGreaterThan(before);
    expect((await workerScrape(null)).status).toBe(401);
  });

  it('an export Pégase answers 503 to counts in ecandidat_sis_export_failures_total{sis="P"}, and the worker logs it with its workflow and activity', async () => {
    const token = await t.login(emails[2]!);
    const { id } = await t.decidedCandidature(token, '2026-P');
    const before = metricValue((await scrape()).text, 'ecandidat_sis_export_failures_total', { sis: 'P' });
    const fault = await fetch(`${t.pegase!.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/ins/v1/*', kind: 'http5xx', status: 503, count: 1 }),
    });
    expect(fault.ok).toBe(true);
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);
    await expect
      .poll(async () => metricValue((await scrape()).text, 'ecandidat_sis_export_failures_total', { sis: 'P' }), { timeout: 30_000 })
      .toBe(before + 1);
    // The retry goes through.
    await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done',
      60_000,
    );
    // The SDK's line for the failed attempt: a JSON line with the workflow and the activity.
    const failed = workerLogs.lines.find((l) => l.msg === 'Activity failed' && l.workflowId === `candidature-${id}`);
    expect(failed, 'the worker logged the failed attempt').toMatchObject({
      level: 40,
      service: 'worker',
      activityType: 'exportToSis',
      workflowType: 'candidatureWorkflow',
    });
    expect(failed!.err?.message ?? failed!.error).toBeTruthy();
  });

  it("Temporal's SDK metrics are served on TEMPORAL_SDK_METRICS_ADDRESS, with the worker's task queue", async () => {
    const res = await fetch(`http://127.0.0.1:${sdkMetricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^temporal_\w+/m);
    expect(text).toContain(`task_queue="${t.config.taskQueue}"`);
  });
});

describe('logs', () => {
  it('JSON lines: the request id (the client’s when sane, else a new one) answered and on every line, the workflow id on a candidature’s routes, no secret', async () => {
    const logs = logSink();
    const temporal = await connectTemporal(t.config);
    const app = await buildApp({
      config: t.config,
      db: t.db,
      temporal,
      loggerInstance: createLogger({ logLevel: 'info', logFormat: 'json' }, 'api', logs.stream),
    });
    try {
      const given = `client-${RUN}.1:a_b`;
      const health = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': given } });
      expect(health.headers['x-request-id']).toBe(given);
      const lines = logs.lines.filter((l) => l.requestId === given);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
      expect(lines.every((l) => l.service === 'api' && typeof l.time === 'string')).toBe(true);

      // Not a sane token (spaces, too long): a UUID of ours instead.
      for (const bad of ['a b', 'x'.repeat(129), '<script>']) {
        const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': bad } });
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
      expect(logs.raw()).not.toContain('<script>');

      // A candidature's route: its workflow id on the request's lines; the bearer token nowhere.
      const token = await t.login(emails[0]!);
      const [mine] = (await t.api('GET', '/api/candidatures', { token })).body as { id: string }[];
      const view = await app.inject({
        method: 'GET',
        url: `/api/candidatures/${mine!.id}`,
        headers: { authorization: `Bearer ${token}`, 'x-request-id': `view-${RUN}` },
      });
      expect(view.statusCode).toBe(200);
      const viewLines = logs.lines.filter((l) => l.requestId === `view-${RUN}`);
      expect(viewLines.find((l) => l.msg === 'request completed')).toMatchObject({ workflowId: `candidature-${mine!.id}` });
      // A mail link's token in the URL, a password in a body: never written.
      const secret = `Secret-${randomUUID()}`;
      await app.inject({ method: 'GET', url: `/compte/mot-de-passe?token=${secret}` });
      await app.inject({ method: 'POST', url: '/api/session', payload: { login: emails[0], password: secret } });
      expect(logs.raw()).toContain('token=[redacted]');
      expect(logs.raw()).not.toContain(secret);
      expect(logs.raw()).not.toContain(token);
    } finally {
      await app.close();
      await temporal.connection.close();
    }
  });
});

describe('/api/ready', () => {
  it('200 when PostgreSQL and Temporal answer', async () => {
    const res = await t.api('GET', '/api/ready');
    expect(res).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'up', temporal: 'up' } } });
  });

  it('503 naming Temporal when its frontend stops answering, within its timeout', async () => {
    // The app's own client (the Rust connection production uses), reaching Temporal through a relay
    // that is then cut: Temporal was up at start and is gone now, as after a frontend crash.
    const relay = await startRelay(t.config.temporalAddress);
    const temporal = await connectTemporal({ ...t.config, temporalAddress: relay.address });
    const app = await buildApp({ config: t.config, db: t.db, temporal });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      await relay.cut();
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'up', temporal: 'down' } });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await app.close();
      await temporal.connection.close();
      await relay.cut();
    }
  });
});
