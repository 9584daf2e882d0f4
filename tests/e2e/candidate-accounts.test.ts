/// <reference lib="dom" />
// The candidate managers' screens in a real browser (issue 11, "candidate account management"):
// scolarité centrale finds an account from the header's link, corrects its first name, applies on
// the candidate's behalf after confirming, opens the new candidature, and finds the way to a deletion
// request with the account filled in; the same screens in English on a phone, without a horizontal
// scroll; a read-only candidate manager (a commission member, by default) sees no change form.
// No accessibility violation (axe). Data owned here: one account `K<xx>00001` of campaign 2026-P.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { browserTests, expectText, openPage, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const browser = browserTests();
let t: TestApp;
let page: Page;
let dossier: string;
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

beforeAll(async () => {
  t = await browser.start();
  const letters = String.fromCharCode(...Array.from({ length: 2 }, () => 65 + Math.floor(Math.random() * 26)));
  const [email] = await createCandidates(t.db, '2026-P', `K${letters}`, 1);
  dossier = email!.split('@')[0]!.toUpperCase();
  page = await browser.newActor();
}, 300_000);
afterAll(async () => browser.stop());

describe('candidate accounts', () => {
  it('scolarité centrale finds an account, corrects it and applies on the candidate’s behalf', async () => {
    await browser.loginAs(page, 'scol');
    await page.getByRole('link', { name: 'Comptes candidats' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Comptes candidats' }).waitFor();
    await page.getByLabel('Rechercher un compte').fill(dossier.toLowerCase());
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expectText(page.locator('main'), /1 compte/);
    await page.getByRole('link', { name: dossier }).click();
    await page.getByRole('heading', { level: 1, name: `Compte ${dossier}` }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A correction: the first name changes, the identity shows it.
    await page.getByLabel('Prénom').fill('Dominique');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expectText(page.locator('#account-form'), /Compte enregistré/);
    await expectText(page.locator('dl.app-dl'), /ESSAI1 Dominique/);

    // Applying on the candidate's behalf asks first, then links to the new candidature.
    const select = page.getByLabel('Formation', { exact: false }).last();
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Créer la candidature' }).click();
    await expectText(page.locator('#apply-formation-error, .fr-error-text').first(), /Choisissez une formation/);
    await select.selectOption(options[0]!);
    await page.getByRole('button', { name: 'Créer la candidature' }).click();
    const dialog = page.getByRole('alertdialog');
    await expectText(dialog, /Une candidature « Classique \(sans contrôle des dates\) » sera créée pour ESSAI1 Dominique/);
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('link', { name: 'Ouvrir la candidature' }).click();
    await page.waitForURL(/\/gestion\/candidatures\//);
    expect(await t.db.candidature.count({ where: { account: { dossierNumber: dossier } } })).toBe(1);

    // Back to the account: the candidature is listed; the deletion goes through a data-protection request.
    await openPage(page, `${t.server.url}/gestion/candidats/${dossier}`, `Compte ${dossier}`);
    await expectText(page.locator('section[aria-labelledby="account-candidatures"]'), new RegExp(options[0]!));
    await screenshot(page, 'candidate-account-page');
    await page.getByRole('link', { name: 'Demander la suppression de ce compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demandes RGPD' }).waitFor();
    expect(await page.getByLabel('Numéro de dossier', { exact: false }).first().inputValue()).toBe(dossier);
    expect(await page.getByLabel('Type de demande').inputValue()).toBe('deletion');
    await screenshot(page, 'candidate-account-deletion');
  });

  it('in English on a phone: the search and the account fit the screen', async () => {
    const phone = await browser.newActor();
    await phone.setViewportSize({ width: 375, height: 740 });
    await browser.loginAs(phone, 'scol');
    await openPage(phone, `${t.server.url}/gestion/candidats`, 'Comptes candidats');
    await switchLanguage(phone, 'en');
    // The language switch sits in the header's menu on a phone: closed again, as a reader would.
    await phone.getByRole('button', { name: 'Close', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: 'Applicant accounts' }).waitFor();
    await phone.getByLabel('Search an account').fill(dossier);
    await phone.getByRole('button', { name: 'Search', exact: true }).click();
    await expectText(phone.locator('main'), /1 account/);
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await phone.getByRole('link', { name: dossier }).click();
    await phone.getByRole('heading', { level: 1, name: `Account ${dossier}` }).waitFor();
    await phone.getByRole('heading', { name: 'Apply on the applicant’s behalf' }).waitFor();
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    expect(await axeViolations(phone)).toEqual([]);
  });

  it('a commission member reads the account but is offered no change', async () => {
    const member = await browser.newActor();
    await browser.loginAs(member, 'commission');
    await openPage(member, `${t.server.url}/gestion/candidats/${dossier}`, `Compte ${dossier}`);
    await expectText(member.locator('main'), /Votre profil est en lecture seule/);
    expect(await member.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    expect(await member.getByRole('heading', { name: 'Candidater pour le candidat' }).count()).toBe(0);
  });
});
