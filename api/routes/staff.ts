// The managers' side (the list of candidatures: routes/staff-list.ts): the full view, applying on a candidate's
// behalf, files, complementary lists, decision types and motives. The transitions a manager runs
// (dossier status, opinions…) are routes of the catalogue (routes/transitions.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DecisionTypeItem, MotiveItem } from '../../contracts/staff.ts';
import { WaitingListView, waitingListQuery, waitingListWorkflowId } from '../../contracts/waiting-list.ts';
import type { OpinionKind } from '../../domain/codes.ts';
import { createCandidature, loadCandidature, readView, sendPieceFile } from '../candidature-service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { badRequest, forbidden, notFound } from '../problem.ts';
import { actingStaff, actorOn } from '../scope.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/candidatures/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Full view of a candidature, opinion history included',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const row = await loadCandidature(app, request.params.id);
      return readView(app, row, (await actorOn(app, request, 'staff', row)).actor);
    },
  );

  app.post(
    '/api/staff/candidatures',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          'Apply on behalf of a candidate (right GEST_CANDIDATURE): "classique" (no date check) or "proposition" (complete file, favourable opinion to validate, commission alert)',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        body: z.object({ dossierNumber: z.string().min(1).max(20), formationCode: z.string().min(1).max(50), mode: z.enum(['classique', 'proposition']) }),
        response: { 201: CandidatureView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireStaff(request);
      const { dossierNumber, formationCode, mode } = request.body;
      const account = await app.db.candidateAccount.findUnique({ where: { dossierNumber } });
      if (!account)
        throw badRequest('dossierNumber', {
          fr: `aucun compte candidat ${dossierNumber}.`,
          en: `no candidate account ${dossierNumber}: check the file number.`,
        });
      const formation = await app.db.formation.findUnique({ where: { code: formationCode } });
      if (!formation) throw badRequest('formationCode', { fr: `formation inconnue (${formationCode}).`, en: `unknown programme (${formationCode}).` });
      const acting = await actingStaff(app, user, formation.commissionId);
      if (!acting.inScope || !acting.rights?.includes('GEST_CANDIDATURE'))
        throw forbidden({
          fr: 'Droit « gestion des candidatures » (GEST_CANDIDATURE) requis sur cette formation.',
          en: 'The right “application management” (GEST_CANDIDATURE) is required on this programme.',
        });
      const { inScope: _inScope, ...actor } = acting;
      const { view } = await createCandidature(app, {
        accountId: account.id,
        formationCode,
        creationKey: request.headers['idempotency-key'] ?? null,
        actor,
        mode,
      });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/staff/candidatures/:id/pieces/:code/file',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Download the file of a supporting document',
        params: IdParams.extend({ code: z.string().min(1).max(30) }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const row = await loadCandidature(app, request.params.id);
      const { actor } = await actorOn(app, request, 'staff', row);
      return sendPieceFile(app, reply, await readView(app, row, actor), request.params.code);
    },
  );

  app.get(
    '/api/staff/formations/:code/waiting-list',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'The complementary list of a formation: entered and real ranks, promotions made',
        params: z.object({ code: z.string().min(1).max(50) }),
        response: {
          200: WaitingListView,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const formation = await app.db.formation.findUnique({ where: { code: request.params.code } });
      if (!formation) throw notFound({ fr: `Aucune formation ${request.params.code}.`, en: `There is no programme ${request.params.code}.` });
      if (!(await actingStaff(app, user, formation.commissionId)).inScope)
        throw forbidden({ fr: `La formation ${formation.code} n'est pas dans votre périmètre.`, en: `The programme ${formation.code} is not in your scope.` });
      const query = () => app.temporal.workflow.getHandle(waitingListWorkflowId(formation.code)).query(waitingListQuery);
      return temporalCall(app.temporal, () =>
        query().catch((err: unknown) => {
          // No candidate has joined this list yet: its workflow does not exist.
          if (err instanceof WorkflowNotFoundError) return { formationCode: formation.code, entries: [], promotions: [] };
          throw err;
        }),
      );
    },
  );

  app.get(
    '/api/staff/decision-types',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Decision types in service',
        response: { 200: z.array(DecisionTypeItem), ...errorResponses },
      },
    },
    async (request) => {
      requireStaff(request);
      const types = await app.db.decisionType.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
      return types.map((t) => ({ code: t.code, label: t.label, opinionKind: t.opinionKindCode as OpinionKind }));
    },
  );

  app.get(
    '/api/staff/motives',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Motives of unfavourable opinions in service',
        response: { 200: z.array(MotiveItem), ...errorResponses },
      },
    },
    async (request) => {
      requireStaff(request);
      const motives = await app.db.unfavourableMotive.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
      return motives.map((m) => ({ code: m.code, label: m.label }));
    },
  );
};
export default staffRoutes;
