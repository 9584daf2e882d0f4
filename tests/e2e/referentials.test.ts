/// <reference lib="dom" />
// The admin's referentials page in a real browser (Debian's Chromium driven by playwright-core, the
// shared set-up of tests/support/browser.ts) against the real application and the Pégase simulator:
// the daily schedule is shown, "Synchroniser maintenant" starts a run whose progress is shown and
// announced, the run appears in the last runs with its per-list report; a list failing in Pégase
// shows as failed with Pégase's message; a second click while a run is under way is not possible. The sis_* tables are put back as they were.
// Screenshots land in /tmp/e2e-referentials-*.png (outside the repository).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIAL_TABLES } from '../../activities/referential-sync.ts';
import type { TestApp } from '../support/app.ts';
import { browserTests, screenshot } from '../support/browser.ts';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let page: Page;
const snapshot = new Map<string, unknown[]>();
const TABLES = [...new Set(Object.values(REFERENTIAL_TABLES).map((s) => s.table))];

beforeAll(async () => {
  t = await browser.start();
  for (const table of TABLES) snapshot.set(table, await t.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`));
  page = await newActor();
}, 300_000);

afterAll(async () => {
  try {
    if (t) {
      await fetch(`${t.pegase!.url}/__admin/faults`, { method: 'DELETE' });
      await t.db.$transaction(async (tx) => {
        for (const [table, rows] of snapshot) {
          await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
          await tx.$executeRawUnsafe(`INSERT INTO "${table}" SELECT * FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, JSON.stringify(rows));
        }
      });
    }
  } finally {
    await browser.stop();
  }
});

describe('referentials page', () => {
  it('an admin synchronises the Pégase referentials now, follows the progress and reads the report', async () => {
    await loginAs(page, 'admin');

    await page.getByRole('link', { name: 'Référentiels' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Référentiels du SI Scolarité');
    await page.getByText(/Synchronisation quotidienne \(30 3 \* \* \*, fuseau Europe\/Paris\)/).waitFor();

    // Pégase down for the departments, and slow for the communes: the progress shows.
    await fetch(`${t.pegase!.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { path: '/api/v1/ref/nomenclatures/Departement/*', kind: 'http5xx', status: 400, count: null },
        { path: '/api/v1/ref/nomenclatures/Commune/*', kind: 'latency', ms: 2500, count: 1 },
      ]),
    });
    const button = page.getByRole('button', { name: 'Synchroniser maintenant' });
    await button.click();
    const progress = page.getByRole('progressbar', { name: 'Synchronisation des référentiels Pégase en cours' });
    await progress.waitFor();
    await page.getByText(/en cours\s*: Communes/).waitFor();
    expect(await button.isDisabled()).toBe(true);
    await screenshot(page, 'referentials-progress');

    // Finished: announced, listed, and its report shown.
    await progress.waitFor({ state: 'detached', timeout: 60_000 });
    const runs = page.getByRole('table', { name: 'Dernières synchronisations' });
    const row = runs.getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('Partielle');
    expect(await row.textContent()).toContain('admin');
    expect(await row.textContent()).toMatch(/13\s*à jour, 8\s*non fournies, 1\s*en échec/);
    const report = page.getByRole('table', { name: 'Rapport par liste' });
    const countries = report.getByRole('row', { name: /Pays et nationalités/ });
    expect(await countries.textContent()).toContain('À jour');
    const departments = report.getByRole('row', { name: /Départements/ });
    expect(await departments.textContent()).toContain('En échec');
    expect(await departments.textContent()).toContain('Erreur 400 simulée');
    expect(await report.getByRole('row', { name: /Options du bac/ }).textContent()).toContain('Non fournie');
    expect(await button.isDisabled()).toBe(false);
    await screenshot(page, 'referentials-report');

    // In English.
    await fetch(`${t.pegase!.url}/__admin/faults`, { method: 'DELETE' });
    await page.evaluate(() => localStorage.setItem('ecandidat.locale', 'en'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Student information system referentials' }).waitFor();
    await page.getByRole('button', { name: 'Synchronise now' }).waitFor();
    await page.evaluate(() => localStorage.setItem('ecandidat.locale', 'fr'));
  });
});
