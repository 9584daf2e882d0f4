// The public catalogue (contracts/catalogue.ts, service api/catalogue.ts): no login needed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Catalogue, CatalogueFormationDetail, CatalogueQuery } from '../../contracts/catalogue.ts';
import { readCatalogue, readCatalogueFormation, sendDocumentModel } from '../catalogue.ts';
import { requestLanguage } from '../language.ts';
import { errorResponses } from '../schemas.ts';

const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/catalogue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offer'],
        summary: 'The catalogue: campaigns in service → centres → diploma types → formations, with dates, documents and questions (?q= search)',
        querystring: CatalogueQuery,
        response: { 200: Catalogue, ...errorResponses },
      },
    },
    (request) =>
      readCatalogue(app, {
        q: request.query.q,
        campaign: request.query.campaign,
        onlyOpen: request.query.open === 'true',
        lang: requestLanguage(request),
      }),
  );

  app.get(
    '/api/catalogue/formations/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offer'],
        summary: "A formation of the catalogue, with its commission's contact",
        params: z.object({ code: z.string().min(1).max(50) }),
        response: { 200: CatalogueFormationDetail, ...errorResponses },
      },
    },
    (request) => readCatalogueFormation(app, request.params.code, requestLanguage(request)),
  );

  app.get(
    '/api/catalogue/documents/:code/model',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offer'],
        summary: 'The model file of a supporting document, to download (attachment)',
        params: z.object({ code: z.string().min(1).max(30) }),
        response: errorResponses,
      },
    },
    (request, reply) => sendDocumentModel(app, reply, request.params.code, requestLanguage(request)),
  );
};
export default catalogueRoutes;
