// One list of the referential synchronisation (workflows/referential-sync.ts): the SIS's rows of the
// list, written into its `sis_*` table for that SIS type in one transaction — new rows inserted,
// changed rows updated (a row that comes back is back in service), rows the SIS no longer answers
// marked out of service. Never deleted: candidate files and formations keep their codes. Running it
// twice changes nothing the second time (inserted = updated = deactivated = 0).
// One INSERT … ON CONFLICT for the whole list (rows passed as one jsonb parameter), so a list of
// 40,000 communes is one statement, not 40,000.
import { ApplicationFailure } from '@temporalio/activity';
import { countByStatus, type ListReport, type ReferentialSyncProgress, type SyncListInput } from '../domain/referential-sync.ts';
import { REFERENTIAL_LISTS, SisTransientError, SisValidationError, type ReferentialItem, type ReferentialList } from '../sis/port.ts';
import type { SisType } from '../domain/codes.ts';
import type { Db } from '../infra/prisma.ts';
import { REFERENTIAL_COLUMNS, type ReferentialColumn } from '../domain/referential-columns.ts';
import type { ActivityDeps } from './index.ts';

type Item = ReferentialItem & Record<string, unknown>;

interface Column {
  column: string;
  type: 'text' | 'int' | 'boolean';
  /** varchar size: a longer key is rejected, a longer label cut. */
  max?: number;
  of(item: Item): string | number | boolean | null;
}

export interface ReferentialTable {
  table: string;
  /** Columns of the primary key besides sis_type. */
  keys: Column[];
  values: Column[];
}

const text = (column: string, max: number, of: (i: Item) => unknown): Column => ({
  column,
  type: 'text',
  max,
  of: (i) => {
    const v = of(i);
    return v === undefined || v === null || v === '' ? null : String(v);
  },
});
const int = (column: string, of: (i: Item) => unknown): Column => ({ column, type: 'int', of: (i) => (typeof of(i) === 'number' ? (of(i) as number) : null) });
const bool = (column: string, of: (i: Item) => unknown): Column => ({
  column,
  type: 'boolean',
  of: (i) => (typeof of(i) === 'boolean' ? (of(i) as boolean) : null),
});

const label = text('label', 255, (i) => i.label);
const shortLabel = text('short_label', 100, (i) => i.shortLabel);
const active = bool('active', (i) => i.active);

/** The reference's siscol_* tables (prisma/schema.prisma `Sis*` models). */
const TABLE_NAMES: Record<ReferentialList, string> = {
  countries: 'sis_country',
  departments: 'sis_department',
  communes: 'sis_commune',
  postcodeCommunes: 'sis_postcode_commune',
  birthCommunes: 'sis_birth_commune',
  bacSeries: 'sis_bac',
  bacMentions: 'sis_bac_mention',
  bacSpecialities: 'sis_bac_specialty',
  bacOptions: 'sis_bac_option',
  bacSeriesSpecialities: 'sis_bac_specialty_link',
  bacSeriesOptions: 'sis_bac_option_link',
  establishments: 'sis_establishment',
  diplomaTypes: 'sis_diploma_type',
  priorDiplomas: 'sis_prior_diploma',
  resultTypes: 'sis_result_type',
  honoursMentions: 'sis_mention',
  academicYears: 'sis_academic_year',
  managementCentres: 'sis_management_centre',
  users: 'sis_user',
  exemptionCategories: 'sis_exemption_category',
  regimes: 'sis_regime',
  statuts: 'sis_student_status',
};

/** The column that holds the item's `code`, where it is not `code`. */
const CODE_COLUMN: Partial<Record<ReferentialList, string>> = {
  postcodeCommunes: 'postcode',
  bacSeriesSpecialities: 'bac_code',
  bacSeriesOptions: 'bac_code',
};

