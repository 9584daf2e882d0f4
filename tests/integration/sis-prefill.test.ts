// Candidate pre-fill from the SIS and formation search for managers (issue 4, items 7 and 8), over
// HTTP against the Apogée and Pégase simulators. Data owned here: candidate accounts SISP*/SISA*,
// staff users gest-drt / gest-eco, centre ECOT; the links of formations it changes are restored.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INE_KEY_LETTERS } from '../../domain/ine.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';
import { ineKey as apogeeIneKey } from '../../sis/apogee/simulator/data.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let passwordHash: string;
const restore: (() => Promise<unknown>)[] = [];

/** A new account on the campaign with an empty file; returns its token. */
async function newAccount(campaignCode: string, dossierNumber: string): Promise<string> {
  const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: campaignCode } });
  await t.db.candidateAccount.deleteMany({ where: { dossierNumber } });
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

async function newManager(login: string, centreCode: string, cge: string): Promise<string> {
  const centre = await t.db.centre.findUniqueOrThrow({ where: { code: centreCode } });
  await t.db.staffUser.deleteMany({ where: { login } });
  await t.db.staffUser.create({
    data: {
      login,
      displayName: `Gestionnaire ${cge}`,
      email: `${login}@univ-demo.fr`,
      passwordHash,
      centreManagers: { create: { centreId: centre.id, profileCode: 'centreCandidature', allCommissions: true, sisManagementCentreCode: cge } },
    },
  });
  return t.login(login);
}

const fields = (body: any) => (body.errors ?? []).map((e: { field: string }) => e.field);

beforeAll(async () => {
  t = await startTestApp();
  passwordHash = await hash(DEMO_PASSWORD);
  await t.db.candidateAccount.deleteMany({ where: { OR: [{ dossierNumber: { startsWith: 'SISP' } }, { dossierNumber: { startsWith: 'SISA' } }] } });
});

afterAll(async () => {
  for (const r of restore.reverse()) await r();
  await t.db.candidateAccount.deleteMany({ where: { OR: [{ dossierNumber: { startsWith: 'SISP' } }, { dossierNumber: { startsWith: 'SISA' } }] } });
  await t.db.staffUser.deleteMany({ where: { login: { in: ['gest-drt', 'gest-eco'] } } });
  await t.db.centre.deleteMany({ where: { code: 'ECOT' } });
  await t?.stop();
});

