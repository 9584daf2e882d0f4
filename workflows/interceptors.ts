// Workflow interceptors, bundled with the workflow code (worker/main.ts, `workflowInterceptorModules`):
// Temporal's OpenTelemetry interceptors (spans of the run, its updates, signals and queries, and of
// the activities it schedules, with the trace context passed on to them), for the workflows started
// by a tracing client only.
//
// Determinism: those interceptors wrap updates and activities in async functions, which moves the
// moment an update completes relative to the workflow's own commands; a history recorded without them
// does not replay with them (tests/replay). So each workflow decides once, from its start's headers
// (the same on every replay): started with the trace header (a client with the OpenTelemetry client
// interceptor, infra/tracing.ts), it is traced for its whole life; started without (every workflow
// before this module, and all of them while the API's tracing is off), every call goes straight
// through, exactly as without interceptors (no span, no sink call: tracing off costs nothing here).
import type {
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowInternalsInterceptor,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';

/** The header the OpenTelemetry client interceptor puts on every workflow start (its TRACE_HEADER). */
const TRACE_HEADER = '_tracer-data';

type Method = (input: unknown, next: (input: unknown) => unknown) => unknown;

/** An interceptor whose methods call `real`'s when this workflow is traced, else go straight to `next`. */
function gated<T extends object>(methods: readonly string[], real: () => T | undefined): T {
  const out: Record<string, Method> = {};
  for (const name of methods)
    out[name] = (input, next) => {
      const target = real() as Record<string, Method> | undefined;
      return target ? target[name]!.call(target, input, next) : next(input);
    };
  return out as T;
}

export const interceptors = (): WorkflowInterceptors => {
  let otel: { inbound: OpenTelemetryInboundInterceptor; outbound: OpenTelemetryOutboundInterceptor; internals: OpenTelemetryInternalsInterceptor } | undefined;
  const inbound = gated<WorkflowInboundCallsInterceptor>(['handleSignal', 'handleUpdate', 'validateUpdate', 'handleQuery'], () => otel?.inbound);
  // The run itself: the start's headers decide, before the workflow function runs and any handler is called.
  inbound.execute = (input, next) => {
    if (!(TRACE_HEADER in input.headers)) return next(input);
    otel = {
      inbound: new OpenTelemetryInboundInterceptor(),
      outbound: new OpenTelemetryOutboundInterceptor(),
      internals: new OpenTelemetryInternalsInterceptor(),
    };
    return otel.inbound.execute(input, next);
  };
  const outbound = gated<WorkflowOutboundCallsInterceptor>(
    [
      'scheduleActivity',
      'scheduleLocalActivity',
      'startNexusOperation',
      'startChildWorkflowExecution',
      'continueAsNew',
      'signalWorkflow',
      'getLogAttributes',
      'getMetricTags',
    ],
    () => otel?.outbound,
  );
  const internals = gated<WorkflowInternalsInterceptor>(['dispose'], () => otel?.internals);
  return { inbound: [inbound], outbound: [outbound], internals: [internals] };
};
