// What an operator watches the API with, on every request:
//   - a request id: the client's `X-Request-Id` when it is a sane token (128 characters at most of
//     [A-Za-z0-9._:-]), else a new UUID; answered in `x-request-id` and carried by every log line of
//     the request (`requestId`), with `workflowId` on the routes of one candidature;
//   - its latency in `http_request_duration_seconds` {method, route pattern, status_code}, served
//     with the process's other metrics at GET /metrics (Bearer METRICS_TOKEN when set);
//   - with tracing on (infra/tracing.ts), a server span continuing the caller's W3C `traceparent`,
//     active while the handler runs, so the Temporal calls it makes carry the trace to the workflow.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { candidatureWorkflowId } from '../../contracts/candidature.ts';
import { REQUEST_ID } from '../../infra/logging.ts';
import { httpRequestDuration, metricsAllowed, registry } from '../../infra/metrics.ts';
import type { Tracing } from '../../infra/tracing.ts';
import { HttpProblem } from '../problem.ts';

/** Fastify's request id options: ours, not Fastify's (which takes any header value as it comes). */
export const requestIdOptions = {
  requestIdHeader: false as const,
  logController: new LogController({ requestIdLogLabel: 'requestId' }),
  genReqId(req: IncomingMessage): string {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  },
};

/** Routes acting on one candidature: their `:id` names its workflow. */
const CANDIDATURE_ROUTE = /^\/api\/(?:staff\/|admin\/)?candidatures\/:id(?:\/|$)/;
/** The route label of requests no route matched (never the raw URL: scanners would make one series each). */
const UNMATCHED = 'unmatched';

export interface ObservabilityOptions {
  /** Null: tracing off. */
  tracing: Tracing | null;
  /** METRICS_TOKEN: empty for an open /metrics. */
  metricsToken: string;
}

export default fp<ObservabilityOptions>(async function observability(app: FastifyInstance, opts) {
  const { tracing, metricsToken } = opts;
  const spans = new WeakMap<FastifyRequest, { span: Span; ctx: Context }>();

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const route = request.routeOptions.url;
    const bindings: Record<string, string> = {};
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (route && typeof id === 'string' && CANDIDATURE_ROUTE.test(route)) bindings.workflowId = candidatureWorkflowId(id);
    if (tracing) {
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const span = tracing.tracer.startSpan(
        `${request.method} ${route ?? UNMATCHED}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route ?? UNMATCHED, 'request.id': request.id } },
        parent,
      );
      spans.set(request, { span, ctx: trace.setSpan(parent, span) });
      bindings.traceId = span.spanContext().traceId;
    }
    if (Object.keys(bindings).length) {
      const log = request.log.child(bindings);
      request.log = log;
      reply.log = log;
    }
    done();
  });

  if (tracing) {
    // After the body is read (its stream events run outside any context) and before the handler: the
    // handler, and every promise it makes, run in the request's span.
    app.addHook('preHandler', (request, _reply, done) => {
      const s = spans.get(request);
      if (s) context.with(s.ctx, done);
      else done();
    });
  }

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    httpRequestDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const s = spans.get(request);
    if (s) {
      s.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) s.span.setStatus({ code: SpanStatusCode.ERROR });
      s.span.end();
    }
    done();
  });

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    // On the public port of a production installation, never open by omission.
    if (!metricsToken && app.config.mode === 'production')
      throw new HttpProblem(
        403,
        { fr: 'Accès refusé', en: 'Forbidden' },
        {
          fr: 'Les métriques de l’API ne sont servies en production qu’avec METRICS_TOKEN (Authorization: Bearer).',
          en: 'In production the API serves its metrics only with METRICS_TOKEN set (Authorization: Bearer).',
        },
      );
    if (!metricsAllowed(metricsToken, request.headers.authorization)) {
      void reply.header('www-authenticate', 'Bearer');
      throw new HttpProblem(401, { fr: 'Non authentifié', en: 'Unauthorized' }, { fr: 'Jeton de métriques requis.', en: 'The metrics token is required.' });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
});
