// The candidate's whole file for staff (issue 11): GET /api/staff/candidatures/{id}/file, the path
// outside clients use. The reader must be in the candidature's scope (403 otherwise, 404 unknown);
// the body is contracts/staff-file.ts, read by api/staff-file.ts in the reader's language.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StaffFile } from '../../contracts/staff-file.ts';
import { loadCandidature } from '../candidature-service.ts';
import { requestLanguage } from '../language.ts';
import { requireStaff } from '../plugins/auth.ts';
import { actorOn, staffCommissionIds } from '../scope.ts';
import { errorResponses, IdParams } from '../schemas.ts';
import { readStaffFile } from '../staff-file.ts';

const staffFileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/candidatures/:id/file',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'The candidate’s whole file (staff in the candidature’s scope): civil status, contact, address, bac, cursus, internships, experience, this candidature’s answers and documents (status, comment, file), the other candidatures of the campaign in the reader’s scope (the others counted), the opinion history, the PDF summary’s link. Labels in the Accept-Language’s language where the configuration has them. 403 out of scope, 404 unknown.',
        params: IdParams,
        response: { 200: StaffFile, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const row = await loadCandidature(app, request.params.id);
      const { actor } = await actorOn(app, request, 'staff', row);
      return readStaffFile(app, row, actor, await staffCommissionIds(app, user), requestLanguage(request));
    },
  );
};
export default staffFileRoutes;
