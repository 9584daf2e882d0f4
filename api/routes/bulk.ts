// Mass actions of managers (reference §3.2.7–8, "single or mass selection"): a selection of up to
// 5,000 candidatures and one action, run by a bulk workflow (workflows/bulk.ts) whose progress and
// per-item results are read back. Scope is checked per item, like the single routes do: an item
// outside the manager's commissions is refused (403) on its own, the rest go on.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BULK_ID_PATTERN,
  BULK_PAGE_MAX,
  BULK_WORKFLOW,
  BulkProgressView,
  bulkProgressQuery,
  BulkRequest,
  bulkWorkflowId,
  type BulkInput,
  type StoredItemResult,
} from '../../contracts/bulk.ts';
import { itemInLanguage } from '../../domain/bulk.ts';
import type { Functionality } from '../../domain/codes.ts';
import { requestLanguage } from '../language.ts';
import { requireStaff } from '../plugins/auth.ts';
import { forbidden, notFound } from '../problem.ts';
import { actingStaff, isAdmin } from '../scope.ts';
import { errorResponses } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';
import { transitionArgs } from '../transition-inputs.ts';

const BulkParams = z.object({ id: z.string().regex(BULK_ID_PATTERN, 'identifiant de traitement de masse (bulk-<uuid>)') });

const bulkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/staff/bulk',
    {
      config: { access: 'staff' },
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
      // The same resolution as the single route's (a decision type code becomes its reference).
      const given = (body as { args?: Record<string, unknown> }).args;
      const args = given && (await transitionArgs(app, body.action, given, { request, login: user.login, field: 'args.', candidatureIds: ids }));

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
          refused.push({ item, status: 404, message: `Aucune candidature ${id}.`, messageEn: `There is no application ${id}.` });
          continue;
        }
        let scope = scopes.get(row.formation.commissionId);
        if (!scope) {
          const acting = await actingStaff(app, user, row.formation.commissionId);
          scope = { rights: acting.rights ?? [], inScope: acting.inScope, code: row.formation.commission.code, items: [] };
          scopes.set(row.formation.commissionId, scope);
        }
        if (scope.inScope) scope.items.push(item);
        else
          refused.push({
            item,
            status: 403,
            message: `La commission ${scope.code} n'est pas dans votre périmètre.`,
            messageEn: `The commission ${scope.code} is not in your scope: leave its applications out of the selection.`,
          });
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
      await temporalCall(app.temporal, () => app.temporal.workflow.start(BULK_WORKFLOW, { workflowId: id, taskQueue: app.config.taskQueue, args: [input] }));
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/api/staff/bulk/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Progress and per-item results of a mass action (its author or an admin)',
        params: BulkParams,
        querystring: z.object({
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(BULK_PAGE_MAX).default(BULK_PAGE_MAX),
        }),
        response: { 200: BulkProgressView, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const { id } = request.params;
      const { offset, limit } = request.query;
      const progress = await temporalCall(app.temporal, () =>
        app.temporal.workflow
          .getHandle(id)
          .query(bulkProgressQuery, { offset, limit })
          .catch((err: unknown) => {
            if (err instanceof WorkflowNotFoundError) throw notFound({ fr: `Aucun traitement de masse ${id}.`, en: `There is no mass action ${id}.` });
            throw err;
          }),
      );
      if (progress.actor !== user.login && !isAdmin(user))
        throw forbidden({
          fr: "Ce traitement de masse n'est pas le vôtre.",
          en: 'This mass action is not yours: only its author or an administrator may follow it.',
        });
      // Each refused item's reason in the reader's language.
      const lang = requestLanguage(request);
      return { id, ...progress, items: progress.items.map((item) => itemInLanguage(item as StoredItemResult, lang)) };
    },
  );
};
export default bulkRoutes;
