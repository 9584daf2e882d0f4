// The managers' list of candidatures (contracts/staff.ts): the query (filters, sort, page) that the
// page keeps in the URL, the page of rows and its total, the counts per status, the columns the user
// chose (remembered by GET|PUT /api/staff/preferences) and the selection for a bulk action, which
// may be "every candidature matching the filter" (GET /api/staff/candidatures/ids, capped).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { BULK_MAX_ITEMS } from '../../../contracts/bulk.ts';
import {
  STAFF_LIST_COLUMNS,
  STAFF_LIST_DEFAULT_COLUMNS,
  STAFF_LIST_PAGE_DEFAULT,
  STAFF_LIST_PAGE_MAX,
  StaffListFilter,
  StaffListQuery,
  type StaffCandidatureRow,
  type StaffListColumn,
  type StaffListCounts,
  type StaffListSort,
  type TagChip,
} from '../../../contracts/staff.ts';
import { api } from '../api.ts';

export const FILTER_KEYS = Object.keys(StaffListFilter.shape) as (keyof StaffListFilter)[];
const QUERY_KEYS = Object.keys(StaffListQuery.shape) as (keyof StaffListQuery)[];

/** The sort a column's header applies, for the columns the server sorts by. */
export const COLUMN_SORT: Partial<Record<StaffListColumn, StaffListSort>> = {
  dossierNumber: 'dossierNumber',
  candidateName: 'name',
  formation: 'formation',
  stage: 'stage',
  dossierStatus: 'dossierStatus',
  confirmationDeadline: 'confirmationDeadline',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

/** The order the server applies when the query names none (contracts/staff.ts). */
export const defaultOrder = (sort: StaffListSort): 'asc' | 'desc' => (sort === 'updatedAt' || sort === 'createdAt' ? 'desc' : 'asc');

/** The list query a URL holds: each valid parameter of the contract kept, any other dropped. */
export function queryOfRoute(q: LocationQuery): StaffListQuery {
  const out: Record<string, unknown> = {};
  for (const key of QUERY_KEYS) {
    const raw = q[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' || value === '') continue;
    const parsed = StaffListQuery.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as StaffListQuery;
}

/** The URL parameters of a list query (empty ones left out, so that the address stays short). */
export function routeOfQuery(q: StaffListQuery): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of QUERY_KEYS) {
    const v = q[key];
    if (v !== undefined && v !== '') out[key] = String(v);
  }
  return out;
}

function filterOf(q: StaffListQuery): StaffListFilter {
  const out: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (q[key] !== undefined) out[key] = q[key];
  return out as StaffListFilter;
}

const sameFilter = (a: StaffListFilter, b: StaffListFilter) => JSON.stringify(filterOf(a)) === JSON.stringify(filterOf(b));

export const useStaffListStore = defineStore('staff-list', () => {
  const query = ref<StaffListQuery>({});
  const rows = ref<StaffCandidatureRow[] | null>(null);
  const total = ref(0);
  const counts = ref<StaffListCounts | null>(null);
  const loading = ref(false);
  /** The last load's failure (an ApiError or a network failure), for the page to word it. */
  const failure = shallowRef<unknown>(null);

  const columns = ref<StaffListColumn[]>([...STAFF_LIST_DEFAULT_COLUMNS]);
  const preferredPageSize = ref<number | null>(null);
  let preferencesLoaded: Promise<void> | null = null;

  /** Selected candidature ids, across pages, in the order they were selected. */
  const selected = ref<Set<string>>(new Set());
  /** Set when the selection is "every candidature matching the filter": how many matched, and whether the cap cut it. */
  const matching = ref<{ total: number; capped: boolean } | null>(null);
  const selectingAll = ref(false);
  /** Every row seen (this page and those of "select all"), to name the candidatures of a bulk action's results. */
  const known = shallowRef(new Map<string, StaffCandidatureRow>());
  /** Tags met in the rows, for the tag filter when no list of tags can be read. */
  const seenTags = shallowRef(new Map<number, TagChip>());

  const filter = computed(() => filterOf(query.value));
  const sort = computed<StaffListSort>(() => query.value.sort ?? 'updatedAt');
  const order = computed(() => query.value.order ?? defaultOrder(sort.value));
  const page = computed(() => query.value.page ?? 1);
  const pageSize = computed(() => query.value.pageSize ?? preferredPageSize.value ?? STAFF_LIST_PAGE_DEFAULT);
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)));
  const selectedIds = computed(() => [...selected.value]);
  const filtered = computed(() => FILTER_KEYS.some((k) => filter.value[k] !== undefined));

  function remember(list: StaffCandidatureRow[]): void {
    const next = new Map(known.value);
    const tags = new Map(seenTags.value);
    for (const r of list) {
      next.set(r.id, r);
      for (const tag of r.tags) tags.set(tag.id, tag);
    }
    known.value = next;
    seenTags.value = tags;
  }

  /** Takes the URL's query; a different filter drops the selection (it was made on other rows). */
  function setQuery(next: StaffListQuery): void {
    if (!sameFilter(next, query.value)) clearSelection();
    query.value = next;
  }

  let generation = 0;
  /** Loads the page and the counts of the current query (a later load wins over an earlier one still running). */
  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    failure.value = null;
    await loadPreferences();
    const q: StaffListQuery = { ...query.value, page: page.value, pageSize: pageSize.value };
    try {
      const [list, c] = await Promise.all([api.staffCandidatures(q), api.staffListCounts(filter.value).catch(() => null)]);
      if (mine !== generation) return;
      rows.value = list.items;
      total.value = list.total;
      counts.value = c;
      remember(list.items);
    } catch (err) {
      if (mine !== generation) return;
      failure.value = err;
      rows.value ??= [];
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function loadPreferences(): Promise<void> {
    preferencesLoaded ??= api
      .staffPreferences()
      .then((p) => {
        if (p.listColumns?.length) columns.value = STAFF_LIST_COLUMNS.filter((c) => p.listColumns!.includes(c));
        if (p.pageSize) preferredPageSize.value = Math.min(p.pageSize, STAFF_LIST_PAGE_MAX);
      })
      .catch(() => undefined);
    return preferencesLoaded;
  }

  /** Shows these columns (in the list's order) and remembers them for the user. */
  async function saveColumns(chosen: StaffListColumn[]): Promise<void> {
    const ordered = STAFF_LIST_COLUMNS.filter((c) => chosen.includes(c));
    const saved = await api.saveStaffPreferences({ listColumns: ordered, ...(preferredPageSize.value ? { pageSize: preferredPageSize.value } : {}) });
    columns.value = saved.listColumns?.length ? STAFF_LIST_COLUMNS.filter((c) => saved.listColumns!.includes(c)) : ordered;
  }

  /** Remembers the page size the user chose (the URL carries it too). */
  function rememberPageSize(size: number): void {
    preferredPageSize.value = size;
    void api.saveStaffPreferences({ listColumns: columns.value, pageSize: size }).catch(() => undefined);
  }

  function toggle(id: string, on: boolean): void {
    const next = new Set(selected.value);
    if (on) next.add(id);
    else next.delete(id);
    selected.value = next;
    matching.value = null;
  }
  function togglePage(on: boolean): void {
    const next = new Set(selected.value);
    for (const r of rows.value ?? []) {
      if (on) next.add(r.id);
      else next.delete(r.id);
    }
    selected.value = next;
    matching.value = null;
  }
  function clearSelection(): void {
    selected.value = new Set();
    matching.value = null;
  }

  /** Selects every candidature matching the filter (at most BULK_MAX_ITEMS), then names them in the background. */
  async function selectAllMatching(): Promise<{ total: number; selected: number }> {
    selectingAll.value = true;
    try {
      const q: StaffListQuery = { ...filter.value, sort: sort.value, order: order.value };
      const answer = await api.staffListIds(q);
      selected.value = new Set(answer.ids);
      matching.value = { total: answer.total, capped: answer.total > answer.ids.length };
      void nameAll(q, answer.ids.length);
      return { total: answer.total, selected: answer.ids.length };
    } finally {
      selectingAll.value = false;
    }
  }

  /** Reads the rows of a large selection, page by page, so that the bulk results can name each one. */
  async function nameAll(q: StaffListQuery, count: number): Promise<void> {
    const size = STAFF_LIST_PAGE_MAX;
    const pages = Math.min(Math.ceil(count / size), Math.ceil(BULK_MAX_ITEMS / size));
    for (let p = 1; p <= pages; p++) {
      const list = await api.staffCandidatures({ ...q, page: p, pageSize: size }).catch(() => null);
      if (!list) return;
      remember(list.items);
    }
  }

  return {
    query,
    rows,
    total,
    counts,
    loading,
    failure,
    columns,
    selected,
    selectedIds,
    matching,
    selectingAll,
    known,
    seenTags,
    filter,
    filtered,
    sort,
    order,
    page,
    pageSize,
    pageCount,
    setQuery,
    load,
    loadPreferences,
    saveColumns,
    rememberPageSize,
    toggle,
    togglePage,
    clearSelection,
    selectAllMatching,
  };
});
