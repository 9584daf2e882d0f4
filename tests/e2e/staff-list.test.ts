/// <reference lib="dom" />
// The managers' list screen in a real browser, as the demo manager of the FST Pégase centre:
//   - filters applied by the server and kept in the URL (a reload or a bookmark gives the same list),
//     sort by a column header (aria-sort), pages with their total ("1–5 sur 7");
//   - columns chosen in a dialog and remembered after a reload (the user's preferences);
//   - a formation's complementary list reached from the formations page;
//   - a row names the formation and the commission: one candidate's two wishes differ;
//   - counts per status above the list, clickable to filter;
//   - "select all matching" over more than one page, a bulk validation that asks first (naming the
//     action and the count), whose progress reaches the end, whose results name each candidature
//     with its formation, and after which the counts change;
//   - the list fits a 1280-px screen with its default columns and a 375-px phone (nothing cut),
//     reads in English, and has no serious axe violation.
// Data: candidates of its own (prefix unique per run) made by the manager as "propositions" (file
// complete, favourable opinion to validate) on L3-INFO (commission FST-INFO) and MMATH-M1 (FST-MATH);
// the first candidate is on both. The columns the test adds are given back at the end.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_LIST_DEFAULT_COLUMNS } from '../../contracts/staff.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTests, expectText, screenshot, spaces, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const CAMPAIGN = '2026-P';
/** Dossier numbers start with it (4 letters + 4 digits): unique per run, and the list's search finds them. */
const PREFIX = `L${Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const FORMATIONS = [
  { code: 'L3-INFO', commission: 'FST-INFO' },
  { code: 'MMATH-M1', commission: 'FST-MATH' },
];
const TOTAL = 7;

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let manager: Page;
let dossiers: string[];

beforeAll(async () => {
  t = await browser.start();
  const emails = await createCandidates(t.db, CAMPAIGN, PREFIX, 6);
  dossiers = emails.map((e) => e.split('@')[0]!.toUpperCase());
  const token = await t.login('centre');
  // Six on L3-INFO, the first one on MMATH-M1 too: seven candidatures.
  const wishes = [
    ...dossiers.map((d) => ({ dossierNumber: d, formationCode: FORMATIONS[0]!.code })),
    { dossierNumber: dossiers[0]!, formationCode: FORMATIONS[1]!.code },
  ];
  for (const w of wishes) {
    const res = await t.api('POST', '/api/staff/candidatures', { token, body: { ...w, mode: 'proposition' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // The read model has them all (the list reads it).
  await t.eventually(
    async () => (await t.api('GET', `/api/staff/candidatures?q=${PREFIX}&pageSize=50`, { token })).body,
    (page) => page.total === TOTAL,
  );
}, 300_000);

afterAll(async () => {
  if (t) await t.api('PUT', '/api/staff/preferences', { token: await t.login('centre'), body: { listColumns: STAFF_LIST_DEFAULT_COLUMNS } });
  await browser.stop();
});

const table = (page: Page) => page.getByRole('table', { name: /^Liste des candidatures/ });
const dataRows = (page: Page) => table(page).locator('tbody tr');
const range = (page: Page) => page.getByTestId('pager-range');
const query = (page: Page) => new URL(page.url()).searchParams;

describe('the managers’ list in a browser', () => {
  it('filters on the server, keeps the filter in the URL across a reload, sorts by a header and pages with a total', { timeout: 120_000 }, async () => {
    manager = await newActor();
    await loginAs(manager, 'centre');
    await manager.waitForURL('**/gestion');
    await manager.getByRole('heading', { level: 1, name: 'Candidatures' }).waitFor();

    await manager.getByLabel('Recherche').fill(PREFIX.toLowerCase());
    await manager.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => query(manager).get('q')).toBe(PREFIX.toLowerCase());
    await expectText(range(manager), `1–${TOTAL} sur ${TOTAL}`);
    expect(await dataRows(manager).count()).toBe(TOTAL);

    // A bookmark of a filtered list, five a page: the same list after a reload, then its second page.
    await manager.goto(`${t.server.url}/gestion?q=${PREFIX}&pageSize=5&formation=${FORMATIONS[0]!.code}`);
    await expectText(range(manager), '1–5 sur 6');
    await expect.poll(() => manager.getByLabel('Formation', { exact: true }).inputValue()).toBe(FORMATIONS[0]!.code);
    await manager.getByRole('button', { name: 'Page suivante' }).click();
    await expectText(range(manager), '6–6 sur 6');
    expect(query(manager).get('page')).toBe('2');
    await manager.goBack();
    await expectText(range(manager), '1–5 sur 6');

    // Sort by dossier number: the header says so (aria-sort), and the rows follow, both ways.
    await manager.goto(`${t.server.url}/gestion?q=${PREFIX}`);
    await expectText(range(manager), `1–${TOTAL} sur ${TOTAL}`);
    const header = table(manager).getByRole('columnheader', { name: /N° dossier/ });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const firstDossier = () =>
      dataRows(manager)
        .first()
        .getByRole('rowheader')
        .textContent()
        .then((s) => spaces(s).trim());
    await expect.poll(firstDossier).toBe(dossiers[0]);
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(firstDossier).toBe(dossiers[5]);
    expect(query(manager).get('sort')).toBe('dossierNumber');
  });

  it('tells one candidate’s two wishes apart by formation and commission, and remembers the chosen columns after a reload', { timeout: 90_000 }, async () => {
    await manager.goto(`${t.server.url}/gestion?q=${dossiers[0]}`);
    await expectText(range(manager), '1–2 sur 2');
    for (const f of FORMATIONS) await expectText(dataRows(manager).filter({ hasText: f.code }), dossiers[0]!);
    const names = await dataRows(manager)
      .locator('input[type=checkbox]')
      .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));
    expect(new Set(names).size).toBe(2);

    await manager.getByRole('button', { name: 'Colonnes' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Colonnes affichées' });
    await dialog.getByLabel('Commission').check({ force: true });
    await dialog.getByLabel('Date limite de confirmation').check({ force: true });
    await dialog.getByRole('button', { name: 'Enregistrer les colonnes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table(manager).getByRole('columnheader', { name: 'Commission' }).waitFor();
    await manager.reload();
    await table(manager).getByRole('columnheader', { name: 'Commission' }).waitFor();
    for (const f of FORMATIONS) await expectText(dataRows(manager).filter({ hasText: f.code }), f.commission);
  });

  it('reaches a formation’s complementary list from the formations page', { timeout: 60_000 }, async () => {
    await manager.goto(`${t.server.url}/gestion/formations`);
    await manager.getByRole('heading', { level: 1, name: 'Formations et SI Scolarité' }).waitFor();
    await manager.getByRole('link', { name: new RegExp(`^Liste complémentaire de ${FORMATIONS[1]!.code} — `) }).click();
    await manager.getByRole('heading', { level: 1, name: /^Liste complémentaire — Master Mathématiques/ }).waitFor();
    expect(new URL(manager.url()).pathname).toBe(`/gestion/formations/${FORMATIONS[1]!.code}/liste-complementaire`);
  });

  it(
    'selects every match over several pages, validates them in bulk after a confirmation, follows the progress to the end, and the counts change',
    { timeout: 180_000 },
    async () => {
      await manager.goto(`${t.server.url}/gestion?q=${PREFIX}&pageSize=5`);
      await expectText(range(manager), `1–5 sur ${TOTAL}`);
      const counts = manager.getByRole('region', { name: 'Répartition des candidatures correspondant aux filtres' });
      await expectText(counts, `${TOTAL} candidatures`);
      expect(await counts.getByRole('button', { name: /Décision publiée/ }).count()).toBe(0);

      // A count is a filter: pressed, in the URL, then released.
      const complete = counts.getByRole('button', { name: /^Complet/ });
      await expectText(complete, `Complet : ${TOTAL}`);
      await complete.click();
      await expect.poll(() => query(manager).get('dossierStatus')).toBe('CO');
      await expect.poll(() => complete.getAttribute('aria-pressed')).toBe('true');
      await complete.click();
      await expect.poll(() => query(manager).get('dossierStatus')).toBeNull();
      const stagesBefore = await counts.getByRole('group', { name: 'Par étape' }).getByRole('button').allTextContents();

      await manager.getByRole('button', { name: `Sélectionner les ${TOTAL} candidatures correspondant aux filtres` }).click();
      const panel = manager.getByRole('region', { name: 'Action sur la sélection' });
      await expectText(panel, `${TOTAL} candidatures sélectionnées.`);

      await panel.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'Valider (publier) le dernier avis' });
      await panel.getByRole('button', { name: `Appliquer à ${TOTAL} candidatures` }).click();
      // Nothing starts before the confirmation, which names the action and the count.
      const confirm = manager
        .getByRole('alertdialog', { name: 'Confirmer l’action de masse' })
        .or(manager.getByRole('dialog', { name: 'Confirmer l’action de masse' }));
      await expectText(confirm, `Valider (publier) le dernier avis : cette action va s’appliquer à ${TOTAL} candidatures.`);
      expect(await axeViolations(manager)).toEqual([]);
      await confirm.getByRole('button', { name: `Oui, appliquer à ${TOTAL} candidatures` }).click();

      await panel.getByRole('heading', { level: 3, name: /^Terminé\s*: Valider/ }).waitFor({ timeout: 120_000 });
      expect(await panel.getByRole('progressbar', { name: 'Avancement' }).getAttribute('value')).toBe('100');
      await expectText(panel, `${TOTAL} traitée(s) sur ${TOTAL} : ${TOTAL} réussie(s), 0 refusée(s) ou en erreur.`);
      // Each result names its candidature with its formation: the first candidate's two wishes differ.
      const results = panel.getByRole('table', { name: 'Résultat par candidature' });
      for (const f of FORMATIONS)
        await expectText(
          results
            .getByRole('row')
            .filter({ hasText: `${dossiers[0]}` })
            .filter({ hasText: f.code }),
          'Réussie',
        );
      // The list and its counts were read again: every one published.
      await expectText(counts.getByRole('button', { name: /Décision publiée/ }), `Décision publiée : ${TOTAL}`);
      expect((await counts.getByRole('group', { name: 'Par étape' }).getByRole('button').allTextContents()).map((x) => spaces(x).trim())).toEqual([
        `Décision publiée : ${TOTAL}`,
      ]);
      expect(stagesBefore.map((x) => spaces(x).trim())).not.toContain(`Décision publiée : ${TOTAL}`);
      await screenshot(manager, 'staff-list-bulk');
    },
  );

  it('fits a 1280-px screen with its default columns and a 375-px phone, reads in English, with no serious axe violation', { timeout: 90_000 }, async () => {
    await t.api('PUT', '/api/staff/preferences', { token: await t.login('centre'), body: { listColumns: STAFF_LIST_DEFAULT_COLUMNS } });
    const wide = manager;
    await wide.goto(`${t.server.url}/gestion?q=${PREFIX}`);
    await expectText(range(wide), `1–${TOTAL} sur ${TOTAL}`);
    const overflow = (page: Page) =>
      page.evaluate(() => {
        const wrapper = document.querySelector('.app-results .fr-table__wrapper') as HTMLElement | null;
        return { page: document.documentElement.scrollWidth - window.innerWidth, table: wrapper ? wrapper.scrollWidth - wrapper.clientWidth : -1 };
      });
    expect(await overflow(wide)).toEqual({ page: 0, table: 0 });
    // Without its own column, the commission is said under the formation.
    await expectText(dataRows(wide).filter({ hasText: FORMATIONS[1]!.code }).first(), /Commission\s*:\s*\S/);
    expect(await axeViolations(wide)).toEqual([]);
    await screenshot(wide, 'staff-list-1280');
    // The folded filters and the columns dialog, open.
    await wide.getByText('Plus de filtres').click();
    await wide.getByLabel('Date limite de confirmation').waitFor();
    expect(await axeViolations(wide)).toEqual([]);
    await wide.getByRole('button', { name: 'Colonnes' }).click();
    const dialog = wide.getByRole('dialog', { name: 'Colonnes affichées' });
    await dialog.getByLabel('Étiquettes').waitFor();
    expect(await axeViolations(wide)).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await switchLanguage(wide, 'en');
    await wide
      .getByRole('table', { name: /^List of applications/ })
      .getByRole('columnheader', { name: 'Candidate' })
      .waitFor();
    await expectText(range(wide), `1–${TOTAL} of ${TOTAL}`);
    expect(await axeViolations(wide)).toEqual([]);
    await switchLanguage(wide, 'fr');

    // The same session on a phone-sized screen.
    const phone = manager;
    await phone.setViewportSize({ width: 375, height: 800 });
    await phone.goto(`${t.server.url}/gestion?q=${PREFIX}`);
    await expectText(range(phone), `1–${TOTAL} sur ${TOTAL}`);
    // Nothing wider than the screen: no page scroll sideways, every cell of every row within the screen.
    expect((await overflow(phone)).page).toBe(0);
    const outside = await dataRows(phone).evaluateAll((rows) =>
      rows.flatMap((r) =>
        [...r.children].map((c) => c.getBoundingClientRect()).filter((b) => b.width > 0 && (b.left < 0 || b.right > window.innerWidth + 0.5)),
      ),
    );
    expect(outside).toHaveLength(0);
    await expect.poll(() => dataRows(phone).first().getByRole('link').isVisible()).toBe(true);
    expect(await axeViolations(phone)).toEqual([]);
    await screenshot(phone, 'staff-list-375');
  });
});
