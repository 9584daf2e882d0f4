/// <reference lib="dom" />
// Script payloads in what people type stay text (issue 12, `npm run test:security`): a candidate
// whose names are `<img src=x onerror=…>` and `"><script>…</script>`, and a manager's opinion comment
// carrying `<svg onload=…>` and a `</textarea>` break-out. Through the real application: the
// candidate's page, the staff list and the staff candidature page in Chromium never run them
// (window.__xss stays unset, no dialog opens) and show them as written; the decision mail's HTML part
// carries them escaped; the letter and the receipt (PDF, text read with unpdf) print them literally.
//
// The names are the API's (profile PUT); the account's own first and last names, which the sign-up
// form takes with the same rule (contracts/text.ts personName), are written straight in the database.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { browserTests, expectText } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '"><script>window.__xss=1</script>';
const COMMENT = `Très bon dossier <svg onload=window.__xss=1> </textarea><script>window.__xss=1</script> fin`;
const run = randomBytes(3).toString('hex').slice(0, 3).toUpperCase();

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let email: string;
let id: string;
/** The names as the API keeps them (trimmed, maybe upper-cased): what the pages must show. */
let shown: { firstName: string; birthName: string };

/** A page that records any dialog (alert, confirm) a payload would open. */
async function watchedActor(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await newActor();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs };
}

async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // No element the payloads would have made: the only <img>/<svg>/<script> are the application's own.
  expect(await page.locator('main img[src="x"], main svg[onload], main script').count()).toBe(0);
}

async function pdfText(path: string, token: string): Promise<string> {
  const res = await fetch(`${t.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  t = await browser.start();
  email = (await createCandidates(t.db, '2026-P', `XS${run}`, 1))[0]!;
  await t.db.candidateAccount.updateMany({ where: { email }, data: { firstName: IMG, lastName: SCRIPT } });
  const token = await t.login(email);
  const saved = await t.api('PUT', '/api/candidate/profile', {
    token,
    body: { person: { civility: 'Mme', birthName: SCRIPT, firstName: IMG, birthDate: '2003-03-03', birthCountryCode: '100', nationalityCode: '100' } },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const profile = (await t.api('GET', '/api/candidate/profile', { token })).body;
  shown = { firstName: profile.person.firstName, birthName: profile.person.birthName };
  expect(shown.firstName).toContain('<img');
  expect(shown.birthName.toLowerCase()).toContain('<script>');

  const formationCode = await t.freeFormation(token, '2026-P');
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  id = created.body.id;
  await t.bringToDecision(id, { candidate: token, manager: await t.login('centre') }, { decisionType: 'AVIS_FAVORABLE', comment: COMMENT });
}, 300_000);
afterAll(() => browser.stop());

describe('script payloads in names and comments stay text', () => {
  it('the candidate’s page shows the names as written and runs nothing', { timeout: 90_000 }, async () => {
    const { page, dialogs } = await watchedActor();
    await loginAs(page, email);
    await page.goto(`${t.server.url}/candidat/candidatures/${id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The header names the account as it was typed.
    await expectText(page.locator('header'), IMG);
    await expectInert(page, dialogs);
  });

  it('the staff list and the staff candidature page show names and comment as written and run nothing', { timeout: 90_000 }, async () => {
    const { page, dialogs } = await watchedActor();
    await loginAs(page, 'centre');
    await page.goto(`${t.server.url}/gestion`);
    await expectText(page.locator('main'), shown.firstName, 30_000);
    await expectInert(page, dialogs);
    await page.goto(`${t.server.url}/gestion/candidatures/${id}`);
    await expectText(page.locator('main'), shown.birthName);
    await expectText(page.locator('main'), COMMENT);
    await expectInert(page, dialogs);
  });

  it('the decision mail’s HTML part carries them escaped', async () => {
    const mail = await t.smtp.waitFor((m) => m.to.includes(email) && !!m.html?.includes('Très bon dossier'), 30_000);
    const html = mail.html!;
    for (const raw of ['<img src=x', '<script>', '<svg onload', '</textarea>']) expect(html.toLowerCase()).not.toContain(raw);
    expect(html).toContain('&lt;svg onload=window.__xss=1&gt;');
    expect(html).toMatch(/&lt;img src=x onerror=window\.__xss=1&gt;/i);
    expect(mail.text).toContain('<svg onload=window.__xss=1>');
  });

  it('the letter and the receipt print them literally', async () => {
    const token = await t.login(email);
    const letter = await pdfText(`/api/candidatures/${id}/letter`, token);
    expect(letter).toContain(shown.firstName);
    const receipt = await pdfText(`/api/candidatures/${id}/receipt`, token);
    expect(receipt).toContain(shown.birthName);
  });
});
