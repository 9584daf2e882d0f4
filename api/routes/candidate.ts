// The candidate's side: their candidatures, applying, and reading one. The transitions that belong to
// the candidate (transmit, confirm, upload a piece…) are routes of the catalogue (routes/transitions.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewFor } from '../../domain/candidature.ts';
import { CANDIDATURE_ROW, createCandidature, loadCandidature, loadState, readView, sendPieceFile } from '../candidature-service.ts';
import { requireCandidate } from '../plugins/auth.ts';
import { actorOn, candidateActor } from '../scope.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';

const ItemParams = IdParams.extend({ code: z.string().min(1).max(30) });

const candidateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/candidatures',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: "The logged-in candidate's candidatures (read model)",
        response: { 200: z.array(CandidatureView), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCandidate(request);
      const actor = candidateActor(user);
      const rows = await app.db.candidature.findMany({
        where: { accountId: user.accountId },
        orderBy: { createdAt: 'desc' },
        select: CANDIDATURE_ROW,
      });
      const now = new Date();
      return Promise.all(rows.map(async (r) => viewFor(await loadState(app, r), actor, now)));
    },
  );

  app.post(
    '/api/candidatures',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'Apply to a formation (Idempotency-Key header: replaying it returns the same candidature)',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        body: z.object({ formationCode: z.string().min(1).max(50) }),
        response: { 201: CandidatureView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCandidate(request);
      const { view } = await createCandidature(app, {
        accountId: user.accountId,
        formationCode: request.body.formationCode,
        creationKey: request.headers['idempotency-key'] ?? null,
        actor: candidateActor(user),
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/candidatures/:id',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'A candidature as its candidate sees it',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const row = await loadCandidature(app, request.params.id);
      return readView(app, row, (await actorOn(app, request, 'candidate', row)).actor);
    },
  );

  app.get(
    '/api/candidatures/:id/pieces/:code/file',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'Download the file the candidate uploaded for a supporting document',
        params: ItemParams,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const row = await loadCandidature(app, request.params.id);
      const { actor } = await actorOn(app, request, 'candidate', row);
      return sendPieceFile(app, reply, await readView(app, row, actor), request.params.code);
    },
  );
};
export default candidateRoutes;
