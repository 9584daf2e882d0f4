// Calls of the setup screens (/admin/parametrage): campaigns, centres and their managers, commissions
// and their members, formations (one by one or their dates in a mass) and the propagation of a change
// to their open candidatures, supporting documents, questions, tags, decision types, motives,
// profiles, staff accounts, parameters and site messages, mail templates, the setup's files, the
// audit. Shapes of api/routes/setup.ts, setup-lists.ts and mail-templates.ts, typed by their
// contracts (contracts/setup.ts, contracts/mail-templates.ts).
import type { z } from 'zod';
import type { MailTemplateInput, MailTemplatePreviewInput, MailTemplateSummary, MailTemplateView, RenderedMailView } from '../../contracts/mail-templates.ts';
import type {
  AuditEntry,
  CampaignInput,
  CampaignPatch,
  CampaignView,
  CentreInput,
  CentreManagersInput,
  CentrePatch,
  CentreView,
  CommissionInput,
  CommissionMembersInput,
  CommissionPatch,
  CommissionView,
  DecisionTypeInput,
  DecisionTypePatch,
  DecisionTypeView,
  FormationDatesInput,
  FormationDatesResult,
  FormationInput,
  FormationPatch,
  FormationView,
  FunctionalityView,
  MotiveInput,
  MotivePatch,
  MotiveView,
  ParameterView,
  ProfileInput,
  ProfileRight,
  ProfileView,
  QuestionInput,
  QuestionPatch,
  QuestionView,
  SiteMessageUpdate,
  SiteMessageView,
  StaffUserInput,
  StaffUserPatch,
  StaffUserView,
  SupportingDocumentInput,
  SupportingDocumentPatch,
  SupportingDocumentView,
  TagInput,
  TagPatch,
  TagView,
} from '../../contracts/setup.ts';
import { request, sendFile } from './api.ts';

export type {
  AuditEntry,
  CampaignView,
  CentreView,
  CommissionView,
  DecisionTypeView,
  FormationView,
  FunctionalityView,
  MailTemplateSummary,
  MailTemplateView,
  MotiveView,
  ParameterView,
  ProfileView,
  QuestionView,
  RenderedMailView,
  SiteMessageView,
  StaffUserView,
  SupportingDocumentView,
  TagView,
};
export type CampaignBody = z.input<typeof CampaignInput>;
export type CampaignChanges = z.input<typeof CampaignPatch>;
export type CentreBody = z.input<typeof CentreInput>;
export type CentreChanges = z.input<typeof CentrePatch>;
export type CentreManagers = z.input<typeof CentreManagersInput>;
export type CommissionBody = z.input<typeof CommissionInput>;
export type CommissionChanges = z.input<typeof CommissionPatch>;
export type CommissionMembers = z.input<typeof CommissionMembersInput>;
export type FormationBody = z.input<typeof FormationInput>;
export type FormationChanges = z.input<typeof FormationPatch>;
export type FormationDates = z.input<typeof FormationDatesInput>['dates'];
export type FormationDatesAnswer = z.infer<typeof FormationDatesResult>;
export type DocumentBody = z.input<typeof SupportingDocumentInput>;
export type DocumentChanges = z.input<typeof SupportingDocumentPatch>;
export type QuestionBody = z.input<typeof QuestionInput>;
export type QuestionChanges = z.input<typeof QuestionPatch>;
export type TagBody = z.input<typeof TagInput>;
export type TagChanges = z.input<typeof TagPatch>;
export type DecisionTypeBody = z.input<typeof DecisionTypeInput>;
export type DecisionTypeChanges = z.input<typeof DecisionTypePatch>;
export type MotiveBody = z.input<typeof MotiveInput>;
export type MotiveChanges = z.input<typeof MotivePatch>;
export type ProfileBody = z.input<typeof ProfileInput>;
export type ProfileRights = z.input<typeof ProfileRight>[];
export type StaffUserBody = z.input<typeof StaffUserInput>;
export type StaffUserChanges = z.input<typeof StaffUserPatch>;
export type SiteMessageBody = z.input<typeof SiteMessageUpdate>;
export type MailTemplateBody = z.input<typeof MailTemplateInput>;
export type MailPreviewBody = z.input<typeof MailTemplatePreviewInput>;
export type ParameterValue = ParameterView['value'];
export type Propagation = NonNullable<FormationView['propagation']>;

const enc = encodeURIComponent;
const base = '/api/admin';

/** The list, creation and change of one kind of object (`/api/admin/<path>`, keyed by code, login or id). */
function objects<View, Body, Changes>(path: string) {
  return {
    list: () => request<View[]>('GET', `${base}/${path}`),
    create: (body: Body) => request<View>('POST', `${base}/${path}`, { body }),
    update: (key: string | number, body: Changes) => request<View>('PATCH', `${base}/${path}/${enc(String(key))}`, { body }),
  };
}
export type SetupObjectsApi<View, Body, Changes> = ReturnType<typeof objects<View, Body, Changes>>;

