// The setup of an institution (reference §4, §1): campaigns, centres, commissions with their members,
// formations, staff accounts with their profiles. Requests and answers of the admin routes
// (api/routes/setup.ts), shared with the web app's setup screens. Field labels: contracts/field-labels.ts.
// Dates are Paris days (YYYY-MM-DD). Nothing referenced by candidatures is deleted: `active: false`
// puts it out of service.
import { z } from 'zod';
import { FUNCTIONALITIES, OPINION_KINDS, PROFILES, SIS_TYPES, TRAITEMENTS } from '../domain/codes.ts';

const code = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A-Z a-z 0-9 _ . -');
const label = (max: number) => z.string().trim().min(1).max(max);
/** A Paris day (YYYY-MM-DD) of this century's admissions: 2000 to 2099. */
const day = z.iso.date().regex(/^20\d\d-/, '2000–2099');
const optionalDay = day.nullish();
const email = z.email().max(255);
const optionalText = (max: number) => z.string().max(max).nullish();
/** A web address people follow from the pages: http or https only (never javascript: or data:). */
const webAddress = (max: number) =>
  z
    .url({ protocol: /^https?$/ })
    .max(max)
    .nullish();

/** How a centre copies candidate mails (typ_send_mail_ctr_cand): none, its contact address, all its managers. */
export const SEND_MAIL_MODES = ['N', 'M', 'L'] as const;
/** Who a commission's alerts go to (typ_alert_comm): nobody, its alert address, all its members. */
export const ALERT_MODES = ['N', 'M', 'L'] as const;
/** Profiles granted to a person directly (kind A admin, I/L candidate manager); G and C come with a centre or a commission. */
export const GRANTABLE_PROFILES = PROFILES.filter((p) => 'AIL'.includes(p.kind)).map((p) => p.code) as [
  'admin',
  'scolCentrale',
  'gestionCandidat',
  'gestionCandidatLS',
];

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────────
export const CampaignInput = z.object({
  code: code(20),
  label: label(100),
  labelEn: optionalText(100),
  sisType: z.enum(SIS_TYPES),
  startsOn: day,
  endsOn: day,
  candidateAccessEndsOn: optionalDay,
  archivesCampaignCode: code(20).nullish().describe('The campaign this one replaces: archived when this one is activated'),
});
export const CampaignPatch = CampaignInput.omit({ code: true, sisType: true }).partial();
export const CampaignView = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  sisType: z.enum(SIS_TYPES),
  startsOn: z.string(),
  endsOn: z.string(),
  candidateAccessEndsOn: z.string().nullable(),
  archivesCampaignCode: z.string().nullable(),
  active: z.boolean().describe('In service: candidates apply to its formations'),
  plannedActivationAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof CampaignView>;

// ── Centres ─────────────────────────────────────────────────────────────────────────────────────
const centreDefaults = {
  contactEmail: email.nullish(),
  maxWishes: z.number().int().min(1).max(100).optional(),
  sendMailMode: z.enum(SEND_MAIL_MODES).optional(),
  complementaryList: z.boolean().optional(),
  additionalInfo: optionalText(5000),
  applicationStartsOn: optionalDay,
  applicationEndsOn: optionalDay,
  returnDeadline: optionalDay,
  juryOn: optionalDay,
  publicationOn: optionalDay,
  confirmationOn: optionalDay,
  confirmationDelayDays: z.number().int().min(0).max(365).nullish(),
};
export const CentreInput = z.object({ code: code(20), label: label(200), sisType: z.enum(SIS_TYPES), ...centreDefaults });
export const CentrePatch = z.object({ label: label(200), active: z.boolean(), ...centreDefaults }).partial();
export const CentreView = z.object({
  code: z.string(),
  label: z.string(),
  sisType: z.enum(SIS_TYPES),
  active: z.boolean(),
  contactEmail: z.string().nullable(),
  maxWishes: z.number().int(),
  sendMailMode: z.enum(SEND_MAIL_MODES),
  complementaryList: z.boolean(),
  additionalInfo: z.string().nullable(),
  applicationStartsOn: z.string().nullable(),
  applicationEndsOn: z.string().nullable(),
  returnDeadline: z.string().nullable(),
  juryOn: z.string().nullable(),
  publicationOn: z.string().nullable(),
  confirmationOn: z.string().nullable(),
  confirmationDelayDays: z.number().int().nullable(),
  managers: z.array(
    z.object({
      login: z.string(),
      displayName: z.string(),
      profileCode: z.string(),
      allCommissions: z.boolean(),
      commissionCodes: z.array(z.string()),
      sisManagementCentreCode: z.string().nullable(),
    }),
  ),
});
export type CentreView = z.infer<typeof CentreView>;

