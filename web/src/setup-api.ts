// Calls of the setup screens (/admin/parametrage): campaigns, centres and their managers, commissions
// and their members, formations and the propagation of a change to their open candidatures,
// supporting documents, staff accounts, the audit. Shapes of api/routes/setup.ts, typed by
// contracts/setup.ts (the API's own contracts).
import type { z } from 'zod';
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
  DecisionTypeView,
  FormationInput,
  FormationPatch,
  FormationView,
  QuestionView,
  StaffUserInput,
  StaffUserPatch,
  StaffUserView,
  SupportingDocumentInput,
  SupportingDocumentPatch,
  SupportingDocumentView,
} from '../../contracts/setup.ts';
import { request } from './api.ts';

export type { AuditEntry, CampaignView, CentreView, CommissionView, DecisionTypeView, FormationView, QuestionView, StaffUserView, SupportingDocumentView };
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
export type DocumentBody = z.input<typeof SupportingDocumentInput>;
export type DocumentChanges = z.input<typeof SupportingDocumentPatch>;
export type StaffUserBody = z.input<typeof StaffUserInput>;
export type StaffUserChanges = z.input<typeof StaffUserPatch>;
export type Propagation = NonNullable<FormationView['propagation']>;

const enc = encodeURIComponent;
const base = '/api/admin';

export const setupApi = {
  campaigns: {
    list: () => request<CampaignView[]>('GET', `${base}/campaigns`),
    create: (body: CampaignBody) => request<CampaignView>('POST', `${base}/campaigns`, { body }),
    update: (code: string, body: CampaignChanges) => request<CampaignView>('PATCH', `${base}/campaigns/${enc(code)}`, { body }),
    /** Plans (or, with null, cancels) the activation that archives the campaign this one replaces. */
    planActivation: (code: string, plannedActivationAt: string | null) =>
      request<unknown>('POST', `${base}/campaigns/${enc(code)}/activation`, { body: { plannedActivationAt } }),
  },
  centres: {
    list: () => request<CentreView[]>('GET', `${base}/centres`),
    create: (body: CentreBody) => request<CentreView>('POST', `${base}/centres`, { body }),
    update: (code: string, body: CentreChanges) => request<CentreView>('PATCH', `${base}/centres/${enc(code)}`, { body }),
    setManagers: (code: string, body: CentreManagers) => request<CentreView>('PUT', `${base}/centres/${enc(code)}/managers`, { body }),
  },
  commissions: {
    list: () => request<CommissionView[]>('GET', `${base}/commissions`),
    create: (body: CommissionBody) => request<CommissionView>('POST', `${base}/commissions`, { body }),
    update: (code: string, body: CommissionChanges) => request<CommissionView>('PATCH', `${base}/commissions/${enc(code)}`, { body }),
    setMembers: (code: string, body: CommissionMembers) => request<CommissionView>('PUT', `${base}/commissions/${enc(code)}/members`, { body }),
  },
  formations: {
    list: () => request<FormationView[]>('GET', `${base}/formations`),
    create: (body: FormationBody) => request<FormationView>('POST', `${base}/formations`, { body }),
    update: (code: string, body: FormationChanges) => request<FormationView>('PATCH', `${base}/formations/${enc(code)}`, { body }),
    propagation: (code: string, id: string) => request<Propagation>('GET', `${base}/formations/${enc(code)}/propagations/${enc(id)}`),
  },
  documents: {
    list: () => request<SupportingDocumentView[]>('GET', `${base}/supporting-documents`),
    create: (body: DocumentBody) => request<SupportingDocumentView>('POST', `${base}/supporting-documents`, { body }),
    update: (code: string, body: DocumentChanges) => request<SupportingDocumentView>('PATCH', `${base}/supporting-documents/${enc(code)}`, { body }),
  },
  staffUsers: {
    list: () => request<StaffUserView[]>('GET', `${base}/staff-users`),
    create: (body: StaffUserBody) => request<StaffUserView>('POST', `${base}/staff-users`, { body }),
    update: (login: string, body: StaffUserChanges) => request<StaffUserView>('PATCH', `${base}/staff-users/${enc(login)}`, { body }),
  },
  /** The questions and decision types a formation may name (their own setup screens are not here yet). */
  questions: () => request<QuestionView[]>('GET', `${base}/questions`),
  decisionTypes: () => request<DecisionTypeView[]>('GET', `${base}/decision-types`),
  audit: (query: { subject?: string; limit: number }) => {
    const q = new URLSearchParams({ limit: String(query.limit) });
    if (query.subject) q.set('subject', query.subject);
    return request<AuditEntry[]>('GET', `${base}/audit?${q}`);
  },
};
