// Route-level access (contracts/access.ts): every /api route declares `config: { access }`; a route
// without one stops the application at start-up, so a new route cannot escape the check. The check
// runs on every request before validation and before the handler: 401 without a session where one
// is needed, 403 (problem type ACCESS_DENIED_TYPE) for the wrong kind of user.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ACCESS_DENIED_TYPE, ACCESS_NAMES, ADMIN_PROFILES, MAINTENANCE_TYPE, type Access } from '../../contracts/access.ts';
import { localized } from '../language.ts';
import { siteState } from '../maintenance.ts';
import { HttpProblem } from '../problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (contracts/access.ts). Every /api route must declare it. */
    access?: Access;
  }
}

/** Routes the API documentation plugin adds itself (public). */
const isDocumentation = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

const DENIED = {
  candidate: { fr: 'Cette action est réservée aux candidats.', en: 'Only candidates may do this.' },
  staff: { fr: 'Cette action est réservée aux gestionnaires.', en: 'Only staff members may do this.' },
  admin: { fr: 'Cette action est réservée aux administrateurs.', en: 'Only administrators may do this.' },
};
const UNAUTHENTICATED = { fr: 'Authentification requise.', en: 'You need to log in.' };

function check(access: Access, request: FastifyRequest): void {
  if (access === 'public') return;
  const user = request.user;
  if (!user) throw new HttpProblem(401, 'Non authentifié', localized(request, UNAUTHENTICATED));
  if (access === 'session') return;
  const allowed =
    access === 'candidate'
      ? user.kind === 'candidate'
      : user.kind === 'staff' && (access === 'staff' || user.profiles.some((p) => (ADMIN_PROFILES as readonly string[]).includes(p)));
  if (!allowed) throw new HttpProblem(403, 'Accès refusé', localized(request, DENIED[access]), [], ACCESS_DENIED_TYPE);
}

export default fp(async function access(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || isDocumentation(route.url)) return;
    const declared = route.config?.access;
    if (!declared || !ACCESS_NAMES.includes(declared))
      throw new Error(`${String(route.method)} ${route.url} declares no access level (config.access: ${ACCESS_NAMES.join(' | ')})`);
    // Carried into the OpenAPI document, where the role × route test reads it.
    if (route.schema) (route.schema as Record<string, unknown>)['x-access'] = declared;
  });
  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config.access;
    if (!declared) return;
    check(declared, request);
    // Maintenance (TECH_IS_MAINTENANCE): candidates are turned away with its message, staff keep working.
    if (declared === 'candidate') await refuseDuringMaintenance(app, request);
  });
});

/** 503 with the maintenance message (in the request's language) while the maintenance mode is on. */
export async function refuseDuringMaintenance(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const { maintenance } = await siteState(app);
  if (maintenance) throw new HttpProblem(503, 'Maintenance', localized(request, maintenance), [], MAINTENANCE_TYPE);
}
