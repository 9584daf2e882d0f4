/// <reference lib="dom" />
// The candidate portal's public and account pages in a real browser (issue 10), against the real
// application, its SMTP catcher and Debian's Chromium:
//   - a visitor lands on `/` (institution, "Créer un compte", "Se connecter"), browses the public
//     catalogue, searches it by keyword (server-side), opens a formation (dates, documents, keywords,
//     contact) and downloads a document's model file;
//   - "Candidater" as a visitor → login page saying they will apply → account creation (a failed
//     submit: the error summary takes the focus, errors under their fields, what was typed kept; the
//     password policy as a live checklist) → "mail sent" → a login before validation says so (403)
//     → the validation link caught by the SMTP catcher → the dossier number shown → login with it
//     prefilled → back to apply: refused while the file is empty (with a link to it), applied once
//     it is filled → the candidature page;
//   - forgotten password end to end: the same neutral message for a known and an unknown address,
//     the mail's link, a new password (policy checked before sending), login with it; the old
//     password refused, the link refused the second time; forgotten login and new validation link
//     answer the same neutral message for any address;
//   - the candidate's account page: dossier number, the header's language switch recorded on the
//     account (mails follow it), an e-mail change validated through the link sent to the new address;
//   - every page on a 375x740 phone without horizontal scroll, and axe-core with no serious or
//     critical violation on every page, in French and in English.
// Data of its own (centre, commission, document with a model, formation; accounts), codes suffixed
// with the run id; the formation goes out of service at the end. Screenshots: /tmp/e2e-portal-*.png.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import type { CaughtMail } from '../../infra/smtp-catcher.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, expectText, focusedId, loose, openPage, screenshot, spaces, STEP_TIMEOUT, switchLanguage } from '../support/browser.ts';
import { retireFormations } from '../support/setup-data.ts';

const RUN = randomUUID().slice(0, 6).toUpperCase();
const CAMPAIGN = '2026-P';
const CENTRE = `PORC${RUN}`;
const COMMISSION = `PORCOM${RUN}`;
const DOCUMENT = `PORDOC${RUN}`;
const FORMATION = `PORF-${RUN}`;
const FORMATION_LABEL = `Master Glaciologie ${RUN}`;
const KEYWORD = `banquise${RUN.toLowerCase()}`;
const DOCUMENT_LABEL = `Lettre de recommandation ${RUN}`;
const MODEL_TEXT = `%PDF-1.4\n% modèle ${RUN}\n%%EOF\n`;
const PASSWORD = 'Glacier-2026!';
const TODAY = parisDate(new Date());
/** What a poll on the server's answer may wait. */
const WAIT = { timeout: STEP_TIMEOUT };

const browser = browserTests();
const { newActor } = browser;
let t: TestApp;

