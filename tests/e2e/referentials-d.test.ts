/// <reference lib="dom" />
// The back office of the referentials kept by hand (campaigns with no SIS, type D) in a real browser
// (Debian's Chromium driven by playwright-core) against the real application, on the admin's
// referentials page, "Consulter les référentiels":
//   - the admin adds a D country (100 France, nationality « Française »), sees it in the table, changes
//     it to out of service and sees its badge change; the success is announced and the focus goes back
//     to the row's "Modifier";
//   - a postcode without its commune: the API's error is shown next to the commune field;
//   - a list longer than a page is paged;
//   - a Pégase list shows its rows read-only ("Mis à jour par la synchronisation", no "Modifier").
// Data: the D rows written here are deleted before and after.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { alertWith, browserTests, expectText, focusedText, loose, screenshot } from '../support/browser.ts';

const COUNTRY = '100';
const POSTCODE = '54999';
/** D departments written straight into the table, more than a page of them. */
const DEPARTMENTS = Array.from({ length: 25 }, (_, n) => `E2E${String(n).padStart(2, '0')}`);

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let page: Page;

async function deleteOurRows(): Promise<void> {
  await t.db.$executeRawUnsafe(`DELETE FROM "sis_country" WHERE "sis_type" = 'D' AND "code" = $1`, COUNTRY);
  await t.db.$executeRawUnsafe(`DELETE FROM "sis_postcode_commune" WHERE "sis_type" = 'D' AND "postcode" = $1`, POSTCODE);
  await t.db.$executeRawUnsafe(`DELETE FROM "sis_department" WHERE "sis_type" = 'D' AND "code" = ANY($1::text[])`, DEPARTMENTS);
}

beforeAll(async () => {
  t = await browser.start();
  await deleteOurRows();
  page = await newActor();
  await loginAs(page, 'admin');
}, 300_000);

afterAll(async () => {
  try {
    if (t) await deleteOurRows();
  } finally {
    await browser.stop();
  }
});

