// Sessions: `POST /api/session` checks the password (argon2) and issues a signed token (jose, HS256)
// sent back both in the body and as an HttpOnly SameSite cookie; either the cookie or
// `Authorization: Bearer <token>` authenticates later requests. The user is re-read on each request
// so that a deactivated account loses access at once.
// Each token carries a `jti`: logging out (DELETE /api/session) records it in revoked_session, and
// every request checks it there (one indexed lookup, never cached: a revoked token is refused on the
// very next request, on every API process), together with the account's sessions_valid_after (a
// password reset ends every session opened before it). A candidate whose e-mail is not validated yet
// gets no session (the login answers 'email-not-validated' once the password is right).
import cookie from '@fastify/cookie';
import { createHash, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { jwtVerify, SignJWT } from 'jose';
import { ADMIN_PROFILES } from '../../contracts/access.ts';
import { readParameters } from '../parameters.ts';
import { forbidden, unauthorized } from '../problem.ts';
import { TtlCache } from '../ttl-cache.ts';

export const SESSION_COOKIE = 'ecandidat_session';
const SESSION_TTL_S = 8 * 3600;
/** How long the user a session names is kept in memory before it is read again. */
const USER_TTL_MS = 5_000;
const ISSUER = 'ecandidat';

export type SessionUser =
  | { kind: 'staff'; id: number; login: string; displayName: string; profiles: string[] }
  | { kind: 'candidate'; accountId: number; login: string; displayName: string; email: string; campaignCode: string };

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    /** The session token this request came with, once verified and not revoked. */
    session: SessionToken | null;
  }
}

/** A verified session token: its id, expiry, subject (`staff:<id>` / `candidate:<id>`) and issuing instant (ms). */
export interface SessionToken {
  jti: string;
  expiresAt: Date;
  subject: string;
  issuedMs: number;
}

/** What a password login gives: a session, nothing (unknown login or wrong password), or the refusal of an account not validated yet. */
export type LoginResult = { token: string; user: SessionUser } | null | 'email-not-validated';

/** The id a token is revoked by: its `jti` (tokens issued before they had one: a digest of the token). */
const tokenId = (token: string, jti: string | undefined) => jti ?? createHash('sha256').update(token).digest('base64url').slice(0, 64);