/** No horizontal scroll: the page is no wider than the window. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const address = (name: string) => `portail-${name}-${RUN.toLowerCase()}@essai.test`;
const mailTo = (to: string, subject?: string) => t.smtp.waitFor((m) => m.to.includes(to) && (!subject || m.subject.includes(subject)), 30_000);
/** The path and query of the link of a mail to `/compte/<page>?token=` (the app's own URL). */
function linkIn(mail: CaughtMail, page: 'validation' | 'mot-de-passe'): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s/]+(/compte/${page}\\?token=[^\\s]+)`));
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return match[1]!;
}
const login = (loginName: string, password: string) => t.api('POST', '/api/session', { body: { login: loginName, password } });

/** An account created and validated through the API (its validation mail's link followed). */
async function validatedAccount(name: string): Promise<{ email: string; dossierNumber: string }> {
  const email = address(name);
  const created = await t.api('POST', '/api/accounts', {
    body: { campaignCode: CAMPAIGN, email, password: PASSWORD, firstName: 'Inès', lastName: `Portail ${name}` },
    headers: { 'accept-language': 'fr' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const token = new URLSearchParams(linkIn(await mailTo(email), 'validation').split('?')[1]).get('token');
  const validated = await t.api('POST', '/api/accounts/validation', { body: { token } });
  expect(validated.status, JSON.stringify(validated.body)).toBe(200);
  return { email, dossierNumber: created.body.dossierNumber };
}

/** The candidate's file filled (civil status, address, bac), as the file pages would: applying needs it. */
async function fillFile(dossierNumber: string): Promise<void> {
  const account = await t.db.candidateAccount.findUniqueOrThrow({ where: { dossierNumber } });
  await t.db.candidate.create({
    data: {
      accountId: account.id,
      civility: 'Mme',
      birthName: 'PORTAIL',
      firstName: 'Inès',
      birthDate: new Date('2004-02-11T00:00:00Z'),
      birthCountryCode: '100',
      birthCityLabel: 'Grenoble',
      nationalityCode: '100',
      ine: `P${RUN}001`,
      ineKey: 'AB',
      language: 'fr',
      address: { create: { line1: '3 rue des Glaciers', postcode: '38000', communeCode: '38185', countryCode: '100' } },
      bac: { create: { year: 2022, bacCode: 'G', countryCode: '100' } },
    },
  });
}

/** A new visitor (fresh profile) reading the site in this language. */
async function visitor(lang: 'fr' | 'en' = 'fr'): Promise<Page> {
  const page = await newActor();
  if (lang === 'en') await page.context().addInitScript(() => localStorage.setItem('ecandidat.locale', 'en'));
  return page;
}

async function loginInBrowser(page: Page, loginName: string, password: string): Promise<void> {
  await page.goto(`${t.server.url}/connexion`);
  await page.locator('#login-login').fill(loginName);
  await page.locator('#login-password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

beforeAll(async () => {
  t = await browser.start();
  const admin = await t.login('admin');
  const created = async (path: string, body: object) => {
    const res = await t.api('POST', path, { token: admin, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  };
  await created('/api/admin/centres', { code: CENTRE, label: `Centre des sciences polaires ${RUN}`, sisType: 'P' });
  await created('/api/admin/commissions', {
    code: COMMISSION,
    label: `Commission glaciologie ${RUN}`,
    centreCode: CENTRE,
    email: `glacio-${RUN.toLowerCase()}@univ.test`,
    phone: '04 76 00 00 00',
    addressLine1: '1 place des Neiges',
    postcode: '38000',
    city: 'Grenoble',
  });
  await created('/api/admin/supporting-documents', { code: DOCUMENT, label: DOCUMENT_LABEL });
  const form = new FormData();
  form.append('file', new Blob([MODEL_TEXT], { type: 'application/pdf' }), `modele-${RUN}.pdf`);
  const model = await fetch(`${t.server.url}/api/admin/supporting-documents/${DOCUMENT}/model`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}` },
    body: form,
  });
  expect(model.status).toBe(200);
  await created('/api/admin/formations', {
    code: FORMATION,
    label: FORMATION_LABEL,
    commissionCode: COMMISSION,
    applicationStartsOn: addDays(TODAY, -2),
    applicationEndsOn: addDays(TODAY, 30),
    returnDeadline: addDays(TODAY, 35),
    juryOn: addDays(TODAY, 40),
    publicationOn: addDays(TODAY, 42),
    confirmationOn: addDays(TODAY, 50),
    keywords: `${KEYWORD}, climat`,
    url: 'https://univ.test/glaciologie',
    additionalInfo: `Terrain en haute montagne ${RUN}.`,
    documentCodes: [DOCUMENT],
    capacity: 12,
  });
}, 300_000);

afterAll(async () => {
  if (t) await retireFormations(t.db, RUN);
  await browser.stop();
});

