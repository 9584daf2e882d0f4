// Admins: a campaign's lifecycle (archiving at its successor's activation, then destruction of its
// data; workflows/campaign.ts) and the planned activation of a new campaign, which moves the
// archiving timer of the campaign it replaces.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignLifecycleQuery, campaignWorkflowId, setActivationUpdate } from '../../contracts/campaign.ts';
import type { campaignWorkflow } from '../../workflows/campaign.ts';
import { ensureCampaignWorkflow } from '../campaign-workflows.ts';
import { requireAdmin } from '../plugins/auth.ts';
import { conflict, notFound } from '../problem.ts';
import { errorResponses } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const instant = z.string().nullable();
const Lifecycle = z
  .object({
    campaignCode: z.string(),
    phase: z.enum(['starting', 'waiting', 'archiving', 'archived', 'destroying', 'destroyed']),
    successor: z.object({ code: z.string(), plannedActivationAt: instant }).nullable().describe('The campaign that replaces this one'),
    archivedAt: instant,
    candidatures: z
      .object({ total: z.number().int(), notified: z.number().int() })
      .nullable()
      .describe('Archiving: candidatures of the campaign, and how many were made read-only so far'),
    retentionDays: z.number().int().nullable().describe('SCOL_NB_JOUR_ARCHIVAGE when the campaign was archived'),
    destructionDueAt: instant,
    destroyedAt: instant,
    destruction: z
      .object({ accounts: z.number().int(), candidatures: z.number().int(), files: z.number().int(), mails: z.number().int(), exports: z.number().int() })
      .nullable(),
  })
  .describe("A campaign's lifecycle: waiting for its successor's activation, archived, destroyed");

const CodeParams = z.object({ code: z.string().min(1).max(20) });

const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const handleOf = (code: string) => app.temporal.workflow.getHandle<typeof campaignWorkflow>(campaignWorkflowId(code));

  app.get(
    '/api/admin/campaigns/:code/lifecycle',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "The campaign's lifecycle workflow: planned archiving, archiving progress, destruction date and counts",
        params: CodeParams,
        response: { 200: Lifecycle, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { code } = request.params;
      if (!(await app.db.campaign.findUnique({ where: { code } }))) throw notFound({ fr: `Aucune campagne ${code}.`, en: `There is no campaign ${code}.` });
      return temporalCall(app.temporal, () =>
        handleOf(code)
          .query(campaignLifecycleQuery)
          .catch((err: unknown) => {
            if (err instanceof WorkflowNotFoundError)
              throw notFound({
                fr: `La campagne ${code} n'a pas de workflow de cycle de vie (il démarre avec l'API).`,
                en: `The campaign ${code} has no lifecycle workflow (it starts with the API).`,
              });
            throw err;
          }),
      );
    },
  );

  app.post(
    '/api/admin/campaigns/:code/activation',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          'Plan the activation of a new campaign: the campaign it replaces (archivesCampaign) is archived at that instant; answers the lifecycle of the replaced campaign',
        params: CodeParams,
        body: z.object({
          plannedActivationAt: z.iso.datetime({ offset: true }).nullable().describe('ISO 8601 instant; null: no activation planned (archiving waits)'),
        }),
        response: { 200: Lifecycle, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { code } = request.params;
      const { plannedActivationAt } = request.body;
      const campaign = await app.db.campaign.findUnique({ where: { code }, include: { archivesCampaign: true } });
      if (!campaign) throw notFound({ fr: `Aucune campagne ${code}.`, en: `There is no campaign ${code}.` });
      const replaced = campaign.archivesCampaign;
      if (!replaced)
        throw conflict({
          fr: `La campagne ${code} ne remplace aucune campagne : son activation n'archive rien.`,
          en: `The campaign ${code} replaces no campaign: its activation archives nothing.`,
        });
      const at = plannedActivationAt === null ? null : new Date(plannedActivationAt);
      // The timer first: a refusal (already archived) leaves the planned date as it was.
      await temporalCall(app.temporal, () => ensureCampaignWorkflow(app, replaced.code));
      const lifecycle = await temporalCall(app.temporal, () =>
        handleOf(replaced.code).executeUpdate(setActivationUpdate, { args: [{ successorCode: code, plannedActivationAt: at?.toISOString() ?? null }] }),
      );
      await app.db.campaign.update({ where: { id: campaign.id }, data: { plannedActivationAt: at } });
      return lifecycle;
    },
  );
};
export default campaignRoutes;