/** Where a column's value is not the SIS item's field of the same name (sis/port.ts ReferentialExtras). */
const FROM_ITEM: Partial<Record<ReferentialList, Record<string, (i: Item) => unknown>>> = {
  bacSeries: { ineCheck: (i) => i.ineCheck ?? false },
  bacSeriesSpecialities: { specialtyCode: (i) => i.specialityCode },
  // status: ETA_ANU_IAE, 'O' for the year admissions are for.
  academicYears: { status: (i) => (i.open ? 'O' : 'F') },
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A list's table from its columns (domain/referential-columns.ts, shared with the back office). */
function tableOf(list: ReferentialList): ReferentialTable {
  const shape = REFERENTIAL_COLUMNS[list];
  const column = (c: ReferentialColumn): Column => {
    const of = FROM_ITEM[list]?.[c.name] ?? ((i: Item) => i[c.name]);
    return c.type === 'text' ? text(snake(c.name), c.max ?? 255, of) : c.type === 'int' ? int(snake(c.name), of) : bool(snake(c.name), of);
  };
  return {
    table: TABLE_NAMES[list],
    keys: [text(CODE_COLUMN[list] ?? 'code', shape.codeMax, (i) => i.code), ...shape.others.filter((c) => c.key).map(column)],
    values: [...(shape.label ? [label] : []), ...(shape.shortLabel ? [shortLabel] : []), ...shape.others.filter((c) => !c.key).map(column), active],
  };
}

/** Where each list goes, and how a SIS item fills each column. */
export const REFERENTIAL_TABLES = Object.fromEntries(REFERENTIAL_LISTS.map((list) => [list, tableOf(list)])) as Record<ReferentialList, ReferentialTable>;

const q = (name: string) => `"${name}"`;
const NOT_NULL = new Set(['label', 'active', 'ine_check']);

/** The rows as the table takes them: keys checked (missing, too long, repeated: rejected), labels cut to their size. */
export function tableRows(spec: ReferentialTable, items: Item[]): { rows: Record<string, unknown>[]; rejected: number } {
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const item of items) {
    const keys = spec.keys.map((c) => c.of(item));
    if (keys.some((k, n) => typeof k !== 'string' || k.length > spec.keys[n]!.max!)) {
      rejected++;
      continue;
    }
    const id = keys.join('\u0000');
    if (seen.has(id)) {
      rejected++;
      continue;
    }
    seen.add(id);
    const row: Record<string, unknown> = {};
    spec.keys.forEach((c, n) => (row[c.column] = keys[n]));
    for (const c of spec.values) {
      let v = c.of(item);
      if (typeof v === 'string' && c.max && v.length > c.max) v = v.slice(0, c.max);
      if (v === null && NOT_NULL.has(c.column)) v = c.column === 'label' ? String(keys[0]) : c.column === 'active';
      row[c.column] = v;
    }
    rows.push(row);
  }
  return { rows, rejected };
}

type Sql = Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/**
 * Writes rows (from tableRows) into the list's table for that SIS type: new keys inserted, changed
 * rows updated, unchanged ones left alone. Returns one entry per row written, `inserted` telling which.
 * Used by the synchronisation and by the back office's hand edits of the D (no SIS) referentials.
 */
export async function upsertReferentialRows(
  db: Sql,
  spec: ReferentialTable,
  sisType: SisType,
  rows: Record<string, unknown>[],
): Promise<{ inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const all = [...spec.keys, ...spec.values];
  const recordset = `jsonb_to_recordset($1::jsonb) AS r(${all.map((c) => `${q(c.column)} ${c.type}`).join(', ')})`;
  const keyColumns = [...spec.keys.map((c) => q(c.column)), q('sis_type')].join(', ');
  const changed = (prefix: string) => `(${spec.values.map((c) => `${prefix}.${q(c.column)}`).join(', ')})`;
  const upsert = `
    INSERT INTO ${q(spec.table)} AS t (${[...spec.keys.map((c) => q(c.column)), q('sis_type'), ...spec.values.map((c) => q(c.column))].join(', ')})
    SELECT ${[...spec.keys.map((c) => `r.${q(c.column)}`), '$2::sis_type', ...spec.values.map((c) => `r.${q(c.column)}`)].join(', ')}
    FROM ${recordset}
    ON CONFLICT (${keyColumns}) DO UPDATE SET ${spec.values.map((c) => `${q(c.column)} = excluded.${q(c.column)}`).join(', ')}
    WHERE ${changed('t')} IS DISTINCT FROM ${changed('excluded')}
    RETURNING (xmax = 0) AS inserted`;
  return db.$queryRawUnsafe<{ inserted: boolean }[]>(upsert, JSON.stringify(rows), sisType);
}

