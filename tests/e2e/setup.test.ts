/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The setup screens (/admin/parametrage, issue 9) in a real browser (Debian's Chromium driven by
// playwright-core) against the real application:
//   - the admin, from the browser only, creates a staff account with a password, a centre on
//     Pégase, a commission of that centre with that account as its president, a supporting document
//     and a formation of that commission asking for it, open today; each save is a DSFR success
//     alert and the list shows the new row;
//   - on the way, a formation whose applications close before they open: the API's message is shown
//     under the field (aria-invalid, aria-describedby), the focus is on it, what was typed stays;
//     after switching to English and saving again, the message is the English one;
//   - the member logs in (a fresh browser profile) and has the staff list; a candidate of 2026-P
//     applies to the new formation through the API and the candidature appears in the member's list;
//   - the admin changes the formation's return deadline: the change is sent to that candidature,
//     with a progress and its result; a supporting document goes out of service after a confirmation;
//   - every setup screen (list and form) passes the accessibility checks below with no serious or
//     critical violation, and at 375 px wide nothing is off-screen (the tables scroll in their own box).
// Codes are unique per run: the database is shared with the other test files.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, expectText, loose, screenshot, spaces, focusedId, openPage, rowOf, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

const RUN = randomUUID().slice(0, 6).toUpperCase();
const CENTRE = `E2E-C${RUN}`;
const COMMISSION = `E2E-COM${RUN}`;
const DOCUMENT = `E2E-DOC${RUN}`;
const FORMATION = `E2E-F${RUN}`;
const FORMATION_LABEL = `Master essai ${RUN}`;
const MEMBER = `membre.${RUN.toLowerCase()}`;
const MEMBER_PASSWORD = 'Membre-e2e-2026!';
const TODAY = parisDate(new Date());

const SETUP_PAGES = ['campagnes', 'centres', 'commissions', 'formations', 'pieces-justificatives', 'comptes', 'journal'] as const;

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let admin: Page;
let candidatureId: string;
let dossierNumber: string;

beforeAll(async () => {
  t = await browser.start();
  admin = await newActor();
  await loginAs(admin, 'admin');
}, 300_000);

afterAll(async () => {
  if (t) await retireFormations(t.db, RUN);
  await browser.stop();
});

const setupUrl = (screen: (typeof SETUP_PAGES)[number]) => `${t.server.url}/admin/parametrage/${screen}`;
/** A day as the tables show it (01/09/2026). */
const day = (iso: string) => iso.split('-').reverse().join('/');

const open = (page: Page, screen: (typeof SETUP_PAGES)[number], title: string) => openPage(page, setupUrl(screen), title);

describe('the setup screens in a browser', () => {
  it('lets the admin create an account, a centre, a commission with its president, a document and a formation', async () => {
    // A staff account with a local password.
    await open(admin, 'comptes', 'Comptes gestionnaires');
    await admin.getByRole('button', { name: 'Créer un compte' }).click();
    await admin.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    await expect.poll(() => focusedId(admin)).toBe('staff-form-title');
    await admin.locator('#staff-login').fill(MEMBER);
    await admin.locator('#staff-displayName').fill(`Nora Membre ${RUN}`);
    await admin.locator('#staff-email').fill(`${MEMBER}@univ.test`);
    await admin.locator('#staff-password').fill(MEMBER_PASSWORD);
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Compte ${MEMBER} créé.`).waitFor();
    await expectText(rowOf(admin, MEMBER), /Nora Membre.*Actif/);
    // The focus goes back to "Créer un compte"; the success is announced.
    await expect.poll(() => focusedId(admin)).toBe('staff-create');
    await expectText(admin.locator('.fr-sr-only[role="status"]'), `Compte ${MEMBER} créé.`);

    // A centre on Pégase; the form then goes on with its managers.
    await open(admin, 'centres', 'Centres de candidature');
    await admin.getByRole('button', { name: 'Créer un centre' }).click();
    await admin.locator('#centre-code').fill(CENTRE);
    await admin.locator('#centre-label').fill(`Centre essai ${RUN}`);
    await admin.locator('#centre-sisType').selectOption('P');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Centre ${CENTRE} créé.`).waitFor();
    await admin.getByRole('heading', { name: `Gestionnaires du centre ${CENTRE}` }).waitFor();
    await expectText(rowOf(admin, CENTRE), /Centre essai.*En service.*Pégase/);

    // A commission of that centre, the new account its president.
    await open(admin, 'commissions', 'Commissions');
    await admin.getByRole('button', { name: 'Créer une commission' }).click();
    await admin.locator('#commission-code').fill(COMMISSION);
    await admin.locator('#commission-label').fill(`Commission essai ${RUN}`);
    await admin.locator('#commission-centreCode').selectOption(CENTRE);
    await admin.locator('#commission-email').fill(`commission-${RUN.toLowerCase()}@univ.test`);
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Commission ${COMMISSION} créée.`).waitFor();
    const members = admin.getByRole('form', { name: `Membres de la commission ${COMMISSION}` });
    await members.getByRole('button', { name: 'Ajouter un membre' }).click();
    await expect.poll(() => focusedId(admin)).toBe('members-0-login');
    await admin.locator('#members-0-login').selectOption(MEMBER);
    await members.getByRole('radio', { name: MEMBER }).check({ force: true });
    await members.getByRole('button', { name: 'Enregistrer les membres' }).click();
    await alertWith(admin, `Membres de la commission ${COMMISSION} enregistrés.`).waitFor();
    await expectText(rowOf(admin, COMMISSION), loose(`1 membre, président : ${MEMBER}`));
    await screenshot(admin, 'setup-commission');

    // A supporting document.
    await open(admin, 'pieces-justificatives', 'Pièces justificatives');
    await admin.getByRole('button', { name: 'Créer une pièce' }).click();
    await admin.locator('#document-code').fill(DOCUMENT);
    await admin.locator('#document-label').fill(`Attestation essai ${RUN}`);
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Pièce ${DOCUMENT} créée.`).waitFor();
    await expectText(rowOf(admin, DOCUMENT), /Attestation essai.*En service/);

    // A formation of that commission whose applications close before they open: refused, the
    // message under the field, the focus on it, what was typed kept.
    await open(admin, 'formations', 'Formations');
    await admin.getByRole('button', { name: 'Créer une formation' }).click();
    await admin.locator('#formation-code').fill(FORMATION);
    await admin.locator('#formation-label').fill(FORMATION_LABEL);
    await admin.locator('#formation-commissionCode').selectOption(COMMISSION);
    await admin.locator('#formation-applicationStartsOn').fill(addDays(TODAY, 10));
    await admin.locator('#formation-applicationEndsOn').fill(TODAY);
    await admin.locator('#formation-returnDeadline').fill(addDays(TODAY, 90));
    await admin.getByRole('checkbox', { name: new RegExp(DOCUMENT) }).check({ force: true });
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const endsOn = admin.locator('#formation-applicationEndsOn');
    const endsOnError = admin.locator('#formation-applicationEndsOn-error');
    await expectText(endsOnError, 'Fin de dépôt des candidatures : doit être après le début de dépôt des candidatures.');
    expect(await endsOn.getAttribute('aria-invalid')).toBe('true');
    expect(await endsOn.getAttribute('aria-describedby')).toContain('formation-applicationEndsOn-error');
    await expect.poll(() => focusedId(admin)).toBe('formation-applicationEndsOn');
    expect(await admin.locator('#formation-code').inputValue()).toBe(FORMATION);
    expect(await admin.locator('#formation-label').inputValue()).toBe(FORMATION_LABEL);
    expect(await endsOn.inputValue()).toBe(TODAY);
    expect(await admin.getByRole('checkbox', { name: new RegExp(DOCUMENT) }).isChecked()).toBe(true);
    await screenshot(admin, 'setup-formation-error-fr');

    // In English: the field's label from the shared labels, the API's message in English.
    await switchLanguage(admin, 'en');
    await expectText(admin.locator('label[for="formation-applicationEndsOn"]'), /^\s*Applications close on\b/);
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(endsOnError, /^Applications close on ?: must be after the opening of applications\.$/);
    await expect.poll(() => focusedId(admin)).toBe('formation-applicationEndsOn');
    expect(await admin.locator('#formation-code').inputValue()).toBe(FORMATION);
    await screenshot(admin, 'setup-formation-error-en');
    await switchLanguage(admin, 'fr');

    // Open today: saved, in the list, taking the candidatures of the Pégase campaign.
    await admin.locator('#formation-applicationStartsOn').fill(addDays(TODAY, -30));
    await endsOn.fill(addDays(TODAY, 60));
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Formation ${FORMATION} créée.`).waitFor();
    await expectText(rowOf(admin, FORMATION), new RegExp(`${FORMATION_LABEL}.*En service.*${COMMISSION}.*2026-P`));
    const saved = await t.api('GET', `/api/admin/formations/${FORMATION}`, { token: await t.login('admin') });
    expect(saved.body).toMatchObject({
      commissionCode: COMMISSION,
      centreCode: CENTRE,
      campaignCode: '2026-P',
      active: true,
      applicationStartsOn: addDays(TODAY, -30),
      applicationEndsOn: addDays(TODAY, 60),
      returnDeadline: addDays(TODAY, 90),
      documentCodes: [DOCUMENT],
    });
    await screenshot(admin, 'setup-formation-created');
  });

  it('gives the new member the staff list, where a candidature to the new formation appears', async () => {
    const member = await newActor();
    await loginAs(member, MEMBER, MEMBER_PASSWORD);
    expect(new URL(member.url()).pathname).toBe('/gestion');
    await member.getByRole('heading', { level: 1, name: 'Candidatures' }).waitFor();

    const [email] = await createCandidates(t.db, '2026-P', `ST${RUN.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const applied = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: FORMATION } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    candidatureId = applied.body.id;
    dossierNumber = applied.body.candidate?.dossierNumber ?? email!.split('@')[0]!.toUpperCase();

    await member.getByRole('button', { name: 'Actualiser' }).click();
    const row = member.getByRole('row').filter({ hasText: FORMATION_LABEL });
    await expectText(row, new RegExp(dossierNumber));
    expect(await member.getByRole('link', { name: 'Paramétrage' }).count()).toBe(0);
    await screenshot(member, 'setup-member-list');
  });

  it('sends a changed return deadline to the open candidature, with its progress, and puts a document out of service after asking', async () => {
    await switchLanguage(admin, 'fr');
    await open(admin, 'formations', 'Formations');
    await rowOf(admin, FORMATION)
      .getByRole('button', { name: `Modifier ${FORMATION} - ${FORMATION_LABEL}` })
      .click();
    await admin.getByRole('heading', { name: `Modifier la formation ${FORMATION}` }).waitFor();
    expect(await admin.locator('#formation-code').getAttribute('readonly')).not.toBeNull();
    await admin.locator('#formation-returnDeadline').fill(addDays(TODAY, 95));
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Formation ${FORMATION} enregistrée. La modification est envoyée à sa candidature ouverte.`).waitFor();
    const propagation = admin.getByRole('region', { name: loose(`Envoi de la modification de ${FORMATION} aux candidatures ouvertes`) });
    await expectText(propagation, loose(`Modification de ${FORMATION} envoyée aux candidatures ouvertes : 1 sur 1.`), 30_000);
    await expectText(admin.locator('.fr-sr-only[role="status"]'), loose(`Modification de ${FORMATION} envoyée aux candidatures ouvertes : 1 sur 1.`));
    const view = await t.api('GET', `/api/staff/candidatures/${candidatureId}`, { token: await t.login('admin') });
    expect(view.body.pieces.map((p: { code: string }) => p.code)).toContain(DOCUMENT);
    await screenshot(admin, 'setup-propagation');

    // The change log of the formation: who, when, before → after.
    await admin.getByRole('navigation').getByRole('link', { name: 'Journal des modifications' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Journal des modifications' }).waitFor();
    await admin.getByLabel('Objet').fill(`formation:${FORMATION}`);
    await admin.getByRole('button', { name: 'Afficher' }).click();
    await expect.poll(() => new URL(admin.url()).searchParams.get('sujet')).toBe(`formation:${FORMATION}`);
    const change = admin.getByRole('row').filter({ hasText: 'Modification de formation' }).first();
    await expectText(
      change,
      new RegExp(`admin.*formation:${FORMATION}.*Date limite de retour du dossier : ${day(addDays(TODAY, 90))} → ${day(addDays(TODAY, 95))}`),
    );

    // Out of service, asked first; the focus comes back to the row's button.
    await open(admin, 'pieces-justificatives', 'Pièces justificatives');
    const row = rowOf(admin, DOCUMENT);
    await row.getByRole('button', { name: `Mettre hors service ${DOCUMENT} - Attestation essai ${RUN}` }).click();
    const dialog = admin.getByRole('alertdialog', { name: loose(`Mettre ${DOCUMENT} hors service ?`) });
    await dialog.waitFor();
    await screenshot(admin, 'setup-confirm');
    await dialog.getByRole('button', { name: 'Mettre hors service' }).click();
    await alertWith(admin, `${DOCUMENT} est hors service.`).waitFor();
    await expectText(row, /Hors service/);
    await expect.poll(() => focusedId(admin)).toBe(`document-service-${DOCUMENT}`);
    expect(spaces(await admin.locator(`#document-service-${DOCUMENT}`).textContent()).trim()).toBe('Remettre en service');
  }, 120_000);

  it('passes the accessibility checks on every setup screen, its form open too', async () => {
    await switchLanguage(admin, 'fr');
    for (const screen of SETUP_PAGES) {
      await admin.goto(setupUrl(screen));
      await admin.getByRole('heading', { level: 1 }).waitFor();
      await admin.getByRole('table').or(admin.getByText('Aucun élément pour le moment.')).first().waitFor();
      expect(await axeViolations(admin), `${screen}: list`).toEqual([]);
      const create = admin.locator('button[id$="-create"]');
      if ((await create.count()) === 0) continue;
      await create.click();
      await admin.locator('form.app-setup-form').first().waitFor();
      expect(await axeViolations(admin), `${screen}: form`).toEqual([]);
    }
  });

  it('keeps every setup screen within a 375 px wide screen', async () => {
    await admin.setViewportSize({ width: 375, height: 812 });
    try {
      for (const screen of SETUP_PAGES) {
        await admin.goto(setupUrl(screen));
        await admin.getByRole('heading', { level: 1 }).waitFor();
        await admin.getByRole('table').or(admin.getByText('Aucun élément pour le moment.')).first().waitFor();
        const width = () => admin.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
        expect(await width(), `${screen}: list`).toBeLessThanOrEqual(0);
        const create = admin.locator('button[id$="-create"]');
        if ((await create.count()) === 0) continue;
        await create.click();
        await admin.locator('form.app-setup-form').first().waitFor();
        expect(await width(), `${screen}: form`).toBeLessThanOrEqual(0);
      }
      await admin.goto(setupUrl('formations'));
      await rowOf(admin, FORMATION).waitFor();
      await screenshot(admin, 'setup-formations-375');
    } finally {
      await admin.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
