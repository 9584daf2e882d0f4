/// <reference lib="dom" />
// The managers' "more actions" panels of the staff candidature page in a real browser: tags chosen
// from the centre's coloured tags, post-it notes written and deleted (asked first), the OPI code sent
// to the candidate by mail, the régime and the fees chosen from the SIS referentials; the commission
// member reads them without forms; axe-core finds no serious or critical violation in French and
// English, and on a 375 px phone the panels need no horizontal scroll.
//
// Data: a candidate of its own (E2EA0001) on L3-INFO (commission FST-INFO), tags, a régime and an
// exemption category created here with this run's suffix. Screenshots in /tmp/e2e-staff-actions-*.png.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { axeViolations } from '../support/axe.ts';
import { alertWith, browserTests, definitionOf, expectText, screenshot, switchLanguage } from '../support/browser.ts';
import { createCandidates } from '../support/candidates.ts';

const run = randomUUID().slice(0, 5).toUpperCase();
const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
let id: string;
let email: string;
let dossier: string;
const tagLabel = `Prioritaire ${run}`;
const regime = { code: `R${run}`, label: `Formation initiale ${run}` };
const exemption = { code: `E${run}`, label: `Boursier ${run}` };

beforeAll(async () => {
  t = await browser.start();
  [email] = (await createCandidates(t.db, '2026-P', 'E2EA', 1)) as [string];
  const token = await t.login(email);
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-INFO' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  id = created.body.id;
  dossier = created.body.candidate.dossierNumber;
  const fst = await t.db.centre.findUniqueOrThrow({ where: { code: 'FST' } });
  await t.db.tag.create({ data: { label: tagLabel, colour: '#E1000F', centreId: null } });
  await t.db.tag.create({ data: { label: `Sciences ${run}`, colour: '#B8FEC9', centreId: fst.id } });
  await t.db.sisRegime.create({ data: { ...regime, sisType: 'P' } });
  await t.db.sisExemptionCategory.create({ data: { ...exemption, sisType: 'P' } });
}, 300_000);

