// Every transition route, derived from the catalogue (contracts/candidature.ts): for each route of
// each transition, its params and body from the transition's schema, the actor checked (owner, scope,
// admin), the request resolved into the Update's argument where it needs it (api/transition-inputs.ts),
// then the Update, whose answer is the view. The workflow's validator decides the rest.
// An `Idempotency-Key` header makes a retried request land on the first one's answer (the Update id).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transitions, TRANSITION_NAMES, type TransitionName, type TransitionRoute, type TransitionSpec } from '../../contracts/candidature.ts';
import { loadCandidature, runTransition } from '../candidature-service.ts';
import { actorOn } from '../scope.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';
import { transitionArgs } from '../transition-inputs.ts';

const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8).max(200).optional().describe('Identifies the attempt: a retry with the same key is applied once and answers the same'),
});

/** The route's path parameters besides `:id`, as named in the transition's arguments. */
function pathParams(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((p) => p !== 'id');
}

function registerRoute(app: FastifyInstance, name: TransitionName, spec: TransitionSpec, route: TransitionRoute): void {
  const params = pathParams(route.path);
  const wire = spec.body ?? spec.args;
  const fixed = route.fixed ?? {};
  const omitted = Object.fromEntries([...params, ...Object.keys(fixed)].filter((k) => k in wire.shape).map((k) => [k, true as const]));
  const body = wire.omit(omitted as Record<string, true>);
  const hasBody = !route.upload && Object.keys(body.shape).length > 0;
  const paramsSchema = IdParams.extend(Object.fromEntries(params.map((p) => [p, spec.args.shape[p] ?? z.string()])));
  app.route({
    method: route.method,
    url: route.path,
    config: { access: route.actor },
    schema: {
      tags: [route.actor],
      summary: route.summary ?? spec.summary,
      params: paramsSchema,
      headers: IdempotencyHeaders,
      ...(route.upload ? { consumes: ['multipart/form-data'] } : hasBody ? { body } : {}),
      response: { 200: CandidatureView, ...errorResponses },
    },
    handler: async (request: FastifyRequest) => {
      const { id, ...pathArgs } = request.params as { id: string } & Record<string, unknown>;
      const row = await loadCandidature(app, id);
      const { actor, accountId } = await actorOn(app, request, route.actor, row);
      const given = { ...(hasBody ? (request.body as object) : {}), ...pathArgs, ...fixed };
      const args = await transitionArgs(app, name, given, { request, accountId, login: actor.login, candidatureIds: [id] });
      const updateId = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
      return runTransition(app, id, name, actor, args as never, updateId);
    },
  });
}

const transitionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const name of TRANSITION_NAMES) {
    const spec: TransitionSpec = transitions[name];
    for (const route of spec.routes) registerRoute(app, name, spec, route);
  }
};
export default transitionRoutes;
