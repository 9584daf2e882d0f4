// Supporting documents (pièces justificatives, reference §3.2.2): common ones are asked for every
// formation (of their centre, or all), the others only where a formation lists them. Out of service
// rather than deleted: candidatures keep what was given for them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MODEL_FILE_TYPES, type SupportingDocumentInput, type SupportingDocumentPatch, type SupportingDocumentView } from '../../contracts/setup.ts';
import { receiveSetupFile, sendSetupFile } from './files.ts';
import { audit, centreIdOf, changed, missing, uniquely, type SetupContext } from './context.ts';

const include = { centre: { select: { code: true } }, modelFile: { select: { name: true, size: true } } } as const;
type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(ctx: SetupContext, code: string) {
  return ctx.app.db.supportingDocument.findUnique({ where: { code }, include });
}

export function supportingDocumentView(row: Row): SupportingDocumentView {
  return {
    code: row.code,
    label: row.label,
    labelEn: row.labelEn,
    active: row.active,
    isCommon: row.isCommon,
    isConditional: row.isConditional,
    traitement: row.traitement as SupportingDocumentView['traitement'],
    centreCode: row.centre?.code ?? null,
    modelFile: row.modelFile ? { name: row.modelFile.name, size: row.modelFile.size ?? 0 } : null,
  };
}

export async function listSupportingDocuments(ctx: SetupContext): Promise<SupportingDocumentView[]> {
  return (await ctx.app.db.supportingDocument.findMany({ include, orderBy: [{ order: 'asc' }, { code: 'asc' }] })).map(supportingDocumentView);
}

export async function createSupportingDocument(ctx: SetupContext, input: z.infer<typeof SupportingDocumentInput>): Promise<SupportingDocumentView> {
  const { centreCode, ...fields } = input;
  const centre = await centreIdOf(ctx, centreCode);
  return uniquely(ctx, 'code', input.code, () =>
    ctx.app.db.$transaction(async (tx) => {
      const created = await tx.supportingDocument.create({ data: { ...fields, centreId: centre ?? null }, include });
      await audit(tx, ctx, 'supportingDocument.create', `supportingDocument:${created.code}`, null, supportingDocumentView(created));
      return supportingDocumentView(created);
    }),
  );
}

export async function updateSupportingDocument(
  ctx: SetupContext,
  code: string,
  patch: z.infer<typeof SupportingDocumentPatch>,
): Promise<SupportingDocumentView> {
  const before = await readRow(ctx, code);
  if (!before) throw missing(ctx, { fr: `Aucune pièce ${code}.`, en: `No supporting document ${code}.` });
  const { centreCode, ...fields } = patch;
  const centre = await centreIdOf(ctx, centreCode);
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.supportingDocument.update({ where: { code }, data: { ...fields, centreId: centre }, include });
    if (changed(supportingDocumentView(before), supportingDocumentView(row)))
      await audit(tx, ctx, 'supportingDocument.update', `supportingDocument:${code}`, supportingDocumentView(before), supportingDocumentView(row));
    return supportingDocumentView(row);
  });
}

/** Attaches a model file candidates download (PDF, type read from the content). */
export async function setSupportingDocumentModel(ctx: SetupContext, code: string, request: FastifyRequest): Promise<SupportingDocumentView> {
  const before = await readRow(ctx, code);
  if (!before) throw missing(ctx, { fr: `Aucune pièce ${code}.`, en: `No supporting document ${code}.` });
  const fileId = await receiveSetupFile(ctx, request, MODEL_FILE_TYPES, 'G');
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.supportingDocument.update({ where: { code }, data: { modelFileId: fileId }, include });
    await audit(
      tx,
      ctx,
      'supportingDocument.model',
      `supportingDocument:${code}`,
      supportingDocumentView(before).modelFile,
      supportingDocumentView(row).modelFile,
    );
    return supportingDocumentView(row);
  });
}

/** The model file of a supporting document, for anyone (the public catalogue offers it). */
export async function sendSupportingDocumentModel(ctx: SetupContext, code: string, reply: FastifyReply) {
  const row = await ctx.app.db.supportingDocument.findUnique({ where: { code }, select: { modelFileId: true, active: true } });
  return sendSetupFile(ctx, reply, row?.active ? row.modelFileId : null);
}
