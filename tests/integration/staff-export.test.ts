// Managers' exports (issue 11): the XLSX of a selection with the columns the user chooses, opened back
// with exceljs (headers in order and language, values of known candidatures, scope); the records file
// of a campaign, still its 22 columns; the zip of one supporting document (names, bytes, index.csv of
// those without it); the candidates' whole files as PDFs in a zip (pages counted with pdf-lib); the
// time to export a few thousand rows.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, EXPORT_PRESETS, type ExportColumnKey } from '../../contracts/staff-export.ts';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

let t: TestApp;
let admin: string;
let manager: string;
let outsider: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const centre = `EXP${run}`;
const commission = `CEXP-${run}`;
const formation = `FEXP-${run}`;
const formationLabel = `Master Exports ${run}`;
const document = `DEXP-${run}`;
const prefix = `X${run.slice(0, 4)}`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let transcript: Buffer;
/** The three candidates: dossier number, last name, candidature id (ESSAI1 with a PDF and a favourable opinion, ESSAI2 with an image, ESSAI3 without the document). */
const people: { dossier: string; lastName: string; id: string; token: string }[] = [];

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** GET or POST a file: status, headers, bytes (and the problem when the answer is one). */
async function download(path: string, token: string, init: { method?: string; body?: unknown; lang?: string } = {}) {
  const res = await fetch(`${t.server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': init.lang ?? 'fr',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const problem = res.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()) : null;
  return { status: res.status, headers: res.headers, bytes, problem };
}

/** The first sheet's rows as arrays of cell values (row 1: headers). */
async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  outsider = await t.login('centre');
  await ok(t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre des exports ${run}`, sisType: 'P' } }));
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission des exports ${run}`, centreCode: centre, email: `exports-${run.toLowerCase()}@univ.test` },
    }),
  );
  await ok(t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code: document, label: `Relevé de notes ${run}` } }));
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formation,
        label: formationLabel,
        commissionCode: commission,
        applicationStartsOn: addDays(today, -1),
        applicationEndsOn: addDays(today, 30),
        returnDeadline: addDays(today, 40),
        juryOn: addDays(today, 45),
        confirmationOn: addDays(today, 60),
        documentCodes: [document],
      },
    }),
  );
  // A manager of this centre only.
  const login = `gest-exports-${run.toLowerCase()}`;
  await ok(
    t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login, displayName: `Gestionnaire exports ${run}`, email: `${login}@univ.test`, password: 'mot-de-passe-exports', profiles: [] },
    }),
  );
  await ok(t.api('PUT', `/api/admin/centres/${centre}/managers`, { token: admin, body: [{ login }] }), 200);
  manager = await t.login(login, 'mot-de-passe-exports');

  const emails = await createCandidates(t.db, '2026-P', prefix, 3);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) pdf.addPage([300, 300]).drawText(`RELEVE-${run} page ${n}`, { x: 20, y: 150, size: 12, font });
  transcript = Buffer.from(await pdf.save());
  for (const [i, email] of emails.entries()) {
    const token = await t.login(email);
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email } });
    const id = (await ok(t.api('POST', '/api/candidatures', { token, body: { formationCode: formation } }))).id as string;
    people.push({ dossier: account.dossierNumber, lastName: account.lastName, id, token });
    if (i === 0) await ok(t.upload(token, id, document, { name: 'relevé.pdf', type: 'application/pdf', data: transcript as unknown as string }), 200);
    if (i === 1) await ok(t.upload(token, id, document, { name: 'photo.png', type: 'image/png', data: PNG as unknown as string }), 200);
  }
  await t.bringToDecision(people[0]!.id, { candidate: people[0]!.token, manager: admin }, { decisionType: 'AVIS_FAVORABLE', comment: 'Très bon dossier.' });
  await t.eventually(
    () => t.db.candidature.findUniqueOrThrow({ where: { id: people[0]!.id } }),
    (c) => c.opinionValidated,
  );
}, 180_000);
afterAll(async () => {
  if (t) await t.db.candidature.deleteMany({ where: { workflowId: { startsWith: `bulk-${run}-` } } });
  if (t) await retireFormations(t.db, run);
  await t?.stop();
});

describe('the XLSX export of a selection', () => {
  const columns: ExportColumnKey[] = [
    'dossierNumber',
    'lastName',
    'firstName',
    'ine',
    'formationCode',
    'formationLabel',
    'dossierStatus',
    'opinion',
    'decisionType',
    'opinionValidated',
    'bacCode',
    'bacYear',
    'city',
    'opinionComment',
  ];

  it('has the chosen columns in order, headed in the chosen language, with the candidatures’ values', async () => {
    const res = await download(`/api/staff/candidatures/export.xlsx?formation=${formation}&columns=${columns.join(',')}&lang=en`, manager);
    expect(res.status, res.problem?.detail).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="applications-${formation}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`));
    const rows = await sheetRows(res.bytes);
    expect(rows[0]).toEqual(columns.map((c) => EXPORT_COLUMNS[c].en));
    expect(rows).toHaveLength(4);
    // By candidate name: ESSAI1, ESSAI2, ESSAI3.
    expect(rows.slice(1).map((r) => r[0])).toEqual(people.map((p) => p.dossier));
    expect(rows[1]).toEqual([
      people[0]!.dossier,
      'ESSAI1',
      'Alex',
      `${prefix.slice(0, 3)}0000001AB`,
      formation,
      formationLabel,
      'CO',
      'FA',
      'AVIS_FAVORABLE',
      'yes',
      'G',
      2021,
      expect.any(String),
      'Très bon dossier.',
    ]);
    expect(Array.from(rows[3]!.slice(6, 10), (v) => v ?? '')).toEqual(['AT', '', '', '']);
  });

  it('heads the columns in French by Accept-Language, takes a POST with ids, and a preset name', async () => {
    const res = await download('/api/staff/candidatures/export.xlsx', manager, {
      method: 'POST',
      body: { ids: [people[1]!.id, people[0]!.id], columns: ['records'] },
      lang: 'fr-FR,fr;q=0.9',
    });
    expect(res.status, res.problem?.detail).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('candidatures-selection-');
    const rows = await sheetRows(res.bytes);
    expect(rows[0]![0]).toBe('N° dossier');
    expect(rows[0]).toHaveLength(22);
    expect(rows.slice(1).map((r) => r[0])).toEqual([people[0]!.dossier, people[1]!.dossier]);
    expect(rows[1]![15]).toBe('oui');
  });

  it('gives a manager of another centre none of them, by filter or by ids', async () => {
    const byFilter = await sheetRows((await download(`/api/staff/candidatures/export.xlsx?formation=${formation}`, outsider)).bytes);
    expect(byFilter).toHaveLength(1);
    const byIds = await sheetRows((await download(`/api/staff/candidatures/export.xlsx?ids=${people.map((p) => p.id).join(',')}`, outsider)).bytes);
    expect(byIds).toHaveLength(1);
  });

  it('refuses an unknown column with a 400 naming the field and the key', async () => {
    const fr = await download(`/api/staff/candidatures/export.xlsx?formation=${formation}&columns=dossierNumber,pointure`, manager);
    expect(fr.status).toBe(400);
    expect(fr.problem.errors[0].field).toBe('columns');
    expect(fr.problem.detail).toMatch(/^Colonnes : colonne inconnue « pointure »/);
    const en = await download('/api/staff/candidatures/export.xlsx', manager, { method: 'POST', body: { columns: ['shoeSize'] }, lang: 'en' });
    expect(en.status).toBe(400);
    expect(en.problem.detail).toMatch(/^Columns: unknown column “shoeSize”/);
  });
});

