// Where the bytes of stored files live, behind one interface: a local folder by default (FILES_DIR);
// an S3-compatible bucket as an option. `stored_file` rows (infra/file-store.ts) hold the metadata and
// the storage key (`code`); this module only moves bytes.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** Short name for logs and the `stored_file.storage` column. */
  readonly kind: string;
  /** Writes the bytes under `key` (a random UUID); writing the same key again replaces them. */
  put(key: string, data: Buffer, mimeType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under `key`. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the bytes, or null when nothing is stored under `key`. */
  stream(key: string): Promise<Readable | null>;
  /** Removes the bytes; a missing key is not an error. */
  remove(key: string): Promise<void>;
}

/** The local folder storage: one file per key in `dir`. */
export function localFolderStorage(dir: string): FileStorage {
  const path = (key: string) => {
    if (!/^[A-Za-z0-9._-]+$/.test(key) || key.startsWith('.')) throw new Error(`invalid storage key: ${key}`);
    return join(dir, key);
  };
  return {
    kind: 'F',
    async put(key, data) {
      await mkdir(dir, { recursive: true });
      await writeFile(path(key), data);
    },
    async get(key) {
      return readFile(path(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
    },
    async stream(key) {
      const p = path(key);
      const exists = await stat(p).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return false;
          throw err;
        },
      );
      return exists ? createReadStream(p) : null;
    },
    async remove(key) {
      await rm(path(key), { force: true });
    },
  };
}
