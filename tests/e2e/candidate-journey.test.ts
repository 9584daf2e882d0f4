/// <reference lib="dom" />
// Issue 10's "Done means", in a real browser (Debian's Chromium via playwright-core): ONE new
// candidate goes from nothing to a confirmed admission, in English, on a 375x740 phone, doing only
// what a candidate does in the browser; the staff's part goes through the API, as managers' tools would.
//   1. a visitor lands on `/`, opens the catalogue, searches it, opens formation 1 and chooses "Apply";
//   2. creates an account, follows the validation link of the mail caught by the SMTP catcher, logs
//      in with the dossier number, is sent back to applying: refused, the file is empty → the file;
//   3. fills the file with the searchable selects only, saves;
//   4. applies to formation 1, then from the catalogue to formation 2: two candidatures on the home page;
//   5. on formation 1's page: an .exe refused with a clear message, then a PDF uploaded; transmits
//      through the confirmation modal;
//   6. a manager declares the file complete, enters and validates a favourable opinion: the open page
//      shows the decision without reload or navigation, and its live region announces it;
//   7. confirms through the modal: confirmed, the registration sent to Pégase (its simulator holds it);
//   8. downloads the letter (the page's link): its text carries the candidate's name and the formation.
// Every page: no horizontal scroll at 375 px, axe-core with no serious or critical violation.
// Data of its own (centre, commission, document, two formations on 2026-P), codes suffixed with the
// run id, the formations retired at the end. Screenshots: /tmp/e2e-journey-*.png.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, definitionOf, expectText, focusedId, loose, screenshot, spaces, STEP_TIMEOUT } from '../support/browser.ts';
import { retireFormations } from '../support/setup-data.ts';

const RUN = randomUUID().slice(0, 6).toUpperCase();
const CAMPAIGN = '2026-P';
const CENTRE = `JRNC${RUN}`;
const COMMISSION = `JRNCOM${RUN}`;
const DOCUMENT = `JRNDOC${RUN}`;
const DOCUMENT_LABEL = `Transcript of marks ${RUN}`;
const DOCUMENT_LABEL_FR = `Relevé de notes ${RUN}`;
const FORMATION_1 = { code: `JRN1-${RUN}`, label: `Master Oceanography ${RUN}` };
const FORMATION_2 = { code: `JRN2-${RUN}`, label: `Master Hydrology ${RUN}` };
/** A Pégase formation its simulator knows (the export's "vœu"). */
const PEGASE_CODE = 'MINFO-M1';
const KEYWORD = `abyss${RUN.toLowerCase()}`;
const SIGNATORY = 'Pr Marie Curie-Signataire';
const PASSWORD = 'Ocean-Deep-2026!';
const EMAIL = `journey-${RUN.toLowerCase()}@essai.test`;
const CANDIDATE = { firstName: 'Maëlle', birthName: `OCEANE${RUN}` };
/** An INE of the INES format (9 digits and a letter) and its key, unique to this run: applying asks for it. */
const INE = { ine: `${String(Date.now()).slice(-9)}A`, key: 'B' };
const TODAY = parisDate(new Date());
const PHONE = { width: 375, height: 740 };
/** A valid 1×1 PNG: the commission's signature image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const browser = browserTests();
let t: TestApp;
let admin: string;
let page: Page;
let dossierNumber = '';
let first = '';
let second = '';
/** The text of the letter downloaded from the page. */
let letterText = '';
/** Each page checked, with its axe figures (for the report). */
const checked: string[] = [];

/** No horizontal scroll: the page is no wider than the window. */
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const combobox = (p: Page, name: string) => p.getByRole('combobox', { name: new RegExp(`^${name}`) });
const main = (p: Page) => p.getByRole('main');

/** Types words in a searchable select and chooses the option whose text matches. */
async function choose(p: Page, name: string, words: string, option: string | RegExp): Promise<void> {
  const box = combobox(p, name);
  await box.fill(words);
  await p.getByRole('option', { name: option }).first().click();
  await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
}