describe('candidate pre-fill, Pégase campaign 2026-P', () => {
  let student: { codeApprenant: string; ine: string; nomNaissance: string; prenom: string; dateNaissance: string; inscriptions: string[] };
  let token: string;
  /** The SIS student's birth date: what every lookup must send. */
  let born: string;
  let others: (typeof student)[];

  beforeAll(async () => {
    const students = (await (await fetch(`${t.pegase!.url}/__admin/students?limit=20`)).json()) as (typeof student & { temoinDoublonPotentiel: boolean })[];
    // Not a demo student (their INE is the demo accounts'), with an INE and some cursus.
    student = students.find((s) => !s.codeApprenant.startsWith('0001') && s.ine && s.inscriptions.length > 0 && !s.temoinDoublonPotentiel)!;
    expect(student).toBeDefined();
    born = student.dateNaissance.slice(0, 10);
    // Students no account takes here (the browser test takes the second of those with an INE).
    others = students.filter((s) => !s.codeApprenant.startsWith('0001') && s.ine && s !== student && !s.temoinDoublonPotentiel).slice(2);
    expect(others.length).toBeGreaterThan(0);
    token = await newAccount('2026-P', 'SISP0001');
  });

  it('shows an empty file and that the campaign’s SIS can pre-fill it', async () => {
    const res = await t.api('GET', '/api/candidate/profile', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ campaign: { code: '2026-P', sisType: 'P', syncStudent: true, ineCheck: false }, person: null, fromSis: false });
  });

  it('fills civil status, address, bac and internal cursus by student number, and locks them', async () => {
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: student.codeApprenant, birthDate: born } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body.profile;
    expect(res.body.changed).toBe(true);
    expect(p.studentNumber).toBe(student.codeApprenant);
    expect(p.fromSis).toBe(true);
    expect(p.person).toMatchObject({
      birthName: student.nomNaissance,
      firstName: student.prenom,
      birthDate: student.dateNaissance.slice(0, 10),
      ine: student.ine.slice(0, 10),
      ineKey: student.ine.slice(10),
      updatable: false,
    });
    expect(p.address?.line1).toBeTruthy();
    expect(p.bac).toMatchObject({ updatable: false });
    expect(p.internalCursus.length).toBeGreaterThan(0);
    expect(p.lockedFields).toEqual(expect.arrayContaining(['person.birthName', 'person.ine', 'bac.bacCode']));

    const account = await t.db.candidateAccount.findUniqueOrThrow({ where: { dossierNumber: 'SISP0001' }, include: { candidate: { include: { bac: true } } } });
    expect(account.studentNumber).toBe(student.codeApprenant);
    expect(account.candidate?.updatable).toBe(false);
    expect(account.candidate?.bac?.updatable).toBe(false);
  });

  it('changes nothing when asked again with the same student number', async () => {
    const before = await t.db.candidate.findFirstOrThrow({ where: { account: { dossierNumber: 'SISP0001' } } });
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: student.codeApprenant, birthDate: born } });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(false);
    const after = await t.db.candidate.findFirstOrThrow({ where: { account: { dossierNumber: 'SISP0001' } } });
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
  });

  it('refuses a save that changes a field from the SIS, naming it; other fields stay editable', async () => {
    const profile = (await t.api('GET', '/api/candidate/profile', { token })).body;
    const { updatable: _u, ...person } = profile.person;
    const { updatable: _b, ...bac } = profile.bac;
    const changedName = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, birthName: 'AUTRE' }, bac } });
    expect(changedName.status).toBe(409);
    expect(fields(changedName.body)).toEqual(['person.birthName']);
    const changedBac = await t.api('PUT', '/api/candidate/profile', { token, body: { person, bac: { ...bac, year: 1999 } } });
    expect(changedBac.status).toBe(409);
    expect(fields(changedBac.body)).toEqual(['bac.year']);

    const phone = await t.api('PUT', '/api/candidate/profile', { token, body: { person: { ...person, phone: '0383000000' }, bac } });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);
    expect(phone.body.person).toMatchObject({ phone: '0383000000', birthName: student.nomNaissance, updatable: false });
  });

  it('lets an admin unlock the fields, not a centre manager who is no candidate manager (audited)', async () => {
    // Centre managers are candidate managers by SCOL_GESTION_CANDIDAT_CTR_CAND (W by default): not with N.
    const scol = await t.login('scol');
    expect((await t.api('PUT', '/api/admin/parameters/SCOL_GESTION_CANDIDAT_CTR_CAND', { token: scol, body: { value: 'N' } })).status).toBe(200);
    try {
      expect((await t.api('POST', '/api/staff/candidates/SISP0001/unlock', { token: await t.login('centre') })).status).toBe(403);
    } finally {
      await t.api('PUT', '/api/admin/parameters/SCOL_GESTION_CANDIDAT_CTR_CAND', { token: scol, body: { value: 'W' } });
    }
    expect((await t.api('POST', '/api/staff/candidates/SISP0001/unlock', { token })).status).toBe(403);
    const res = await t.api('POST', '/api/staff/candidates/SISP0001/unlock', { token: await t.login('scol') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ fromSis: false, lockedFields: [], person: { birthName: student.nomNaissance, updatable: true } });
    expect(await t.db.auditEvent.count({ where: { action: 'CANDIDATE_SIS_DATA_UNLOCKED', subject: 'candidate:SISP0001' } })).toBeGreaterThan(0);
    // A new lookup of the same student locks them again.
    const again = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: student.codeApprenant, birthDate: born } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: true, profile: { fromSis: true } });
  });

  it('answers 404 for a student the SIS does not know', async () => {
    const other = await newAccount('2026-P', 'SISP0002');
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { studentNumber: '999999999', birthDate: born } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/inconnu/);
  });

  it('answers the same 404 for a right identifier with another birth date, and writes nothing', async () => {
    const token3 = await newAccount('2026-P', 'SISP0003');
    // A file typed by the candidate, without INE: it must stay as it is, editable.
    const person = { civility: 'Mme', birthName: 'ESSAI', firstName: 'Alice', birthDate: '2001-01-01', birthCountryCode: '100', nationalityCode: '100' };
    expect((await t.api('PUT', '/api/candidate/profile', { token: token3, body: { person } })).status).toBe(200);
    const before = await t.db.candidateAccount.findUniqueOrThrow({
      where: { dossierNumber: 'SISP0003' },
      include: { candidate: { include: { address: true, bac: true, internalCursus: true } } },
    });
    const unknown = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: token3, body: { studentNumber: '999999999', birthDate: '2001-01-01' } });
    expect(unknown.status).toBe(404);

    const target = others[0]!;
    const wrongDay = target.dateNaissance.slice(0, 10) === '2001-01-01' ? '2001-01-02' : '2001-01-01';
    const attempts = [
      { studentNumber: target.codeApprenant, birthDate: wrongDay },
      { ine: target.ine.slice(0, 10), ineKey: target.ine.slice(10), birthDate: wrongDay },
      // Identifiers another account of the campaign already has: 404 too, not the 409 that would say so.
      { studentNumber: student.codeApprenant, birthDate: wrongDay },
      { studentNumber: '000100001', birthDate: wrongDay },
      { ine: '123456789A', ineKey: 'B', birthDate: wrongDay },
    ];
    for (const body of attempts) {
      const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: token3, body });
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.body, JSON.stringify(body)).toEqual(unknown.body);
    }

    const after = await t.db.candidateAccount.findUniqueOrThrow({
      where: { dossierNumber: 'SISP0003' },
      include: { candidate: { include: { address: true, bac: true, internalCursus: true } } },
    });
    expect(after).toEqual(before);
    expect(after.studentNumber).toBeNull();
    expect(after.candidate).toMatchObject({ updatable: true, ine: null, ineKey: null, birthName: 'ESSAI' });
    const profile = (await t.api('GET', '/api/candidate/profile', { token: token3 })).body;
    expect(profile).toMatchObject({ fromSis: false, lockedFields: [], studentNumber: null });
    // Nothing reserved either: the right birth date now fills the file from that student.
    const right = await t.api('POST', '/api/candidate/profile/sis-lookup', {
      token: token3,
      body: { studentNumber: target.codeApprenant, birthDate: target.dateNaissance.slice(0, 10) },
    });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.profile).toMatchObject({ studentNumber: target.codeApprenant, fromSis: true, person: { birthName: target.nomNaissance } });
  });

  it('names birthDate when it is missing or not a date (400)', async () => {
    const other = await t.login('SISP0002');
    for (const body of [
      { studentNumber: student.codeApprenant },
      { ine: student.ine.slice(0, 10), ineKey: student.ine.slice(10) },
      { studentNumber: student.codeApprenant, birthDate: '12/04/2004' },
      { studentNumber: student.codeApprenant, birthDate: '2004-02-30' },
    ]) {
      const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fields(res.body)).toEqual(['birthDate']);
    }
    expect(await t.db.candidate.count({ where: { account: { dossierNumber: 'SISP0002' } } })).toBe(0);
  });

  it('refuses a malformed INE before asking the SIS (400 naming ine)', async () => {
    const other = await t.login('SISP0002');
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { ine: '12345', ineKey: 'A', birthDate: born } });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['ine']);
    const key = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { ine: '123456789A', ineKey: 'O', birthDate: born } });
    expect(key.status).toBe(400);
    expect(fields(key.body)).toEqual(['ineKey']);
  });

  it('refuses an INE another account of the campaign has (409), by lookup and by a manual save', async () => {
    const other = await t.login('SISP0002');
    // DEMO0001 (Camille Durand, 2026-P, born 2004-04-12) has INE 123456789A B: Pégase finds her by
    // her student number. The 409 comes once the birth date matched.
    const byNumber = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { studentNumber: '000100001', birthDate: '2004-04-12' } });
    expect(byNumber.status).toBe(409);
    expect(fields(byNumber.body)).toEqual(['ine']);
    const byIne = await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { ine: '123456789A', ineKey: 'B', birthDate: '2004-04-12' } });
    expect(byIne.status).toBe(409);

    const person = {
      civility: 'M.',
      birthName: 'ESSAI',
      firstName: 'Paul',
      birthDate: '2004-02-02',
      ine: '234567890B', // DEMO0002's
      ineKey: 'C',
      birthCountryCode: '100',
      nationalityCode: '100',
    };
    const saved = await t.api('PUT', '/api/candidate/profile', { token: other, body: { person } });
    expect(saved.status).toBe(409);
    expect(fields(saved.body)).toEqual(['person.ine']);
    const badFormat = await t.api('PUT', '/api/candidate/profile', { token: other, body: { person: { ...person, ine: 'ABCDEFGHIJ' } } });
    expect(badFormat.status).toBe(400);
    expect(fields(badFormat.body)).toEqual(['person.ine']);
    const ok = await t.api('PUT', '/api/candidate/profile', { token: other, body: { person: { ...person, ine: '987654321a', ineKey: 'b' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.person).toMatchObject({ ine: '987654321A', ineKey: 'B', updatable: true });
    expect(ok.body.fromSis).toBe(false);
  });
});

