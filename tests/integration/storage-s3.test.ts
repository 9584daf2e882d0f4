// The S3-compatible file storage (FILE_STORAGE=s3, infra/storage.ts) against a real S3 server: moto's
// (PyPI `moto[server]`, pinned in infra/temporal-cli.ts, installed into .tools/py like the Temporal
// CLI). The API and the worker of the test app both store through the bucket: a candidate uploads a
// piece, staff download the same bytes, the object is in the bucket under the file's storage key,
// and removing the piece (the worker's deleteCandidatureFiles activity) removes the object.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FileStorageConfig } from '../../infra/config.ts';
import { freePort } from '../../infra/ports.ts';
import { killWithParent, stopChild } from '../../infra/processes.ts';
import { readStoredFile } from '../../infra/file-store.ts';
import { createFileStorage } from '../../infra/storage.ts';
import { resolveMotoServer } from '../../infra/temporal-cli.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { minimalPdf } from '../support/pdf.ts';
import { waitFor } from '../support/wait.ts';

let moto: ChildProcess;
let t: TestApp;
let s3: S3Client;
const run = randomBytes(3).toString('hex').slice(0, 3).toUpperCase();
const bucket = `ecandidat-test-${run.toLowerCase()}`;
let storage: Extract<FileStorageConfig, { kind: 's3' }>;

const objects = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);

beforeAll(async () => {
  const port = await freePort();
  moto = spawn(await resolveMotoServer(), ['-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: 'ignore' });
  killWithParent(moto);
  const endpoint = `http://127.0.0.1:${port}`;
  // moto is up once it answers; an exited moto fails at once.
  await waitFor(
    () => {
      if (moto.exitCode !== null) throw new Error(`moto server exited with code ${moto.exitCode}`);
      return fetch(`${endpoint}/`).then(
        (r) => r.status,
        () => 0,
      );
    },
    (status) => status === 200,
    `moto server answering on ${endpoint}`,
  );
  storage = { kind: 's3', endpoint, bucket, region: 'eu-west-3', accessKeyId: 'test-key', secretAccessKey: 'test-secret', forcePathStyle: true };
  s3 = new S3Client({ endpoint, region: storage.region, forcePathStyle: true, credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' } });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-3' } }));
  t = await startTestApp({ fileStorage: storage });
}, 180_000);

afterAll(async () => {
  await t?.stop();
  s3?.destroy();
  if (moto) await stopChild(moto, 'SIGTERM', 5_000);
});

describe('FILE_STORAGE=s3 on an S3-compatible server', () => {
  it('stores a candidate’s piece in the bucket, serves staff the same bytes, and deletes the object with the piece', async () => {
    const email = (await createCandidates(t.db, '2026-P', `S3${run}`, 1))[0]!;
    const candidate = await t.login(email);
    const formationCode = await t.freeFormation(candidate, '2026-P');
    const created = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const piece = created.body.pieces.find((p: { conditional: boolean }) => !p.conditional).code as string;

    const bytes = minimalPdf(`dans le seau ${run}`);
    const uploaded = await t.upload(candidate, id, piece, { name: 'relevé de notes.pdf', type: 'application/pdf', data: bytes });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const fileId = uploaded.body.pieces.find((p: { code: string }) => p.code === piece).fileId as number;
    const row = await t.db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row).toMatchObject({ storage: 'S', mimeType: 'application/pdf', size: Buffer.byteLength(bytes, 'latin1') });

    // In the bucket, under the storage key, with its type; not in the local folder.
    expect(await objects()).toContain(row.code);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: row.code }))).ContentType).toBe('application/pdf');
    expect(await readStoredFile(createFileStorage({ fileStorage: { kind: 'local' }, filesDir: t.config.filesDir }), row.code)).toBeNull();

    // Staff download the same bytes, as an attachment.
    const scol = await t.login('scol');
    const download = await fetch(`${t.server.url}/api/staff/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${scol}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('relevé de notes.pdf')}`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes, 'latin1'))).toBe(true);

    // The whole-file PDF reads the piece from the bucket too (the letters' context): its page is in it.
    const dossierPages = async () => {
      const res = await fetch(`${t.server.url}/api/staff/candidatures/${id}/dossier`, { headers: { authorization: `Bearer ${scol}` } });
      expect(res.status).toBe(200);
      return (await PDFDocument.load(await res.arrayBuffer())).getPageCount();
    };
    const withPiece = await dossierPages();

    // The candidate removes the piece: the worker deletes the row and the object.
    const removed = await t.api('DELETE', `/api/candidatures/${id}/pieces/${piece}`, { token: candidate });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    await expect.poll(() => t.db.storedFile.findUnique({ where: { id: fileId } }), { timeout: 30_000 }).toBeNull();
    await expect.poll(objects, { timeout: 30_000 }).not.toContain(row.code);
    const gone = await fetch(`${t.server.url}/api/staff/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${scol}` } });
    expect(gone.status).toBe(404);
    expect(await dossierPages()).toBeLessThan(withPiece);
  }, 120_000);

  it('reads a missing key as null, removes one without error, and puts and gets bytes', async () => {
    const bucketStorage = createFileStorage({ fileStorage: storage, filesDir: t.config.filesDir });
    expect(bucketStorage.kind).toBe('S');
    expect(await bucketStorage.get(`absent-${run}`)).toBeNull();
    expect(await bucketStorage.stream(`absent-${run}`)).toBeNull();
    await bucketStorage.remove(`absent-${run}`); // not an error
    await bucketStorage.put(`probe-${run}`, Buffer.from('octets'), 'text/plain');
    expect((await bucketStorage.get(`probe-${run}`))?.toString()).toBe('octets');
    await bucketStorage.remove(`probe-${run}`);
    expect(await objects()).not.toContain(`probe-${run}`);
  });
});

