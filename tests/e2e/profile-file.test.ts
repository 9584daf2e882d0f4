/// <reference lib="dom" />
// The candidate's whole file in a real browser (Debian's Chromium via playwright-core), on the
// Pégase campaign 2026-P and its demo referential (issue 10, "the whole file"):
//   - without pre-fill: a save with nothing filled focuses the error summary, each point names its
//     field; the file is then filled with the searchable selects only (commune of birth by keyboard,
//     the commune of the address chosen by its postcode, bac series, mention, school found by the
//     town's name without its accent, specialities), a save refused for a missing first name keeps
//     everything typed and chosen, then saves; a line of external cursus, an internship and an
//     experience are added, one removed after the confirmation;
//   - the refusal in English names the field by its English label; axe-core finds no serious or
//     critical violation in French and English; on a 375 px phone nothing scrolls sideways;
//   - with the SIS pre-fill: the civil status and bac from the SIS are read-only (the series shown
//     by its label), the file still saves and takes a line of external cursus.
// Data: the accounts E2EF<run>… (created and removed here).
import { hash } from '@node-rs/argon2';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, expectText, focusedId, screenshot, switchLanguage } from '../support/browser.ts';

const RUN = Math.random().toString(36).slice(2, 5).toUpperCase();
const PLAIN = `E2EF${RUN}1`;
const PREFILLED = `E2EF${RUN}2`;

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const combobox = (page: Page, name: string) => page.getByRole('combobox', { name: new RegExp(`^${name}`) });

/** Types words in a searchable select and chooses the option (by mouse) whose text matches. */
async function choose(page: Page, name: string, words: string, option: string | RegExp, scope: Page | Locator = page): Promise<void> {
  const box = scope.getByRole('combobox', { name: new RegExp(`^${name}`) });
  await box.fill(words);
  await scope.getByRole('option', { name: option }).first().click();
  await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
}

async function newAccount(dossierNumber: string): Promise<void> {
  const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: '2026-P' } });
  await t.db.candidateAccount.deleteMany({ where: { dossierNumber } });
  await t.db.candidateAccount.create({
    data: {
      campaignId: campaign.id,
      dossierNumber,
      email: `${dossierNumber.toLowerCase()}@essai.test`,
      passwordHash: await hash(DEMO_PASSWORD),
      firstName: 'Essai',
      lastName: 'DOSSIER',
      emailValidated: true,
      validated: true,
    },
  });
}