/** The page as it stands: loaded, within 375 px, no serious or critical axe violation; its screenshot. */
async function check(p: Page, name: string): Promise<void> {
  await expect.poll(() => p.locator('[aria-busy="true"]').count(), { timeout: STEP_TIMEOUT }).toBe(0);
  expect(await p.evaluate(() => window.innerWidth), 'a phone-sized window').toBe(PHONE.width);
  expect(await overflow(p), `${name}: horizontal scroll at 375 px`).toBeLessThanOrEqual(0);
  const violations = await axeViolations(p);
  expect(violations, `${name}: axe serious/critical`).toEqual([]);
  checked.push(`${name} (${new URL(p.url()).pathname}): 0 serious/critical`);
  await screenshot(p, `journey-${name}`);
}

const ok = async (res: Promise<{ status: number; body: any }>, status = 201) => {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

/** The candidature page of this id, its title shown. */
async function openCandidature(p: Page, id: string, label: string): Promise<void> {
  await p.goto(`${t.server.url}/candidat/candidatures/${id}`);
  await p.getByRole('heading', { level: 1, name: label }).waitFor();
}

/** From the catalogue, searched by the run's keyword: the formation's page, then "Apply" as a logged-in candidate. */
async function applyFromCatalogue(p: Page, formation: { code: string; label: string }): Promise<string> {
  await p.goto(`${t.server.url}/catalogue`);
  await p.getByRole('heading', { level: 1, name: 'Programmes offered' }).waitFor();
  await p.getByLabel('Search for a programme').fill(KEYWORD);
  await p.getByRole('button', { name: 'Search', exact: true }).click();
  await p.waitForURL((url) => url.searchParams.get('q') === KEYWORD);
  await p.getByRole('link', { name: formation.label, exact: true }).click();
  await p.getByRole('heading', { level: 1, name: formation.label }).waitFor();
  await p.getByRole('link', { name: `Apply to the programme ${formation.label}` }).click();
  await p.waitForURL((url) => url.pathname.startsWith('/candidat/candidatures/'), { timeout: 30_000 });
  await p.getByRole('heading', { level: 1, name: formation.label }).waitFor();
  return new URL(p.url()).pathname.split('/').pop()!;
}

beforeAll(async () => {
  t = await browser.start();
  admin = await t.login('admin');
  const create = (path: string, body: object) => ok(t.api('POST', path, { token: admin, body }));
  await create('/api/admin/centres', { code: CENTRE, label: `Centre for ocean sciences ${RUN}`, sisType: 'P' });
  await create('/api/admin/commissions', {
    code: COMMISSION,
    label: `Ocean committee ${RUN}`,
    centreCode: CENTRE,
    email: `ocean-${RUN.toLowerCase()}@univ.test`,
    phone: '04 91 00 00 00',
    addressLine1: '7 quai des Marées',
    postcode: '13002',
    city: 'Marseille',
    signatory: SIGNATORY,
    letterDownloadable: true,
  });
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'signature.png');
  const signature = await fetch(`${t.server.url}/api/admin/commissions/${COMMISSION}/signature`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}` },
    body: form,
  });
  expect(signature.status).toBe(200);
  await create('/api/admin/supporting-documents', { code: DOCUMENT, label: DOCUMENT_LABEL_FR, labelEn: DOCUMENT_LABEL });
  const formation = (f: { code: string; label: string }, extra: object) =>
    create('/api/admin/formations', {
      code: f.code,
      label: f.label,
      commissionCode: COMMISSION,
      applicationStartsOn: addDays(TODAY, -2),
      applicationEndsOn: addDays(TODAY, 30),
      returnDeadline: addDays(TODAY, 35),
      juryOn: addDays(TODAY, 40),
      publicationOn: addDays(TODAY, 42),
      confirmationOn: addDays(TODAY, 60),
      keywords: `${KEYWORD}, sea`,
      pegaseCode: PEGASE_CODE,
      capacity: 20,
      ...extra,
    });
  await formation(FORMATION_1, { documentCodes: [DOCUMENT] });
  await formation(FORMATION_2, {});

  page = await browser.newActor();
  await page.setViewportSize(PHONE);
  // The visitor reads the site in English (the language the header's switch stores).
  await page.context().addInitScript(() => localStorage.setItem('ecandidat.locale', 'en'));
}, 300_000);

// A failed step leaves its page as it was: /tmp/e2e-journey-failed.png.
// Each step goes on from the last one: once one fails, the next ones are skipped.
let failed = false;
beforeEach((ctx) => {
  if (failed) ctx.skip();
  if (!ctx.task.fails)
    ctx.onTestFailed(async () => {
      failed = true;
      if (page) await screenshot(page, 'journey-failed');
    });
});

afterAll(async () => {
  if (t) await retireFormations(t.db, RUN);
  await browser.stop();
  if (checked.length) console.log(`[journey] pages checked at 375 px (axe):\n  ${checked.join('\n  ')}`);
});

describe('one new candidate, from nothing to a confirmed admission, in English on a phone', () => {
  it('a visitor lands on /, searches the catalogue, opens formation 1 and chooses "Apply"', { timeout: 120_000 }, async () => {
    await page.goto(`${t.server.url}/`);
    await page.getByRole('heading', { level: 1, name: `Apply to the programmes — ${t.config.institution.name}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await check(page, '01-landing');

    await page.getByRole('link', { name: 'Browse the programmes offered' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmes offered' }).waitFor();
    await page.getByLabel('Search for a programme').fill(KEYWORD);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/catalogue' && url.searchParams.get('q') === KEYWORD);
    await expectText(page.getByTestId('catalogue-count'), `2 programmes for “${KEYWORD}”`);
    expect((await main(page).locator('li a').allTextContents()).map((s) => s.trim()).sort()).toEqual([FORMATION_2.label, FORMATION_1.label]);
    await check(page, '02-catalogue-search');

    await page.getByRole('link', { name: FORMATION_1.label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: FORMATION_1.label }).waitFor();
    await expectText(main(page), 'Open to applications');
    await expectText(main(page), DOCUMENT_LABEL);
    await check(page, '03-formation');

    await page.getByRole('link', { name: `Apply to the programme ${FORMATION_1.label}` }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByTestId('login-apply-notice').waitFor();
    await expectText(page.getByTestId('login-apply-notice'), 'Log in to apply');
    await check(page, '04-login-to-apply');
  });

  it(
    'creates an account, validates it from the caught mail, logs in with the dossier number: applying is refused while the file is empty',
    { timeout: 180_000 },
    async () => {
      await main(page).getByRole('link', { name: 'Create an account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create a candidate account' }).waitFor();
      await page.locator('#account-lastName').waitFor();
      if (await page.locator('#account-campaignCode').count()) expect(await page.locator('#account-campaignCode').inputValue()).toBe(CAMPAIGN);
      await page.locator('#account-lastName').fill(CANDIDATE.birthName);
      await page.locator('#account-firstName').fill(CANDIDATE.firstName);
      await page.locator('#account-email').fill(EMAIL);
      await page.locator('#account-password').fill(PASSWORD);
      await page.locator('#account-confirmation').fill(PASSWORD);
      await check(page, '05-account-creation');
      await page.getByRole('button', { name: 'Create my account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Confirm your e-mail address' }).waitFor();
      await expectText(main(page), `An e-mail has just been sent to ${EMAIL}.`);
      await check(page, '06-account-created');

      // The validation mail, caught by the SMTP catcher: its link opened in the same browser.
      const mail = await t.smtp.waitFor((m) => m.to.includes(EMAIL) && /\/compte\/validation\?token=/.test(m.text), 30_000);
      const link = mail.text.match(/https?:\/\/[^\s/]+(\/compte\/validation\?token=\S+)/)?.[1];
      expect(link, mail.text).toBeTruthy();
      // The account was created from the English site: its mail is in English.
      expect(mail.text).toContain('Your applicant account has been created.');
      await page.goto(`${t.server.url}${link}`);
      await page.getByTestId('validation-done').waitFor();
      await expectText(main(page), `The address ${EMAIL} is confirmed.`);
      dossierNumber = spaces(await page.getByTestId('dossier-number').textContent()).trim();
      expect(dossierNumber).toMatch(/^[0-9A-Z]{8}$/);
      await check(page, '07-validated');

      await page.getByRole('link', { name: 'Log in and apply' }).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      expect(await page.locator('#login-login').inputValue()).toBe(dossierNumber);
      await page.locator('#login-password').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();

      // Back to applying: refused, the file is empty; the way to fill it offered.
      await page.waitForURL((url) => url.pathname === `/candidat/candidater/${FORMATION_1.code}`);
      await page.getByTestId('apply-error').waitFor();
      await expectText(page.getByTestId('apply-error'), 'The application could not be created');
      await expectText(page.getByTestId('apply-error'), /Complete your file/);
      await check(page, '08-apply-refused');
      await page.getByRole('link', { name: 'Complete my file' }).click();
      await page.getByRole('heading', { level: 1, name: 'My file' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Civil status' }).waitFor();
    },
  );

  it('fills the file with the searchable selects only, and saves it', { timeout: 180_000 }, async () => {
    await check(page, '09-file-empty');
    await page.getByLabel(/^Title/).selectOption('Mme');
    await page.getByRole('textbox', { name: /^Birth name/ }).fill(CANDIDATE.birthName);
    await page
      .getByRole('textbox', { name: /^First name/ })
      .first()
      .fill(CANDIDATE.firstName);
    await page.locator('#profile-person-birthDate').fill('2003-09-14');
    await page.getByRole('textbox', { name: /^INE \(national/ }).fill(INE.ine);
    await page.getByRole('textbox', { name: /^INE key/ }).fill(INE.key);
    // France by default; the town of birth chosen in the referential by a few letters.
    await expect.poll(() => combobox(page, 'Country of birth').inputValue()).toBe('France');
    await choose(page, 'Town of birth \\(France\\)', 'nancy', /Nancy/);
    await expect.poll(() => combobox(page, 'Town of birth \\(France\\)').inputValue()).toBe('Nancy');
    await expect.poll(() => combobox(page, 'Nationality').inputValue()).not.toBe('');

    // Address: the postcode typed, its only town chosen by itself.
    await page.getByRole('textbox', { name: /^Street and number/ }).fill('7 rue des Embruns');
    await page.getByRole('textbox', { name: /^Postcode/ }).fill('54000');
    await expect.poll(() => page.locator('#profile-address-communeCode').inputValue()).toBe('Nancy');

    // Bac: year, then the series, honours, school and specialities from the referentials.
    await page.getByRole('spinbutton', { name: /^Year the bac was obtained/ }).fill('2021');
    await choose(page, 'Bac series', 'general', /général/i);
    await choose(page, 'Bac honours', 'bien', /^Bien$/);
    await choose(page, 'School of the bac', 'poincare', /Lycée Henri Poincaré/);
    await choose(page, 'Final-year speciality 1', 'math', /Math/);
    await choose(page, 'Final-year speciality 2', 'physique', /Physique/);
    await check(page, '10-file-filled');

    await page.getByRole('button', { name: 'Save my file' }).click();
    await alertWith(page, 'Your file is saved.').waitFor();
    expect(await page.locator('#profile-errors').count()).toBe(0);
    await check(page, '11-file-saved');
  });

  it('applies to formation 1, then from the catalogue to formation 2: both on the home page', { timeout: 180_000 }, async () => {
    first = await applyFromCatalogue(page, FORMATION_1);
    await expectText(definitionOf(page, 'Status'), 'Being prepared (not sent)');
    await check(page, '12-applied-formation-1');
    second = await applyFromCatalogue(page, FORMATION_2);
    expect(second).not.toBe(first);
    await check(page, '13-applied-formation-2');

    await page.getByRole('link', { name: 'Back to my applications' }).click();
    await page.getByRole('heading', { level: 1, name: 'My applicant space' }).waitFor();
    const cards = page.getByRole('region', { name: 'My applications' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(2);
    for (const f of [FORMATION_1, FORMATION_2]) {
      const card = cards.filter({ has: page.getByRole('link', { name: f.label, exact: true }) });
      await expectText(card, /Status\s*Being prepared \(not sent\)/);
      await expectText(card, /Decision\s*No decision yet/);
    }
    await check(page, '14-home-two-applications');
  });

  it('refuses an .exe with a clear message, takes a PDF, and transmits through the confirmation modal', { timeout: 180_000 }, async () => {
    await page.getByRole('link', { name: FORMATION_1.label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: FORMATION_1.label }).waitFor();
    const pieces = page.getByRole('region', { name: 'Supporting documents' });
    await expectText(pieces, DOCUMENT_LABEL);
    await expectText(pieces, /Document:\s*To upload/);
    await check(page, '15-candidature-draft');

    // A program, not a document: refused under the field, before anything is sent.
    const input = page.locator(`#piece-file-${DOCUMENT}`);
    await input.setInputFiles({ name: 'transcript.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00 not a document') });
    await pieces.getByRole('button', { name: `Upload the file: ${DOCUMENT_LABEL}` }).click();
    await expectText(pieces, 'Format refused: choose a PDF, JPEG or PNG file.');
    await expect.poll(() => focusedId(page)).toBe(`piece-file-${DOCUMENT}`);
    expect(await pieceFiles(first)).toBe(0);
    await check(page, '16-upload-refused');

    // A real PDF.
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([300, 300]).drawText(`Transcript ${RUN}`, { x: 20, y: 150, size: 12, font });
    await input.setInputFiles({ name: 'transcript.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) });
    await pieces.getByRole('button', { name: `Upload the file: ${DOCUMENT_LABEL}` }).click();
    await expectText(pieces, `Document “${DOCUMENT_LABEL}” uploaded (transcript.pdf).`);
    await expectText(pieces, /Document:\s*Uploaded \(not sent\)/);
    await pieces.getByRole('link', { name: `Download the file you sent: ${DOCUMENT_LABEL}` }).waitFor();
    await check(page, '17-upload-done');

    await page.getByRole('button', { name: 'Send my application' }).click();
    const dialog = page.getByRole('alertdialog', { name: loose('Send your application?') });
    await expectText(dialog, /you can no longer upload, replace or change your documents/);
    await expectText(dialog, /Deadline: \d{1,2} [A-Z][a-z]+ \d{4}/);
    await check(page, '18-transmit-modal');
    await dialog.getByRole('button', { name: 'Yes, send it' }).click();
    await alertWith(page, 'Your application has been sent.').waitFor();
    await expectText(pieces, /Document:\s*Sent/);
    await expectText(definitionOf(page, 'Status'), /Received|Sent/);
    await check(page, '19-transmitted');
  });

  it('shows the manager’s decision on the open page without a reload, and announces it', { timeout: 180_000 }, async () => {
    const before = page.url();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    // A mark in this document: a reload or a navigation would lose it.
    await page.evaluate(() => ((window as unknown as { journeyMark: string }).journeyMark = 'still here'));

    await ok(t.api('POST', `/api/staff/candidatures/${first}/dossier-status`, { token: admin, body: { status: 'CO' } }), 200);
    await expectText(definitionOf(page, 'Status'), 'File complete, waiting for a decision', 30_000);
    await expectText(page.locator('[aria-live="polite"]'), /Your application has changed: File complete/);

    await ok(t.api('POST', `/api/staff/candidatures/${first}/opinions`, { token: admin, body: { decisionType: 'AVIS_FAVORABLE' } }), 200);
    await ok(t.api('POST', `/api/staff/candidatures/${first}/opinions/validate`, { token: admin }), 200);
    await expectText(definitionOf(page, 'Status'), 'Favourable decision', 30_000);
    await expectText(definitionOf(page, 'Opinion'), 'Favourable');
    await expectText(page.locator('[aria-live="polite"]'), /Your application has changed: Favourable decision/);
    await expectText(definitionOf(page, 'Confirmation deadline'), /\d{4}/);

    expect(page.url()).toBe(before);
    expect(navigations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { journeyMark?: string }).journeyMark)).toBe('still here');
    await check(page, '20-decision-live');
  });

  it('confirms through the modal: confirmed, the registration sent to Pégase', { timeout: 180_000 }, async () => {
    await page.getByRole('button', { name: 'Confirm my application' }).click();
    const dialog = page.getByRole('alertdialog', { name: loose('Confirm your application?') });
    await expectText(dialog, /Your registration will be sent to the university’s information system/);
    await expectText(dialog, /Deadline: \d{1,2} [A-Z][a-z]+ \d{4}/);
    await check(page, '21-confirm-modal');
    await dialog.getByRole('button', { name: 'Yes, I confirm' }).click();
    await alertWith(page, 'Your application is confirmed.').waitFor();
    await expectText(definitionOf(page, 'Status'), 'Admission confirmed');
    await expectText(definitionOf(page, 'Your answer'), 'Confirmed');
    // The export follows, shown without a reload.
    await expectText(definitionOf(page, 'Registration'), 'Sent to the registrar', 90_000);
    await check(page, '22-confirmed-exported');

    const received = (await (await fetch(`${t.pegase!.url}/__admin/received`)).json()) as {
      admissions: { nomFichier: string; nomNaissance: string; prenom?: string; codeVoeu: string; codePeriode: string; importe: boolean }[];
    };
    expect(received.admissions.filter((a) => a.nomFichier.startsWith(`admis-${first}_1-`))).toEqual([
      expect.objectContaining({ nomNaissance: CANDIDATE.birthName, codeVoeu: PEGASE_CODE, codePeriode: CAMPAIGN, importe: true }),
    ]);
  });

  it('downloads the decision letter from the page: it carries the candidate’s name and the formation', { timeout: 120_000 }, async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the decision letter (PDF)' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    const letter = text.replace(/\s+/g, ' ');
    letterText = letter;
    expect(letter).toContain(CANDIDATE.birthName);
    expect(letter).toContain(CANDIDATE.firstName);
    expect(letter).toContain(FORMATION_1.label);
    expect(letter).toContain(SIGNATORY);
    expect(letter).toContain(dossierNumber);
    await check(page, '23-letter');
  });
});

// Two gaps this journey found (the documents' French names, a letter in the browser's language), now fixed.
describe('the English journey speaks English', () => {
  it('the candidature page names the supporting document by its English label', async () => {
    await openCandidature(page, first, FORMATION_1.label);
    await expectText(page.getByRole('region', { name: 'Supporting documents' }), DOCUMENT_LABEL, 5_000);
  });

  it('the letter downloaded from the English site is written in English', () => {
    // A link is a plain navigation with the browser's own Accept-Language (fr-FR here): the site's
    // links name the language read (`?lang=`, api/routes/letters.ts pdfLanguage).
    expect(letterText).toContain('Admission letter');
  });
});

/** How many files the candidature holds (the refused upload must have stored none). */
async function pieceFiles(id: string): Promise<number> {
  const token = (await t.api('POST', '/api/session', { body: { login: dossierNumber, password: PASSWORD } })).body.token as string;
  const view = (await t.api('GET', `/api/candidatures/${id}`, { token })).body as { pieces: { fileId: string | null }[] };
  return view.pieces.filter((p) => p.fileId !== null).length;
}