describe('the records file of a campaign', () => {
  it('keeps its 22 columns, headers and order, from the same catalogue', async () => {
    const res = await download('/api/staff/campaigns/2026-P/records', manager);
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.bytes);
    expect(rows[0]).toEqual([
      'N° dossier',
      'Nom',
      'Prénom',
      'INE',
      'Campagne',
      'SI Scolarité',
      'Campagne archivée le',
      'Formation',
      'Libellé de la formation',
      'Code de la formation dans le SI',
      'Commission',
      'Étape',
      'Statut du dossier',
      'Avis',
      'Type de décision',
      'Avis validé',
      'Réponse du candidat',
      'Répondu le',
      'Export SI',
      'Exporté le',
      'Référence dans le SI',
      'Identifiant',
    ]);
    const mine = rows.find((r) => r[0] === people[0]!.dossier)!;
    expect(mine.slice(0, 2)).toEqual([people[0]!.dossier, 'ESSAI1']);
    expect(mine[13]).toBe('FA');
    expect(mine[21]).toBe(people[0]!.id);
    const csv = await download('/api/staff/campaigns/2026-P/records?format=csv', manager);
    expect(csv.bytes.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFN° dossier;Nom;Prénom;INE;Campagne;SI Scolarité;Campagne archivée le;Formation;Libellé de la formation;Code de la formation dans le SI;Commission;Étape;Statut du dossier;Avis;Type de décision;Avis validé;Réponse du candidat;Répondu le;Export SI;Exporté le;Référence dans le SI;Identifiant',
    );
  });
});

