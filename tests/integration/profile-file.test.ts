// The candidate's whole file over HTTP (issue 10, "the whole file"): every code checked against the
// campaign's SIS referentials on save (refusals in French and English naming the field by its label
// and saying how to fix it), the bac's consistency (specialities the series allows, Apogée's links),
// a French address by postcode and commune or a foreign one, the external cursus, internships and
// professional experience (create, change, delete; another candidate cannot touch them), and the
// referential look-ups the selects search. Data owned here: accounts PF<run>*, referential rows
// whose codes end with the run id.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const RUN = Math.random().toString(36).slice(2, 6).toUpperCase();
let passwordHash: string;
let seq = 0;

async function newAccount(campaignCode: string): Promise<string> {
  const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: campaignCode } });
  const dossierNumber = `PF${RUN}${String(++seq).padStart(2, '0')}`;
  await t.db.candidateAccount.create({
    data: {
      campaignId: campaign.id,
      dossierNumber,
      email: `${dossierNumber.toLowerCase()}@essai.test`,
      passwordHash,
      firstName: 'Essai',
      lastName: dossierNumber,
      emailValidated: true,
      validated: true,
    },
  });
  return t.login(dossierNumber);
}

const fields = (body: any) => (body.errors ?? []).map((e: { field: string }) => e.field);
const messageOf = (body: any, field: string) => body.errors?.find((e: { field: string }) => e.field === field)?.message as string;

// Rows of this run, for both SIS (P: no bac links; A: links).
const POSTCODE = String(90000 + Math.floor(Math.random() * 9999));
const COMMUNE = `C${RUN}`;
const UAI = `U${RUN}X`;
const SERIES = `S${RUN}`;
const SPE = { ok: `M${RUN}`, other: `Z${RUN}`, old: `O${RUN}` };

const person = {
  civility: 'Mme',
  birthName: 'ESSAI',
  firstName: 'Alice',
  birthDate: '2003-03-03',
  birthCountryCode: '100',
  nationalityCode: '100',
};
const frenchAddress = { line1: '1 rue des Essais', postcode: POSTCODE, communeCode: COMMUNE, countryCode: '100' };

beforeAll(async () => {
  t = await startTestApp();
  passwordHash = await hash(DEMO_PASSWORD);
  for (const sisType of ['A', 'P'] as const) {
    await t.db.sisCommune.create({ data: { code: COMMUNE, sisType, label: `Vandœuvre-Essai ${RUN}`, departmentCode: '054' } });
    await t.db.sisPostcodeCommune.create({ data: { postcode: POSTCODE, communeCode: COMMUNE, sisType, label: `Vandœuvre-Essai ${RUN}` } });
    await t.db.sisEstablishment.create({ data: { code: UAI, sisType, label: `Lycée Éléonore ${RUN}`, departmentCode: '054', communeCode: COMMUNE } });
    await t.db.sisBac.create({ data: { code: SERIES, sisType, label: `Bac d’essai ${RUN}`, validFromYear: 2021 } });
    await t.db.sisBacSpecialty.create({ data: { code: SPE.ok, sisType, label: `Spécialité ${RUN}`, validFromYear: 2021 } });
    await t.db.sisBacSpecialty.create({ data: { code: SPE.other, sisType, label: `Autre spécialité ${RUN}`, validFromYear: 2021 } });
    await t.db.sisBacSpecialty.create({ data: { code: SPE.old, sisType, label: `Ancienne spécialité ${RUN}`, validToYear: 2019 } });
  }
  // Apogée says which specialities the series allows.
  await t.db.sisBacSpecialtyLink.create({ data: { bacCode: SERIES, specialtyCode: SPE.ok, sisType: 'A' } });
});

afterAll(async () => {
  await t.db.candidateAccount.deleteMany({ where: { dossierNumber: { startsWith: `PF${RUN}` } } });
  await t.db.sisBacSpecialtyLink.deleteMany({ where: { bacCode: SERIES } });
  for (const code of Object.values(SPE)) await t.db.sisBacSpecialty.deleteMany({ where: { code } });
  await t.db.sisBac.deleteMany({ where: { code: SERIES } });
  await t.db.sisEstablishment.deleteMany({ where: { code: UAI } });
  await t.db.sisPostcodeCommune.deleteMany({ where: { postcode: POSTCODE, communeCode: COMMUNE } });
  await t.db.sisCommune.deleteMany({ where: { code: COMMUNE } });
});

