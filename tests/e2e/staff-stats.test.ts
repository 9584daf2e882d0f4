/// <reference lib="dom" />
// The statistics page (/gestion/statistiques) in a real browser against the real application: a
// centre manager opens it from the header, sees the charts drawn (canvas images named for assistive
// technologies) with their tables, whose numbers are the API's; drills down to a commission of this
// file's own and reads its formation's counters (what was made: three applications, two received);
// reads it in English; on a 375-pixel phone nothing but the tables scrolls sideways. No serious axe
// violation, nothing blocked by the Content-Security-Policy.
// Data owned here: a commission STE-<run> of the demo centre FST, a formation STEF-<run>, three candidates.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffStats } from '../../contracts/staff-stats.ts';
import { addDays, parisDate } from '../../domain/time.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTests, expectText, rowOf, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

const browser = browserTests();
let t: TestApp;
let page: Page;
const run = randomUUID().slice(0, 6).toUpperCase();
const commission = `STE-${run}`;
const formation = `STEF-${run}`;
const blocked: string[] = [];

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  t = await browser.start();
  const admin = await t.login('admin');
  const today = parisDate(new Date());
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission graphiques ${run}`, centreCode: 'FST', email: `ste-${run.toLowerCase()}@univ.test` },
    }),
  );
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formation,
        label: `Master Graphiques ${run}`,
        commissionCode: commission,
        capacity: 12,
        applicationStartsOn: addDays(today, -1),
        applicationEndsOn: addDays(today, 30),
        returnDeadline: addDays(today, 40),
      },
    }),
  );
  // Three applications: two received, one draft.
  for (const [i, email] of (await createCandidates(t.db, '2026-P', `SE${run.slice(0, 4)}`, 3)).entries()) {
    const token = await t.login(email);
    const created = await ok(t.api('POST', '/api/candidatures', { token, body: { formationCode: formation } }));
    if (i === 2) continue;
    await t.completeFile(token, created.id);
    await ok(t.api('POST', `/api/candidatures/${created.id}/transmit`, { token }), 200);
  }
  page = await browser.newActor();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|CSP violation|Refused to/i.test(m.text())) blocked.push(m.text());
  });
}, 300_000);

afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await browser.stop();
});

/** The statistics as the page's own session reads them from the API. */
const apiStats = (query: string) =>
  page.evaluate(async (q) => (await fetch(`/api/staff/stats?campaign=2026-P${q}`, { credentials: 'same-origin' })).json(), query) as Promise<StaffStats>;

/** Whether a canvas has anything drawn on it (a pixel not transparent). */
const drawn = (name: RegExp) =>
  page.getByRole('img', { name }).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
    return false;
  });

const cell = (row: ReturnType<typeof rowOf>, index: number) => row.getByRole('cell').nth(index);

describe('statistics page', () => {
  it('a centre manager reads the charts and their tables, drills down to a formation, in French and English, on a phone', async () => {
    await browser.loginAs(page, 'centre');
    await page.getByRole('link', { name: 'Statistiques', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    // The demo has two campaigns in service (Pégase and Apogée): the one where the manager has the most candidatures is chosen.
    const count = (code: string) =>
      page.evaluate(async (c) => ((await (await fetch(`/api/staff/candidatures/counts?campaign=${c}`)).json()) as { total: number }).total, code);
    const [pegase, apogee] = [await count('2026-P'), await count('2026-A')];
    const expected = pegase === apogee ? /^2026-[AP]$/ : pegase > apogee ? /^2026-P$/ : /^2026-A$/;
    await expect.poll(() => page.getByLabel('Campagne').inputValue()).toMatch(expected);
    await page.getByLabel('Campagne').selectOption('2026-P');

    // The whole campaign: the status chart is drawn, and its table says the API's numbers.
    const statusChart = /Diagramme en barres : nombre de dossiers par statut/;
    await page.getByRole('img', { name: statusChart }).waitFor();
    await expect.poll(() => drawn(statusChart)).toBe(true);
    const whole = await apiStats('');
    await expectText(page.locator('[data-figure="total"]'), new RegExp(`^${whole.totals.counters.total}$`));
    const statusTable = page.getByRole('table', { name: 'Dossiers par statut' });
    expect(await cell(statusTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Réceptionné', exact: true }) }), 0).innerText()).toBe(
      String(whole.totals.counters.statusRE),
    );
    expect(await axeViolations(page)).toEqual([]);

    // Down to this file's commission: its formation's row reads what was made.
    await page.getByRole('button', { name: new RegExp(`Voir le détail de ${commission}`) }).click();
    await page.getByRole('navigation', { name: 'Niveau affiché' }).getByText(`Commission ${commission}`).waitFor();
    await expectText(page.locator('[data-figure="total"]'), /^3$/);
    const row = page
      .getByRole('table', { name: /Par formation/ })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(formation) }) });
    // Label, places, applications, cancelled, waiting, received.
    expect(await Promise.all([1, 2, 3, 4, 5].map((i) => cell(row, i).innerText()))).toEqual(['12', '3', '0', '1', '2']);
    await expect.poll(() => drawn(/Diagramme en barres horizontales/)).toBe(true);
    const download = page.getByRole('link', { name: /Télécharger les statistiques/ });
    expect(await download.getAttribute('href')).toBe(`/api/staff/stats.xlsx?campaign=2026-P&centre=FST&commission=${commission}&lang=fr`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-stats');

    // In English: the same numbers under English names.
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await page.getByRole('img', { name: /Bar chart: number of files by status/ }).waitFor();
    const received = page
      .getByRole('table', { name: 'Files by status' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Received', exact: true }) });
    expect(await cell(received, 0).innerText()).toBe('2');
    expect(await page.getByRole('link', { name: /Download the statistics/ }).getAttribute('href')).toMatch(/&lang=en$/);
    expect(await axeViolations(page)).toEqual([]);

    // On a phone: the page is as wide as the screen (wide tables scroll in their own frame), the charts still drawn.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expect.poll(() => drawn(/Bar chart: number of files by status/)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-stats-phone');
    expect(blocked).toEqual([]);
  });
});