describe('the candidate portal in a browser', () => {
  it('lets a visitor land on /, browse and search the catalogue, open a formation and download a model file', async () => {
    const page = await visitor();
    await page.goto(`${t.server.url}/`);
    await page.getByRole('heading', { level: 1, name: `Candidater aux formations — ${t.config.institution.name}` }).waitFor();
    await page.getByRole('link', { name: 'Créer un compte' }).first().waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).waitFor();
    await screenshot(page, 'portal-landing');

    await page.getByRole('link', { name: 'Parcourir l’offre de formation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Offre de formation' }).waitFor();
    await page.getByRole('heading', { level: 3, name: `Centre des sciences polaires ${RUN}` }).waitFor();

    // Searched on the server: only the formation with that keyword.
    await page.getByLabel('Rechercher une formation').fill(KEYWORD);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === KEYWORD);
    await expectText(page.getByTestId('catalogue-count'), loose(`Une formation pour « ${KEYWORD} »`));
    await expectText(page.locator('.fr-sr-only[role="status"]'), loose(`Une formation pour « ${KEYWORD} »`));
    expect(await page.locator('main li a').allTextContents()).toEqual([FORMATION_LABEL]);
    await screenshot(page, 'portal-catalogue-search');

    await page.getByRole('link', { name: FORMATION_LABEL }).click();
    await page.getByRole('heading', { level: 1, name: FORMATION_LABEL }).waitFor();
    await expectText(page.getByRole('main'), loose('Candidatures ouvertes'));
    await expectText(
      page.locator('section', { has: page.getByRole('heading', { name: 'Calendrier' }) }),
      /Dépôt des candidatures.*Jury.*Publication des résultats/s,
    );
    await expectText(page.locator('section', { has: page.getByRole('heading', { name: 'Contact' }) }), /1 place des Neiges.*38000 Grenoble/s);
    await page.getByRole('link', { name: 'Rechercher les formations avec le mot-clé climat' }).waitFor();
    await expectText(page.getByRole('main'), `Terrain en haute montagne ${RUN}.`);
    expect(await page.title()).toContain(FORMATION_LABEL);

    // The model file, downloaded without an account.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: loose(`Télécharger le modèle « ${DOCUMENT_LABEL} »`) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`modele-${RUN}.pdf`);
    expect(await readFile((await download.path())!, 'utf8')).toBe(MODEL_TEXT);
    await screenshot(page, 'portal-formation');

    // Back to the list: the search is still there.
    await page.getByRole('link', { name: 'Retour à l’offre de formation' }).click();
    await page.waitForURL((url) => url.pathname === '/catalogue' && url.searchParams.get('q') === KEYWORD);
  });

  it('takes a visitor from "Candidater" through account creation, the validation mail and login back to applying', async () => {
    const email = address('apply');
    const page = await visitor();
    await openPage(page, `${t.server.url}/catalogue/formations/${FORMATION}`, FORMATION_LABEL);
    await page.getByRole('link', { name: `Candidater à la formation ${FORMATION_LABEL}` }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByTestId('login-apply-notice').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Créer un compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer un compte candidat' }).waitFor();
    // The formation's campaign is chosen already (the choice is asked only when several campaigns are open).
    await page.locator('#account-lastName').waitFor();
    if (await page.locator('#account-campaignCode').count()) expect(await page.locator('#account-campaignCode').inputValue()).toBe(CAMPAIGN);

    // Sent empty: the summary takes the focus and lists each field; the errors are under the fields.
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => focusedId(page)).toBe('account-summary');
    const summary = page.getByTestId('error-summary');
    await expectText(summary, loose('Nom : ce champ est obligatoire.'));
    await expectText(summary, loose('Adresse e-mail : ce champ est obligatoire.'));
    expect(await page.locator('#account-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#account-email').getAttribute('aria-describedby')).toBe('account-email-error');
    expect(await axeViolations(page), 'account creation with errors').toEqual([]);
    await screenshot(page, 'portal-creation-errors');
    // A summary's link takes the focus to its field.
    await summary.getByRole('link', { name: loose('Prénom : ce champ est obligatoire.') }).click();
    await expect.poll(() => focusedId(page)).toBe('account-firstName');

    await page.locator('#account-lastName').fill('Glacier');
    await page.locator('#account-firstName').fill('Inès');
    await page.locator('#account-email').fill(email);
    // The policy follows what is typed.
    await page.locator('#account-password').fill('glacier');
    expect(await page.getByTestId('policy-lower').getAttribute('data-met')).toBe('true');
    expect(await page.getByTestId('policy-upper').getAttribute('data-met')).toBe('false');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expectText(summary, loose('Mot de passe : doit contenir au moins 10 caractères, une lettre majuscule, un chiffre'));
    expect(await page.locator('#account-email').inputValue()).toBe(email);
    await page.locator('#account-password').fill(PASSWORD);
    await page.locator('#account-confirmation').fill(`${PASSWORD}x`);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expectText(summary, loose('Confirmation du mot de passe : les deux mots de passe ne sont pas identiques.'));
    await page.locator('#account-confirmation').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Validez votre adresse e-mail' }).waitFor();
    await expectText(page.getByRole('main'), `Un e-mail vient d’être envoyé à l’adresse ${email}.`);
    await screenshot(page, 'portal-created');

    // Before the link is followed, the right password says the address is not validated yet.
    const early = await visitor();
    await early.goto(`${t.server.url}/connexion`);
    await early.locator('#login-login').fill(email);
    await early.locator('#login-password').fill(PASSWORD);
    await early.locator('form button[type="submit"]').click();
    await alertWith(early, /pas encore validée/).waitFor();
    await early.getByRole('link', { name: 'Recevoir un nouveau lien de validation' }).waitFor();

    // The link of the mail: the dossier number, then the login with it, then back to applying.
    const link = linkIn(await mailTo(email), 'validation');
    await page.goto(`${t.server.url}${link}`);
    await page.getByTestId('validation-done').waitFor();
    const dossierNumber = spaces(await page.getByTestId('dossier-number').textContent()).trim();
    expect(dossierNumber).toMatch(/^[0-9A-Z]{8}$/);
    await screenshot(page, 'portal-validated');
    await page.getByRole('link', { name: 'Se connecter et candidater' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    expect(await page.locator('#login-login').inputValue()).toBe(dossierNumber);
    await page.locator('#login-password').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();

    // The file is empty: refused, with the way to fill it.
    await page.waitForURL((url) => url.pathname === `/candidat/candidater/${FORMATION}`);
    await page.getByTestId('apply-error').waitFor();
    await expectText(page.getByTestId('apply-error'), /Complétez votre dossier/);
    await page.getByRole('link', { name: 'Compléter mon dossier' }).waitFor();
    expect(await axeViolations(page), 'apply refused').toEqual([]);
    await screenshot(page, 'portal-apply-refused');

    await fillFile(dossierNumber);
    await page.getByRole('button', { name: 'Candidater de nouveau' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/candidat/candidatures/'));
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const token = (await login(dossierNumber, PASSWORD)).body.token as string;
    const mine = await t.api('GET', '/api/candidatures', { token });
    expect(mine.body.map((c: { id: string; formationCode: string }) => [c.id, c.formationCode])).toEqual([[id, FORMATION]]);
    await screenshot(page, 'portal-applied');
  });

  it('resets a forgotten password from the mailed link, the old password and the used link refused afterwards', async () => {
    const { email, dossierNumber } = await validatedAccount('reset');
    const page = await visitor();
    await page.goto(`${t.server.url}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();

    // An unknown address gets the very same answer.
    await page.getByLabel('Adresse e-mail').fill(address('nobody'));
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    const neutral = spaces(await page.getByTestId('request-done').textContent());
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    // The answer takes the focus (and is announced).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), WAIT).toBe('request-done');
    expect(spaces(await page.getByTestId('request-done').textContent())).toBe(neutral);

    const link = linkIn(await t.smtp.waitFor((m) => m.to.includes(email) && m.text.includes('/compte/mot-de-passe?token='), 30_000), 'mot-de-passe');
    const newPassword = 'Moraine-2027#';
    await page.goto(`${t.server.url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
    await page.locator('#new-password-password').fill('court');
    await page.locator('#new-password-confirmation').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect.poll(() => focusedId(page)).toBe('new-password-summary');
    await expectText(page.getByTestId('error-summary'), loose('Nouveau mot de passe : doit contenir au moins 10 caractères'));
    await page.locator('#new-password-password').fill(newPassword);
    await page.locator('#new-password-confirmation').fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByTestId('password-done').waitFor();
    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    expect(await page.locator('#login-login').inputValue()).toBe(dossierNumber);
    await page.locator('#login-password').fill(newPassword);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/candidat');

    expect((await login(email, PASSWORD)).status).toBe(401);
    expect((await login(email, newPassword)).status).toBe(200);

    // The link served once.
    const again = await visitor();
    await again.goto(`${t.server.url}${link}`);
    await again.locator('#new-password-password').fill('Seracs-2028!x');
    await again.locator('#new-password-confirmation').fill('Seracs-2028!x');
    await again.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await again.getByTestId('error-summary').waitFor();
    await again.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
    expect((await login(email, 'Seracs-2028!x')).status).toBe(401);
  });

  it('answers the forgotten login and a new validation link with the same words for any address', async () => {
    const { email, dossierNumber } = await validatedAccount('reminder');
    const page = await visitor();
    for (const [path, button] of [
      ['/compte/identifiant-oublie', 'Recevoir mon identifiant'],
      ['/compte/renvoi-validation', 'Envoyer le lien'],
    ] as const) {
      await page.goto(`${t.server.url}${path}`);
      const said: string[] = [];
      for (const who of [email, address('nobody')]) {
        await page.getByLabel('Adresse e-mail').fill(who);
        await page.getByRole('button', { name: button }).click();
        await page.getByTestId('request-done').waitFor();
        said.push(spaces(await page.getByTestId('request-done').textContent()));
      }
      expect(said[0]).toBe(said[1]);
    }
    const reminder = await t.smtp.waitFor((m) => m.to.includes(email) && m.text.includes(dossierNumber) && !m.text.includes('/compte/validation'), 30_000);
    expect(reminder.text).toContain(dossierNumber);
  });

  it('shows the candidate their account, records the language chosen in the header and changes the e-mail through its link', async () => {
    const { email, dossierNumber } = await validatedAccount('account');
    const page = await visitor();
    await loginInBrowser(page, dossierNumber, PASSWORD);
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await expectText(page.getByTestId('account-dossier'), dossierNumber);

    // The header's language switch is the account's language too (mails follow it).
    const token = (await login(dossierNumber, PASSWORD)).body.token as string;
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await expect.poll(async () => (await t.api('GET', '/api/account', { token })).body.language, WAIT).toBe('en');
    await switchLanguage(page, 'fr');
    await expect.poll(async () => (await t.api('GET', '/api/account', { token })).body.language, WAIT).toBe('fr');

    // A wrong password: refused under the field, the summary focused.
    const newEmail = address('account-new');
    await page.locator('#account-email-email').fill(newEmail);
    await page.locator('#account-email-password').fill('Mauvais-2026!');
    await page.getByRole('button', { name: 'Changer d’adresse' }).click();
    await expect.poll(() => focusedId(page), WAIT).toBe('account-email-summary');
    await page.locator('#account-email-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Changer d’adresse' }).click();
    await alertWith(page, `Un lien de validation a été envoyé à l’adresse ${newEmail}.`).waitFor();
    await expectText(page.getByRole('main'), loose(`Nouvelle adresse en attente de validation : ${newEmail}`));

    await page.goto(`${t.server.url}${linkIn(await mailTo(newEmail), 'validation')}`);
    await page.getByTestId('validation-done').waitFor();
    await page.getByRole('link', { name: 'Retour à mon compte' }).click();
    await expectText(page.getByRole('main'), newEmail);
    expect(await page.getByText(email, { exact: true }).count()).toBe(0);
  });

  it('keeps every portal page within a 375 px phone and free of serious accessibility violations, in French and English', async () => {
    const { dossierNumber } = await validatedAccount('a11y');
    const pages: { path: string; h1: Record<'fr' | 'en', string>; candidate?: boolean }[] = [
      { path: '/', h1: { fr: `Candidater aux formations — ${t.config.institution.name}`, en: `Apply to the programmes — ${t.config.institution.name}` } },
      { path: '/catalogue', h1: { fr: 'Offre de formation', en: 'Programmes offered' } },
      { path: `/catalogue?q=${KEYWORD}`, h1: { fr: 'Offre de formation', en: 'Programmes offered' } },
      { path: `/catalogue/formations/${FORMATION}`, h1: { fr: FORMATION_LABEL, en: FORMATION_LABEL } },
      { path: `/connexion?redirect=/candidat/candidater/${FORMATION}`, h1: { fr: 'Connexion à eCandidat', en: 'Log in to eCandidat' } },
      { path: '/compte/creation', h1: { fr: 'Créer un compte candidat', en: 'Create a candidate account' } },
      { path: '/compte/creation/envoye', h1: { fr: 'Validez votre adresse e-mail', en: 'Confirm your e-mail address' } },
      { path: '/compte/validation?token=abc', h1: { fr: 'Validation de votre adresse e-mail', en: 'Confirmation of your e-mail address' } },
      { path: '/compte/renvoi-validation', h1: { fr: 'Recevoir un nouveau lien de validation', en: 'Get a new confirmation link' } },
      { path: '/compte/mot-de-passe-oublie', h1: { fr: 'Mot de passe oublié', en: 'Forgotten password' } },
      { path: '/compte/mot-de-passe?token=abc', h1: { fr: 'Choisir un nouveau mot de passe', en: 'Choose a new password' } },
      { path: '/compte/identifiant-oublie', h1: { fr: 'Identifiant oublié', en: 'Forgotten login' } },
      { path: '/candidat/compte', h1: { fr: 'Mon compte', en: 'My account' }, candidate: true },
      { path: `/candidat/candidater/${FORMATION}`, h1: { fr: 'Candidater', en: 'Apply' }, candidate: true },
    ];
    const found: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      const anonymous = await visitor(lang);
      const candidate = await visitor(lang);
      await loginInBrowser(candidate, dossierNumber, PASSWORD);
      for (const p of pages) {
        const page = p.candidate ? candidate : anonymous;
        for (const width of [1280, 375]) {
          await page.setViewportSize(width === 375 ? { width: 375, height: 740 } : { width: 1280, height: 900 });
          await page.goto(`${t.server.url}${p.path}`);
          await page.getByRole('heading', { level: 1, name: p.h1[lang] }).waitFor();
          // Wait for what the page loads (the busy notes gone).
          await expect.poll(() => page.locator('[aria-busy="true"]').count(), WAIT).toBe(0);
          if (width === 375) {
            expect(await overflow(page), `${p.path} (${lang}) at 375 px`).toBeLessThanOrEqual(0);
            if (lang === 'fr') await screenshot(page, `portal-375${p.path.replace(/[/?=]/g, '-')}`);
          }
          found.push(...(await axeViolations(page)).map((v) => `${p.path} (${lang}, ${width}px): ${v}`));
        }
      }
    }
    expect(found).toEqual([]);
  });
});
