// The candidate's whole file (issue 10; reference ecandidat-domain.md §5): the bodies and answers of
// api/routes/profile.ts and api/routes/referential-lookup.ts, shared with the web file
// (web/src/stores/profile.ts, web/src/components/profile/*).
//
//   GET    /api/candidate/profile                                   → 200 Profile
//   PUT    /api/candidate/profile                 ProfileInput      → 200 Profile (every code checked)
//   GET    /api/candidate/profile/{section}                         → 200 row[]   (section: external-cursus | internships | experiences)
//   POST   /api/candidate/profile/{section}       row input         → 201 row
//   PUT    /api/candidate/profile/{section}/{id}  row input         → 200 row
//   DELETE /api/candidate/profile/{section}/{id}                    → 204
//   GET    /api/candidate/referentials/{list}?q=&limit=&offset=&…   → 200 LookupPage (the campaign's SIS rows)
import { z } from 'zod';
import { SIS_TYPES } from '../domain/codes.ts';
import { BirthDate, personName } from './text.ts';

/** France in the SIS country lists (cod_pay 100, Apogée and Pégase alike). */
export const FRANCE_COUNTRY_CODE = '100';

const code = (max = 10) => z.string().trim().min(1).max(max);
/** Input: an optional text, empty = null. Output: the same field, plain (no transform to encode). */
type Opt = (max: number, name?: boolean) => z.ZodType<string | null>;
const optionalIn: Opt = (max, name = false) =>
  (name ? personName(max, 0) : z.string().trim().max(max)).nullish().transform((v) => (v ? v : null)) as unknown as z.ZodType<string | null>;
const optionalOut: Opt = () => z.string().nullable();
export { IsoDay } from './text.ts';

const personShape = (optional: Opt) => ({
  civility: z.enum(['M.', 'Mme']),
  birthName: personName(100),
  usualName: optional(100, true),
  firstName: personName(100),
  otherFirstNames: optional(100, true),
  birthDate: BirthDate,
  ine: optional(11).describe('10 characters (INE-RNIE, INES/BEA, SIFA); the key separately'),
  ineKey: optional(2),
  birthCountryCode: code().describe('countries'),
  birthDepartmentCode: optional(10).describe('departments'),
  birthCommuneCode: optional(10).describe('birthCommunes, for a birth in France'),
  birthCityLabel: optional(100).describe('The town of birth abroad (in France: the commune’s label)'),
  nationalityCode: code().describe('countries'),
  phone: optional(20),
  mobilePhone: optional(20),
});
const addressShape = (optional: Opt) => ({
  line1: z.string().trim().min(1).max(100),
  line2: optional(100),
  line3: optional(100),
  postcode: optional(10).describe('In France: a postcode of postcodeCommunes'),
  cedex: optional(20),
  communeCode: optional(10).describe('In France: the commune chosen for the postcode (postcodeCommunes)'),
  foreignCity: optional(100).describe('Abroad: the town'),
  countryCode: code().describe('countries'),
});
const bacShape = (optional: Opt) => ({
  year: z.number().int().min(1900).max(2100).nullable(),
  bacCode: code().describe('bacSeries'),
  mentionCode: optional(10).describe('bacMentions'),
  establishmentCode: optional(10).describe('establishments (UAI)'),
  communeCode: optional(10),
  departmentCode: optional(10),
  countryCode: optional(10),
  specialty1Code: optional(10).describe('bacSpecialities allowed with the series (bacSeriesSpecialities where the SIS gives them)'),
  specialty2Code: optional(10),
  firstYearSpecialtyCode: optional(10),
});

export const PersonInput = z.object({ ...personShape(optionalIn), language: z.string().trim().min(2).max(5).default('fr') });
export const AddressInput = z.object(addressShape(optionalIn));
export const BacInput = z.object({ ...bacShape(optionalIn), optionCodes: z.array(code()).max(4).default([]) });
export const ProfileInput = z.object({ person: PersonInput, address: AddressInput.nullish(), bac: BacInput.nullish() });

// ── External cursus, internships, professional experience ────────────────────────────────────────

const year = z.number().int().min(1950).max(2100);
export const OBTAINED = ['O', 'N', 'E'] as const;

const externalCursusShape = (optional: Opt) => ({
  academicYear: year.describe('The academic year’s first year (2023 for 2023-2024)'),
  label: z.string().trim().min(1).max(255).describe('The studies as named by the establishment'),
  obtained: z.enum(OBTAINED).describe('O obtained, N not obtained, E in progress'),
  priorDiplomaCode: code().describe('priorDiplomas'),
  countryCode: code().describe('countries'),
  departmentCode: optional(10).describe('departments (in France)'),
  communeCode: optional(10).describe('communes (in France)'),
  establishmentCode: optional(10).describe('establishments (in France)'),
  mentionCode: optional(10).describe('honoursMentions'),
});
export const ExternalCursusInput = z.object(externalCursusShape(optionalIn));
export const ExternalCursus = z.object({ id: z.number().int(), ...externalCursusShape(optionalOut) });

