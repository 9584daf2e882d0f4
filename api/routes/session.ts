// Log in / who am I / log out.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localized } from '../language.ts';
import { LoginThrottle } from '../login-throttle.ts';
import { refuseDuringMaintenance } from '../plugins/access.ts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { EMAIL_NOT_VALIDATED_PROBLEM } from '../../contracts/accounts.ts';
import { HttpProblem, PROBLEM_TITLES, unauthorized } from '../problem.ts';
import { errorResponses, Problem, User } from '../schemas.ts';

/** The brake's window: LOGIN_MAX_FAILURES wrong passwords for one login within it hold that login. */
const LOGIN_WINDOW_MS = 15 * 60_000;

const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  // Counted in PostgreSQL: every API replica sees the same failures, a restart forgets none.
  const throttle = new LoginThrottle(app.db, app.config.loginMaxFailures, LOGIN_WINDOW_MS);

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Log in (staff login, or candidate e-mail / dossier number)',
        description:
          'A candidate whose e-mail is not validated yet gets 403 (type /problems/email-not-validated) once the password is right. After LOGIN_MAX_FAILURES (default 10) wrong passwords for one login within 15 minutes, that login answers 429 with Retry-After, even with the right password, until the oldest failure is 15 minutes old.',
        body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), user: User }), ...errorResponses, 429: Problem.describe('Held by the login brake (Retry-After)') },
      },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      // Counted as a failure before the password is checked (concurrent guesses included), taken back if it is right.
      const brakeKey = await app.loginKey(login);
      const attempt = await throttle.attempt(brakeKey);
      if (attempt.held) {
        const wait = attempt.retryAfterSeconds;
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
      if (session === 'email-not-validated') {
        await throttle.withdraw(attempt);
        // Only said once the password is right: a wrong one stays 401 below.
        throw new HttpProblem(
          403,
          PROBLEM_TITLES[403]!.fr,
          localized(request, {
            fr: 'Votre adresse e-mail n’est pas encore validée : suivez le lien envoyé à la création du compte (ou demandez-en un nouveau).',
            en: 'Your e-mail address is not validated yet: use the link sent when the account was created (or ask for a new one).',
          }),
          [],
          EMAIL_NOT_VALIDATED_PROBLEM,
        );
      }
      // A wrong password: the attempt stays counted.
      if (!session) {
        throw unauthorized(localized(request, { fr: 'Identifiant ou mot de passe incorrect.', en: 'Wrong login or password.' }));
      }
      await throttle.succeeded(brakeKey);
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

  app.delete(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Log out: the session token (cookie or Bearer) is revoked, refused (401) on every later request',
        response: { 204: z.null().describe('Logged out (also without a session)') },
      },
    },
    async (request, reply) => {
      await app.revokeSession(request);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
export default sessionRoutes;
