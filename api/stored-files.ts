// A stored file sent back (a candidate's piece, a document's model, a commission's signature): its
// recorded type, as an attachment, and never sniffed by the browser into something else.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';

export function sendStoredFile(reply: FastifyReply, filesDir: string, file: { code: string; name: string; mimeType: string | null }) {
  return reply
    .type(file.mimeType ?? 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(createReadStream(join(filesDir, file.code)));
}