const centreQuery = (centreCode: string | null | undefined) => (centreCode ? `?centreCode=${enc(centreCode)}` : '');

export const setupApi = {
  campaigns: {
    ...objects<CampaignView, CampaignBody, CampaignChanges>('campaigns'),
    /** Plans (or, with null, cancels) the activation that archives the campaign this one replaces. */
    planActivation: (code: string, plannedActivationAt: string | null) =>
      request<unknown>('POST', `${base}/campaigns/${enc(code)}/activation`, { body: { plannedActivationAt } }),
  },
  centres: {
    ...objects<CentreView, CentreBody, CentreChanges>('centres'),
    setManagers: (code: string, body: CentreManagers) => request<CentreView>('PUT', `${base}/centres/${enc(code)}/managers`, { body }),
  },
  commissions: {
    ...objects<CommissionView, CommissionBody, CommissionChanges>('commissions'),
    setMembers: (code: string, body: CommissionMembers) => request<CommissionView>('PUT', `${base}/commissions/${enc(code)}/members`, { body }),
    /** The signature image of its letters (PNG or JPEG); shown from `signatureUrl`. */
    setSignature: (code: string, file: File) => sendFile<CommissionView>('PUT', `${base}/commissions/${enc(code)}/signature`, file),
    signatureUrl: (code: string) => `${base}/commissions/${enc(code)}/signature`,
  },
  formations: {
    ...objects<FormationView, FormationBody, FormationChanges>('formations'),
    propagation: (code: string, id: string) => request<Propagation>('GET', `${base}/formations/${enc(code)}/propagations/${enc(id)}`),
    /** The same dates given to several formations (all or nothing); each one's propagation. */
    setDates: (formationCodes: string[], dates: FormationDates) =>
      request<FormationDatesAnswer>('POST', `${base}/formations/dates`, { body: { formationCodes, dates } }),
  },
  documents: {
    ...objects<SupportingDocumentView, DocumentBody, DocumentChanges>('supporting-documents'),
    /** The model candidates download (a PDF); downloaded from `modelUrl`. */
    setModel: (code: string, file: File) => sendFile<SupportingDocumentView>('PUT', `${base}/supporting-documents/${enc(code)}/model`, file),
    modelUrl: (code: string) => `/api/supporting-documents/${enc(code)}/model`,
  },
  questions: objects<QuestionView, QuestionBody, QuestionChanges>('questions'),
  tags: objects<TagView, TagBody, TagChanges>('tags'),
  decisionTypes: objects<DecisionTypeView, DecisionTypeBody, DecisionTypeChanges>('decision-types'),
  motives: objects<MotiveView, MotiveBody, MotiveChanges>('motives'),
  staffUsers: objects<StaffUserView, StaffUserBody, StaffUserChanges>('staff-users'),
  profiles: {
    list: () => request<ProfileView[]>('GET', `${base}/profiles`),
    create: (body: ProfileBody) => request<ProfileView>('POST', `${base}/profiles`, { body }),
    setRights: (code: string, rights: ProfileRights) => request<ProfileView>('PUT', `${base}/profiles/${enc(code)}/functionalities`, { body: rights }),
    functionalities: () => request<FunctionalityView[]>('GET', `${base}/functionalities`),
  },
  parameters: {
    list: () => request<ParameterView[]>('GET', `${base}/parameters`),
    set: (code: string, value: ParameterValue) => request<ParameterView>('PUT', `${base}/parameters/${enc(code)}`, { body: { value } }),
  },
  messages: {
    list: () => request<SiteMessageView[]>('GET', `${base}/messages`),
    set: (code: string, body: SiteMessageBody) => request<SiteMessageView>('PUT', `${base}/messages/${enc(code)}`, { body }),
  },
  mailTemplates: {
    list: () => request<MailTemplateSummary[]>('GET', `${base}/mail-templates`),
    /** The institution's template, or a centre's own version of it. */
    get: (code: string, centreCode?: string | null) => request<MailTemplateView>('GET', `${base}/mail-templates/${enc(code)}${centreQuery(centreCode)}`),
    save: (code: string, body: MailTemplateBody) => request<MailTemplateView>('PUT', `${base}/mail-templates/${enc(code)}`, { body }),
    /** Removes a centre's own version (its candidatures get the institution's template again). */
    remove: (code: string, centreCode: string) => request<void>('DELETE', `${base}/mail-templates/${enc(code)}${centreQuery(centreCode)}`),
    preview: (code: string, body: MailPreviewBody) => request<RenderedMailView>('POST', `${base}/mail-templates/${enc(code)}/preview`, { body }),
  },
  audit: (query: { subject?: string; limit: number }) => {
    const q = new URLSearchParams({ limit: String(query.limit) });
    if (query.subject) q.set('subject', query.subject);
    return request<AuditEntry[]>('GET', `${base}/audit?${q}`);
  },
};
