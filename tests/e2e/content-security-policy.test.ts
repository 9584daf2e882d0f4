/// <reference lib="dom" />
// The Content-Security-Policy (api/plugins/security-headers.ts) against the production build of the
// web app in Chromium: every page a visitor, a candidate, a manager and an administrator opens
// renders (its heading shows) with no `securitypolicyviolation` event and no CSP error in the
// console. The events are recorded by a script that runs before the page's own (addInitScript), so
// a violation during the app's start counts too. The setup's mail preview (a mail's HTML in a
// sandboxed srcdoc frame, which inherits the policy) shows the mail's inline styles as they will be
// sent. Swagger UI (/api/docs) is held to its own, relaxed policy the same way.
// Data: one candidate of its own (CSPE0001) with a candidature to a Pégase formation asking for
// documents; the demo logins `centre` and `admin` (read only).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { browserTests } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let candidate: string;
let candidature: string;
let formationCode: string;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  page: string;
}

/** A new actor whose pages record every CSP violation and CSP console error. */
async function watchedActor(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const page = await newActor();
  const consoleErrors: string[] = [];
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}`,
        page: location.pathname,
      }),
    );
  });
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|evaluate|connect|frame)/i.test(message.text())) consoleErrors.push(message.text());
  });
  const violations: Violation[] = [];
  return {
    page,
    // Every violation so far (taken from the page now open: a navigation starts a new list) and the console's CSP errors.
    async problems() {
      violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations?.splice(0) ?? [])));
      return [...violations.map((v) => `${v.page}: ${v.directive} blocked ${v.blocked || '(inline)'} ${v.sample} at ${v.source}`), ...consoleErrors];
    },
  };
}

/** Opens a page, waits until it shows its heading (not the not-found one), and gives the CSP problems so far. */
async function visit(actor: Awaited<ReturnType<typeof watchedActor>>, path: string, heading = 'h1'): Promise<string[]> {
  const { page } = actor;
  await page.goto(`${t.server.url}${path}`);
  const title = page.locator(heading).first();
  await title.waitFor({ state: 'visible' });
  expect(new URL(page.url()).pathname, `${path} was left`).toBe(path.split('?')[0]);
  expect(await title.innerText(), path).not.toMatch(/introuvable|not found/i);
  await page.waitForLoadState('networkidle');
  return actor.problems();
}

beforeAll(async () => {
  t = await browser.start();
  [candidate] = (await createCandidates(t.db, '2026-P', 'CSPE', 1)) as [string];
  const formation = await t.db.formation.findFirstOrThrow({
    where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} }, active: true },
    orderBy: { code: 'asc' },
  });
  formationCode = formation.code;
  const token = await t.login(candidate);
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  candidature = created.body.id;
  await t.completeFile(token, candidature);
}, 300_000);

afterAll(() => browser.stop());

describe('the Content-Security-Policy in a real browser', () => {
  it('the public pages: landing, catalogue, a formation, login, account creation', { timeout: 90_000 }, async () => {
    const visitor = await watchedActor();
    for (const path of [
      '/',
      '/catalogue',
      `/catalogue/formations/${formationCode}`,
      '/connexion',
      '/compte/creation',
      '/compte/mot-de-passe-oublie',
      '/accessibilite',
    ])
      expect(await visit(visitor, path), path).toEqual([]);
  });

  it('a candidate’s pages: home, file, candidature, account', { timeout: 90_000 }, async () => {
    const actor = await watchedActor();
    await loginAs(actor.page, candidate);
    expect(await actor.problems()).toEqual([]);
    for (const path of ['/candidat', '/candidat/dossier', `/candidat/candidatures/${candidature}`, '/candidat/compte', `/candidat/candidater/${formationCode}`])
      expect(await visit(actor, path), path).toEqual([]);
  });

  it('a manager’s pages: the staff list, a candidature, the formations', { timeout: 90_000 }, async () => {
    const actor = await watchedActor();
    await loginAs(actor.page, 'centre');
    for (const path of ['/gestion', `/gestion/candidatures/${candidature}`, '/gestion/formations']) expect(await visit(actor, path), path).toEqual([]);
  });

  it('an administrator’s setup pages and referentials', { timeout: 180_000 }, async () => {
    const actor = await watchedActor();
    await loginAs(actor.page, 'admin');
    expect(await visit(actor, '/admin/parametrage/campagnes'), 'campagnes').toEqual([]);
    // Every section of the setup's side menu.
    const sections = [...new Set(await actor.page.locator('a[href^="/admin/parametrage/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!)))];
    expect(sections.length).toBeGreaterThan(10);
    for (const path of sections) expect(await visit(actor, path), path).toEqual([]);
    for (const path of ['/admin/referentiels', `/admin/candidatures/${candidature}/historique`, '/admin/console'])
      expect(await visit(actor, path), path).toEqual([]);
  });

  it('a mail preview: the HTML of a mail (inline styles included) shown as it will be sent', { timeout: 60_000 }, async () => {
    const actor = await watchedActor();
    await loginAs(actor.page, 'admin');
    const { page } = actor;
    expect(await visit(actor, '/admin/parametrage/modeles-de-mail')).toEqual([]);
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'CANDIDATURE', exact: true }) })
      .first()
      .getByRole('button', { name: /^Modifier CANDIDATURE/ })
      .click();
    await page.getByRole('heading', { name: 'Modifier le mail CANDIDATURE' }).waitFor();
    // Not saved: the preview renders the text being edited.
    await page.locator('#mail-bodyFr').fill('<p style="color: rgb(200, 0, 0)">Bonjour ${candidat.prenom}</p>');
    await page.locator('#mail-preview').click();
    const body = page.frameLocator('.app-mail-preview iframe').locator('p');
    await expect.poll(() => body.textContent()).toContain('Bonjour Léa');
    expect(await body.evaluate((p) => getComputedStyle(p).color)).toBe('rgb(200, 0, 0)');
    expect(await actor.problems()).toEqual([]);
    await page.getByRole('button', { name: 'Annuler', exact: true }).click();
  });

  it('Swagger UI under its own policy', { timeout: 60_000 }, async () => {
    const reader = await watchedActor();
    expect(await visit(reader, '/api/docs', '.swagger-ui .info .title')).toEqual([]);
    await expect.poll(() => reader.page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(await reader.problems()).toEqual([]);
  });
});
