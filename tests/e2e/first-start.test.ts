/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Issue 9's "Done means", in a real browser (Debian's Chromium driven by playwright-core) against
// the real application in production mode: "From an empty production database, an institution
// configures a campaign and its staff entirely from the browser, and the first candidature goes
// through on it." (tests/integration/first-start.test.ts tells the same story through the API.)
//   - a new, empty database, migrated and seeded in production mode with the first administrator of
//     the configuration: no campaign, no centre, no candidate, one staff account;
//   - that administrator logs in with the login form (production: the session cookie is `Secure`,
//     which Chromium keeps on http://127.0.0.1, a potentially trustworthy origin) and, from the
//     setup screens only, creates the Pégase campaign 2027-P (in service at once: the first of its
//     SIS), a Pégase centre, a staff account with a password, makes it the centre's manager, creates
//     a commission of the centre with that account as its president, and a formation of that
//     commission open today, linked to the Pégase formation MINFO-M1, asking for no document;
//   - the public offer of 2027-P lists the formation at once;
//   - a candidate of 2027-P (accounts are made by tests/support/candidates.ts: candidate sign-up is
//     another issue) logs in, applies from the offer and transmits; the manager, from /gestion,
//     sets the file complete, enters a favourable opinion and publishes it; the candidate confirms,
//     and the admission is exported ("done"): the Pégase simulator imported it under MINFO-M1, 2027-P;
//   - no serious or critical axe violation on the setup screens visited (as the admin saw them) nor
//     on the candidate's candidature page.
// Screenshots land in /tmp/e2e-first-start-*.png (outside the repository).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { createPrisma, type Db } from '../../infra/prisma.ts';
import { seed } from '../../prisma/seed.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, definitionOf, expectText, focusedId, loose, openPage, rowOf, screenshot } from '../support/browser.ts';
import { applyAndTransmit, confirmAndSeeExported, openTransmitted, publishFavourableOpinion } from '../support/candidature-steps.ts';
import { createCandidates } from '../support/candidates.ts';
import { freshDatabase } from '../support/fresh-database.ts';

const FIRST_ADMIN = { login: 'premiere.admin', displayName: 'Première Admin', email: 'admin@univ-prod.fr', password: 'un-long-mot-de-passe' };
const CAMPAIGN = '2027-P';
const CENTRE = { code: 'SCI', label: 'UFR Sciences' };
const COMMISSION = { code: 'SCI-INFO', label: 'Commission informatique', email: 'info@univ-prod.fr' };
const FORMATION = { code: 'M1-INFO', label: 'Master 1 Informatique', pegaseCode: 'MINFO-M1' };
const MANAGER = { login: 'jean.gestion', displayName: 'Jean Gestion', email: 'jean@univ-prod.fr', password: 'mot-de-passe-gestion' };
const COMMENT = 'Bienvenue dans la première promotion.';
const TODAY = parisDate(new Date());

const browser = browserTests();
const { newActor, loginAs } = browser;
let url: string;
let db: Db;
let t: TestApp;
let admin: Page;
let candidate: Page;
let candidateEmail: string;
let dossierNumber: string;
let id: string;
/** An admission the Pégase simulator received (GET /__admin/received). */
interface PegaseAdmission {
  nomFichier: string;
  nomNaissance: string;
  codeVoeu: string;
  codePeriode: string;
  importe: boolean;
}
/** The axe violations of each page checked, by name: all reported at once at the end of the setup. */
const violations: Record<string, string[]> = {};

beforeAll(async () => {
  url = await freshDatabase('first_start_e2e');
  db = createPrisma(url);
  await seed(db, { mode: 'production', firstAdmin: FIRST_ADMIN });
  t = await browser.start({ databaseUrl: url, mode: 'production' });
}, 300_000);

afterAll(async () => {
  await browser.stop();
  await db?.$disconnect();
});

/** A setup screen of /admin/parametrage, opened and waited for (its h1). */
const openSetup = (page: Page, screen: string, title: string) => openPage(page, `${t.server.url}/admin/parametrage/${screen}`, title);