describe('the storage and scan settings', () => {
  /** loadConfig with these variables set (undefined: unset), the environment restored after. */
  function configWith(vars: Record<string, string | undefined>) {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const set = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    set(vars);
    try {
      return loadConfig();
    } finally {
      set(saved);
    }
  }
  const s3Vars = {
    FILE_STORAGE: 's3',
    S3_BUCKET: 'b',
    S3_ENDPOINT: 'http://minio:9000',
    S3_ACCESS_KEY_ID: 'k',
    S3_SECRET_ACCESS_KEY: 's',
    S3_FORCE_PATH_STYLE: 'true',
  };

  it('stops at start with an error naming the variable that is missing or invalid', () => {
    expect(() => configWith({ FILE_STORAGE: 'ftp' })).toThrow(/^FILE_STORAGE=ftp is not a storage: local .* or s3/);
    expect(() => configWith({ ...s3Vars, S3_BUCKET: undefined })).toThrow(/^S3_BUCKET is not set/);
    expect(() => configWith({ ...s3Vars, S3_ENDPOINT: 'minio:9000 x' })).toThrow(/^S3_ENDPOINT is not an http\(s\) URL/);
    expect(() => configWith({ ...s3Vars, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/^S3_SECRET_ACCESS_KEY is not set/);
    expect(() => configWith({ ...s3Vars, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/^S3_FORCE_PATH_STYLE must be true or false/);
    expect(() => configWith({ CLAMAV_ADDRESS: 'clamd:3310', CLAMAV_TIMEOUT_MS: 'soon' })).toThrow(/^CLAMAV_TIMEOUT_MS must be a positive number/);
  });

  it('reads local storage and no scan by default, the bucket and clamd when set, never putting the secret in an error', () => {
    const plain = configWith({ FILE_STORAGE: undefined, CLAMAV_ADDRESS: undefined });
    expect(plain.fileStorage).toEqual({ kind: 'local' });
    expect(plain.clamav).toBeNull();
    expect(createFileStorage(plain).kind).toBe('F');
    const set = configWith({ ...s3Vars, S3_SECRET_ACCESS_KEY: 'tres-secret', CLAMAV_ADDRESS: '/run/clamav/clamd.sock', CLAMAV_TIMEOUT_MS: '5000' });
    expect(set.fileStorage).toEqual({
      kind: 's3',
      bucket: 'b',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      accessKeyId: 'k',
      secretAccessKey: 'tres-secret',
      forcePathStyle: true,
    });
    expect(set.clamav).toEqual({ address: '/run/clamav/clamd.sock', timeoutMs: 5000 });
    expect(createFileStorage(set).kind).toBe('S');
    let message = '';
    try {
      configWith({ ...s3Vars, S3_SECRET_ACCESS_KEY: 'tres-secret', S3_FORCE_PATH_STYLE: 'maybe' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/S3_FORCE_PATH_STYLE/);
    expect(message).not.toContain('tres-secret');
  });
});