describe('codes checked against the referentials on save', () => {
  it('refuses an unknown nationality, bac series and UAI, naming each field by its label in French and in English', async () => {
    const token = await newAccount('2026-P');
    const body = {
      person: { ...person, nationalityCode: '999' },
      bac: { year: 2022, bacCode: 'XYZ', establishmentCode: 'ZZZ' },
    };
    const fr = await t.api('PUT', '/api/candidate/profile', { token, body });
    expect(fr.status, JSON.stringify(fr.body)).toBe(400);
    expect(fields(fr.body).sort()).toEqual(['bac.bacCode', 'bac.establishmentCode', 'person.nationalityCode']);
    expect(messageOf(fr.body, 'person.nationalityCode')).toBe('Nationalité : « 999 » n’est pas dans la liste : choisissez une des valeurs proposées.');
    expect(messageOf(fr.body, 'bac.bacCode')).toMatch(/^Série du bac : « XYZ »/);
    expect(messageOf(fr.body, 'bac.establishmentCode')).toMatch(/^Lycée du bac : « ZZZ »/);
    expect(fr.body.title).toBe('Requête invalide');

    const en = await t.api('PUT', '/api/candidate/profile', { token, body, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(400);
    expect(en.body.title).toBe('Invalid request');
    expect(messageOf(en.body, 'person.nationalityCode')).toBe('Nationality: “999” is not in the list: choose one of the values offered.');
    expect(messageOf(en.body, 'bac.establishmentCode')).toMatch(/^School of the bac: “ZZZ”/);
    // Nothing was written.
    expect((await t.api('GET', '/api/candidate/profile', { token })).body.person).toBeNull();
  });

  it('translates a missing field, by its label, never the validator’s raw words', async () => {
    const token = await newAccount('2026-P');
    const res = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, birthName: '' } }, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    expect(messageOf(res.body, 'person.birthName')).toBe('Birth name: is required');
    const fr = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, birthName: '' } } });
    expect(messageOf(fr.body, 'person.birthName')).toBe('Nom de naissance : est obligatoire');
  });

  it('takes a French address by postcode and the commune chosen for it, or a foreign one with its town', async () => {
    const token = await newAccount('2026-P');
    // No commune, then a commune that is not the postcode's.
    const noCommune = await t.api('PUT', '/api/candidate/profile', { token, body: { person, address: { ...frenchAddress, communeCode: null } } });
    expect(noCommune.status).toBe(400);
    expect(messageOf(noCommune.body, 'address.communeCode')).toBe(
      'Commune : obligatoire pour une adresse en France : saisissez le code postal puis choisissez la commune.',
    );
    const wrong = await t.api('PUT', '/api/candidate/profile', { token, body: { person, address: { ...frenchAddress, postcode: '54000' } } });
    expect(wrong.status).toBe(400);
    expect(messageOf(wrong.body, 'address.communeCode')).toMatch(/ne correspond pas au code postal 54000/);

    const ok = await t.api('PUT', '/api/candidate/profile', { token, body: { person, address: { ...frenchAddress, foreignCity: 'Ignorée' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.address).toMatchObject({ postcode: POSTCODE, communeCode: COMMUNE, foreignCity: null, countryCode: '100' });
    expect(ok.body.labels['address.communeCode']).toBe(`Vandœuvre-Essai ${RUN}`);

    // Abroad: the town is required, a commune does not apply.
    const foreign = { line1: 'Via Roma 1', postcode: '00100', countryCode: '127', communeCode: COMMUNE };
    const noTown = await t.api('PUT', '/api/candidate/profile', { token, body: { person, address: foreign }, headers: { 'accept-language': 'en' } });
    expect(noTown.status).toBe(400);
    expect(messageOf(noTown.body, 'address.foreignCity')).toBe('Town: required for an address abroad: enter the town.');
    const abroad = await t.api('PUT', '/api/candidate/profile', { token, body: { person, address: { ...foreign, foreignCity: 'Roma' } } });
    expect(abroad.status).toBe(200);
    expect(abroad.body.address).toMatchObject({ countryCode: '127', foreignCity: 'Roma', communeCode: null });
    const unknownCountry = await t.api('PUT', '/api/candidate/profile', {
      token,
      body: { person, address: { ...foreign, foreignCity: 'Roma', countryCode: '998' } },
    });
    expect(fields(unknownCountry.body)).toEqual(['address.countryCode']);
  });

  it('asks the town of a birth abroad, and keeps the commune of birth to France', async () => {
    const token = await newAccount('2026-P');
    const res = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, birthCountryCode: '127', birthCommuneCode: '54395' } } });
    expect(res.status).toBe(400);
    expect(fields(res.body).sort()).toEqual(['person.birthCityLabel', 'person.birthCommuneCode']);
    const ok = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, birthCountryCode: '127', birthCityLabel: 'Roma' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.labels['person.birthCountryCode']).toBe('Italie');
  });
});

