// What the managers' "more actions" read besides the candidature: the tags they may use, the SIS
// codes of régimes and fee exemptions (api/staff-actions.ts). The actions themselves are transitions
// (routes/transitions.ts) and post-it notes (routes/post-its.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AdmissionCodes, AdmissionCodesQuery, StaffTags, StaffTagsQuery } from '../../contracts/staff-actions.ts';
import { admissionCodes, staffTags } from '../staff-actions.ts';
import { errorResponses } from '../schemas.ts';

const staffActionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/tags',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Active tags with their colours: those of every centre and of the centres in the reader’s scope, or those that may go on one candidature',
        querystring: StaffTagsQuery,
        response: { 200: StaffTags, ...errorResponses },
      },
    },
    async (request) => staffTags(app, request, request.query.candidature),
  );

  app.get(
    '/api/staff/admission-codes',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Régimes and fee exemption categories in service in a SIS’s referentials (for the OPI régime and fees)',
        querystring: AdmissionCodesQuery,
        response: { 200: AdmissionCodes, ...errorResponses },
      },
    },
    async (request) => admissionCodes(app, request.query.sisType),
  );
};
export default staffActionRoutes;
