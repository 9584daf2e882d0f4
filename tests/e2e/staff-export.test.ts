/// <reference lib="dom" />
// The list's export dialog in a real browser, as the demo manager of the FST Pégase centre: the
// columns chosen by group and remembered after a reload, the XLSX downloaded with those columns in
// order (opened back with exceljs), its end announced; the candidates' files as a zip of PDFs; the
// dialog in English, on a 375-px phone (nothing cut), with no serious axe violation.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, EXPORT_PRESETS } from '../../contracts/staff-export.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTests, expectText, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const PREFIX = `E${Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let manager: Page;
let dossiers: string[];

beforeAll(async () => {
  t = await browser.start();
  const emails = await createCandidates(t.db, '2026-P', PREFIX, 3);
  dossiers = emails.map((e) => e.split('@')[0]!.toUpperCase());
  const token = await t.login('centre');
  for (const dossierNumber of dossiers) {
    const res = await t.api('POST', '/api/staff/candidatures', { token, body: { dossierNumber, formationCode: 'L3-INFO', mode: 'proposition' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await t.eventually(
    async () => (await t.api('GET', `/api/staff/candidatures?q=${PREFIX}&pageSize=50`, { token })).body,
    (page) => page.total === 3,
  );
}, 300_000);
afterAll(() => browser.stop());

const dialog = (page: Page, name: RegExp) => page.getByRole('dialog', { name });

async function sheetHeaders(download: Download): Promise<{ headers: unknown[]; rows: number }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return { headers: (sheet.getRow(1).values as unknown[]).slice(1), rows: sheet.actualRowCount };
}

describe('the export dialog', () => {
  it('exports the filtered list with the columns chosen by group, remembered after a reload, and announces the end', { timeout: 120_000 }, async () => {
    manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.goto(`${t.server.url}/gestion?q=${PREFIX.toLowerCase()}`);
    await manager.getByRole('button', { name: 'Exporter', exact: true }).click();
    const box = dialog(manager, /^Exporter la sélection/);
    await expectText(box, 'Toutes les candidatures du filtre en cours');
    await box.getByRole('button', { name: 'Colonnes usuelles' }).click();
    await box
      .getByRole('group', { name: /^Baccalauréat/ })
      .getByRole('button', { name: 'Tout le groupe' })
      .click();
    await box.getByLabel('Civilité', { exact: true }).check({ force: true });
    const chosen = [
      ...EXPORT_PRESETS.default,
      'civility',
      'bacCode',
      'bacLabel',
      'bacYear',
      'bacMention',
      'bacEstablishment',
      'bacDepartment',
      'bacCountry',
      'bacSpecialties',
      'bacOptions',
    ];
    const inOrder = Object.keys(EXPORT_COLUMNS).filter((k) => chosen.includes(k)) as (keyof typeof EXPORT_COLUMNS)[];
    await expectText(box, `Colonnes choisies : ${inOrder.length}`);
    expect(await axeViolations(manager)).toEqual([]);
    await screenshot(manager, 'staff-export-dialog');

    const [download] = await Promise.all([manager.waitForEvent('download'), box.getByRole('button', { name: 'Télécharger le tableur' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^candidatures-toutes-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await sheetHeaders(download);
    expect(sheet.headers).toEqual(inOrder.map((k) => EXPORT_COLUMNS[k].fr));
    expect(sheet.rows).toBe(4);
    await expectText(manager.locator('[aria-live]').filter({ hasText: 'téléchargé' }).first(), /Fichier candidatures-toutes-.*\.xlsx téléchargé/);

    // Remembered on this computer.
    await manager.reload();
    await manager.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expectText(dialog(manager, /^Exporter la sélection/), `Colonnes choisies : ${inOrder.length}`);
  });

  it('downloads the ticked candidates’ files as a zip of PDFs', { timeout: 120_000 }, async () => {
    await manager.goto(`${t.server.url}/gestion?q=${dossiers[0]}`);
    await manager.locator('tbody input[type=checkbox]').first().check({ force: true });
    await manager.getByRole('button', { name: 'Exporter', exact: true }).click();
    const box = dialog(manager, /^Exporter la sélection/);
    await expectText(box, 'Candidature cochée : 1.');
    const [download] = await Promise.all([manager.waitForEvent('download'), box.getByRole('button', { name: 'Télécharger les dossiers PDF' }).click()]);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    expect(Object.keys(zip.files)).toEqual([`${dossiers[0]}_ESSAI1_L3-INFO.pdf`]);
  });

  it('reads in English and fits a 375-px phone', { timeout: 90_000 }, async () => {
    await manager.goto(`${t.server.url}/gestion?q=${PREFIX.toLowerCase()}`);
    await switchLanguage(manager, 'en');
    await manager.setViewportSize({ width: 375, height: 800 });
    await manager.reload();
    await manager.getByRole('button', { name: 'Export', exact: true }).click();
    const box = dialog(manager, /^Export the selection/);
    await expectText(box, 'Spreadsheet (XLSX)');
    await expectText(box, 'Whole files as PDFs (ZIP)');
    await expect.poll(() => manager.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(manager)).toEqual([]);
    await screenshot(manager, 'staff-export-phone-en');
  });
});
