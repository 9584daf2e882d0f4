// The managers' side: candidature lists from the read model, the full view, and the transitions
// that need a functionality in the candidature's scope (the workflow checks which one).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DecisionTypeRef } from '../../domain/candidature.ts';
import { DOSSIER_STATUSES, OPINION_KINDS, type OpinionKind } from '../../domain/codes.ts';
import { confirmUpdate, enterOpinionUpdate, setDossierStatusUpdate, validateOpinionUpdate } from '../../domain/messages.ts';
import { handleOf, loadCandidature, readView } from '../candidature-service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { badRequest, forbidden } from '../problem.ts';
import { actingStaff, staffCommissionIds } from '../scope.ts';
import { CandidatureView, errorResponses, IdParams } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The staff member acting on this candidature, refused when it is outside their scope. */
  async function actorFor(request: Parameters<typeof requireStaff>[0], id: string) {
    const user = requireStaff(request);
    const row = await loadCandidature(app, id);
    const actor = await actingStaff(app, user, row.formation.commissionId);
    if (!actor.inScope) throw forbidden(`La commission ${row.formation.commission.code} n'est pas dans votre périmètre.`);
    const { inScope: _inScope, ...acting } = actor;
    return acting;
  }

  app.get(
    '/api/staff/candidatures',
    {
      schema: {
        tags: ['staff'],
        summary: 'Candidatures in the staff member’s scope (read model)',
        querystring: z.object({ campaign: z.string().optional(), formation: z.string().optional(), stage: z.string().optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              campaignCode: z.string(),
              formationCode: z.string(),
              formationLabel: z.string(),
              commissionCode: z.string(),
              candidateName: z.string(),
              dossierNumber: z.string(),
              stage: z.string(),
              dossierStatus: z.string(),
              opinionKind: z.string().nullable(),
              opinionDecisionType: z.string().nullable(),
              opinionValidated: z.boolean(),
              confirmationAnswer: z.string().nullable(),
              exportStatus: z.string(),
              updatedAt: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const commissionIds = await staffCommissionIds(app, user);
      const { campaign, formation, stage } = request.query;
      const rows = await app.db.candidature.findMany({
        where: {
          ...(commissionIds ? { formation: { commissionId: { in: commissionIds } } } : {}),
          ...(campaign ? { campaign: { code: campaign } } : {}),
          ...(formation ? { formation: { code: formation, ...(commissionIds ? { commissionId: { in: commissionIds } } : {}) } } : {}),
          ...(stage ? { stage } : {}),
        },
        include: { campaign: true, formation: { include: { commission: true } }, account: true },
        orderBy: { updatedAt: 'desc' },
        take: 1000,
      });
      return rows.map((r) => ({
        id: r.id,
        campaignCode: r.campaign.code,
        formationCode: r.formation.code,
        formationLabel: r.formation.label,
        commissionCode: r.formation.commission.code,
        candidateName: `${r.account.lastName.toUpperCase()} ${r.account.firstName}`,
        dossierNumber: r.account.dossierNumber,
        stage: r.stage,
        dossierStatus: r.dossierStatus,
        opinionKind: r.opinionKind,
        opinionDecisionType: r.opinionDecisionType,
        opinionValidated: r.opinionValidated,
        confirmationAnswer: r.confirmationAnswer,
        exportStatus: r.exportStatus,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },
  );

  app.get(
    '/api/staff/candidatures/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Full view of a candidature, opinion history included',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => readView(app, request.params.id, await actorFor(request, request.params.id)),
  );

  app.post(
    '/api/staff/candidatures/:id/dossier-status',
    {
      schema: {
        tags: ['staff'],
        summary: 'Set the dossier status (right EDIT_STATUT_DOSSIER)',
        params: IdParams,
        body: z.object({ status: z.enum(DOSSIER_STATUSES) }),
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorFor(request, request.params.id);
      return temporalCall(app.temporal, () =>
        handleOf(app, request.params.id).executeUpdate(setDossierStatusUpdate, { args: [actor, { status: request.body.status }] }),
      );
    },
  );

  app.post(
    '/api/staff/candidatures/:id/opinions',
    {
      schema: {
        tags: ['staff'],
        summary: 'Enter an opinion (right EDIT_AVIS); not visible to the candidate until validated',
        params: IdParams,
        body: z.object({
          decisionType: z.string().min(1).max(20),
          motiveCode: z.string().max(30).nullish(),
          lcRank: z.number().int().positive().nullish(),
          comment: z.string().max(1000).nullish(),
          appeal: z.boolean().optional(),
        }),
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorFor(request, request.params.id);
      const body = request.body;
      const type = await app.db.decisionType.findUnique({ where: { code: body.decisionType } });
      if (!type || !type.active) throw badRequest('decisionType', `type de décision inconnu ou hors service (${body.decisionType}).`);
      if (body.motiveCode) {
        const motive = await app.db.unfavourableMotive.findUnique({ where: { code: body.motiveCode } });
        if (!motive || !motive.active) throw badRequest('motiveCode', `motivation inconnue ou hors service (${body.motiveCode}).`);
      }
      const decisionType: DecisionTypeRef = {
        code: type.code,
        kind: type.opinionKindCode as OpinionKind,
        exportsToSis: type.exportsToSis,
        mailCode: type.mailCode,
      };
      return temporalCall(app.temporal, () =>
        handleOf(app, request.params.id).executeUpdate(enterOpinionUpdate, {
          args: [
            actor,
            { decisionType, motiveCode: body.motiveCode ?? null, lcRank: body.lcRank ?? null, comment: body.comment ?? null, appeal: body.appeal ?? false },
          ],
        }),
      );
    },
  );

  app.post(
    '/api/staff/candidatures/:id/opinions/validate',
    {
      schema: {
        tags: ['staff'],
        summary: 'Validate (publish) the last entered opinion (right VALID_AVIS)',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorFor(request, request.params.id);
      return temporalCall(app.temporal, () => handleOf(app, request.params.id).executeUpdate(validateOpinionUpdate, { args: [actor] }));
    },
  );

  app.post(
    '/api/staff/candidatures/:id/confirm',
    {
      schema: {
        tags: ['staff'],
        summary: 'Confirm on behalf of the candidate (right GEST_FEN_CAND)',
        params: IdParams,
        response: { 200: CandidatureView, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorFor(request, request.params.id);
      return temporalCall(app.temporal, () => handleOf(app, request.params.id).executeUpdate(confirmUpdate, { args: [actor] }));
    },
  );

  app.get(
    '/api/staff/decision-types',
    {
      schema: {
        tags: ['staff'],
        summary: 'Decision types in service',
        response: { 200: z.array(z.object({ code: z.string(), label: z.string(), opinionKind: z.enum(OPINION_KINDS) })), ...errorResponses },
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
      schema: {
        tags: ['staff'],
        summary: 'Motives of unfavourable opinions in service',
        response: { 200: z.array(z.object({ code: z.string(), label: z.string() })), ...errorResponses },
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
