// Where the bytes of stored files live, behind one interface: a local folder by default (FILES_DIR);
// an S3-compatible bucket as an option. `stored_file` rows (infra/file-store.ts) hold the metadata and
// the storage key (`code`); this module only moves bytes.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AppConfig, FileStorageConfig } from './config.ts';

export interface FileStorage {
  /** Short name for logs and the `stored_file.storage` column: F local folder, S S3-compatible bucket. */
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

/** The storage the configuration names (FILE_STORAGE): the folder `filesDir`, or the S3-compatible bucket. */
export function createFileStorage(config: Pick<AppConfig, 'fileStorage' | 'filesDir'>): FileStorage {
  return config.fileStorage.kind === 's3' ? s3Storage(config.fileStorage) : localFolderStorage(config.filesDir);
}

/** Whether an S3 error says the object is not there (404 NoSuchKey; some servers answer a bare 404). */
function isMissing(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);
}

/** An S3-compatible bucket: one object per key, at the bucket's root. The credentials stay inside the client (never logged). */
export function s3Storage(cfg: Extract<FileStorageConfig, { kind: 's3' }>): FileStorage {
  const client = new S3Client({
    region: cfg.region,
    forcePathStyle: cfg.forcePathStyle,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    ...(cfg.accessKeyId ? { credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } } : {}),
  });
  const open = async (key: string) => {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: key }));
      return res.Body ?? null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  };
  return {
    kind: 'S',
    async put(key, data, mimeType) {
      await client.send(new PutObjectCommand({ Bucket: cfg.bucket, Key: key, Body: data, ContentType: mimeType, ContentLength: data.length }));
    },
    async get(key) {
      const body = await open(key);
      return body ? Buffer.from(await body.transformToByteArray()) : null;
    },
    async stream(key) {
      const body = await open(key);
      if (!body) return null;
      return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
    },
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: cfg.bucket, Key: key }));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },
  };
}
