// Temporal's Runtime (the Core bridge under every NativeConnection and Worker) is one per process and
// must be set up before the first connection: its logger (the SDK's lines, Core's forwarded ones,
// the workflow and activity loggers) writes through pino as JSON lines with the SDK's metadata
// (workflowId, activityType…), and Core serves its Prometheus metrics on TEMPORAL_SDK_METRICS_ADDRESS
// when set (by the worker only: an API process on the same host must not take the same port). Called
// by the worker and the API's client alike (`npm start` runs both in one process, the worker first:
// the first call sets it up, the others find it done).
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from './config.ts';
import { temporalLevel, temporalLogger } from './logging.ts';

let installed = false;

export function installTemporalRuntime(config: AppConfig, logger: Logger, opts: { sdkMetrics: boolean }): void {
  if (installed) return;
  installed = true;
  const { logLevel } = config.observability;
  const temporalSdkMetricsAddress = opts.sdkMetrics ? config.observability.temporalSdkMetricsAddress : null;
  const level = temporalLevel(logLevel);
  try {
    Runtime.install({
      logger: temporalLogger(logger),
      telemetryOptions: {
        logging: { filter: { core: level, other: 'ERROR' }, forward: {} },
        ...(temporalSdkMetricsAddress ? { metrics: { prometheus: { bindAddress: temporalSdkMetricsAddress } } } : {}),
      },
    });
  } catch (err) {
    // A runtime made earlier in this process (a connection opened before this call): it keeps its settings.
    logger.warn({ err }, 'the Temporal runtime was already set up: its logger and metrics settings are left as they are');
  }
}
