// The institution's setup, for admins and scolarité centrale (reference §4, §1): campaigns, centres
// and their managers, commissions and their members, formations, staff accounts, and the audit of
// every change. Routes only parse and answer; the rules are in api/setup/*.ts. Creations answer 201
// with the object, a bad field 400 naming it by its label, a duplicate code 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
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
  FormationInput,
  FormationPatch,
  FormationView,
  PropagationView,
  StaffUserInput,
  StaffUserPatch,
  StaffUserView,
  FunctionalityView,
  ParameterUpdate,
  ProfileInput,
  ProfileRight,
  ProfileView,
  ParameterView,
  SiteMessageUpdate,
  SiteMessageView,
  SupportingDocumentInput,
  SupportingDocumentPatch,
  SupportingDocumentView,
} from '../../contracts/setup.ts';
import { errorResponses } from '../schemas.ts';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from '../setup/campaigns.ts';
import { createCentre, getCentre, listCentres, setCentreManagers, updateCentre } from '../setup/centres.ts';
import {
  createCommission,
  getCommission,
  listCommissions,
  sendCommissionSignature,
  setCommissionMembers,
  setCommissionSignature,
  updateCommission,
} from '../setup/commissions.ts';
import { listAudit, setupContext } from '../setup/context.ts';
import { createFormation, getFormation, listFormations, PROPAGATION_ID_PATTERN, propagationProgress, updateFormation } from '../setup/formations.ts';
import {
  createSupportingDocument,
  listSupportingDocuments,
  sendSupportingDocumentModel,
  setSupportingDocumentModel,
  updateSupportingDocument,
} from '../setup/supporting-documents.ts';
import { createProfile, listFunctionalities, listProfiles, setProfileFunctionalities } from '../setup/profiles.ts';
import { listParameters, listSiteMessages, updateParameter, updateSiteMessage } from '../setup/parameters.ts';
import { createStaffUser, getStaffUser, listStaffUsers, updateStaffUser } from '../setup/staff-users.ts';

const CodeParams = z.object({ code: z.string().min(1).max(50) });
const LoginParams = z.object({ login: z.string().min(1).max(100) });
const admin = { access: 'admin' } as const;
const tags = ['setup'];

