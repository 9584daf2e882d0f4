// Database migrations without Prisma's native schema engine (it cannot be downloaded here, and
// `prisma migrate deploy` with a placeholder engine silently applies nothing).
//
// - Migrations live in Prisma's own folder format: prisma/migrations/<yyyyMMddHHmmss>_<name>/migration.sql
//   (+ migration_lock.toml), written by scripts/new-migration.ts.
// - applyMigrations() applies them with `pg`, recording each one in Prisma's `_prisma_migrations`
//   table exactly as Prisma would (same DDL, sha256 checksum), so a real `prisma migrate deploy`
//   later recognises the history.
// - diffSchemas() computes migration SQL between two Prisma schemas with the WebAssembly schema
//   engine (@prisma/schema-engine-wasm), fully offline.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import pg from 'pg';

export const PRISMA_DIR = resolve(import.meta.dirname, '../prisma');
export const SCHEMA_PATH = resolve(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = resolve(PRISMA_DIR, 'migrations');
/** The schema as of the last migration: the starting point of the next `npm run db:migration`. */
export const SNAPSHOT_PATH = resolve(MIGRATIONS_DIR, 'schema.snapshot.prisma');

/** Prisma's own DDL for its history table (prisma-engines, sql-migration-connector, postgres flavour). */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

/** The advisory lock key Prisma's migrate uses: our runner and a real `prisma migrate` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

export interface MigrationFile {
  /** Folder name, e.g. 20260115093000_init. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export const migrationChecksum = (sql: string) => createHash('sha256').update(sql, 'utf8').digest('hex');

/** The migration folders in the order Prisma applies them (lexicographic = chronological). */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = resolve(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`migration folder ${name} has no migration.sql`);
      const sql = readFileSync(file, 'utf8');
      return { name, sql, checksum: migrationChecksum(sql) };
    });
}

/**
 * Applies every migration of `prisma/migrations` not yet recorded in `_prisma_migrations`, in order,
 * each in its own transaction. Refuses to do anything (throws) when the recorded history does not
 * match the folder: an applied migration edited since (checksum), missing from the folder, or left
 * unfinished by a failed `prisma migrate`. Safe to call concurrently (advisory lock) and at every start.
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (line: string) => void = () => {},
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(migrationsDir);
  if (migrations.length === 0) throw new Error(`no migration found in ${migrationsDir}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(PRISMA_MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at',
    );
    const byName = new Map(migrations.map((m) => [m.name, m]));
    const problems: string[] = [];
    for (const row of rows) {
      const m = byName.get(row.migration_name);
      if (!m) problems.push(`migration ${row.migration_name} is applied in the database but missing from ${migrationsDir}`);
      else if (m.checksum !== row.checksum)
        problems.push(`migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the database, ${m.checksum} on disk)`);
      if (!row.finished_at) problems.push(`migration ${row.migration_name} started but never finished (a failed migration): repair the database by hand`);
    }
    if (problems.length) throw new Error(`database migration history does not match the migrations folder:\n- ${problems.join('\n- ')}`);

    const done = new Set(rows.map((r) => r.migration_name));
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      log(`applying migration ${m.name}`);
      try {
        await client.query('BEGIN');
        const id = randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${m.name} failed and was rolled back: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    if (applied.length === 0) log(`database schema up to date (${migrations.length} migrations)`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return { applied };
}

// ───────────────────────────── Offline schema diff (WebAssembly schema engine) ─────────────────────────────

interface WasmSchemaEngine {
  diff(params: {
    from: { tag: 'empty' } | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] };
    to: { tag: 'schemaDatamodel'; files: { path: string; content: string }[] };
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
}

let engine: Promise<WasmSchemaEngine> | undefined;

// WebAssembly is a Node global, but its types come with lib.dom, which this project does not load.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
};

/**
 * The schema engine insists on a driver adapter and, when created, asks the database for its
 * version (to pick the Postgres flavour). Diffing two schema files never reads a database, so we
 * hand it a stub connection that answers that one question and refuses everything else.
 */
function offlineAdapter() {
  const refuse = async () => ({ ok: false, error: { kind: 'GenericJs', id: 0 } });
  const connection = {
    provider: 'postgres',
    adapterName: 'offline-stub',
    async queryRaw(query: { sql: string }) {
      if (!query.sql.includes('server_version_num')) return refuse();
      // exists(public schema), version(), numeric version; column types: Boolean, Text, Int32.
      return {
        ok: true,
        value: { columnNames: ['exists', 'version', 'numeric_version'], columnTypes: [5, 7, 0], rows: [[true, 'PostgreSQL 17.0 (offline)', 170000]] },
      };
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    dispose: async () => ({ ok: true, value: undefined }),
  };
  return { provider: 'postgres', adapterName: 'offline-stub', connect: async () => ({ ok: true, value: connection }) };
}

async function loadEngine(): Promise<WasmSchemaEngine> {
  // The package's entry imports the .wasm file as an ES module (not supported by Node without a
  // flag), so we instantiate it ourselves with its JS glue.
  const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Record<string, unknown> & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
    SchemaEngine: { new: (options: { datamodels: undefined }, log: (line: string) => void, adapter: object) => Promise<WasmSchemaEngine> };
  };
  const module = new WebAssembly.Module(readFileSync(resolve(dirname(entry), 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return glue.SchemaEngine.new({ datamodels: undefined }, () => {}, offlineAdapter());
}

/** Postgres always has "public"; creating it needs CREATE on the database, which app users may lack. */
const CREATE_PUBLIC_SCHEMA = /^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/m;

/**
 * The SQL that turns a database built from schema `from` (null = empty database) into one matching
 * schema `to`, as `prisma migrate dev` would write it. Empty string when there is nothing to do.
 */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  engine ??= loadEngine();
  const e = await engine;
  const result = await e.diff({
    from: from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: from }] },
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? '').replace(CREATE_PUBLIC_SCHEMA, '');
  // The engine answers "-- This is an empty migration." when the schemas are equivalent.
  const statements = sql.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('--'));
  return statements.length === 0 ? '' : sql;
}
