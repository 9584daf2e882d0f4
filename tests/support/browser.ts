/// <reference lib="dom" />
// What the browser tests (tests/e2e/*.test.ts) share: Debian's Chromium (infra/chromium.ts) driven
// by playwright-core against the real application and its web build, one fresh browser profile per
// actor, the login form, and the helpers that read a page as a user sees it (DSFR alerts, description
// lists, texts with the French catalog's non-breaking spaces, the focused element) and take
// screenshots to /tmp (outside the repository).
//
//   const browser = browserTests();
//   const { newActor, loginAs } = browser;
//   beforeAll(async () => { t = await browser.start(); … }, 300_000);
//   afterAll(() => browser.stop());
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH } from '../../infra/chromium.ts';
import type { AppConfig } from '../../infra/config.ts';
import { ensureWebBuilt } from '../../infra/web-build.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from './app.ts';

/** What each step may wait for a page to show. */
export const STEP_TIMEOUT = 15_000;

export interface BrowserTests {
  /** Checks Chromium is there, builds the web application if needed, starts the test app (with these settings) and Chromium. */
  start(overrides?: Partial<AppConfig>): Promise<TestApp>;
  /** Closes every actor's profile and Chromium, then stops the test app (what start did, undone). */
  stop(): Promise<void>;
  /** A new, empty browser profile (no cookie, no stored language) with one page: one per actor. */
  newActor(): Promise<Page>;
  /** Logs in through the login form, as a user would, and waits to leave /connexion. */
  loginAs(page: Page, login: string, password?: string): Promise<void>;
}

/** The browser and application of one test file; `newActor` and `loginAs` may be taken off it. */
export function browserTests(): BrowserTests {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  /** Requests of the pages to another origin than the application's (there must be none). */
  const elsewhere = new Set<string>();

  return {
    async start(overrides = {}) {
      // A missing browser is a broken test machine, not a reason to skip the browser tests.
      if (!existsSync(CHROMIUM_PATH))
        throw new Error(`${CHROMIUM_PATH} is missing: the browser tests need Debian's Chromium. npm test installs it (infra/chromium.ts)`);
      await ensureWebBuilt((line) => console.log(`[e2e] ${line}`));
      t = await startTestApp(overrides);
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      return t;
    },

    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await t?.stop();
      // The site works offline and tells no third party who reads it: every request stays on its origin.
      if (elsewhere.size) throw new Error(`the pages requested other sites: ${[...elsewhere].join(', ')}`);
    },

    async newActor() {
      if (!browser) throw new Error('browserTests: start() first');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      context.setDefaultTimeout(STEP_TIMEOUT);
      contexts.push(context);
      const origin = new URL(t!.server.url).origin;
      context.on('request', (request) => {
        const url = request.url();
        // chrome: and chrome-extension: are the browser's own pages (its PDF viewer, showing a document in a frame), not sites.
        if (!/^(data|blob|about|chrome|chrome-extension):/.test(url) && new URL(url).origin !== origin) elsewhere.add(url);
      });
      return context.newPage();
    },

    async loginAs(page, login, password = DEMO_PASSWORD) {
      if (!t) throw new Error('browserTests: start() first');
      await page.goto(`${t.server.url}/connexion`);
      await page.getByLabel('Identifiant').fill(login);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    },
  };
}

/** A text with the catalog's non-breaking spaces (French typography: « x », a : b) read as spaces. */
export const spaces = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

/** A pattern for a text whose spaces may be non-breaking ones. */
export function loose(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'));
}

/** The value shown next to a term of a description list ("Statut du dossier" → "Réceptionné"). */
export function definitionOf(page: Page, term: string): Locator {
  return page.locator(`dl > dt:text-is("${term}") + dd`).first();
}

/**
 * The visible DSFR alert saying `text` (the same text is also read to screen readers from a hidden
 * live region, which a plain getByText would find too).
 */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.locator('.fr-alert').filter({ hasText: typeof text === 'string' ? loose(text) : text });
}

/**
 * Waits until the locator's text contains `text` (pages update asynchronously). The text as written,
 * not as rendered (DSFR badges are upper-cased by CSS), its non-breaking spaces read as spaces.
 */
export async function expectText(locator: Locator, text: string | RegExp, timeout = STEP_TIMEOUT): Promise<void> {
  await expect.poll(() => locator.textContent().then(spaces, () => ''), { timeout }).toMatch(text);
}

/** The text of the focused element (after an action the focus must land somewhere meaningful). */
export const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '').then(spaces);

/** The whole page as /tmp/e2e-<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/e2e-${name}.png`, fullPage: true });
}

/** The id of the element that has the keyboard focus. */
export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The row of a table whose row header is `name`. */
export const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** Opens a page and waits for its title (the one h1). */
export async function openPage(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Switches the language with the header's selector (the DSFR selector's button reads the current code). */
export async function switchLanguage(page: Page, to: 'en' | 'fr'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === to) return;
  // On a small screen the selector is in the header's menu (DSFR modal): opened first.
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: to === 'en' ? /^FR( - Français)?$/ : /^EN( - English)?$/ }).click();
  await page.getByRole('link', { name: to === 'en' ? 'EN - English' : 'FR - Français' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(to);
}
