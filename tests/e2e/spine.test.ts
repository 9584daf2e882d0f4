/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The spine in a real browser (Debian's Chromium driven by playwright-core), against the real
// application: the candidate applies and transmits, the manager completes the file, enters and
// publishes a favourable opinion, the candidate confirms and sees the export to Pégase done, the
// admin reads the workflow history. Every step asserts what a user sees, through accessible
// selectors (roles, labels, the French catalog's texts), then the accessibility basics of the
// login and candidature pages and the switch to English.
//
// Screenshots of the key steps land in /tmp/e2e-*.png (outside the repository).
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { browserTests, definitionOf, expectText, screenshot } from '../support/browser.ts';
import { applyAndTransmit, confirmAndSeeExported, openTransmitted, publishFavourableOpinion } from '../support/candidature-steps.ts';

const CANDIDATE = 'candidat@demo.test';
const CAMPAIGN = '2026-P';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
/** The formation applied to and the candidature created by the spine, reused by the later checks. */
let formation: { code: string; label: string } | undefined;
let id: string | undefined;

beforeAll(async () => {
  t = await browser.start();
}, 300_000);

afterAll(() => browser.stop());

/**
 * The accessibility basics of the current page: French (or `lang`) document language, exactly one
 * h1, an accessible name on every form control, and the skip link first in the tab order.
 */
async function checkAccessibilityBasics(page: Page, lang = 'fr'): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);

  // Every visible form control is named: by Chromium's accessibility tree (the aria snapshot lists
  // each control with its computed name in quotes)…
  const snapshot = await page.locator('body').ariaSnapshot();
  const controls = snapshot.split('\n').filter((line) => /^\s*- (textbox|button|combobox|checkbox|radio|spinbutton|searchbox|listbox)\b/.test(line));
  expect(controls.length).toBeGreaterThan(0);
  expect(
    controls.filter((line) => !/^\s*- \w+ "[^"]*\S[^"]*"/.test(line)),
    'form controls without an accessible name',
  ).toEqual([]);
  // …and in the DOM (password fields have no ARIA role): a <label>, aria-label or aria-labelledby.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input:not([type=hidden]), select, textarea')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML),
  );
  expect(unlabelled, 'form fields without a label').toEqual([]);

  // The skip link to the content is the first thing the keyboard reaches, and its target exists.
  const skipLink = page.getByRole('navigation', { name: 'Accès rapide' }).getByRole('link', { name: 'Contenu' });
  if (lang === 'fr') {
    expect(await skipLink.getAttribute('href')).toBe('#contenu');
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Contenu');
    // A focused skip link shows the skip-link bar above the header; leave it, as a mouse user would,
    // before clicking in the header (the bar folding away moves the header under the pointer).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  expect(await page.locator('main#contenu').count()).toBe(1);
}

