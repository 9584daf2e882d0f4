/// <reference lib="dom" />
// The candidate's file pre-filled from the SIS and the formation link, in a real browser (Debian's
// Chromium driven by playwright-core) against the real application and the Pégase simulator:
//   - a candidate of the Pégase campaign gives their student number and birth date in "Je suis déjà
//     étudiant(e) de l'établissement": another birth date is answered as an unknown student, theirs
//     fills the file; the result is announced, the file shows the SIS's data read-only with the
//     "données issues du SI Scolarité" note;
//   - the manager of FST searches Pégase for one of its formations and links it ("Lier").
// Data: the account E2ES0001 (created and removed here); the FST formation it links is restored.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import type { TestApp } from '../support/app.ts';
import { browserTests, expectText, screenshot, spaces, STEP_TIMEOUT } from '../support/browser.ts';

const LOGIN = 'E2ES0001';

const browser = browserTests();
const { newActor, loginAs } = browser;
let t: TestApp;
const restore: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await browser.start();
  const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: '2026-P' } });
  await t.db.candidateAccount.deleteMany({ where: { dossierNumber: LOGIN } });
  await t.db.candidateAccount.create({
    data: {
      campaignId: campaign.id,
      dossierNumber: LOGIN,
      email: 'e2es0001@essai.test',
      passwordHash: await hash(DEMO_PASSWORD),
      firstName: 'Essai',
      lastName: 'NAVIGATEUR',
      emailValidated: true,
      validated: true,
    },
  });
}, 300_000);

afterAll(async () => {
  try {
    for (const r of restore.reverse()) await r();
    await t?.db.candidateAccount.deleteMany({ where: { dossierNumber: LOGIN } });
  } finally {
    await browser.stop();
  }
});

describe('in the browser', () => {
  it('pre-fills the candidate’s file from the student number, read-only with the SIS note', async () => {
    const students = (await (await fetch(`${t.pegase!.url}/__admin/students?limit=12`)).json()) as {
      codeApprenant: string;
      ine: string | null;
      nomNaissance: string;
      dateNaissance: string;
      temoinDoublonPotentiel: boolean;
    }[];
    // Not a demo student, not the one the API test takes first.
    const student = students.filter((s) => !s.codeApprenant.startsWith('0001') && s.ine && !s.temoinDoublonPotentiel)[1]!;

    const page = await newActor();
    await loginAs(page, LOGIN);
    await page.getByRole('link', { name: 'Mon dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon dossier' }).waitFor();
    const block = page.getByRole('region', { name: 'Je suis déjà étudiant(e) de l’établissement' });
    await block.getByLabel('mon numéro d’étudiant').check();
    await block.getByRole('textbox', { name: /^Numéro d’étudiant/ }).fill(student.codeApprenant);
    const birthDate = block.getByLabel(/^Date de naissance/);
    expect(await birthDate.getAttribute('type')).toBe('date');
    // Another birth date: the same answer as an unknown student, and the block stays.
    const born = student.dateNaissance.slice(0, 10);
    await birthDate.fill(born === '2000-01-01' ? '2000-01-02' : '2000-01-01');
    await block.getByRole('button', { name: 'Récupérer mes informations' }).click();
    await expectText(page.locator('#sis-lookup-status'), 'Aucun(e) étudiant(e) ne correspond à ces identifiants et à cette date de naissance');
    await birthDate.fill(born);
    await block.getByRole('button', { name: 'Récupérer mes informations' }).click();

    await expectText(page.locator('#sis-lookup-status'), 'Vos informations ont été récupérées depuis le SI Scolarité');
    // Once filled, the block is gone and the note says where the data come from.
    await page.getByText('Données issues du SI Scolarité').first().waitFor();
    const birthName = page.getByRole('textbox', { name: /^Nom de naissance/ });
    await expect.poll(() => birthName.inputValue()).toBe(student.nomNaissance);
    expect(await birthName.getAttribute('readonly')).not.toBeNull();
    // The phone stays the candidate's to change.
    expect(await page.locator('#profile-person-phone').getAttribute('readonly')).toBeNull();
    expect(await page.locator('#profile-person-phone').isEditable()).toBe(true);
    await screenshot(page, 'sis-prefill-profile');
  });

  it('lets the FST manager search Pégase and link a formation', async () => {
    const formation = await t.db.formation.findFirstOrThrow({ where: { commission: { centre: { code: 'FST' } } }, orderBy: { code: 'asc' } });
    const { pegaseCode, pegaseLabel, sisDiplomaTypeCode } = formation;
    restore.push(() => t.db.formation.update({ where: { id: formation.id }, data: { pegaseCode, pegaseLabel, sisDiplomaTypeCode } }));

    const page = await newActor();
    await loginAs(page, 'centre');
    await page.getByRole('link', { name: 'Formations et SI' }).click();
    await page.getByRole('heading', { level: 1, name: 'Formations et SI Scolarité' }).waitFor();
    await page.getByRole('button', { name: `Chercher dans le SI la formation à lier à ${formation.label}`, exact: true }).click();
    const section = page.getByRole('region', { name: new RegExp(`Lier .*${formation.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    await section.getByLabel('Rechercher', { exact: false }).first().fill('Licence');
    await section.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const first = section.getByRole('button', { name: new RegExp(`^Lier ${formation.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} à `) }).first();
    const name = (await first.getAttribute('aria-label'))!;
    const code = name.slice(name.lastIndexOf(' à ') + 3);
    await first.click();
    await expect
      .poll(
        () =>
          section
            .locator('.fr-alert')
            .allTextContents()
            .then((texts) => spaces(texts.join(' | '))),
        { timeout: STEP_TIMEOUT },
      )
      .toMatch(`est liée à ${code}`);
    expect((await t.db.formation.findUniqueOrThrow({ where: { id: formation.id } })).pegaseCode).toBe(code);
    await screenshot(page, 'sis-prefill-formations');
  });
});
