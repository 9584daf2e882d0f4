// `npm run bench:micro`: one list of the referential synchronisation (activities/referential-sync.ts) written
// into PostgreSQL, at the size of France's communes (~35,000) and of a postcode list (~40,000 pairs):
// the first run inserts every row, a second run with nothing changed, a run where 1,000 labels changed
// and 500 codes vanished. The SIS is a stand-in adapter answering the rows at once, so the figures are
// the database side only (the SIS's own time is in the contract tests' simulators). Figures only.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { syncReferentialList } from '../../activities/referential-sync.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import type { SyncListInput } from '../../domain/referential-sync.ts';
import { applyMigrations } from '../../infra/migrate.ts';
import { createPrisma, type Db } from '../../infra/prisma.ts';
import type { ReferentialItem, SisAdapter } from '../../sis/port.ts';

const COMMUNES = 35_000;
let db: Db;
let answer: ReferentialItem<'communes'>[] = [];

const commune = (n: number, label = `Commune ${n}`): ReferentialItem<'communes'> => ({
  code: String(10_000 + n),
  label,
  shortLabel: null,
  active: true,
  departmentCode: String(1 + (n % 95)).padStart(2, '0'),
});

beforeAll(async () => {
  const url = process.env.DATABASE_URL!;
  await applyMigrations(url);
  db = createPrisma(url);
  await db.$executeRawUnsafe(`DELETE FROM "sis_commune" WHERE "sis_type" = 'D'`);
}, 120_000);

afterAll(async () => {
  await db?.$executeRawUnsafe(`DELETE FROM "sis_commune" WHERE "sis_type" = 'D'`);
  await db?.$disconnect();
});

// D: the bench's rows stay apart from the Apogée and Pégase ones.
const deps = () => ({ db, sis: { adapterFor: () => ({ listReferential: async () => answer }) as unknown as SisAdapter } }) as unknown as ActivityDeps;
// The activity writes any SIS type's rows; the workflow only runs it for A and P.
const syncCommunes = () => syncReferentialList(deps(), { sisType: 'D' as SyncListInput['sisType'], list: 'communes' });

describe(`the communes list (${COMMUNES.toLocaleString('en')} rows) into sis_commune`, () => {
  test('first run: every row inserted', { timeout: 600_000 }, async ({ bench }) => {
    answer = Array.from({ length: COMMUNES }, (_, n) => commune(n));
    await bench('insert 35,000 communes', async () => {
      await db.$executeRawUnsafe(`DELETE FROM "sis_commune" WHERE "sis_type" = 'D'`);
      await syncCommunes();
    }).run({ iterations: 5, time: 0, warmupIterations: 1 });
  });
  test('nothing changed', { timeout: 600_000 }, async ({ bench }) => {
    await syncCommunes();
    await bench('resync 35,000 unchanged communes', syncCommunes).run({ iterations: 5, time: 0, warmupIterations: 1 });
  });
  test('1,000 labels changed, 500 codes vanished', { timeout: 600_000 }, async ({ bench }) => {
    let round = 0;
    await bench('resync with 1,000 changes and 500 vanished', async () => {
      round++;
      answer = Array.from({ length: COMMUNES - 500 }, (_, n) => commune(n, n < 1000 ? `Commune ${n} (${round})` : `Commune ${n}`));
      await syncCommunes();
    }).run({ iterations: 5, time: 0, warmupIterations: 1 });
  });
});
