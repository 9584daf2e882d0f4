// The candidate's file as a commission reads it in the browser (issue 11): a member of the
// candidature's commission opens it, reads the civil status, contact, address, cursus, internships
// and answers, opens a PDF document and an image in the page itself (no download), enters an
// opinion; then the same page in English (documents and questions named in English), on a 375 px
// phone (nothing scrolls sideways), and axe-core finds no serious or critical violation.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, definitionOf, expectText, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';
import type { TestApp } from '../support/app.ts';
import { retireFormations } from '../support/setup-data.ts';

const browser = browserTests();
let t: TestApp;
let page: Page;
let id: string;
let dossier: string;
let email: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const centre = `SE${run}`;
const commission = `SEC-${run}`;
const formation = `SEF-${run}`;
const docs = { pdf: `SEP-${run}`, image: `SEI-${run}` };
const labels = {
  pdf: { fr: `Lettre de motivation ${run}`, en: `Cover letter ${run}` },
  image: { fr: `Photo d’identité ${run}`, en: `ID photo ${run}` },
  question: { fr: `Quel projet professionnel ${run} ?`, en: `Which career plan ${run}?` },
};
const member = `sec-${run.toLowerCase()}`;
const PASSWORD = 'Commission-2026!x';
const ANSWER = `Devenir océanographe ${run}.`;
/** A valid 2×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==', 'base64');
const consoleErrors: string[] = [];
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  t = await browser.start();
  const admin = await t.login('admin');
  await ok(t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre de la mer ${run}`, sisType: 'P' } }));
  await ok(
    t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login: member, displayName: `Claire Membre ${run}`, email: `${member}@univ.test`, password: PASSWORD },
    }),
  );
  await ok(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission mer ${run}`, centreCode: centre, email: `mer-${run.toLowerCase()}@univ.test` },
    }),
  );
  await ok(t.api('PUT', `/api/admin/commissions/${commission}/members`, { token: admin, body: [{ login: member, president: true }] }), 200);
  for (const [key, code] of Object.entries(docs)) {
    const label = labels[key as keyof typeof docs];
    await ok(t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code, label: label.fr, labelEn: label.en } }));
  }
  await ok(t.api('POST', '/api/admin/questions', { token: admin, body: { code: `SEQ-${run}`, label: labels.question.fr, labelEn: labels.question.en } }));
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formation,
        label: `Master Océanographie ${run}`,
        commissionCode: commission,
        documentCodes: Object.values(docs),
        questionCodes: [`SEQ-${run}`],
        applicationStartsOn: addDays(today, -1),
        applicationEndsOn: addDays(today, 30),
        returnDeadline: addDays(today, 40),
        juryOn: addDays(today, 45),
        confirmationOn: addDays(today, 60),
      },
    }),
  );
  email = (await createCandidates(t.db, '2026-P', `SE${run.slice(0, 4)}`, 1))[0]!;
  const token = await t.login(email);
  await ok(
    t.api('POST', '/api/candidate/profile/external-cursus', {
      token,
      body: { academicYear: 2023, label: `Licence Sciences de la Terre ${run}`, obtained: 'O', priorDiplomaCode: 'LIC', countryCode: '127' },
    }),
  );
  await ok(
    t.api('POST', '/api/candidate/profile/internships', {
      token,
      body: { year: 2024, duration: '10 semaines', organisation: `Ifremer Brest ${run}`, description: 'Campagne en mer' },
    }),
  );
  const created = await ok(t.api('POST', '/api/candidatures', { token, body: { formationCode: formation } }));
  id = created.id;
  dossier = created.candidate.dossierNumber;
  await ok(t.upload(token, id, docs.image, { name: 'photo.png', type: 'image/png', data: PNG as unknown as string }), 200);
  await ok(t.upload(token, id, docs.pdf), 200);
  await ok(t.api('PUT', `/api/candidatures/${id}/questions/SEQ-${run}`, { token, body: { answer: ANSWER } }), 200);
  await t.completeFile(token, id);
  await ok(t.api('POST', `/api/candidatures/${id}/transmit`, { token }), 200);

  page = await browser.newActor();
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|frame|execute)/i.test(message.text())) consoleErrors.push(message.text());
  });
  await browser.loginAs(page, member, PASSWORD);
}, 300_000);

afterAll(async () => {
  await retireFormations(t.db, run);
  await browser.stop();
});

const fileRegion = () => page.getByRole('region', { name: 'Dossier du candidat' });

describe('the candidate’s file, as a commission member reads it', () => {
  it('shows the civil status, contact, address, cursus, internships and answers', { timeout: 120_000 }, async () => {
    await page.goto(`${t.server.url}/gestion/candidatures/${id}`);
    await page.getByRole('heading', { level: 1, name: `Candidature ${dossier}` }).waitFor();
    const file = fileRegion();
    await file.getByRole('heading', { level: 3, name: 'État civil et contact' }).waitFor();
    await expectText(definitionOf(page, 'Nom de naissance'), 'ESSAI1');
    await expectText(definitionOf(page, 'Date de naissance'), '17 mai 2003');
    await expectText(definitionOf(page, 'Adresse e-mail'), email);
    await expectText(definitionOf(page, 'Adresse'), '1 rue de la République');
    await expectText(definitionOf(page, 'Série du bac'), 'G');
    await expectText(file.getByRole('table', { name: 'Études après le bac (cursus externe)' }), `Licence Sciences de la Terre ${run}`);
    await expectText(file.getByRole('table', { name: 'Études après le bac (cursus externe)' }), 'Licence');
    await expectText(file.getByRole('table', { name: 'Stages' }), `Ifremer Brest ${run}`);
    await expectText(definitionOf(page, labels.question.fr), ANSWER);
    // The printable summary is one click away, in the page's language.
    expect(await page.getByRole('link', { name: 'Dossier complet en PDF' }).getAttribute('href')).toBe(`/api/staff/candidatures/${id}/dossier?lang=fr`);
    await screenshot(page, 'staff-file-1-file');
  });

  it('opens a PDF document and an image in the page', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: `Afficher dans la page : ${labels.pdf.fr}` }).click();
    const pdfViewer = page.getByRole('region', { name: `Aperçu de « ${labels.pdf.fr} »` });
    const frame = pdfViewer.locator('iframe');
    await frame.waitFor();
    const pdfSrc = (await frame.getAttribute('src'))!;
    expect(pdfSrc).toMatch(/^blob:/);
    // The frame shows the candidate's document as a PDF (the browser's PDF viewer in it).
    await expect
      .poll(() =>
        page
          .frames()
          .find((f) => f.url() === pdfSrc)
          ?.evaluate(() => document.contentType),
      )
      .toBe('application/pdf');
    expect(await page.getByRole('button', { name: `Masquer : ${labels.pdf.fr}` }).getAttribute('aria-expanded')).toBe('true');

    await page.getByRole('button', { name: `Afficher dans la page : ${labels.image.fr}` }).click();
    const image = page.getByRole('img', { name: `Pièce « ${labels.image.fr} » déposée par le candidat` });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    expect(consoleErrors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-file-2-viewers');

    // Hidden again: the viewers go, the buttons say so.
    for (const label of [labels.pdf.fr, labels.image.fr]) await page.getByRole('button', { name: `Masquer : ${label}` }).click();
    expect(await pdfViewer.count()).toBe(0);
    expect(await image.count()).toBe(0);
    expect(await page.getByRole('button', { name: `Afficher dans la page : ${labels.image.fr}` }).getAttribute('aria-expanded')).toBe('false');
  });

  it('enters an opinion, which the history then shows', { timeout: 60_000 }, async () => {
    await page.getByLabel('Type de décision').selectOption({ label: 'Avis favorable (Favorable)' });
    await page.locator('textarea#opinion-comment').fill(`Très bon dossier ${run}`);
    await page.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await alertWith(page, 'Avis enregistré (non publié).').waitFor();
    const history = page.getByRole('table', { name: 'Avis saisis et publiés' });
    await expectText(history, `Très bon dossier ${run}`);
    await expectText(history, 'Non publié');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads in English, and fits a 375 px phone in both languages', { timeout: 120_000 }, async () => {
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: `Application ${dossier}` }).waitFor();
    const file = page.getByRole('region', { name: 'Candidate’s file' });
    await file.getByRole('heading', { level: 3, name: 'Civil status and contact' }).waitFor();
    await expectText(definitionOf(page, 'Birth name'), 'ESSAI1');
    await expectText(definitionOf(page, labels.question.en), ANSWER);
    await page.getByRole('heading', { level: 3, name: labels.image.en, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Whole file as PDF' }).getAttribute('href')).toBe(`/api/staff/candidatures/${id}/dossier?lang=en`);
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByRole('button', { name: `Show in the page: ${labels.image.en}` }).click();
    await page.getByRole('img', { name: `Document “${labels.image.en}” uploaded by the candidate` }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-file-3-phone-en');

    await page.setViewportSize({ width: 1280, height: 900 });
    await switchLanguage(page, 'fr');
    await page.setViewportSize({ width: 375, height: 740 });
    await fileRegion().getByRole('heading', { level: 3, name: 'État civil et contact' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-file-4-phone-fr');
  });
});
