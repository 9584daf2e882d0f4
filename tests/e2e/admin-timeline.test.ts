/// <reference lib="dom" />
// The admins' pages in a real browser: a candidature's timeline (who did what and when, in words;
// filtered by kind; the raw workflow events one click away; the Temporal UI link in the configured
// namespace), and the admin console (a failed export retried from it leaves it). French and English,
// a 375 px phone without sideways scrolling, axe-core with no serious or critical violation.
//
// Data: candidates of its own (prefix E2T + run id), created here: one on Pégase taken to a confirmed,
// exported admission (with a cancellation refused on the way), one on Apogée whose export the
// simulator refuses once. Screenshots land in /tmp/e2e-admin-timeline-*.png.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, expectText, loose, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 3).toUpperCase();
const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let exported: { id: string; dossier: string };
let refused: { id: string; dossier: string };

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

beforeAll(async () => {
  t = await browser.start({ temporalUiUrl: 'http://temporal-ui.invalid:8233' });
  const [pegase] = await createCandidates(t.db, '2026-P', `E2T${RUN}`, 1);
  const token = await t.login(pegase!);
  const decided = await t.decidedCandidature(token, '2026-P');
  // Refused: a decision was entered, the candidature can no longer be cancelled.
  expect((await t.api('POST', `/api/candidatures/${decided.id}/cancel`, { token })).status).toBe(409);
  expect((await t.api('POST', `/api/candidatures/${decided.id}/confirm`, { token })).status).toBe(200);
  await t.eventually(
    () => t.db.candidature.findUniqueOrThrow({ where: { id: decided.id } }),
    (row) => row.exportStatus === 'done',
    60_000,
  );
  exported = { id: decided.id, dossier: pegase!.split('@')[0]!.toUpperCase() };

  const [apogee] = await createCandidates(t.db, '2026-A', `E2U${RUN}`, 1);
  const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: apogee! }, include: { candidate: true } });
  await t.db.candidate.update({ where: { id: account.candidate!.id }, data: { birthCommuneCode: '69123', birthDepartmentCode: '069', ineKey: 'A' } });
  await t.db.candidateBac.update({ where: { candidateId: account.candidate!.id }, data: { bacCode: 'GEN' } });
  await t.db.address.update({ where: { candidateId: account.candidate!.id }, data: { postcode: '75004', communeCode: '75056' } });
  const token2 = await t.login(apogee!);
  const second = await t.decidedCandidature(token2, '2026-A');
  const fault = await fetch(`${t.apogee!.url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operation: 'mettreajourDonneesOpi_v10', kind: 'soapFault', count: 1, message: 'Erreur de test : base en maintenance' }),
  });
  expect(fault.ok).toBe(true);
  expect((await t.api('POST', `/api/candidatures/${second.id}/confirm`, { token: token2 })).status).toBe(200);
  await t.eventually(
    () => t.db.candidature.findUniqueOrThrow({ where: { id: second.id } }),
    (row) => row.exportStatus === 'failed',
    60_000,
  );
  refused = { id: second.id, dossier: account.dossierNumber };
}, 300_000);

afterAll(() => browser.stop());

describe('the timeline of a candidature', () => {
  let page: Page;

  it('says who did what and when, in words, filtered by kind', { timeout: 90_000 }, async () => {
    page = await newActor();
    await loginAs(page, 'admin');
    await page.goto(`${t.server.url}/admin/candidatures/${exported.id}/historique`);
    await page.getByRole('heading', { level: 1, name: 'Historique du workflow' }).waitFor();
    const list = page.getByRole('list', { name: 'Chronologie de la candidature' });
    await expectText(list, /Candidature créée/);
    const item = (text: RegExp) => list.locator(':scope > li').filter({ hasText: text });
    await expectText(item(/Transmission du dossier/), loose(`Candidat ${exported.dossier}`));
    await expectText(item(/Transmission du dossier/), /Appliquée/);
    await expectText(item(/Statut du dossier/).first(), /Gestionnaire centre[\s\S]*Statut du dossier\s*:\s*Complet/);
    await expectText(item(/Avis saisi/), /Type de décision\s*:\s*Avis favorable \(AVIS_FAVORABLE\)[\s\S]*Avis\s*:\s*Favorable/);
    await expectText(item(/Annulation de la candidature/), /Refusée[\s\S]*Motif du refus\s*:\s*Une décision a déjà été saisie/);
    await expectText(item(/Tentative d’export vers le SI/), /Réussie/);
    await expectText(item(/Réponse du SI/), /Export vers le SI[\s\S]*Exporté[\s\S]*SUCCES/);
    await expectText(item(/Courriel/).first(), /Destinataire\s*:\s*e2t/i);
    // The Temporal UI, in the configured namespace.
    const link = page.getByRole('link', { name: /Ouvrir dans Temporal Web UI/ });
    expect(await link.getAttribute('href')).toBe(
      `http://temporal-ui.invalid:8233/namespaces/${encodeURIComponent(t.config.temporalNamespace)}/workflows/candidature-${exported.id}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-timeline-1-all');

    // Mails only.
    for (const kind of ['Actions', 'Exports', 'Minuteurs', 'Système'])
      await page.getByRole('checkbox', { name: new RegExp(`^${kind} \\(`) }).uncheck({ force: true });
    const mails = await page.getByRole('checkbox', { name: /^Courriels \(/ }).getAttribute('id');
    const mailCount = Number(/\((\d+)\)/.exec((await page.locator(`label[for="${mails}"]`).textContent()) ?? '')?.[1]);
    expect(mailCount).toBeGreaterThan(0);
    await expect.poll(() => list.locator(':scope > li').count()).toBe(mailCount);
    expect((await list.locator(':scope > li').allInnerTexts()).every((x) => /Courriel/.test(x))).toBe(true);
    await expectText(page.locator('main'), new RegExp(`${mailCount} événement\\(s\\) affiché\\(s\\) sur \\d+`));
    await page.getByRole('checkbox', { name: /^Actions \(/ }).check({ force: true });
    await expectText(list, /Transmission du dossier/);
  });

  it('shows the raw workflow events in one click', { timeout: 60_000 }, async () => {
    const toggle = page.getByRole('button', { name: 'Afficher les événements bruts du workflow' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const table = page.getByRole('table', { name: 'Événements bruts du workflow' });
    await table.waitFor();
    await expectText(table, /WorkflowExecutionStarted/);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(
      await page.getByRole('list', { name: 'Chronologie de la candidature' }).locator(':scope > li').count(),
    );
    expect(await page.getByRole('button', { name: 'Masquer les événements bruts du workflow' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads in English, and on a phone', { timeout: 60_000 }, async () => {
    await switchLanguage(page, 'en');
    const list = page.getByRole('list', { name: 'Timeline of the application' });
    await expectText(list, /File sent[\s\S]*Applied/);
    await expectText(list, /Application cancelled[\s\S]*Refused[\s\S]*Why it was refused:\s*A decision has already been entered/);
    await expectText(list, /Decision type:\s*Favourable decision \(AVIS_FAVORABLE\)/);
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'fr');

    await page.setViewportSize({ width: 375, height: 740 });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Historique du workflow' }).waitFor();
    await expectText(page.getByRole('list', { name: 'Chronologie de la candidature' }), /Transmission du dossier/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-timeline-2-phone');
  });
});

describe('the admin console', () => {
  it('lists the failed export; "Relancer" exports it and it leaves the console', { timeout: 90_000 }, async () => {
    const page = await newActor();
    await loginAs(page, 'admin');
    await page.goto(`${t.server.url}/admin/parametrage`);
    await page.getByRole('link', { name: 'Console', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Console d’administration' }).waitFor();
    const exports = page.getByRole('table', { name: /Exports en échec/ });
    const row = page.getByRole('row').filter({ hasText: refused.dossier });
    await expectText(exports, new RegExp(refused.dossier));
    await expectText(row.first(), /base en maintenance/);
    await expectText(page.getByRole('region', { name: 'Workflows bloqués' }), /Aucun workflow bloqué|Workflows dont une activité échoue/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-timeline-3-console');

    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Admin console' }).waitFor();
    await expectText(page.getByRole('table', { name: /Failed exports/ }), new RegExp(refused.dossier));
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'fr');

    await row.first().getByRole('button', { name: 'Relancer' }).click();
    await expectText(alertWith(page, 'relancé'), loose(`Export de la candidature ${refused.dossier} relancé.`));
    await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id: refused.id } }),
      (r) => r.exportStatus === 'done',
      60_000,
    );
    await page.getByRole('button', { name: 'Actualiser' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: refused.dossier }).count(), { timeout: 15_000 }).toBe(0);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
