// Managers: a campaign's candidatures as a file (XLSX or CSV), for a campaign in service as for an
// archived one, whatever SIS the installation uses now (api/records.ts builds the rows).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../plugins/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { campaignRecords, RECORD_FORMATS, recordsCsv, recordsXlsx } from '../records.ts';
import { staffCommissionIds } from '../scope.ts';
import { errorResponses, Problem } from '../schemas.ts';

const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/campaigns/:code/records',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: "The campaign's candidatures in the staff member's scope, as a spreadsheet (archived campaigns included)",
        description:
          'One row per candidature: candidate, formation and its code in the SIS of the campaign, dossier status, published opinion, answer, SIS export and its reference (Apogée OPI code, Pégase import job). 410 once the campaign’s data were destroyed.',
        params: z.object({ code: z.string().min(1).max(20) }),
        querystring: z.object({ format: z.enum(RECORD_FORMATS).default('xlsx') }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        response: { 200: z.any().describe('The file (xlsx or csv)'), ...errorResponses, 410: Problem },
      },
    },
    async (request, reply) => {
      const user = requireStaff(request);
      const campaign = await app.db.campaign.findUnique({ where: { code: request.params.code } });
      if (!campaign) throw notFound({ fr: `Campagne inconnue : ${request.params.code}.`, en: `Unknown campaign: ${request.params.code}.` });
      if (campaign.destroyedAt) {
        const on = campaign.destroyedAt.toISOString().slice(0, 10);
        throw new HttpProblem(
          410,
          { fr: 'Données détruites', en: 'Data destroyed' },
          {
            fr: `Les données de la campagne ${campaign.code} ont été détruites le ${on}.`,
            en: `The data of the campaign ${campaign.code} were destroyed on ${on}.`,
          },
        );
      }
      const records = await campaignRecords(app.db, campaign, await staffCommissionIds(app, user));
      const name = `candidatures-${campaign.code}.${request.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(recordsCsv(records));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await recordsXlsx(records));
    },
  );
};

export default recordsRoutes;
