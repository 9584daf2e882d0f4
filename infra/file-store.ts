// Uploaded files (supporting documents): bytes on disk under FILES_DIR, named by a random storage
// key, metadata in `stored_file`. Storing is idempotent per account and content (same bytes, same
// row); deleting removes the row first, then the bytes (a missing file on disk is not an error).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanFileName } from './file-name.ts';
import type { Db } from './prisma.ts';

export interface NewFile {
  /** The candidate account owning it; null for the institution's files (model documents, signatures). */
  accountId: number | null;
  /** C candidate (default), G manager's model document, S signature image. */
  kind?: 'C' | 'G' | 'S';
  name: string;
  mimeType: string;
  data: Buffer;
  author: string;
}

export async function storeFile(db: Db, dir: string, file: NewFile): Promise<{ id: number; sha256: string }> {
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const existing = await db.storedFile.findFirst({ where: { accountId: file.accountId, sha256 }, select: { id: true } });
  if (existing) return { id: existing.id, sha256 };
  const code = randomUUID();
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, code), file.data);
  const row = await db.storedFile.create({
    data: {
      code,
      // The name as sent, made safe once here (no path, quotes nor control characters): downloads show it as it is.
      name: cleanFileName(file.name),
      kind: file.kind ?? 'C',
      storage: 'F',
      mimeType: file.mimeType,
      size: file.data.length,
      sha256,
      accountId: file.accountId,
      author: file.author,
    },
  });
  return { id: row.id, sha256 };
}

/** Whether a candidature of the file's owner other than `exceptCandidatureId` has a piece with this file (its state in the read model). */
async function stillUsed(db: Db, fileId: number, exceptCandidatureId?: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ used: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM candidature c JOIN stored_file f ON f.account_id = c.account_id
      WHERE f.id = ${fileId} AND c.id <> ${exceptCandidatureId ?? ''}
        -- a row whose state is not known yet may use it: keep the file
        AND (c.state IS NULL OR c.state -> 'pieces' @> ${JSON.stringify([{ fileId }])}::jsonb)) AS used`;
  return rows[0]?.used ?? false;
}

/** Deletes files by id, keeping those another candidature's piece still points to (shared pieces). */
export async function deleteFiles(db: Db, dir: string, ids: number[], exceptCandidatureId?: string): Promise<number> {
  let deleted = 0;
  for (const id of ids) {
    if (await stillUsed(db, id, exceptCandidatureId)) continue;
    const row = await db.storedFile.findUnique({ where: { id } });
    if (!row) continue;
    await db.storedFile.delete({ where: { id } });
    await rm(join(dir, row.code), { force: true });
    deleted++;
  }
  return deleted;
}
