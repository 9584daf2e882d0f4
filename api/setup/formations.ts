// Formations (reference §4.4): what candidates apply to, in the campaign in service for their
// centre's SIS. Their dates and documents are read live by running candidatures (the reference reads
// them until archiving), so a change that matters to them — a date, a document added or removed —
// is sent to every open candidature of the formation through Temporal: the bulk workflow runs the
// `applyFormationChange` transition on each (progress: GET …/propagations/{id}); their deadlines and
// timers follow.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import { BULK_WORKFLOW, bulkProgressQuery, type BulkInput } from '../../contracts/bulk.ts';
import { WAITING_LIST_WORKFLOW, waitingListEventSignal, waitingListWorkflowId } from '../../contracts/waiting-list.ts';
import type { FormationChange } from '../../contracts/candidature.ts';
import type { FormationDatesInput, FormationInput, FormationPatch, FormationView, PropagationView } from '../../contracts/setup.ts';
import { labelled } from '../../contracts/field-labels.ts';
import { requiredItems } from '../candidature-service.ts';
import { conflict, HttpProblem } from '../problem.ts';
import { temporalCall } from '../temporal.ts';
import { audit, changed, fromDay, invalidField, missing, toDay, uniquely, type SetupContext, type Tx } from './context.ts';

/** Stages of a candidature a formation's change still concerns. */
const OPEN_STAGES = ['draft', 'transmitted', 'decided'];
/** Workflow ids of propagations: `formation-change-<uuid>`. */
export const PROPAGATION_ID_PATTERN = /^formation-change-[0-9a-f-]{36}$/;

