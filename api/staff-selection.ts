// A selection of candidatures for the exports (contracts/staff-export.ts): ids picked in the list, or
// every match of the list's filters (api/staff-list.ts `whereOf`, the one definition of the filters),
// always within the staff member's scope (api/scope.ts). Read in keyset batches (name, id) so that a
// selection of 100,000 rows never sits in memory at once.
import type { FastifyInstance } from 'fastify';
import type { StaffListFilter } from '../contracts/staff.ts';
import { Prisma } from '../infra/prisma.ts';
import type { SessionUser } from './plugins/auth.ts';
import { staffCommissionIds } from './scope.ts';
import { whereOf } from './staff-list.ts';

const sql = Prisma.sql;
export type Staff = Extract<SessionUser, { kind: 'staff' }>;
/** Picked ids (they win), or the list's filters. */
export interface Selection {
  ids?: string[] | undefined;
  filter?: StaffListFilter | undefined;
}

/** The selection as a WHERE clause on `candidature c`; null when nothing can match. */
export async function selectionWhere(app: FastifyInstance, user: Staff, selection: Selection): Promise<Prisma.Sql | null> {
  if (!selection.ids) return whereOf(app, user, selection.filter ?? {});
  const ids = [...new Set(selection.ids)];
  if (!ids.length) return null;
  const scope = await staffCommissionIds(app, user);
  if (scope === null) return sql`WHERE c.id IN (${Prisma.join(ids)})`;
  if (!scope.length) return null;
  return sql`WHERE c.id IN (${Prisma.join(ids)}) AND c.commission_id IN (${Prisma.join(scope)})`;
}

/** How many candidatures the selection holds (in scope). */
export async function selectionCount(app: FastifyInstance, where: Prisma.Sql | null): Promise<number> {
  if (!where) return 0;
  const [row] = await app.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM candidature c ${where}`;
  return row?.n ?? 0;
}

/** The selection's ids by candidate name then id, `size` at a time. */
export async function* selectionBatches(app: FastifyInstance, where: Prisma.Sql | null, size = 500): AsyncGenerator<string[]> {
  if (!where) return;
  let after: { candidate_name: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after ? sql`WHERE (s.candidate_name, s.id) > (${after.candidate_name}, ${after.id})` : sql``;
    const page: { id: string; candidate_name: string }[] = await app.db.$queryRaw`
      SELECT s.id, s.candidate_name FROM (SELECT c.id, c.candidate_name FROM candidature c ${where}) s
      ${keyset} ORDER BY s.candidate_name, s.id LIMIT ${size}`;
    if (!page.length) return;
    yield page.map((r) => r.id);
    if (page.length < size) return;
    after = page[page.length - 1]!;
  }
}