/** `PUT /api/admin/centres/{code}/managers`: the whole list (the default centre manager profile unless another is named). */
export const CentreManagersInput = z
  .array(
    z.object({
      login: z.string().min(1).max(100),
      profileCode: z.string().max(30).optional(),
      allCommissions: z.boolean().default(true),
      commissionCodes: z.array(code(30)).max(200).default([]),
      sisManagementCentreCode: optionalText(10).describe('The SIS management centre (CGE) this manager searches the SIS offer in'),
    }),
  )
  .max(200);

// ── Commissions ─────────────────────────────────────────────────────────────────────────────────
const commissionFields = {
  email: email,
  phone: optionalText(20),
  url: webAddress(255),
  addressLine1: optionalText(100),
  addressLine2: optionalText(100),
  postcode: optionalText(10),
  city: optionalText(100),
  returnComment: optionalText(5000),
  signatory: optionalText(255),
  letterDownloadable: z.boolean().optional(),
  letterAttachedToMail: z.boolean().optional(),
  alertMode: z.enum(ALERT_MODES).optional(),
  alertEmail: email.nullish(),
  alertOnProposition: z.boolean().optional(),
  alertOnCancellation: z.boolean().optional(),
  alertOnTransmission: z.boolean().optional(),
  alertOnWithdrawal: z.boolean().optional(),
  alertOnMainList: z.boolean().optional(),
};
/** What a new commission gets when the request does not say (the API and the form alike). */
export const COMMISSION_DEFAULTS = { letterDownloadable: true, letterAttachedToMail: false, alertMode: 'M' } as const;
export const CommissionInput = z.object({ code: code(30), label: label(200), centreCode: code(20), ...commissionFields });
export const CommissionPatch = z.object({ label: label(200), active: z.boolean(), ...commissionFields }).partial();
export const CommissionView = z.object({
  code: z.string(),
  label: z.string(),
  centreCode: z.string(),
  active: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  url: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  returnComment: z.string().nullable(),
  signatory: z.string().nullable(),
  letterDownloadable: z.boolean(),
  letterAttachedToMail: z.boolean(),
  alertMode: z.enum(ALERT_MODES),
  alertEmail: z.string().nullable(),
  alertOnProposition: z.boolean(),
  alertOnCancellation: z.boolean(),
  alertOnTransmission: z.boolean(),
  alertOnWithdrawal: z.boolean(),
  alertOnMainList: z.boolean(),
  members: z.array(z.object({ login: z.string(), displayName: z.string(), president: z.boolean(), profileCode: z.string() })),
  signature: z.object({ name: z.string() }).nullable().describe('The signature image of its letters (PUT …/signature)'),
});
export type CommissionView = z.infer<typeof CommissionView>;

/** `PUT /api/admin/commissions/{code}/members`: the whole list of members (the default commission profile). */
export const CommissionMembersInput = z
  .array(
    z.object({
      login: z.string().min(1).max(100),
      president: z.boolean().default(false),
      profileCode: z.string().max(30).optional().describe('A commission profile (kind C); the default `commission` profile when absent'),
    }),
  )
  .max(200);

/** A change of a formation being sent to its open candidatures (GET …/formations/{code}/propagations/{id}). */
export const PropagationView = z.object({ id: z.string(), total: z.number().int(), done: z.number().int(), failed: z.number().int(), finished: z.boolean() });
export type PropagationView = z.infer<typeof PropagationView>;

