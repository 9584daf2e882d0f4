// Uploads you can trust (issue 12 §3), as the candidate and the staff see them: the virus scan speaking
// clamd's protocol (a fake clamd over TCP, tests/support/fake-clamd.ts), the size from the parameter
// TECH_FILE_MAX_SIZE, empty files, PDFs carrying JavaScript or automatic actions, polyglots. Every
// refusal names the field by its label ("Fichier : …" / "File: …") in the reader's language and
// stores nothing.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParameters } from '../../api/parameters.ts';
import { EICAR, startFakeClamd, type FakeClamd } from '../support/fake-clamd.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { minimalPdf } from '../support/pdf.ts';

let t: TestApp;
let clamd: FakeClamd;
const run = randomBytes(3).toString('hex').slice(0, 3).toUpperCase();
let candidate: string;
let candidateEmail: string;
let id: string;
let piece: string;
let scol: string;

type Body = { title: string; detail: string; errors?: { field: string; message: string }[] };

async function upload(file: { name?: string; type?: string; data: string | Uint8Array }, language = 'fr') {
  const form = new FormData();
  const data = typeof file.data === 'string' ? Buffer.from(file.data, 'latin1') : file.data;
  form.append('file', new Blob([new Uint8Array(data)], { type: file.type ?? 'application/pdf' }), file.name ?? 'piece.pdf');
  const res = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${candidate}`, 'accept-language': language },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Body & { pieces?: { code: string; fileId: number | null }[] } };
}

/** The candidate's stored files (rows). */
const accountFiles = async () => {
  const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: candidateEmail } });
  return t.db.storedFile.count({ where: { accountId: account.id } });
};

/** Whether any file of the storage folder holds these bytes. */
async function inStorage(needle: string): Promise<boolean> {
  const names = await readdir(t.config.filesDir).catch(() => [] as string[]);
  for (const name of names) if ((await readFile(join(t.config.filesDir, name)).catch(() => Buffer.alloc(0))).includes(needle)) return true;
  return false;
}

/** Refused in both languages with this status, the field `file` named by its label. */
async function expectRefused(file: Parameters<typeof upload>[0], status: number, fr: RegExp, en: RegExp) {
  const before = await accountFiles();
  const a = await upload(file, 'fr');
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.body.detail).toMatch(fr);
  expect(a.body.detail).toMatch(/^Fichier : /);
  expect(a.body.errors).toEqual([{ field: 'file', message: a.body.detail }]);
  const b = await upload(file, 'en');
  expect(b.status).toBe(status);
  expect(b.body.detail).toMatch(en);
  expect(b.body.detail).toMatch(/^File: /);
  expect(await accountFiles()).toBe(before);
  return a;
}

const fileIdOf = (body: { pieces?: { code: string; fileId: number | null }[] }) => body.pieces!.find((p) => p.code === piece)!.fileId!;

beforeAll(async () => {
  clamd = await startFakeClamd();
  t = await startTestApp({ clamav: { address: clamd.address, timeoutMs: 1500 } });
  ({ email: candidateEmail, token: candidate, id, piece } = await t.draftWithPiece(`UP${run}`));
  scol = await t.login('scol');
}, 120_000);

afterAll(async () => {
  await t?.stop();
  await clamd?.stop();
});

describe('the virus scan (clamd INSTREAM)', () => {
  it('answers PING like clamd does (the fake speaks the real protocol)', async () => {
    const { pingScanner } = await import('../../infra/virus-scan.ts');
    expect(await pingScanner(t.config.clamav!)).toBe(true);
  });

  it('refuses the EICAR test file inside a valid PDF with 422 naming the field and the signature, storing nothing', async () => {
    const infected = minimalPdf(`${EICAR} ${run}`);
    const scans = clamd.scans;
    const before = await accountFiles();
    const fr = await upload({ name: 'cv.pdf', data: infected }, 'fr');
    expect(fr.status, JSON.stringify(fr.body)).toBe(422);
    expect(fr.body).toMatchObject({ title: 'Données invalides', detail: 'Fichier : le fichier est refusé : virus détecté (Eicar-Test-Signature).' });
    expect(fr.body.errors).toEqual([{ field: 'file', message: fr.body.detail }]);
    const en = await upload({ name: 'cv.pdf', data: infected }, 'en');
    expect(en.status).toBe(422);
    expect(en.body).toMatchObject({ title: 'Invalid data', detail: 'File: the file is refused: virus detected (Eicar-Test-Signature).' });
    expect(clamd.scans).toBe(scans + 2);
    expect(await accountFiles()).toBe(before);
    expect(await inStorage(EICAR)).toBe(false);
    const view = (await t.api('GET', `/api/candidatures/${id}`, { token: candidate })).body;
    expect(view.pieces.find((p: { code: string }) => p.code === piece).fileId).toBeNull();
  });

  it('stores a clean PDF once scanned, recorded clean, and staff download the same bytes as an attachment', async () => {
    const clean = minimalPdf(`propre ${run}`);
    const scans = clamd.scans;
    const res = await upload({ name: 'cv.pdf', data: clean });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(clamd.scans).toBe(scans + 1);
    const row = await t.db.storedFile.findUniqueOrThrow({ where: { id: fileIdOf(res.body) } });
    expect(row).toMatchObject({ scanStatus: 'clean', storage: 'F', mimeType: 'application/pdf' });
    const download = await fetch(`${t.server.url}/api/staff/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${scol}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''cv.pdf");
    expect(Buffer.from(await download.arrayBuffer()).toString('latin1')).toBe(clean);
  });

  it('scans the staff’s files too: an infected model document is refused', async () => {
    const code = `UPM-${run}`;
    expect((await t.api('POST', '/api/admin/supporting-documents', { token: scol, body: { code, label: 'Modèle à contrôler' } })).status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([minimalPdf(EICAR)], { type: 'application/pdf' }), 'modele.pdf');
    const res = await fetch(`${t.server.url}/api/admin/supporting-documents/${code}/model`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${scol}` },
      body: form,
    });
    const body = (await res.json()) as Body;
    expect(res.status).toBe(422);
    expect(body.detail).toBe('Fichier : le fichier est refusé : virus détecté (Eicar-Test-Signature).');
    const doc = await t.db.supportingDocument.findUniqueOrThrow({ where: { code } });
    expect(doc.modelFileId).toBeNull();
  });

  it('fails closed: clamd hanging, closing the connection or down → 503, nothing stored', async () => {
    const pdf = minimalPdf(`sans verdict ${run}`);
    try {
      for (const mode of ['hang', 'close'] as const) {
        clamd.mode = mode;
        const before = await accountFiles();
        const started = Date.now();
        const res = await upload({ data: pdf }, 'en');
        expect(res.status, `${mode}: ${JSON.stringify(res.body)}`).toBe(503);
        expect(res.body.detail).toBe('The virus check of files is unavailable for the moment: nothing was stored, try again in a few minutes.');
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(await accountFiles()).toBe(before);
      }
      clamd.mode = 'ok';
      // clamd down: an address nothing listens on.
      const down = await startFakeClamd();
      await down.stop();
      const configured = t.config.clamav;
      t.config.clamav = { address: down.address, timeoutMs: 1500 };
      try {
        const before = await accountFiles();
        const res = await upload({ data: pdf });
        expect(res.status).toBe(503);
        expect(res.body.detail).toMatch(/^Le contrôle antivirus des fichiers est momentanément indisponible/);
        expect(await accountFiles()).toBe(before);
      } finally {
        t.config.clamav = configured;
      }
    } finally {
      clamd.mode = 'ok';
    }
    expect(await inStorage(`sans verdict ${run}`)).toBe(false);
  });

  it('with the scan off (no CLAMAV_ADDRESS) accepts the upload without asking clamd, recorded not scanned', async () => {
    const configured = t.config.clamav;
    // The configuration object the running API reads: as if CLAMAV_ADDRESS were unset.
    t.config.clamav = null;
    try {
      const scans = clamd.scans;
      const res = await upload({ data: minimalPdf(`sans scan ${run}`) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(clamd.scans).toBe(scans);
      expect((await t.db.storedFile.findUniqueOrThrow({ where: { id: fileIdOf(res.body) } })).scanStatus).toBe('pending');
    } finally {
      t.config.clamav = configured;
    }
  });
});

describe('upload rules', () => {
  it('refuses an empty file', async () => {
    await expectRefused({ data: '' }, 400, /^Fichier : fichier vide\.$/, /^File: empty file/);
  });

  it('refuses a file above TECH_FILE_MAX_SIZE with 400, and one above the 10 MB ceiling with 413, in the reader’s language', async () => {
    const { TECH_FILE_MAX_SIZE: maxMb } = await readParameters(t.db, ['TECH_FILE_MAX_SIZE']);
    const over = minimalPdf('gros', maxMb * 1024 * 1024 + 10);
    await expectRefused({ data: over }, 400, new RegExp(`^Fichier : fichier trop volumineux \\(${maxMb} Mo au plus\\)\\.$`), new RegExp(`${maxMb} MB at most`));
    const huge = minimalPdf('énorme', 10 * 1024 * 1024 + 10);
    const res = await expectRefused({ data: huge }, 413, /^Fichier : fichier trop volumineux \(10 Mo au plus\)\.$/, /^File: file too large \(10 MB at most\)/);
    expect(res.body.title).toBe('Requête trop volumineuse');
  });

  it('refuses PDFs carrying JavaScript, a Launch action or automatic actions, read from the object graph', async () => {
    const page = '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%AA>>endobj\n';
    const pdf = (catalogExtra: string, pageExtra = '', more = '') =>
      '%PDF-1.4\n' +
      `1 0 obj<</Type/Catalog/Pages 2 0 R${catalogExtra}>>endobj\n` +
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      page.replace('%AA', pageExtra) +
      more +
      'trailer<</Root 1 0 R>>\n%%EOF\n';
    const fr = /^Fichier : le PDF contient du contenu actif \(\/\w+\) : JavaScript et actions automatiques sont refusés/;
    const en = /^File: the PDF carries active content/;
    // An /OpenAction running JavaScript, with its name written #-escaped (a byte search for "/JavaScript" misses it).
    await expectRefused({ data: pdf('/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>') }, 400, fr, en);
    // The action in an object of its own, the catalogue pointing to it.
    await expectRefused({ data: pdf('/OpenAction 4 0 R', '', '4 0 obj<</S/Launch/F(calc.exe)>>endobj\n') }, 400, fr, en);
    // Automatic actions of a page, a document-level JavaScript name tree.
    await expectRefused({ data: pdf('', '/AA<</O<</S/GoTo/D[3 0 R/Fit]>>>>') }, 400, fr, en);
    await expectRefused(
      { data: pdf('/Names<</JavaScript 4 0 R>>', '', '4 0 obj<</Names[(a)5 0 R]>>endobj\n5 0 obj<</S/JavaScript/JS(1)>>endobj\n') },
      400,
      fr,
      en,
    );

    // The JavaScript inside a compressed object stream, as pdf-lib saves by default: not in the bytes, found in the graph.
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("https://evil.example")') }));
    const packed = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(packed).includes('JavaScript')).toBe(false);
    await expectRefused({ data: packed }, 400, fr, en);

    // An /OpenAction that only opens a page is no active content.
    const ok = await upload({ data: pdf('/OpenAction[3 0 R/Fit]') });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('refuses a PDF built to keep the parser busy (stopped after 10 s), while the API goes on answering', async () => {
    const { TECH_FILE_MAX_SIZE: maxMb } = await readParameters(t.db, ['TECH_FILE_MAX_SIZE']);
    // Unterminated stream keywords: pdf-lib's parse grows with their square (minutes for a few MB).
    const crafted = '%PDF-1.4\n' + 'stream\n'.repeat(Math.floor((maxMb * 1024 * 1024 - 20) / 7));
    let settled = false;
    const pending = upload({ data: crafted }, 'en').finally(() => (settled = true));
    const latencies: number[] = [];
    while (!settled) {
      const started = Date.now();
      expect((await t.api('GET', `/api/candidatures/${id}`, { token: candidate })).status).toBe(200);
      latencies.push(Date.now() - started);
    }
    const res = await pending;
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    // Refused either way: stopped after 10 s, or (a faster machine) the parser gave up first.
    expect(res.body.detail).toMatch(/^File: (the PDF could not be checked in time|the file’s content is not a readable PDF)/);
    // The parse took seconds in its own thread, and the API answered all along.
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  }, 30_000);

  it('refuses polyglots: a PDF or a PNG with a web page in it', async () => {
    const fr = /^Fichier : le fichier contient aussi du code de page web \(HTML ou script\) : il est refusé\./;
    const en = /^File: the file also contains web page code/;
    await expectRefused({ data: `${minimalPdf(`poly ${run}`)}<html><body><script>alert(document.cookie)</script></body></html>\n` }, 400, fr, en);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const pngPoly = Buffer.concat([png, Buffer.from('<script>alert(1)</script>')]);
    await expectRefused({ name: 'photo.png', type: 'image/png', data: pngPoly }, 400, fr, en);
    // The same PNG alone is taken, and served back as an attachment that no browser sniffs into a page.
    const res = await upload({ name: 'photo.png', type: 'image/png', data: png });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const download = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${candidate}` } });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('refuses an executable sent as a PDF and HTML sent as a PNG by their content', async () => {
    await expectRefused(
      { data: 'MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode' },
      400,
      /n’est pas un PDF, une image JPEG ou PNG lisible/,
      /not a readable PDF/,
    );
    await expectRefused({ name: 'x.png', type: 'image/png', data: '<html><script>alert(1)</script></html>' }, 400, /n’est pas un PDF/, /not a readable PDF/);
  });
});
