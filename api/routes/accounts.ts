// Candidate accounts (issue 10; contracts/accounts.ts): creation, validation link, forgotten password
// and login (public), and the logged-in candidate's account (address, language). The public routes
// are rate-limited: per address for those that send mail (no inbox gets flooded), per client
// address for the others; a limit applies whether the address has an account or not.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccountCreated,
  AccountCreateInput,
  AccountValidated,
  AccountView,
  EmailChangeInput,
  EmailInput,
  LanguageInput,
  PasswordChanged,
  PasswordInput,
  ValidationInput,
} from '../../contracts/accounts.ts';
import { AccountService } from '../accounts/service.ts';
import { AccountTokens } from '../accounts/tokens.ts';
import { requestLanguage } from '../language.ts';
import { requireCandidate } from '../plugins/auth.ts';
import { HttpProblem } from '../problem.ts';
import { errorResponses } from '../schemas.ts';

const accepted = z.null().describe('Accepted (the same answer whether the address has an account or not)');

/** A per-route limit (@fastify/rate-limit, checked after validation): `max` requests per `window`, keyed by `key`. */
function limit(max: number, window: string, key: (request: FastifyRequest) => string) {
  return {
    max,
    timeWindow: window,
    hook: 'preHandler' as const,
    keyGenerator: key,
    errorResponseBuilder: (request: FastifyRequest, context: { after: string }) =>
      new HttpProblem(
        429,
        'Trop de tentatives',
        requestLanguage(request) === 'fr' ? `Trop de demandes : réessayez dans ${context.after}.` : `Too many requests: try again in ${context.after}.`,
      ),
  };
}
const byClient = (route: string) => (request: FastifyRequest) => `${route}:${request.ip}`;
const byEmail = (route: string) => (request: FastifyRequest) => `${route}:${String((request.body as { email?: unknown } | undefined)?.email ?? request.ip)}`;

const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const accounts = new AccountService({
    db: app.db,
    tokens: new AccountTokens(app.config.sessionSecret),
    publicUrl: app.config.publicUrl || `http://127.0.0.1:${app.config.port}`,
  });

  app.post(
    '/api/accounts',
    {
      config: { access: 'public', rateLimit: limit(20, '10 minutes', byClient('account-create')) },
      schema: {
        tags: ['accounts'],
        summary:
          'Create a candidate account on an open campaign: 201 with the dossier number (the login besides the e-mail) and a validation link sent by mail (CPT_MIN_CREATE, `/compte/validation?token=`). The account’s language is the Accept-Language (fr or en). 400 naming the password with what it lacks (at least 10 characters, a lower-case and an upper-case letter, a digit, a special character among @#$%^&+=-!*), or the campaign when unknown or not open; 403 when external accounts are closed (CANDIDAT_IS_COMPTE_EXTERNE_AUT). An address that already has an account of the campaign gets the same answer (a number never used) and its owner a mail.',
        body: AccountCreateInput,
        response: { 201: AccountCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await accounts.create(request.body, requestLanguage(request));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/accounts/validation',
    {
      config: { access: 'public', rateLimit: limit(30, '10 minutes', byClient('account-validation')) },
      schema: {
        tags: ['accounts'],
        summary:
          'Follow a validation link (account creation or change of e-mail): 200 with the dossier number and the validated address; 400 naming the link when it is invalid, already used or expired.',
        body: ValidationInput,
        response: { 200: AccountValidated, ...errorResponses },
      },
    },
    async (request) => accounts.validate(request.body.token, requestLanguage(request)),
  );

  app.post(
    '/api/accounts/validation/resend',
    {
      config: { access: 'public', rateLimit: limit(5, '15 minutes', byEmail('account-resend')) },
      schema: {
        tags: ['accounts'],
        summary: 'Send a new validation link (CPT_MIN_LIEN_VALID_OUBLIE) to each account of the address still waiting for validation. Always 202.',
        body: EmailInput,
        response: { 202: accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.resendValidation(request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/accounts/password-reset',
    {
      config: { access: 'public', rateLimit: limit(5, '15 minutes', byEmail('account-reset')) },
      schema: {
        tags: ['accounts'],
        summary:
          'Forgotten password: each account of the address gets a link (CPT_MIN_MDP_OUBLIE, `/compte/mot-de-passe?token=`) valid CANDIDAT_NB_HEURE_LIEN_MDP_VALID hours, single use; a new request replaces the previous link. Always 202.',
        body: EmailInput,
        response: { 202: accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/accounts/password',
    {
      config: { access: 'public', rateLimit: limit(30, '10 minutes', byClient('account-password')) },
      schema: {
        tags: ['accounts'],
        summary:
          'Choose a new password with a reset link: 200; every open session of the account ends. 400 naming the password (policy, as at creation) or the link (invalid, already used or expired).',
        body: PasswordInput,
        response: { 200: PasswordChanged, ...errorResponses },
      },
    },
    async (request) => accounts.resetPassword(request.body.token, request.body.password, requestLanguage(request)),
  );

  app.post(
    '/api/accounts/login-reminder',
    {
      config: { access: 'public', rateLimit: limit(5, '15 minutes', byEmail('account-login-reminder')) },
      schema: {
        tags: ['accounts'],
        summary: 'Forgotten login: each account of the address gets its dossier number by mail (CPT_MIN_ID_OUBLIE). Always 202.',
        body: EmailInput,
        response: { 202: accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.loginReminder(request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.get(
    '/api/account',
    {
      config: { access: 'candidate' },
      schema: { tags: ['accounts'], summary: 'The logged-in candidate’s account', response: { 200: AccountView, ...errorResponses } },
    },
    async (request) => accounts.view(requireCandidate(request).accountId, requestLanguage(request)),
  );

  app.put(
    '/api/account/email',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['accounts'],
        summary:
          'Change the account’s e-mail: with the current password, a validation link (CPT_MIN_MOD_MAIL) goes to the new address, which replaces the old one once the link is followed (pendingEmail meanwhile). 400 naming the password when wrong.',
        body: EmailChangeInput,
        response: { 202: z.null().describe('Link sent to the new address'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.changeEmail(requireCandidate(request).accountId, request.body, requestLanguage(request));
      return reply.status(202).send(null);
    },
  );

  app.put(
    '/api/account/language',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['accounts'],
        summary: 'The language of the account’s mails (fr or en)',
        body: LanguageInput,
        response: { 204: z.null().describe('Changed'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.changeLanguage(requireCandidate(request).accountId, request.body.language);
      return reply.status(204).send(null);
    },
  );
};
export default accountRoutes;
