// What the routes do with a candidature, in one place: create it (read-model row + workflow start),
// read its view (the workflow's query, else the read model) and run a transition (an Update).
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { candidateView, DEFAULT_PARAMETERS, decisionTypeRef, type ActingUser, type CandidatureInput, type ProcessParameters } from '../domain/candidature.ts';
import type { SisType, Traitement } from '../domain/codes.ts';
import { candidatureWorkflowId, viewQuery } from '../domain/messages.ts';
import { CampaignCodeKey, CommissionCodeKey, FormationCodeKey } from '../domain/search-attributes.ts';
import { parisDate, withinParisDates } from '../domain/time.ts';
import type { CandidatureView } from '../domain/view.ts';
import type { candidatureWorkflow } from '../workflows/candidature.ts';
import { badRequest, conflict, forbidden, notFound } from './problem.ts';
import { temporalCall } from './temporal.ts';

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Loads the read-model row with what the API checks scope and ownership against. */
export async function loadCandidature(app: FastifyInstance, id: string) {
  const row = await app.db.candidature.findUnique({ where: { id }, include: { formation: { include: { commission: true } }, campaign: true, account: true } });
  if (!row) throw notFound(`Aucune candidature ${id}.`);
  return row;
}

export function handleOf(app: FastifyInstance, id: string): WorkflowHandle<typeof candidatureWorkflow> {
  return app.temporal.workflow.getHandle<typeof candidatureWorkflow>(candidatureWorkflowId(id));
}

/** The view for this reader: the workflow's answer, or the last projected view if Temporal is unreachable. */
export async function readView(app: FastifyInstance, id: string, actor: ActingUser): Promise<CandidatureView> {
  try {
    return await temporalCall(app.temporal, () => handleOf(app, id).query(viewQuery, actor));
  } catch (err) {
    const row = await app.db.candidature.findUnique({ where: { id } });
    if (!row?.view) throw err;
    app.log.warn({ err, id }, 'workflow query failed: serving the read model');
    const view = row.view as unknown as CandidatureView;
    return actor.kind === 'candidate' ? candidateView(view) : view;
  }
}

export interface CreateOptions {
  accountId: number;
  formationCode: string;
  creationKey: string | null;
  actor: ActingUser;
  /**
   * candidate: the candidate applies; classique: a manager applies on their behalf (no date check);
   * proposition: a manager proposes the formation (complete file, favourable opinion to validate).
   */
  mode?: 'candidate' | 'classique' | 'proposition';
}

/** A global parameter (reference §4.5): its value, or the fallback when it is not set. */
async function parameter(app: FastifyInstance, code: string, fallback: string): Promise<string> {
  return (await app.db.parameter.findUnique({ where: { code } }))?.value ?? fallback;
}
const yes = (value: string) => value === 'O' || value === 'true';

/** The process parameters a candidature workflow starts with. */
async function processParameters(app: FastifyInstance): Promise<ProcessParameters> {
  return {
    reminderDaysBefore: Number(await parameter(app, 'SCOL_NB_JOUR_RELANCE_FAVO', String(DEFAULT_PARAMETERS.reminderDaysBefore))),
    blockMassEntry: yes(await parameter(app, 'GEST_IS_UTILISE_BLOCAGE_MASSE', 'O')),
    exportImmediate: yes(await parameter(app, 'OPI_IS_IMMEDIAT', 'O')),
    exportBatchTime: await parameter(app, 'OPI_HEURE_BATCH', DEFAULT_PARAMETERS.exportBatchTime),
  };
}

/**
 * Creates a candidature (reference §3.2.1): the formation must be open in the candidate's campaign,
 * with no other active candidature to it and within the centre's wish limit. The read-model row is
 * written first (under a per-account lock, with the idempotency key), then the workflow is started
 * with "use existing" so a replay of the same request lands on the same candidature.
 */
