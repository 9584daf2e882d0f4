// The managers' list of candidatures (contracts/staff.ts): the read model (table `candidature`),
// filtered, sorted and paged by the database, within the staff member's scope; its counts and "select
// all matching". Codes in the query are resolved to ids first, so the filters and the counts read the
// candidature table alone, on its indexes (prisma/schema.prisma): a page's ids are found first (from
// the index alone for the usual filters and sorts, however deep the page), then only those rows are
// read and joined to their formation, commission and campaign, and their tags.
import type { FastifyInstance } from 'fastify';
import { BULK_MAX_ITEMS } from '../contracts/bulk.ts';
import {
  STAFF_LIST_PAGE_DEFAULT,
  type StaffCandidatureRow,
  type StaffListCounts,
  type StaffListFilter,
  type StaffListIds,
  type StaffListPage,
  type StaffListQuery,
  type StaffListSort,
  type TagChip,
} from '../contracts/staff.ts';
import {
  DOSSIER_STATUSES,
  STAGES,
  type ConfirmationAnswer,
  type DossierStatus,
  type ExportStatus,
  type OpinionKind,
  type Stage,
  type Traitement,
} from '../domain/codes.ts';
import { Prisma } from '../infra/prisma.ts';
import type { SessionUser } from './plugins/auth.ts';
import { badRequest } from './problem.ts';
import { staffCommissionIds } from './scope.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;
const sql = Prisma.sql;
const INT4_MAX = 2_147_483_647;

/** A favourable decision, validated and published, that waits for the candidate's answer. */
const AWAITING_ANSWER = sql`(c.stage = 'decided' AND c.opinion_kind IS NOT DISTINCT FROM 'FA' AND c.opinion_validated AND c.confirmation_answer IS NULL)`;
/** …whose confirmation deadline has passed (the read model stores UTC instants without a zone). */
const DEADLINE_PASSED = sql`(${AWAITING_ANSWER} AND c.confirmation_deadline IS NOT NULL AND c.confirmation_deadline < (now() AT TIME ZONE 'UTC'))`;

/** Lists' order of the coded columns: the workflow's order of stages, the dossier's order of statuses. */
const inListOrder = (column: Prisma.Sql, codes: readonly string[]) => sql`array_position(ARRAY[${Prisma.join(codes)}]::text[], ${column}::text)`;

/** What each sort orders by (then by id, so that pages neither overlap nor skip rows); the formation's: below. */
const SORT_KEYS: Record<Exclude<StaffListSort, 'formation'>, Prisma.Sql> = {
  updatedAt: sql`c.updated_at`,
  createdAt: sql`c.created_at`,
  name: sql`c.candidate_name`,
  dossierNumber: sql`c.dossier_number`,
  stage: inListOrder(sql`c.stage`, STAGES),
  dossierStatus: inListOrder(sql`c.dossier_status`, DOSSIER_STATUSES),
  confirmationDeadline: sql`c.confirmation_deadline`,
};

/**
 * The query's ORDER BY. By formation, the rows follow the formations' labels: each formation's rank
 * in that order, from the formation ids (in the list's indexes) without joining every row.
 */
async function orderOf(app: FastifyInstance, q: StaffListQuery): Promise<Prisma.Sql> {
  const sort = q.sort ?? 'updatedAt';
  const desc = (q.order ?? (sort === 'updatedAt' || sort === 'createdAt' ? 'desc' : 'asc')) === 'desc';
  let key: Prisma.Sql;
  if (sort === 'formation') {
    const formations = await app.db.formation.findMany({ orderBy: [{ label: 'asc' }, { code: 'asc' }], select: { id: true } });
    key = formations.length ? sql`array_position(ARRAY[${Prisma.join(formations.map((f) => f.id))}]::int[], c.formation_id)` : sql`0`;
  } else key = SORT_KEYS[sort];
  // Rows without a deadline come last whichever the direction.
  const nulls = sort === 'confirmationDeadline' ? sql` NULLS LAST` : sql``;
  return sql`ORDER BY ${key} ${desc ? sql`DESC` : sql`ASC`}${nulls}, c.id ${desc ? sql`DESC` : sql`ASC`}`;
}