afterAll(async () => {
  await t?.db.tag.updateMany({ where: { label: { endsWith: run } }, data: { active: false } });
  await browser.stop();
});

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe('the staff candidature page’s more actions', () => {
  let page: Page;

  it('a manager tags the candidature, writes and deletes a post-it, sets the OPI code (mailed), the régime and the fees', { timeout: 120_000 }, async () => {
    page = await newActor();
    await loginAs(page, 'centre');
    await page.goto(`${t.server.url}/gestion/candidatures/${id}`);
    await page.getByRole('heading', { level: 1, name: `Candidature ${dossier}` }).waitFor();

    const tags = region(page, 'Étiquettes');
    await tags.getByLabel(tagLabel).check({ force: true });
    await tags.getByRole('button', { name: 'Enregistrer les étiquettes' }).click();
    await alertWith(page, `Étiquettes enregistrées : ${tagLabel}.`).waitFor();
    await expectText(tags.getByRole('list', { name: 'Étiquettes de la candidature' }), tagLabel);
    // The chip is the tag's colour, its text readable on it.
    const chip = tags.getByRole('list', { name: 'Étiquettes de la candidature' }).getByText(tagLabel);
    expect(await chip.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(225, 0, 15)');
    expect(await chip.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    expect(await t.db.candidatureTag.count({ where: { candidatureId: id } })).toBe(1);

    const notes = region(page, 'Post-it');
    await notes.getByLabel('Nouveau post-it').fill('Relancer pour le relevé de notes du S5.');
    await notes.getByRole('button', { name: 'Ajouter le post-it' }).click();
    await alertWith(page, 'Post-it ajouté.').waitFor();
    await expectText(notes.getByRole('list'), /Relancer pour le relevé de notes du S5\.[\s\S]*Karim Benali \(gestionnaire de centre\), le /);

    const admission = region(page, 'Code OPI, régime et droits d’inscription');
    await admission.getByLabel('Code OPI').fill(`OPI${run}`);
    await admission.getByLabel('Envoyer le nouveau code au candidat par mail').check({ force: true });
    await admission.getByRole('button', { name: 'Enregistrer le code OPI' }).click();
    await alertWith(page, `Code OPI enregistré : OPI${run}. Le candidat en est informé par mail.`).waitFor();
    const mail = await t.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('code de pré-inscription'), 30_000);
    expect(mail.text).toContain(`OPI${run}`);

    await admission.getByLabel('Régime d’inscription').selectOption({ label: `${regime.label} (${regime.code})` });
    await admission.getByRole('button', { name: 'Enregistrer le régime' }).click();
    await alertWith(page, 'Régime enregistré.').waitFor();
    await expectText(definitionOf(page, 'Régime d’inscription'), regime.label);

    await admission.getByLabel('Montant des droits d’inscription (euros)').fill('12 abc');
    await admission.getByRole('button', { name: 'Enregistrer les droits d’inscription' }).click();
    await expectText(admission, /Saisissez un montant positif en euros/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('staff-fee-amount');
    await admission.getByLabel('Catégorie d’exonération').selectOption({ label: `${exemption.label} (${exemption.code})` });
    await admission.getByLabel('Montant des droits d’inscription (euros)').fill('178,5');
    await admission.getByRole('button', { name: 'Enregistrer les droits d’inscription' }).click();
    await alertWith(page, 'Droits d’inscription enregistrés.').waitFor();
    await expectText(definitionOf(page, 'Montant des droits d’inscription (euros)'), /178,50/);
    await expectText(definitionOf(page, 'Catégorie d’exonération'), exemption.label);
    expect(await t.db.candidature.findUniqueOrThrow({ where: { id }, select: { opiCode: true, regimeCode: true } })).toEqual({
      opiCode: `OPI${run}`,
      regimeCode: regime.code,
    });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-actions-1-manager');
  });

  it('in English, the panels read in English with no serious accessibility violation', { timeout: 60_000 }, async () => {
    await switchLanguage(page, 'en');
    await region(page, 'Tags').waitFor();
    await region(page, 'Post-it notes').getByRole('button', { name: 'Add the post-it note' }).waitFor();
    await expectText(definitionOf(page, 'Registration fee amount (euros)'), /€178\.50/);
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'fr');
  });

  it('the commission member reads tags, notes and values without the forms; the author deletes the note after confirming', { timeout: 90_000 }, async () => {
    const member = await newActor();
    await loginAs(member, 'commission');
    await member.goto(`${t.server.url}/gestion/candidatures/${id}`);
    await member.getByRole('heading', { level: 1, name: `Candidature ${dossier}` }).waitFor();
    await expectText(region(member, 'Étiquettes'), tagLabel);
    await expectText(region(member, 'Post-it'), 'Relancer pour le relevé de notes du S5.');
    await expectText(region(member, 'Post-it'), /pas en écrire/);
    expect(await member.getByRole('button', { name: /^Supprimer le post-it/ }).count()).toBe(0);
    expect(await member.getByRole('button', { name: 'Enregistrer le code OPI' }).count()).toBe(0);
    await expectText(definitionOf(member, 'Code OPI'), `OPI${run}`);
    expect(await axeViolations(member)).toEqual([]);

    const notes = region(page, 'Post-it');
    await notes.getByRole('button', { name: /^Supprimer le post-it de/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Supprimer ce post-it ?' });
    await dialog.getByRole('button', { name: 'Oui, supprimer' }).click();
    await alertWith(page, 'Post-it supprimé.').waitFor();
    await expectText(notes, 'Aucun post-it.');
    expect(await t.db.postIt.count({ where: { candidatureId: id } })).toBe(0);
  });

  it('on a 375 px phone the panels need no horizontal scroll', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    for (const name of ['Étiquettes', 'Post-it', 'Code OPI, régime et droits d’inscription']) {
      const box = await region(page, name).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(375);
      expect(await region(page, name).evaluate((el) => el.scrollWidth - el.clientWidth), name).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'staff-actions-2-phone');
  });
});