export async function createCandidature(app: FastifyInstance, opts: CreateOptions): Promise<{ id: string; replay: boolean }> {
  const now = new Date();
  const account = await app.db.candidateAccount.findUniqueOrThrow({ where: { id: opts.accountId }, include: { campaign: true, candidate: true } });

  if (opts.creationKey) {
    const previous = await app.db.candidature.findUnique({ where: { accountId_creationKey: { accountId: account.id, creationKey: opts.creationKey } } });
    if (previous) {
      await startWorkflow(app, previous.id);
      return { id: previous.id, replay: true };
    }
  }

  const campaign = account.campaign;
  const formation = await app.db.formation.findUnique({ where: { code: opts.formationCode }, include: { commission: { include: { centre: true } } } });
  if (!formation) throw badRequest('formationCode', `formation inconnue (${opts.formationCode}).`);
  if (!formation.active || formation.commission.centre.sisType !== campaign.sisType)
    throw badRequest('formationCode', `la formation ${formation.code} n'est pas proposée dans la campagne ${campaign.code}.`);
  if (!campaign.active || campaign.archivedAt) throw conflict(`La campagne ${campaign.code} n'est pas ouverte.`);
  const mode = opts.mode ?? 'candidate';
  const campaignEnd = isoDate(campaign.candidateAccessEndsOn) ?? isoDate(campaign.endsOn)!;
  // A manager applying on the candidate's behalf is not held to the candidates' dates (§3.2.1).
  if (mode === 'candidate' && !withinParisDates(now, isoDate(campaign.startsOn)!, campaignEnd))
    throw conflict(`La campagne ${campaign.code} est fermée aux candidats.`);
  if (mode === 'candidate' && !withinParisDates(now, isoDate(formation.applicationStartsOn)!, isoDate(formation.applicationEndsOn)!))
    throw conflict(
      `Les candidatures à ${formation.label} sont ouvertes du ${isoDate(formation.applicationStartsOn)} au ${isoDate(formation.applicationEndsOn)} (nous sommes le ${parisDate(now)}).`,
      [{ field: 'formationCode', message: 'hors de la période de candidature' }],
    );
  await assertFileReady(app, account.id);

  const perEstablishment = yes(await parameter(app, 'CANDIDATURE_NB_VOEUX_MAX_IS_ETAB', 'N'));
  const maxWishes = Number(await parameter(app, 'CANDIDATURE_NB_VOEUX_MAX', '20'));
  const id = randomUUID();
  await app.db.$transaction(async (tx) => {
    // Serialises the checks below per account: two simultaneous requests cannot both pass them.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${account.id}::bigint)`;
    const active = await tx.candidature.findMany({
      where: { accountId: account.id, cancelledAt: null },
      include: { formation: { include: { commission: true } } },
    });
    if (active.some((c) => c.formationId === formation.id))
      throw conflict(`Vous avez déjà une candidature en cours pour ${formation.label}.`, [{ field: 'formationCode', message: 'candidature déjà existante' }]);
    // Wish limit (§3.2.1): CANDIDATURE_NB_VOEUX_MAX for the establishment, else the centre's own maximum.
    if (perEstablishment) {
      if (active.length >= maxWishes) throw conflict(`Nombre maximal de vœux atteint pour l'établissement (${maxWishes}).`);
    } else {
      const sameCentre = active.filter((c) => c.formation.commission.centreId === formation.commission.centreId).length;
      if (sameCentre >= formation.commission.centre.maxWishes)
        throw conflict(`Nombre maximal de vœux atteint pour ce centre (${formation.commission.centre.maxWishes}).`);
    }
    await tx.candidature.create({
      data: {
        id,
        workflowId: candidatureWorkflowId(id),
        accountId: account.id,
        formationId: formation.id,
        campaignId: campaign.id,
        creationKey: opts.creationKey,
        stage: 'draft',
        dossierStatus: 'AT',
        traitement: formation.traitement,
        traitementValidated: false,
        proposition: mode === 'proposition',
        createdBy: opts.actor.login,
        opinionValidated: false,
        seq: -1, // below the workflow's first projection (seq 0)
      },
    });
  });
  try {
    await startWorkflow(app, id, opts.actor);
  } catch (err) {
    // No workflow, no candidature: remove the row so nothing half-made remains (and the key can be replayed).
    await app.db.candidature.delete({ where: { id } }).catch(() => undefined);
    throw err;
  }
  return { id, replay: false };
}

