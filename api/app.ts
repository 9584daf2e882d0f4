// The Fastify application: plugins (errors, auth, OpenAPI, web) and one route module per actor.
// `buildApp` takes its dependencies, so tests build it against the real database and Temporal.
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { UPLOAD_MAX_BYTES } from '../contracts/candidature.ts';
import type { AppConfig } from '../infra/config.ts';
import type { Db } from '../infra/prisma.ts';
import type { Tracing } from '../infra/tracing.ts';
import { createFileStorage, type FileStorage } from '../infra/storage.ts';
import { createSisRegistry, type SisRegistry } from '../sis/index.ts';
import access from './plugins/access.ts';
import auth from './plugins/auth.ts';
import errors from './plugins/errors.ts';
import observability, { requestIdOptions } from './plugins/observability.ts';
import csrf from './plugins/csrf.ts';
import securityHeaders from './plugins/security-headers.ts';
import { invalidBody } from './problem.ts';
import { clientErrors, documentedAnswers, frameworkErrors, routeSchemas } from './openapi-document.ts';
import web from './plugins/web.ts';
import accountRoutes from './routes/accounts.ts';
import adminRoutes from './routes/admin.ts';
import bulkRoutes from './routes/bulk.ts';
import campaignRoutes from './routes/campaigns.ts';
import recordsRoutes from './routes/records.ts';
import candidateRoutes from './routes/candidate.ts';
import candidatureDetailRoutes from './routes/candidature-details.ts';
import candidatureEventRoutes from './routes/candidature-events.ts';
import candidatureEvents from './candidature-events.ts';
import catalogueRoutes from './routes/catalogue.ts';
import devRoutes, { type DevInbox } from './routes/dev.ts';
import letterRoutes from './routes/letters.ts';
import profileRoutes from './routes/profile.ts';
import publicRoutes from './routes/public.ts';
import referentialRoutes from './routes/referentials.ts';
import referentialLookupRoutes from './routes/referential-lookup.ts';
import sessionRoutes from './routes/session.ts';
import candidateAccountRoutes from './routes/candidate-accounts.ts';
import dataProtectionRoutes from './routes/data-protection.ts';
import setupListRoutes from './routes/setup-lists.ts';
import setupRoutes from './routes/setup.ts';
import mailTemplateRoutes from './routes/mail-templates.ts';
import sisFormationRoutes from './routes/sis-formations.ts';
import ssoRoutes from './routes/sso.ts';
import staffRoutes from './routes/staff.ts';
import staffListRoutes from './routes/staff-list.ts';
import staffFileRoutes from './routes/staff-file.ts';
import staffStatsRoutes from './routes/staff-stats.ts';
import staffExportRoutes from './routes/staff-export.ts';
import transitionRoutes from './routes/transitions.ts';
import postItRoutes from './routes/post-its.ts';
import staffActionRoutes from './routes/staff-actions.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    db: Db;
    temporal: Client;
    /** The SIS adapters, chosen per campaign by its SIS type. */
    sis: SisRegistry;
    /** Where the bytes of stored files live (infra/storage.ts: FILE_STORAGE). */
    storage: FileStorage;
  }
}

export interface AppDeps {
  config: AppConfig;
  db: Db;
  temporal: Client;
  devInbox?: DevInbox;
  logger?: boolean | object;
  /** The process's pino logger (infra/logging.ts), instead of `logger`. */
  loggerInstance?: FastifyBaseLogger;
  /** Tracing (infra/tracing.ts); absent or null: off. */
  tracing?: Tracing | null;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: deps.logger ?? false }),
    ...requestIdOptions,
    frameworkErrors,
    clientErrorHandler: clientErrors,
  }).withTypeProvider<ZodTypeProvider>();
  // Transitions carry no body; clients that still send `content-type: application/json` with an empty
  // body get the same answer as those that don't.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    // PostgreSQL text cannot hold a NUL character: refused here rather than failing at the write.
    if (/\\u0000/i.test(body as string) || (body as string).includes('\u0000'))
      return done(
        invalidBody({
          fr: 'Le corps de la requête contient un caractère nul (\\u0000), refusé.',
          en: 'The request body contains a NUL character (\\u0000): refused.',
        }),
        undefined,
      );
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(invalidBody({ fr: 'Le corps de la requête n’est pas du JSON valide.', en: 'The request body is not valid JSON.' }), undefined);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', deps.config);
  app.decorate('db', deps.db);
  app.decorate('temporal', deps.temporal);
  app.decorate('sis', createSisRegistry(deps.config));
  app.decorate('storage', createFileStorage(deps.config));

  await app.register(errors);
  // Request ids, latency metrics and request spans on every answer; GET /metrics.
  await app.register(observability, { tracing: deps.tracing ?? null, metricsToken: deps.config.observability.metricsToken });
  // Before every route: security headers on every answer, cross-site unsafe requests refused before any work.
  await app.register(securityHeaders);
  await app.register(csrf);
  await app.register(swagger, {
    openapi: {
      info: { title: 'eCandidat API', version: '0.1.0', description: 'Candidatures as durable Temporal workflows; errors are application/problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ecandidat_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: routeSchemas,
    transformObject: documentedAnswers,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  // Uploads of supporting documents: one file per request, 10 MB at most (reference §8 default).
  // Limits are per route (config.rateLimit), none globally.
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5 } });
  await app.register(auth);
  // After auth (its check reads the session) and before every route, each of which must declare its access level.
  await app.register(access);

  await app.register(publicRoutes);
  await app.register(catalogueRoutes);
  await app.register(sessionRoutes);
  await app.register(accountRoutes);
  await app.register(ssoRoutes);
  await app.register(candidateRoutes);
  await app.register(letterRoutes);
  await app.register(candidatureEvents);
  await app.register(candidatureEventRoutes);
  await app.register(candidatureDetailRoutes);
  await app.register(profileRoutes);
  await app.register(staffRoutes);
  await app.register(staffListRoutes);
  await app.register(staffFileRoutes);
  await app.register(staffStatsRoutes);
  await app.register(staffExportRoutes);
  await app.register(transitionRoutes);
  await app.register(postItRoutes);
  await app.register(staffActionRoutes);
  await app.register(sisFormationRoutes);
  await app.register(bulkRoutes);
  await app.register(adminRoutes);
  await app.register(campaignRoutes);
  await app.register(setupRoutes);
  await app.register(mailTemplateRoutes);
  await app.register(setupListRoutes);
  await app.register(recordsRoutes);
  await app.register(referentialRoutes);
  await app.register(referentialLookupRoutes);
  await app.register(dataProtectionRoutes);
  await app.register(candidateAccountRoutes);
  if (deps.devInbox && deps.config.mode !== 'production') await app.register(devRoutes, { inbox: deps.devInbox });
  await app.register(web);
  return app;
}