describe('bac consistency', () => {
  it('on Apogée: only the specialities its links allow with the series, valid that year, two different ones', async () => {
    const token = await newAccount('2026-A');
    const bac = { year: 2023, bacCode: SERIES, establishmentCode: UAI, specialty1Code: SPE.ok, specialty2Code: SPE.other };
    const refused = await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac } });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['bac.specialty2Code']);
    expect(messageOf(refused.body, 'bac.specialty2Code')).toBe(
      `Spécialité de terminale 2 : « ${SPE.other} » n’est pas possible avec cette série de bac en 2023 : choisissez-en une dans la liste proposée pour la série.`,
    );
    const same = await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac: { ...bac, specialty2Code: SPE.ok } } });
    expect(fields(same.body)).toEqual(['bac.specialty2Code']);
    expect(messageOf(same.body, 'bac.specialty2Code')).toMatch(/différente de la spécialité 1/);
    const tooEarly = await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac: { ...bac, year: 2018, specialty2Code: null } } });
    expect(fields(tooEarly.body)).toEqual(['bac.year', 'bac.specialty1Code']);
    const ok = await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac: { ...bac, specialty2Code: null } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.labels).toMatchObject({ 'bac.bacCode': `Bac d’essai ${RUN}`, 'bac.establishmentCode': `Lycée Éléonore ${RUN}` });

    // The look-up offers what the save accepts.
    const offered = await t.api('GET', `/api/candidate/referentials/bacSpecialities?bac=${SERIES}&year=2023&q=${RUN}`, { token });
    expect(offered.body.rows.map((r: { code: string }) => r.code)).toEqual([SPE.ok]);
  });

  it('on Pégase (no links): any speciality valid that year', async () => {
    const token = await newAccount('2026-P');
    const bac = { year: 2023, bacCode: SERIES, specialty1Code: SPE.ok, specialty2Code: SPE.other };
    expect((await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac } })).status).toBe(200);
    const old = await t.api('PUT', '/api/candidate/profile', {
      token,
      body: { person, bac: { ...bac, specialty2Code: SPE.old } },
      headers: { 'accept-language': 'en' },
    });
    expect(fields(old.body)).toEqual(['bac.specialty2Code']);
    expect(messageOf(old.body, 'bac.specialty2Code')).toMatch(/^Final-year speciality 2: “/);
  });
});

describe('referential look-ups', () => {
  it('searches without case or accents, by postcode, by department and commune, paged, the campaign’s SIS only', async () => {
    const token = await newAccount('2026-P');
    const byPostcode = await t.api('GET', `/api/candidate/referentials/postcodeCommunes?postcode=${POSTCODE}`, { token });
    expect(byPostcode.status).toBe(200);
    expect(byPostcode.body).toMatchObject({ sisType: 'P', rows: [{ code: COMMUNE, label: `Vandœuvre-Essai ${RUN}`, detail: POSTCODE }], more: false });

    const school = await t.api('GET', `/api/candidate/referentials/establishments?q=${encodeURIComponent(`eleonore ${RUN.toLowerCase()}`)}`, { token });
    expect(school.body.rows).toEqual([{ code: UAI, label: `Lycée Éléonore ${RUN}`, detail: `Vandœuvre-Essai ${RUN}` }]);
    // By the town's name, accents and œ typed plainly.
    const byTown = await t.api('GET', `/api/candidate/referentials/establishments?q=${encodeURIComponent(`vandoeuvre-essai ${RUN}`)}`, { token });
    expect(byTown.body.rows.map((r: { code: string }) => r.code)).toEqual([UAI]);
    const byCommune = await t.api('GET', `/api/candidate/referentials/establishments?department=054&commune=${COMMUNE}`, { token });
    expect(byCommune.body.rows.map((r: { code: string }) => r.code)).toEqual([UAI]);
    const byCode = await t.api('GET', `/api/candidate/referentials/establishments?q=${UAI.toLowerCase()}`, { token });
    expect(byCode.body.rows.map((r: { code: string }) => r.code)).toEqual([UAI]);

    const nationalities = await t.api('GET', '/api/candidate/referentials/nationalities?q=FRANCAISE', { token });
    expect(nationalities.body.rows[0]).toMatchObject({ code: '100', label: 'française', detail: 'France' });

    const page = await t.api('GET', '/api/candidate/referentials/countries?limit=2', { token });
    expect(page.body.rows).toHaveLength(2);
    expect(page.body.more).toBe(true);
    const next = await t.api('GET', '/api/candidate/referentials/countries?limit=2&offset=2', { token });
    expect(next.body.rows[0].code).not.toBe(page.body.rows[0].code);

    const labels = await t.api('GET', '/api/candidate/referentials/bacSeries?codes=GEN,XYZ', { token });
    expect(labels.body.rows.map((r: { code: string }) => r.code)).toEqual(['GEN']);
    expect((await t.api('GET', '/api/candidate/referentials/nothing', { token })).status).toBe(400);
    expect((await t.api('GET', '/api/candidate/referentials/countries')).status).toBe(401);
  });
});

