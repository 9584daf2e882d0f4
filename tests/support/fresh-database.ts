// A new, empty database on the test PostgreSQL server, migrated: what a production installation
// starts from. Its URL; the test seeds it itself (prisma/seed.ts, mode production). `migrate: false`
// leaves it empty (what `npm run db:deploy` starts from).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../infra/config.ts';
import { applyMigrations } from '../../infra/migrate.ts';

export async function freshDatabase(prefix: string, opts: { migrate?: boolean } = {}): Promise<string> {
  const base = loadConfig();
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const client = new pg.Client({ connectionString: base.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base.databaseUrl);
  url.pathname = `/${name}`;
  if (opts.migrate !== false) await applyMigrations(url.toString());
  return url.toString();
}
