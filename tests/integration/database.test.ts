// The database layer against a real PostgreSQL (DATABASE_URL: an empty database, given by the test
// runner): migrations apply and are recorded as Prisma records them, the migrated database is
// exactly the schema, every model works, no schema change is left without a migration, the seed is
// idempotent, and a tampered migration history is refused.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, diffSchemas, MIGRATIONS_DIR, readMigrations, SCHEMA_PATH, SNAPSHOT_PATH } from '../../infra/migrate.ts';
import { createPrisma, type Db } from '../../infra/prisma.ts';
import { Prisma } from '../../prisma/generated/client.ts';
import { DEMO_PASSWORD, seed } from '../../prisma/seed.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must point at an empty PostgreSQL database (npm test provides one)');

const SCRATCH_SCHEMA = 'schema_check';
let sql: pg.Client;
let db: Db;
let firstRun: { applied: string[] };
let hadHistoryBefore: boolean;

beforeAll(async () => {
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  hadHistoryBefore = (await sql.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`)).rows[0].present;
  firstRun = await applyMigrations(databaseUrl);
  db = createPrisma(databaseUrl);
}, 120_000);

afterAll(async () => {
  await sql?.query(`DROP SCHEMA IF EXISTS ${SCRATCH_SCHEMA} CASCADE`).catch(() => undefined);
  await sql?.end();
  await db?.$disconnect();
});

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}
const history = async () =>
  (
    await sql.query<HistoryRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    )
  ).rows;

describe('migrations', () => {
  it('records every migration folder in _prisma_migrations with its checksum, none missing or extra, all finished', async () => {
    const onDisk = readMigrations();
    expect(onDisk.length).toBeGreaterThan(0);
    if (!hadHistoryBefore) expect(firstRun.applied).toEqual(onDisk.map((m) => m.name));
    const rows = await history();
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name));
    for (const m of onDisk) {
      const row = rows.find((r) => r.migration_name === m.name)!;
      expect(row.checksum, m.name).toBe(m.checksum);
      expect(row.finished_at, m.name).toBeInstanceOf(Date);
      expect(row.rolled_back_at, m.name).toBeNull();
      expect(row.applied_steps_count, m.name).toBe(1);
    }
    // The history table is Prisma's own, so a real `prisma migrate deploy` would recognise it.
    const columns = (
      await sql.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY column_name`,
      )
    ).rows.map((r) => r.column_name);
    expect(columns).toEqual(['applied_steps_count', 'checksum', 'finished_at', 'id', 'logs', 'migration_name', 'rolled_back_at', 'started_at']);
  });

  it('applies nothing the second time', async () => {
    const before = await history();
    expect(await applyMigrations(databaseUrl)).toEqual({ applied: [] });
    expect(await history()).toEqual(before);
  });

  it('refuses a migration modified after it was applied, and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const first = readMigrations(dir)[0]!;
      const file = join(dir, first.name, 'migration.sql');
      writeFileSync(file, readFileSync(file, 'utf8') + '\n-- edited after being applied\n');
      const before = await history();
      await expect(applyMigrations(databaseUrl, () => {}, dir)).rejects.toThrow(/modified after it was applied/);
      expect(await history()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a history whose applied migration is missing from the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const first = readMigrations(dir)[0]!;
      renameSync(join(dir, first.name), join(dir, `${first.name}_renamed`));
      await expect(applyMigrations(databaseUrl, () => {}, dir)).rejects.toThrow(/missing from/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema', () => {
  it('leaves no schema change without a migration (the snapshot of the last migration equals schema.prisma)', async () => {
    const snapshot = readFileSync(SNAPSHOT_PATH, 'utf8');
    const schema = readFileSync(SCHEMA_PATH, 'utf8');
    expect(await diffSchemas(snapshot, schema)).toBe('');
    // …and the diff is able to see a change (otherwise the assertion above would prove nothing).
    expect(await diffSchemas(snapshot, schema.replace(/^model Parameter \{/m, 'model Parameter {\n  probe Int?'))).toMatch(
      /ALTER TABLE "parameter" ADD COLUMN\s+"probe" INTEGER/,
    );
  });

  it('has a table with every scalar column for every model of the generated client, and no unknown table', async () => {
    // The generated client's own data model: model → table, field → column.
    const dataModel = (
      db as unknown as {
        _runtimeDataModel?: { models: Record<string, { dbName: string | null; fields: { name: string; kind: string; dbName?: string | null }[] }> };
      }
    )._runtimeDataModel;
    expect(dataModel, 'the Prisma client exposes its runtime data model').toBeDefined();
    const models = Object.entries(dataModel!.models);
    expect(models.map(([name]) => name).sort()).toEqual(Object.values(Prisma.ModelName).sort());

    const rows = (
      await sql.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows;
    const tables = new Map<string, Set<string>>();
    for (const r of rows) tables.set(r.table_name, (tables.get(r.table_name) ?? new Set()).add(r.column_name));

    const expectedTables = new Set<string>();
    for (const [name, model] of models) {
      const table = model.dbName ?? name;
      expectedTables.add(table);
      expect(tables.has(table), `table ${table} of model ${name}`).toBe(true);
      const scalarColumns = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.dbName ?? f.name);
      expect(scalarColumns.length, `scalar fields of ${name}`).toBeGreaterThan(0);
      for (const column of scalarColumns) expect(tables.get(table)?.has(column), `column ${table}.${column}`).toBe(true);
      // Naming convention: snake_case tables and columns.
      for (const id of [table, ...scalarColumns]) expect(id, `${name}: snake_case name`).toMatch(/^[a-z][a-z0-9_]*$/);
    }
    const unknown = [...tables.keys()].filter((t) => t !== '_prisma_migrations' && !expectedTables.has(t));
    expect(unknown).toEqual([]);
  });

  it('is exactly what the current schema builds from scratch (columns, types, defaults, constraints, indexes, enums)', async () => {
    // Build the current schema.prisma from an empty database in a scratch schema, then compare the
    // catalogs: the migrations, applied one after the other, must give the very same database.
    const fromScratch = await diffSchemas(null, readFileSync(SCHEMA_PATH, 'utf8'));
    await sql.query(`DROP SCHEMA IF EXISTS ${SCRATCH_SCHEMA} CASCADE; CREATE SCHEMA ${SCRATCH_SCHEMA}`);
    try {
      await sql.query(`SET search_path TO ${SCRATCH_SCHEMA}; ${fromScratch}`);
      await sql.query('SET search_path TO public');
      const migrated = await catalog('public');
      const expected = await catalog(SCRATCH_SCHEMA);
      expect(expected.columns.length).toBeGreaterThan(100);
      expect(migrated).toEqual(expected);
    } finally {
      await sql.query(`SET search_path TO public; DROP SCHEMA IF EXISTS ${SCRATCH_SCHEMA} CASCADE`);
    }
  });

  it('makes every model usable through the client', async () => {
    for (const name of Object.values(Prisma.ModelName)) {
      const delegate = (db as unknown as Record<string, { count(): Promise<number> }>)[name.charAt(0).toLowerCase() + name.slice(1)];
      expect(delegate, `delegate of ${name}`).toBeDefined();
      expect(await delegate!.count(), name).toBeGreaterThanOrEqual(0);
    }
  });
});

/** A schema's structure, with the schema name taken out of every definition so two schemas compare. */
async function catalog(schema: string) {
  const strip = (s: string | null) => (s ?? '').replaceAll(`${schema}.`, '').replaceAll('"', '');
  const q = async (text: string) => (await sql.query(text, [schema])).rows;
  const columns =
    await q(`SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`);
  const constraints = await q(`SELECT c.relname AS table_name, k.conname, k.contype, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relname <> '_prisma_migrations' ORDER BY c.relname, k.conname`);
  const indexes = await q(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  );
  const enums =
    await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = $1 ORDER BY t.typname, e.enumsortorder`);
  return {
    columns: columns.map((c) => ({ ...c, column_default: strip(c.column_default) })),
    constraints: constraints.map((c) => ({ ...c, def: strip(c.def) })),
    indexes: indexes.map((i) => ({ ...i, indexdef: strip(i.indexdef) })),
    enums,
  };
}

describe('seed', () => {
  it('runs twice without error and creates the reference codes and the demo logins with a working password', async () => {
    await seed(db, { mode: 'test' });
    const counts = async () => ({
      campaigns: await db.campaign.count(),
      formations: await db.formation.count(),
      staff: await db.staffUser.count(),
      accounts: await db.candidateAccount.count(),
      mails: await db.mailTemplate.count(),
      rights: await db.profileFunctionality.count(),
    });
    const first = await counts();
    const admin = await db.staffUser.findUniqueOrThrow({ where: { login: 'admin' } });
    await seed(db, { mode: 'test' });
    expect(await counts()).toEqual(first);
    // Not rehashed on the second run.
    expect((await db.staffUser.findUniqueOrThrow({ where: { login: 'admin' } })).passwordHash).toBe(admin.passwordHash);

    expect((await db.dossierStatusType.findMany({ orderBy: { code: 'asc' } })).map((s) => s.code)).toEqual(['AT', 'CO', 'IN', 'RE']);
    expect((await db.pieceStatusType.findMany()).map((s) => s.code).sort()).toEqual(['AT', 'NC', 'RE', 'TR', 'VA']);
    expect((await db.opinionKind.findMany()).map((s) => s.code).sort()).toEqual(['DE', 'FA', 'LA', 'LC', 'PR']);
    expect(await db.decisionType.count({ where: { code: { startsWith: 'AVIS_' } } })).toBe(5);
    expect(first.mails).toBeGreaterThanOrEqual(30);
    expect((await db.parameter.findUniqueOrThrow({ where: { code: 'CANDIDATURE_NB_VOEUX_MAX' } })).value).toBe('20');

    for (const login of ['admin', 'scol', 'centre', 'commission']) {
      const user = await db.staffUser.findUniqueOrThrow({ where: { login } });
      expect(await verify(user.passwordHash, DEMO_PASSWORD), login).toBe(true);
      expect(await verify(user.passwordHash, 'wrong password'), login).toBe(false);
    }
    const candidate = await db.candidateAccount.findFirstOrThrow({
      where: { email: 'candidat@demo.test' },
      include: { campaign: true, candidate: { include: { address: true, bac: true, externalCursus: true } } },
    });
    expect(await verify(candidate.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(candidate.campaign.sisType).toBe('P');
    expect(candidate.candidate?.address).not.toBeNull();
    expect(candidate.candidate?.bac).not.toBeNull();
    expect(candidate.candidate?.externalCursus.length).toBeGreaterThan(0);

    // Each campaign offers the formations of the centres of its SIS, at least one without documents.
    for (const code of ['2026-P', '2026-A']) {
      const campaign = await db.campaign.findUniqueOrThrow({ where: { code } });
      const formations = await db.formation.findMany({
        where: { commission: { centre: { sisType: campaign.sisType } } },
        include: { supportingDocuments: true },
      });
      expect(formations.length, code).toBeGreaterThanOrEqual(6);
      expect(
        formations.some((f) => f.supportingDocuments.length === 0),
        code,
      ).toBe(true);
    }
    // The demo commission member may enter opinions but not validate them.
    const rights = await db.profileFunctionality.findMany({ where: { profileCode: 'commission', readOnly: false } });
    expect(rights.map((r) => r.functionalityCode)).toEqual(['EDIT_AVIS']);
  }, 120_000);
});
