// The referentials a candidate chooses the codes of their file from (the searchable selects): the
// rows of their campaign's SIS, in service, searched without case or accents (api/referential-lookup.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOOKUP_LISTS, LookupPage, LookupQuery } from '../../contracts/profile.ts';
import { requireCandidate } from '../plugins/auth.ts';
import { lookup } from '../referential-lookup.ts';
import { errorResponses } from '../schemas.ts';

const referentialLookupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/candidate/referentials/:list',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary:
          'Search a referential list of the candidate’s campaign’s SIS (rows in service; `codes` reads given codes, in service or not): words of the label (case and accents ignored) or the start of the code, best matches first, paged (`more` when more rows match). Filters: postcode (postcodeCommunes), department (communes, birthCommunes, establishments), commune (establishments), bac and year (bacSpecialities and bacOptions allowed with a series — the SIS’s links where it gives them —, bacSeries valid that year).',
        params: z.object({ list: z.enum(LOOKUP_LISTS) }),
        querystring: LookupQuery,
        response: { 200: LookupPage, ...errorResponses },
      },
    },
    async (request) => {
      const { accountId } = requireCandidate(request);
      const account = await app.db.candidateAccount.findUniqueOrThrow({ where: { id: accountId }, select: { campaign: { select: { sisType: true } } } });
      return lookup(app.db, account.campaign.sisType, request.params.list, request.query);
    },
  );
};
export default referentialLookupRoutes;
