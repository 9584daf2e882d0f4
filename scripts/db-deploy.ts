// `npm run db:deploy`: what a production installation runs before its api and workers start (the
// one-shot `migrate` service of docker-compose.yml): the migrations not applied yet, then the seed
// (reference codes, rights, mail templates, parameters; the first administrator from FIRST_ADMIN_*;
// the demo only outside production). Idempotent: run again, it changes nothing. Exits 0 when done,
// 1 with the reason otherwise (a missing variable names itself: infra/config.ts).
import { loadConfig } from '../infra/config.ts';
import { applyMigrations } from '../infra/migrate.ts';
import { createPrisma } from '../infra/prisma.ts';
import { seed } from '../prisma/seed.ts';

const log = (line: string) => console.log(`[db:deploy] ${line}`);

try {
  const config = loadConfig();
  const { applied } = await applyMigrations(config.databaseUrl, (l) => log(`migrations: ${l}`));
  log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema up to date');
  const prisma = createPrisma(config.databaseUrl);
  try {
    await seed(prisma, { mode: config.mode, firstAdmin: config.firstAdmin, log: (l) => log(`seed: ${l}`) });
  } finally {
    await prisma.$disconnect();
  }
  log(`done (${config.mode})`);
} catch (err) {
  console.error(`[db:deploy] failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