// ── Formations ──────────────────────────────────────────────────────────────────────────────────
const formationFields = {
  traitement: z.enum(TRAITEMENTS).optional(),
  capacity: z.number().int().min(0).max(100_000).nullish(),
  applicationStartsOn: day,
  applicationEndsOn: day,
  returnDeadline: day,
  analysisOn: optionalDay,
  juryOn: optionalDay,
  publicationOn: optionalDay,
  confirmationOn: optionalDay,
  confirmationDelayDays: z.number().int().min(0).max(365).nullish(),
  lcConfirmationOn: optionalDay,
  lcConfirmationDelayDays: z.number().int().min(0).max(365).nullish(),
  automaticLc: z.boolean().optional(),
  preselectOn: optionalDay.describe('Preselection (interview) day'),
  preselectTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .nullish(),
  preselectPlace: optionalText(255),
  favourableDecisionType: z.string().max(30).optional().describe('Decision of a validated direct admission (AD); the centre’s by default'),
  lcFavourableDecisionType: z
    .string()
    .max(30)
    .optional()
    .describe('Decision given by an automatic promotion from the complementary list; the centre’s by default'),
  keywords: optionalText(500),
  url: webAddress(500),
  additionalInfo: optionalText(5000),
  apogeeVetCode: optionalText(10),
  apogeeVetVersion: optionalText(5),
  pegaseCode: optionalText(100),
  documentCodes: z.array(code(30)).max(50).optional().describe('Supporting documents asked (besides the common ones)'),
  questionCodes: z.array(code(30)).max(50).optional().describe('Questions asked (besides the common ones)'),
};
export const FormationInput = z.object({ code: code(50), label: label(500), commissionCode: code(30), ...formationFields });
export const FormationPatch = z.object({ label: label(500), active: z.boolean(), commissionCode: code(30), ...formationFields }).partial();
export const FormationView = z.object({
  code: z.string(),
  label: z.string(),
  commissionCode: z.string(),
  centreCode: z.string(),
  campaignCode: z.string().nullable().describe('The campaign in service for the centre’s SIS, which the formation takes candidatures for'),
  active: z.boolean(),
  traitement: z.enum(TRAITEMENTS),
  capacity: z.number().int().nullable(),
  applicationStartsOn: z.string(),
  applicationEndsOn: z.string(),
  returnDeadline: z.string(),
  analysisOn: z.string().nullable(),
  juryOn: z.string().nullable(),
  publicationOn: z.string().nullable(),
  confirmationOn: z.string().nullable(),
  confirmationDelayDays: z.number().int().nullable(),
  lcConfirmationOn: z.string().nullable(),
  lcConfirmationDelayDays: z.number().int().nullable(),
  automaticLc: z.boolean(),
  preselectOn: z.string().nullable(),
  preselectTime: z.string().nullable(),
  preselectPlace: z.string().nullable(),
  favourableDecisionType: z.string(),
  lcFavourableDecisionType: z.string().nullable(),
  keywords: z.string().nullable(),
  url: z.string().nullable(),
  additionalInfo: z.string().nullable(),
  apogeeVetCode: z.string().nullable(),
  apogeeVetVersion: z.string().nullable(),
  pegaseCode: z.string().nullable(),
  documentCodes: z.array(z.string()),
  questionCodes: z.array(z.string()),
  propagation: PropagationView.nullable()
    .optional()
    .describe('After a change that running candidatures must follow: the propagation to them (GET …/propagations/{id})'),
});
export type FormationView = z.infer<typeof FormationView>;

