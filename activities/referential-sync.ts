// One list of the referential synchronisation (workflows/referential-sync.ts): the SIS's rows of the
// list, written into its `sis_*` table for that SIS type in one transaction — new rows inserted,
// changed rows updated (a row that comes back is back in service), rows the SIS no longer answers
// marked out of service. Never deleted: candidate files and formations keep their codes. Running it
// twice changes nothing the second time (inserted = updated = deactivated = 0).
// One INSERT … ON CONFLICT for the whole list (rows passed as one jsonb parameter), so a list of
// 40,000 communes is one statement, not 40,000.
import { ApplicationFailure } from '@temporalio/activity';
import { countByStatus, type ListReport, type ReferentialSyncProgress, type SyncListInput } from '../domain/referential-sync.ts';
import { SisTransientError, SisValidationError, type ReferentialItem, type ReferentialList } from '../sis/port.ts';
import type { SisType } from '../domain/codes.ts';
import type { Db } from '../infra/prisma.ts';
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

const code = text('code', 10, (i) => i.code);
const label = text('label', 255, (i) => i.label);
const shortLabel = text('short_label', 100, (i) => i.shortLabel);
const active = bool('active', (i) => i.active);
const validity = [int('valid_from_year', (i) => i.validFromYear), int('valid_to_year', (i) => i.validToYear)];
/** code, label, short label, in service: every list has them. */
const plain = (table: string, ...extra: Column[]): ReferentialTable => ({ table, keys: [code], values: [label, shortLabel, ...extra, active] });

/** Where each list goes (the reference's siscol_* tables, prisma/schema.prisma `Sis*` models). */
export const REFERENTIAL_TABLES: Record<ReferentialList, ReferentialTable> = {
  countries: plain(
    'sis_country',
    text('nationality_label', 255, (i) => i.nationalityLabel),
  ),
  departments: plain('sis_department'),
  communes: plain(
    'sis_commune',
    text('department_code', 10, (i) => i.departmentCode),
  ),
  postcodeCommunes: {
    table: 'sis_postcode_commune',
    keys: [text('postcode', 10, (i) => i.code), text('commune_code', 10, (i) => i.communeCode)],
    values: [label, active],
  },
  birthCommunes: plain(
    'sis_birth_commune',
    text('department_code', 10, (i) => i.departmentCode),
  ),
  bacSeries: plain(
    'sis_bac',
    ...validity,
    bool('ine_check', (i) => i.ineCheck ?? false),
    int('ine_check_from_year', (i) => i.ineCheckFromYear),
  ),
  bacMentions: plain('sis_bac_mention'),
  bacSpecialities: plain('sis_bac_specialty', ...validity),
  bacOptions: plain('sis_bac_option', ...validity),
  bacSeriesSpecialities: {
    table: 'sis_bac_specialty_link',
    keys: [text('bac_code', 10, (i) => i.code), text('specialty_code', 10, (i) => i.specialityCode)],
    values: [active],
  },
  bacSeriesOptions: {
    table: 'sis_bac_option_link',
    keys: [text('bac_code', 10, (i) => i.code), text('option_code', 10, (i) => i.optionCode)],
    values: [active],
  },
  establishments: plain(
    'sis_establishment',
    text('type_code', 10, (i) => i.typeCode),
    text('department_code', 10, (i) => i.departmentCode),
    text('commune_code', 10, (i) => i.communeCode),
  ),
  diplomaTypes: plain('sis_diploma_type'),
  priorDiplomas: plain('sis_prior_diploma'),
  resultTypes: plain(
    'sis_result_type',
    bool('positive', (i) => i.positive),
  ),
  honoursMentions: plain('sis_mention'),
  // status: ETA_ANU_IAE, 'O' for the year admissions are for.
  academicYears: plain(
    'sis_academic_year',
    text('status', 10, (i) => (i.open ? 'O' : 'F')),
    int('year', (i) => i.year),
  ),
  managementCentres: plain('sis_management_centre'),
  users: {
    table: 'sis_user',
    keys: [text('code', 30, (i) => i.code)],
    values: [label, shortLabel, text('email', 255, (i) => i.email), text('management_centre_code', 10, (i) => i.managementCentreCode), active],
  },
  exemptionCategories: plain('sis_exemption_category'),
  regimes: plain('sis_regime'),
  statuts: plain('sis_student_status'),
};

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