/** Starts the candidature's workflow from its read-model row; a running one is reused (idempotent). */
async function startWorkflow(app: FastifyInstance, id: string, actor?: ActingUser): Promise<void> {
  const row = await app.db.candidature.findUniqueOrThrow({
    where: { id },
    include: { campaign: true, account: true, formation: { include: { commission: true, favourableDecisionType: true } } },
  });
  const f = row.formation;
  const favourable = f.favourableDecisionType;
  const input: CandidatureInput = {
    candidatureId: id,
    campaign: { code: row.campaign.code, sisType: row.campaign.sisType as SisType },
    formation: {
      code: f.code,
      label: f.label,
      commissionCode: f.commission.code,
      traitement: f.traitement as Traitement,
      returnDeadline: isoDate(f.returnDeadline),
      confirmationOn: isoDate(f.confirmationOn),
      confirmationDelayDays: f.confirmationDelayDays,
      lcConfirmationOn: isoDate(f.lcConfirmationOn),
      lcConfirmationDelayDays: f.lcConfirmationDelayDays,
      favourableDecisionType: favourable ? decisionTypeRef(favourable) : null,
      waitingList: f.automaticLc,
      ...(await requiredItems(app, f.id, f.traitement)),
    },
    candidate: { accountId: row.account.id, dossierNumber: row.account.dossierNumber, firstName: row.account.firstName, lastName: row.account.lastName },
    proposition: row.proposition,
    parameters: await processParameters(app),
    searchAttributes: app.config.searchAttributes,
    createdAt: row.createdAt.toISOString(),
    createdBy: actor ?? { kind: 'candidate', login: row.account.dossierNumber },
  };
  await temporalCall(app.temporal, () =>
    app.temporal.workflow.start<typeof candidatureWorkflow>('candidatureWorkflow', {
      workflowId: row.workflowId,
      taskQueue: app.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: app.config.searchAttributes
        ? [
            { key: CampaignCodeKey, value: row.campaign.code },
            { key: FormationCodeKey, value: f.code },
            { key: CommissionCodeKey, value: f.commission.code },
          ]
        : [],
    }),
  ).catch((err: unknown) => {
    // A candidature whose workflow already ran to its end is not started again.
    if ((err as Error).name === 'WorkflowExecutionAlreadyStartedError') return;
    throw err;
  });
}

/** The candidate may only touch their own candidatures. */
export function assertOwner(row: { accountId: number }, accountId: number): void {
  if (row.accountId !== accountId) throw forbidden("Cette candidature n'est pas la vôtre.");
}

/**
 * Mandatory sections of the candidate's file before applying (§3.2.1): civil status, address, bac;
 * and the INE for French nationals when CANDIDAT_IS_INE_OBLI_FR is set and their bac asks for it.
 */
async function assertFileReady(app: FastifyInstance, accountId: number): Promise<void> {
  const person = await app.db.candidate.findUnique({ where: { accountId }, include: { address: true, bac: true } });
  const missing = [!person && 'informations personnelles', !person?.address && 'adresse', !person?.bac && 'baccalauréat ou équivalence'].filter(Boolean);
  if (missing.length)
    throw conflict(`Complétez votre dossier avant de candidater : ${missing.join(', ')}.`, [{ field: 'profile', message: missing.join(', ') }]);
  if (person!.nationalityCode === '100' && !person!.ine && yes(await parameter(app, 'CANDIDAT_IS_INE_OBLI_FR', 'O'))) {
    const bac = person!.bac!;
    const rule = await app.db.sisBac.findFirst({ where: { code: bac.bacCode, ineCheck: true } });
    if (rule && (rule.ineCheckFromYear === null || (bac.year ?? 0) >= rule.ineCheckFromYear))
      throw conflict('Votre INE (identifiant national étudiant) est obligatoire : renseignez-le dans vos informations personnelles.', [
        { field: 'profile.ine', message: 'INE obligatoire pour un candidat de nationalité française' },
      ]);
  }
}

/**
 * The pieces and questions of a formation (§3.2.2): common ones (every formation) and the
 * formation's own, for the candidature's traitement.
 */
async function requiredItems(app: FastifyInstance, formationId: number, traitement: string) {
  const [documents, questions] = await Promise.all([
    app.db.supportingDocument.findMany({
      where: { active: true, OR: [{ isCommon: true }, { formations: { some: { formationId } } }] },
      orderBy: [{ order: 'asc' }, { code: 'asc' }],
    }),
    app.db.question.findMany({
      where: { active: true, OR: [{ isCommon: true }, { formations: { some: { formationId } } }] },
      orderBy: [{ order: 'asc' }, { code: 'asc' }],
    }),
  ]);
  return {
    pieces: documents
      .filter((d) => !d.traitement || d.traitement === traitement)
      .map((d) => ({ code: d.code, label: d.label, conditional: d.isConditional, shared: d.isCommon })),
    questions: questions.map((q) => ({ code: q.code, label: q.label, conditional: q.isConditional })),
  };
}

/** Sends the uploaded file of a supporting document of this view (404 when there is none). */
export async function sendPieceFile(app: FastifyInstance, reply: FastifyReply, view: CandidatureView, pieceCode: string) {
  const fileId = view.pieces?.find((p) => p.code === pieceCode)?.fileId;
  const file = fileId ? await app.db.storedFile.findUnique({ where: { id: fileId } }) : null;
  if (!file) throw notFound(`Aucun fichier pour la pièce ${pieceCode}.`);
  return reply
    .type(file.mimeType ?? 'application/octet-stream')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(createReadStream(join(app.config.filesDir, file.code)));
}