// ── Staff accounts ──────────────────────────────────────────────────────────────────────────────
/** Local passwords (development, or an institution without single sign-on): 8 characters at least. */
export const STAFF_PASSWORD_MIN = 8;
export const StaffUserInput = z.object({
  login: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'A-Z a-z 0-9 _ . @ -'),
  displayName: label(255),
  email,
  password: z
    .string()
    .min(STAFF_PASSWORD_MIN)
    .max(200)
    .optional()
    .describe('Omitted: the account logs in only through single sign-on (refused when it is not configured)'),
  profiles: z.array(z.enum(GRANTABLE_PROFILES)).max(4).optional(),
});
export const StaffUserPatch = StaffUserInput.omit({ login: true }).partial().extend({ active: z.boolean().optional() });
export const StaffUserView = z.object({
  login: z.string(),
  displayName: z.string(),
  email: z.string(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  profiles: z.array(z.string()).describe('Every profile held: granted directly, as a centre manager, as a commission member'),
  centres: z.array(z.string()),
  commissions: z.array(z.string()),
});
export type StaffUserView = z.infer<typeof StaffUserView>;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────
export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

// ── Supporting documents ────────────────────────────────────────────────────────────────────────
const documentFields = {
  labelEn: optionalText(255),
  isCommon: z.boolean().optional().describe('Asked for every formation (of its centre, or of all when it has none)'),
  isConditional: z.boolean().optional().describe('The candidate may declare it does not concern them'),
  traitement: z.enum(TRAITEMENTS).nullish().describe('Only asked for this traitement'),
  centreCode: code(20).nullish().describe('The centre owning it; none: scolarité centrale'),
};
export const SupportingDocumentInput = z.object({ code: code(30), label: label(255), ...documentFields });
export const SupportingDocumentPatch = z.object({ label: label(255), active: z.boolean(), ...documentFields }).partial();
export const SupportingDocumentView = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  active: z.boolean(),
  isCommon: z.boolean(),
  isConditional: z.boolean(),
  traitement: z.enum(TRAITEMENTS).nullable(),
  centreCode: z.string().nullable(),
  modelFile: z
    .object({ name: z.string(), size: z.number().int() })
    .nullable()
    .describe('A model candidates download (GET /api/supporting-documents/{code}/model)'),
});
export type SupportingDocumentView = z.infer<typeof SupportingDocumentView>;

// ── Global parameters and site messages ─────────────────────────────────────────────────────────
export const ParameterView = z.object({
  code: z.string(),
  label: z.string(),
  type: z.enum(['B', 'I', 'S', 'L']).describe('B yes/no, I whole number, S text, L one of `values`'),
  value: z.union([z.boolean(), z.number(), z.string()]),
  default: z.union([z.boolean(), z.number(), z.string()]),
  values: z.array(z.string()).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  editableByScol: z.boolean().describe('False: technical, only the admin profile changes it'),
});
export type ParameterView = z.infer<typeof ParameterView>;
export const ParameterUpdate = z.object({ value: z.union([z.boolean(), z.number(), z.string()]) });

export const SiteMessageView = z.object({ code: z.string(), label: z.string(), valueFr: z.string(), valueEn: z.string().nullable(), active: z.boolean() });
export type SiteMessageView = z.infer<typeof SiteMessageView>;
export const SiteMessageUpdate = z.object({
  valueFr: z.string().trim().min(1).max(5000),
  valueEn: z.string().max(5000).nullish(),
  active: z.boolean().optional(),
});

// ── Profiles and functionalities (reference §1.1–1.2) ───────────────────────────────────────────
export const FunctionalityView = z.object({ code: z.enum(FUNCTIONALITIES), label: z.string(), openToCommission: z.boolean(), isAction: z.boolean() });
export type FunctionalityView = z.infer<typeof FunctionalityView>;
export const ProfileRight = z.object({ code: z.enum(FUNCTIONALITIES), readOnly: z.boolean().default(false) });
export const ProfileInput = z.object({
  code: code(30),
  label: label(255),
  kind: z.enum(['G', 'C']).describe('G: granted with a centre (managers); C: granted with a commission (members)'),
  functionalities: z.array(ProfileRight).max(FUNCTIONALITIES.length).default([]),
});
export const ProfileView = z.object({
  code: z.string(),
  label: z.string(),
  kind: z.string(),
  editable: z.boolean().describe('False for the reference’s own profiles of kind A, I and L'),
  functionalities: z.array(z.object({ code: z.enum(FUNCTIONALITIES), readOnly: z.boolean() })),
});
export type ProfileView = z.infer<typeof ProfileView>;

