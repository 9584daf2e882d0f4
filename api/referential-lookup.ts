// The synchronised SIS referentials as a candidate searches them (the searchable selects of the
// file) and as the file's save checks them: the rows of the candidate's campaign's SIS type (A, P,
// or D for a campaign with no SIS, whose lists are kept by hand), in service, matched on the
// label's words without case or accents or on the start of the code. Tables and their code column
// are the synchronisation's (REFERENTIAL_TABLES); one parameterised query per look-up.
import { REFERENTIAL_TABLES } from '../activities/referential-sync.ts';
import type { LookupList, LookupPageView, LookupParams, LookupRowView } from '../contracts/profile.ts';
import type { SisType } from '../domain/codes.ts';
import type { Db } from '../infra/prisma.ts';
import type { ReferentialList } from '../sis/port.ts';

interface ListDef {
  /** The synchronised list it reads. */
  list: ReferentialList;
  /** Column holding the row's code, and its label. */
  code: string;
  label: string;
  /** SQL of the row's detail (may be null). */
  detail: string;
  /** Other columns whose words match the search. */
  alsoSearched?: string[];
  /** The list has validity years (valid_from_year / valid_to_year). */
  validity?: boolean;
  /** The department / commune column to filter on. */
  department?: string;
  commune?: string;
  /** The table of links to a bac series, and its code column. */
  bacLink?: { list: ReferentialList; column: string };
}

const base = (list: ReferentialList, more: Partial<ListDef> = {}): ListDef => ({ list, code: 'code', label: 'label', detail: 'NULL', ...more });

export const LOOKUPS: Record<LookupList, ListDef> = {
  countries: base('countries', { detail: 't.nationality_label' }),
  nationalities: base('countries', { label: 'COALESCE(t.nationality_label, t.label)', detail: 't.label', alsoSearched: ['t.label'] }),
  departments: base('departments', { detail: 't.code' }),
  communes: base('communes', { detail: 't.department_code', department: 'department_code' }),
  birthCommunes: base('birthCommunes', { detail: 't.department_code', department: 'department_code' }),
  postcodeCommunes: base('postcodeCommunes', { code: 'commune_code', label: 'COALESCE(t.label, t.commune_code)', detail: 't.postcode' }),
  establishments: base('establishments', {
    detail: 'COALESCE((SELECT c.label FROM sis_commune c WHERE c.code = t.commune_code AND c.sis_type = t.sis_type), t.commune_code)',
    alsoSearched: ['(SELECT c.label FROM sis_commune c WHERE c.code = t.commune_code AND c.sis_type = t.sis_type)'],
    department: 'department_code',
    commune: 'commune_code',
  }),
  bacSeries: base('bacSeries', { validity: true }),
  bacMentions: base('bacMentions'),
  bacSpecialities: base('bacSpecialities', { validity: true, bacLink: { list: 'bacSeriesSpecialities', column: 'specialty_code' } }),
  bacOptions: base('bacOptions', { validity: true, bacLink: { list: 'bacSeriesOptions', column: 'option_code' } }),
  priorDiplomas: base('priorDiplomas'),
  diplomaTypes: base('diplomaTypes'),
  resultTypes: base('resultTypes'),
  honoursMentions: base('honoursMentions'),
  academicYears: base('academicYears', { detail: 't.status' }),
};

const tableOf = (list: ReferentialList) => REFERENTIAL_TABLES[list].table;

