// Upload attacks on a candidate's supporting document (POST /api/candidatures/:id/pieces/:code), the
// one upload a stranger can reach (issue 12, `npm run test:security`). Multipart bodies are written
// byte by byte here, so that the file name and the declared type are exactly the attacker's:
//   - a Windows executable declared application/pdf, an HTML page with a script declared image/png,
//     a PDF with an HTML page after its end (polyglot), a PNG carrying a script, a PDF whose
//     /OpenAction runs JavaScript → 400, nothing stored;
//   - an empty file → 400; a file over the 10 MB ceiling → 413; nothing stored;
//   - hostile names (`../../etc/passwd`, `..\x.pdf`, a NUL byte, 1,000 characters) → stored under a
//     random key inside the files folder, the name kept as metadata only, cleaned and bounded;
//   - whatever is stored is served as an attachment, `nosniff`, with the type read from its content.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_MAX_BYTES } from '../../contracts/candidature.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { minimalPdf } from '../support/pdf.ts';

let t: TestApp;
let token: string;
let accountId: number;
let id: string;
let piece: string;
const run = randomBytes(3).toString('hex').slice(0, 3).toUpperCase();

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** The start of a real PE file: DOS header, stub and PE signature. */
const EXE = Buffer.concat([
  Buffer.from(
    '4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000000000000000000000000000000000000000000000000000800000000e1fba0e00b409cd21b8014ccd21',
    'hex',
  ),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$\0\0\0\0\0\0\0PE\0\0L\x01\x03\0', 'latin1'),
  Buffer.alloc(512, 0x90),
]);
const HTML = Buffer.from('<!doctype html><html><body><script>window.__xss=1;fetch("/api/session")</script></body></html>');

/** A one-page PDF whose catalogue opens with a JavaScript action. */
function pdfWithJavaScript(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n' +
      '1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n' +
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n' +
      '4 0 obj<</Type/Action/S/JavaScript/JS(app.alert\\("pwned"\\);)>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** POSTs one file part with exactly this name (raw bytes, UTF-8) and declared type. */
async function send(file: { name: string; type: string; data: Buffer | string }) {
  const boundary = `----secu${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.from(file.name, 'utf8'),
    Buffer.from(`"\r\nContent-Type: ${file.type}\r\n\r\n`),
    Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as any };
}

const storedCount = () => t.db.storedFile.count({ where: { accountId } });

/** The piece's file as its candidate downloads it. */
const download = () => fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await startTestApp();
  const email = (await createCandidates(t.db, '2026-P', `UP${run}`, 1))[0]!;
  accountId = (await t.db.candidateAccount.findFirstOrThrow({ where: { email } })).id;
  token = await t.login(email);
  const formationCode = await t.freeFormation(token, '2026-P');
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  id = created.body.id;
  piece = created.body.pieces.find((p: { conditional: boolean }) => !p.conditional)?.code;
  expect(piece).toBeTruthy();
}, 120_000);
afterAll(async () => t?.stop());

describe('files that are not what they claim, or carry code', () => {
  it.each([
    ['a Windows executable declared application/pdf', { name: 'cv.pdf', type: 'application/pdf', data: EXE }],
    ['an HTML page with a script declared image/png', { name: 'photo.png', type: 'image/png', data: HTML }],
    ['a PDF with an HTML page after its end (polyglot)', { name: 'releve.pdf', type: 'application/pdf', data: minimalPdf('polyglot') + HTML.toString() }],
    ['a PNG carrying a script after its image data', { name: 'photo.png', type: 'image/png', data: Buffer.concat([PNG, HTML]) }],
    ['a PDF whose /OpenAction runs JavaScript', { name: 'lettre.pdf', type: 'application/pdf', data: pdfWithJavaScript() }],
    ['an empty file', { name: 'vide.pdf', type: 'application/pdf', data: '' }],
  ])('refuses %s with 400, storing nothing', async (_what, file) => {
    const before = await storedCount();
    const res = await send(file);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'file' })] });
    expect(await storedCount()).toBe(before);
  });

  it('refuses a file over the 10 MB ceiling with 413, storing nothing', async () => {
    const before = await storedCount();
    const res = await send({ name: 'gros.pdf', type: 'application/pdf', data: minimalPdf('gros', UPLOAD_MAX_BYTES + 1024) });
    expect(res.status).toBe(413);
    expect(await storedCount()).toBe(before);
  });
});

describe('hostile file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\x.pdf', 'x.pdf'],
    ['a\u0000b.pdf', 'ab.pdf'],
    ['%2e%2e%2f%2e%2e%2fboot.ini', 'boot.ini'],
    [`${'é'.repeat(1000)}.pdf`, null],
  ])('stores %j under a random key in the files folder, its name cleaned', async (name, expected) => {
    const res = await send({ name, type: 'application/pdf', data: minimalPdf(`nom ${name.slice(0, 20)}`) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const fileId = res.body.pieces.find((p: { code: string }) => p.code === piece).fileId as number;
    const stored = await t.db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(stored.code).toMatch(/^[A-Za-z0-9_-]+$/);
    if (stored.storage === 'F') expect(existsSync(`${t.config.filesDir}/${stored.code}`)).toBe(true);
    expect(stored.name).not.toMatch(/[/\\\u0000]|^\./);
    expect(stored.name.length).toBeLessThanOrEqual(200);
    if (expected) expect(stored.name).toBe(expected);
    // Nothing but keys in the files folder: no name, no sub-folder came from the request.
    if (existsSync(t.config.filesDir)) expect(readdirSync(t.config.filesDir).filter((f) => f.includes('passwd') || f.includes('..'))).toEqual([]);
    const served = await download();
    expect(served.status).toBe(200);
    const disposition = served.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename\*=UTF-8''[^"\\/\r\n]+$/);
    await served.arrayBuffer();
  });
});

describe('what is stored is served as an attachment, never rendered', () => {
  it('serves a PNG sent as application/pdf as image/png, attachment, nosniff', async () => {
    const res = await send({ name: 'scan.pdf', type: 'application/pdf', data: PNG });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const served = await download();
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  });
});
