// The API's side of Temporal: one client per process, and the translation of Temporal outcomes into
// HTTP answers (a refused update keeps the workflow's reason and status; no worker = 503).
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { Client, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { CLOSED_CANDIDATURE, REFUSALS, refusalFromFailure } from '../contracts/refusals.ts';
import type { AppConfig } from '../infra/config.ts';
import { clientTracingInterceptors, type Tracing } from '../infra/tracing.ts';
import { conflict, HttpProblem, unavailable } from './problem.ts';

/**
 * A client on Temporal's Rust connection (the one workers use): much less CPU per call than the pure-JS
 * gRPC one. With tracing on, each call carries the active trace into the workflow (infra/tracing.ts).
 */
export async function connectTemporal(config: AppConfig, opts: { tracing?: Tracing | null } = {}): Promise<Client> {
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const interceptors = clientTracingInterceptors(opts.tracing ?? null);
  return new Client({ connection, namespace: config.temporalNamespace, ...(interceptors ? { interceptors } : {}) });
}

/** Updates and queries need a live worker: past this delay the API answers 503 rather than hang. */
export const WORKER_WAIT_MS = 20_000;

export function toHttpProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  // Routes check the candidature exists before calling Temporal: a missing run means it has ended.
  if (err instanceof WorkflowNotFoundError) return conflict(CLOSED_CANDIDATURE);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // A refusal of the rules: its kind is the failure's type, its reason (French and English) and the fields at fault its message and details.
    const { kind, reason, errors } = refusalFromFailure(err.cause);
    const { status, title } = REFUSALS[kind];
    return new HttpProblem(status, title, reason, errors);
  }
  if (
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    (err instanceof Error && /deadline|abort|cancel/i.test(err.name + err.message)) ||
    engineBusy(err)
  )
    return unavailable({
      fr: "Le moteur de workflows n'a pas répondu à temps (worker indisponible ?). Réessayez dans un instant.",
      en: 'The workflow engine did not answer in time (worker unavailable?). Try again in a moment.',
    });
  throw err;
}

/**
 * Temporal could not get an answer from the workflow right now (a query timing out, no worker polling,
 * its query buffer full, the call dropped under load): the engine's moment, not the client's fault.
 */
function engineBusy(err: unknown): boolean {
  if (!(err instanceof ServiceError)) return false;
  const code = (err.cause as { code?: number } | undefined)?.code;
  return (
    (code !== undefined && [2, 4, 8, 9, 14].includes(code)) ||
    /timeout expired|no poller seen|buffer is full|dropped without being settled|unavailable/i.test(err.message)
  );
}

/** Runs a Temporal call with a deadline and HTTP-shaped errors. */
export async function temporalCall<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  try {
    return await client.withAbortSignal(AbortSignal.timeout(WORKER_WAIT_MS), fn);
  } catch (err) {
    throw toHttpProblem(err);
  }
}
