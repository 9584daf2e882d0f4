/// <reference lib="dom" />
// The staff's data-protection page (/gestion/rgpd) in a real browser against the real application:
// a candidate manager (scolarité centrale) asks for an account's data export, follows it to "done",
// reads its report and finds the archive's link; then asks for the account's deletion and reads what
// was deleted and what was kept. A request without a dossier number is refused on the page, with the
// error summary focused. No accessibility violation (axe) on the page.
// Data owned here: one account `E<xx>00001` of campaign 2026-P (random letters per run).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTests, expectText, focusedId, openPage, rowOf, screenshot } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const browser = browserTests();
let t: TestApp;
let page: Page;
let dossier: string;

beforeAll(async () => {
  t = await browser.start();
  const letters = String.fromCharCode(...Array.from({ length: 2 }, () => 65 + Math.floor(Math.random() * 26)));
  const [email] = await createCandidates(t.db, '2026-P', `E${letters}`, 1);
  dossier = email!.split('@')[0]!.toUpperCase();
  page = await browser.newActor();
}, 300_000);
afterAll(async () => browser.stop());

describe('data-protection page', () => {
  it('a candidate manager exports an account’s data, then deletes the account, and reads each report', async () => {
    await browser.loginAs(page, 'scol');
    await openPage(page, `${t.server.url}/gestion/rgpd`, 'Demandes RGPD');
    expect(await axeViolations(page)).toEqual([]);

    // Nothing typed: refused on the page, the summary focused.
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expectText(page.locator('#dp-summary'), /Saisissez le numéro de dossier du compte/);
    expect(await focusedId(page)).toBe('dp-summary');

    await page.getByLabel('Numéro de dossier', { exact: false }).first().fill(dossier);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    const sent = page.getByText(/Demande n°\s\d+ enregistrée/);
    await sent.waitFor();
    const exportId = (await sent.textContent())!.match(/(\d+)/)![1]!;
    const exportRow = rowOf(page, exportId);
    await expectText(exportRow, /Terminée/, 60_000);
    await expect
      .poll(() => exportRow.getByRole('link', { name: 'Télécharger l’archive' }).getAttribute('href'))
      .toBe(`/api/staff/data-protection/requests/${exportId}/archive`);
    const report = page.locator('section[aria-labelledby="dp-report-title"]');
    await expectText(report, /Rapport de la demande n° \d+/);
    await expectText(report, /Compte candidat : 1/);
    await expectText(report, /État civil : 1/);

    await page.getByLabel('Type de demande').selectOption('deletion');
    await page.getByLabel('Forcer la suppression même si des candidatures sont en cours').waitFor();
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect.poll(async () => (await sent.textContent())?.match(/(\d+)/)?.[1]).not.toBe(exportId);
    const deletionId = (await sent.textContent())!.match(/(\d+)/)![1]!;
    expect(deletionId).not.toBe(exportId);
    await expectText(rowOf(page, deletionId), /Terminée/, 60_000);
    await expectText(report, /Conservé/);
    await expectText(report, /Journal d’audit \(\d+\) : Le journal d’audit garde/);
    expect(await t.db.candidateAccount.count({ where: { dossierNumber: dossier } })).toBe(0);
    // The export's archive went with the account.
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => rowOf(page, exportId).getByRole('link', { name: 'Télécharger l’archive' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'data-protection');
  });
});