/** The statement that puts out of service the rows of that SIS type whose key is not among $1 (the rows as jsonb). */
function deactivateOthers(spec: ReferentialTable): string {
  const keysOnly = `jsonb_to_recordset($1::jsonb) AS r(${spec.keys.map((c) => `${q(c.column)} ${c.type}`).join(', ')})`;
  return `
    UPDATE ${q(spec.table)} AS t SET "active" = false
    WHERE t."sis_type" = $2::sis_type AND t."active"
      AND NOT EXISTS (SELECT 1 FROM ${keysOnly} WHERE ${spec.keys.map((c) => `r.${q(c.column)} = t.${q(c.column)}`).join(' AND ')})`;
}

export async function syncReferentialList(deps: ActivityDeps, input: SyncListInput): Promise<ListReport> {
  const { sisType, list } = input;
  const spec = REFERENTIAL_TABLES[list];
  if (!spec) throw ApplicationFailure.nonRetryable(`Liste de référentiel inconnue : ${list}`, 'SisValidationError');
  const adapter = deps.sis.adapterFor(sisType);
  if (!adapter) throw ApplicationFailure.nonRetryable(`Aucun SI Scolarité de type ${sisType}.`, 'SisValidationError');

  let items: Item[] | null;
  try {
    items = (await adapter.listReferential(list)) as Item[] | null;
  } catch (err) {
    if (err instanceof SisValidationError) throw ApplicationFailure.nonRetryable(err.message, 'SisValidationError');
    // The SIS said when to come back (429/503 Retry-After): the next attempt waits that long (at most a minute).
    if (err instanceof SisTransientError && err.retryAfterSeconds)
      throw ApplicationFailure.create({
        message: err.message,
        type: 'SisTransientError',
        nextRetryDelay: `${Math.min(err.retryAfterSeconds, 60)} seconds`,
        cause: err,
      });
    throw err;
  }
  if (items === null) return { list, status: 'skipped', received: 0, inserted: 0, updated: 0, deactivated: 0, rejected: 0 };
  if (items.length === 0) {
    // A SIS answering nothing for a list it has is more likely broken than empty: nothing is put out of service.
    const inService = await deps.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${q(spec.table)} WHERE "sis_type" = $1::sis_type AND "active"`,
      sisType,
    );
    if (inService[0]!.n > 0)
      throw ApplicationFailure.nonRetryable(
        `Le SI Scolarité a répondu une liste vide alors que ${inService[0]!.n} codes sont en service : rien n'a été désactivé.`,
        'EmptyReferential',
      );
  }

  const { rows, rejected } = tableRows(spec, items);
  const { written, deactivated } = await deps.db.$transaction(
    async (tx) => ({
      written: await upsertReferentialRows(tx, spec, sisType, rows),
      deactivated: await tx.$executeRawUnsafe(deactivateOthers(spec), JSON.stringify(rows), sisType),
    }),
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
  const inserted = written.filter((w) => w.inserted).length;
  return { list, status: 'ok', received: items.length, inserted, updated: written.length - inserted, deactivated, rejected };
}

/** The run's row (sis_sync_run), written when it starts and when it ends; keeps the admin's name if the API set it. */
export async function recordReferentialSyncRun(deps: ActivityDeps, run: ReferentialSyncProgress): Promise<void> {
  const data = {
    runId: run.runId,
    sisType: run.sisType,
    status: run.status,
    startedAt: new Date(run.startedAt),
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
    ...countByStatus(run.lists),
    lists: run.lists as object[],
  };
  await deps.db.sisSyncRun.upsert({ where: { workflowId: run.workflowId }, create: { workflowId: run.workflowId, ...data }, update: data });
}
