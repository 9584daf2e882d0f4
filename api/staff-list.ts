// The managers' list of candidatures (contracts/staff.ts): the read model, filtered, sorted and paged
// by the database, within the staff member's scope. Codes in the query are resolved to ids first, so
// the candidature table is read alone, on its indexes (prisma/schema.prisma); the page's formations,
// campaigns and commissions are then looked up by id.
import type { FastifyInstance } from 'fastify';
import type { StaffCandidatureRow, StaffListQuery, StaffListSort } from '../contracts/staff.ts';
import type { ConfirmationAnswer, DossierStatus, ExportStatus, OpinionKind, Stage } from '../domain/codes.ts';
import type { Prisma } from '../infra/prisma.ts';
import type { SessionUser } from './plugins/auth.ts';
import { staffCommissionIds } from './scope.ts';

/** Without `page` or `pageSize`: the most recently changed rows, at most this many (the list's first behaviour). */
const UNPAGED_MAX = 1000;
const DEFAULT_PAGE_SIZE = 50;

const SORT_COLUMNS: Record<StaffListSort, keyof Prisma.CandidatureOrderByWithRelationInput> = {
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  name: 'candidateName',
  dossierNumber: 'dossierNumber',
  formation: 'formationId',
  stage: 'stage',
};

export interface StaffListPage {
  rows: StaffCandidatureRow[];
  /** Rows matching the filters (null when unpaged). */
  total: number | null;
}

export async function listCandidatures(app: FastifyInstance, user: Extract<SessionUser, { kind: 'staff' }>, q: StaffListQuery): Promise<StaffListPage> {
  const where = await whereOf(app, user, q);
  if (!where) return { rows: [], total: q.page || q.pageSize ? 0 : null };
  const sort = q.sort ?? 'updatedAt';
  const order = q.order ?? (sort === 'updatedAt' || sort === 'createdAt' ? 'desc' : 'asc');
  const paged = q.page !== undefined || q.pageSize !== undefined;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const [found, total] = await Promise.all([
    app.db.candidature.findMany({
      where,
      orderBy: [{ [SORT_COLUMNS[sort]]: order }, { id: 'asc' }],
      skip: paged ? ((q.page ?? 1) - 1) * pageSize : 0,
      take: paged ? pageSize : UNPAGED_MAX,
      select: {
        id: true,
        campaignId: true,
        formationId: true,
        commissionId: true,
        candidateName: true,
        dossierNumber: true,
        stage: true,
        dossierStatus: true,
        opinionKind: true,
        opinionDecisionType: true,
        opinionValidated: true,
        confirmationAnswer: true,
        exportStatus: true,
        updatedAt: true,
      },
    }),
    paged ? app.db.candidature.count({ where }) : Promise.resolve(null),
  ]);
  const [formations, campaigns] = await Promise.all([
    app.db.formation.findMany({
      where: { id: { in: [...new Set(found.map((r) => r.formationId))] } },
      select: { id: true, code: true, label: true, commission: { select: { code: true } } },
    }),
    app.db.campaign.findMany({ where: { id: { in: [...new Set(found.map((r) => r.campaignId))] } }, select: { id: true, code: true } }),
  ]);
  const formationOf = new Map(formations.map((f) => [f.id, f]));
  const campaignOf = new Map(campaigns.map((c) => [c.id, c.code]));
  return {
    total,
    rows: found.map((r) => {
      const f = formationOf.get(r.formationId)!;
      return {
        id: r.id,
        campaignCode: campaignOf.get(r.campaignId) ?? '',
        formationCode: f.code,
        formationLabel: f.label,
        commissionCode: f.commission.code,
        candidateName: r.candidateName,
        dossierNumber: r.dossierNumber,
        stage: r.stage as Stage,
        dossierStatus: r.dossierStatus as DossierStatus,
        opinionKind: r.opinionKind as OpinionKind | null,
        opinionDecisionType: r.opinionDecisionType,
        opinionValidated: r.opinionValidated,
        confirmationAnswer: r.confirmationAnswer as ConfirmationAnswer | null,
        exportStatus: r.exportStatus as ExportStatus,
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
  };
}

/** The filter on the candidature table alone; null when nothing can match (an unknown code, out of scope). */
async function whereOf(app: FastifyInstance, user: Extract<SessionUser, { kind: 'staff' }>, q: StaffListQuery): Promise<Prisma.CandidatureWhereInput | null> {
  const [scope, campaign, formation, commission, centre] = await Promise.all([
    staffCommissionIds(app, user),
    q.campaign ? app.db.campaign.findUnique({ where: { code: q.campaign }, select: { id: true } }) : undefined,
    q.formation ? app.db.formation.findUnique({ where: { code: q.formation }, select: { id: true } }) : undefined,
    q.commission ? app.db.commission.findUnique({ where: { code: q.commission }, select: { id: true } }) : undefined,
    q.centre ? app.db.centre.findUnique({ where: { code: q.centre }, select: { commissions: { select: { id: true } } } }) : undefined,
  ]);
  if (campaign === null || formation === null || commission === null || centre === null) return null;
  // The commissions this list may show: the staff member's scope, narrowed by the commission and centre filters.
  let commissions: number[] | null = scope;
  const narrow = (ids: number[]) => (commissions = commissions === null ? ids : commissions.filter((c) => ids.includes(c)));
  if (commission) narrow([commission.id]);
  if (centre) narrow(centre.commissions.map((c) => c.id));
  if (commissions !== null && commissions.length === 0) return null;
  const text = q.q?.trim();
  return {
    ...(commissions !== null ? { commissionId: { in: commissions } } : {}),
    ...(campaign ? { campaignId: campaign.id } : {}),
    ...(formation ? { formationId: formation.id } : {}),
    ...(q.stage ? { stage: q.stage } : {}),
    ...(q.dossierStatus ? { dossierStatus: q.dossierStatus } : {}),
    ...(q.opinion ? { opinionKind: q.opinion } : {}),
    ...(q.exportStatus ? { exportStatus: q.exportStatus } : {}),
    // Names are stored "LASTNAME Firstname": a last name's start, in any case, is a prefix of the upper-cased text (an index range).
    ...(text ? { OR: [{ candidateName: { startsWith: text.toUpperCase() } }, { dossierNumber: { startsWith: text.toUpperCase() } }] } : {}),
  };
}
