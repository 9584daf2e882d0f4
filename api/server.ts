// The HTTP server process: the API and the built web app on one port.
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '../infra/config.ts';
import { createLogger } from '../infra/logging.ts';
import { createPrisma } from '../infra/prisma.ts';
import { installTemporalRuntime } from '../infra/temporal-runtime.ts';
import { startTracing } from '../infra/tracing.ts';
import { buildApp } from './app.ts';
import { ensureAccountPurgeSchedule } from './account-purge-schedule.ts';
import { ensureCampaignWorkflows } from './campaign-workflows.ts';
import { ensureReferentialSchedules } from './referential-schedules.ts';
import type { DevInbox } from './routes/dev.ts';
import { connectTemporal } from './temporal.ts';

export async function startServer(config: AppConfig, extras: { devInbox?: DevInbox } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const db = createPrisma(config.databaseUrl, config.databasePoolSize);
  // JSON lines in production (LOG_FORMAT), the request id on each; traces when a collector is configured.
  const logger = createLogger(config.observability, 'api');
  installTemporalRuntime(config, logger, { sdkMetrics: false });
  const tracing = startTracing(config.observability.otlpEndpoint, 'api');
  const temporal = await connectTemporal(config, { tracing });
  const app = await buildApp({
    config,
    db,
    temporal,
    ...(extras.devInbox ? { devInbox: extras.devInbox } : {}),
    loggerInstance: logger,
    tracing,
  });
  // Campaigns seeded or created while no API ran get their lifecycle workflow (idempotent).
  await ensureCampaignWorkflows({ db, temporal, config });
  // The daily referential synchronisation of each SIS in use (created or updated; nothing runs now).
  const schedules = await ensureReferentialSchedules({ temporal, config });
  if (schedules.error) {
    // A server without schedules (Temporal's time-skipping test server answers UNIMPLEMENTED) is not an error.
    const { code, cause } = schedules.error as { code?: number; cause?: { code?: number } };
    const unimplemented = (code ?? cause?.code) === 12;
    app.log[unimplemented ? 'info' : 'warn']({ err: schedules.error }, 'referential sync schedules not ensured');
  }
  // The daily purge of candidate accounts never validated (created or updated; nothing runs now).
  const purge = await ensureAccountPurgeSchedule({ temporal, config });
  if (purge.error) {
    const { code, cause } = purge.error as { code?: number; cause?: { code?: number } };
    app.log[(code ?? cause?.code) === 12 ? 'info' : 'warn']({ err: purge.error }, 'account purge schedule not ensured');
  }
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const url = `http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1'}:${config.port}`;
  return {
    url,
    async close() {
      await app.close();
      await temporal.connection.close();
      await db.$disconnect();
      await tracing?.shutdown();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfig();
  const server = await startServer(config);
  // One line that it listens, in the logs' own format (a JSON line in production).
  createLogger({ ...config.observability, logLevel: 'info' }, 'api').info({ url: server.url }, `API on ${server.url}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void server.close().then(() => process.exit(0)));
}
