// The public catalogue (offre de formation, reference §5 "Offer"): what anyone may read without
// logging in. `GET /api/catalogue` answers the campaigns in service (one per SIS) → their centres →
// diploma types (SCOL_MODE_TYPE_FORMATION: the SIS diploma type, the formation-type nomenclature,
// or one unnamed group) → the formations in service, each with its dates, access mode, documents
// asked (with the public URL of their model file) and questions. `GET /api/catalogue/formations/:code`
// answers one formation with its commission's contact. Dates are Paris days (YYYY-MM-DD).
// Pure zod schemas: the API answers them, the web catalogue reads them.
import { z } from 'zod';
import { SIS_TYPES, TRAITEMENTS } from '../domain/codes.ts';
import { FORMATION_DATE_FIELDS, FormationView } from './setup.ts';

/** How a candidate sends the file: uploaded online (dematerialised) or on paper by post. */
export const ACCESS_MODES = ['demat', 'paper'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** Where a formation's application period stands today (Paris day; campaign window included). */
export const APPLICATION_PERIODS = ['upcoming', 'open', 'closed'] as const;
export type ApplicationPeriod = (typeof APPLICATION_PERIODS)[number];

/** Query of `GET /api/catalogue`: keyword search (formation label, keywords, code, centre) and one campaign. */
export const CatalogueQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Words searched in the formation label, keywords, code and centre (every word must match)'),
  campaign: z.string().max(20).optional().describe('Only this campaign (code)'),
  open: z.enum(['true', 'false']).optional().describe('true: only formations open to applications today'),
});

export const CatalogueDocument = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  /** The candidate may declare "not concerned". */
  conditional: z.boolean(),
  /** Only asked for this traitement (AC/AD/AT); null: always. */
  traitement: z.enum(TRAITEMENTS).nullable(),
  /** The model to download, or null: `url` is public (`/api/catalogue/documents/:code/model`). */
  modelFile: z.object({ name: z.string(), size: z.number().int(), url: z.string() }).nullable(),
});
export type CatalogueDocument = z.infer<typeof CatalogueDocument>;

export const CatalogueQuestion = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  /** B yes/no, S free text. */
  type: z.enum(['B', 'S']),
  conditional: z.boolean(),
});
export type CatalogueQuestion = z.infer<typeof CatalogueQuestion>;

/** Every date a candidate cares about (null: not set for this formation): the formation's own, as set up. */
export const CatalogueDates = FormationView.pick(FORMATION_DATE_FIELDS).extend({
  /** Preselection (interview) day, time and place when the commission plans one. */
  preselection: z.object({ on: z.string().nullable(), time: z.string().nullable(), place: z.string().nullable() }).nullable(),
});
export type CatalogueDates = z.infer<typeof CatalogueDates>;

const CodeLabel = z.object({ code: z.string(), label: z.string() });

export const CatalogueFormation = z.object({
  code: z.string(),
  label: z.string(),
  campaignCode: z.string(),
  centre: CodeLabel,
  commission: CodeLabel,
  /** The group the formation is listed under; null when the installation does not type formations. */
  diplomaType: CodeLabel.nullable(),
  traitement: z.enum(TRAITEMENTS),
  accessMode: z.enum(ACCESS_MODES),
  capacity: z.number().int().nullable(),
  dates: CatalogueDates,
  period: z.enum(APPLICATION_PERIODS),
  /** period === 'open': a logged-in candidate of the campaign may apply today. */
  openToday: z.boolean(),
  /** Keywords as entered (split on commas and semicolons). */
  keywords: z.array(z.string()),
  url: z.string().nullable(),
  additionalInfo: z.string().nullable(),
  additionalInfoEn: z.string().nullable(),
  documents: z.array(CatalogueDocument),
  questions: z.array(CatalogueQuestion),
});
export type CatalogueFormation = z.infer<typeof CatalogueFormation>;

export const CatalogueDiplomaType = z.object({
  /** null: the formations with no type (or an installation that does not type them). */
  code: z.string().nullable(),
  label: z.string().nullable(),
  formations: z.array(CatalogueFormation),
});
export type CatalogueDiplomaType = z.infer<typeof CatalogueDiplomaType>;

export const CatalogueCentre = z.object({
  code: z.string(),
  label: z.string(),
  contactEmail: z.string().nullable(),
  additionalInfo: z.string().nullable(),
  diplomaTypes: z.array(CatalogueDiplomaType),
});
export type CatalogueCentre = z.infer<typeof CatalogueCentre>;

export const CatalogueCampaign = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  sisType: z.enum(SIS_TYPES),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Candidates may apply until this day (campaign end when null). */
  candidateAccessEndsOn: z.string().nullable(),
  /** Only centres with at least one formation (matching the search). */
  centres: z.array(CatalogueCentre),
});
export type CatalogueCampaign = z.infer<typeof CatalogueCampaign>;

export const Catalogue = z.object({
  /** The Paris day the periods were computed for. */
  today: z.string(),
  /** The search as understood (trimmed), null when none. */
  q: z.string().nullable(),
  campaigns: z.array(CatalogueCampaign),
  /** Number of formations listed (after search). */
  formationCount: z.number().int(),
});
export type Catalogue = z.infer<typeof Catalogue>;

/** The commission's contact, as shown on a formation's page. */
export const CatalogueCommissionContact = z.object({
  code: z.string(),
  label: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  url: z.string().nullable(),
  /** Postal address lines (street lines, then "postcode city"), empty when none. */
  address: z.array(z.string()),
  /** Where and how to send the file (fr / en). */
  returnComment: z.string().nullable(),
  returnCommentEn: z.string().nullable(),
});
export type CatalogueCommissionContact = z.infer<typeof CatalogueCommissionContact>;

/** `GET /api/catalogue/formations/:code`: one formation in service of a campaign in service. */
export const CatalogueFormationDetail = CatalogueFormation.extend({
  campaign: z.object({ code: z.string(), label: z.string(), labelEn: z.string().nullable() }),
  contact: CatalogueCommissionContact,
});
export type CatalogueFormationDetail = z.infer<typeof CatalogueFormationDetail>;