describe('in the browser', () => {
  const choose = async (sis: 'A' | 'P' | 'D', list: string, filter: '' | 'true' | 'false' = '') => {
    await page.getByLabel('Type de SI Scolarité', { exact: true }).selectOption(sis);
    await page.getByLabel('Liste', { exact: true }).selectOption(list);
    await page.getByLabel('Lignes affichées', { exact: true }).selectOption(filter);
  };
  const rowOf = (table: string, code: string) =>
    page
      .getByRole('table', { name: table })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  it('adds a D country, sees it, puts it out of service and sees its badge change', async () => {
    await page.goto(`${t.server.url}/admin/referentiels`);
    await page.getByRole('heading', { level: 2, name: 'Consulter les référentiels' }).waitFor();
    await choose('D', 'countries');
    expect(await page.getByText('Mis à jour par la synchronisation').count()).toBe(0);

    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.getByRole('group', { name: loose('Ajouter une ligne : Pays et nationalités') }).waitFor();
    expect(await focusedId()).toBe('referential-field-code');
    await page.locator('#referential-field-code').fill(COUNTRY);
    await page.locator('#referential-field-label').fill('France');
    await page.locator('#referential-field-nationalityLabel').fill('Française');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await alertWith(page, 'Ligne 100 enregistrée (Pays et nationalités).').waitFor();
    const table = 'Pays et nationalités (Aucun SI (D))';
    const row = rowOf(table, COUNTRY);
    await expectText(row, /France.*En service.*Française/);
    // Focus back on the new row's "Modifier".
    await expect.poll(() => focusedText(page)).toBe('Modifier');
    expect(await focusedId()).toBe('referential-edit-100');
    await screenshot(page, 'referentials-d-added');

    // Out of service.
    await row.getByRole('button', { name: 'Modifier la ligne 100 France' }).click();
    const form = page.getByRole('group', { name: 'Modifier la ligne 100' });
    await form.waitFor();
    expect(await page.locator('#referential-field-code').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#referential-field-code').inputValue()).toBe(COUNTRY);
    expect(await page.locator('#referential-field-nationalityLabel').inputValue()).toBe('Française');
    expect(await focusedId()).toBe('referential-field-label');
    const inService = form.getByRole('checkbox', { name: /En service/ });
    expect(await inService.isChecked()).toBe(true);
    // DSFR checkboxes: the box is drawn by the label, which takes the click.
    await inService.uncheck({ force: true });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await alertWith(page, 'Ligne 100 enregistrée (Pays et nationalités).').waitFor();
    await expectText(row, /France.*Hors service.*Française/);
    await expect.poll(focusedId).toBe('referential-edit-100');
    // Announced (the application's live region).
    await expectText(page.locator('.fr-sr-only[role="status"]'), 'Ligne 100 enregistrée');

    // The filter: out of service only shows it, in service only does not.
    await choose('D', 'countries', 'false');
    await expectText(rowOf(table, COUNTRY), /Hors service/);
    await choose('D', 'countries', 'true');
    await expect.poll(() => rowOf(table, COUNTRY).count()).toBe(0);
    const saved = await t.db.$queryRawUnsafe<{ active: boolean; nationality_label: string }[]>(
      `SELECT "active", "nationality_label" FROM "sis_country" WHERE "sis_type" = 'D' AND "code" = $1`,
      COUNTRY,
    );
    expect(saved).toEqual([{ active: false, nationality_label: 'Française' }]);
    await screenshot(page, 'referentials-d-out-of-service');
  });

  it('shows the API’s error next to the commune of a postcode without one', async () => {
    await choose('D', 'postcodeCommunes');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.locator('#referential-field-code').fill(POSTCODE);
    await page.locator('#referential-field-label').fill('Essai');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    const error = page.locator('#referential-field-communeCode-error');
    await expectText(error, 'fait partie de la clé de la liste : obligatoire.');
    const commune = page.locator('#referential-field-communeCode');
    expect(await commune.getAttribute('aria-invalid')).toBe('true');
    expect(await commune.getAttribute('aria-describedby')).toContain('referential-field-communeCode-error');
    await expect.poll(focusedId).toBe('referential-field-communeCode');
    // Nothing written; the form stays open with what was typed.
    expect(await page.locator('#referential-field-code').inputValue()).toBe(POSTCODE);
    const rows = await t.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "sis_postcode_commune" WHERE "sis_type" = 'D' AND "postcode" = $1`, POSTCODE);
    expect(rows).toHaveLength(0);
    await screenshot(page, 'referentials-d-postcode-error');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(focusedId).toBe('referential-add');
  });

  it('pages a long list', async () => {
    await t.db.$executeRawUnsafe(
      `INSERT INTO "sis_department" ("code", "sis_type", "label", "active") SELECT c, 'D', 'Essai ' || c, true FROM unnest($1::text[]) AS c`,
      DEPARTMENTS,
    );
    await choose('D', 'departments');
    const range = page.getByRole('navigation', { name: 'Pages de la liste' });
    await expectText(range, /Lignes 1 à 20 sur \d+/);
    const total = Number(/sur (\d+)/.exec((await range.textContent()) ?? '')![1]);
    expect(total).toBeGreaterThanOrEqual(25);
    expect(await range.getByRole('button', { name: 'Page précédente' }).isDisabled()).toBe(true);
    await range.getByRole('button', { name: 'Page suivante' }).click();
    await expectText(range, new RegExp(`Lignes 21 à ${Math.min(40, total)} sur ${total}`));
    expect(await page.getByRole('table', { name: 'Départements (Aucun SI (D))' }).getByRole('row').count()).toBe(Math.min(20, total - 20) + 1);
    await range.getByRole('button', { name: 'Page précédente' }).click();
    await expectText(range, /Lignes 1 à 20 sur/);
  });

  it('shows a Pégase list read-only', async () => {
    await choose('P', 'countries');
    await page.getByText('Mis à jour par la synchronisation').waitFor();
    const table = 'Pays et nationalités (Pégase)';
    await expectText(rowOf(table, '100'), /France.*En service/);
    expect(await page.getByRole('button', { name: 'Ajouter', exact: true }).count()).toBe(0);
    expect(
      await page
        .getByRole('table', { name: table })
        .getByRole('button', { name: /Modifier/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'referentials-d-pegase');
  });
});
