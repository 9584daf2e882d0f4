// The columns of each referential list as the back office shows and edits them, by the names the
// admin API uses (GET/PUT /api/admin/referentials/{A|P|D}/{list}: the sis_* table's columns in
// camelCase). The synchronisation builds its tables from them (REFERENTIAL_TABLES in
// activities/referential-sync.ts; tests/integration/referential-sync.test.ts checks them against the
// database). Pure, no Node import: the web application imports it.
import type { ReferentialList } from '../sis/port.ts';

/** Every SIS type has its referential tables; D (no SIS) is the one kept by hand. */
export const REFERENTIAL_SIS_TYPES = ['P', 'A', 'D'] as const;
export type ReferentialSisType = (typeof REFERENTIAL_SIS_TYPES)[number];
/** The SIS type whose lists the back office edits (campaigns with no SIS). */
export const HAND_KEPT_SIS_TYPE = 'D' satisfies ReferentialSisType;

export interface ReferentialColumn {
  /** The column's name in a row's `details` (and in the PUT body's `details`). */
  name: string;
  type: 'text' | 'int' | 'boolean';
  /** Longest text the column takes. */
  max?: number;
  /** Part of the row's key with the code: required, fixed once the row exists. */
  key?: boolean;
}

export interface ReferentialListShape {
  /** Longest code. */
  codeMax: number;
  /** The list has a label (the bac links have none). */
  label: boolean;
  shortLabel: boolean;
  /** The other columns, besides code, label, short label and in service. */
  others: readonly ReferentialColumn[];
}

const text = (name: string, max: number, key = false): ReferentialColumn => ({ name, type: 'text', max, ...(key ? { key } : {}) });
const int = (name: string): ReferentialColumn => ({ name, type: 'int' });
const bool = (name: string): ReferentialColumn => ({ name, type: 'boolean' });
const plain = (...others: ReferentialColumn[]): ReferentialListShape => ({ codeMax: 10, label: true, shortLabel: true, others });
const validity = [int('validFromYear'), int('validToYear')];

export const REFERENTIAL_COLUMNS: Record<ReferentialList, ReferentialListShape> = {
  countries: plain(text('nationalityLabel', 255)),
  departments: plain(),
  communes: plain(text('departmentCode', 10)),
  postcodeCommunes: { codeMax: 10, label: true, shortLabel: false, others: [text('communeCode', 10, true)] },
  birthCommunes: plain(text('departmentCode', 10)),
  bacSeries: plain(...validity, bool('ineCheck'), int('ineCheckFromYear')),
  bacMentions: plain(),
  bacSpecialities: plain(...validity),
  bacOptions: plain(...validity),
  bacSeriesSpecialities: { codeMax: 10, label: false, shortLabel: false, others: [text('specialtyCode', 10, true)] },
  bacSeriesOptions: { codeMax: 10, label: false, shortLabel: false, others: [text('optionCode', 10, true)] },
  establishments: plain(text('typeCode', 10), text('departmentCode', 10), text('communeCode', 10)),
  diplomaTypes: plain(),
  priorDiplomas: plain(),
  resultTypes: plain(bool('positive')),
  honoursMentions: plain(),
  academicYears: plain(text('status', 10), int('year')),
  managementCentres: plain(),
  users: { codeMax: 30, label: true, shortLabel: true, others: [text('email', 255), text('managementCentreCode', 10)] },
  exemptionCategories: plain(),
  regimes: plain(),
  statuts: plain(),
};

/** The lists, in the order of REFERENTIAL_LISTS (sis/port.ts). */
export const REFERENTIAL_LIST_NAMES = Object.keys(REFERENTIAL_COLUMNS) as ReferentialList[];
export type { ReferentialList };

/** A row typed in the back office, checked against its list's columns. */
export interface HandRowInput {
  code: string;
  label?: string | null;
  shortLabel?: string | null;
  active: boolean;
  /** The other columns by name. */
  details: Record<string, string | number | boolean | null>;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The table row (snake_case columns) of a hand-typed row, or the first field that is wrong: a
 * column the list does not have, a key part missing, a value of the wrong type or too long.
 */
export function handRow(list: ReferentialList, input: HandRowInput): { row: Record<string, unknown> } | { field: string; message: string } {
  const shape = REFERENTIAL_COLUMNS[list];
  if (input.code.length > shape.codeMax) return { field: 'code', message: `${shape.codeMax} caractères au plus.` };
  const row: Record<string, unknown> = { code: input.code, active: input.active };
  if (shape.label) {
    if (!input.label) return { field: 'label', message: 'libellé obligatoire.' };
    row.label = input.label;
  }
  if (shape.shortLabel) row.short_label = input.shortLabel ?? null;
  for (const name of Object.keys(input.details))
    if (!shape.others.some((c) => c.name === name)) return { field: `details.${name}`, message: `colonne inconnue de la liste ${list}.` };
  for (const column of shape.others) {
    const value = input.details[column.name] ?? null;
    const field = `details.${column.name}`;
    if (value === null || value === '') {
      if (column.key) return { field, message: 'fait partie de la clé de la liste : obligatoire.' };
      row[snake(column.name)] = column.type === 'boolean' ? false : null;
    } else if (column.type === 'text') {
      if (typeof value !== 'string') return { field, message: 'texte attendu.' };
      if (column.max && value.length > column.max) return { field, message: `${column.max} caractères au plus.` };
      row[snake(column.name)] = value;
    } else if (column.type === 'int') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return { field, message: 'nombre entier attendu.' };
      row[snake(column.name)] = value;
    } else {
      if (typeof value !== 'boolean') return { field, message: 'vrai ou faux attendu.' };
      row[snake(column.name)] = value;
    }
  }
  return { row };
}
