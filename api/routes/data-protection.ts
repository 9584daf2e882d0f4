// Data-protection requests (GDPR access and erasure; issue 12 item 6; contracts/data-protection.ts):
// staff (admins, candidate managers) ask for an account's export or deletion and read the reports;
// the candidate exports their own data and asks for their account's deletion. The work is the
// services' (api/data-protection.ts) and the workflows' (workflows/data-protection.ts).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DataProtectionListQuery,
  DataProtectionRequestInput,
  DataProtectionRequestList,
  DataProtectionRequestView,
  DeletionRequestInput,
  NoBody,
  RequestIdParams,
} from '../../contracts/data-protection.ts';
import { EXPORT_ARCHIVE_DAYS } from '../../domain/data-protection.ts';
import {
  candidateDeletionRequest,
  candidateExport,
  candidateLatestExport,
  getRequest,
  listRequests,
  sendCandidateArchive,
  sendRequestArchive,
  staffRequest,
} from '../data-protection.ts';
import { requestLanguage } from '../language.ts';
import { requireCandidate, requireStaff } from '../plugins/auth.ts';
import { HttpProblem } from '../problem.ts';
import { errorResponses } from '../schemas.ts';

/** A candidate's requests: a few an hour per account (each export writes an archive). */
const perAccount = (route: string) => ({
  max: 10,
  timeWindow: '1 hour',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${route}:${request.user?.login ?? request.ip}`,
  errorResponseBuilder: (request: FastifyRequest, context: { after: string }) =>
    new HttpProblem(
      429,
      'Trop de tentatives',
      requestLanguage(request) === 'fr' ? `Trop de demandes : réessayez dans ${context.after}.` : `Too many requests: try again in ${context.after}.`,
    ),
});

/** A POST sent without a body is read as `{}` (the body's schema then refuses any field it does not know). */
async function noBodyIsEmpty(request: FastifyRequest) {
  request.body ??= {};
}

const dataProtectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/staff/data-protection/requests',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'Ask for the export (access request) or the deletion (erasure request) of a candidate account’s data (admins and candidate managers): 202 with the request, whose workflow runs at once. A request of that kind already pending or running for the account is answered instead (a candidate’s pending deletion request is carried out, with `force`). A deletion is refused (the request ends failed, its report says why) while a candidature is in progress, unless `force`. 404 unknown dossier number.',
        body: DataProtectionRequestInput,
        response: { 202: DataProtectionRequestView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await staffRequest(app, requireStaff(request), request.body)),
  );

  app.get(
    '/api/staff/data-protection/requests',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'The data-protection requests, newest first (admins and candidate managers), optionally of one dossier number',
        querystring: DataProtectionListQuery,
        response: { 200: DataProtectionRequestList, ...errorResponses },
      },
    },
    async (request) => listRequests(app, requireStaff(request), request.query),
  );

  app.get(
    '/api/staff/data-protection/requests/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'One data-protection request with its report (admins and candidate managers)',
        params: RequestIdParams,
        response: { 200: DataProtectionRequestView, ...errorResponses },
      },
    },
    async (request) => getRequest(app, requireStaff(request), request.params.id),
  );

  app.get(
    '/api/staff/data-protection/requests/:id/archive',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'The zip of a finished export (attachment): donnees.json, LISEZMOI.txt, fichiers/… (admins and candidate managers); 404 when there is none',
        params: RequestIdParams,
        response: errorResponses,
      },
    },
    async (request, reply) => sendRequestArchive(app, reply, requireStaff(request), request.params.id),
  );

  app.post(
    '/api/account/data-export',
    {
      config: { access: 'candidate', rateLimit: perAccount('data-export') },
      preValidation: noBodyIsEmpty,
      schema: {
        tags: ['accounts'],
        summary: `Export all my data (GDPR access request): 202 with the request; its archive is then at /api/account/data-export/archive for ${EXPORT_ARCHIVE_DAYS} days. One at a time: asking while one runs answers that one.`,
        body: NoBody,
        response: { 202: DataProtectionRequestView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await candidateExport(app, requireCandidate(request))),
  );

  app.get(
    '/api/account/data-export',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['accounts'],
        summary: 'My latest data export request and its status; 404 when I never asked for one',
        response: { 200: DataProtectionRequestView, ...errorResponses },
      },
    },
    async (request) => candidateLatestExport(app, requireCandidate(request)),
  );

  app.get(
    '/api/account/data-export/archive',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['accounts'],
        summary: 'The zip of my latest finished data export (attachment); 404 when there is none yet',
        response: errorResponses,
      },
    },
    async (request, reply) => sendCandidateArchive(app, reply, requireCandidate(request)),
  );

  app.post(
    '/api/account/deletion-request',
    {
      config: { access: 'candidate', rateLimit: perAccount('deletion-request') },
      preValidation: noBodyIsEmpty,
      schema: {
        tags: ['accounts'],
        summary:
          'Ask for the deletion of my account and data (GDPR erasure request): 202 with the request, recorded for a candidate manager to carry out (nothing is deleted at once; candidatures in progress may be kept until the admission procedure ends).',
        body: DeletionRequestInput,
        response: { 202: DataProtectionRequestView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await candidateDeletionRequest(app, requireCandidate(request), request.body.note)),
  );
};
export default dataProtectionRoutes;
