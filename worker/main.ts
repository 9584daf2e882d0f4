// The worker: runs candidature workflows and their activities on the `candidatures` task queue.
// Started in-process by `npm start` (scripts/start.ts) or alone (`tsx worker/main.ts`) when scaling out.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type BundleOptions,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities/index.ts';
import { letterForMail } from '../api/letters/letter.ts';
import { loadConfig, type AppConfig } from '../infra/config.ts';
import { createLogger } from '../infra/logging.ts';
import { startMetricsServer } from '../infra/metrics.ts';
import { createPrisma } from '../infra/prisma.ts';
import { createFileStorage } from '../infra/storage.ts';
import { installTemporalRuntime } from '../infra/temporal-runtime.ts';
import { clientTracingInterceptors, startTracing, WORKFLOW_TRACING_MODULE, workerTracing } from '../infra/tracing.ts';
import { createSisRegistry } from '../sis/index.ts';
import { MAIL_OUTBOX_CONNECTIONS, startMailOutbox, type MailOutbox } from './mail-outbox.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const ZOD_STAND_IN = fileURLToPath(new URL('./zod-stand-in.ts', import.meta.url));
/** Where `npm run build:workflows` (scripts/build-workflows.ts) writes the workflow code bundled ahead. */
export const BUILT_WORKFLOW_BUNDLE = fileURLToPath(new URL('../dist/workflow-bundle.js', import.meta.url));
/** The folders the workflow bundle is made of: a built bundle older than any of their files is stale. */
const BUNDLED_SOURCES = ['../workflows/', '../contracts/', '../domain/'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));

/** bundleWorkflowCode's options: the same for the worker's bundle at start and the bundle built ahead. */
export const WORKFLOW_BUNDLE_OPTIONS: BundleOptions = {
  workflowsPath: WORKFLOWS_PATH,
  // Temporal's OpenTelemetry workflow interceptors (infra/tracing.ts): in every bundle, tracing on or off.
  workflowInterceptorModules: [WORKFLOW_TRACING_MODULE],
  // The contracts' schemas are not built in workflows (see worker/zod-stand-in.ts).
  webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...config.resolve?.alias, zod: ZOD_STAND_IN } } }),
  logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/**
 * The workflow code for a worker: the bundle built ahead when configured (WORKFLOW_BUNDLE_PATH), or in
 * production dist/workflow-bundle.js when it is newer than the sources; otherwise bundled once per
 * process (bundling takes seconds; tests start several workers).
 */
export function workflowBundle(config?: Pick<AppConfig, 'mode' | 'workflowBundlePath'>): Promise<WorkflowBundleOption> {
  if (config?.workflowBundlePath) {
    if (!existsSync(config.workflowBundlePath))
      return Promise.reject(
        new Error(`WORKFLOW_BUNDLE_PATH=${config.workflowBundlePath} does not exist: run "npm run build:workflows", or unset it to bundle at start`),
      );
    console.log(`[worker] workflow code built ahead: ${config.workflowBundlePath}`);
    return Promise.resolve({ codePath: config.workflowBundlePath });
  }
  if (config?.mode === 'production' && existsSync(BUILT_WORKFLOW_BUNDLE)) {
    const builtAt = statSync(BUILT_WORKFLOW_BUNDLE).mtimeMs;
    if (BUNDLED_SOURCES.every((dir) => newestMtime(dir) <= builtAt)) {
      console.log(`[worker] workflow code built ahead: ${BUILT_WORKFLOW_BUNDLE}`);
      return Promise.resolve({ codePath: BUILT_WORKFLOW_BUNDLE });
    }
    console.warn(`[worker] ${BUILT_WORKFLOW_BUNDLE} is older than the workflow sources: bundling them at start (run "npm run build:workflows")`);
  }
  bundle ??= bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  return bundle;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function startWorker(config: AppConfig): Promise<{ shutdown(): Promise<void>; worker: Worker; mailOutbox: MailOutbox }> {
  // Temporal's logs as JSON lines (LOG_FORMAT) with the workflow id and activity type; its SDK
  // metrics on TEMPORAL_SDK_METRICS_ADDRESS; traces when a collector is configured.
  const logger = createLogger(config.observability, 'worker');
  installTemporalRuntime(config, logger, { sdkMetrics: true });
  const tracing = startTracing(config.observability.otlpEndpoint, 'worker');
  const traced = workerTracing(tracing);
  const clientInterceptors = clientTracingInterceptors(tracing);
  const db = createPrisma(config.databaseUrl, config.databasePoolSize);
  // Pooled SMTP connections: one connection sends many mails.
  const mailer = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: MAIL_OUTBOX_CONNECTIONS });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // A client for the activities that signal or update other workflows, on the worker's connection.
  const temporal = new Client({ connection, namespace: config.temporalNamespace, ...(clientInterceptors ? { interceptors: clientInterceptors } : {}) });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowBundle: await workflowBundle(config),
    activities: createActivities({
      db,
      mailer,
      mailFrom: config.mailFrom,
      sis: createSisRegistry(config),
      temporal,
      taskQueue: config.taskQueue,
      storage: createFileStorage(config),
    }),
    ...(config.worker.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: config.worker.maxCachedWorkflows } : {}),
    maxConcurrentWorkflowTaskExecutions: config.worker.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: config.worker.activitySlots,
    maxConcurrentLocalActivityExecutions: config.worker.localActivitySlots,
    interceptors: traced.interceptors,
    sinks: traced.sinks,
  });
  const running = worker.run();
  // The mails the candidature workflows queue with their read model (activities/projection.ts), on
  // connections of their own: sending never holds up the workflows' projections.
  const outboxDb = createPrisma(config.databaseUrl, MAIL_OUTBOX_CONNECTIONS);
  const letterDeps = { db: outboxDb, storage: createFileStorage(config) };
  const mailOutbox = await startMailOutbox({
    db: outboxDb,
    mailer,
    mailFrom: config.mailFrom,
    databaseUrl: config.databaseUrl,
    decisionLetter: (candidatureId, mailCode, language) => letterForMail(letterDeps, candidatureId, mailCode, language),
    log: (msg, err) => logger.warn({ component: 'mail-outbox', ...(err ? { err } : {}) }, msg),
  });
  // The worker's own metrics (mail and export failures, the process's), when WORKER_METRICS_PORT is set.
  const { workerMetricsPort, metricsToken } = config.observability;
  const metricsServer = workerMetricsPort
    ? await startMetricsServer({ port: workerMetricsPort, host: process.env.HOST ?? '127.0.0.1', token: metricsToken })
    : null;
  return {
    worker,
    mailOutbox,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await mailOutbox.stop();
      await outboxDb.$disconnect();
      await connection.close();
      mailer.close();
      await db.$disconnect();
      await metricsServer?.stop();
      await tracing?.shutdown();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const w = await startWorker(loadConfig());
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void w.shutdown().then(() => process.exit(0)));
}
