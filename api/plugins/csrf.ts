// Cross-site request forgery: a page of another site must not make a logged-in browser change
// anything here with its session cookie (nor log it into an account of the attacker's: login CSRF).
// The defence is OWASP's "verify origin with standard headers" together with Fetch Metadata, not a
// token: outside API clients (bearer tokens, or cookie jars that send no Origin) keep working as
// they are. For an unsafe method (POST, PUT, PATCH, DELETE), the request is refused with 403
// `/problems/cross-site-request` before anything is read or changed when
//   - the browser says it comes from another site (`Sec-Fetch-Site: cross-site`), or from a sibling
//     site (`same-site`) whose origin is not this application's;
//   - without Fetch Metadata, its `Origin` is present and not this application's (`null` included:
//     sandboxed frames, privacy-stripped origins).
// This application's origins: the public URL's (PUBLIC_URL) and the request's own host. A request
// that names no origin at all is not a browser's cross-site request (browsers send Origin on every
// cross-origin POST) and passes: scripts with a cookie jar. A request with `Authorization: Bearer`
// passes too: the token is not an ambient credential (auth.ts then ignores the cookie), and a page
// of another site cannot add that header without a CORS preflight, which this API never grants.
// Safe methods are never refused: the single sign-on callback (GET) arrives from the provider's site.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, PROBLEM_TITLES } from '../problem.ts';

/** The problem type of a refused cross-site request. */
export const CROSS_SITE_REQUEST_PROBLEM = '/problems/cross-site-request';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin of a URL ("https://candidatures.univ.fr"), or null when it is not one. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Whether an `Origin` header names this application: the public URL's origin or the request's own host. */
function isOwnOrigin(origin: string, request: FastifyRequest, publicOrigin: string | null): boolean {
  if (origin === 'null') return false;
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return new URL(origin).host === request.host.toLowerCase();
  } catch {
    return false;
  }
}

/** Why this request is a cross-site one to refuse, or null when it may go on. */
export function crossSiteReason(request: FastifyRequest, publicOrigin: string | null): string | null {
  if (!UNSAFE_METHODS.has(request.method)) return null;
  // Exactly auth.ts's test: with this header the session cookie is not read.
  if (request.headers.authorization?.startsWith('Bearer ')) return null;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const own = origin !== undefined && isOwnOrigin(origin, request, publicOrigin);
  if (site === 'cross-site') return `Sec-Fetch-Site: cross-site (Origin: ${origin ?? 'none'})`;
  if (site === 'same-site' && !own) return `Sec-Fetch-Site: same-site from ${origin ?? 'no origin'}`;
  // The browser itself says the page is this application's (or a user typed the address).
  if (site === 'same-origin' || site === 'none') return null;
  if (origin !== undefined && !own) return `Origin: ${origin}`;
  return null;
}

export const crossSiteRequest = () =>
  new HttpProblem(
    403,
    PROBLEM_TITLES[403]!,
    {
      fr: 'Requête refusée : elle vient d’un autre site que cette application. Ouvrez l’application elle-même pour effectuer cette action.',
      en: 'Request refused: it comes from another site than this application. Open the application itself to do this.',
    },
    [],
    CROSS_SITE_REQUEST_PROBLEM,
  );

export default fp(async function csrf(app: FastifyInstance) {
  const publicOrigin = app.config.publicUrl ? originOf(app.config.publicUrl) : null;
  app.addHook('onRequest', async (request) => {
    const reason = crossSiteReason(request, publicOrigin);
    if (!reason) return;
    request.log.warn({ method: request.method, url: request.url, reason }, 'cross-site request refused');
    throw crossSiteRequest();
  });
});