async function openFile(page: Page, login: string): Promise<void> {
  await loginAs(page, login);
  await page.getByRole('link', { name: 'Mon dossier' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon dossier' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'État civil' }).waitFor();
}

beforeAll(async () => {
  t = await browser.start();
  await newAccount(PLAIN);
  await newAccount(PREFILLED);
}, 300_000);

afterAll(async () => {
  try {
    await t?.db.candidateAccount.deleteMany({ where: { dossierNumber: { in: [PLAIN, PREFILLED] } } });
  } finally {
    await browser.stop();
  }
});

describe('the whole file in the browser', () => {
  let page: Page;

  it('fills the file with the searchable selects; a refused save focuses the summary and keeps what was typed', { timeout: 120_000 }, async () => {
    page = await newActor();
    await openFile(page, PLAIN);

    // Nothing filled: the summary takes the focus and names the fields by their labels.
    await page.getByRole('button', { name: 'Enregistrer mon dossier' }).click();
    await expect.poll(() => focusedId(page)).toBe('profile-errors');
    const summary = page.locator('#profile-errors');
    await expectText(summary, /Votre dossier n’est pas enregistré : \d+ points à corriger/);
    await expectText(summary, 'Nom de naissance : est obligatoire');
    expect(await summary.textContent()).not.toMatch(/Too small|expected string|person\./);
    await expectText(page.locator('#profile-person-birthName-error'), 'Nom de naissance : est obligatoire');
    // A link of the summary takes the focus to its field.
    await summary.getByRole('link', { name: 'Nom de naissance : est obligatoire' }).click();
    expect(await focusedId(page)).toBe('profile-person-birthName');

    await page.getByLabel(/^Civilité/).selectOption('Mme');
    await page.getByRole('textbox', { name: /^Nom de naissance/ }).fill('ESSAI');
    await page.locator('#profile-person-birthDate').fill('2004-05-06');
    // France is the country of birth by default; the commune of birth chosen with the keyboard.
    await expect.poll(() => combobox(page, 'Pays de naissance').inputValue()).toBe('France');
    const birthCommune = combobox(page, 'Commune de naissance');
    await birthCommune.fill('nancy');
    await page.getByRole('option', { name: /Nancy/ }).first().waitFor();
    await birthCommune.press('ArrowDown');
    await birthCommune.press('ArrowUp');
    expect(await birthCommune.getAttribute('aria-activedescendant')).toBe('profile-person-birthCommuneCode-option-0');
    await birthCommune.press('Enter');
    await expect.poll(() => birthCommune.inputValue()).toBe('Nancy');
    await expect.poll(() => combobox(page, 'Nationalité').inputValue()).toBe('française');

    // Address: the postcode typed, its only commune chosen by itself.
    await page.getByRole('textbox', { name: /^Numéro et voie/ }).fill('12 rue des Essais');
    await page.getByRole('textbox', { name: /^Code postal/ }).fill('54000');
    await expect.poll(() => page.locator('#profile-address-communeCode').inputValue()).toBe('Nancy');

    // Bac: year, series, mention, school found by its town without accent, specialities of the series.
    await page.getByRole('spinbutton', { name: /^Année d’obtention du bac/ }).fill('2022');
    await choose(page, 'Série du bac', 'general', 'Baccalauréat général');
    await choose(page, 'Mention au bac', 'bien', /^Bien$/);
    await choose(page, 'Lycée du bac', 'poincare', /Lycée Henri Poincaré/);
    await expect.poll(() => combobox(page, 'Lycée du bac').inputValue()).toBe('Lycée Henri Poincaré (0540038Y)');
    await choose(page, 'Spécialité de terminale 1', 'math', 'Mathématiques');
    await choose(page, 'Spécialité de terminale 2', 'physique', 'Physique-chimie');

    // The first name missing: refused, the summary focused, everything typed and chosen still there.
    await page.getByRole('button', { name: 'Enregistrer mon dossier' }).click();
    await expect.poll(() => focusedId(page)).toBe('profile-errors');
    await expectText(summary, 'Votre dossier n’est pas enregistré : 1 point à corriger');
    await expectText(summary, 'Prénom : est obligatoire');
    expect(await page.getByRole('textbox', { name: /^Nom de naissance/ }).inputValue()).toBe('ESSAI');
    expect(await combobox(page, 'Commune de naissance').inputValue()).toBe('Nancy');
    expect(await combobox(page, 'Lycée du bac').inputValue()).toBe('Lycée Henri Poincaré (0540038Y)');

    await page
      .getByRole('textbox', { name: /^Prénom/ })
      .first()
      .fill('Alice');
    await page.getByRole('button', { name: 'Enregistrer mon dossier' }).click();
    await alertWith(page, 'Votre dossier est enregistré.').waitFor();
    expect(await summary.count()).toBe(0);

    const token = await t.login(PLAIN);
    const file = (await t.api('GET', '/api/candidate/profile', { token })).body;
    expect(file.person).toMatchObject({ birthName: 'ESSAI', firstName: 'Alice', birthCommuneCode: '54395', birthCityLabel: 'Nancy', nationalityCode: '100' });
    expect(file.address).toMatchObject({ postcode: '54000', communeCode: '54395', countryCode: '100' });
    expect(file.bac).toMatchObject({
      year: 2022,
      bacCode: 'GEN',
      mentionCode: 'B',
      establishmentCode: '0540038Y',
      specialty1Code: 'MATHS',
      specialty2Code: 'PC',
    });
    await screenshot(page, 'profile-file-filled');
  });

  it('adds a line of external cursus, an internship and an experience, and removes one after asking', { timeout: 90_000 }, async () => {
    await page.getByRole('button', { name: 'Ajouter — Études après le bac (cursus externe)' }).click();
    const form = page.locator('#external-cursus-form');
    await expectText(form.getByRole('heading', { level: 3 }), 'Ajouter : Études après le bac (cursus externe)');
    await form.getByRole('spinbutton', { name: /^Année universitaire/ }).fill('2023');
    await form.getByRole('textbox', { name: /^Intitulé des études/ }).fill('Licence de physique');
    // Saved without a diploma: the line's own summary is focused.
    await form.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await expect.poll(() => focusedId(page)).toBe('external-cursus-errors');
    await expectText(page.locator('#external-cursus-errors'), 'Diplôme : est obligatoire');
    await choose(page, 'Diplôme', 'licence', /^Licence$/, form);
    await form.getByLabel(/^Résultat/).selectOption('O');
    await choose(page, 'Pays', 'france', /^France/, form);
    await choose(page, 'Établissement', 'chopin', /Lycée Frédéric Chopin/, form);
    await form.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await page.getByText('2023-2024 — Licence de physique').waitFor();
    await page.getByText('Licence — Obtenu').waitFor();

    await page.getByRole('button', { name: 'Ajouter — Stages' }).click();
    const internship = page.locator('#internships-form');
    await internship.getByRole('spinbutton', { name: /^Année/ }).fill('2024');
    await internship.getByRole('textbox', { name: /^Durée/ }).fill('8 semaines');
    await internship.getByRole('textbox', { name: /^Organisme/ }).fill('Laboratoire LPCT');
    await internship.getByRole('textbox', { name: /^Description/ }).fill('Simulation numérique');
    await internship.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await page.getByText('2024 — Laboratoire LPCT').waitFor();

    await page.getByRole('button', { name: 'Ajouter — Expérience professionnelle' }).click();
    const experience = page.locator('#experiences-form');
    await experience.getByRole('spinbutton', { name: /^Année/ }).fill('2022');
    await experience.getByRole('textbox', { name: /^Durée/ }).fill('6 mois');
    await experience.getByRole('textbox', { name: /^Fonction occupée/ }).fill('Animatrice');
    await experience.getByRole('textbox', { name: /^Organisme/ }).fill('Centre de loisirs');
    await experience.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await page.getByText('2022 — Animatrice').waitFor();

    await page.getByRole('button', { name: 'Supprimer 2024 — Laboratoire LPCT' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Oui, supprimer' }).click();
    await expect.poll(() => page.getByText('2024 — Laboratoire LPCT').count()).toBe(0);

    const token = await t.login(PLAIN);
    const file = (await t.api('GET', '/api/candidate/profile', { token })).body;
    expect(file.externalCursus).toEqual([
      expect.objectContaining({
        academicYear: 2023,
        label: 'Licence de physique',
        priorDiplomaCode: 'LIC',
        obtained: 'O',
        countryCode: '100',
        establishmentCode: '0540039Z',
      }),
    ]);
    expect(file.internships).toEqual([]);
    expect(file.experiences).toEqual([expect.objectContaining({ title: 'Animatrice', organisation: 'Centre de loisirs' })]);
    await screenshot(page, 'profile-file-lists');
  });

  it('has no serious accessibility violation in French and English, says refusals in English, and fits a 375 px phone', { timeout: 90_000 }, async () => {
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 2, name: 'Civil status' }).waitFor();
    await page.getByRole('textbox', { name: /^Birth name/ }).fill('');
    await page.getByRole('button', { name: 'Save my file' }).click();
    await expect.poll(() => focusedId(page)).toBe('profile-errors');
    await expectText(page.locator('#profile-errors'), 'Birth name: is required');
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 375, height: 740 });
    await combobox(page, 'Country of birth').fill('ita');
    await page.getByRole('option', { name: /Ital/ }).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'profile-file-phone-en');
    // The language selector sits in the desktop header.
    await page.setViewportSize({ width: 1280, height: 900 });
    await switchLanguage(page, 'fr');
    await page.getByRole('heading', { level: 2, name: 'État civil' }).waitFor();
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'profile-file-phone-fr');
  });

  it('with the SIS pre-fill: civil status and bac read-only, the file still saves and takes its lists', { timeout: 120_000 }, async () => {
    const students = (await (await fetch(`${t.pegase!.url}/__admin/students?limit=20`)).json()) as {
      codeApprenant: string;
      ine: string | null;
      dateNaissance: string;
      temoinDoublonPotentiel: boolean;
    }[];
    // Not a demo student, nor the ones the other tests take.
    const student = students.filter((s) => !s.codeApprenant.startsWith('0001') && s.ine && !s.temoinDoublonPotentiel)[4]!;
    const prefilled = await newActor();
    await openFile(prefilled, PREFILLED);
    const block = prefilled.getByRole('region', { name: 'Je suis déjà étudiant(e) de l’établissement' });
    await block.getByLabel('mon numéro d’étudiant').check();
    await block.getByRole('textbox', { name: /^Numéro d’étudiant/ }).fill(student.codeApprenant);
    await block.getByLabel(/^Date de naissance/).fill(student.dateNaissance.slice(0, 10));
    await block.getByRole('button', { name: 'Récupérer mes informations' }).click();
    await expectText(prefilled.locator('#sis-lookup-status'), 'Vos informations ont été récupérées depuis le SI Scolarité');

    // The series from the SIS: read-only, shown by its label where the referential has it.
    const file = (await t.api('GET', '/api/candidate/profile', { token: await t.login(PREFILLED) })).body;
    const series = prefilled.locator('#profile-bac-bacCode');
    expect(await series.getAttribute('readonly')).not.toBeNull();
    await expect.poll(() => series.inputValue()).toBe(file.labels['bac.bacCode'] ?? file.bac.bacCode);
    expect(await prefilled.getByRole('textbox', { name: /^Nom de naissance/ }).getAttribute('readonly')).not.toBeNull();

    await prefilled.locator('#profile-person-phone').fill('0383000000');
    await prefilled.getByRole('button', { name: 'Enregistrer mon dossier' }).click();
    await alertWith(prefilled, 'Votre dossier est enregistré.').waitFor();

    await prefilled.getByRole('button', { name: 'Ajouter — Études après le bac (cursus externe)' }).click();
    const cursus = prefilled.locator('#external-cursus-form');
    await cursus.getByRole('spinbutton', { name: /^Année universitaire/ }).fill('2022');
    await cursus.getByRole('textbox', { name: /^Intitulé des études/ }).fill('BTS SIO');
    await choose(prefilled, 'Diplôme', 'brevet', /Brevet de technicien supérieur/, cursus);
    await cursus.getByLabel(/^Résultat/).selectOption('N');
    await choose(prefilled, 'Pays', 'ital', /^Italie/, cursus);
    // Abroad: no French school to choose.
    expect(await prefilled.locator('#external-cursus-establishmentCode').count()).toBe(0);
    await cursus.getByRole('button', { name: 'Enregistrer la ligne' }).click();
    await prefilled.getByText('2022-2023 — BTS SIO').waitFor();
    expect(await axeViolations(prefilled)).toEqual([]);
    await screenshot(prefilled, 'profile-file-prefilled');
  });
});