describe('candidate pre-fill, Apogée campaign 2026-A', () => {
  it('fills and locks the file of a student found by INE + key', async () => {
    const token = await newAccount('2026-A', 'SISA0001');
    // Camille Durand is known to Apogée (21000001); no 2026-A account has her INE.
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { ine: '123456789a', ineKey: 'b', birthDate: '2004-04-12' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.profile).toMatchObject({
      studentNumber: '21000001',
      fromSis: true,
      person: { birthName: 'DURAND', birthDate: '2004-04-12', ine: '123456789A', ineKey: 'B', updatable: false },
      bac: { bacCode: 'GEN', year: 2022, updatable: false },
    });
    const again = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { ine: '123456789A', ineKey: 'B', birthDate: '2004-04-12' } });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
  });

  it('finds a student by their Apogée student number too', async () => {
    const token = await newAccount('2026-A', 'SISA0003');
    // Lucas Martin (21000002): his demo account is on the Pégase campaign, not this one.
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: '21000002', birthDate: '2003-11-03' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.profile).toMatchObject({ studentNumber: '21000002', person: { birthName: 'MARTIN', ine: '234567890B', ineKey: 'C', updatable: false } });
  });

  it('refuses an INE that INES refuses (400)', async () => {
    const token = await newAccount('2026-A', 'SISA0002');
    const ine = '999999999A';
    const wrongKey = [...INE_KEY_LETTERS].find((l) => l !== apogeeIneKey(ine))!;
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { ine, ineKey: wrongKey, birthDate: '2004-01-01' } });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['ine']);
    expect(res.body.detail).toMatch(/INES/);
  });

  it('refuses the INE of another account of the campaign (409)', async () => {
    const token = await t.login('SISA0002');
    // DEMO0004 (Hugo Lefebvre, 2026-A, born 2004-01-30) has INE 345678901C D: said once the birth date matched.
    const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { ine: '345678901C', ineKey: 'D', birthDate: '2004-01-30' } });
    expect(res.status).toBe(409);
    expect(fields(res.body)).toEqual(['ine']);
    const wrongDay = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { ine: '345678901C', ineKey: 'D', birthDate: '2004-01-31' } });
    expect(wrongDay.status).toBe(404);
    expect(wrongDay.body.title).toBe('Inconnu du SI');
  });

  it('answers 404 for the identifiers of a known student with another birth date, and writes nothing', async () => {
    const token = await newAccount('2026-A', 'SISA0004');
    // Thomas Petit (21000006, INE 456789012D E, born 2003-03-08) is known to Apogée, and DEMO0006 of
    // 2026-A has his INE: with another birth date, the same 404 as an unknown student, not that 409.
    const unknown = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: '99999999', birthDate: '2003-03-09' } });
    expect(unknown.status).toBe(404);
    for (const body of [
      { ine: '456789012D', ineKey: 'E', birthDate: '2003-03-09' },
      { studentNumber: '21000006', birthDate: '2003-08-03' },
    ]) {
      const res = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(res.body).toEqual(unknown.body);
    }
    const account = await t.db.candidateAccount.findUniqueOrThrow({ where: { dossierNumber: 'SISA0004' }, include: { candidate: true } });
    expect(account.studentNumber).toBeNull();
    expect(account.candidate).toBeNull();
  });
});