const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  // ── Campaigns
  app.get(
    '/api/admin/campaigns',
    { config: admin, schema: { tags, summary: 'Every campaign, newest first', response: { 200: z.array(CampaignView), ...errorResponses } } },
    (request) => listCampaigns(setupContext(app, request)),
  );
  app.post(
    '/api/admin/campaigns',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a campaign: in service at once when its SIS has none, else waiting for its planned activation (…/activation)',
        body: CampaignInput,
        response: { 201: CampaignView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createCampaign(setupContext(app, request), request.body)),
  );
  app.get(
    '/api/admin/campaigns/:code',
    { config: admin, schema: { tags, summary: 'One campaign', params: CodeParams, response: { 200: CampaignView, ...errorResponses } } },
    (request) => getCampaign(setupContext(app, request), request.params.code),
  );
  app.patch(
    '/api/admin/campaigns/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a campaign (not archived)',
        params: CodeParams,
        body: CampaignPatch,
        response: { 200: CampaignView, ...errorResponses },
      },
    },
    (request) => updateCampaign(setupContext(app, request), request.params.code, request.body),
  );

  // ── Centres
  app.get(
    '/api/admin/centres',
    { config: admin, schema: { tags, summary: 'Every centre with its managers', response: { 200: z.array(CentreView), ...errorResponses } } },
    (request) => listCentres(setupContext(app, request)),
  );
  app.post(
    '/api/admin/centres',
    { config: admin, schema: { tags, summary: 'Create a centre de candidature', body: CentreInput, response: { 201: CentreView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createCentre(setupContext(app, request), request.body)),
  );
  app.get(
    '/api/admin/centres/:code',
    { config: admin, schema: { tags, summary: 'One centre', params: CodeParams, response: { 200: CentreView, ...errorResponses } } },
    (request) => getCentre(setupContext(app, request), request.params.code),
  );
  app.patch(
    '/api/admin/centres/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a centre (active: false puts it out of service)',
        params: CodeParams,
        body: CentrePatch,
        response: { 200: CentreView, ...errorResponses },
      },
    },
    (request) => updateCentre(setupContext(app, request), request.params.code, request.body),
  );
  app.put(
    '/api/admin/centres/:code/managers',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set the managers of a centre (the whole list; the default centre manager profile unless another is named)',
        params: CodeParams,
        body: CentreManagersInput,
        response: { 200: CentreView, ...errorResponses },
      },
    },
    (request) => setCentreManagers(setupContext(app, request), request.params.code, request.body),
  );

  // ── Commissions
  app.get(
    '/api/admin/commissions',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Commissions, of one centre or all',
        querystring: z.object({ centreCode: z.string().max(20).optional() }),
        response: { 200: z.array(CommissionView), ...errorResponses },
      },
    },
    (request) => listCommissions(setupContext(app, request), request.query.centreCode),
  );
  app.post(
    '/api/admin/commissions',
    {
      config: admin,
      schema: { tags, summary: 'Create a commission in a centre', body: CommissionInput, response: { 201: CommissionView, ...errorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createCommission(setupContext(app, request), request.body)),
  );
  app.get(
    '/api/admin/commissions/:code',
    { config: admin, schema: { tags, summary: 'One commission', params: CodeParams, response: { 200: CommissionView, ...errorResponses } } },
    (request) => getCommission(setupContext(app, request), request.params.code),
  );
  app.patch(
    '/api/admin/commissions/:code',
    {
      config: admin,
      schema: { tags, summary: 'Change a commission', params: CodeParams, body: CommissionPatch, response: { 200: CommissionView, ...errorResponses } },
    },
    (request) => updateCommission(setupContext(app, request), request.params.code, request.body),
  );
  app.put(
    '/api/admin/commissions/:code/members',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set the members of a commission (the whole list; one president at most)',
        params: CodeParams,
        body: CommissionMembersInput,
        response: { 200: CommissionView, ...errorResponses },
      },
    },
    (request) => setCommissionMembers(setupContext(app, request), request.params.code, request.body),
  );

  app.put(
    '/api/admin/commissions/:code/signature',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The signature image of the commission’s letters (multipart, field "file": PNG or JPEG, by content)',
        consumes: ['multipart/form-data'],
        params: CodeParams,
        response: { 200: CommissionView, ...errorResponses },
      },
    },
    (request) => setCommissionSignature(setupContext(app, request), request.params.code, request),
  );
  app.get(
    '/api/admin/commissions/:code/signature',
    { config: admin, schema: { tags, summary: 'The signature image of the commission’s letters', params: CodeParams, response: errorResponses } },
    (request, reply) => sendCommissionSignature(setupContext(app, request), request.params.code, reply),
  );

  // ── Formations
  app.get(
    '/api/admin/formations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Formations, of one commission or centre, or all',
        querystring: z.object({ commissionCode: z.string().max(30).optional(), centreCode: z.string().max(20).optional() }),
        response: { 200: z.array(FormationView), ...errorResponses },
      },
    },
    (request) => listFormations(setupContext(app, request), request.query),
  );
  app.post(
    '/api/admin/formations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a formation (it takes candidatures at once when its dates are open and nothing else is missing)',
        body: FormationInput,
        response: { 201: FormationView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createFormation(setupContext(app, request), request.body)),
  );
  app.get(
    '/api/admin/formations/:code',
    { config: admin, schema: { tags, summary: 'One formation', params: CodeParams, response: { 200: FormationView, ...errorResponses } } },
    (request) => getFormation(setupContext(app, request), request.params.code),
  );
  app.patch(
    '/api/admin/formations/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a formation; a change of its dates or documents is sent to its open candidatures (answer: `propagation`, to follow)',
        params: CodeParams,
        body: FormationPatch,
        response: { 200: FormationView, ...errorResponses },
      },
    },
    (request) => updateFormation(setupContext(app, request), request.params.code, request.body),
  );
  app.get(
    '/api/admin/formations/:code/propagations/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Progress of a change sent to the open candidatures of a formation',
        params: CodeParams.extend({ id: z.string().regex(PROPAGATION_ID_PATTERN) }),
        response: { 200: PropagationView, ...errorResponses },
      },
    },
    (request) => propagationProgress(setupContext(app, request), request.params.id),
  );

  // ── Supporting documents
  app.get(
    '/api/admin/supporting-documents',
    { config: admin, schema: { tags, summary: 'Every supporting document', response: { 200: z.array(SupportingDocumentView), ...errorResponses } } },
    (request) => listSupportingDocuments(setupContext(app, request)),
  );
  app.post(
    '/api/admin/supporting-documents',
    {
      config: admin,
      schema: { tags, summary: 'Create a supporting document', body: SupportingDocumentInput, response: { 201: SupportingDocumentView, ...errorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createSupportingDocument(setupContext(app, request), request.body)),
  );
  app.patch(
    '/api/admin/supporting-documents/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a supporting document (active: false stops asking for it)',
        params: CodeParams,
        body: SupportingDocumentPatch,
        response: { 200: SupportingDocumentView, ...errorResponses },
      },
    },
    (request) => updateSupportingDocument(setupContext(app, request), request.params.code, request.body),
  );

  app.put(
    '/api/admin/supporting-documents/:code/model',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Attach the model candidates download (multipart, field "file": a PDF, by content)',
        consumes: ['multipart/form-data'],
        params: CodeParams,
        response: { 200: SupportingDocumentView, ...errorResponses },
      },
    },
    (request) => setSupportingDocumentModel(setupContext(app, request), request.params.code, request),
  );
  app.get(
    '/api/supporting-documents/:code/model',
    {
      config: { access: 'public' },
      schema: { tags: ['offer'], summary: 'The model of a supporting document, to download (attachment)', params: CodeParams, response: errorResponses },
    },
    (request, reply) => sendSupportingDocumentModel(setupContext(app, request), request.params.code, reply),
  );

  // ── Staff accounts
  app.get(
    '/api/admin/staff-users',
    { config: admin, schema: { tags, summary: 'Every staff account', response: { 200: z.array(StaffUserView), ...errorResponses } } },
    (request) => listStaffUsers(setupContext(app, request)),
  );
  app.post(
    '/api/admin/staff-users',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a staff account (without password: single sign-on only)',
        body: StaffUserInput,
        response: { 201: StaffUserView, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaffUser(setupContext(app, request), request.body)),
  );
  app.get(
    '/api/admin/staff-users/:login',
    { config: admin, schema: { tags, summary: 'One staff account', params: LoginParams, response: { 200: StaffUserView, ...errorResponses } } },
    (request) => getStaffUser(setupContext(app, request), request.params.login),
  );
  app.patch(
    '/api/admin/staff-users/:login',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a staff account (active: false disables it at once)',
        params: LoginParams,
        body: StaffUserPatch,
        response: { 200: StaffUserView, ...errorResponses },
      },
    },
    (request) => updateStaffUser(setupContext(app, request), request.params.login, request.body),
  );

  // ── Profiles and functionalities
  app.get(
    '/api/admin/functionalities',
    {
      config: admin,
      schema: { tags, summary: 'The functionalities a profile may hold (reference §1.2)', response: { 200: z.array(FunctionalityView), ...errorResponses } },
    },
    (request) => listFunctionalities(setupContext(app, request)),
  );
  app.get(
    '/api/admin/profiles',
    {
      config: admin,
      schema: { tags, summary: 'Profiles with their functionalities in read or write', response: { 200: z.array(ProfileView), ...errorResponses } },
    },
    (request) => listProfiles(setupContext(app, request)),
  );
  app.post(
    '/api/admin/profiles',
    {
      config: admin,
      schema: { tags, summary: 'Create a centre manager (G) or commission (C) profile', body: ProfileInput, response: { 201: ProfileView, ...errorResponses } },
    },
    async (request, reply) => reply.status(201).send(await createProfile(setupContext(app, request), request.body)),
  );
  app.put(
    '/api/admin/profiles/:code/functionalities',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set the functionalities of a G or C profile (the whole list, each in read or write)',
        params: CodeParams,
        body: z.array(ProfileRight).max(40),
        response: { 200: ProfileView, ...errorResponses },
      },
    },
    (request) => setProfileFunctionalities(setupContext(app, request), request.params.code, request.body),
  );

  // ── Parameters and messages
  app.get(
    '/api/admin/parameters',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The global parameters (reference §4.5), typed, with their defaults',
        response: { 200: z.array(ParameterView), ...errorResponses },
      },
    },
    (request) => listParameters(setupContext(app, request)),
  );
  app.put(
    '/api/admin/parameters/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a parameter (yes/no as a boolean, a whole number, a text or one of its values); technical ones: admin profile only',
        params: z.object({ code: z.string().min(1).max(50) }),
        body: ParameterUpdate,
        response: { 200: ParameterView, ...errorResponses },
      },
    },
    (request) => updateParameter(setupContext(app, request), request.params.code, request.body),
  );
  app.get(
    '/api/admin/messages',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The site messages: home page (ACCUEIL), maintenance (MAINTENANCE)',
        response: { 200: z.array(SiteMessageView), ...errorResponses },
      },
    },
    (request) => listSiteMessages(setupContext(app, request)),
  );
  app.put(
    '/api/admin/messages/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a site message (French, English, shown or not)',
        params: z.object({ code: z.string().min(1).max(50) }),
        body: SiteMessageUpdate,
        response: { 200: SiteMessageView, ...errorResponses },
      },
    },
    (request) => updateSiteMessage(setupContext(app, request), request.params.code, request.body),
  );

  // ── Audit
  app.get(
    '/api/admin/audit',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The audit of setup changes, newest first (who, when, before, after)',
        querystring: z.object({
          subject: z.string().max(255).optional().describe('e.g. formation:L3-INFO'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(AuditEntry), ...errorResponses },
      },
    },
    (request) => listAudit(setupContext(app, request), request.query),
  );
};
export default setupRoutes;
