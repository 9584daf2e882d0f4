// Staff scoping (reference §1.3): which candidatures a staff member sees, and which functionalities
// they hold on one candidature, computed once per staff member for SCOPE_TTL_MS. Admin profiles
// (kind A) hold every action everywhere; centre managers hold their profile's rights on their centre's
// commissions; commission members on their commission. The workflow then checks the right each
// transition needs (domain/candidature.ts); routes get the acting user from `actorOn`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_PROFILES } from '../contracts/access.ts';
import type { ActingUser, Actor } from '../contracts/actors.ts';
import type { RouteActor } from '../contracts/candidature.ts';
import { FUNCTIONALITIES, type Functionality } from '../domain/codes.ts';
import { assertOwner, type CandidatureRow } from './candidature-service.ts';
import { requireAdmin, requireCandidate, requireStaff, type SessionUser } from './plugins/auth.ts';
import { forbidden } from './problem.ts';
import { TtlCache } from './ttl-cache.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;

export const isAdmin = (user: Staff) => user.profiles.some((p) => (ADMIN_PROFILES as readonly string[]).includes(p));

/** A staff member's scope: every commission they may see, with the functionalities they hold there; null = all (admins). */
export type StaffScope = Map<number, Functionality[]> | null;

/** How long a computed scope is used (a change of rights takes effect within this time). */
export const SCOPE_TTL_MS = 5_000;
// Keyed by the database client, which every encapsulated plugin context of one application shares.
const scopes = new WeakMap<object, TtlCache<number, StaffScope>>();

/**
 * The scope of a staff member (reference §1.3): admin profiles (kind A) everywhere with every
 * functionality; a centre manager on the centre's commissions (all, or those listed), a commission
 * member on their commission, each with the writable functionalities of their profile there.
 */
export function staffScope(app: FastifyInstance, user: Staff): Promise<StaffScope> {
  if (isAdmin(user)) return Promise.resolve(null);
  let cache = scopes.get(app.db);
  if (!cache) scopes.set(app.db, (cache = new TtlCache(SCOPE_TTL_MS)));
  return cache.get(user.id, () => computeScope(app, user.id));
}

/** After a change of members, managers or profiles: every scope is computed again at its next use in this process. */
export function forgetStaffScopes(app: FastifyInstance): void {
  scopes.get(app.db)?.clear();
}

async function computeScope(app: FastifyInstance, userId: number): Promise<Map<number, Functionality[]>> {
  const [managers, members] = await Promise.all([
    app.db.centreManager.findMany({
      where: { userId },
      select: {
        profileCode: true,
        allCommissions: true,
        commissions: { select: { commissionId: true } },
        centre: { select: { commissions: { select: { id: true } } } },
      },
    }),
    app.db.commissionMember.findMany({ where: { userId }, select: { profileCode: true, commissionId: true } }),
  ]);
  const profilesOf = new Map<number, Set<string>>();
  const grant = (commissionId: number, profile: string) => profilesOf.set(commissionId, (profilesOf.get(commissionId) ?? new Set()).add(profile));
  for (const m of managers)
    for (const id of m.allCommissions ? m.centre.commissions.map((c) => c.id) : m.commissions.map((c) => c.commissionId)) grant(id, m.profileCode);
  for (const m of members) grant(m.commissionId, m.profileCode);
  const profiles = [...new Set([...managers, ...members].map((m) => m.profileCode))];
  const rows = profiles.length
    ? await app.db.profileFunctionality.findMany({
        where: { profileCode: { in: profiles }, readOnly: false },
        select: { profileCode: true, functionalityCode: true },
      })
    : [];
  return new Map(
    [...profilesOf].map(([commissionId, held]) => [
      commissionId,
      [...new Set(rows.filter((r) => held.has(r.profileCode)).map((r) => r.functionalityCode as Functionality))],
    ]),
  );
}

/** The acting user as the workflow sees it: login, name and rights in this commission, and whether it is in their scope. */
export async function actingStaff(app: FastifyInstance, user: Staff, commissionId: number): Promise<ActingUser & { inScope: boolean }> {
  const scope = await staffScope(app, user);
  const rights = scope === null ? [...FUNCTIONALITIES] : (scope.get(commissionId) ?? []);
  return { kind: 'staff', login: user.login, displayName: user.displayName, rights, inScope: scope === null || scope.has(commissionId) };
}

/** Commission ids a staff member may see; null = all of them (admins). */
export async function staffCommissionIds(app: FastifyInstance, user: Staff): Promise<number[] | null> {
  const scope = await staffScope(app, user);
  return scope === null ? null : [...scope.keys()];
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
    const code = commission?.code ?? commissionId;
    throw forbidden({
      fr: `La commission ${code} n'est pas dans votre périmètre.`,
      en: `The commission ${code} is not in your scope: only its managers and members may act on its applications.`,
    });
  }
  return { actor };
}
