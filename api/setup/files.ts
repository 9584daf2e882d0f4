// Files of the setup (a supporting document's model, a commission's signature image): received as
// multipart (field "file"), checked like every upload (api/file-content.ts: type by content, size,
// active content, virus scan), stored like candidates' files but owned by the institution, and served
// back as attachments that browsers do not sniff.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { storeFile } from '../../infra/file-store.ts';
import { checkUpload, receivedFile } from '../file-content.ts';
import { sendStoredFile } from '../stored-files.ts';
import { missing, type SetupContext } from './context.ts';

/** Receives the request's one file, checked by api/file-content.ts (type by content, size, active content, virus scan); 400 naming `file` when refused. */
export async function receiveSetupFile(ctx: SetupContext, request: FastifyRequest, accepted: readonly string[], kind: 'G' | 'S'): Promise<number> {
  const file = await receivedFile(request);
  const { type, scanned } = await checkUpload(ctx.app, file.data, {
    accepted,
    typeRefused: { fr: `type de fichier refusé : ${accepted.join(', ')} attendu.`, en: `file type refused: ${accepted.join(', ')} expected.` },
  });
  const stored = await storeFile(ctx.app.db, ctx.app.storage, {
    accountId: null,
    kind,
    name: file.filename,
    mimeType: type,
    data: file.data,
    author: ctx.actor,
    scanned,
  });
  return stored.id;
}

/** Sends a stored file of the institution as an attachment (404 when there is none). */
export async function sendSetupFile(ctx: SetupContext, reply: FastifyReply, fileId: number | null) {
  const file = fileId ? await ctx.app.db.storedFile.findUnique({ where: { id: fileId } }) : null;
  if (!file) throw missing(ctx, { fr: 'Aucun fichier.', en: 'No file.' });
  return sendStoredFile(reply, ctx.app.storage, file);
}
