// The refusals of the candidate's file and of its SIS pre-fill read in the reader's language
// (Accept-Language): English when asked, French otherwise (issue 10). Data owned here: candidate
// account PLNG0001 on the Pégase campaign 2026-P; the demo accounts are only read.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let token: string;
const DOSSIER = 'PLNG0001';
const EN = { 'accept-language': 'en' };

beforeAll(async () => {
  t = await startTestApp();
  const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: '2026-P' } });
  await t.db.candidateAccount.deleteMany({ where: { dossierNumber: DOSSIER } });
  await t.db.candidateAccount.create({
    data: {
      campaignId: campaign.id,
      dossierNumber: DOSSIER,
      email: `${DOSSIER.toLowerCase()}@essai.test`,
      passwordHash: await hash(DEMO_PASSWORD),
      firstName: 'Essai',
      lastName: 'Langue',
      emailValidated: true,
      validated: true,
    },
  });
  token = await t.login(DOSSIER);
});

afterAll(async () => {
  await t?.db.candidateAccount.deleteMany({ where: { dossierNumber: DOSSIER } });
  await t?.stop();
});

/** The same lookup in English, then with no language named (French). */
async function lookupBoth(body: Record<string, string>) {
  const en = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body, headers: EN });
  const fr = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body });
  expect(en.status, JSON.stringify(en.body)).toBe(fr.status);
  expect(en.headers.get('content-type')).toContain('application/problem+json');
  return { en: en.body, fr: fr.body, status: en.status };
}

describe('refusals of the candidate’s file in the reader’s language', () => {
  it('words a malformed INE in English, naming the field and what to type; French without a language', async () => {
    const { en, fr, status } = await lookupBoth({ ine: 'ABCDEFGHIJ', ineKey: 'B', birthDate: '2004-04-12' });
    expect(status).toBe(400);
    expect(en).toMatchObject({ title: 'Invalid request', errors: [{ field: 'ine' }] });
    expect(en.detail).toMatch(/^INE \(national student number\): unknown INE format: type 10 digits/);
    expect(en.errors[0].message).toBe(en.detail);
    expect(fr).toMatchObject({ title: 'Requête invalide', errors: [{ field: 'ine' }] });
    expect(fr.detail).toMatch(/format d'INE inconnu : 10 chiffres/);

    const key = await lookupBoth({ ine: '123456789A', ineKey: 'O', birthDate: '2004-04-12' });
    expect(key.en.errors).toEqual([{ field: 'ineKey', message: expect.stringMatching(/the INE key is one capital letter among .* \(not I, O or Q\)/) }]);
    expect(key.fr.errors[0].message).toMatch(/la clé de l'INE est une lettre majuscule/);
  });

  it('says "unknown to the SIS" in English, and the same in French', async () => {
    const { en, fr, status } = await lookupBoth({ studentNumber: '999999999', birthDate: '2004-04-12' });
    expect(status).toBe(404);
    expect(en.title).toBe('Unknown to the SIS');
    expect(en.detail).toMatch(/No student of the student information system has these identifiers/);
    expect(fr).toMatchObject({ title: 'Inconnu du SI', detail: 'Étudiant(e) inconnu(e) du SI Scolarité avec ces identifiants.' });
  });

  it('refuses an INE another account of the campaign has (409) in the reader’s language', async () => {
    // DEMO0001 (2026-P, born 2004-04-12, student number 000100001) has INE 123456789A B.
    const { en, fr, status } = await lookupBoth({ studentNumber: '000100001', birthDate: '2004-04-12' });
    expect(status).toBe(409);
    expect(en).toMatchObject({ title: 'Not possible now', errors: [{ field: 'ine', message: expect.stringMatching(/already used by another file/) }] });
    expect(en.detail).toMatch(/^This INE is already used by another file of the campaign 2026-P: check it/);
    expect(fr).toMatchObject({
      title: 'Action impossible maintenant',
      errors: [{ field: 'ine', message: expect.stringMatching(/déjà utilisé par un autre dossier/) }],
    });
    expect(fr.detail).toMatch(/^Cet INE est déjà utilisé par un autre dossier de la campagne 2026-P/);
  });

  it('asks for a student number or an INE in the reader’s language', async () => {
    const { en, fr, status } = await lookupBoth({ birthDate: '2004-04-12' });
    expect(status).toBe(400);
    expect(en.errors).toEqual([{ field: 'studentNumber', message: expect.stringMatching(/type your student number, or your INE and its key\.$/) }]);
    expect(fr.errors).toEqual([{ field: 'studentNumber', message: expect.stringMatching(/donnez votre numéro d'étudiant, ou votre INE et sa clé\.$/) }]);
    // Nothing was written by any of these refusals.
    expect(await t.db.candidate.count({ where: { account: { dossierNumber: DOSSIER } } })).toBe(0);
  });
});