/** `LIKE` pattern of a prefix typed in any case (the searched columns are stored upper-cased). */
const prefixPattern = (text: string) => `${text.toUpperCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A WHERE clause of these conditions (none: every row). */
const whereClause = (conditions: Prisma.Sql[]) => (conditions.length ? sql`WHERE ${Prisma.join(conditions, ' AND ')}` : sql``);

/**
 * The filter's conditions on `candidature c` alone, within the user's scope; null when nothing can
 * match (an unknown code, a commission or centre out of scope).
 */
async function conditionsOf(app: FastifyInstance, user: Staff, f: StaffListFilter): Promise<Prisma.Sql[] | null> {
  const stages = f.stage?.split(',').map((s) => s.trim());
  const unknown = stages?.find((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown !== undefined)
    throw badRequest('stage', {
      fr: `étape inconnue (${unknown}) : ${STAGES.join(', ')}.`,
      en: `unknown stage (${unknown}): use one of ${STAGES.join(', ')}.`,
    });
  const [scope, campaign, formation, commission, centre] = await Promise.all([
    staffCommissionIds(app, user),
    f.campaign ? app.db.campaign.findUnique({ where: { code: f.campaign }, select: { id: true } }) : undefined,
    f.formation ? app.db.formation.findUnique({ where: { code: f.formation }, select: { id: true } }) : undefined,
    f.commission ? app.db.commission.findUnique({ where: { code: f.commission }, select: { id: true } }) : undefined,
    f.centre ? app.db.centre.findUnique({ where: { code: f.centre }, select: { commissions: { select: { id: true } } } }) : undefined,
  ]);
  // A tag id beyond the column's range names no tag (rather than failing the query).
  if (campaign === null || formation === null || commission === null || centre === null || (f.tag ?? 0) > INT4_MAX) return null;
  // The commissions this list may show: the staff member's scope, narrowed by the commission and centre filters.
  let commissions: number[] | null = scope;
  const narrow = (ids: number[]) => (commissions = commissions === null ? ids : commissions.filter((c) => ids.includes(c)));
  if (commission) narrow([commission.id]);
  if (centre) narrow(centre.commissions.map((c) => c.id));
  if (commissions !== null && commissions.length === 0) return null;

  const where: Prisma.Sql[] = [];
  if (commissions !== null) where.push(sql`c.commission_id IN (${Prisma.join(commissions)})`);
  if (campaign) where.push(sql`c.campaign_id = ${campaign.id}`);
  if (formation) where.push(sql`c.formation_id = ${formation.id}`);
  if (stages) where.push(stages.length === 1 ? sql`c.stage = ${stages[0]}` : sql`c.stage IN (${Prisma.join(stages)})`);
  if (f.dossierStatus) where.push(sql`c.dossier_status = ${f.dossierStatus}`);
  if (f.opinion) where.push(sql`c.opinion_kind = ${f.opinion}`);
  if (f.exportStatus) where.push(sql`c.export_status = ${f.exportStatus}`);
  if (f.tag !== undefined) where.push(sql`EXISTS (SELECT 1 FROM candidature_tag ct WHERE ct.candidature_id = c.id AND ct.tag_id = ${f.tag})`);
  if (f.confirmation === 'none') where.push(AWAITING_ANSWER);
  else if (f.confirmation) where.push(sql`c.confirmation_answer = ${f.confirmation}`);
  if (f.deadlinePassed === 'true') where.push(DEADLINE_PASSED);
  else if (f.deadlinePassed === 'false') where.push(sql`NOT ${DEADLINE_PASSED}`);
  // Names are stored "LASTNAME Firstname", dossier numbers and INEs upper-cased: the start of any, in
  // any case, is a prefix of the upper-cased text (an index range each, the collation being C).
  const text = f.q?.trim();
  if (text) {
    const like = prefixPattern(text);
    where.push(sql`(c.candidate_name LIKE ${like} OR c.dossier_number LIKE ${like} OR c.candidate_ine LIKE ${like})`);
  }
  return where;
}

/** The filter's WHERE clause on `candidature c` alone, within the user's scope (also the exports' selection); null when nothing can match. */
export async function whereOf(app: FastifyInstance, user: Staff, f: StaffListFilter): Promise<Prisma.Sql | null> {
  const conditions = await conditionsOf(app, user, f);
  return conditions && whereClause(conditions);
}

async function countOf(app: FastifyInstance, where: Prisma.Sql): Promise<number> {
  const [row] = await app.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM candidature c ${where}`;
  return row?.n ?? 0;
}

interface PageRow {
  id: string;
  campaign_code: string;
  formation_code: string;
  formation_label: string;
  commission_code: string | null;
  candidate_name: string;
  dossier_number: string;
  stage: string;
  dossier_status: string;
  traitement: string;
  opinion_kind: string | null;
  opinion_decision_type: string | null;
  opinion_validated: boolean;
  confirmation_answer: string | null;
  confirmation_deadline: Date | null;
  deadline_passed: boolean;
  export_status: string;
  created_at: Date;
  updated_at: Date;
}

