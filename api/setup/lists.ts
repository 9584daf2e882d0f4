// The smaller lists of the setup (reference §1.4 "scol centrale" screens): questions asked to
// candidates, tags with their colours, decision types, unfavourable motives. Each belongs to
// scolarité centrale or to one centre; each is put out of service (active: false), never deleted,
// since candidatures keep references to them.
import type { z } from 'zod';
import {
  QUESTION_TYPES,
  type DecisionTypeInput,
  DecisionTypePatch,
  DecisionTypeView,
  MotiveInput,
  MotivePatch,
  MotiveView,
  QuestionInput,
  QuestionPatch,
  QuestionView,
  TagInput,
  TagPatch,
  TagView,
} from '../../contracts/setup.ts';
import type { OpinionKind } from '../../domain/codes.ts';
import { audit, centreIdOf, changed, invalidField, missing, uniquely, type SetupContext, type Tx } from './context.ts';

const centre = { centre: { select: { code: true } } } as const;

/** Create then audit, in one transaction; a duplicate code is a 409. */
async function created<V>(ctx: SetupContext, kind: string, code: string, create: (tx: Tx) => Promise<V>): Promise<V> {
  return uniquely(ctx, 'code', code, () =>
    ctx.app.db.$transaction(async (tx) => {
      const view = await create(tx);
      await audit(tx, ctx, `${kind}.create`, `${kind}:${code}`, null, view);
      return view;
    }),
  );
}

/** Update then audit the before/after views. */
async function updated<V>(ctx: SetupContext, kind: string, key: string, before: V | null, update: (tx: Tx) => Promise<V>): Promise<V> {
  if (before === null) throw missing(ctx, { fr: `Introuvable : ${kind} ${key}.`, en: `Not found: ${kind} ${key}.` });
  return ctx.app.db.$transaction(async (tx) => {
    const after = await update(tx);
    if (changed(before, after)) await audit(tx, ctx, `${kind}.update`, `${kind}:${key}`, before, after);
    return after;
  });
}

// ── Questions
type QuestionRow = {
  code: string;
  label: string;
  labelEn: string | null;
  type: string;
  isCommon: boolean;
  isConditional: boolean;
  active: boolean;
  centre: { code: string } | null;
};
const questionView = (r: QuestionRow): QuestionView => ({
  code: r.code,
  label: r.label,
  labelEn: r.labelEn,
  // A value outside the reference's (older data) reads as text.
  type: (QUESTION_TYPES as readonly string[]).includes(r.type) ? (r.type as QuestionView['type']) : 'S',
  isCommon: r.isCommon,
  isConditional: r.isConditional,
  active: r.active,
  centreCode: r.centre?.code ?? null,
});

export async function listQuestions(ctx: SetupContext): Promise<QuestionView[]> {
  return (await ctx.app.db.question.findMany({ include: centre, orderBy: [{ order: 'asc' }, { code: 'asc' }] })).map(questionView);
}
export async function createQuestion(ctx: SetupContext, input: z.infer<typeof QuestionInput>): Promise<QuestionView> {
  const { centreCode, ...fields } = input;
  const id = await centreIdOf(ctx, centreCode);
  return created(ctx, 'question', input.code, async (tx) =>
    questionView(await tx.question.create({ data: { ...fields, centreId: id ?? null }, include: centre })),
  );
}
export async function updateQuestion(ctx: SetupContext, code: string, patch: z.infer<typeof QuestionPatch>): Promise<QuestionView> {
  const before = await ctx.app.db.question.findUnique({ where: { code }, include: centre });
  const { centreCode, ...fields } = patch;
  const id = await centreIdOf(ctx, centreCode);
  return updated(ctx, 'question', code, before && questionView(before), async (tx) =>
    questionView(await tx.question.update({ where: { code }, data: { ...fields, centreId: id }, include: centre })),
  );
}

// ── Tags
type TagRow = { id: number; label: string; colour: string; active: boolean; centre: { code: string } | null };
const tagView = (r: TagRow): TagView => ({ id: r.id, label: r.label, colour: r.colour, active: r.active, centreCode: r.centre?.code ?? null });

