// Log in / who am I / log out.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localized } from '../language.ts';
import { LoginThrottle } from '../login-throttle.ts';
import { refuseDuringMaintenance } from '../plugins/access.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { HttpProblem, unauthorized } from '../problem.ts';
import { errorResponses, User } from '../schemas.ts';

const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle(app.config.loginMaxFailures, 15 * 60_000);

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Log in (staff login, or candidate e-mail / dossier number)',
        description:
          'After LOGIN_MAX_FAILURES (default 10) wrong passwords for one login within 15 minutes, that login answers 429 with Retry-After, even with the right password, until the oldest failure is 15 minutes old.',
        body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), user: User }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      const wait = throttle.retryAfterSeconds(login);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        const minutes = Math.ceil(wait / 60);
        throw new HttpProblem(
          429,
          'Trop de tentatives',
          localized(request, {
            fr: `Trop d'échecs de connexion pour cet identifiant : réessayez dans ${minutes} min.`,
            en: `Too many failed logins for this login: try again in ${minutes} min.`,
          }),
        );
      }
      const session = await app.login(login, password);
      if (!session) {
        throttle.recordFailure(login);
        throw unauthorized(localized(request, { fr: 'Identifiant ou mot de passe incorrect.', en: 'Wrong login or password.' }));
      }
      throttle.recordSuccess(login);
      if (session.user.kind === 'candidate') await refuseDuringMaintenance(app, request);
      void reply.setCookie(SESSION_COOKIE, session.token, app.sessionCookieOptions);
      return session;
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: 'session' },
      schema: { tags: ['session'], summary: 'The logged-in user', response: { 200: z.object({ user: User }), ...errorResponses } },
    },
    async (request) => {
      if (!request.user) throw unauthorized();
      return { user: request.user };
    },
  );

  app.delete('/api/session', { config: { access: 'public' }, schema: { tags: ['session'], summary: 'Log out' } }, async (_request, reply) => {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
export default sessionRoutes;
