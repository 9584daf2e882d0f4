// The candidate's side: their candidatures, applying, and the transitions that belong to them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { candidateView, type ActingUser } from '../../domain/candidature.ts';
import {
  answerQuestionUpdate,
  cancelUpdate,
  confirmUpdate,
  declareNotConcernedUpdate,
  submitPieceUpdate,
  transmitUpdate,
  withdrawUpdate,
} from '../../domain/messages.ts';
import { storeFile } from '../../infra/file-store.ts';
import { badRequest } from '../problem.ts';
import type { CandidatureView as View } from '../../domain/view.ts';
import { assertOwner, createCandidature, handleOf, loadCandidature, readView, sendPieceFile } from '../candidature-service.ts';
import { requireCandidate } from '../plugins/auth.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';

const ItemParams = IdParams.extend({ code: z.string().min(1).max(30) });
/** What a supporting document may be (reference §8: PDF and images). */
const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
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

  app.get(
    '/api/candidatures/:id/pieces/:code/file',
    {
      schema: { tags: ['candidate'], summary: 'Download the file the candidate uploaded for a supporting document', params: ItemParams },
    },
    async (request, reply) => {
      const user = requireCandidate(request);
      assertOwner(await loadCandidature(app, request.params.id), user.accountId);
      return sendPieceFile(app, reply, await readView(app, request.params.id, actorOf(user)), request.params.code);
    },
  );

  /** Runs an update as the candidate owning the candidature. */
  async function asOwner(
    request: Parameters<typeof requireCandidate>[0] & { params: { id: string } },
    run: (actor: ActingUser) => Promise<View>,
  ): Promise<View> {
    const user = requireCandidate(request);
    assertOwner(await loadCandidature(app, request.params.id), user.accountId);
    return run(actorOf(user));
  }

  app.post(
    '/api/candidatures/:id/pieces/:code',
    {
      schema: {
        tags: ['candidate'],
        summary: 'Upload the file of a supporting document (multipart/form-data, field "file": PDF, JPEG or PNG, 10 MB max); the piece becomes TR',
        params: ItemParams,
        consumes: ['multipart/form-data'],
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCandidate(request);
      const { id, code } = request.params;
      assertOwner(await loadCandidature(app, id), user.accountId);
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file) throw badRequest('file', 'aucun fichier reçu (multipart/form-data, champ « file »).');
      if (!ACCEPTED_TYPES.includes(file.mimetype)) throw badRequest('file', `type de fichier refusé (${file.mimetype}) : PDF, JPEG ou PNG.`);
      const data = await file.toBuffer();
      if (file.file.truncated) throw badRequest('file', 'fichier trop volumineux (10 Mo au plus).');
      if (data.length === 0) throw badRequest('file', 'fichier vide.');
      const stored = await storeFile(app.db, app.config.filesDir, {
        accountId: user.accountId,
        name: file.filename,
        mimeType: file.mimetype,
        data,
        author: user.login,
      });
      return temporalCall(app.temporal, () => handleOf(app, id).executeUpdate(submitPieceUpdate, { args: [actorOf(user), { code, fileId: stored.id }] }));
    },
  );

  for (const item of ['pieces', 'questions'] as const) {
    app.post(
      `/api/candidatures/:id/${item}/:code/not-concerned`,
      {
        schema: {
          tags: ['candidate'],
          summary: `Declare a conditional ${item === 'pieces' ? 'supporting document' : 'question'} "not concerned" (NC)`,
          params: ItemParams,
          response: { 200: CandidatureView, ...errorResponses },
        },
      },
      async (request) =>
        asOwner(request, (actor) =>
          temporalCall(app.temporal, () =>
            handleOf(app, request.params.id).executeUpdate(declareNotConcernedUpdate, {
              args: [actor, { code: request.params.code, item: item === 'pieces' ? 'piece' : 'question' }],
            }),
          ),
        ),
    );
  }

  app.put(
    '/api/candidatures/:id/questions/:code',
    {
      schema: {
        tags: ['candidate'],
        summary: 'Answer a question of the formation',
        params: ItemParams,
        body: z.object({ answer: z.string().min(1).max(1000) }),
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) =>
      asOwner(request, (actor) =>
        temporalCall(app.temporal, () =>
          handleOf(app, request.params.id).executeUpdate(answerQuestionUpdate, { args: [actor, { code: request.params.code, answer: request.body.answer }] }),
        ),
      ),
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
