/// <reference lib="dom" />
// The candidate's candidature page in a real browser (issue 10): it follows the candidature live —
// a manager acts through the API and the page changes without a reload, the change announced in
// the page's live region —, statuses read as a candidate understands them with colours that match
// (a document uploaded but not sent is "Déposée (non transmise)", a draft shows no export or
// confirmation line), the unfavourable opinion's motive by its label, the irreversible steps
// (transmit, confirm, withdraw) ask first in a modal that says what follows and the deadline; on
// a 375 px phone nothing scrolls sideways; axe-core finds no serious or critical violation on this
// page and the candidate's home page, in French and in English.
//
// Data: candidates of its own (E2EP0001, E2EP0002), created here. The first applies to the first
// Pégase formation that asks for documents (through the API, file completed, not transmitted); the
// second gets a published favourable decision on a free demo formation (`decidedCandidature`).
// Screenshots land in /tmp/e2e-candidature-page-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, definitionOf, expectText, loose, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const CAMPAIGN = '2026-P';
const MOTIVE = { code: 'PREREQUIS', label: 'Prérequis de la formation non satisfaits', labelEn: 'Prerequisites not met' };

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let firstLogin: string;
let secondLogin: string;
let first: { id: string; label: string };
let second: { id: string; label: string };
let manager: string;

/** No horizontal scroll: the page is no wider than the window. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The DSFR badge type of the value of a description-list term (`success`, `error`, `info`…; '' for the neutral one). */
const badgeType = (page: Page, term: string) =>
  definitionOf(page, term)
    .locator('.fr-badge')
    .first()
    .getAttribute('class')
    .then((c) => /fr-badge--(success|error|info|warning|new)/.exec(c ?? '')?.[1] ?? '');

beforeAll(async () => {
  t = await browser.start();
  [firstLogin, secondLogin] = (await createCandidates(t.db, CAMPAIGN, 'E2EP', 2)) as [string, string];
  manager = await t.login('centre');

  const withDocuments = await t.db.formation.findFirstOrThrow({
    where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} }, active: true },
    orderBy: { code: 'asc' },
  });
  const token = await t.login(firstLogin);
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: withDocuments.code } });
  expect(created.status).toBe(201);
  first = { id: created.body.id, label: withDocuments.label };
  await t.completeFile(token, first.id);

  const token2 = await t.login(secondLogin);
  const decided = await t.decidedCandidature(token2, CAMPAIGN);
  const formation = await t.db.formation.findUniqueOrThrow({ where: { code: decided.formationCode } });
  second = { id: decided.id, label: formation.label };
}, 300_000);

afterAll(() => browser.stop());

describe('the candidature page', () => {
  let page: Page;

  it('a draft reads as one: uploaded documents not sent yet, no export or confirmation line', { timeout: 60_000 }, async () => {
    page = await newActor();
    await loginAs(page, firstLogin);
    await page.goto(`${t.server.url}/candidat/candidatures/${first.id}`);
    await page.getByRole('heading', { level: 1, name: first.label }).waitFor();
    await expectText(definitionOf(page, 'Situation'), 'En préparation (non transmise)');
    const pieces = page.getByRole('region', { name: 'Pièces justificatives' });
    await expectText(pieces, /Pièce\s*: Déposée \(non transmise\)/);
    expect(await pieces.getByText(/Pièce\s*: Transmise/).count()).toBe(0);
    const text = await page.locator('main').innerText();
    for (const absent of ['Non exportée', 'Date limite de confirmation', 'Aucune', 'Statut du dossier', 'Inscription administrative'])
      expect(text, `a draft shows no "${absent}"`).not.toContain(absent);
    // What comes next: the deadline to send the file.
    await expectText(page.getByRole('region', { name: 'Suivi de ma candidature' }), /À venir[\s\S]*Date limite pour transmettre le dossier complet/);
    await expectText(page.getByRole('region', { name: 'Contacter la commission' }), /Commission/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidature-page-1-draft');
  });

  it('transmitting asks first, says what follows and the deadline; going back changes nothing', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Transmettre ma candidature' }).click();
    const dialog = page.getByRole('alertdialog', { name: loose('Transmettre votre candidature ?') });
    await expectText(dialog, /vous ne pourrez plus déposer, remplacer ni modifier vos pièces/);
    await expectText(dialog, /Date limite\s*: \d{1,2}(er)? \S+ \d{4} à/);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Non, revenir à ma candidature' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectText(definitionOf(page, 'Situation'), 'En préparation (non transmise)');

    await page.getByRole('button', { name: 'Transmettre ma candidature' }).click();
    await dialog.getByRole('button', { name: 'Oui, transmettre' }).click();
    await alertWith(page, 'Votre candidature a été transmise.').waitFor();
    await expectText(definitionOf(page, 'Statut du dossier'), 'Réceptionné');
    await expectText(page.getByRole('region', { name: 'Pièces justificatives' }), /Pièce\s*: Transmise/);
    await expectText(page.getByRole('region', { name: 'Mes documents' }), 'Télécharger l’accusé de transmission (PDF)');
  });

  it('changes by itself when a manager acts, and says so in the live region', { timeout: 90_000 }, async () => {
    const before = page.url();
    expect((await t.api('POST', `/api/staff/candidatures/${first.id}/dossier-status`, { token: manager, body: { status: 'CO' } })).status).toBe(200);
    await expectText(definitionOf(page, 'Statut du dossier'), 'Complet');
    await expectText(definitionOf(page, 'Situation'), 'Dossier complet, en attente de décision');
    await expectText(page.locator('[aria-live="polite"]'), /Votre candidature a évolué\s*: Dossier complet/);
    await expectText(page.getByRole('region', { name: 'Suivi de ma candidature' }), /Dossier déclaré complet/);
    // The outcome of the candidate's own last action no longer describes the page: gone.
    await expect.poll(() => alertWith(page, 'Votre candidature a été transmise.').count()).toBe(0);

    // An unfavourable opinion, published: red, with its motive by its label.
    const opinion = await t.api('POST', `/api/staff/candidatures/${first.id}/opinions`, {
      token: manager,
      body: { decisionType: 'AVIS_DEFAVORABLE', motiveCode: MOTIVE.code },
    });
    expect(opinion.status).toBe(200);
    expect((await t.api('POST', `/api/staff/candidatures/${first.id}/opinions/validate`, { token: manager })).status).toBe(200);
    await expectText(definitionOf(page, 'Avis'), 'Défavorable');
    expect(await badgeType(page, 'Avis')).toBe('error');
    await expectText(definitionOf(page, 'Motif'), MOTIVE.label);
    await expectText(page.locator('[aria-live="polite"]'), /Votre candidature a évolué\s*: Avis défavorable/);
    expect(page.url()).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidature-page-2-unfavourable-live');

    await switchLanguage(page, 'en');
    await expectText(definitionOf(page, 'Reason'), MOTIVE.labelEn);
    await expectText(page.getByRole('region', { name: 'Progress of my application' }), /\d{1,2} [A-Z][a-z]+ \d{4}\s*Decision published: Unfavourable/);
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'fr');
  });
});