const include = {
  commission: { select: { code: true, centre: { select: { code: true, sisType: true } } } },
  supportingDocuments: { include: { supportingDocument: { select: { code: true } } } },
  questions: { include: { question: { select: { code: true } } } },
  favourableDecisionType: { select: { code: true } },
  lcFavourableDecisionType: { select: { code: true } },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(db: SetupContext['app']['db'] | Tx, code: string) {
  return db.formation.findUnique({ where: { code }, include });
}

export function formationView(row: Row, campaignCode: string | null): FormationView {
  return {
    code: row.code,
    label: row.label,
    commissionCode: row.commission.code,
    centreCode: row.commission.centre.code,
    campaignCode,
    active: row.active,
    traitement: row.traitement as FormationView['traitement'],
    capacity: row.capacity,
    applicationStartsOn: fromDay(row.applicationStartsOn),
    applicationEndsOn: fromDay(row.applicationEndsOn),
    returnDeadline: fromDay(row.returnDeadline),
    analysisOn: fromDay(row.analysisOn),
    juryOn: fromDay(row.juryOn),
    publicationOn: fromDay(row.publicationOn),
    confirmationOn: fromDay(row.confirmationOn),
    confirmationDelayDays: row.confirmationDelayDays,
    lcConfirmationOn: fromDay(row.lcConfirmationOn),
    lcConfirmationDelayDays: row.lcConfirmationDelayDays,
    automaticLc: row.automaticLc,
    preselectOn: fromDay(row.preselectOn),
    preselectTime: row.preselectTime,
    preselectPlace: row.preselectPlace,
    favourableDecisionType: row.favourableDecisionType.code,
    lcFavourableDecisionType: row.lcFavourableDecisionType?.code ?? null,
    keywords: row.keywords,
    url: row.url,
    additionalInfo: row.additionalInfo,
    apogeeVetCode: row.apogeeVetCode,
    apogeeVetVersion: row.apogeeVetVersion,
    pegaseCode: row.pegaseCode,
    documentCodes: row.supportingDocuments.map((d) => d.supportingDocument.code).sort(),
    questionCodes: row.questions.map((q) => q.question.code).sort(),
  };
}

/** The campaign in service per SIS type (a formation takes candidatures for its centre's). */
async function campaignsInService(ctx: SetupContext): Promise<Map<string, string>> {
  const rows = await ctx.app.db.campaign.findMany({ where: { active: true, archivedAt: null }, select: { code: true, sisType: true } });
  return new Map(rows.map((c) => [c.sisType, c.code]));
}

const notFoundFormation = (ctx: SetupContext, code: string) => missing(ctx, { fr: `Aucune formation ${code}.`, en: `No formation ${code}.` });

export async function listFormations(ctx: SetupContext, filter: { commissionCode?: string; centreCode?: string } = {}): Promise<FormationView[]> {
  const [rows, campaigns] = await Promise.all([
    ctx.app.db.formation.findMany({
      where: { commission: { code: filter.commissionCode, centre: filter.centreCode ? { code: filter.centreCode } : undefined } },
      include,
      orderBy: { code: 'asc' },
    }),
    campaignsInService(ctx),
  ]);
  return rows.map((r) => formationView(r, campaigns.get(r.commission.centre.sisType) ?? null));
}

export async function getFormation(ctx: SetupContext, code: string): Promise<FormationView> {
  const row = await readRow(ctx.app.db, code);
  if (!row) throw notFoundFormation(ctx, code);
  return formationView(row, (await campaignsInService(ctx)).get(row.commission.centre.sisType) ?? null);
}

type Dates = Pick<FormationView, 'applicationStartsOn' | 'applicationEndsOn' | 'returnDeadline'> &
  Partial<Pick<FormationView, 'juryOn' | 'publicationOn' | 'confirmationOn' | 'lcConfirmationOn'>>;
/** The order of a formation's dates (reference §4.4): nothing before the opening, publication after the jury. */
function checkDates(ctx: SetupContext, v: Dates) {
  const after = { fr: 'doit être après le début de dépôt des candidatures.', en: 'must be after the opening of applications.' };
  for (const field of ['applicationEndsOn', 'returnDeadline', 'juryOn', 'publicationOn', 'confirmationOn', 'lcConfirmationOn'] as const) {
    const value = v[field];
    if (value && value < v.applicationStartsOn) throw invalidField(ctx, field, after);
  }
  if (v.juryOn && v.publicationOn && v.publicationOn < v.juryOn)
    throw invalidField(ctx, 'publicationOn', { fr: 'doit être après la date du jury.', en: 'must be after the jury date.' });
}

/** A formation's SIS link is its centre's SIS's: Apogée codes on an Apogée centre, a Pégase code on a Pégase one. */
function checkSisLink(ctx: SetupContext, sisType: string, v: { apogeeVetCode?: string | null; apogeeVetVersion?: string | null; pegaseCode?: string | null }) {
  const other =
    sisType === 'A'
      ? (['pegaseCode'] as const)
      : sisType === 'P'
        ? (['apogeeVetCode', 'apogeeVetVersion'] as const)
        : (['apogeeVetCode', 'apogeeVetVersion', 'pegaseCode'] as const);
  const wrong = other.find((field) => v[field]);
  if (wrong)
    throw invalidField(ctx, wrong, {
      fr: 'ne correspond pas au SI du centre de la formation.',
      en: 'does not belong to the SIS of the programme’s centre.',
    });
}

async function commissionId(ctx: SetupContext, code: string) {
  const commission = await ctx.app.db.commission.findUnique({
    where: { code },
    select: { id: true, centre: { select: { id: true, sisType: true, favourableDecisionTypeId: true, lcFavourableDecisionTypeId: true } } },
  });
  if (!commission) throw invalidField(ctx, 'commissionCode', { fr: `aucune commission ${code}.`, en: `no commission ${code}.` });
  return commission;
}

/** A favourable decision type by its code (400 naming the field when it is not one). */
async function favourableDecisionTypeId(
  ctx: SetupContext,
  code: string | undefined,
  field: 'favourableDecisionType' | 'lcFavourableDecisionType' = 'favourableDecisionType',
): Promise<number | undefined> {
  if (code === undefined) return undefined;
  const row = await ctx.app.db.decisionType.findUnique({ where: { code }, select: { id: true, opinionKindCode: true, active: true } });
  if (!row || row.opinionKindCode !== 'FA' || !row.active)
    throw invalidField(ctx, field, {
      fr: `${code} n’est pas un type de décision favorable en service.`,
      en: `${code} is not a favourable decision type in service.`,
    });
  return row.id;
}

async function questionIds(ctx: SetupContext, codes: string[] | undefined): Promise<number[] | undefined> {
  if (codes === undefined) return undefined;
  const rows = await ctx.app.db.question.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const unknown = codes.find((c) => !rows.some((r) => r.code === c));
  if (unknown) throw invalidField(ctx, 'questionCodes', { fr: `aucune question ${unknown}.`, en: `no question ${unknown}.` });
  return rows.map((r) => r.id);
}

/** The documents a formation asks for: scolarité centrale's or its own centre's. */
async function documentIds(ctx: SetupContext, codes: string[] | undefined, centreId: number): Promise<number[] | undefined> {
  if (codes === undefined) return undefined;
  const rows = await ctx.app.db.supportingDocument.findMany({
    where: { code: { in: codes }, OR: [{ centreId: null }, { centreId }] },
    select: { id: true, code: true },
  });
  const unknown = codes.find((c) => !rows.some((r) => r.code === c));
  if (unknown)
    throw invalidField(ctx, 'documentCodes', {
      fr: `aucune pièce ${unknown} pour le centre de la formation.`,
      en: `no supporting document ${unknown} for the programme’s centre.`,
    });
  return rows.map((r) => r.id);
}

function formationData(v: z.infer<typeof FormationPatch>) {
  return {
    label: v.label,
    active: v.active,
    traitement: v.traitement,
    capacity: v.capacity,
    applicationStartsOn: toDay(v.applicationStartsOn),
    applicationEndsOn: toDay(v.applicationEndsOn),
    returnDeadline: toDay(v.returnDeadline),
    analysisOn: toDay(v.analysisOn),
    juryOn: toDay(v.juryOn),
    publicationOn: toDay(v.publicationOn),
    confirmationOn: toDay(v.confirmationOn),
    confirmationDelayDays: v.confirmationDelayDays,
    lcConfirmationOn: toDay(v.lcConfirmationOn),
    lcConfirmationDelayDays: v.lcConfirmationDelayDays,
    automaticLc: v.automaticLc,
    preselectOn: toDay(v.preselectOn),
    preselectTime: v.preselectTime,
    preselectPlace: v.preselectPlace,
    keywords: v.keywords,
    url: v.url,
    additionalInfo: v.additionalInfo,
    apogeeVetCode: v.apogeeVetCode,
    apogeeVetVersion: v.apogeeVetVersion,
    pegaseCode: v.pegaseCode,
  };
}

export async function createFormation(ctx: SetupContext, input: z.infer<typeof FormationInput>): Promise<FormationView> {
  checkDates(ctx, input);
  const commission = await commissionId(ctx, input.commissionCode);
  checkSisLink(ctx, commission.centre.sisType, input);
  const documents = await documentIds(ctx, input.documentCodes, commission.centre.id);
  const questions = await questionIds(ctx, input.questionCodes);
  // The favourable decision of a validated "accès direct": the centre's, else the reference's default.
  const decisionTypeId =
    (await favourableDecisionTypeId(ctx, input.favourableDecisionType)) ??
    commission.centre.favourableDecisionTypeId ??
    (await ctx.app.db.decisionType.findUniqueOrThrow({ where: { code: 'AVIS_FAVORABLE' } })).id;
  const row = await uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      const created = await tx.formation.create({
        data: {
          ...formationData(input),
          code: input.code,
          label: input.label,
          traitement: input.traitement ?? 'AC',
          applicationStartsOn: toDay(input.applicationStartsOn),
          applicationEndsOn: toDay(input.applicationEndsOn),
          returnDeadline: toDay(input.returnDeadline),
          commissionId: commission.id,
          favourableDecisionTypeId: decisionTypeId,
          lcFavourableDecisionTypeId:
            (await favourableDecisionTypeId(ctx, input.lcFavourableDecisionType, 'lcFavourableDecisionType')) ??
            commission.centre.lcFavourableDecisionTypeId ??
            decisionTypeId,
          supportingDocuments: { create: (documents ?? []).map((supportingDocumentId) => ({ supportingDocumentId })) },
          questions: { create: (questions ?? []).map((questionId) => ({ questionId })) },
        },
        include,
      });
      await audit(tx, ctx, 'formation.create', `formation:${created.code}`, null, formationView(created, null));
      return created;
    }),
  );
  return formationView(row, (await campaignsInService(ctx)).get(row.commission.centre.sisType) ?? null);
}

