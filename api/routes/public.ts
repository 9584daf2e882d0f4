// Health, client configuration and the offer (campaigns and their open formations).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIS_TYPES } from '../../domain/codes.ts';
import { withinParisDates } from '../../domain/time.ts';
import { siteState } from '../maintenance.ts';
import { notFound } from '../problem.ts';
import { errorResponses } from '../schemas.ts';

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
/** How long readiness waits for each part. */
const READY_TIMEOUT_MS = 2_000;

const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Database, Temporal and worker reachability (503 names the failing part)',
        response: {
          200: z.object({ status: z.literal('ok'), parts: z.record(z.string(), z.string()) }),
          503: z.object({ status: z.literal('unavailable'), failing: z.array(z.string()), parts: z.record(z.string(), z.string()) }),
        },
      },
    },
    async (_request, reply) => {
      const parts: Record<string, string> = {};
      const check = async (name: string, fn: () => Promise<string>) => {
        try {
          parts[name] = await fn();
        } catch (err) {
          parts[name] = `KO: ${(err as Error).message}`;
        }
      };
      await check('database', async () => {
        await app.db.$queryRaw`SELECT 1`;
        return 'ok';
      });
      await check('temporal', async () => {
        await app.temporal.withAbortSignal(AbortSignal.timeout(3000), () => app.temporal.workflowService.getSystemInfo({}));
        return 'ok';
      });
      await check('worker', async () => {
        const res = await app.temporal.withAbortSignal(AbortSignal.timeout(3000), () =>
          app.temporal.workflowService.describeTaskQueue({
            namespace: app.config.temporalNamespace,
            taskQueue: { name: app.config.taskQueue },
            taskQueueType: 1,
          }),
        );
        const pollers = res.pollers?.length ?? 0;
        if (pollers === 0) throw new Error(`no worker polls the task queue "${app.config.taskQueue}"`);
        return `ok (${pollers} poller${pollers > 1 ? 's' : ''})`;
      });
      const failing = Object.entries(parts)
        .filter(([, v]) => v.startsWith('KO'))
        .map(([k]) => k);
      if (failing.length) return reply.status(503).send({ status: 'unavailable' as const, failing, parts });
      return { status: 'ok' as const, parts };
    },
  );

  // Readiness (a load balancer's or orchestrator's probe): this process can serve, its database and
  // Temporal's frontend answer, each within READY_TIMEOUT_MS. /api/health above also asks for a worker.
  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: PostgreSQL and Temporal answer (503 names the part that does not)',
        response: {
          200: z.object({ status: z.literal('ready'), checks: z.object({ database: z.literal('up'), temporal: z.literal('up') }) }),
          503: z.object({ status: z.literal('unavailable'), checks: z.object({ database: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']) }) }),
        },
      },
    },
    async (request, reply) => {
      const probe = async (name: string, fn: (signal: AbortSignal) => Promise<unknown>): Promise<'up' | 'down'> => {
        const signal = AbortSignal.timeout(READY_TIMEOUT_MS);
        try {
          await Promise.race([
            fn(signal),
            new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error(`no answer in ${READY_TIMEOUT_MS} ms`)), { once: true })),
          ]);
          return 'up';
        } catch (err) {
          request.log.warn({ err: { message: (err as Error).message } }, `readiness: ${name} down`);
          return 'down';
        }
      };
      const [database, temporal] = await Promise.all([
        probe('database', () => app.db.$queryRaw`SELECT 1`),
        probe('temporal', (signal) => app.temporal.withAbortSignal(signal, () => app.temporal.workflowService.getSystemInfo({}))),
      ]);
      if (database === 'up' && temporal === 'up') return { status: 'ready' as const, checks: { database, temporal } };
      return reply.status(503).send({ status: 'unavailable' as const, checks: { database, temporal } });
    },
  );

  app.get(
    '/api/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'What the web app needs to know about this installation',
        response: {
          200: z.object({
            brand: z.enum(['neutral', 'dsfr']),
            institutionName: z.string(),
            mode: z.string(),
            temporalUiUrl: z.string().nullable(),
            /** Staff single sign-on (OIDC_ISSUER): the login page's button text; null when not configured. */
            sso: z.object({ label: z.string() }).nullable(),
            /** Maintenance mode on: the message candidates get (they are turned away; staff keep working). */
            maintenance: z.object({ fr: z.string(), en: z.string() }).nullable(),
            /** The home page's message (ACCUEIL) when active. */
            homeMessage: z.object({ fr: z.string(), en: z.string() }).nullable(),
          }),
        },
      },
    },
    async () => {
      const site = await siteState(app);
      return {
        // The State brand (Marianne, DSFR bloc-marque) only for an institution approved to carry it.
        brand: app.config.institution.brand,
        institutionName: app.config.institution.name,
        mode: app.config.mode,
        temporalUiUrl: app.config.temporalUiUrl || null,
        sso: app.config.oidc ? { label: app.config.oidc.label } : null,
        maintenance: site.maintenance,
        homeMessage: site.home,
      };
    },
  );

  app.get(
    '/api/campaigns',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offer'],
        summary: 'Campaigns, with the SIS each one is tied to',
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              label: z.string(),
              sisType: z.enum(SIS_TYPES),
              active: z.boolean(),
              startsOn: z.string(),
              endsOn: z.string(),
              archivedAt: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async () => {
      const campaigns = await app.db.campaign.findMany({ orderBy: { code: 'asc' } });
      return campaigns.map((c) => ({
        code: c.code,
        label: c.label,
        sisType: c.sisType,
        active: c.active,
        startsOn: isoDate(c.startsOn)!,
        endsOn: isoDate(c.endsOn)!,
        archivedAt: c.archivedAt?.toISOString() ?? null,
      }));
    },
  );

  app.get(
    '/api/campaigns/:code/formations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offer'],
        summary: 'Formations open to applications in a campaign',
        params: z.object({ code: z.string().max(20) }),
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              label: z.string(),
              centre: z.object({ code: z.string(), label: z.string() }),
              commission: z.object({ code: z.string(), label: z.string() }),
              traitement: z.string(),
              demat: z.boolean(),
              capacity: z.number().int().nullable(),
              applicationStartsOn: z.string(),
              applicationEndsOn: z.string(),
              returnDeadline: z.string(),
              juryOn: z.string().nullable(),
              publicationOn: z.string().nullable(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const campaign = await app.db.campaign.findUnique({ where: { code: request.params.code } });
      if (!campaign) throw notFound({ fr: `Aucune campagne ${request.params.code}.`, en: `There is no campaign ${request.params.code}.` });
      const formations = await app.db.formation.findMany({
        where: { active: true, commission: { centre: { sisType: campaign.sisType, active: true } } },
        include: { commission: { include: { centre: true } } },
        orderBy: { label: 'asc' },
      });
      const now = new Date();
      return formations
        .filter((f) => withinParisDates(now, isoDate(f.applicationStartsOn)!, isoDate(f.applicationEndsOn)!))
        .map((f) => ({
          code: f.code,
          label: f.label,
          centre: { code: f.commission.centre.code, label: f.commission.centre.label },
          commission: { code: f.commission.code, label: f.commission.label },
          traitement: f.traitement,
          demat: f.demat,
          capacity: f.capacity,
          applicationStartsOn: isoDate(f.applicationStartsOn)!,
          applicationEndsOn: isoDate(f.applicationEndsOn)!,
          returnDeadline: isoDate(f.returnDeadline)!,
          juryOn: isoDate(f.juryOn),
          publicationOn: isoDate(f.publicationOn),
        }));
    },
  );
};
export default publicRoutes;
