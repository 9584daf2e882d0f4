// The HTTP server process: the API and the built web app on one port.
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '../infra/config.ts';
import { createPrisma } from '../infra/prisma.ts';
import { buildApp } from './app.ts';
import { ensureCampaignWorkflows } from './campaign-workflows.ts';
import type { DevInbox } from './routes/dev.ts';
import { connectTemporal } from './temporal.ts';

export async function startServer(config: AppConfig, extras: { devInbox?: DevInbox } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const db = createPrisma(config.databaseUrl);
  const temporal = await connectTemporal(config);
  const app = await buildApp({
    config,
    db,
    temporal,
    ...(extras.devInbox ? { devInbox: extras.devInbox } : {}),
    logger: { level: process.env.LOG_LEVEL ?? 'warn', redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  // Campaigns seeded or created while no API ran get their lifecycle workflow (idempotent).
  await ensureCampaignWorkflows({ db, temporal, config });
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const url = `http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1'}:${config.port}`;
  return {
    url,
    async close() {
      await app.close();
      await temporal.connection.close();
      await db.$disconnect();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer(loadConfig());
  console.log(`API on ${server.url}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void server.close().then(() => process.exit(0)));
}