/** Whether running candidatures must hear of this change (what their state holds of the formation). */
function concernsCandidatures(before: FormationView, after: FormationView): boolean {
  const keys = [
    'label',
    'returnDeadline',
    'confirmationOn',
    'confirmationDelayDays',
    'lcConfirmationOn',
    'lcConfirmationDelayDays',
    'documentCodes',
    'questionCodes',
    'traitement',
  ] as const;
  return keys.some((k) => changed(before[k], after[k]));
}

export async function updateFormation(ctx: SetupContext, code: string, patch: z.infer<typeof FormationPatch>): Promise<FormationView> {
  const beforeRow = await readRow(ctx.app.db, code);
  if (!beforeRow) throw notFoundFormation(ctx, code);
  const before = formationView(beforeRow, null);
  checkDates(ctx, { ...before, ...patch });
  const commission = patch.commissionCode && patch.commissionCode !== before.commissionCode ? await commissionId(ctx, patch.commissionCode) : null;
  // Candidatures carry their commission (lists, scopes, search attributes): a formation that has some stays where it is.
  if (commission && (await ctx.app.db.candidature.count({ where: { formationId: beforeRow.id } })) > 0)
    throw conflict(
      {
        fr: 'Cette formation a déjà des candidatures : elle ne change plus de commission.',
        en: 'This programme already has applications: it can no longer change commission.',
      }[ctx.lang],
      [
        {
          field: 'commissionCode',
          message: labelled(
            'commissionCode',
            ctx.lang,
            { fr: 'la formation a déjà des candidatures.', en: 'the programme already has applications.' }[ctx.lang],
          ),
        },
      ],
    );
  const centre = commission?.centre ?? (await ctx.app.db.centre.findUniqueOrThrow({ where: { code: before.centreCode }, select: { id: true, sisType: true } }));
  checkSisLink(ctx, centre.sisType, patch);
  const documents = await documentIds(ctx, patch.documentCodes, centre.id);
  const questions = await questionIds(ctx, patch.questionCodes);
  const decisionTypeId = await favourableDecisionTypeId(ctx, patch.favourableDecisionType);
  const lcDecisionTypeId = await favourableDecisionTypeId(ctx, patch.lcFavourableDecisionType, 'lcFavourableDecisionType');
  const afterRow = await ctx.app.db.$transaction(async (tx) => {
    if (documents) {
      await tx.formationSupportingDocument.deleteMany({ where: { formationId: beforeRow.id } });
      await tx.formationSupportingDocument.createMany({ data: documents.map((supportingDocumentId) => ({ formationId: beforeRow.id, supportingDocumentId })) });
    }
    if (questions) {
      await tx.formationQuestion.deleteMany({ where: { formationId: beforeRow.id } });
      await tx.formationQuestion.createMany({ data: questions.map((questionId) => ({ formationId: beforeRow.id, questionId })) });
    }
    const row = await tx.formation.update({
      where: { code },
      data: { ...formationData(patch), commissionId: commission?.id, favourableDecisionTypeId: decisionTypeId, lcFavourableDecisionTypeId: lcDecisionTypeId },
      include,
    });
    if (changed(before, formationView(row, null))) await audit(tx, ctx, 'formation.update', `formation:${code}`, before, formationView(row, null));
    return row;
  });
  const after = formationView(afterRow, (await campaignsInService(ctx)).get(afterRow.commission.centre.sisType) ?? null);
  await freeSeats(ctx, before, after);
  if (!concernsCandidatures(before, after)) return { ...after, propagation: null };
  return { ...after, propagation: await propagate(ctx, afterRow) };
}

