// Uploaded files (supporting documents): bytes on disk under FILES_DIR, named by a random storage
// key, metadata in `stored_file`. Storing is idempotent per account and content (same bytes, same
// row); deleting removes the row first, then the bytes (a missing file on disk is not an error).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './prisma.ts';

export interface NewFile {
  accountId: number;
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
      name: file.name.slice(0, 255),
      kind: 'C',
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

/** Deletes files by id, keeping those another candidature's piece still points to (shared pieces). */
export async function deleteFiles(db: Db, dir: string, ids: number[], exceptCandidatureId?: string): Promise<number> {
  let deleted = 0;
  for (const id of ids) {
    const stillUsed = await db.candidaturePiece.count({
      where: { fileId: id, ...(exceptCandidatureId ? { candidatureId: { not: exceptCandidatureId } } : {}) },
    });
    if (stillUsed > 0) continue;
    const row = await db.storedFile.findUnique({ where: { id } });
    if (!row) continue;
    await db.storedFile.delete({ where: { id } });
    await rm(join(dir, row.code), { force: true });
    deleted++;
  }
  return deleted;
}