export async function listTags(ctx: SetupContext): Promise<TagView[]> {
  return (await ctx.app.db.tag.findMany({ include: centre, orderBy: { label: 'asc' } })).map(tagView);
}
export async function createTag(ctx: SetupContext, input: z.infer<typeof TagInput>): Promise<TagView> {
  const id = await centreIdOf(ctx, input.centreCode);
  return ctx.app.db.$transaction(async (tx) => {
    const view = tagView(await tx.tag.create({ data: { label: input.label, colour: input.colour, centreId: id ?? null }, include: centre }));
    await audit(tx, ctx, 'tag.create', `tag:${view.id}`, null, view);
    return view;
  });
}
export async function updateTag(ctx: SetupContext, tagId: number, patch: z.infer<typeof TagPatch>): Promise<TagView> {
  const before = await ctx.app.db.tag.findUnique({ where: { id: tagId }, include: centre });
  const { centreCode, ...fields } = patch;
  const id = await centreIdOf(ctx, centreCode);
  return updated(ctx, 'tag', String(tagId), before && tagView(before), async (tx) =>
    tagView(await tx.tag.update({ where: { id: tagId }, data: { ...fields, centreId: id }, include: centre })),
  );
}

// ── Unfavourable motives
type MotiveRow = { code: string; label: string; labelEn: string | null; active: boolean; centre: { code: string } | null };
const motiveView = (r: MotiveRow): MotiveView => ({ code: r.code, label: r.label, labelEn: r.labelEn, active: r.active, centreCode: r.centre?.code ?? null });

export async function listMotives(ctx: SetupContext): Promise<MotiveView[]> {
  return (await ctx.app.db.unfavourableMotive.findMany({ include: centre, orderBy: { code: 'asc' } })).map(motiveView);
}
export async function createMotive(ctx: SetupContext, input: z.infer<typeof MotiveInput>): Promise<MotiveView> {
  const { centreCode, ...fields } = input;
  const id = await centreIdOf(ctx, centreCode);
  return created(ctx, 'motive', input.code, async (tx) =>
    motiveView(await tx.unfavourableMotive.create({ data: { ...fields, centreId: id ?? null }, include: centre })),
  );
}
export async function updateMotive(ctx: SetupContext, code: string, patch: z.infer<typeof MotivePatch>): Promise<MotiveView> {
  const before = await ctx.app.db.unfavourableMotive.findUnique({ where: { code }, include: centre });
  const { centreCode, ...fields } = patch;
  const id = await centreIdOf(ctx, centreCode);
  return updated(ctx, 'motive', code, before && motiveView(before), async (tx) =>
    motiveView(await tx.unfavourableMotive.update({ where: { code }, data: { ...fields, centreId: id }, include: centre })),
  );
}

// ── Decision types
type DecisionRow = {
  code: string;
  label: string;
  labelEn: string | null;
  opinionKindCode: string;
  mailCode: string;
  definitive: boolean;
  exportsToSis: boolean;
  showComment: boolean;
  active: boolean;
  centre: { code: string } | null;
};
const decisionView = (r: DecisionRow): DecisionTypeView => ({
  code: r.code,
  label: r.label,
  labelEn: r.labelEn,
  opinionKind: r.opinionKindCode as OpinionKind,
  mailCode: r.mailCode,
  definitive: r.definitive,
  exportsToSis: r.exportsToSis,
  showComment: r.showComment,
  active: r.active,
  centreCode: r.centre?.code ?? null,
});

async function checkMailCode(ctx: SetupContext, mailCode: string | undefined) {
  if (mailCode === undefined) return;
  if (!(await ctx.app.db.mailTemplate.findFirst({ where: { code: mailCode, centreId: null } })))
    throw invalidField(ctx, 'mailCode', { fr: `aucun modèle de mail ${mailCode}.`, en: `no mail template ${mailCode}.` });
}

export async function listDecisionTypes(ctx: SetupContext): Promise<DecisionTypeView[]> {
  return (await ctx.app.db.decisionType.findMany({ include: centre, orderBy: { code: 'asc' } })).map(decisionView);
}
export async function createDecisionType(ctx: SetupContext, input: z.infer<typeof DecisionTypeInput>): Promise<DecisionTypeView> {
  const { centreCode, opinionKind, ...fields } = input;
  await checkMailCode(ctx, input.mailCode);
  const id = await centreIdOf(ctx, centreCode);
  return created(ctx, 'decisionType', input.code, async (tx) =>
    decisionView(await tx.decisionType.create({ data: { ...fields, opinionKindCode: opinionKind, centreId: id ?? null }, include: centre })),
  );
}
export async function updateDecisionType(ctx: SetupContext, code: string, patch: z.infer<typeof DecisionTypePatch>): Promise<DecisionTypeView> {
  const before = await ctx.app.db.decisionType.findUnique({ where: { code }, include: centre });
  const { centreCode, ...fields } = patch;
  await checkMailCode(ctx, patch.mailCode);
  const id = await centreIdOf(ctx, centreCode);
  return updated(ctx, 'decisionType', code, before && decisionView(before), async (tx) =>
    decisionView(await tx.decisionType.update({ where: { code }, data: { ...fields, centreId: id }, include: centre })),
  );
}