describe('guessing a birth date', () => {
  it(`stops an account after SIS_LOOKUP_LIMIT_PER_HOUR (20) lookups in an hour: 429 problem+json with Retry-After; other accounts go on`, async () => {
    const limit = t.config.sisLookupLimitPerHour;
    const token = await newAccount('2026-A', 'SISA0005');
    for (let day = 1; day <= limit; day++) {
      const res = await t.api('POST', '/api/candidate/profile/sis-lookup', {
        token,
        body: { studentNumber: '21000006', birthDate: `2003-01-${String(day).padStart(2, '0')}` },
      });
      expect(res.status, `attempt ${day}`).toBe(404);
    }
    const stopped = await t.api('POST', '/api/candidate/profile/sis-lookup', { token, body: { studentNumber: '21000006', birthDate: '2003-03-08' } });
    expect(stopped.status).toBe(429);
    expect(stopped.headers.get('content-type')).toContain('application/problem+json');
    expect(stopped.body.detail).toContain('Trop de recherches');
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing was filled, even with the right date once stopped.
    const account = await t.db.candidateAccount.findUniqueOrThrow({ where: { dossierNumber: 'SISA0005' }, include: { candidate: true } });
    expect(account.candidate).toBeNull();
    // Another account is not held back by this one.
    const other = await newAccount('2026-A', 'SISA0006');
    expect(
      (await t.api('POST', '/api/candidate/profile/sis-lookup', { token: other, body: { studentNumber: '99999999', birthDate: '2003-03-08' } })).status,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the profile and formation-link routes', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    for (const path of ['/api/candidate/profile', '/api/candidate/profile/sis-lookup', '/api/staff/sis/formations', '/api/staff/formations/{code}/sis'])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe('formation search and link for managers', () => {
  let drt: string;
  let eco: string;

  beforeAll(async () => {
    await t.db.centre.deleteMany({ where: { code: 'ECOT' } });
    await t.db.centre.create({ data: { code: 'ECOT', label: 'Centre d’essai Économie', sisType: 'A' } });
    drt = await newManager('gest-drt', 'DEG', 'DRT');
    eco = await newManager('gest-eco', 'ECOT', 'ECO');
  });

  it('restricts an Apogée search to the CGE of the manager’s centre', async () => {
    // "101" is in every VET's `etape-version`: only the CGE tells the two centres' results apart.
    const a = await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=DEG&search=101', { token: drt });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.restrictedTo).toEqual(['DRT']);
    const codesA = a.body.formations.map((f: { code: string }) => f.code);
    expect(codesA).toContain('MDAF1/101');
    expect(codesA).not.toContain('MMAE1/101');
    expect(a.body.formations.every((f: { managementCentreCode: string }) => f.managementCentreCode === 'DRT')).toBe(true);
    expect(a.body.formations.find((f: { code: string }) => f.code === 'MDAF1/101').linkedFormations.length).toBeGreaterThan(0);

    const b = await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=ECOT&search=101', { token: eco });
    expect(b.status).toBe(200);
    const codesB = b.body.formations.map((f: { code: string }) => f.code);
    expect(codesB).toContain('MMAE1/101');
    expect(codesB).not.toContain('MDAF1/101');
    expect(b.body.formations.every((f: { managementCentreCode: string }) => f.managementCentreCode === 'ECO')).toBe(true);

    // Scolarité centrale is not restricted.
    const c = await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=DEG&search=101', { token: await t.login('scol') });
    expect(c.status).toBe(200);
    expect(c.body.restrictedTo).toEqual([]);
    expect([...new Set(c.body.formations.map((f: { managementCentreCode: string }) => f.managementCentreCode))]).toEqual(
      expect.arrayContaining(['DRT', 'ECO']),
    );
  });

  it('refuses a centre outside the manager’s scope (403) and names a missing field (400)', async () => {
    const out = await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=DEG&search=M1', { token: eco });
    expect(out.status).toBe(403);
    const noSearch = await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=DEG', { token: drt });
    expect(noSearch.status).toBe(400);
    expect(fields(noSearch.body)).toEqual(['search']);
    const noCampaign = await t.api('GET', '/api/staff/sis/formations?centre=DEG&search=M1', { token: drt });
    expect(noCampaign.status).toBe(400);
    expect(fields(noCampaign.body)).toEqual(['campaign']);
    const candidate = await t.login('candidat@demo.test');
    expect((await t.api('GET', '/api/staff/sis/formations?campaign=2026-A&centre=DEG&search=M1', { token: candidate })).status).toBe(403);
  });

  it('links a DEG formation to a VET its CGE sees, and refuses one it does not see (409)', async () => {
    const formation = await t.db.formation.findFirstOrThrow({ where: { commission: { centre: { code: 'DEG' } }, apogeeVetCode: 'MDAF1' } });
    const {
      apogeeVetCode,
      apogeeVetVersion,
      apogeeLabel,
      apogeeDiplomaCode,
      apogeeDiplomaVersion,
      apogeeDiplomaLabel,
      sisManagementCentreCode,
      sisDiplomaTypeCode,
    } = formation;
    restore.push(() =>
      t.db.formation.update({
        where: { id: formation.id },
        data: {
          apogeeVetCode,
          apogeeVetVersion,
          apogeeLabel,
          apogeeDiplomaCode,
          apogeeDiplomaVersion,
          apogeeDiplomaLabel,
          sisManagementCentreCode,
          sisDiplomaTypeCode,
        },
      }),
    );
    const refused = await t.api('PUT', `/api/staff/formations/${formation.code}/sis`, { token: drt, body: { code: 'MMAE1/101' } });
    expect(refused.status).toBe(409);
    expect(fields(refused.body)).toEqual(['code']);
    const outOfScope = await t.api('PUT', `/api/staff/formations/${formation.code}/sis`, { token: eco, body: { code: 'MDPU1/101' } });
    expect(outOfScope.status).toBe(403);

    const linked = await t.api('PUT', `/api/staff/formations/${formation.code}/sis`, { token: drt, body: { code: 'MDPU1/101' } });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.sis).toMatchObject({ code: 'MDPU1/101', label: 'M1 Droit public', managementCentreCode: 'DRT', diplomaTypeCode: 'MA' });
    const row = await t.db.formation.findUniqueOrThrow({ where: { id: formation.id } });
    expect(row).toMatchObject({ apogeeVetCode: 'MDPU1', apogeeVetVersion: '101', apogeeDiplomaCode: 'MDPU', apogeeDiplomaVersion: '101' });
  });

  it('searches Pégase for the FST centre and links a formation to a Pégase code', async () => {
    const manager = await t.login('centre');
    const res = await t.api('GET', '/api/staff/sis/formations?campaign=2026-P&centre=FST&search=Licence', { token: manager });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sisType).toBe('P');
    expect(res.body.formations.length).toBeGreaterThan(0);
    const target = res.body.formations[0];

    const formation = await t.db.formation.findFirstOrThrow({ where: { commission: { centre: { code: 'FST' } } } });
    const { pegaseCode, pegaseLabel, sisDiplomaTypeCode } = formation;
    restore.push(() => t.db.formation.update({ where: { id: formation.id }, data: { pegaseCode, pegaseLabel, sisDiplomaTypeCode } }));
    const linked = await t.api('PUT', `/api/staff/formations/${formation.code}/sis`, { token: manager, body: { code: target.code } });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.sis).toMatchObject({ code: target.code, label: target.label });
    expect((await t.db.formation.findUniqueOrThrow({ where: { id: formation.id } })).pegaseCode).toBe(target.code);
    const unknown = await t.api('PUT', `/api/staff/formations/${formation.code}/sis`, { token: manager, body: { code: 'PAS-UN-CODE' } });
    expect(unknown.status).toBe(409);

    const list = await t.api('GET', '/api/staff/formations?centre=FST', { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.find((f: { code: string }) => f.code === formation.code).sis.code).toBe(target.code);
  });
});
