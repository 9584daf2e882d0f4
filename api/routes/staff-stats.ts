// Managers: the statistics of a campaign in their scope (api/staff-stats.ts), as JSON for the screens
// and outside clients, and as a workbook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StaffStats, StaffStatsQuery, STATS_COUNTER_NOTES, STATS_COUNTERS } from '../../contracts/staff-stats.ts';
import { requestLanguage } from '../language.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errorResponses } from '../schemas.ts';
import { campaignStats } from '../staff-stats.ts';
import { statsXlsx } from '../staff-stats-xlsx.ts';

const description = [
  'Counters per centre, commission and formation (and their totals), over the candidatures of the campaign the staff member may see:',
  STATS_COUNTERS.join(', ') + '.',
  ...Object.entries(STATS_COUNTER_NOTES).map(([k, v]) => `${k}: ${v}.`),
  'Cancelled candidatures count in total and cancelled only. capacity: places offered. weeks: candidatures created and transmitted per ISO week (UTC).',
  '404 for an unknown campaign, centre, commission or formation code; narrowing outside the scope answers empty tables.',
].join(' ');

const staffStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/stats',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Statistics of a campaign: candidatures by dossier status, opinion, confirmation, withdrawals, against capacity, per week',
        description,
        querystring: StaffStatsQuery,
        response: { 200: StaffStats, ...errorResponses },
      },
    },
    async (request) => campaignStats(app, requireStaff(request), request.query),
  );

  app.get(
    '/api/staff/stats.xlsx',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'The statistics of a campaign as a workbook: summary, centres, commissions, formations, weeks (headers in the Accept-Language)',
        querystring: StaffStatsQuery.extend({ lang: z.enum(['fr', 'en']).optional().describe('Language of the headers (default: Accept-Language)') }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any().describe('The workbook'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { lang: _lang, ...query } = request.query;
      const stats = await campaignStats(app, requireStaff(request), query);
      const scope = [stats.filter.centre, stats.filter.commission, stats.filter.formation].filter(Boolean).join('-');
      const name = `statistiques-${stats.campaign.code}${scope ? `-${scope}` : ''}.xlsx`.replace(/[^\w.-]/g, '_');
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await statsXlsx(stats, request.query.lang ?? requestLanguage(request)));
    },
  );
};

export default staffStatsRoutes;
