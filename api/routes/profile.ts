// The candidate's file (civil status, address, bac, internal cursus) on their own account, and its
// pre-fill from the campaign's SIS (api/profile-service.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIS_TYPES } from '../../domain/codes.ts';
import { requireCandidate, requireStaff } from '../plugins/auth.ts';
import { badRequest, forbidden, HttpProblem } from '../problem.ts';
import { prefillFromSis, readProfile, saveProfile, unlockProfile } from '../profile-service.ts';
import { errorResponses } from '../schemas.ts';

const code = (max = 10) => z.string().trim().min(1).max(max);
/** Input: an optional text, empty = null. Output: the same field, plain (no transform to encode). */
type Opt = (max: number) => z.ZodType<string | null>;
const optionalIn: Opt = (max) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null)) as unknown as z.ZodType<string | null>;
const optionalOut: Opt = () => z.string().nullable();
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date attendue au format AAAA-MM-JJ', abort: true })
  // A day that exists (Date.parse would take 2024-02-30 for 1 March).
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date invalide');

const personShape = (optional: Opt) => ({
  civility: z.enum(['M.', 'Mme']),
  birthName: z.string().trim().min(1).max(100),
  usualName: optional(100),
  firstName: z.string().trim().min(1).max(100),
  otherFirstNames: optional(100),
  birthDate: isoDay,
  ine: optional(11).describe('10 characters (INE-RNIE, INES/BEA, SIFA); the key separately'),
  ineKey: optional(2),
  birthCountryCode: code(),
  birthDepartmentCode: optional(10),
  birthCommuneCode: optional(10),
  birthCityLabel: optional(100),
  nationalityCode: code(),
  phone: optional(20),
  mobilePhone: optional(20),
});
const addressShape = (optional: Opt) => ({
  line1: z.string().trim().min(1).max(100),
  line2: optional(100),
  line3: optional(100),
  postcode: optional(10),
  cedex: optional(20),
  communeCode: optional(10),
  foreignCity: optional(100),
  countryCode: code(),
});
const bacShape = (optional: Opt) => ({
  year: z.number().int().min(1900).max(2100).nullable(),
  bacCode: code(),
  mentionCode: optional(10),
  establishmentCode: optional(10),
  communeCode: optional(10),
  departmentCode: optional(10),
  countryCode: optional(10),
  specialty1Code: optional(10),
  specialty2Code: optional(10),
  firstYearSpecialtyCode: optional(10),
});
const Person = z.object({ ...personShape(optionalIn), language: z.string().trim().min(2).max(5).default('fr') });
const Address = z.object(addressShape(optionalIn));
const Bac = z.object({ ...bacShape(optionalIn), optionCodes: z.array(code()).max(4).default([]) });

const Profile = z
  .object({
    campaign: z.object({
      code: z.string(),
      sisType: z.enum(SIS_TYPES),
      syncStudent: z.boolean().describe('The campaign’s SIS can pre-fill the file (hasSyncEtudiant)'),
      ineCheck: z.boolean().describe('INE + key are checked by INES (Apogée)'),
    }),
    studentNumber: z.string().nullable(),
    fromSis: z.boolean().describe('Civil status filled from the SIS (Candidate.updatable = false)'),
    lockedFields: z.array(z.string()).describe('Fields that came from the SIS, read-only for the candidate (person.*, bac.*)'),
    person: z.object({ ...personShape(optionalOut), civility: z.string(), birthDate: z.string(), language: z.string(), updatable: z.boolean() }).nullable(),
    address: z.object(addressShape(optionalOut)).nullable(),
    bac: z.object({ ...bacShape(optionalOut), optionCodes: z.array(z.string()), updatable: z.boolean() }).nullable(),
    internalCursus: z.array(
      z.object({
        academicYear: z.number().int(),
        vetCode: z.string().nullable(),
        label: z.string(),
        resultTypeCode: z.string().nullable(),
        mentionCode: z.string().nullable(),
        grade: z.string().nullable(),
        gradeScale: z.number().int().nullable(),
      }),
    ),
  })
  .describe('The candidate’s file');

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
          'Save the file. 409 naming the field when it changes a field that came from the SIS, or when the INE is used by another account of the campaign; 400 naming person.ine / person.ineKey for a wrong INE (format, or refused by INES on Apogée). address / bac: absent = unchanged, null = removed.',
        body: z.object({ person: Person, address: Address.nullish(), bac: Bac.nullish() }),
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => saveProfile(app, requireCandidate(request).accountId, request.body),
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
            new HttpProblem(429, 'Trop de tentatives', `Trop de recherches dans le SI Scolarité : réessayez dans ${context.after}.`),
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
      throw badRequest('studentNumber', "donnez votre numéro d'étudiant, ou votre INE et sa clé.");
    },
  );

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
        throw forbidden('Seuls les gestionnaires de candidats peuvent déverrouiller un dossier.');
      return unlockProfile(app, request.params.dossierNumber.toUpperCase(), user.login);
    },
  );
};
export default profileRoutes;
