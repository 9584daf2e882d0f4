// Staff scoping (reference §1.3): which candidatures a staff member sees, and which functionalities
// they hold on one candidature. Admin profiles (kind A) hold every action everywhere; centre managers
// hold their profile's rights on their centre's commissions; commission members on their commission.
// The workflow then checks the right each transition needs (domain/candidature.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActingUser, Actor } from '../contracts/actors.ts';
import type { RouteActor } from '../contracts/candidature.ts';
import { FUNCTIONALITIES, type Functionality } from '../domain/codes.ts';
import { assertOwner, type CandidatureRow } from './candidature-service.ts';
import { requireAdmin, requireCandidate, requireStaff, type SessionUser } from './plugins/auth.ts';
import { forbidden } from './problem.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;

export const isAdmin = (user: Staff) => user.profiles.includes('admin') || user.profiles.includes('scolCentrale');

async function writableRights(app: FastifyInstance, profileCodes: string[]): Promise<Functionality[]> {
  if (profileCodes.length === 0) return [];
  const rows = await app.db.profileFunctionality.findMany({ where: { profileCode: { in: profileCodes }, readOnly: false } });
  return rows.map((r) => r.functionalityCode as Functionality);
}

/** Functionalities the staff member may use on candidatures of this commission (empty = out of scope). */
export async function rightsOnCommission(app: FastifyInstance, user: Staff, commissionId: number): Promise<Functionality[]> {
  if (isAdmin(user)) return [...FUNCTIONALITIES];
  const commission = await app.db.commission.findUniqueOrThrow({ where: { id: commissionId } });
  const [managers, members] = await Promise.all([
    app.db.centreManager.findMany({ where: { userId: user.id, centreId: commission.centreId }, include: { commissions: true } }),
    app.db.commissionMember.findMany({ where: { userId: user.id, commissionId } }),
  ]);
  const profiles = [
    ...managers.filter((m) => m.allCommissions || m.commissions.some((c) => c.commissionId === commissionId)).map((m) => m.profileCode),
    ...members.map((m) => m.profileCode),
  ];
  return [...new Set(await writableRights(app, profiles))];
}

/** The acting user as the workflow sees it: login, name and rights in this candidature's scope. */
export async function actingStaff(app: FastifyInstance, user: Staff, commissionId: number): Promise<ActingUser & { inScope: boolean }> {
  const rights = await rightsOnCommission(app, user, commissionId);
  const inScope = isAdmin(user) || (await staffCommissionIds(app, user))!.includes(commissionId);
  return { kind: 'staff', login: user.login, displayName: user.displayName, rights, inScope };
}

/** Commission ids a staff member may see; null = all of them (admins). */
export async function staffCommissionIds(app: FastifyInstance, user: Staff): Promise<number[] | null> {
  if (isAdmin(user)) return null;
  const [managers, members] = await Promise.all([
    app.db.centreManager.findMany({ where: { userId: user.id }, include: { commissions: true, centre: { include: { commissions: true } } } }),
    app.db.commissionMember.findMany({ where: { userId: user.id } }),
  ]);
  const ids = new Set<number>(members.map((m) => m.commissionId));
  for (const m of managers) for (const c of m.allCommissions ? m.centre.commissions.map((x) => x.id) : m.commissions.map((x) => x.commissionId)) ids.add(c);
  return [...ids];
}

/** The candidate of the session, as the workflow sees them. */
export function candidateActor(user: Extract<SessionUser, { kind: 'candidate' }>): Actor {
  return { kind: 'candidate', login: user.login, displayName: user.displayName };
}

/**
 * Who acts on this candidature, as a route of that kind of actor receives them: the candidate who
 * owns it; a staff member in its scope, with their rights there; an admin, with every right.
 * Refused otherwise (401 without a session, 403 another's candidature or out of scope).
 */
export async function actorOn(
  app: FastifyInstance,
  request: FastifyRequest,
  kind: RouteActor,
  row: CandidatureRow,
): Promise<{ actor: ActingUser; accountId?: number }> {
  if (kind === 'candidate') {
    const user = requireCandidate(request);
    assertOwner(row, user.accountId);
    return { actor: candidateActor(user), accountId: user.accountId };
  }
  const user = kind === 'admin' ? requireAdmin(request) : requireStaff(request);
  const commissionId = row.commissionId ?? (await app.db.formation.findUniqueOrThrow({ where: { id: row.formationId } })).commissionId;
  const { inScope, ...actor } = await actingStaff(app, user, commissionId);
  if (!inScope) {
    const commission = await app.db.commission.findUnique({ where: { id: commissionId }, select: { code: true } });
    throw forbidden(`La commission ${commission?.code ?? commissionId} n'est pas dans votre périmètre.`);
  }
  return { actor };
}
