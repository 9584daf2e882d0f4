// Prometheus metrics: one registry per process and every metric of the application defined here.
// The API serves it at GET /metrics (api/plugins/observability.ts), the worker on WORKER_METRICS_PORT
// (`startMetricsServer`); `npm start` runs both in one process, so its /metrics shows both. The
// Temporal SDK's own metrics (workers' slots, polls, task latencies…) are Core's, served apart on
// TEMPORAL_SDK_METRICS_ADDRESS (infra/temporal-runtime.ts).
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
// The process's CPU, memory, event loop lag, handles and garbage collections (prefixed process_ / nodejs_).
collectDefaultMetrics({ register: registry });

/** API latency by method, route pattern (never the raw URL: bounded cardinality) and status code. */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Duration of HTTP requests answered by the API, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** Failed attempts to export an admission or a withdrawal to a SIS (activities/sis-export.ts); Temporal retries them. */
export const sisExportFailures = new Counter({
  name: 'ecandidat_sis_export_failures_total',
  help: 'Failed attempts to export to a SIS (each retried attempt counts), by SIS type',
  labelNames: ['sis'] as const,
  registers: [registry],
});

/** Failed attempts to send a mail of the outbox (worker/mail-outbox.ts); each is retried with backoff up to its limit. */
export const mailFailures = new Counter({
  name: 'ecandidat_mail_failures_total',
  help: 'Failed attempts to send a mail of the outbox (each retried attempt counts)',
  registers: [registry],
});

/**
 * Whether a scrape may read the metrics: any when no token is configured (METRICS_TOKEN unset: block
 * /metrics at the proxy), else only with `Authorization: Bearer <token>`.
 */
export function metricsAllowed(token: string, authorization: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The worker's /metrics, off when WORKER_METRICS_PORT is unset: a small HTTP server on host:port. */
export async function startMetricsServer(opts: { port: number; host: string; token: string }): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
        return;
      }
      if (!metricsAllowed(opts.token, req.headers.authorization)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized\n');
        return;
      }
      try {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${(err as Error).message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