/** Records the axe violations of the page as it is now, under `name`. */
async function checkAxe(page: Page, name: string): Promise<void> {
  violations[name] = await axeViolations(page);
}

describe('first start of a production installation, in a browser', () => {
  it('starts from a database with the reference codes and the first administrator only', async () => {
    expect(t.config.mode).toBe('production');
    expect(await db.campaign.count()).toBe(0);
    expect(await db.centre.count()).toBe(0);
    expect(await db.formation.count()).toBe(0);
    expect(await db.candidateAccount.count()).toBe(0);
    expect((await db.staffUser.findMany({ select: { login: true } })).map((u) => u.login)).toEqual([FIRST_ADMIN.login]);
    expect(await db.decisionType.count({ where: { code: 'AVIS_FAVORABLE' } })).toBe(1);
  });

  it('the first administrator logs in and sets the institution up from the setup screens', { timeout: 240_000 }, async () => {
    admin = await newActor();
    await loginAs(admin, FIRST_ADMIN.login, FIRST_ADMIN.password);
    // Production: the session is a Secure, HttpOnly cookie, which the browser kept on http://127.0.0.1.
    const cookies = await admin.context().cookies();
    expect(cookies.find((c) => c.name === 'ecandidat_session')).toMatchObject({ secure: true, httpOnly: true });
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(admin, 'first-start-admin-home');

    // The setup section from the header, on its first screen: no campaign yet.
    await admin.getByRole('link', { name: 'Paramétrage' }).first().click();
    await admin.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await admin.getByText('Aucun élément pour le moment.').waitFor();
    await checkAxe(admin, 'campagnes (empty)');

    // The campaign: Pégase, open from ten days ago; the first of its SIS, it is in service at once.
    await admin.getByRole('button', { name: 'Créer une campagne' }).click();
    await admin.getByRole('heading', { name: 'Créer une campagne' }).waitFor();
    await admin.locator('#campaign-code').fill(CAMPAIGN);
    await admin.locator('#campaign-label').fill('Campagne 2027');
    await admin.locator('#campaign-sisType').selectOption('P');
    await admin.locator('#campaign-startsOn').fill(addDays(TODAY, -10));
    await admin.locator('#campaign-endsOn').fill(addDays(TODAY, 200));
    await checkAxe(admin, 'campagnes (form)');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Campagne ${CAMPAIGN} créée.`).waitFor();
    await expectText(rowOf(admin, CAMPAIGN), /Campagne 2027.*En service.*Pégase/);
    await checkAxe(admin, 'campagnes (created)');

    // The centre, on Pégase; the form goes on with its managers (none can be chosen but the admin yet).
    await openSetup(admin, 'centres', 'Centres de candidature');
    await admin.getByRole('button', { name: 'Créer un centre' }).click();
    await admin.locator('#centre-code').fill(CENTRE.code);
    await admin.locator('#centre-label').fill(CENTRE.label);
    await admin.locator('#centre-sisType').selectOption('P');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Centre ${CENTRE.code} créé.`).waitFor();
    await admin.getByRole('heading', { name: `Gestionnaires du centre ${CENTRE.code}` }).waitFor();
    await expectText(rowOf(admin, CENTRE.code), new RegExp(`${CENTRE.label}.*En service.*Pégase`));
    await checkAxe(admin, 'centres (created, managers)');
    await screenshot(admin, 'first-start-centre');

    // The manager's staff account, with a local password.
    await openSetup(admin, 'comptes', 'Comptes gestionnaires');
    await admin.getByRole('button', { name: 'Créer un compte' }).click();
    await admin.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    await admin.locator('#staff-login').fill(MANAGER.login);
    await admin.locator('#staff-displayName').fill(MANAGER.displayName);
    await admin.locator('#staff-email').fill(MANAGER.email);
    await admin.locator('#staff-password').fill(MANAGER.password);
    await checkAxe(admin, 'comptes (form)');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Compte ${MANAGER.login} créé.`).waitFor();
    await expectText(rowOf(admin, MANAGER.login), new RegExp(`${MANAGER.displayName}.*Actif`));
    await checkAxe(admin, 'comptes (created)');

    // That account made the centre's manager (every commission of the centre, the default profile).
    await openSetup(admin, 'centres', 'Centres de candidature');
    await rowOf(admin, CENTRE.code)
      .getByRole('button', { name: `Modifier ${CENTRE.code} - ${CENTRE.label}` })
      .click();
    const managers = admin.getByRole('form', { name: `Gestionnaires du centre ${CENTRE.code}` });
    await managers.waitFor();
    await managers.getByRole('button', { name: 'Ajouter un gestionnaire' }).click();
    await expect.poll(() => focusedId(admin)).toBe('managers-0-login');
    await admin.locator('#managers-0-login').selectOption(MANAGER.login);
    expect(await admin.locator('#managers-0-allCommissions').isChecked()).toBe(true);
    await checkAxe(admin, 'centres (managers)');
    await managers.getByRole('button', { name: 'Enregistrer les gestionnaires' }).click();
    await alertWith(admin, `Gestionnaires du centre ${CENTRE.code} enregistrés.`).waitFor();
    await expectText(rowOf(admin, CENTRE.code), new RegExp(`Pégase.*${MANAGER.login}`));

    // The commission of the centre, that account its president.
    await openSetup(admin, 'commissions', 'Commissions');
    await admin.getByRole('button', { name: 'Créer une commission' }).click();
    await admin.locator('#commission-code').fill(COMMISSION.code);
    await admin.locator('#commission-label').fill(COMMISSION.label);
    await admin.locator('#commission-centreCode').selectOption(CENTRE.code);
    await admin.locator('#commission-email').fill(COMMISSION.email);
    await checkAxe(admin, 'commissions (form)');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Commission ${COMMISSION.code} créée.`).waitFor();
    const members = admin.getByRole('form', { name: `Membres de la commission ${COMMISSION.code}` });
    await members.getByRole('button', { name: 'Ajouter un membre' }).click();
    await expect.poll(() => focusedId(admin)).toBe('members-0-login');
    await admin.locator('#members-0-login').selectOption(MANAGER.login);
    await members.getByRole('radio', { name: MANAGER.login }).check({ force: true });
    await checkAxe(admin, 'commissions (members)');
    await members.getByRole('button', { name: 'Enregistrer les membres' }).click();
    await alertWith(admin, `Membres de la commission ${COMMISSION.code} enregistrés.`).waitFor();
    await expectText(rowOf(admin, COMMISSION.code), loose(`1 membre, président : ${MANAGER.login}`));

    // The formation of that commission: open today, linked to the Pégase formation, no document.
    await openSetup(admin, 'formations', 'Formations');
    await admin.getByRole('button', { name: 'Créer une formation' }).click();
    await admin.locator('#formation-code').fill(FORMATION.code);
    await admin.locator('#formation-label').fill(FORMATION.label);
    await admin.locator('#formation-commissionCode').selectOption(COMMISSION.code);
    // The SIS link follows the commission's centre: on Pégase, the Pégase code only.
    await expectText(admin.locator('#formation-sis'), 'Facultatif. Le centre est sur Pégase.');
    expect(await admin.locator('#formation-apogeeVetCode').count()).toBe(0);
    await admin.locator('#formation-pegaseCode').fill(FORMATION.pegaseCode);
    await admin.locator('#formation-applicationStartsOn').fill(TODAY);
    await admin.locator('#formation-applicationEndsOn').fill(addDays(TODAY, 30));
    await admin.locator('#formation-returnDeadline').fill(addDays(TODAY, 40));
    await admin.locator('#formation-confirmationOn').fill(addDays(TODAY, 60));
    await admin.getByText('Aucune pièce justificative en service.').waitFor();
    await checkAxe(admin, 'formations (form)');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Formation ${FORMATION.code} créée.`).waitFor();
    await expectText(rowOf(admin, FORMATION.code), new RegExp(`${FORMATION.label}.*En service.*${COMMISSION.code}.*${CAMPAIGN}`));
    await checkAxe(admin, 'formations (created)');
    await screenshot(admin, 'first-start-formation');

    expect(violations, 'serious or critical axe violations on the setup screens').toEqual(
      Object.fromEntries(Object.keys(violations).map((name) => [name, []])),
    );
  });

  it('offers the formation at once to the candidates of the campaign', async () => {
    const offer = await t.api('GET', `/api/campaigns/${CAMPAIGN}/formations`);
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject([{ code: FORMATION.code, label: FORMATION.label }]);
    // What the setup saved, read back by the API.
    const saved = await t.api('GET', `/api/admin/formations/${FORMATION.code}`, { token: await t.login(FIRST_ADMIN.login, FIRST_ADMIN.password) });
    expect(saved.body).toMatchObject({
      commissionCode: COMMISSION.code,
      centreCode: CENTRE.code,
      campaignCode: CAMPAIGN,
      active: true,
      pegaseCode: FORMATION.pegaseCode,
      applicationStartsOn: TODAY,
      documentCodes: [],
    });
  });

  it('the candidate logs in, applies to the formation and transmits the file', { timeout: 120_000 }, async () => {
    [candidateEmail] = (await createCandidates(db, CAMPAIGN, 'PRE', 1)) as [string];
    dossierNumber = candidateEmail.split('@')[0]!.toUpperCase();
    candidate = await newActor();
    await loginAs(candidate, candidateEmail);
    await candidate.waitForURL('**/candidat');
    await candidate.getByRole('heading', { name: 'Mes candidatures' }).waitFor();
    await candidate.getByText('Campagne 2027', { exact: true }).first().waitFor();
    id = await applyAndTransmit(candidate, FORMATION.label);
    await checkAxe(candidate, 'candidature (transmitted)');
    await screenshot(candidate, 'first-start-transmitted');
  });

  it('the manager completes the file, enters a favourable opinion and publishes it', { timeout: 120_000 }, async () => {
    const manager = await newActor();
    await loginAs(manager, MANAGER.login, MANAGER.password);
    await manager.waitForURL('**/gestion');
    await screenshot(manager, 'first-start-manager-list');
    await openTransmitted(manager, { id, formationLabel: FORMATION.label, dossierNumber });
    await expectText(definitionOf(manager, 'Formation'), `${FORMATION.label} (${FORMATION.code})`);
    await publishFavourableOpinion(manager, COMMENT);
    await screenshot(manager, 'first-start-published');
  });

  it('the candidate confirms, and the admission is exported to Pégase', { timeout: 120_000 }, async () => {
    await confirmAndSeeExported(candidate, FORMATION.label, COMMENT);
    await checkAxe(candidate, 'candidature (exported)');
    await screenshot(candidate, 'first-start-exported');
    // The manager reads the same: the export to Pégase done.
    const token = await t.login(MANAGER.login, MANAGER.password);
    await expect
      .poll(() => t.api('GET', `/api/staff/candidatures/${id}`, { token }).then((r) => [r.body.stage, r.body.export?.status]), { timeout: 30_000 })
      .toEqual(['confirmed', 'done']);
    // Pégase (its simulator) imported the admission under the code and period set from the browser.
    const received = await fetch(`${t.pegase!.url}/__admin/received`).then((r) => r.json() as Promise<{ admissions: PegaseAdmission[] }>);
    expect(received.admissions.filter((a) => a.nomFichier.startsWith(`admis-${id}_`))).toEqual([
      expect.objectContaining({ nomNaissance: 'ESSAI1', codeVoeu: FORMATION.pegaseCode, codePeriode: CAMPAIGN, importe: true }),
    ]);
    expect(violations['candidature (transmitted)'], 'axe on the candidature page, transmitted').toEqual([]);
    expect(violations['candidature (exported)'], 'axe on the candidature page, exported').toEqual([]);
  });
});
