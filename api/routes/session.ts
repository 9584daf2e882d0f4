// Log in / who am I / log out.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { unauthorized } from '../problem.ts';
import { errorResponses, User } from '../schemas.ts';

const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Log in (staff login, or candidate e-mail / dossier number)',
        body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), user: User }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await app.login(request.body.login, request.body.password);
      if (!session) throw unauthorized('Identifiant ou mot de passe incorrect.');
      void reply.setCookie(SESSION_COOKIE, session.token, app.sessionCookieOptions);
      return session;
    },
  );

  app.get(
    '/api/session',
    { schema: { tags: ['session'], summary: 'The logged-in user', response: { 200: z.object({ user: User }), ...errorResponses } } },
    async (request) => {
      if (!request.user) throw unauthorized();
      return { user: request.user };
    },
  );

  app.delete('/api/session', { schema: { tags: ['session'], summary: 'Log out' } }, async (_request, reply) => {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
export default sessionRoutes;