/** Sends the formation as it is now to each of its open candidatures (one bulk workflow); answers its first progress. */
async function propagate(ctx: SetupContext, row: Row): Promise<PropagationView> {
  const { app } = ctx;
  const candidatures = await app.db.candidature.findMany({
    where: { formationId: row.id, stage: { in: OPEN_STAGES }, campaign: { archivedAt: null } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  const { pieces, questions } = await requiredItems(app, row.id, row.traitement);
  const formation: FormationChange = {
    label: row.label,
    returnDeadline: fromDay(row.returnDeadline),
    confirmationOn: fromDay(row.confirmationOn),
    confirmationDelayDays: row.confirmationDelayDays,
    lcConfirmationOn: fromDay(row.lcConfirmationOn),
    lcConfirmationDelayDays: row.lcConfirmationDelayDays,
    pieces,
    questions,
  };
  const id = `formation-change-${randomUUID()}`;
  const input: BulkInput = {
    action: 'applyFormationChange',
    args: { formation },
    actor: { kind: 'system', login: ctx.actor, displayName: `paramétrage de ${row.code}` },
    candidatureIds: candidatures.map((c) => c.id),
    scopes: candidatures.length ? [{ rights: [], items: candidatures.map((_, i) => i) }] : [],
    refused: [],
  };
  await temporalCall(app.temporal, () => app.temporal.workflow.start(BULK_WORKFLOW, { workflowId: id, taskQueue: app.config.taskQueue, args: [input] }));
  await app.db.auditEvent.create({
    data: {
      actor: ctx.actor,
      action: 'formation.propagation',
      subject: `formation:${row.code}`,
      details: { workflowId: id, candidatures: candidatures.length },
    },
  });
  return { id, total: candidatures.length, done: 0, failed: 0, finished: candidatures.length === 0 };
}

/** Progress of a propagation (its bulk workflow). */
export async function propagationProgress(ctx: SetupContext, id: string): Promise<PropagationView> {
  const progress = await temporalCall(ctx.app.temporal, () =>
    ctx.app.temporal.workflow
      .getHandle(id)
      .query(bulkProgressQuery, { offset: 0, limit: 1 })
      .catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) throw missing(ctx, { fr: `Aucune propagation ${id}.`, en: `No propagation ${id}.` });
        throw err;
      }),
  );
  return { id, total: progress.total, done: progress.done, failed: progress.failed, finished: progress.status === 'completed' };
}

