// The worker: runs candidature workflows and their activities on the `candidatures` task queue.
// Started in-process by `npm start` (scripts/start.ts) or alone (`tsx worker/main.ts`) when scaling out.
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities/index.ts';
import { letterForMail } from '../api/letters/letter.ts';
import { loadConfig, type AppConfig } from '../infra/config.ts';
import { createPrisma } from '../infra/prisma.ts';
import { createSisRegistry } from '../sis/index.ts';
import { MAIL_OUTBOX_CONNECTIONS, startMailOutbox, type MailOutbox } from './mail-outbox.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const ZOD_STAND_IN = fileURLToPath(new URL('./zod-stand-in.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow code bundled once per process (bundling takes seconds; tests start several workers). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // The contracts' schemas are not built in workflows (see worker/zod-stand-in.ts).
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...config.resolve?.alias, zod: ZOD_STAND_IN } } }),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  return bundle;
}

export async function startWorker(config: AppConfig): Promise<{ shutdown(): Promise<void>; worker: Worker; mailOutbox: MailOutbox }> {
  const db = createPrisma(config.databaseUrl, config.databasePoolSize);
  // Pooled SMTP connections: one connection sends many mails.
  const mailer = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: MAIL_OUTBOX_CONNECTIONS });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // A client for the activities that signal or update other workflows, on the worker's connection.
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      db,
      mailer,
      mailFrom: config.mailFrom,
      sis: createSisRegistry(config),
      temporal,
      taskQueue: config.taskQueue,
      filesDir: config.filesDir,
    }),
    ...(config.worker.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: config.worker.maxCachedWorkflows } : {}),
    maxConcurrentWorkflowTaskExecutions: config.worker.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: config.worker.activitySlots,
    maxConcurrentLocalActivityExecutions: config.worker.localActivitySlots,
  });
  const running = worker.run();
  // The mails the candidature workflows queue with their read model (activities/projection.ts), on
  // connections of their own: sending never holds up the workflows' projections.
  const outboxDb = createPrisma(config.databaseUrl, MAIL_OUTBOX_CONNECTIONS);
  const letterDeps = { db: outboxDb, filesDir: config.filesDir };
  const mailOutbox = await startMailOutbox({
    db: outboxDb,
    mailer,
    mailFrom: config.mailFrom,
    databaseUrl: config.databaseUrl,
    decisionLetter: (candidatureId, mailCode, language) => letterForMail(letterDeps, candidatureId, mailCode, language),
  });
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
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const w = await startWorker(loadConfig());
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void w.shutdown().then(() => process.exit(0)));
}
