// Files of the setup (a supporting document's model, a commission's signature image): received as
// multipart (field "file"), their type read from their content (api/file-content.ts: magic bytes, never
// the name or the declared type), stored like candidates' files but owned by the institution, and served
// back as attachments that browsers do not sniff.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { storeFile } from '../../infra/file-store.ts';
import { sniffedType } from '../file-content.ts';
import { sendStoredFile } from '../stored-files.ts';
import { invalidField, missing, type SetupContext } from './context.ts';

/** Receives the request's one file; 400 naming `file` when absent, empty, too big or not of an accepted type. */
export async function receiveSetupFile(ctx: SetupContext, request: FastifyRequest, accepted: readonly string[], kind: 'G' | 'S'): Promise<number> {
  const file = request.isMultipart() ? await request.file().catch(() => undefined) : undefined;
  if (!file)
    throw invalidField(ctx, 'file', {
      fr: 'aucun fichier reçu (multipart/form-data, champ « file »).',
      en: 'no file received (multipart/form-data, field "file").',
    });
  const data = await file.toBuffer();
  if (file.file.truncated) throw invalidField(ctx, 'file', { fr: 'fichier trop volumineux (10 Mo au plus).', en: 'file too large (10 MB at most).' });
  if (data.length === 0) throw invalidField(ctx, 'file', { fr: 'fichier vide.', en: 'empty file.' });
  const type = await sniffedType(data, accepted);
  if (!type)
    throw invalidField(ctx, 'file', {
      fr: `type de fichier refusé : ${accepted.join(', ')} attendu.`,
      en: `file type refused: ${accepted.join(', ')} expected.`,
    });
  const stored = await storeFile(ctx.app.db, ctx.app.config.filesDir, { accountId: null, kind, name: file.filename, mimeType: type, data, author: ctx.actor });
  return stored.id;
}

/** Sends a stored file of the institution as an attachment (404 when there is none). */
export async function sendSetupFile(ctx: SetupContext, reply: FastifyReply, fileId: number | null) {
  const file = fileId ? await ctx.app.db.storedFile.findUnique({ where: { id: fileId } }) : null;
  if (!file) throw missing(ctx, { fr: 'Aucun fichier.', en: 'No file.' });
  return sendStoredFile(reply, ctx.app.config.filesDir, file);
}
