// A stored file sent back (a candidate's piece, a document's model, a commission's signature): its
// recorded type (read from its content at upload, api/file-content.ts), as an attachment, and never
// sniffed by the browser into something else. The bytes come from the file storage (infra/storage.ts).
import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../infra/storage.ts';
import { notFound } from './problem.ts';

export async function sendStoredFile(reply: FastifyReply, storage: FileStorage, file: { code: string; name: string; mimeType: string | null }) {
  const bytes = await storage.stream(file.code);
  if (!bytes) {
    reply.log.error({ code: file.code, storage: storage.kind }, 'stored file missing from the storage');
    throw notFound({ fr: 'Le fichier n’est plus disponible.', en: 'The file is no longer available.' });
  }
  return reply
    .type(file.mimeType ?? 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(bytes);
}
