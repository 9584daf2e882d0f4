// Staff single sign-on (OpenID Connect, api/sso.ts): the start, which sends the browser to the
// institution's provider, and the callback, which maps the provider's login to an active staff
// account and opens the same session as a password login. Whatever goes wrong at the provider or
// here ends on the login page with `?sso=refused` (no staff account for that login) or
// `?sso=error`: never a 500, never a session. 404 when OIDC_ISSUER is unset.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { notFound } from '../problem.ts';
import { Problem } from '../schemas.ts';
import { OidcClient, PendingSignInSeal, safeReturnTo, SSO_PENDING_TTL_S } from '../sso.ts';

const PENDING_COOKIE = 'ecandidat_sso';
const CALLBACK_PATH = '/api/session/sso/callback';
/** Where a staff member lands when the sign-in did not say (the web app's staff home). */
const STAFF_HOME = '/gestion';
/** The web app's login page, which explains `?sso=refused` / `?sso=error`. */
const LOGIN_PAGE = '/connexion';

const NOT_CONFIGURED = { fr: "Connexion par l'établissement non configurée.", en: 'Sign-in through the institution is not configured.' };

const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const settings = app.config.oidc;
  const client = settings ? new OidcClient(settings, app.config.mode !== 'production') : null;
  const seal = new PendingSignInSeal(app.config.sessionSecret);
  const pendingCookie = {
    httpOnly: true,
    sameSite: 'lax' as const, // sent back on the provider's top-level redirect to the callback
    secure: app.config.mode === 'production',
    path: '/api/session/sso',
  };

  /** The registered callback URL, else this request's own origin (see AppConfig.oidc.redirectUri). */
  const redirectUriOf = (request: FastifyRequest) => settings?.redirectUri ?? `${request.protocol}://${request.host}${CALLBACK_PATH}`;

  const toLoginPage = (reply: FastifyReply, outcome: 'refused' | 'error') => reply.redirect(`${LOGIN_PAGE}?sso=${outcome}`, 302);

  app.get(
    '/api/session/sso',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Staff single sign-on: redirect to the institution’s OpenID Connect provider',
        description:
          'Answers 302 to the provider (authorization code flow, PKCE, state and nonce, kept 10 minutes in an encrypted HttpOnly cookie). `returnTo`: a same-site path to land on afterwards (default the staff home); anything else is ignored. When the provider cannot be reached: 302 to the login page with `?sso=error`. 404 when single sign-on is not configured.',
        querystring: z.object({ returnTo: z.string().max(2000).optional() }),
        response: { 302: z.null().describe('To the provider, or back to the login page or returnTo'), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      if (!client) throw notFound(NOT_CONFIGURED);
      const returnTo = safeReturnTo(request.query.returnTo, STAFF_HOME);
      try {
        const { url, pending } = await client.start(redirectUriOf(request), returnTo);
        void reply.setCookie(PENDING_COOKIE, await seal.seal(pending), { ...pendingCookie, maxAge: SSO_PENDING_TTL_S });
        return reply.redirect(url.href, 302);
      } catch (err) {
        request.log.error({ err }, 'single sign-on: the OpenID Connect provider could not be reached');
        return toLoginPage(reply, 'error');
      }
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Staff single sign-on: the provider’s redirect back (opens the session)',
        description:
          'Exchanges the code, reads the login claim (OIDC_LOGIN_CLAIM) from the ID token, else from userinfo, and opens a session for the active staff account with exactly that login: session cookie, 302 to `returnTo`. No such account: 302 to `/connexion?sso=refused`; a provider error, a mismatched state or an expired sign-in: 302 to `/connexion?sso=error`. 404 when single sign-on is not configured.',
        querystring: z.object({
          code: z.string().optional(),
          state: z.string().optional(),
          iss: z.string().optional(),
          error: z.string().optional(),
          error_description: z.string().optional(),
        }),
        response: { 302: z.null().describe('To the provider, or back to the login page or returnTo'), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      if (!client) throw notFound(NOT_CONFIGURED);
      void reply.clearCookie(PENDING_COOKIE, pendingCookie); // one callback per sign-in
      const pending = await seal.open(request.cookies[PENDING_COOKIE]);
      if (!pending) {
        request.log.warn('single sign-on: callback without a pending sign-in (expired, or not started here)');
        return toLoginPage(reply, 'error');
      }
      let signedIn;
      try {
        signedIn = await client.finish(new URL(request.url, 'http://callback.invalid').search, pending);
      } catch (err) {
        request.log.warn({ err }, 'single sign-on refused by the provider or failed checking its answer');
        return toLoginPage(reply, 'error');
      }
      if (!signedIn.login) {
        request.log.warn({ sub: signedIn.sub, claim: client.settings.loginClaim }, 'single sign-on: the provider sent no login claim');
        return toLoginPage(reply, 'error');
      }
      const staff = await app.db.staffUser.findUnique({ where: { login: signedIn.login } });
      const session = staff?.active ? await app.openSession(`staff:${staff.id}`) : null;
      if (!staff || !session) {
        request.log.info({ login: signedIn.login }, 'single sign-on: no active staff account for this login');
        return toLoginPage(reply, 'refused');
      }
      await app.db.auditEvent.create({
        data: { actor: staff.login, action: 'session.sso', subject: `staff:${staff.id}`, details: { issuer: client.settings.issuer, sub: signedIn.sub } },
      });
      void reply.setCookie(SESSION_COOKIE, session.token, app.sessionCookieOptions);
      return reply.redirect(pending.returnTo, 302);
    },
  );
};
export default ssoRoutes;
