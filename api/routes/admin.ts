// Admins: a candidature's timeline and raw workflow history (api/workflow-timeline.ts), the admin
// console (api/admin-console.ts) and the search of candidature workflows by their search attributes. (The retry of an export that ran out of
// attempts is a transition of the catalogue: routes/transitions.ts.)
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsoleMail, ConsoleOverview, StuckWorkflows, TimelineQuery, WorkflowHistory, WorkflowSearch, WorkflowTimeline } from '../../contracts/admin.ts';
import { CANDIDATURE_WORKFLOW } from '../../contracts/candidature.ts';
import { consoleOverview, resendMail, stuckWorkflows } from '../admin-console.ts';
import { loadCandidature } from '../candidature-service.ts';
import { requireAdmin } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas.ts';
import { buildTimeline, readHistory } from '../workflow-timeline.ts';

const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/candidatures/:id/history',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "The candidature workflow's event history, readable (the audit trail)",
        params: IdParams,
        response: { 200: WorkflowHistory, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      await loadCandidature(app, request.params.id);
      return readHistory(app, request.params.id);
    },
  );

  app.get(
    '/api/admin/candidatures/:id/timeline',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          "What happened to the candidature, by whom and when: transitions (applied or refused, with their arguments), mails (recipient, status), SIS exports (the SIS's answer), timers, system steps",
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: WorkflowTimeline, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      await loadCandidature(app, request.params.id);
      return buildTimeline(app, request.params.id, request.query.kind);
    },
  );

  app.get(
    '/api/admin/console/overview',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'What needs an admin: failed SIS exports (to retry), mails finally failed (to send again) and skipped mails',
        response: { 200: ConsoleOverview, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      return consoleOverview(app);
    },
  );

  app.get(
    '/api/admin/console/stuck',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Running candidature workflows with an export pending whose activity keeps failing (pending activities, attempt, last failure)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100).describe('Workflows with an export pending looked at, at most'),
          minAttempts: z.coerce.number().int().min(1).max(100).default(2).describe('A pending activity at this attempt or later is stuck'),
        }),
        response: { 200: StuckWorkflows, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      return stuckWorkflows(app, request.query);
    },
  );

  app.post(
    '/api/admin/console/mails/:mailId/resend',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Send a finally failed mail again (back in the outbox, attempts reset; same idempotency key: sent once)',
        params: z.object({ mailId: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: ConsoleMail, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      return resendMail(app, request.params.mailId);
    },
  );

  // Search attribute filters: query parameter → attribute (domain/search-attributes.ts).
  const FILTERS = {
    stage: 'CandidatureStage',
    dossierStatus: 'DossierStatus',
    opinion: 'OpinionKind',
    campaign: 'CampaignCode',
    formation: 'FormationCode',
    commission: 'CommissionCode',
    exportStatus: 'ExportStatus',
  } as const;
  const code = z
    .string()
    .regex(/^[\w-]{1,50}$/)
    .optional();

  app.get(
    '/api/admin/workflows',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Search candidature workflows by their search attributes (Temporal visibility), e.g. decided offers whose deadline is before a date',
        querystring: z.object({
          stage: code,
          dossierStatus: code,
          opinion: code,
          campaign: code,
          formation: code,
          commission: code,
          exportStatus: code,
          deadlineBefore: z.iso.datetime().optional().describe('ConfirmationDeadline earlier than this instant'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: WorkflowSearch, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const q = request.query;
      // Values are restricted to [\w-] above, so they can be quoted as they are.
      const clauses = [
        `WorkflowType = '${CANDIDATURE_WORKFLOW}'`,
        ...Object.entries(FILTERS).flatMap(([param, attribute]) => {
          const value = q[param as keyof typeof FILTERS];
          return value ? [`${attribute} = '${value}'`] : [];
        }),
        ...(q.deadlineBefore ? [`ConfirmationDeadline < '${q.deadlineBefore}'`] : []),
      ];
      const query = clauses.join(' AND ');
      const workflows = [];
      for await (const w of app.temporal.workflow.list({ query })) {
        workflows.push({
          workflowId: w.workflowId,
          status: w.status.name,
          startTime: w.startTime.toISOString(),
          searchAttributes: Object.fromEntries(
            w.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value instanceof Date ? p.value.toISOString() : p.value]),
          ),
        });
        if (workflows.length >= q.limit) break;
      }
      return { query, workflows };
    },
  );
};
export default adminRoutes;
