// The candidate's side: their candidatures, applying, and the transitions that belong to them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { candidateView, type ActingUser } from '../../domain/candidature.ts';
import { cancelUpdate, confirmUpdate, transmitUpdate, withdrawUpdate } from '../../domain/messages.ts';
import type { CandidatureView as View } from '../../domain/view.ts';
import { assertOwner, createCandidature, handleOf, loadCandidature, readView } from '../candidature-service.ts';
import { requireCandidate } from '../plugins/auth.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const CANDIDATE_ACTIONS = { transmit: transmitUpdate, confirm: confirmUpdate, withdraw: withdrawUpdate, cancel: cancelUpdate } as const;

const candidateRoutes: FastifyPluginAsyncZod = async (app) => {
  const actorOf = (user: ReturnType<typeof requireCandidate>): ActingUser => ({ kind: 'candidate', login: user.login, displayName: user.displayName });

  app.get(
    '/api/candidatures',
    {
      schema: {
        tags: ['candidate'],
        summary: "The logged-in candidate's candidatures (read model)",
        response: { 200: z.array(CandidatureView), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCandidate(request);
      const rows = await app.db.candidature.findMany({ where: { accountId: user.accountId }, orderBy: { createdAt: 'desc' } });
      return rows.filter((r) => r.view).map((r) => candidateView(r.view as unknown as View));
    },
  );

  app.post(
    '/api/candidatures',
    {
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
      const actor = actorOf(user);
      const { id } = await createCandidature(app, {
        accountId: user.accountId,
        formationCode: request.body.formationCode,
        creationKey: request.headers['idempotency-key'] ?? null,
        actor,
      });
      return reply.status(201).send(await readView(app, id, actor));
    },
  );

  app.get(
    '/api/candidatures/:id',
    {
      schema: {
        tags: ['candidate'],
        summary: 'A candidature as its candidate sees it',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCandidate(request);
      assertOwner(await loadCandidature(app, request.params.id), user.accountId);
      return readView(app, request.params.id, actorOf(user));
    },
  );

  const summaries: Record<keyof typeof CANDIDATE_ACTIONS, string> = {
    transmit: 'Transmit the file to the commission (dossier status RE)',
    confirm: 'Confirm a validated favourable decision before its deadline (starts the SIS export)',
    withdraw: 'Withdraw from an offer (also after confirming: the SIS gets the withdrawal)',
    cancel: 'Cancel the candidature (only before any decision, while the file is not transmitted)',
  };
  for (const [action, update] of Object.entries(CANDIDATE_ACTIONS)) {
    app.post(
      `/api/candidatures/:id/${action}`,
      {
        schema: {
          tags: ['candidate'],
          summary: summaries[action as keyof typeof CANDIDATE_ACTIONS],
          params: IdParams,
          headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
          response: { 200: CandidatureView, ...errorResponses },
        },
      },
      async (request) => {
        const user = requireCandidate(request);
        const { id } = request.params;
        assertOwner(await loadCandidature(app, id), user.accountId);
        const updateId = request.headers['idempotency-key'];
        return temporalCall(app.temporal, () => handleOf(app, id).executeUpdate(update, { args: [actorOf(user)], ...(updateId ? { updateId } : {}) }));
      },
    );
  }
};
export default candidateRoutes;