describe('a favourable decision: confirm and withdraw ask first', () => {
  let page: Page;

  it('shows the decision in green with the deadline and the letter; confirming says what follows', { timeout: 90_000 }, async () => {
    page = await newActor();
    await loginAs(page, secondLogin);
    await page.goto(`${t.server.url}/candidat/candidatures/${second.id}`);
    await page.getByRole('heading', { level: 1, name: second.label }).waitFor();
    await expectText(definitionOf(page, 'Situation'), 'Avis favorable');
    expect(await badgeType(page, 'Situation')).toBe('success');
    expect(await badgeType(page, 'Avis')).toBe('success');
    await expectText(definitionOf(page, 'Date limite de confirmation'), /\d{4} à/);
    const letter = page.getByRole('link', { name: 'Télécharger la lettre de décision (PDF)' });
    expect(await letter.getAttribute('href')).toBe(`/api/candidatures/${second.id}/letter?lang=fr`);
    expect(await page.locator('main').innerText()).not.toContain('Inscription administrative');

    // Withdrawing asks first; going back keeps the offer.
    await page.getByRole('button', { name: 'Me désister' }).click();
    const withdraw = page.getByRole('alertdialog', { name: loose('Vous désister de cette formation ?') });
    await expectText(withdraw, /Ce choix est définitif/);
    await withdraw.getByRole('button', { name: 'Non, revenir à ma candidature' }).click();
    await withdraw.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Confirmer ma candidature' }).click();
    const confirm = page.getByRole('alertdialog', { name: loose('Confirmer votre candidature ?') });
    await expectText(confirm, /Votre inscription administrative sera transmise au système d’information de l’université/);
    await expectText(confirm, /ne retire aucune de vos autres candidatures/);
    await expectText(confirm, /Date limite\s*: \d{1,2}(er)? \S+ \d{4} à/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidature-page-3-confirm-modal');
    await confirm.getByRole('button', { name: 'Oui, je confirme' }).click();
    await alertWith(page, 'Votre candidature est confirmée.').waitFor();
    await expectText(definitionOf(page, 'Situation'), 'Admission confirmée');
    await expectText(definitionOf(page, 'Votre réponse'), 'Confirmée');
    // The export follows, shown without a reload.
    await expectText(definitionOf(page, 'Inscription administrative'), 'Transmise à la scolarité', 60_000);
  });

  it('withdrawing after confirming says the registration is removed', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: 'Me désister' }).click();
    const withdraw = page.getByRole('alertdialog', { name: loose('Vous désister de cette formation ?') });
    await expectText(withdraw, /votre inscription sera retirée du système d’information de l’université/);
    await withdraw.getByRole('button', { name: 'Oui, je me désiste' }).click();
    await alertWith(page, 'Votre désistement est enregistré.').waitFor();
    await expectText(definitionOf(page, 'Situation'), 'Désistement');
    expect(await badgeType(page, 'Situation')).toBe('');
  });

  it('on a 375 px phone: the page and the list of candidatures need no horizontal scroll, in French and English', { timeout: 90_000 }, async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: second.label }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'candidature-page-4-phone');

    await page.goto(`${t.server.url}/candidat`);
    await page.getByRole('heading', { name: 'Mes candidatures' }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: second.label, exact: true }) });
    await expectText(card, /Situation\s*Désistement/);
    await expectText(card, /Décision\s*Favorable|Décision\s*Avis favorable/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidature-page-5-home-phone');

    // (The language selector is in the header's menu on a phone: switched at desktop width.)
    await page.setViewportSize({ width: 1280, height: 900 });
    await switchLanguage(page, 'en');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole('heading', { name: 'My applications' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${t.server.url}/candidat/candidatures/${second.id}`);
    await page.getByRole('heading', { level: 1, name: second.label }).waitFor();
    await expectText(definitionOf(page, 'Status'), 'Withdrawn');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
