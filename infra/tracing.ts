// OpenTelemetry traces, from an API request through Temporal to the activities it causes: off unless
// OTEL_EXPORTER_OTLP_ENDPOINT names an OTLP/HTTP collector (no provider, no interceptor: nothing
// runs). When on, each part of the process (service.name api, worker) has its tracer provider and
// batch exporter; the W3C trace context travels in HTTP headers (traceparent, accepted by the API)
// and in Temporal headers (Temporal's OpenTelemetry interceptors: the client's on the API's client,
// the workflow's in the workflow bundle, the activities' on the worker; workflow spans leave the
// workflow sandbox through the `exporter` sink).
import { fileURLToPath } from 'node:url';
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';

/**
 * The workflow-side interceptors (workflows/interceptors.ts: Temporal's OpenTelemetry ones, for the
 * workflows a tracing client started), bundled with the workflow code (worker/main.ts). The workflow
 * spans leave the sandbox through the `exporter` sink, which drops them when this worker does not trace.
 */
export const WORKFLOW_TRACING_MODULE = fileURLToPath(new URL('../workflows/interceptors.ts', import.meta.url));

export interface Tracing {
  tracer: Tracer;
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

let globalsRegistered = false;

/** The tracing of one part of the process (`service`: api, worker), or null when no collector is configured. */
export function startTracing(endpoint: string | null, service: 'api' | 'worker'): Tracing | null {
  if (!endpoint) return null;
  const resource = new Resource({ [ATTR_SERVICE_NAME]: service });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The context manager (AsyncLocalStorage) and the W3C propagator are global: set once per process
  // (`npm start` runs the api and the worker together). Every tracer is passed explicitly.
  if (!globalsRegistered) {
    provider.register();
    globalsRegistered = true;
  }
  return { tracer: provider.getTracer('ecandidat'), resource, spanProcessor, shutdown: () => provider.shutdown() };
}

/** The Temporal client's interceptors: the trace context into each start, update, signal and query. */
export function clientTracingInterceptors(tracing: Tracing | null): ClientInterceptors | undefined {
  return tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] } : undefined;
}

/** The worker's part: a span per activity (child of the workflow's), and the sink of the workflow spans. */
export function workerTracing(tracing: Tracing | null): { interceptors: WorkerInterceptors; sinks: InjectedSinks<OpenTelemetrySinks> } {
  if (!tracing) {
    // Workflows a tracing API started still make spans here; without a collector they are dropped.
    return { interceptors: {}, sinks: { exporter: { export: { fn: () => undefined, callDuringReplay: false } } } };
  }
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
