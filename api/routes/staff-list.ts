// The managers' list of candidatures (contracts/staff.ts): one page and its total, its counts by stage
// and dossier status, the ids of every match ("select all matching"), and the columns and page size
// each staff member keeps. Read from the read model within the user's scope (api/staff-list.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BULK_MAX_ITEMS } from '../../contracts/bulk.ts';
import { StaffListCounts, StaffListFilter, StaffListIds, StaffListPage, StaffListQuery, StaffPreferences } from '../../contracts/staff.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errorResponses } from '../schemas.ts';
import { countCandidatures, listCandidatures, matchingIds } from '../staff-list.ts';
import { readPreferences, savePreferences } from '../staff-preferences.ts';

const staffListRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/candidatures',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'Candidatures in the staff member’s scope (read model), filtered, sorted and paged by the server: one page and the total of matches (also in the X-Total-Count header)',
        querystring: StaffListQuery,
        response: { 200: StaffListPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listCandidatures(app, requireStaff(request), request.query);
      void reply.header('x-total-count', String(page.total));
      return page;
    },
  );

  app.get(
    '/api/staff/candidatures/counts',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'How many candidatures of the staff member’s scope match the filter, by stage and by dossier status, and how many are past their confirmation deadline',
        querystring: StaffListFilter,
        response: { 200: StaffListCounts, ...errorResponses },
      },
    },
    async (request) => countCandidatures(app, requireStaff(request), request.query),
  );

  app.get(
    '/api/staff/candidatures/ids',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: `"Select all matching": the ids of the matches in the list's order (at most ${BULK_MAX_ITEMS}) and their total`,
        querystring: StaffListQuery.omit({ page: true, pageSize: true }),
        response: { 200: StaffListIds, ...errorResponses },
      },
    },
    async (request) => matchingIds(app, requireStaff(request), request.query),
  );

  app.get(
    '/api/staff/preferences',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'What the staff member’s screens remember: the list’s columns and page size',
        response: { 200: StaffPreferences, ...errorResponses },
      },
    },
    async (request) => readPreferences(app, requireStaff(request)),
  );

  app.put(
    '/api/staff/preferences',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Remember the given preferences (the keys sent replace the stored ones, the others are kept); answers them all',
        body: StaffPreferences.strict(),
        response: { 200: StaffPreferences, ...errorResponses },
      },
    },
    async (request) => savePreferences(app, requireStaff(request), request.body),
  );
};
export default staffListRoutes;