/** One page of the list and how many rows match in the user's scope. */
export async function listCandidatures(app: FastifyInstance, user: Staff, q: StaffListQuery): Promise<StaffListPage> {
  const where = await whereOf(app, user, q);
  if (!where) return { items: [], total: 0 };
  const pageSize = q.pageSize ?? STAFF_LIST_PAGE_DEFAULT;
  // A page past any list stays an integer PostgreSQL takes (and answers no row).
  const offset = Math.min(((q.page ?? 1) - 1) * pageSize, INT4_MAX);
  const order = await orderOf(app, q);
  const [rows, total] = await Promise.all([
    app.db.$queryRaw<PageRow[]>`
      SELECT c.id, ca.code AS campaign_code, f.code AS formation_code, f.label AS formation_label, m.code AS commission_code,
             c.candidate_name, c.dossier_number, c.stage, c.dossier_status, c.traitement, c.opinion_kind, c.opinion_decision_type,
             c.opinion_validated, c.confirmation_answer, c.confirmation_deadline, ${DEADLINE_PASSED} AS deadline_passed,
             c.export_status, c.created_at, c.updated_at
      FROM unnest(ARRAY(SELECT c.id FROM candidature c ${where} ${order} LIMIT ${pageSize} OFFSET ${offset})) WITH ORDINALITY AS p(id, n)
      JOIN candidature c ON c.id = p.id
      JOIN formation f ON f.id = c.formation_id
      JOIN campaign ca ON ca.id = c.campaign_id
      LEFT JOIN commission m ON m.id = c.commission_id
      ORDER BY p.n`,
    countOf(app, where),
  ]);
  const tags = await tagsOf(
    app,
    rows.map((r) => r.id),
  );
  return { total, items: rows.map((r) => rowOf(r, tags.get(r.id) ?? [])) };
}

/** The tags of these candidatures, by candidature, in label order. */
async function tagsOf(app: FastifyInstance, ids: string[]): Promise<Map<string, TagChip[]>> {
  const byCandidature = new Map<string, TagChip[]>();
  if (ids.length === 0) return byCandidature;
  const rows = await app.db.$queryRaw<{ candidature_id: string; id: number; label: string; colour: string }[]>`
    SELECT ct.candidature_id, t.id, t.label, t.colour
    FROM candidature_tag ct JOIN tag t ON t.id = ct.tag_id
    WHERE ct.candidature_id IN (${Prisma.join(ids)})
    ORDER BY t.label, t.id`;
  for (const { candidature_id, ...tag } of rows) byCandidature.set(candidature_id, [...(byCandidature.get(candidature_id) ?? []), tag]);
  return byCandidature;
}

function rowOf(r: PageRow, tags: TagChip[]): StaffCandidatureRow {
  return {
    id: r.id,
    campaignCode: r.campaign_code,
    formationCode: r.formation_code,
    formationLabel: r.formation_label,
    commissionCode: r.commission_code ?? '',
    candidateName: r.candidate_name,
    dossierNumber: r.dossier_number,
    stage: r.stage as Stage,
    dossierStatus: r.dossier_status as DossierStatus,
    traitement: r.traitement as Traitement,
    opinionKind: r.opinion_kind as OpinionKind | null,
    opinionDecisionType: r.opinion_decision_type,
    opinionValidated: r.opinion_validated,
    confirmationAnswer: r.confirmation_answer as ConfirmationAnswer | null,
    confirmationDeadline: r.confirmation_deadline?.toISOString() ?? null,
    deadlinePassed: r.deadline_passed,
    exportStatus: r.export_status as ExportStatus,
    tags,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * The filter's matches counted by stage and by dossier status (one grouped query, from the index alone
 * for the usual filters), and those past their confirmation deadline (the decided ones only are read).
 */
export async function countCandidatures(app: FastifyInstance, user: Staff, f: StaffListFilter): Promise<StaffListCounts> {
  const counts: StaffListCounts = { total: 0, byStage: {}, byDossierStatus: {}, deadlinePassed: 0 };
  const conditions = await conditionsOf(app, user, f);
  if (!conditions) return counts;
  const [groups, passed] = await Promise.all([
    app.db.$queryRaw<{ stage: Stage; dossier_status: DossierStatus; n: number }[]>`
      SELECT c.stage, c.dossier_status, count(*)::int AS n FROM candidature c ${whereClause(conditions)} GROUP BY c.stage, c.dossier_status`,
    countOf(app, whereClause([...conditions, DEADLINE_PASSED])),
  ]);
  counts.deadlinePassed = passed;
  for (const g of groups) {
    counts.total += g.n;
    counts.byStage[g.stage] = (counts.byStage[g.stage] ?? 0) + g.n;
    counts.byDossierStatus[g.dossier_status] = (counts.byDossierStatus[g.dossier_status] ?? 0) + g.n;
  }
  return counts;
}

/** "Select all matching": the ids of the matches in the list's order, at most BULK_MAX_ITEMS, and how many match. */
export async function matchingIds(app: FastifyInstance, user: Staff, q: Omit<StaffListQuery, 'page' | 'pageSize'>): Promise<StaffListIds> {
  const where = await whereOf(app, user, q);
  if (!where) return { ids: [], total: 0 };
  const order = await orderOf(app, q);
  const [rows, total] = await Promise.all([
    app.db.$queryRaw<{ id: string }[]>`SELECT c.id FROM candidature c ${where} ${order} LIMIT ${BULK_MAX_ITEMS}`,
    countOf(app, where),
  ]);
  return { ids: rows.map((r) => r.id), total };
}
