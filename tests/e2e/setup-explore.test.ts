/// <reference lib="dom" />
// TEMPORARY: screenshots to look at (deleted before handing over).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { browserTests } from '../support/browser.ts';

const browser = browserTests();
let t: TestApp;
let admin: Page;
beforeAll(async () => {
  t = await browser.start();
  admin = await browser.newActor();
  await browser.loginAs(admin, 'admin');
}, 300_000);
afterAll(() => browser.stop());

const shot = (name: string, el?: string) =>
  el
    ? admin
        .locator(el)
        .first()
        .screenshot({ path: `/tmp/x-${name}.png` })
    : admin.screenshot({ path: `/tmp/x-${name}.png` });

async function lang(to: 'en' | 'fr') {
  if ((await admin.locator('html').getAttribute('lang')) === to) return;
  await admin.getByRole('button', { name: to === 'en' ? 'FR' : 'EN', exact: true }).click();
  await admin.getByRole('link', { name: to === 'en' ? 'EN - English' : 'FR - Français' }).click();
}

it('explores', async () => {
  const url = (s: string) => `${t.server.url}/admin/parametrage/${s}`;
  for (const [w, l] of [
    [1280, 'fr'],
    [375, 'fr'],
    [1280, 'en'],
  ] as const) {
    const p = `${w}${l}`;
    await admin.setViewportSize({ width: w, height: w === 375 ? 812 : 900 });
    await admin.goto(url('modeles-de-mail'));
    await lang(l);
    await admin.locator('table').waitFor();
    await shot(`${p}-mail-table`, '.app-table');
    await admin
      .getByRole('button', { name: /^(Modifier|Edit) CANDIDATURE/ })
      .first()
      .click();
    await admin.locator('#mail-form').waitFor();
    await shot(`${p}-mail-form`, '#mail-form');
    await admin.goto(url('parametres'));
    await admin.locator('#parameters-tech-form').waitFor();
    await shot(`${p}-param-tech`, '#parameters-tech-form');
    await admin.goto(url('messages'));
    await admin.locator('#message-accueil-form').waitFor();
    await shot(`${p}-messages`);
    await admin.goto(url('profils'));
    await admin.locator('table').waitFor();
    await shot(`${p}-profiles`, '.app-table');
    await admin.locator('#profile-create').click();
    await admin.locator('#profile-form').waitFor();
    await admin.screenshot({ path: `/tmp/x-${p}-profile.png` });
    await admin.goto(url('types-de-decision'));
    await admin.locator('table').waitFor();
    await shot(`${p}-decisions`, '.app-table');
    await admin.goto(url('formations'));
    await admin.locator('table').waitFor();
    await admin.locator('input[id^="formation-select-"]').nth(1).check({ force: true });
    await admin.locator('input[id^="formation-select-"]').nth(2).check({ force: true });
    await admin.locator('#formation-dates-open').click();
    await shot(`${p}-mass`, '#mass-dates-form');
    await admin.goto(url('tags'));
    await admin.locator('#tag-create').click();
    await shot(`${p}-tag`, '#tag-form');
  }
  await lang('fr');
}, 120_000);