/**
 * The same dates given to several formations at once: every formation is checked first (nothing is
 * written when one would end with inconsistent dates), then each is changed as one PATCH would, its
 * open candidatures following.
 */
export async function setFormationDates(ctx: SetupContext, input: z.infer<typeof FormationDatesInput>) {
  const rows = await ctx.app.db.formation.findMany({ where: { code: { in: input.formationCodes } }, include });
  input.formationCodes.forEach((code, i) => {
    const row = rows.find((r) => r.code === code);
    if (!row) throw invalidField(ctx, `formationCodes.${i}`, { fr: `aucune formation ${code}.`, en: `no formation ${code}.` });
    try {
      checkDates(ctx, { ...formationView(row, null), ...input.dates });
    } catch (err) {
      // Which formation would end inconsistent: its code before the field's message.
      if (!(err instanceof HttpProblem)) throw err;
      const errors = err.errors.map((e) => ({ field: `dates.${e.field}`, message: `${code} — ${e.message}` }));
      throw new HttpProblem(err.status, err.title, errors.map((e) => e.message).join(' ; '), errors);
    }
  });
  const results = [];
  for (const code of new Set(input.formationCodes)) results.push({ code, propagation: (await updateFormation(ctx, code, input.dates)).propagation ?? null });
  return results;
}

/**
 * More seats (capacity raised from a number to a larger one) are seats freed for the complementary
 * list: its workflow promotes that many candidates when the formation promotes automatically
 * (reference §3.2.11), one at a time like any freed seat. Each seat is named by the change, so a
 * retried request frees it once.
 */
async function freeSeats(ctx: SetupContext, before: FormationView, after: FormationView): Promise<void> {
  if (before.capacity === null || after.capacity === null || after.capacity <= before.capacity) return;
  const at = new Date().toISOString();
  for (let seat = before.capacity + 1; seat <= after.capacity; seat++)
    await temporalCall(ctx.app.temporal, () =>
      ctx.app.temporal.workflow.signalWithStart(WAITING_LIST_WORKFLOW, {
        workflowId: waitingListWorkflowId(after.code),
        taskQueue: ctx.app.config.taskQueue,
        args: [{ formationCode: after.code }],
        signal: waitingListEventSignal,
        signalArgs: [{ candidatureId: `capacity:${after.code}:${seat}:${at}`, event: 'seatFreed', at }],
      }),
    );
}