describe('the zips', () => {
  it('gathers one document across the selection, named after the dossier, the name and the formation, with the bytes uploaded', async () => {
    const res = await download(`/api/staff/candidatures/documents.zip?formation=${formation}&document=${document}`, manager);
    expect(res.status, res.problem?.detail).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('x-entry-count')).toBe('2');
    const zip = await JSZip.loadAsync(res.bytes);
    const name = (i: number, ext: string) => `${people[i]!.dossier}_ESSAI${i + 1}_${formation}.${ext}`;
    expect(Object.keys(zip.files).sort()).toEqual([name(0, 'pdf'), name(1, 'png'), 'index.csv'].sort());
    expect(Buffer.from(await zip.file(name(0, 'pdf'))!.async('uint8array')).equals(transcript)).toBe(true);
    expect(Buffer.from(await zip.file(name(1, 'png'))!.async('uint8array')).equals(PNG)).toBe(true);
    const index = (await zip.file('index.csv')!.async('string')).split('\r\n');
    expect(index[0]).toBe('\uFEFFN° dossier;Nom;Prénom;Formation;Raison');
    expect(index[1]).toBe(`${people[2]!.dossier};ESSAI3;Alex;${formation};aucun fichier déposé`);

    // Another centre's manager gets an empty zip (only the index, listing nobody).
    const outside = await JSZip.loadAsync(
      (await download(`/api/staff/candidatures/documents.zip?formation=${formation}&document=${document}`, outsider)).bytes,
    );
    expect(Object.keys(outside.files)).toEqual(['index.csv']);
    // The dialog offers the documents of the user's formations (this one, created without a centre, is everyone's).
    expect((await ok(t.api('GET', '/api/staff/exports/documents', { token: manager }), 200)).map((d: { code: string }) => d.code)).toContain(document);
    const unknown = await download(`/api/staff/candidatures/documents.zip?formation=${formation}&document=NOPE-${run}`, manager);
    expect(unknown.status).toBe(400);
    expect(unknown.problem.detail).toMatch(/^Pièce justificative : pièce inconnue/);
  });

  it('zips the candidates’ whole files as PDFs that open, with the pages of the single file', async () => {
    const res = await download('/api/staff/candidatures/dossiers.zip', manager, { method: 'POST', body: { ids: [people[0]!.id, people[2]!.id] } });
    expect(res.status, res.problem?.detail).toBe(200);
    const zip = await JSZip.loadAsync(res.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([`${people[0]!.dossier}_ESSAI1_${formation}.pdf`, `${people[2]!.dossier}_ESSAI3_${formation}.pdf`]);
    const single = await download(`/api/staff/candidatures/${people[0]!.id}/dossier`, manager);
    const expected = (await PDFDocument.load(single.bytes)).getPageCount();
    const withTranscript = await PDFDocument.load(await zip.file(names[0]!)!.async('uint8array'));
    expect(withTranscript.getPageCount()).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(3);
    const without = await PDFDocument.load(await zip.file(names[1]!)!.async('uint8array'));
    expect(without.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(without.getPageCount()).toBeLessThan(expected);
  });

  it('refuses more than 200 candidates’ files with a clear 400', async () => {
    const ids = Array.from({ length: 201 }, () => randomUUID());
    // Unknown ids are no candidatures: the selection counts what exists in scope.
    expect((await download('/api/staff/candidatures/dossiers.zip', admin, { method: 'POST', body: { ids } })).status).toBe(200);
    const overList = await download('/api/staff/candidatures/dossiers.zip', admin, {
      method: 'POST',
      body: { ids: Array.from({ length: 5001 }, (_, i) => `x${i}`) },
    });
    expect(overList.status).toBe(400);
    const many = await download(`/api/staff/candidatures/dossiers.zip?formation=${formation}&lang=en`, admin);
    expect(many.status).toBe(200);
    await insertBulk(250);
    const tooMany = await download(`/api/staff/candidatures/dossiers.zip?formation=${formation}`, manager, { lang: 'en' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.problem.detail).toMatch(/^Selection: 253 applications selected: 200 at most/);
    await t.db.candidature.deleteMany({ where: { workflowId: { startsWith: `bulk-${run}-` } } });
  });
});

/** Read-model rows without workflows on this file's formation (for counts and timing only). */
async function insertBulk(count: number) {
  const f = await t.db.formation.findUniqueOrThrow({ where: { code: formation } });
  const accounts = await t.db.candidateAccount.findMany({ where: { dossierNumber: { in: people.map((p) => p.dossier) } } });
  const rows = Array.from({ length: count }, (_, i) => {
    const a = accounts[i % accounts.length]!;
    return {
      id: randomUUID(),
      workflowId: `bulk-${run}-${i}`,
      accountId: a.id,
      formationId: f.id,
      campaignId: a.campaignId,
      commissionId: f.commissionId,
      candidateName: `${a.lastName} ${a.firstName}`,
      dossierNumber: a.dossierNumber,
      stage: 'draft',
      dossierStatus: 'AT',
      traitement: 'AC',
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await t.db.candidature.createMany({ data: rows.slice(i, i + 1000) });
}

describe('a large selection', () => {
  it('exports a few thousand rows with every column (time reported)', async () => {
    await insertBulk(5000);
    const started = performance.now();
    const res = await download(`/api/staff/candidatures/export.xlsx?formation=${formation}&columns=${Object.keys(EXPORT_COLUMNS).join(',')}`, manager);
    const ms = Math.round(performance.now() - started);
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.bytes);
    expect(rows).toHaveLength(5004);
    expect(rows[0]).toHaveLength(Object.keys(EXPORT_COLUMNS).length);
    console.log(`[staff-export] XLSX of 5003 rows × ${Object.keys(EXPORT_COLUMNS).length} columns: ${ms} ms, ${Math.round(res.bytes.length / 1024)} KiB`);
    // The usual columns (the dialog's default choice).
    const usual = performance.now();
    const small = await download(`/api/staff/candidatures/export.xlsx?formation=${formation}`, manager);
    expect(small.status).toBe(200);
    console.log(`[staff-export] XLSX of 5003 rows × the ${EXPORT_PRESETS.default.length} usual columns: ${Math.round(performance.now() - usual)} ms`);
    await t.db.candidature.deleteMany({ where: { workflowId: { startsWith: `bulk-${run}-` } } });
  }, 120_000);
});
