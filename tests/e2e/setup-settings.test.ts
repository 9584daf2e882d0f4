/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The rest of the setup screens (/admin/parametrage, issue 9) in a real browser (Debian's Chromium
// driven by playwright-core) against the real application:
//   - parameters: a number out of its range is refused under its field (focus on it, aria-invalid),
//     then a value in range is saved; a scolarité centrale user sees technical parameters read-only;
//   - messages: the home and maintenance messages edited; maintenance turned on after a
//     confirmation; a candidate then reads the maintenance message on the login page and cannot log
//     in (nor sees it once it is off), and reads the home message; maintenance turned off again;
//   - mail templates: a variable the mail does not offer is refused under the body; a variable is
//     inserted at the cursor from the list; the preview shows the sample values (HTML in a sandboxed
//     frame, text part); a centre's own version is created, then deleted after asking;
//   - profiles: a commission profile created with a functionality in write (only those open to
//     commissions offered);
//   - tags: a bad colour refused under its field, then a tag created with the colour picker;
//   - formations: two formations chosen in the list get the same return deadline after a
//     confirmation ("2 formations seront modifiées…"), and both propagations to their open
//     candidatures finish;
//   - every new screen, its form open, passes axe (no serious or critical violation) and stays
//     within 375 px; the screens read in English too.
// Codes are unique per run: the database is shared with the other test files; what is changed for
// the whole installation (parameters, messages, maintenance) is put back in afterAll.
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
const CENTRE = `E2E-MC${RUN}`;
const COMMISSION = `E2E-SC${RUN}`;
const DOCUMENT = `E2E-MD${RUN}`;
/** A PDF and a 1×1 PNG as small as their readers accept (the API reads the type from the content). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PROFILE = `E2E-PR${RUN}`;
const TAG = `Urgent ${RUN}`;
const FORMATIONS = [`E2E-MA${RUN}`, `E2E-MB${RUN}`] as const;
const TODAY = parisDate(new Date());
const CANDIDATE = 'candidat@demo.test';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let admin: Page;
let token: string;
let messagesBefore: { code: string; valueFr: string; valueEn: string | null; active: boolean }[] = [];
let parametersBefore: { code: string; value: unknown }[] = [];

beforeAll(async () => {
  t = await browser.start();
  token = await t.login('admin');
  messagesBefore = (await t.api('GET', '/api/admin/messages', { token })).body;
  parametersBefore = (await t.api('GET', '/api/admin/parameters', { token })).body;
  // A centre of its own for the mail override; two formations, each with an open candidature, for the mass edit.
  const centre = await t.api('POST', '/api/admin/centres', { token, body: { code: CENTRE, label: `Centre mails ${RUN}`, sisType: 'P' } });
  expect(centre.status, JSON.stringify(centre.body)).toBe(201);
  for (const [path, body] of [
    ['/api/admin/commissions', { code: COMMISSION, label: `Commission signature ${RUN}`, centreCode: CENTRE, email: `sig-${RUN.toLowerCase()}@univ.test` }],
    ['/api/admin/supporting-documents', { code: DOCUMENT, label: `Attestation modèle ${RUN}` }],
  ] as const) {
    const created = await t.api('POST', path, { token, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  const emails = await createCandidates(t.db, '2026-P', `SM${RUN.slice(0, 3)}`, 2);
  for (const [i, code] of FORMATIONS.entries()) {
    const dates = { applicationStartsOn: addDays(TODAY, -10), applicationEndsOn: addDays(TODAY, 30), returnDeadline: addDays(TODAY, 40) };
    const created = await t.api('POST', '/api/admin/formations', {
      token,
      body: { code, label: `Formation masse ${i} ${RUN}`, commissionCode: 'FST-INFO', ...dates },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const applied = await t.api('POST', '/api/candidatures', { token: await t.login(emails[i]!), body: { formationCode: code } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  }
  admin = await newActor();
  await loginAs(admin, 'admin');
}, 300_000);

afterAll(async () => {
  // What this file changes for the whole installation goes back as it was (maintenance off first).
  if (token) {
    await t.api('PUT', '/api/admin/parameters/TECH_IS_MAINTENANCE', { token, body: { value: false } });
    for (const p of parametersBefore) await t.api('PUT', `/api/admin/parameters/${p.code}`, { token, body: { value: p.value } });
    for (const m of messagesBefore)
      await t.api('PUT', `/api/admin/messages/${m.code}`, { token, body: { valueFr: m.valueFr, valueEn: m.valueEn, active: m.active } });
  }
  if (t) await retireFormations(t.db, RUN);
  await browser.stop();
});

type Screen =
  | 'pieces-justificatives'
  | 'commissions'
  | 'parametres'
  | 'messages'
  | 'modeles-de-mail'
  | 'profils'
  | 'tags'
  | 'questions'
  | 'types-de-decision'
  | 'motifs'
  | 'formations';
const setupUrl = (screen: Screen) => `${t.server.url}/admin/parametrage/${screen}`;

const open = (page: Page, screen: Screen, title: string) => openPage(page, setupUrl(screen), title);

const parameter = async (code: string) =>
  ((await t.api('GET', '/api/admin/parameters', { token })).body as { code: string; value: unknown }[]).find((p) => p.code === code)?.value;

describe('the setup screens of parameters, messages, mails, profiles, tags and dates in a browser', () => {
  it('refuses a parameter out of its range under its field, then saves one in range', async () => {
    await open(admin, 'parametres', 'Paramètres');
    const tech = admin.locator('#parameters-tech-form');
    const size = admin.locator('#parameters-tech-TECH_FILE_MAX_SIZE');
    await expectText(admin.locator('label[for="parameters-tech-TECH_FILE_MAX_SIZE"]'), /Taille maximale des fichiers déposés.*De 1 à 10\..*Par défaut : 2\./);
    await size.fill('42');
    await tech.getByRole('button', { name: loose('Enregistrer : Technique') }).click();
    await expectText(
      admin.locator('#parameters-tech-TECH_FILE_MAX_SIZE-error'),
      'Taille maximale des fichiers déposés (Mo, 10 au plus) : doit être un nombre entier de 1 à 10.',
    );
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedId(admin)).toBe('parameters-tech-TECH_FILE_MAX_SIZE');
    expect(await parameter('TECH_FILE_MAX_SIZE')).toBe(2);
    await screenshot(admin, 'setup-parameters-error');

    await size.fill('5');
    await tech.getByRole('button', { name: loose('Enregistrer : Technique') }).click();
    await expectText(tech.locator('.fr-alert'), '1 paramètre enregistré.');
    expect(await size.getAttribute('aria-invalid')).toBeNull();
    expect(await parameter('TECH_FILE_MAX_SIZE')).toBe(5);

    // A yes/no parameter of another theme.
    const appeal = admin.locator('#parameters-scol-SCOL_IS_APPEL');
    expect(await appeal.isChecked()).toBe(true);
    await appeal.uncheck({ force: true });
    const scol = admin.locator('#parameters-scol-form');
    await scol.getByRole('button', { name: loose('Enregistrer : Scolarité') }).click();
    await expectText(scol.locator('.fr-alert'), '1 paramètre enregistré.');
    expect(await parameter('SCOL_IS_APPEL')).toBe(false);
  });

  it('shows technical parameters read-only to scolarité centrale, with why', async () => {
    const scol = await newActor();
    await loginAs(scol, 'scol');
    await open(scol, 'parametres', 'Paramètres');
    const size = scol.locator('#parameters-tech-TECH_FILE_MAX_SIZE');
    expect(await size.getAttribute('readonly')).not.toBeNull();
    await expectText(scol.locator('label[for="parameters-tech-TECH_FILE_MAX_SIZE"]'), /seul le profil administrateur le modifie/);
    await expectText(scol.locator('#parameters-tech-form'), /Les paramètres techniques sont en lecture seule/);
    expect(await scol.locator('#parameters-candidature-CANDIDATURE_NB_VOEUX_MAX').getAttribute('readonly')).toBeNull();
    await screenshot(scol, 'setup-parameters-scol');
  });

  it('turns maintenance on after a confirmation: a candidate reads its message and cannot log in, until it is off', async () => {
    const MAINTENANCE_TEXT = `Maintenance essai ${RUN} : revenez demain.`;
    const HOME_TEXT = `Bienvenue essai ${RUN}.`;
    await open(admin, 'messages', 'Messages et maintenance');
    const home = admin.locator('#message-accueil-form');
    await admin.locator('#message-accueil-valueFr').fill(HOME_TEXT);
    await home.getByRole('checkbox', { name: /Affiché/ }).check({ force: true });
    await home.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, 'Message d’accueil : enregistré.').waitFor();
    const maintenance = admin.locator('#message-maintenance-form');
    await admin.locator('#message-maintenance-valueFr').fill(MAINTENANCE_TEXT);
    await maintenance.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, 'Message de maintenance : enregistré.').waitFor();

    await expectText(admin.getByRole('region', { name: 'Mode maintenance' }), /Portail ouvert/);
    await admin.getByRole('button', { name: 'Activer la maintenance' }).click();
    const dialog = admin.getByRole('alertdialog', { name: loose('Activer la maintenance ?') });
    await expectText(dialog, /Les candidats ne pourront plus se connecter/);
    await screenshot(admin, 'setup-maintenance-confirm');
    await dialog.getByRole('button', { name: 'Activer la maintenance' }).click();
    await expectText(admin.getByRole('region', { name: 'Mode maintenance' }), /Maintenance activée/);
    expect(await parameter('TECH_IS_MAINTENANCE')).toBe(true);
    // Staff are told, and keep working.
    await expectText(admin.locator('.fr-notice'), /Mode maintenance activé.*les candidats ne peuvent pas se connecter/);

    const candidate = await newActor();
    await candidate.goto(`${t.server.url}/connexion`);
    await expectText(candidate.locator('.fr-notice'), loose(`Portail en maintenance : ${MAINTENANCE_TEXT}`));
    await expectText(candidate.getByTestId('home-message'), HOME_TEXT);
    await candidate.getByLabel('Identifiant').fill(CANDIDATE);
    await candidate.getByLabel('Mot de passe').fill('Demo-2026!');
    await candidate.getByRole('button', { name: 'Se connecter' }).click();
    await alertWith(candidate, loose(MAINTENANCE_TEXT)).waitFor();
    expect(new URL(candidate.url()).pathname).toBe('/connexion');
    expect(await axeViolations(candidate), 'login page in maintenance').toEqual([]);
    await screenshot(candidate, 'setup-maintenance-login');

    // Off again: the candidate logs in.
    await admin.getByRole('button', { name: 'Désactiver la maintenance' }).click();
    await expectText(admin.getByRole('region', { name: 'Mode maintenance' }), /Portail ouvert/);
    expect(await parameter('TECH_IS_MAINTENANCE')).toBe(false);
    await candidate.goto(`${t.server.url}/connexion`);
    await candidate.getByTestId('home-message').waitFor();
    expect(await candidate.locator('.fr-notice').count()).toBe(0);
    await loginAs(candidate, CANDIDATE);
    expect(new URL(candidate.url()).pathname).toBe('/candidat');
  });

  it('refuses a variable a mail does not offer, previews sample values, and gives a centre its own version, deleted after asking', async () => {
    await open(admin, 'modeles-de-mail', 'Modèles de mail');
    await rowOf(admin, 'CANDIDATURE')
      .first()
      .getByRole('button', { name: /^Modifier CANDIDATURE/ })
      .click();
    await admin.getByRole('heading', { name: 'Modifier le mail CANDIDATURE' }).waitFor();
    const body = admin.locator('#mail-bodyFr');
    const original = await body.inputValue();

    await body.fill('Bonjour ${inconnu},');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expectText(admin.locator('#mail-bodyFr-error'), loose('Texte du mail (français) : « ${inconnu} » n’est pas une variable de ce mail.'));
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedId(admin)).toBe('mail-bodyFr');

    // Refused in the other tab: that tab is shown, its field focused.
    await body.fill(original);
    await admin.getByRole('tab', { name: 'Anglais' }).click();
    const bodyEn = admin.locator('#mail-bodyEn');
    const originalEn = await bodyEn.inputValue();
    await bodyEn.fill('Hello ${inconnu},');
    await admin.getByRole('tab', { name: 'Français' }).click();
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expectText(admin.locator('#mail-bodyEn-error'), loose('Texte du mail (anglais) : « ${inconnu} » n’est pas une variable de ce mail.'));
    expect(await admin.getByRole('tab', { name: 'Anglais' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => focusedId(admin)).toBe('mail-bodyEn');
    await bodyEn.fill(originalEn);
    await admin.getByRole('tab', { name: 'Français' }).click();

    // A variable from the list, at the cursor; then the preview with sample values.
    await body.fill('Bonjour ');
    await admin.getByRole('button', { name: /^Insérer \$\{candidat\.prenom\}/ }).click();
    await expect.poll(() => body.inputValue()).toBe('Bonjour ${candidat.prenom}');
    await expect.poll(() => focusedId(admin)).toBe('mail-bodyFr');
    await admin.locator('#mail-preview').click();
    const preview = admin.getByRole('region', { name: /Aperçu avec des valeurs d’exemple/ });
    await expectText(preview.locator('pre'), /Bonjour Léa/);
    const frame = preview.locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Bonjour Léa');
    await expectText(admin.frameLocator('.app-mail-preview iframe').locator('body'), /Bonjour Léa/);
    await screenshot(admin, 'setup-mail-preview');
    await admin.getByRole('button', { name: 'Annuler', exact: true }).click();
    const saved = await t.api('GET', '/api/admin/mail-templates/CANDIDATURE', { token });
    expect(saved.body.bodyFr).toBe(original);

    // A centre's own version, from the institution's texts.
    await rowOf(admin, 'CANDIDATURE')
      .first()
      .getByRole('button', { name: /^Modifier CANDIDATURE/ })
      .click();
    await admin.locator('#mail-override-centre').selectOption(CENTRE);
    await admin.getByRole('button', { name: 'Créer la version de ce centre' }).click();
    await admin.getByRole('heading', { name: `Nouvelle version du centre ${CENTRE} du mail CANDIDATURE` }).waitFor();
    expect(await admin.locator('#mail-bodyFr').inputValue()).toBe(original);
    await admin.locator('#mail-subjectFr').fill(`Candidature reçue au centre ${RUN}`);
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Version du centre ${CENTRE} du mail CANDIDATURE créée.`).waitFor();
    const override = admin.getByRole('row').filter({ hasText: CENTRE });
    await expectText(override, loose(`CANDIDATURE`));
    await expectText(override, loose(`Candidature reçue au centre ${RUN}`));
    expect((await t.api('GET', `/api/admin/mail-templates/CANDIDATURE?centreCode=${CENTRE}`, { token })).body.subjectFr).toBe(
      `Candidature reçue au centre ${RUN}`,
    );

    await override.getByRole('button', { name: `Supprimer la version du centre ${CENTRE} du mail CANDIDATURE` }).click();
    const dialog = admin.getByRole('alertdialog', { name: loose(`Supprimer la version du centre ${CENTRE} ?`) });
    await expectText(dialog, loose(`Les candidatures du centre ${CENTRE} recevront de nouveau le mail CANDIDATURE de l’établissement.`));
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await alertWith(admin, `Version du centre ${CENTRE} du mail CANDIDATURE supprimée.`).waitFor();
    await expect.poll(() => admin.getByRole('row').filter({ hasText: CENTRE }).count()).toBe(0);
    expect((await t.api('GET', `/api/admin/mail-templates/CANDIDATURE?centreCode=${CENTRE}`, { token })).status).toBe(404);
  });

  it('creates a commission profile with a functionality in write, offered only those open to commissions', async () => {
    await open(admin, 'profils', 'Profils');
    await admin.getByRole('button', { name: 'Créer un profil' }).click();
    await admin.locator('#profile-code').fill(PROFILE);
    await admin.locator('#profile-label').fill(`Rapporteur ${RUN}`);
    await admin.getByRole('radio', { name: /^Membres de commission/ }).check({ force: true });
    await admin.getByRole('group', { name: 'Action saisie des avis' }).waitFor();
    expect(await admin.getByRole('group', { name: 'Écran gestion des formations' }).count()).toBe(0);
    await admin.getByRole('group', { name: 'Action saisie des avis' }).getByRole('radio', { name: 'Écriture' }).check({ force: true });
    await admin.getByRole('group', { name: 'Écran gestion des candidatures' }).getByRole('radio', { name: 'Lecture' }).check({ force: true });
    await screenshot(admin, 'setup-profile-form');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Profil ${PROFILE} créé.`).waitFor();
    await expectText(rowOf(admin, PROFILE), /Membres de commission.*1 en écriture, 1 en lecture/);
    const profiles = (await t.api('GET', '/api/admin/profiles', { token })).body as { code: string; kind: string; functionalities: unknown[] }[];
    expect(profiles.find((p) => p.code === PROFILE)).toMatchObject({
      kind: 'C',
      functionalities: [
        { code: 'GEST_CANDIDATURE', readOnly: true },
        { code: 'EDIT_AVIS', readOnly: false },
      ],
    });
  });

  it('refuses a colour that is none, then creates a tag with the colour picker', async () => {
    await open(admin, 'tags', 'Tags');
    await admin.getByRole('button', { name: 'Créer un tag' }).click();
    await admin.locator('#tag-label').fill(TAG);
    await admin.locator('#tag-colour').fill('rouge');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expectText(admin.locator('#tag-colour-error'), /^Couleur :/);
    await expect.poll(() => focusedId(admin)).toBe('tag-colour');
    await admin.locator('#tag-colour-picker').fill('#ff5500');
    await expect.poll(() => admin.locator('#tag-colour').inputValue()).toBe('#FF5500');
    await admin.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await alertWith(admin, `Tag ${TAG} créé.`).waitFor();
    await expectText(rowOf(admin, TAG), /#FF5500.*Scolarité centrale/);
    const tags = (await t.api('GET', '/api/admin/tags', { token })).body as { label: string; colour: string }[];
    expect(tags.find((g) => g.label === TAG)?.colour.toUpperCase()).toBe('#FF5500');
  });

  it('gives two formations chosen in the list the same return deadline after asking, and follows both propagations to the end', async () => {
    await open(admin, 'formations', 'Formations');
    for (const code of FORMATIONS) await admin.locator(`#formation-select-${code}`).check({ force: true });
    await admin.getByRole('button', { name: 'Modifier les dates des 2 formations sélectionnées' }).click();
    await admin.getByRole('heading', { name: 'Dates des 2 formations sélectionnées' }).waitFor();
    const deadline = addDays(TODAY, 50);
    await admin.locator('#mass-dates-returnDeadline').fill(deadline);
    await admin.locator('#mass-dates-form').getByRole('button', { name: 'Modifier les dates' }).click();
    const dialog = admin.getByRole('alertdialog', { name: loose('Modifier les dates ?') });
    await expectText(dialog, loose(`2 formations seront modifiées (${FORMATIONS.join(', ')}).`));
    await dialog.getByRole('button', { name: 'Modifier les dates' }).click();
    await alertWith(admin, 'Dates des 2 formations enregistrées.').waitFor();
    const progress = admin.getByRole('region', { name: loose('Envoi des modifications aux candidatures ouvertes (2 formations)') });
    for (const code of FORMATIONS) await expectText(progress, loose(`Modification de ${code} envoyée aux candidatures ouvertes : 1 sur 1.`), 30_000);
    await screenshot(admin, 'setup-mass-dates');
    for (const code of FORMATIONS) expect((await t.api('GET', `/api/admin/formations/${code}`, { token })).body.returnDeadline).toBe(deadline);
  }, 60_000);

  it("attaches a supporting document's model (a file of another type refused under the field) and a commission's signature", async () => {
    await open(admin, 'pieces-justificatives', 'Pièces justificatives');
    await rowOf(admin, DOCUMENT)
      .getByRole('button', { name: `Modifier ${DOCUMENT} - Attestation modèle ${RUN}` })
      .click();
    const model = admin.getByRole('form', { name: `Modèle de la pièce ${DOCUMENT}` });
    await expectText(model, /Aucun fichier pour le moment\./);
    await admin.locator('#model-file').setInputFiles({ name: 'modele.txt', mimeType: 'application/pdf', buffer: Buffer.from('pas un PDF') });
    await model.getByRole('button', { name: 'Déposer le fichier' }).click();
    await expectText(admin.locator('#model-file-desc'), /^Fichier : type de fichier refusé : application\/pdf attendu\.$/);
    expect(await admin.locator('#model-file').getAttribute('aria-describedby')).toBe('model-file-desc');
    await expect.poll(() => focusedId(admin)).toBe('model-file');
    await admin.locator('#model-file').setInputFiles({ name: 'modele.pdf', mimeType: 'application/pdf', buffer: PDF });
    await model.getByRole('button', { name: 'Déposer le fichier' }).click();
    await alertWith(admin, `Modèle de la pièce ${DOCUMENT} enregistré.`).waitFor();
    await expectText(model, /Fichier actuel : modele\.pdf/);
    const link = model.getByRole('link', { name: 'Télécharger le modèle actuel (modele.pdf)' });
    const download = await t.api('GET', (await link.getAttribute('href'))!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    await expectText(rowOf(admin, DOCUMENT), /modele\.pdf/);

    await open(admin, 'commissions', 'Commissions');
    await rowOf(admin, COMMISSION)
      .getByRole('button', { name: `Modifier ${COMMISSION} - Commission signature ${RUN}` })
      .click();
    const signature = admin.getByRole('form', { name: `Signature des lettres de la commission ${COMMISSION}` });
    await admin.locator('#signature-file').setInputFiles({ name: 'signature.png', mimeType: 'image/png', buffer: PNG });
    await signature.getByRole('button', { name: 'Déposer le fichier' }).click();
    await alertWith(admin, `Signature de la commission ${COMMISSION} enregistrée.`).waitFor();
    const image = signature.getByRole('img', { name: `Signature actuelle des lettres de la commission ${COMMISSION}` });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await screenshot(admin, 'setup-signature');
  });

  // Each new screen and how its form opens.
  const SCREENS: [Screen, (page: Page) => Promise<void>][] = [
    ['parametres', async () => undefined],
    ['messages', async () => undefined],
    ['questions', (page) => page.locator('#question-create').click()],
    ['tags', (page) => page.locator('#tag-create').click()],
    ['types-de-decision', (page) => page.locator('#decision-create').click()],
    ['motifs', (page) => page.locator('#motive-create').click()],
    ['profils', (page) => page.locator('#profile-create').click()],
    [
      'modeles-de-mail',
      (page) =>
        rowOf(page, 'CANDIDATURE')
          .first()
          .getByRole('button', { name: /^(Modifier|Edit) CANDIDATURE/ })
          .click(),
    ],
    [
      'formations',
      async (page) => {
        await page.locator(`#formation-select-${FORMATIONS[0]}`).check({ force: true });
        await page.locator('#formation-dates-open').click();
      },
    ],
  ];
  async function openForm(page: Page, screen: Screen, openIt: (page: Page) => Promise<void>): Promise<void> {
    await page.goto(setupUrl(screen));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await openIt(page);
    await page.locator('form.app-setup-form').first().waitFor();
  }

  it('passes the accessibility checks on every new screen, its form open', async () => {
    for (const [screen, openIt] of SCREENS) {
      await openForm(admin, screen, openIt);
      expect(await axeViolations(admin), screen).toEqual([]);
    }
  });

  it('keeps every new screen within a 375 px wide screen, its form open', async () => {
    await admin.setViewportSize({ width: 375, height: 812 });
    try {
      for (const [screen, openIt] of SCREENS) {
        await openForm(admin, screen, openIt);
        expect(await admin.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth), screen).toBeLessThanOrEqual(0);
        await screenshot(admin, `setup-375-${screen}`);
      }
    } finally {
      await admin.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('reads in English: parameters, functionalities and screens', async () => {
    await admin.goto(setupUrl('parametres'));
    await switchLanguage(admin, 'en');
    try {
      await admin.getByRole('heading', { level: 1, name: 'Parameters' }).waitFor();
      await expectText(admin.locator('label[for="parameters-tech-TECH_FILE_MAX_SIZE"]'), /Maximum size of uploaded files.*From 1 to 10\..*Default: 2\./);
      for (const [screen, openIt] of SCREENS) {
        await openForm(admin, screen, openIt);
        const text = spaces(await admin.locator('main').textContent());
        expect(text, screen).not.toMatch(/Enregistrer|Annuler|Créer un|Modifier/);
        await screenshot(admin, `setup-en-${screen}`);
      }
      await openForm(admin, 'profils', (page) => page.locator('#profile-create').click());
      await admin.getByRole('group', { name: 'Enter opinions' }).waitFor();
    } finally {
      await switchLanguage(admin, 'fr');
    }
  });
});