describe('external cursus, internships, professional experience', () => {
  it('adds, changes and removes lines of the candidate’s own file; another candidate cannot touch them', async () => {
    const token = await newAccount('2026-P');
    const cursus = { academicYear: 2023, label: 'Licence de physique', obtained: 'O', priorDiplomaCode: 'LIC', countryCode: '100', establishmentCode: UAI };
    // Before the civil status: the file does not exist yet.
    const early = await t.api('POST', '/api/candidate/profile/external-cursus', { token, body: cursus });
    expect(early.status).toBe(409);
    expect((await t.api('PUT', '/api/candidate/profile', { token, body: { person } })).status).toBe(200);

    const bad = await t.api('POST', '/api/candidate/profile/external-cursus', { token, body: { ...cursus, priorDiplomaCode: 'XYZ' } });
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body, 'priorDiplomaCode')).toBe('Diplôme : « XYZ » n’est pas dans la liste : choisissez une des valeurs proposées.');
    const missing = await t.api('POST', '/api/candidate/profile/external-cursus', {
      token,
      body: { ...cursus, label: '' },
      headers: { 'accept-language': 'en' },
    });
    expect(messageOf(missing.body, 'label')).toBe('Label: is required');

    const created = await t.api('POST', '/api/candidate/profile/external-cursus', { token, body: cursus });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...cursus, mentionCode: null });
    const changed = await t.api('PUT', `/api/candidate/profile/external-cursus/${created.body.id}`, {
      token,
      body: { ...cursus, obtained: 'E', countryCode: '127', establishmentCode: UAI },
    });
    expect(changed.status).toBe(200);
    // Abroad: the French school does not apply.
    expect(changed.body).toMatchObject({ obtained: 'E', countryCode: '127', establishmentCode: null });

    const internship = { year: 2024, duration: '8 semaines', hoursPerWeek: 35, organisation: 'Laboratoire LPCT', description: 'Simulation numérique' };
    const i = await t.api('POST', '/api/candidate/profile/internships', { token, body: internship });
    expect(i.status).toBe(201);
    const experience = { year: 2022, duration: '6 mois', title: 'Animateur', organisation: 'Centre de loisirs', objective: null };
    const e = await t.api('POST', '/api/candidate/profile/experiences', { token, body: experience });
    expect(e.status).toBe(201);
    const hours = await t.api('POST', '/api/candidate/profile/internships', { token, body: { ...internship, hoursPerWeek: 200 } });
    expect(messageOf(hours.body, 'hoursPerWeek')).toBe('Heures par semaine : doit être inférieur ou égal à 80');

    const file = await t.api('GET', '/api/candidate/profile', { token });
    expect(file.body.externalCursus).toHaveLength(1);
    expect(file.body.internships).toEqual([{ id: i.body.id, ...internship }]);
    expect(file.body.experiences).toEqual([{ id: e.body.id, ...experience }]);
    expect(file.body.labels['externalCursus.0.priorDiplomaCode']).toBe('Licence');

    // Another candidate: not found, nothing changed.
    const other = await newAccount('2026-P');
    expect((await t.api('PUT', '/api/candidate/profile', { token: other, body: { person } })).status).toBe(200);
    expect((await t.api('PUT', `/api/candidate/profile/internships/${i.body.id}`, { token: other, body: internship })).status).toBe(404);
    expect((await t.api('DELETE', `/api/candidate/profile/experiences/${e.body.id}`, { token: other })).status).toBe(404);
    expect((await t.api('DELETE', `/api/candidate/profile/external-cursus/${created.body.id}`, { token: other })).status).toBe(404);
    expect((await t.api('GET', '/api/candidate/profile/internships', { token: other })).body).toEqual([]);
    expect((await t.api('GET', '/api/candidate/profile/internships', { token: await t.login('centre') })).status).toBe(403);

    expect((await t.api('DELETE', `/api/candidate/profile/internships/${i.body.id}`, { token })).status).toBe(204);
    expect((await t.api('DELETE', `/api/candidate/profile/experiences/${e.body.id}`, { token })).status).toBe(204);
    expect((await t.api('GET', '/api/candidate/profile/internships', { token })).body).toEqual([]);
    expect((await t.api('GET', '/api/candidate/profile/external-cursus', { token })).body).toHaveLength(1);
  });
});
