// Mass actions of managers (reference §3.2.7–8, "single or mass selection"): a selection of up to
// 5,000 candidatures and one action, run by a bulk workflow (workflows/bulk.ts) whose progress and
// per-item results are read back. Scope is checked per item, like the single routes do: an item
// outside the manager's commissions is refused (403) on its own, the rest go on.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BULK_MAX_ITEMS, BULK_PAGE_MAX, bulkProgressQuery, bulkWorkflowId, type BulkArgs, type BulkInput } from '../../domain/bulk.ts';
import { DOSSIER_STATUSES, type Functionality } from '../../domain/codes.ts';
import { BULK_ACTIONS, type BulkAction } from '../../domain/messages.ts';
import type { bulkWorkflow } from '../../workflows/bulk.ts';
import { OpinionBody, opinionArgs } from '../opinion-args.ts';
import { requireStaff } from '../plugins/auth.ts';
import { forbidden, notFound } from '../problem.ts';
import { actingStaff, isAdmin } from '../scope.ts';
import { errorResponses } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const candidatureIds = z
  .array(z.uuid())
  .min(1)
  .max(BULK_MAX_ITEMS)
  .describe(`The selection: 1 to ${BULK_MAX_ITEMS} candidature ids (a repeated id counts once)`);
const Deadline = z.object({
  deadline: z.string().max(40).nullable().describe('A Paris day (YYYY-MM-DD, until the end of that day) or an ISO 8601 instant; null removes the override'),
});
const action = <A extends BulkAction, S extends z.ZodType>(name: A, args: S, description: string) =>
  z.object({ action: z.literal(name), args, candidatureIds }).describe(description);

const BulkRequest = z.discriminatedUnion('action', [
  action('setDossierStatus', z.object({ status: z.enum(DOSSIER_STATUSES) }), 'Dossier status AT/RE/IN/CO (right EDIT_STATUT_DOSSIER)'),
  action(
    'enterOpinion',
    OpinionBody,
    'Mass opinion entry (right EDIT_AVIS); refused on a candidature that has a validated opinion (GEST_IS_UTILISE_BLOCAGE_MASSE)',
  ),
  z.object({ action: z.literal('validateOpinion'), candidatureIds }).describe('Validate (publish) the last entered opinion (right VALID_AVIS)'),
  action('setTags', z.object({ tags: z.array(z.string().max(50)).max(20) }), 'Set the tags (right GEST_TAG)'),
  action('setConfirmationDeadline', Deadline, 'Override the confirmation deadline (right GEST_DAT_CONFIRM)'),
  action('setReturnDeadline', Deadline, 'Override the dossier return deadline (right GEST_DAT_RETOUR)'),
]);

const ItemResult = z.object({
  candidatureId: z.string(),
  outcome: z.enum(['pending', 'ok', 'refused', 'error']),
  stage: z.string().optional().describe('ok: the stage after the action'),
  status: z.number().int().optional().describe('refused: 403 outside the scope or without the right, 404 unknown, 409 not now, 422 invalid'),
  type: z.string().optional().describe('refused: Forbidden, NotFound, Conflict or Invalid'),
  message: z.string().optional().describe('refused or error: why, as the single action would have said it'),
});

const BulkProgress = z
  .object({
    id: z.string(),
    action: z.enum(BULK_ACTIONS),
    actor: z.string(),
    status: z.enum(['running', 'completed']),
    total: z.number().int(),
    done: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int().describe('Refused or in error'),
    offset: z.number().int(),
    items: z.array(ItemResult).describe('Per-item results in selection order, from `offset`'),
  })
  .describe('Progress of a mass action');

const BulkParams = z.object({ id: z.string().regex(/^bulk-[0-9a-f-]{36}$/, 'identifiant de traitement de masse (bulk-<uuid>)') });

const bulkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/staff/bulk',
    {
      schema: {
        tags: ['staff'],
        summary: 'Apply one action to a selection of candidatures (asynchronous: follow it with GET /api/staff/bulk/{id})',
        body: BulkRequest,
        response: { 202: z.object({ id: z.string().describe('The bulk workflow id') }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireStaff(request);
      const body = request.body;
      const ids = [...new Set(body.candidatureIds)];
      const args: BulkArgs[BulkAction] =
        body.action === 'validateOpinion' ? undefined : body.action === 'enterOpinion' ? await opinionArgs(app, body.args, 'args.') : body.args;

      // Each item's scope is its commission's: the rights are resolved once per commission.
      const rows = await app.db.candidature.findMany({
        where: { id: { in: ids } },
        select: { id: true, formation: { select: { commissionId: true, commission: { select: { code: true } } } } },
      });
      const rowOf = new Map(rows.map((r) => [r.id, r]));
      const scopes = new Map<number, { rights: Functionality[]; inScope: boolean; code: string; items: number[] }>();
      const refused: BulkInput['refused'] = [];
      for (const [item, id] of ids.entries()) {
        const row = rowOf.get(id);
        if (!row) {
          refused.push({ item, status: 404, message: `Aucune candidature ${id}.` });
          continue;
        }
        let scope = scopes.get(row.formation.commissionId);
        if (!scope) {
          const acting = await actingStaff(app, user, row.formation.commissionId);
          scope = { rights: acting.rights ?? [], inScope: acting.inScope, code: row.formation.commission.code, items: [] };
          scopes.set(row.formation.commissionId, scope);
        }
        if (scope.inScope) scope.items.push(item);
        else refused.push({ item, status: 403, message: `La commission ${scope.code} n'est pas dans votre périmètre.` });
      }

      const id = bulkWorkflowId(randomUUID());
      const input: BulkInput = {
        action: body.action,
        ...(args !== undefined ? { args } : {}),
        actor: { kind: 'staff', login: user.login, displayName: user.displayName },
        candidatureIds: ids,
        scopes: [...scopes.values()].filter((s) => s.inScope && s.items.length).map((s) => ({ rights: s.rights, items: s.items })),
        refused,
      };
      await temporalCall(app.temporal, () =>
        app.temporal.workflow.start<typeof bulkWorkflow>('bulkWorkflow', { workflowId: id, taskQueue: app.config.taskQueue, args: [input] }),
      );
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/api/staff/bulk/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Progress and per-item results of a mass action (its author or an admin)',
        params: BulkParams,
        querystring: z.object({
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(BULK_PAGE_MAX).default(BULK_PAGE_MAX),
        }),
        response: { 200: BulkProgress, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const { id } = request.params;
      const { offset, limit } = request.query;
      const progress = await temporalCall(app.temporal, () =>
        app.temporal.workflow
          .getHandle<typeof bulkWorkflow>(id)
          .query(bulkProgressQuery, { offset, limit })
          .catch((err: unknown) => {
            if (err instanceof WorkflowNotFoundError) throw notFound(`Aucun traitement de masse ${id}.`);
            throw err;
          }),
      );
      if (progress.actor !== user.login && !isAdmin(user)) throw forbidden("Ce traitement de masse n'est pas le vôtre.");
      return { id, ...progress };
    },
  );
};
export default bulkRoutes;
