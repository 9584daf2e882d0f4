// Uploaded files (supporting documents, model documents, signatures): bytes in the file storage
// (infra/storage.ts: the local folder FILES_DIR or an S3-compatible bucket) under a random storage
// key, metadata in `stored_file` (its `storage` column records where: F folder, S bucket). Storing is
// idempotent per account and content (same bytes, same row); deleting removes the row first, then the
// bytes (missing bytes are not an error).
import { createHash, randomUUID } from 'node:crypto';
import { cleanFileName } from './file-name.ts';
import type { Db } from './prisma.ts';
import type { FileStorage } from './storage.ts';

export interface NewFile {
  /** The candidate account owning it; null for the institution's files (model documents, signatures). */
  accountId: number | null;
  /** C candidate (default), G manager's model document, S signature image. */
  kind?: 'C' | 'G' | 'S';
  name: string;
  mimeType: string;
  data: Buffer;
  author: string;
  /** Whether the virus scan passed (infra/virus-scan.ts): recorded as scan_status `clean`; otherwise left `pending` (no scanner configured). */
  scanned?: boolean;
}

export async function storeFile(db: Db, storage: FileStorage, file: NewFile): Promise<{ id: number; sha256: string }> {
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const existing = await db.storedFile.findFirst({ where: { accountId: file.accountId, sha256 }, select: { id: true } });
  if (existing) return { id: existing.id, sha256 };
  const code = randomUUID();
  await storage.put(code, file.data, file.mimeType);
  const row = await db.storedFile.create({
    data: {
      code,
      // The name as sent, made safe once here (no path, quotes nor control characters): downloads show it as it is.
      name: cleanFileName(file.name),
      kind: file.kind ?? 'C',
      storage: storage.kind,
      mimeType: file.mimeType,
      size: file.data.length,
      sha256,
      accountId: file.accountId,
      author: file.author,
      ...(file.scanned ? { scanStatus: 'clean' } : {}),
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
export async function deleteFiles(db: Db, storage: FileStorage, ids: number[], exceptCandidatureId?: string): Promise<number> {
  let deleted = 0;
  for (const id of ids) {
    if (await stillUsed(db, id, exceptCandidatureId)) continue;
    const row = await db.storedFile.findUnique({ where: { id } });
    if (!row) continue;
    await db.storedFile.delete({ where: { id } });
    await storage.remove(row.code);
    deleted++;
  }
  return deleted;
}

/** The bytes of a stored file by its storage key (`stored_file.code`), or null when they are not in the storage any more. */
export function readStoredFile(storage: FileStorage, code: string): Promise<Buffer | null> {
  return storage.get(code);
}
