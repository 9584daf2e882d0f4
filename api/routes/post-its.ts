// Post-it notes of a candidature (api/post-its.ts): read by everyone in its scope, written with the
// right GEST_POST_IT, deleted by their author or an admin.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PostItInput, PostItList, PostItParams, PostItView } from '../../contracts/staff-actions.ts';
import { addPostIt, deletePostIt, listPostIts } from '../post-its.ts';
import { errorResponses, IdParams } from '../schemas.ts';

const postItRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/candidatures/:id/post-its',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Post-it notes of a candidature, newest first (anyone in its scope), and whether the reader may write some (right GEST_POST_IT)',
        params: IdParams,
        response: { 200: PostItList, ...errorResponses },
      },
    },
    async (request) => listPostIts(app, request, request.params.id),
  );

  app.post(
    '/api/staff/candidatures/:id/post-its',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Add a post-it note (255 characters at most; right GEST_POST_IT): shared with the commission',
        params: IdParams,
        body: PostItInput,
        response: { 201: PostItView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addPostIt(app, request, request.params.id, request.body.message)),
  );

  app.delete(
    '/api/staff/candidatures/:id/post-its/:postItId',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Delete a post-it note (its author or an admin)',
        params: PostItParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePostIt(app, request, request.params.id, request.params.postItId);
      return reply.status(204).send(null);
    },
  );
};
export default postItRoutes;