/** Lower case, no accents, œ/æ spelt out: the form both sides of a search are compared in. */
export function folded(text: string): string {
  return text.toLowerCase().replaceAll('œ', 'oe').replaceAll('æ', 'ae').normalize('NFD').replace(/\p{M}/gu, '');
}
const ACCENTED = 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
/** The SQL twin of folded(). */
const foldSql = (expr: string) => `translate(replace(replace(lower(${expr}), 'œ', 'oe'), 'æ', 'ae'), '${ACCENTED}', '${PLAIN}')`;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Builds the WHERE of a look-up, adding its parameters to `params`. */
function whereOf(def: ListDef, sisType: SisType, p: LookupParams, params: unknown[]): string {
  const arg = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`t.sis_type = ${arg(sisType)}::sis_type`];
  const codes = p.codes
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (codes?.length) where.push(`t.${def.code} = ANY(${arg(codes)}::text[])`);
  else where.push('t.active');
  if (def.list === 'postcodeCommunes' && p.postcode) where.push(`t.postcode = ${arg(p.postcode)}`);
  if (def.department && p.department) where.push(`t.${def.department} = ${arg(p.department)}`);
  if (def.commune && p.commune) where.push(`t.${def.commune} = ${arg(p.commune)}`);
  if (def.validity && p.year) {
    const year = arg(p.year);
    where.push(`(t.valid_from_year IS NULL OR t.valid_from_year <= ${year}) AND (t.valid_to_year IS NULL OR t.valid_to_year >= ${year})`);
  }
  if (def.bacLink && p.bac) {
    // The SIS's consistency check where it gives the links (Apogée); a SIS without any link (Pégase) checks nothing here.
    const links = tableOf(def.bacLink.list);
    const sis = arg(sisType);
    where.push(
      `(NOT EXISTS (SELECT 1 FROM ${links} l WHERE l.sis_type = ${sis}::sis_type AND l.active) OR t.code IN (SELECT l.${def.bacLink.column} FROM ${links} l WHERE l.sis_type = ${sis}::sis_type AND l.active AND l.bac_code = ${arg(p.bac)}))`,
    );
  }
  const q = p.q ? folded(p.q).trim() : '';
  if (q) {
    const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
    const searched = [def.label.startsWith('COALESCE') ? def.label : `t.${def.label}`, ...(def.alsoSearched ?? [])].map(foldSql).join(` || ' ' || `);
    const wordMatch = words.map((w) => `(${searched}) LIKE ${arg(`%${likeEscape(w)}%`)}`).join(' AND ');
    where.push(
      `((${wordMatch}) OR lower(t.${def.code}) LIKE ${arg(`${likeEscape(q.replace(/\s+/g, ''))}%`)}${def.list === 'postcodeCommunes' ? ` OR t.postcode LIKE ${arg(`${likeEscape(q)}%`)}` : ''})`,
    );
  }
  return where.join(' AND ');
}

/** One page of a list's rows for the candidate's SIS type; the best matches (label starting with the words) first. */
export async function lookup(db: Db, sisType: SisType, list: LookupList, p: LookupParams): Promise<LookupPageView> {
  const def = LOOKUPS[list];
  const params: unknown[] = [];
  const where = whereOf(def, sisType, p, params);
  const label = def.label.startsWith('COALESCE') ? def.label : `t.${def.label}`;
  const limit = p.limit ?? 20;
  const q = p.q ? folded(p.q).trim() : '';
  params.push(`${likeEscape(q)}%`);
  const starts = `$${params.length}`;
  const sql = `SELECT DISTINCT t.${def.code} AS code, ${label} AS label, ${def.detail} AS detail, (${foldSql(label)} LIKE ${starts}) AS starts
    FROM ${tableOf(def.list)} t WHERE ${where}
    ORDER BY starts DESC, label, detail NULLS FIRST, code LIMIT ${limit + 1} OFFSET ${p.offset ?? 0}`;
  const rows = await db.$queryRawUnsafe<(LookupRowView & { starts: boolean })[]>(sql, ...params);
  return {
    sisType,
    rows: rows.slice(0, limit).map((r) => ({ code: r.code, label: r.label, detail: r.detail === null ? null : String(r.detail) })),
    more: rows.length > limit,
  };
}

/** Whether the code is a row in service of the list (with the filters given, e.g. a postcode). */
export async function isKnown(db: Db, sisType: SisType, list: LookupList, code: string, filters: Omit<LookupParams, 'q' | 'codes'> = {}): Promise<boolean> {
  const def = LOOKUPS[list];
  const params: unknown[] = [];
  const where = whereOf(def, sisType, filters, params);
  params.push(code);
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM ${tableOf(def.list)} t WHERE ${where} AND t.${def.code} = $${params.length} LIMIT 1`,
    ...params,
  );
  return rows.length > 0;
}

/** Whether the list has any row in service for the SIS type (a list the referential does not keep is not checked). */
export async function isKept(db: Db, sisType: SisType, list: LookupList): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM ${tableOf(LOOKUPS[list].list)} WHERE sis_type = $1::sis_type AND active LIMIT 1`, sisType);
  return rows.length > 0;
}

/** The labels of some codes of a list (in service or not), by code. */
export async function labelsOf(db: Db, sisType: SisType, list: LookupList, codes: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const page = await lookup(db, sisType, list, { codes: wanted.join(','), limit: 100 });
  return new Map(page.rows.map((r) => [r.code, r.label]));
}