/** Switches the language with the header's selector. */
async function switchToEnglish(page: Page): Promise<void> {
  // The DSFR selector's button reads the current language code ("FR"); its menu lists the languages.
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await page.getByRole('link', { name: 'EN - English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
}

describe('the spine in a browser', () => {
  let candidate: Page;

  beforeAll(async () => {
    // Other test files apply with the same candidate in the same database, and the API refuses a
    // second active candidature to a formation (a withdrawn one still counts): pick, from the end
    // of the offer (the other files start at its beginning), a formation the candidate has none for.
    const token = await t.login(CANDIDATE);
    const offer = await t.api('GET', `/api/campaigns/${CAMPAIGN}/formations`, { token });
    const mine = await t.api('GET', '/api/candidatures', { token });
    expect(offer.status).toBe(200);
    expect(mine.status).toBe(200);
    const taken = new Set((mine.body as { formationCode: string; stage: string }[]).filter((c) => c.stage !== 'cancelled').map((c) => c.formationCode));
    // The browser spine has no upload step: a formation that asks for no supporting document.
    const withoutDocuments = new Set(
      // (of the demo's Pégase centre, managed by `centre`: other files add formations of their own)
      (
        await t.db.formation.findMany({
          where: { supportingDocuments: { none: {} }, questions: { none: {} }, commission: { centre: { code: 'FST' } } },
          select: { code: true },
        })
      ).map((f) => f.code),
    );
    const free = (offer.body as { code: string; label: string }[]).filter((f) => !taken.has(f.code) && withoutDocuments.has(f.code));
    if (free.length === 0) throw new Error(`${CANDIDATE} already has a candidature to every formation of ${CAMPAIGN}: use a fresh database`);
    formation = free[free.length - 1]!;
  });

  /** The chosen formation's label (set by the beforeAll above). */
  const label = () => formation!.label;

  it('the candidate logs in, applies to a formation and transmits the file', { timeout: 120_000 }, async () => {
    candidate = await newActor();
    await loginAs(candidate, CANDIDATE);
    await candidate.waitForURL('**/candidat');
    await candidate.getByRole('heading', { name: 'Mes candidatures' }).waitFor();
    // The campaign by its label (a candidate does not know its code).
    await candidate.getByText('Campagne 2026-2027 — Sciences et technologies').waitFor();
    id = await applyAndTransmit(candidate, label());
    await screenshot(candidate, '1-candidate-transmitted');
  });

  it('the manager completes the file, enters a favourable opinion and publishes it', { timeout: 120_000 }, async () => {
    const manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.waitForURL('**/gestion');
    // (Other test files leave candidatures of other candidates to the same formation.)
    await openTransmitted(manager, { id: id!, formationLabel: label(), dossierNumber: 'DEMO0001' });
    await publishFavourableOpinion(manager, 'Dossier solide (test navigateur).');
    await screenshot(manager, '2-manager-published');
  });

  it('the candidate sees the decision, confirms, and sees the admission exported', { timeout: 120_000 }, async () => {
    await confirmAndSeeExported(candidate, label(), 'Dossier solide (test navigateur).');
    await screenshot(candidate, '3-candidate-exported');
  });

  it('the manager downloads the campaign’s candidatures as a spreadsheet, with this admission exported', { timeout: 60_000 }, async () => {
    const manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.waitForURL('**/gestion');
    await manager.getByLabel('Campagne').selectOption(CAMPAIGN);
    const link = manager.getByRole('link', { name: /Télécharger au format tableur/ });
    expect(await link.getAttribute('href')).toBe(`/api/staff/campaigns/${CAMPAIGN}/records?format=xlsx`);
    const [download] = await Promise.all([manager.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`candidatures-${CAMPAIGN}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => headers.indexOf(name) + 1;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(col('Identifiant')).value === id);
    expect(row, `the row of candidature ${id}`).toBeDefined();
    expect(row!.getCell(col('N° dossier')).value).toBe('DEMO0001');
    expect(row!.getCell(col('SI Scolarité')).value).toBe('Pégase');
    expect(row!.getCell(col('Réponse du candidat')).value).toBe('confirmed');
    expect(row!.getCell(col('Export SI')).value).toBe('done');
  });

  it('the admin reads every transition in the workflow history', { timeout: 60_000 }, async () => {
    const admin = await newActor();
    await loginAs(admin, 'admin');
    await admin.goto(`${t.server.url}/admin/candidatures/${id}/historique`);
    await admin.getByRole('heading', { level: 1, name: 'Historique du workflow' }).waitFor();
    // The timeline, in words: each transition with its actor.
    const timeline = admin.getByRole('list', { name: 'Chronologie de la candidature' });
    await timeline.getByText('Transmission du dossier').waitFor();
    const applied = timeline.locator(':scope > li').filter({ hasText: 'Appliquée' });
    expect(await applied.locator('strong').allInnerTexts()).toEqual([
      'Transmission du dossier',
      'Statut du dossier',
      'Avis saisi',
      'Avis validé (publié)',
      'Confirmation',
    ]);
    expect(await applied.nth(0).innerText()).toMatch(/Candidat DEMO0001/);
    expect(await applied.nth(3).innerText()).toMatch(/Gestionnaire centre/);
    // The raw workflow events, one click away.
    await admin.getByRole('button', { name: 'Afficher les événements bruts du workflow' }).click();
    const events = admin.getByRole('table', { name: 'Événements bruts du workflow' });
    await events.waitFor();

    // Accepted updates, in order, each with its actor: "<update> par <kind> <login> …".
    const summaries = await events.getByRole('row').filter({ hasText: 'WorkflowExecutionUpdateAccepted' }).locator('td:last-child').allInnerTexts();
    expect(summaries.map((s) => s.split(' ')[0])).toEqual(['transmit', 'setDossierStatus', 'enterOpinion', 'validateOpinion', 'confirm']);
    expect(summaries[0]).toMatch(/^transmit par candidate DEMO0001/);
    expect(summaries[3]).toMatch(/^validateOpinion par staff centre/);
    await screenshot(admin, '4-admin-history');
  });
});

describe('accessibility basics', () => {
  it('the login page: French, one h1, named controls, skip link; English on request', { timeout: 60_000 }, async () => {
    const page = await newActor();
    await page.goto(`${t.server.url}/connexion`);
    await page.getByRole('heading', { level: 1, name: 'Connexion à eCandidat' }).waitFor();
    await checkAccessibilityBasics(page);
    expect(await page.getByLabel('Identifiant').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Mot de passe').getAttribute('autocomplete')).toBe('current-password');

    await switchToEnglish(page);
    await page.getByRole('heading', { level: 1, name: 'Log in to eCandidat' }).waitFor();
    await page.getByLabel('Password').waitFor();
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Skip links' }).getByRole('link', { name: 'Content' }).waitFor();
    expect(await page.getByRole('button', { name: 'Se connecter' }).count()).toBe(0);
    await checkAccessibilityBasics(page, 'en');
  });

  it('the candidature page: French, one h1, named controls, skip link; English on request', { timeout: 60_000 }, async () => {
    const page = await newActor();
    await loginAs(page, CANDIDATE);
    if (!id || !formation) throw new Error('no candidature: the spine above failed before creating one');
    await page.goto(`${t.server.url}/candidat/candidatures/${id}`);
    await page.getByRole('heading', { level: 1, name: formation.label }).waitFor();
    await expectText(definitionOf(page, 'Étape'), 'Confirmée');
    await checkAccessibilityBasics(page);

    await switchToEnglish(page);
    await expectText(definitionOf(page, 'Stage'), 'Confirmed');
    await expectText(definitionOf(page, 'Registration'), 'Sent to the registrar');
    await page.getByRole('heading', { name: 'Decision', exact: true }).waitFor();
    await checkAccessibilityBasics(page, 'en');
    await screenshot(page, '5-candidature-english');
  });
});
