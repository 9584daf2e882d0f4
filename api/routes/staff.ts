// The managers' side: candidature lists from the read model, the full view, and the transitions
// that need a functionality in the candidature's scope (the workflow checks which one).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { decisionTypeRef, type ActingUser } from '../../domain/candidature.ts';
import { DOSSIER_STATUSES, OPINION_KINDS, PIECE_STATUSES, TRAITEMENTS, type OpinionKind } from '../../domain/codes.ts';
import {
  changeTraitementUpdate,
  confirmUpdate,
  deleteOpinionUpdate,
  enterOpinionUpdate,
  setConfirmationDeadlineUpdate,
  setDossierStatusUpdate,
  setPieceStatusUpdate,
  setReturnDeadlineUpdate,
  setTagsUpdate,
  validateOpinionUpdate,
  validateTraitementUpdate,
  waitingListQuery,
  waitingListWorkflowId,
  withdrawUpdate,
} from '../../domain/messages.ts';
import type { CandidatureView as View } from '../../domain/view.ts';
import { createCandidature, handleOf, loadCandidature, readView, sendPieceFile } from '../candidature-service.ts';
import { requireStaff } from '../plugins/auth.ts';
import { badRequest, forbidden, notFound } from '../problem.ts';
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

  type StaffRequest = Parameters<typeof requireStaff>[0] & { params: { id: string } };

  /**
   * A transition route: resolves the acting staff member in the candidature's scope, then runs the
   * Update with the arguments built from the request. The workflow's validator decides the rest.
   */
  function transitionRoute<B extends z.ZodType = z.ZodUndefined, P extends z.ZodObject = typeof IdParams>(
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    summary: string,
    opts: { params?: P; body?: B },
    run: (actor: ActingUser, request: { params: z.infer<P>; body: z.infer<B> }) => Promise<View>,
  ): void {
    app.route({
      method,
      url,
      schema: {
        tags: ['staff'],
        summary,
        params: opts.params ?? IdParams,
        ...(opts.body ? { body: opts.body } : {}),
        response: { 200: CandidatureView, ...errorResponses },
      },
      handler: async (request) => {
        const actor = await actorFor(request as StaffRequest, (request.params as { id: string }).id);
        return run(actor, request as never);
      },
    });
  }
  /** Runs an update on the candidature of the request. */
  const update = <A extends [ActingUser, ...unknown[]]>(id: string, def: UpdateDefinition<View, A>, args: A) =>
    temporalCall(app.temporal, () => handleOf(app, id).executeUpdate(def, { args }));

  transitionRoute(
    'POST',
    '/api/staff/candidatures/:id/dossier-status',
    'Set the dossier status AT/RE/IN/CO (right EDIT_STATUT_DOSSIER)',
    { body: z.object({ status: z.enum(DOSSIER_STATUSES) }) },
    (actor, r) => update(r.params.id, setDossierStatusUpdate, [actor, { status: r.body.status }]),
  );

  transitionRoute(
    'POST',
    '/api/staff/candidatures/:id/pieces/:code/status',
    'Set a supporting document’s status VA/RE/AT/TR/NC with a comment (a refusal needs one) (right EDIT_STATUT_DOSSIER)',
    {
      params: IdParams.extend({ code: z.string().min(1).max(30) }),
      body: z.object({ status: z.enum(PIECE_STATUSES), comment: z.string().max(1000).nullish() }),
    },
    (actor, r) => update(r.params.id, setPieceStatusUpdate, [actor, { code: r.params.code, status: r.body.status, comment: r.body.comment ?? null }]),
  );

  transitionRoute(
    'POST',
    '/api/staff/candidatures/:id/traitement',
    'Change the traitement AC/AD/AT (right EDIT_TYPTRAIT)',
    { body: z.object({ traitement: z.enum(TRAITEMENTS) }) },
    (actor, r) => update(r.params.id, changeTraitementUpdate, [actor, { traitement: r.body.traitement }]),
  );
  transitionRoute(
    'POST',
    '/api/staff/candidatures/:id/traitement/validate',
    'Validate the traitement (right VALID_TYPTRAIT); AD gives an automatic validated favourable decision',
    {},
    (actor, r) => update(r.params.id, validateTraitementUpdate, [actor]),
  );

  transitionRoute(
    'POST',
    '/api/staff/candidatures/:id/opinions',
    'Enter an opinion (right EDIT_AVIS): motive for DE, rank for LC, interview for PR; not visible to the candidate until validated',
    {
      body: z.object({
        decisionType: z.string().min(1).max(30),
        motiveCode: z.string().max(30).nullish(),
        lcRank: z.number().int().positive().nullish(),
        interview: z.object({ date: z.iso.date(), time: z.string().regex(/^\d{2}:\d{2}$/), place: z.string().min(1).max(255) }).nullish(),
        comment: z.string().max(1000).nullish(),
        appeal: z.boolean().optional(),
      }),
    },
    async (actor, r) => {
      const body = r.body;
      const type = await app.db.decisionType.findUnique({ where: { code: body.decisionType } });
      if (!type || !type.active) throw badRequest('decisionType', `type de décision inconnu ou hors service (${body.decisionType}).`);
      if (body.motiveCode) {
        const motive = await app.db.unfavourableMotive.findUnique({ where: { code: body.motiveCode } });
        if (!motive || !motive.active) throw badRequest('motiveCode', `motivation inconnue ou hors service (${body.motiveCode}).`);
      }
      return update(r.params.id, enterOpinionUpdate, [
        actor,
        {
          decisionType: decisionTypeRef(type),
          motiveCode: body.motiveCode ?? null,
          lcRank: body.lcRank ?? null,
          interview: body.interview ?? null,
          comment: body.comment ?? null,
          appeal: body.appeal ?? false,
        },
      ]);
    },
  );
  transitionRoute('POST', '/api/staff/candidatures/:id/opinions/validate', 'Validate (publish) the last entered opinion (right VALID_AVIS)', {}, (actor, r) =>
    update(r.params.id, validateOpinionUpdate, [actor]),
  );
  transitionRoute(
    'DELETE',
    '/api/staff/candidatures/:id/opinions/:index',
    'Delete an opinion from the history (marked deleted; right EDIT_AVIS); not one the candidate answered',
    { params: IdParams.extend({ index: z.coerce.number().int().min(0) }) },
    (actor, r) => update(r.params.id, deleteOpinionUpdate, [actor, { index: r.params.index }]),
  );

  transitionRoute('POST', '/api/staff/candidatures/:id/confirm', 'Confirm on behalf of the candidate, at any time (right GEST_FEN_CAND)', {}, (actor, r) =>
    update(r.params.id, confirmUpdate, [actor]),
  );
  transitionRoute('POST', '/api/staff/candidatures/:id/withdraw', 'Withdraw on behalf of the candidate, at any time (right GEST_FEN_CAND)', {}, (actor, r) =>
    update(r.params.id, withdrawUpdate, [actor]),
  );

  const Deadline = z.object({
    deadline: z.string().max(40).nullable().describe('A Paris day (YYYY-MM-DD, until the end of that day) or an ISO 8601 instant; null removes the override'),
  });
  transitionRoute(
    'PUT',
    '/api/staff/candidatures/:id/confirmation-deadline',
    'Override the confirmation deadline (right GEST_DAT_CONFIRM); the reminder and automatic withdrawal move with it',
    { body: Deadline },
    (actor, r) => update(r.params.id, setConfirmationDeadlineUpdate, [actor, { deadline: r.body.deadline }]),
  );
  transitionRoute(
    'PUT',
    '/api/staff/candidatures/:id/return-deadline',
    'Override the dossier return deadline (right GEST_DAT_RETOUR); only a later date than the formation’s takes effect',
    { body: Deadline },
    (actor, r) => update(r.params.id, setReturnDeadlineUpdate, [actor, { deadline: r.body.deadline }]),
  );
  transitionRoute(
    'PUT',
    '/api/staff/candidatures/:id/tags',
    'Set the tags of a candidature (right GEST_TAG)',
    { body: z.object({ tags: z.array(z.string().max(50)).max(20) }) },
    (actor, r) => update(r.params.id, setTagsUpdate, [actor, { tags: r.body.tags }]),
  );

  app.post(
    '/api/staff/candidatures',
    {
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
      if (!account) throw badRequest('dossierNumber', `aucun compte candidat ${dossierNumber}.`);
      const formation = await app.db.formation.findUnique({ where: { code: formationCode } });
      if (!formation) throw badRequest('formationCode', `formation inconnue (${formationCode}).`);
      const acting = await actingStaff(app, user, formation.commissionId);
      if (!acting.inScope || !acting.rights?.includes('GEST_CANDIDATURE'))
        throw forbidden('Droit « gestion des candidatures » (GEST_CANDIDATURE) requis sur cette formation.');
      const { inScope: _inScope, ...actor } = acting;
      const { id } = await createCandidature(app, {
        accountId: account.id,
        formationCode,
        creationKey: request.headers['idempotency-key'] ?? null,
        actor,
        mode,
      });
      return reply.status(201).send(await readView(app, id, actor));
    },
  );

  app.get(
    '/api/staff/candidatures/:id/pieces/:code/file',
    {
      schema: { tags: ['staff'], summary: 'Download the file of a supporting document', params: IdParams.extend({ code: z.string().min(1).max(30) }) },
    },
    async (request, reply) => {
      const actor = await actorFor(request, request.params.id);
      return sendPieceFile(app, reply, await readView(app, request.params.id, actor), request.params.code);
    },
  );

  app.get(
    '/api/staff/formations/:code/waiting-list',
    {
      schema: {
        tags: ['staff'],
        summary: 'The complementary list of a formation: entered and real ranks, promotions made',
        params: z.object({ code: z.string().min(1).max(50) }),
        response: {
          200: z.object({
            formationCode: z.string(),
            entries: z.array(
              z.object({ candidatureId: z.string(), enteredRank: z.number().int().nullable(), realRank: z.number().int(), joinedAt: z.string() }),
            ),
            promotions: z.array(z.object({ freedBy: z.string(), promoted: z.string().nullable(), at: z.string(), note: z.string().nullable() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const formation = await app.db.formation.findUnique({ where: { code: request.params.code } });
      if (!formation) throw notFound(`Aucune formation ${request.params.code}.`);
      if (!(await actingStaff(app, user, formation.commissionId)).inScope) throw forbidden(`La formation ${formation.code} n'est pas dans votre périmètre.`);
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
