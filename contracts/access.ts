// Who may call a route at all (reference §1): every API route declares one of these levels in its
// options (`config: { access }`), api/plugins/access.ts enforces it before anything else runs and
// refuses to start a route that declares none, and the OpenAPI document carries it as `x-access`.
// Finer rules (a candidature's owner, a staff member's scope and functionalities) are the services'.
// The role × route test (tests/integration/access-matrix.test.ts) checks every route of the OpenAPI
// document against every role of ROLES.

/** The access levels of the API's routes. */
export const ACCESS_LEVELS = {
  /** Anyone, logged in or not (health, offer, login). */
  public: { roles: ['anonymous', 'candidate', 'commissionMember', 'centreManager', 'candidateManager', 'scolCentrale', 'admin'] },
  /** Anyone logged in. */
  session: { roles: ['candidate', 'commissionMember', 'centreManager', 'candidateManager', 'scolCentrale', 'admin'] },
  /** A candidate (their own account and candidatures). */
  candidate: { roles: ['candidate'] },
  /** Any staff member; what they see and do is then limited by their scope and functionalities. */
  staff: { roles: ['commissionMember', 'centreManager', 'candidateManager', 'scolCentrale', 'admin'] },
  /** Administrators: `admin` and `scolCentrale` (profiles of kind A). */
  admin: { roles: ['scolCentrale', 'admin'] },
} as const satisfies Record<string, { roles: readonly Role[] }>;
export type Access = keyof typeof ACCESS_LEVELS;
export const ACCESS_NAMES = Object.keys(ACCESS_LEVELS) as Access[];

/** The roles of reference §1.1 a request may come with (anonymous: no session). */
export const ROLES = ['anonymous', 'candidate', 'commissionMember', 'centreManager', 'candidateManager', 'scolCentrale', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Profiles of kind A: administrators (reference §1.1). */
export const ADMIN_PROFILES = ['admin', 'scolCentrale'] as const;

/** The problem `type` of a refusal by access level (not by scope or state): the role × route test tells them apart. */
export const ACCESS_DENIED_TYPE = 'urn:ecandidat:problem:access-denied';

/** The problem `type` of a candidate's request refused during maintenance (503, with the maintenance message). */
export const MAINTENANCE_TYPE = 'urn:ecandidat:problem:maintenance';
