// What the routes do with a candidature, in one place: create it (read-model row + workflow start),
// read it (its state in the read model, the view derived for the reader) and run a transition (an
// Update of the catalogue, contracts/candidature.ts).
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ActingUser } from '../contracts/actors.ts';
import {
  CANDIDATURE_WORKFLOW,
  candidatureWorkflowId,
  stateQuery,
  updates,
  type CandidatureView,
  type TransitionArgs,
  type TransitionName,
} from '../contracts/candidature.ts';
import { CampaignCodeKey, CommissionCodeKey, FormationCodeKey, stateSearchAttributes } from '../contracts/search-attributes.ts';
import {
  decisionTypeRef,
  initialState,
  PROCESS_PARAMETERS,
  processParameters,
  viewFor,
  type CandidatureInput,
  type CandidatureState,
} from '../domain/candidature.ts';
import type { SisType, Traitement } from '../domain/codes.ts';
import { indexedFacts, readModelColumns } from '../domain/read-model.ts';
import { parisDate, withinParisDates } from '../domain/time.ts';
import { Prisma, type Db } from '../infra/prisma.ts';
import { readParameters } from './parameters.ts';
import { badRequest, conflict, forbidden, notFound } from './problem.ts';
import { sendStoredFile } from './stored-files.ts';
import { temporalCall } from './temporal.ts';
import { recordRefusedTransition } from './transition-refusals.ts';

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** What routes read of a read-model row: what ownership and scope are checked against, and the state. */
export const CANDIDATURE_ROW = { id: true, accountId: true, commissionId: true, formationId: true, campaignId: true, seq: true, state: true } as const;

/** The read-model row of a candidature (404 when there is none). */
export async function loadCandidature(app: FastifyInstance, id: string) {
  const row = await app.db.candidature.findUnique({ where: { id }, select: CANDIDATURE_ROW });
  if (!row) throw notFound({ fr: `Aucune candidature ${id}.`, en: `There is no application ${id}.` });
  return row;
}
export type CandidatureRow = Awaited<ReturnType<typeof loadCandidature>>;

/**
 * The candidature's state: the read model's (written before any transition answers, so a reader
 * never gets a state older than one they were answered), or, for a row projected before the state
 * was kept, the workflow's own (then kept in the row).
 */
export async function loadState(app: FastifyInstance, row: CandidatureRow): Promise<CandidatureState> {
  if (row.state) return row.state as unknown as CandidatureState;
  const state = (await temporalCall(app.temporal, () => app.temporal.workflow.getHandle(candidatureWorkflowId(row.id)).query(stateQuery))) as CandidatureState;
  await app.db.candidature.updateMany({ where: { id: row.id, state: { equals: Prisma.DbNull } }, data: { state: state as object } }).catch(() => undefined);
  return state;
}

/** The view for this reader, derived from the state now (its allowed actions depend on the time). */
export async function readView(app: FastifyInstance, row: CandidatureRow, actor: ActingUser): Promise<CandidatureView> {
  return viewFor(await loadState(app, row), actor, new Date());
}

