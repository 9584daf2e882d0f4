// What the candidate's page shows beside the view: the published decision's labels, the rank on the
// complementary list, the interview, the commission's contact and return address, the formation's
// dates and the documents to download (api/candidature-details.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CandidatureDetails } from '../../contracts/candidature-details.ts';
import { candidatureDetails } from '../candidature-details.ts';
import { loadCandidature, loadState } from '../candidature-service.ts';
import { requestLanguage } from '../language.ts';
import { actorOn } from '../scope.ts';
import { errorResponses, IdParams } from '../schemas.ts';

const candidatureDetailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/candidatures/:id/details',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'What the candidate’s page shows beside the view: decision labels, rank, interview, commission’s contact, dates, documents',
        params: IdParams,
        response: { 200: CandidatureDetails, ...errorResponses },
      },
    },
    async (request) => {
      const row = await loadCandidature(app, request.params.id);
      await actorOn(app, request, 'candidate', row);
      return candidatureDetails(app, row, await loadState(app, row), requestLanguage(request));
    },
  );
};
export default candidatureDetailRoutes;