const internshipFields = {
  year,
  duration: z.string().trim().min(1).max(50).describe('e.g. "8 semaines"'),
  hoursPerWeek: z.number().int().min(1).max(80).nullable().default(null),
  organisation: z.string().trim().min(1).max(255),
  description: z.string().trim().min(1).max(500),
};
export const InternshipInput = z.object(internshipFields);
export const Internship = z.object({ id: z.number().int(), ...internshipFields, hoursPerWeek: z.number().int().nullable() });

const experienceFields = {
  year,
  duration: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(255).describe('The position held'),
  organisation: z.string().trim().min(1).max(255),
};
export const ExperienceInput = z.object({ ...experienceFields, objective: optionalIn(500) });
export const Experience = z.object({ id: z.number().int(), ...experienceFields, objective: z.string().nullable() });

/** The file's lists the candidate keeps, by their path under /api/candidate/profile/. */
export const PROFILE_LIST_SECTIONS = ['external-cursus', 'internships', 'experiences'] as const;
export type ProfileListSection = (typeof PROFILE_LIST_SECTIONS)[number];

// ── The file as the API answers it ────────────────────────────────────────────────────────────────

export const CursusLine = z.object({
  academicYear: z.number().int(),
  vetCode: z.string().nullable(),
  label: z.string(),
  resultTypeCode: z.string().nullable(),
  mentionCode: z.string().nullable(),
  grade: z.string().nullable(),
  gradeScale: z.number().int().nullable(),
});

export const Profile = z
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
    person: z
      .object({
        ...personShape(optionalOut),
        civility: z.string(),
        birthName: z.string(),
        firstName: z.string(),
        birthDate: z.string(),
        language: z.string(),
        updatable: z.boolean(),
      })
      .nullable(),
    address: z.object(addressShape(optionalOut)).nullable(),
    bac: z.object({ ...bacShape(optionalOut), optionCodes: z.array(z.string()), updatable: z.boolean() }).nullable(),
    internalCursus: z.array(CursusLine).describe('Read-only: from the SIS pre-fill'),
    externalCursus: z.array(ExternalCursus),
    internships: z.array(Internship),
    experiences: z.array(Experience),
    labels: z.record(z.string(), z.string()).describe('The label of each code of the file, by its field path (person.nationalityCode → "française")'),
  })
  .describe('The candidate’s file');
export type ProfileView = z.infer<typeof Profile>;
export type ProfileBody = z.input<typeof ProfileInput>;
export type ExternalCursusBody = z.input<typeof ExternalCursusInput>;
export type InternshipBody = z.input<typeof InternshipInput>;
export type ExperienceBody = z.input<typeof ExperienceInput>;
export type ExternalCursusRow = z.infer<typeof ExternalCursus>;
export type InternshipRow = z.infer<typeof Internship>;
export type ExperienceRow = z.infer<typeof Experience>;

// ── Referential look-ups ──────────────────────────────────────────────────────────────────────────

/** The referential lists a candidate searches (the campaign's SIS rows, in service). */
export const LOOKUP_LISTS = [
  'countries',
  'nationalities',
  'departments',
  'communes',
  'birthCommunes',
  'postcodeCommunes',
  'establishments',
  'bacSeries',
  'bacMentions',
  'bacSpecialities',
  'bacOptions',
  'priorDiplomas',
  'diplomaTypes',
  'resultTypes',
  'honoursMentions',
  'academicYears',
] as const;
export type LookupList = (typeof LOOKUP_LISTS)[number];

export const LookupQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words of the label or the start of the code; case and accents ignored'),
  codes: z.string().trim().max(500).optional().describe('Comma-separated codes to read (their labels), in service or not'),
  postcode: z.string().trim().max(10).optional().describe('postcodeCommunes: the communes of this postcode'),
  department: z.string().trim().max(10).optional().describe('communes, birthCommunes, establishments: of this department'),
  commune: z.string().trim().max(10).optional().describe('establishments: of this commune'),
  bac: z.string().trim().max(10).optional().describe('bacSpecialities, bacOptions: allowed with this series'),
  year: z.coerce.number().int().min(1900).max(2100).optional().describe('bacSeries, bacSpecialities, bacOptions: valid that year'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type LookupParams = Partial<z.output<typeof LookupQuery>>;

export const LookupRow = z.object({
  code: z.string(),
  label: z.string(),
  detail: z.string().nullable().describe('What tells two rows apart: the postcode, the town, the department'),
});
export type LookupRowView = z.infer<typeof LookupRow>;
export const LookupPage = z.object({
  sisType: z.enum(SIS_TYPES),
  rows: z.array(LookupRow),
  more: z.boolean().describe('More rows match beyond this page'),
});
export type LookupPageView = z.infer<typeof LookupPage>;