export default fp(async function auth(app: FastifyInstance) {
  const secret = new TextEncoder().encode(app.config.sessionSecret);
  // Verified when the login is unknown, so that an unknown login and a wrong password take as long.
  const dummyHash = await hash(randomUUID());
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);

  // The user a token names, read once per USER_TTL_MS (a disabled account is refused within that time).
  const users = new TtlCache<string, SessionUser | null>(USER_TTL_MS);
  const loadUser = (subject: string) => users.get(subject, () => readUser(subject));

  async function readUser(subject: string): Promise<SessionUser | null> {
    const [kind, rawId] = subject.split(':');
    const id = Number(rawId);
    if (kind === 'staff') {
      const u = await app.db.staffUser.findUnique({ where: { id } });
      if (!u || !u.active) return null;
      return { kind: 'staff', id: u.id, login: u.login, displayName: u.displayName, profiles: await staffProfiles(app, u.id) };
    }
    if (kind === 'candidate') {
      const a = await app.db.candidateAccount.findUnique({ where: { id }, include: { campaign: true } });
      if (!a) return null;
      return {
        kind: 'candidate',
        accountId: a.id,
        login: a.dossierNumber,
        displayName: `${a.firstName} ${a.lastName}`,
        email: a.email,
        campaignCode: a.campaign.code,
      };
    }
    return null;
  }

  // The one way a session is opened (password login here, single sign-on in routes/sso.ts): null when
  // the subject names no account, or a deactivated one.
  async function openSession(subject: string): Promise<{ token: string; user: SessionUser } | null> {
    const user = await loadUser(subject);
    if (!user) return null;
    // `ims`: the issuing instant in ms, compared with the account's sessions_valid_after.
    const token = await new SignJWT({ login: user.login, ims: Date.now() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_TTL_S}s`)
      .sign(secret);
    return { token, user };
  }
  app.decorate('openSession', openSession);
  // A change of the account (disabled, profiles) takes effect at its next request in this process.
  app.decorate('forgetUser', (subject: string) => users.delete(subject));
  app.decorate('forgetUsers', () => users.clear());

  app.decorate('login', async (login: string, password: string): Promise<LoginResult> => {
    const found = await findAccount(app, login.trim());
    const ok = await verify(found?.passwordHash ?? dummyHash, password).catch(() => false);
    if (!found || !ok) return null;
    if (!found.validated) return 'email-not-validated';
    return openSession(found.subject);
  });

  // What the login brake counts under: the account a login names (a candidate's e-mail and dossier
  // number are one account, one count), else the login as typed (unknown logins are braked alike).
  app.decorate('loginKey', async (login: string): Promise<string> => (await findAccount(app, login.trim()))?.subject ?? login);

  // Whether a session still holds: not revoked by a logout, not ended by a password reset, its account
  // still there (and active, for staff), not expired. One round trip, every lookup by primary key;
  // never cached, so that long-lived requests (live status streams) can ask it again as they go.
  async function sessionValid(session: Omit<SessionToken, 'expiresAt'> & { expiresAt?: Date }): Promise<boolean> {
    if (session.expiresAt && session.expiresAt.getTime() <= Date.now()) return false;
    const [kind, rawId] = session.subject.split(':');
    const id = Number(rawId);
    if ((kind !== 'staff' && kind !== 'candidate') || !Number.isInteger(id)) return false;
    const accountId = kind === 'candidate' ? id : null;
    const staffId = kind === 'staff' ? id : null;
    const [check] = await app.db.$queryRaw<{ revoked: boolean; after_ms: number | null; present: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM revoked_session WHERE jti = ${session.jti}) AS revoked,
             (SELECT (extract(epoch FROM sessions_valid_after) * 1000)::float8 FROM candidate_account WHERE id = ${accountId}::int) AS after_ms,
             (EXISTS (SELECT 1 FROM candidate_account WHERE id = ${accountId}::int)
               OR EXISTS (SELECT 1 FROM staff_user WHERE id = ${staffId}::int AND active)) AS present`;
    return !!check && !check.revoked && check.present && !(check.after_ms != null && session.issuedMs < check.after_ms);
  }
  app.decorate('sessionValid', (session: SessionToken) => sessionValid(session));

  app.decorate('revokeSession', async (request: FastifyRequest): Promise<boolean> => {
    if (!request.session) return false;
    const { jti, expiresAt } = request.session;
    await app.db.revokedSession.createMany({ data: [{ jti, expiresAt }], skipDuplicates: true });
    request.session = null;
    request.user = null;
    return true;
  });

  app.decorate('sessionCookieOptions', {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.mode === 'production',
    path: '/',
    maxAge: SESSION_TTL_S,
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    // The web app's files need no session: no lookup for each asset a logged-in browser fetches.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : request.cookies[SESSION_COOKIE];
    if (!token) return;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ISSUER }));
    } catch {
      request.user = null; // expired or forged: treated as anonymous
      return;
    }
    if (!payload.sub) return;
    const session: SessionToken = {
      jti: tokenId(token, payload.jti),
      expiresAt: new Date((payload.exp ?? Math.floor(Date.now() / 1000) + SESSION_TTL_S) * 1000),
      subject: payload.sub,
      issuedMs: typeof payload.ims === 'number' ? payload.ims : (payload.iat ?? 0) * 1000,
    };
    // Revoked by a logout? ended by a password reset? its account gone or deactivated?
    if (!(await sessionValid(session))) return;
    request.session = session;
    request.user = await loadUser(payload.sub);
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    login(login: string, password: string): Promise<LoginResult>;
    /** The key the login brake counts a login under (the account it names, else the login itself). */
    loginKey(login: string): Promise<string>;
    /**
     * Whether a session still holds (not revoked, not ended by a password reset, its account present
     * and active, not expired): one indexed round trip, never cached. Long-lived requests ask it again.
     */
    sessionValid(session: SessionToken): Promise<boolean>;
    /** Ends the request's session token for good (logout): refused on every later request. False when it came with none. */
    revokeSession(request: FastifyRequest): Promise<boolean>;
    /** Issues the session token of `staff:<id>` / `candidate:<id>`; null for an unknown or deactivated account. */
    openSession(subject: string): Promise<{ token: string; user: SessionUser } | null>;
    /** Drops the cached user of a subject (`staff:<id>`): the next request reads it again. */
    forgetUser(subject: string): void;
    /** Drops every cached user (a parameter that derives profiles changed). */
    forgetUsers(): void;
    sessionCookieOptions: { httpOnly: boolean; sameSite: 'lax'; secure: boolean; path: string; maxAge: number };
  }
}