// ── Questions, tags, decision types, unfavourable motives ───────────────────────────────────────
/** Kinds of question (reference typ_question): S text, B yes/no. */
export const QUESTION_TYPES = ['S', 'B'] as const;
const ownedFields = { labelEn: optionalText(500), centreCode: code(20).nullish().describe('The centre owning it; none: scolarité centrale') };
export const QuestionInput = z.object({
  code: code(30),
  label: label(500),
  type: z.enum(QUESTION_TYPES).default('S'),
  isCommon: z.boolean().optional(),
  isConditional: z.boolean().optional(),
  ...ownedFields,
});
export const QuestionPatch = QuestionInput.omit({ code: true }).partial().extend({ active: z.boolean().optional() });
export const QuestionView = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  type: z.enum(QUESTION_TYPES),
  isCommon: z.boolean(),
  isConditional: z.boolean(),
  active: z.boolean(),
  centreCode: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

/** A tag's colour: a CSS hexadecimal colour (#RRGGBB). */
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, '#RRGGBB');
export const TagInput = z.object({ label: label(50), colour, centreCode: code(20).nullish() });
export const TagPatch = TagInput.partial().extend({ active: z.boolean().optional() });
export const TagView = z.object({ id: z.number().int(), label: z.string(), colour: z.string(), active: z.boolean(), centreCode: z.string().nullable() });
export type TagView = z.infer<typeof TagView>;

export const MotiveInput = z.object({ code: code(30), label: label(255), ...ownedFields });
export const MotivePatch = MotiveInput.omit({ code: true }).partial().extend({ active: z.boolean().optional() });
export const MotiveView = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  active: z.boolean(),
  centreCode: z.string().nullable(),
});
export type MotiveView = z.infer<typeof MotiveView>;

export const DecisionTypeInput = z.object({
  code: code(30),
  label: label(100),
  labelEn: optionalText(100),
  opinionKind: z.enum(OPINION_KINDS),
  mailCode: z.string().min(1).max(50).describe('The mail sent when an opinion of this type is validated'),
  definitive: z.boolean().optional(),
  exportsToSis: z.boolean().optional().describe('Confirming it exports the admission to the SIS'),
  showComment: z.boolean().optional(),
  centreCode: code(20).nullish(),
});
export const DecisionTypePatch = DecisionTypeInput.omit({ code: true, opinionKind: true }).partial().extend({ active: z.boolean().optional() });
export const DecisionTypeView = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  opinionKind: z.enum(OPINION_KINDS),
  mailCode: z.string(),
  definitive: z.boolean(),
  exportsToSis: z.boolean(),
  showComment: z.boolean(),
  active: z.boolean(),
  centreCode: z.string().nullable(),
});
export type DecisionTypeView = z.infer<typeof DecisionTypeView>;

/** A formation's dates (reference §4.4), as a zod `pick` mask: the mass edit and the catalogue take these. */
export const FORMATION_DATE_FIELDS = {
  applicationStartsOn: true,
  applicationEndsOn: true,
  returnDeadline: true,
  analysisOn: true,
  juryOn: true,
  publicationOn: true,
  confirmationOn: true,
  confirmationDelayDays: true,
  lcConfirmationOn: true,
  lcConfirmationDelayDays: true,
} as const;

/** Mass edit of dates over a selection of formations (reference CtrCandFormationDatesWindow). */
export const FormationDatesInput = z.object({
  formationCodes: z.array(code(50)).min(1).max(500),
  dates: FormationPatch.pick(FORMATION_DATE_FIELDS),
});
export const FormationDatesResult = z.array(
  z.object({ code: z.string(), propagation: PropagationView.nullable().describe('The change sent to its open candidatures, when it concerns them') }),
);

/** Files of the setup: a supporting document's model (PDF), a commission's signature (PNG or JPEG). */
export const MODEL_FILE_TYPES = ['application/pdf'] as const;
export const SIGNATURE_FILE_TYPES = ['image/png', 'image/jpeg'] as const;
