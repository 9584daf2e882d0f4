// The candidate's file (civil status, address, bac, internal cursus) on their own account, and its
// pre-fill from the campaign's SIS (api/profile-service.ts); the lists the candidate keeps (external
// cursus, internships, professional experience: api/profile-lists.ts). Shapes: contracts/profile.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Experience,
  ExperienceInput,
  ExternalCursus,
  ExternalCursusInput,
  Internship,
  InternshipInput,
  IsoDay as isoDay,
  Profile,
  ProfileInput,
  type ProfileListSection,
} from '../../contracts/profile.ts';
import { requestLanguage } from '../language.ts';
import { requireCandidate, requireStaff } from '../plugins/auth.ts';
import { badRequest, forbidden, HttpProblem, PROBLEM_TITLES } from '../problem.ts';
import { createRow, deleteRow, listOwn, updateRow } from '../profile-lists.ts';
import { prefillFromSis, readProfile, saveProfile, unlockProfile } from '../profile-service.ts';
import { errorResponses } from '../schemas.ts';

const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/candidate/profile',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'The logged-in candidate’s file: civil status, address, bac, internal cursus, and which fields came from the SIS',
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => readProfile(app, requireCandidate(request).accountId),
  );

  app.put(
    '/api/candidate/profile',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary:
          'Save the file. Every code that changed is checked against the campaign’s SIS referentials (GET /api/candidate/referentials/{list}): 400 naming each field by its label, in the reader’s language, with how to fix it — an unknown code; a French address (country 100) needs a postcode and the commune chosen for it, an address abroad its town; a birth abroad its town; bac specialities and options allowed with the series that year (the SIS’s links where it gives them). 409 naming the field when it changes a field that came from the SIS, or when the INE is used by another account of the campaign; 400 naming person.ine / person.ineKey for a wrong INE (format, or refused by INES on Apogée). address / bac: absent = unchanged, null = removed.',
        body: ProfileInput,
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => saveProfile(app, requireCandidate(request).accountId, request.body, requestLanguage(request)),
  );

  app.post(
    '/api/candidate/profile/sis-lookup',
    {
      // Per account, after authentication and validation (preHandler): a malformed request costs nothing.
      config: {
        access: 'candidate',
        rateLimit: {
          max: app.config.sisLookupLimitPerHour,
          timeWindow: '1 hour',
          hook: 'preHandler',
          keyGenerator: (request) => `sis-lookup:${request.user?.kind === 'candidate' ? request.user.accountId : request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new HttpProblem(429, PROBLEM_TITLES[429]!, {
              fr: `Trop de recherches dans le SI Scolarité : réessayez dans ${context.after}.`,
              en: `Too many searches in the student information system: try again in ${context.after}.`,
            }),
        },
      },
      schema: {
        tags: ['candidate'],
        summary:
          'Pre-fill the file from the campaign’s SIS ("je suis déjà étudiant(e)"): by student number, or by INE + key, with the candidate’s birth date, which must be the SIS student’s (the proof that the candidate is that student). Civil status, address, bac and internal cursus are filled and the civil status and bac locked. 404 "Inconnu du SI", the same answer, when the SIS does not know the student or when the birth date is not theirs: nothing is then written or locked, and nothing is said about the identifiers. 400 naming birthDate when missing or not a date; 400 naming ine / ineKey for a wrong INE (format, INES on Apogée); 409, only once the birth date matched, when the INE or student number belongs to another account of the campaign. Repeating it changes nothing (changed: false).',
        body: z.object({
          studentNumber: z.string().trim().max(30).optional(),
          ine: z.string().trim().max(20).optional(),
          ineKey: z.string().trim().max(5).optional(),
          birthDate: isoDay.describe('The candidate’s birth date (YYYY-MM-DD): must be the SIS student’s'),
        }),
        response: { 200: z.object({ changed: z.boolean(), profile: Profile }), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCandidate(request);
      const { studentNumber, ine, ineKey, birthDate } = request.body;
      if (studentNumber) return prefillFromSis(app, user.accountId, { studentNumber, birthDate });
      if (ine) return prefillFromSis(app, user.accountId, { ine, ineKey: ineKey ?? '', birthDate });
      throw badRequest('studentNumber', {
        fr: "donnez votre numéro d'étudiant, ou votre INE et sa clé.",
        en: 'type your student number, or your INE and its key.',
      });
    },
  );

  const lists: [ProfileListSection, string, z.ZodType, z.ZodType][] = [
    [
      'external-cursus',
      'external cursus line (studies after the bac elsewhere; codes checked against the SIS referentials, 400 naming the field)',
      ExternalCursusInput,
      ExternalCursus,
    ],
    ['internships', 'internship', InternshipInput, Internship],
    ['experiences', 'professional experience', ExperienceInput, Experience],
  ];
  for (const [section, what, Input, Row] of lists) {
    const path = `/api/candidate/profile/${section}`;
    // A PostgreSQL integer: a larger id is refused (400) rather than failing the query (500).
    const Id = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
    app.get(
      path,
      {
        config: { access: 'candidate' },
        schema: { tags: ['candidate'], summary: `The candidate’s ${what}s`, response: { 200: z.array(Row), ...errorResponses } },
      },
      async (request) => listOwn(app, requireCandidate(request).accountId, section, requestLanguage(request)),
    );
    app.post(
      path,
      {
        config: { access: 'candidate' },
        schema: {
          tags: ['candidate'],
          summary: `Add an ${what} to the candidate’s file (409 before the civil status is saved, or on an archived campaign)`,
          body: Input,
          response: { 201: Row, ...errorResponses },
        },
      },
      async (request, reply) => {
        const row = await createRow(app, requireCandidate(request).accountId, section, request.body as never, requestLanguage(request));
        return reply.status(201).send(row);
      },
    );
    app.put(
      `${path}/:id`,
      {
        config: { access: 'candidate' },
        schema: {
          tags: ['candidate'],
          summary: `Change one of the candidate’s own ${what}s (404 for another’s)`,
          params: Id,
          body: Input,
          response: { 200: Row, ...errorResponses },
        },
      },
      async (request) => updateRow(app, requireCandidate(request).accountId, section, request.params.id, request.body as never, requestLanguage(request)),
    );
    app.delete(
      `${path}/:id`,
      {
        config: { access: 'candidate' },
        schema: {
          tags: ['candidate'],
          summary: `Remove one of the candidate’s own ${what}s (404 for another’s)`,
          params: Id,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteRow(app, requireCandidate(request).accountId, section, request.params.id, requestLanguage(request));
        return reply.status(204).send(null);
      },
    );
  }

  app.post(
    '/api/staff/candidates/:dossierNumber/unlock',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'Make the fields a SIS pre-fill locked editable again by the candidate (admins and the gestionCandidat profile); audited. The data stay; a new lookup locks them again.',
        params: z.object({ dossierNumber: z.string().trim().min(1).max(8) }),
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      if (!user.profiles.some((p) => p === 'admin' || p === 'scolCentrale' || p === 'gestionCandidat'))
        throw forbidden({
          fr: 'Seuls les gestionnaires de candidats peuvent déverrouiller un dossier.',
          en: 'Only candidate managers can unlock a file: ask one of them.',
        });
      return unlockProfile(app, request.params.dossierNumber.toUpperCase(), user.login);
    },
  );
};
export default profileRoutes;