/** Staff log in with their login; candidates with their e-mail or dossier number (latest open campaign first). */
async function findAccount(app: FastifyInstance, login: string): Promise<{ subject: string; passwordHash: string; validated: boolean } | null> {
  if (!login.includes('@')) {
    const staff = await app.db.staffUser.findUnique({ where: { login } });
    if (staff?.active) return { subject: `staff:${staff.id}`, passwordHash: staff.passwordHash, validated: true };
  }
  const account = await app.db.candidateAccount.findFirst({
    where: {
      OR: [{ email: { equals: login, mode: 'insensitive' } }, { dossierNumber: login.toUpperCase() }],
      campaign: { archivedAt: null },
    },
    orderBy: { campaign: { startsOn: 'desc' } },
  });
  return account ? { subject: `candidate:${account.id}`, passwordHash: account.passwordHash, validated: account.validated } : null;
}

/**
 * Profile codes a staff member holds, from any of the three ways of granting one (reference §1.3),
 * plus the candidate manager profile centre managers and commission members get from
 * SCOL_GESTION_CANDIDAT_CTR_CAND / SCOL_GESTION_CANDIDAT_COMM (W: gestionCandidat, R: gestionCandidatLS).
 */
export async function staffProfiles(app: FastifyInstance, userId: number): Promise<string[]> {
  const [grants, managed, memberships, parameters] = await Promise.all([
    app.db.staffProfileGrant.findMany({ where: { userId } }),
    app.db.centreManager.findMany({ where: { userId } }),
    app.db.commissionMember.findMany({ where: { userId } }),
    readParameters(app.db, ['SCOL_GESTION_CANDIDAT_CTR_CAND', 'SCOL_GESTION_CANDIDAT_COMM']),
  ]);
  const derived = (held: boolean, level: string) => (!held ? [] : level === 'W' ? ['gestionCandidat'] : level === 'R' ? ['gestionCandidatLS'] : []);
  return [
    ...new Set([
      ...[...grants, ...managed, ...memberships].map((g) => g.profileCode),
      ...derived(managed.length > 0, parameters.SCOL_GESTION_CANDIDAT_CTR_CAND),
      ...derived(memberships.length > 0, parameters.SCOL_GESTION_CANDIDAT_COMM),
    ]),
  ];
}

export function requireCandidate(request: FastifyRequest): Extract<SessionUser, { kind: 'candidate' }> {
  if (!request.user) throw unauthorized();
  if (request.user.kind !== 'candidate') throw forbidden('Cette action est réservée aux candidats.');
  return request.user;
}

export function requireStaff(request: FastifyRequest): Extract<SessionUser, { kind: 'staff' }> {
  if (!request.user) throw unauthorized();
  if (request.user.kind !== 'staff') throw forbidden('Cette action est réservée aux gestionnaires.');
  return request.user;
}

/** Admins: technical administrators and scolarité centrale (profiles of kind A). */
export function requireAdmin(request: FastifyRequest): Extract<SessionUser, { kind: 'staff' }> {
  const user = requireStaff(request);
  if (!user.profiles.some((p) => (ADMIN_PROFILES as readonly string[]).includes(p))) throw forbidden('Cette action est réservée aux administrateurs.');
  return user;
}