/** Runs a transition of the catalogue on the candidature's workflow; its answer is the view for the actor. */
export function runTransition<N extends TransitionName>(
  app: FastifyInstance,
  id: string,
  name: N,
  actor: ActingUser,
  args: TransitionArgs<N>,
  updateId?: string,
): Promise<CandidatureView> {
  const update = updates[name] as UpdateDefinition<CandidatureView, [ActingUser, TransitionArgs<N>]>;
  const handle = app.temporal.workflow.getHandle(candidatureWorkflowId(id));
  return temporalCall(app.temporal, () =>
    handle.executeUpdate(update, { args: [actor, args], ...(updateId ? { updateId } : {}) }).catch(async (err: unknown) => {
      // A refusal leaves no trace in the workflow's history: kept for the admins' timeline.
      await recordRefusedTransition(app, id, name, actor, args, err);
      throw err;
    }),
  );
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

/** The parameters creating a candidature reads (§4.5). */
const CREATION_PARAMETERS = [...PROCESS_PARAMETERS, 'CANDIDATURE_NB_VOEUX_MAX_IS_ETAB', 'CANDIDATURE_NB_VOEUX_MAX', 'CANDIDAT_IS_INE_OBLI_FR'] as const;

/**
 * Creates a candidature (reference §3.2.1): the formation must be open in the candidate's campaign,
 * with no other active candidature to it and within the wish limit. The read-model row is written
 * first with the initial state (under a per-account lock, with the idempotency key), then the
 * workflow is started with "use existing", so a replay of the same request lands on the same
 * candidature. Answers the view of the new candidature for the actor.
 */
export async function createCandidature(app: FastifyInstance, opts: CreateOptions): Promise<{ id: string; view: CandidatureView; replay: boolean }> {
  const now = new Date();
  const account = await app.db.candidateAccount.findUniqueOrThrow({
    where: { id: opts.accountId },
    include: { campaign: true, candidate: { select: { ine: true } } },
  });

  if (opts.creationKey) {
    const previous = await app.db.candidature.findUnique({
      where: { accountId_creationKey: { accountId: account.id, creationKey: opts.creationKey } },
      select: CANDIDATURE_ROW,
    });
    if (previous) {
      // The first request may have stopped between the row and the start: start it (a running one is kept).
      if (previous.state) await startWorkflow(app, (previous.state as unknown as CandidatureState).input);
      return { id: previous.id, view: await readView(app, previous, opts.actor), replay: true };
    }
  }

  const campaign = account.campaign;
  const formation = await app.db.formation.findUnique({
    where: { code: opts.formationCode },
    include: { commission: { include: { centre: true } }, favourableDecisionType: true },
  });
  if (!formation)
    throw badRequest('formationCode', {
      fr: `formation inconnue (${opts.formationCode}).`,
      en: `unknown programme (${opts.formationCode}): choose one from the catalogue.`,
    });
  if (!formation.active || formation.commission.centre.sisType !== campaign.sisType)
    throw badRequest('formationCode', {
      fr: `la formation ${formation.code} n'est pas proposée dans la campagne ${campaign.code}.`,
      en: `the programme ${formation.code} is not offered in the campaign ${campaign.code}: choose one from the catalogue.`,
    });
  if (!campaign.active || campaign.archivedAt)
    throw conflict({ fr: `La campagne ${campaign.code} n'est pas ouverte.`, en: `The campaign ${campaign.code} is not open.` });
  const mode = opts.mode ?? 'candidate';
  const campaignEnd = isoDate(campaign.candidateAccessEndsOn) ?? isoDate(campaign.endsOn)!;
  // A manager applying on the candidate's behalf is not held to the candidates' dates (§3.2.1).
  if (mode === 'candidate' && !withinParisDates(now, isoDate(campaign.startsOn)!, campaignEnd))
    throw conflict({
      fr: `La campagne ${campaign.code} est fermée aux candidats.`,
      en: `The campaign ${campaign.code} is closed to candidates.`,
    });
  if (mode === 'candidate' && !withinParisDates(now, isoDate(formation.applicationStartsOn)!, isoDate(formation.applicationEndsOn)!))
    throw conflict(
      {
        fr: `Les candidatures à ${formation.label} sont ouvertes du ${isoDate(formation.applicationStartsOn)} au ${isoDate(formation.applicationEndsOn)} (nous sommes le ${parisDate(now)}).`,
        en: `Applications to ${formation.label} are open from ${isoDate(formation.applicationStartsOn)} to ${isoDate(formation.applicationEndsOn)} (today is ${parisDate(now)}): apply within these dates.`,
      },
      [{ field: 'formationCode', message: { fr: 'hors de la période de candidature', en: 'outside the application period' } }],
    );
  const parameters = await readParameters(app.db, CREATION_PARAMETERS);
  await assertFileReady(app, account.id, parameters.CANDIDAT_IS_INE_OBLI_FR);

  const id = randomUUID();
  const favourable = formation.favourableDecisionType;
  const input: CandidatureInput = {
    candidatureId: id,
    campaign: { code: campaign.code, sisType: campaign.sisType as SisType },
    formation: {
      code: formation.code,
      label: formation.label,
      commissionCode: formation.commission.code,
      traitement: formation.traitement as Traitement,
      returnDeadline: isoDate(formation.returnDeadline),
      confirmationOn: isoDate(formation.confirmationOn),
      confirmationDelayDays: formation.confirmationDelayDays,
      lcConfirmationOn: isoDate(formation.lcConfirmationOn),
      lcConfirmationDelayDays: formation.lcConfirmationDelayDays,
      favourableDecisionType: favourable ? decisionTypeRef(favourable) : null,
      waitingList: formation.automaticLc,
      ...(await requiredItems(app, formation.id, formation.traitement)),
    },
    candidate: { accountId: account.id, dossierNumber: account.dossierNumber, firstName: account.firstName, lastName: account.lastName },
    proposition: mode === 'proposition',
    parameters: processParameters(parameters),
    searchAttributes: app.config.searchAttributes,
    createdAt: now.toISOString(),
    createdBy: opts.actor,
  };
  const state = initialState(input);

  await app.db.$transaction(async (tx) => {
    // Serialises the checks below per account: two simultaneous requests cannot both pass them.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${account.id}::bigint)`;
    const active = await tx.candidature.findMany({
      where: { accountId: account.id, cancelledAt: null },
      select: { formationId: true, formation: { select: { commission: { select: { centreId: true } } } } },
    });
    if (active.some((c) => c.formationId === formation.id))
      throw conflict(
        {
          fr: `Vous avez déjà une candidature en cours pour ${formation.label}.`,
          en: `You already have an application in progress for ${formation.label}: open it from your applications.`,
        },
        [{ field: 'formationCode', message: { fr: 'candidature déjà existante', en: 'application already exists' } }],
      );
    // Wish limit (§3.2.1): CANDIDATURE_NB_VOEUX_MAX for the establishment, else the centre's own maximum.
    if (parameters.CANDIDATURE_NB_VOEUX_MAX_IS_ETAB) {
      if (active.length >= parameters.CANDIDATURE_NB_VOEUX_MAX)
        throw conflict({
          fr: `Nombre maximal de vœux atteint pour l'établissement (${parameters.CANDIDATURE_NB_VOEUX_MAX}).`,
          en: `You have reached the maximum number of applications for the institution (${parameters.CANDIDATURE_NB_VOEUX_MAX}): cancel one before applying to another programme.`,
        });
    } else {
      const sameCentre = active.filter((c) => c.formation.commission.centreId === formation.commission.centreId).length;
      if (sameCentre >= formation.commission.centre.maxWishes)
        throw conflict({
          fr: `Nombre maximal de vœux atteint pour ce centre (${formation.commission.centre.maxWishes}).`,
          en: `You have reached the maximum number of applications for this centre (${formation.commission.centre.maxWishes}): cancel one of them before applying to another of its programmes.`,
        });
    }
    await tx.candidature.create({
      data: {
        id,
        workflowId: candidatureWorkflowId(id),
        accountId: account.id,
        formationId: formation.id,
        campaignId: campaign.id,
        commissionId: formation.commissionId,
        candidateName: `${account.lastName.toUpperCase()} ${account.firstName}`,
        dossierNumber: account.dossierNumber,
        candidateIne: listIne(account.candidate?.ine),
        creationKey: opts.creationKey,
        createdBy: opts.actor.login,
        createdAt: now,
        ...readModelColumns(state),
        state: state as object,
      },
    });
  });
  try {
    await startWorkflow(app, input);
  } catch (err) {
    // No workflow, no candidature: remove the row so nothing half-made remains (and the key can be replayed).
    await app.db.candidature.delete({ where: { id } }).catch(() => undefined);
    throw err;
  }
  return { id, view: viewFor(state, opts.actor, now), replay: false };
}

/** Starts the candidature's workflow; a running one is reused, an ended one is not started again (idempotent). */
async function startWorkflow(app: FastifyInstance, input: CandidatureInput): Promise<void> {
  const searchAttributes = app.config.searchAttributes
    ? [
        { key: CampaignCodeKey, value: input.campaign.code },
        { key: FormationCodeKey, value: input.formation.code },
        { key: CommissionCodeKey, value: input.formation.commissionCode },
        // The ones that follow the state, as they are at start: the workflow upserts only changes.
        ...stateSearchAttributes(indexedFacts(initialState(input))).filter((p) => p.value !== null),
      ]
    : [];
  await temporalCall(app.temporal, () =>
    app.temporal.workflow.start(CANDIDATURE_WORKFLOW, {
      workflowId: candidatureWorkflowId(input.candidatureId),
      taskQueue: app.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: searchAttributes as never,
    }),
  ).catch((err: unknown) => {
    // A candidature whose workflow already ran to its end is not started again.
    if ((err as Error).name === 'WorkflowExecutionAlreadyStartedError') return;
    throw err;
  });
}

/** The candidate may only touch their own candidatures. */
export function assertOwner(row: { accountId: number }, accountId: number): void {
  if (row.accountId !== accountId)
    throw forbidden({ fr: "Cette candidature n'est pas la vôtre.", en: 'This application is not yours: you can only act on your own applications.' });
}

/**
 * Mandatory sections of the candidate's file before applying (§3.2.1): civil status, address, bac;
 * and the INE for French nationals when CANDIDAT_IS_INE_OBLI_FR is set and their bac asks for it.
 */
async function assertFileReady(app: FastifyInstance, accountId: number, ineRequiredForFrench: boolean): Promise<void> {
  const person = await app.db.candidate.findUnique({ where: { accountId }, include: { address: true, bac: true } });
  const missing = [
    !person && { fr: 'informations personnelles', en: 'personal information' },
    !person?.address && { fr: 'adresse', en: 'address' },
    !person?.bac && { fr: 'baccalauréat ou équivalence', en: 'baccalaureate or equivalent' },
  ].filter((m) => m !== false);
  if (missing.length) {
    const list = { fr: missing.map((m) => m.fr).join(', '), en: missing.map((m) => m.en).join(', ') };
    throw conflict({ fr: `Complétez votre dossier avant de candidater : ${list.fr}.`, en: `Complete your file before applying: ${list.en}.` }, [
      { field: 'profile', message: list },
    ]);
  }
  if (person!.nationalityCode === '100' && !person!.ine && ineRequiredForFrench) {
    const bac = person!.bac!;
    const rule = await app.db.sisBac.findFirst({ where: { code: bac.bacCode, ineCheck: true } });
    if (rule && (rule.ineCheckFromYear === null || (bac.year ?? 0) >= rule.ineCheckFromYear))
      throw conflict(
        {
          fr: 'Votre INE (identifiant national étudiant) est obligatoire : renseignez-le dans vos informations personnelles.',
          en: 'Your INE (national student identifier) is mandatory: enter it in your personal information.',
        },
        [
          {
            field: 'profile.ine',
            message: { fr: 'INE obligatoire pour un candidat de nationalité française', en: 'INE mandatory for a candidate of French nationality' },
          },
        ],
      );
  }
}

/**
 * The pieces and questions of a formation (§3.2.2): common ones (every formation) and the
 * formation's own, for the candidature's traitement.
 */
export async function requiredItems(app: FastifyInstance, formationId: number, traitement: string) {
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
  const fileId = view.pieces.find((p) => p.code === pieceCode)?.fileId;
  const file = fileId ? await app.db.storedFile.findUnique({ where: { id: fileId } }) : null;
  if (!file) throw notFound({ fr: `Aucun fichier pour la pièce ${pieceCode}.`, en: `There is no file for the document ${pieceCode}.` });
  return sendStoredFile(reply, app.storage, file);
}

/** The INE as the lists search it (the read model's copy, api/staff-list.ts): upper case, '' when none. */
const listIne = (ine: string | null | undefined) => (ine ?? '').toUpperCase();

/** After a change of the candidate's INE: the lists' copy follows (rows already right are left alone, their updatedAt too). */
export async function followCandidateIne(tx: Pick<Db, 'candidature'>, accountId: number, ine: string | null | undefined): Promise<void> {
  await tx.candidature.updateMany({ where: { accountId, NOT: { candidateIne: listIne(ine) } }, data: { candidateIne: listIne(ine) } });
}
