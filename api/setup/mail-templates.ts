// Mail templates (reference §3.3; issue 9): administrators edit the institution's template of each
// mail code and give a centre its own version (an override), which the centre's candidatures then
// get (activities/mail.ts `renderCandidatureMail`). A subject or body may only use the variables
// its code offers, with every `{if($x)}` closed (domain/mail-template.ts); a preview renders what
// is being typed with sample values. The institution's templates come from the seed and are never
// deleted; an override is. Every change is audited.
import type { z } from 'zod';
import { labelled } from '../../contracts/field-labels.ts';
import type { MailTemplateInput, MailTemplatePreviewInput, MailTemplateSummary, MailTemplateView, RenderedMailView } from '../../contracts/mail-templates.ts';
import { mailTemplateProblems, mailVariables, renderMail, sampleVariables, type MailVariableDefinition } from '../../domain/mail-template.ts';
import { conflict } from '../problem.ts';
import { audit, centreIdOf, changed, invalidField, missing, type SetupContext, type Tx } from './context.ts';

const include = { centre: { select: { code: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof readGlobal>>>;

function readGlobal(db: SetupContext['app']['db'] | Tx, code: string) {
  // (code, centreId = null) is no unique key for Prisma (NULLs are distinct in the unique index).
  return db.mailTemplate.findFirst({ where: { code, centreId: null }, include });
}

function summaryOf(row: Row): MailTemplateSummary {
  return {
    code: row.code,
    label: row.label,
    centreCode: row.centre?.code ?? null,
    active: row.active,
    subjectFr: row.subjectFr,
    subjectEn: row.subjectEn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const variablesOf = (global: Row): MailVariableDefinition[] => mailVariables(global.code, { opinionKindCode: global.opinionKindCode });

function viewOf(row: Row, global: Row): MailTemplateView {
  return {
    ...summaryOf(row),
    bodyFr: row.bodyFr,
    bodyEn: row.bodyEn,
    variables: variablesOf(global).map((d) => ({ name: d.name, description: { fr: d.description.fr, en: d.description.en }, sample: d.sample })),
  };
}

/** What the audit keeps of a template. */
function audited(row: Row) {
  const { code, label, active, subjectFr, bodyFr, subjectEn, bodyEn } = row;
  return { code, centreCode: row.centre?.code ?? null, label, active, subjectFr, bodyFr, subjectEn, bodyEn };
}

const subjectOf = (code: string, centreCode: string | null) => `mailTemplate:${code}${centreCode ? `@${centreCode}` : ''}`;

async function globalTemplate(ctx: SetupContext, code: string): Promise<Row> {
  const row = await readGlobal(ctx.app.db, code);
  if (!row) throw missing(ctx, { fr: `Aucun mail ${code}.`, en: `No mail ${code}.` });
  return row;
}

/** The centre an override belongs to (400 naming centreCode when unknown). */
async function centreOf(ctx: SetupContext, code: string) {
  return { id: (await centreIdOf(ctx, code))!, code };
}

const noOverride = (ctx: SetupContext, code: string, centreCode: string) =>
  missing(ctx, {
    fr: `Le centre ${centreCode} n’a pas de version propre du mail ${code}.`,
    en: `Centre ${centreCode} has no version of its own of mail ${code}.`,
  });

/** 400 naming the first field whose text uses a variable the code does not offer, or leaves a block open. */
function checkTexts(ctx: SetupContext, variables: readonly MailVariableDefinition[], texts: [field: string, text: string][]) {
  const names = variables.map((d) => d.name);
  for (const [field, text] of texts) {
    const [problem] = mailTemplateProblems(text, names);
    if (problem) throw invalidField(ctx, field, problem.message);
  }
}

/** Every template: the institution's first (by code), then the centres' overrides (by centre, then code). */
export async function listMailTemplates(ctx: SetupContext): Promise<MailTemplateSummary[]> {
  const rows = await ctx.app.db.mailTemplate.findMany({ include, orderBy: [{ code: 'asc' }] });
  const globals = rows.filter((r) => !r.centre);
  const overrides = rows.filter((r) => r.centre).sort((a, b) => a.centre!.code.localeCompare(b.centre!.code) || a.code.localeCompare(b.code));
  return [...globals, ...overrides].map(summaryOf);
}

/** The institution's template of a code, or a centre's override of it (404 when it has none), with the variables the code offers. */
export async function getMailTemplate(ctx: SetupContext, code: string, centreCode?: string): Promise<MailTemplateView> {
  const global = await globalTemplate(ctx, code);
  if (!centreCode) return viewOf(global, global);
  const centre = await centreOf(ctx, centreCode);
  const row = await ctx.app.db.mailTemplate.findUnique({ where: { code_centreId: { code, centreId: centre.id } }, include });
  if (!row) throw noOverride(ctx, code, centre.code);
  return viewOf(row, global);
}

/** Changes the institution's template, or creates / changes a centre's override of it. */
export async function saveMailTemplate(ctx: SetupContext, code: string, input: z.infer<typeof MailTemplateInput>): Promise<MailTemplateView> {
  const global = await globalTemplate(ctx, code);
  const centre = input.centreCode ? await centreOf(ctx, input.centreCode) : null;
  checkTexts(ctx, variablesOf(global), [
    ['subjectFr', input.subjectFr],
    ['bodyFr', input.bodyFr],
    ['subjectEn', input.subjectEn],
    ['bodyEn', input.bodyEn],
  ]);
  const texts = { subjectFr: input.subjectFr, bodyFr: input.bodyFr, subjectEn: input.subjectEn, bodyEn: input.bodyEn };
  const data = { ...texts, ...(input.active === undefined ? {} : { active: input.active }) };
  return ctx.app.db.$transaction(async (tx) => {
    if (!centre) {
      const before = (await readGlobal(tx, code)) ?? global;
      const row = await tx.mailTemplate.update({ where: { id: before.id }, data, include });
      if (changed(audited(before), audited(row))) await audit(tx, ctx, 'mailTemplate.update', subjectOf(code, null), audited(before), audited(row));
      return viewOf(row, row);
    }
    const key = { code_centreId: { code, centreId: centre.id } };
    const before = await tx.mailTemplate.findUnique({ where: key, include });
    const row = await tx.mailTemplate.upsert({
      where: key,
      create: {
        code,
        centreId: centre.id,
        label: global.label,
        isModel: false,
        opinionKindCode: global.opinionKindCode,
        active: input.active ?? true,
        ...texts,
      },
      update: data,
      include,
    });
    if (!before || changed(audited(before), audited(row)))
      await audit(tx, ctx, 'mailTemplate.override', subjectOf(code, centre.code), before ? audited(before) : null, audited(row));
    return viewOf(row, global);
  });
}

/** Removes a centre's override (its candidatures get the institution's template again); the institution's own cannot be removed. */
export async function deleteMailTemplateOverride(ctx: SetupContext, code: string, centreCode?: string): Promise<void> {
  await globalTemplate(ctx, code);
  if (!centreCode) {
    const message = {
      fr: 'le mail de l’établissement ne peut pas être supprimé : modifiez-le, ou mettez-le hors service. Seule la version propre d’un centre se supprime.',
      en: 'the institution’s mail cannot be deleted: change it, or put it out of service. Only a centre’s own version can be deleted.',
    }[ctx.lang];
    throw conflict(message.charAt(0).toUpperCase() + message.slice(1), [{ field: 'centreCode', message: labelled('centreCode', ctx.lang, message) }]);
  }
  const centre = await centreOf(ctx, centreCode);
  await ctx.app.db.$transaction(async (tx) => {
    const key = { code_centreId: { code, centreId: centre.id } };
    const before = await tx.mailTemplate.findUnique({ where: key, include });
    if (!before) throw noOverride(ctx, code, centre.code);
    await tx.mailTemplate.delete({ where: { id: before.id } });
    await audit(tx, ctx, 'mailTemplate.deleteOverride', subjectOf(code, centre.code), audited(before), null);
  });
}

/**
 * A subject and body as they are being typed, rendered with the sample value of every variable the
 * code offers; checked as a save is (the fields at fault named `subjectFr` / `bodyFr`, or `…En` for
 * an English preview: the form's own fields).
 */
export async function previewMailTemplate(ctx: SetupContext, code: string, input: z.infer<typeof MailTemplatePreviewInput>): Promise<RenderedMailView> {
  const global = await globalTemplate(ctx, code);
  const variables = variablesOf(global);
  const suffix = input.language === 'en' ? 'En' : 'Fr';
  checkTexts(ctx, variables, [
    [`subject${suffix}`, input.subject],
    [`body${suffix}`, input.body],
  ]);
  return renderMail({ subject: input.subject, body: input.body }, sampleVariables(variables));
}
