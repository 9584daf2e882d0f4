// Contract of the Apogée adapter against the Apogée simulator over HTTP (SOAP through the WSDLs the
// simulator publishes, REST for PJ, INES and the tables): each operation, and how Apogée's refusals
// and failures reach the export workflow (SisValidationError: not retried; SisTransientError:
// retried), including the OPI verification cases of the reference (issue #90, changed OPI code).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApogeeAdapter, DEFAULT_APOGEE_CONFIG, type ApogeeAdapter } from '../../sis/apogee/adapter.ts';
import { startApogeeSimulator, type ApogeeSimulator } from '../../sis/apogee/simulator/server.ts';
import { REFERENTIAL_LISTS, SisTransientError, SisValidationError, type AdmissionRecord, type ExportContext, type SisAdapter } from '../../sis/port.ts';

let sim: ApogeeSimulator;
let apogee: ApogeeAdapter;
const noContext: ExportContext = { writeDayFiles: (write) => write([]) };

beforeAll(async () => {
  sim = await startApogeeSimulator();
  // A short timeout so that the "hang" cases end quickly; no assertion depends on it.
  apogee = createApogeeAdapter({ ...DEFAULT_APOGEE_CONFIG, url: sim.url, timeoutMs: 800 });
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(async () => {
  await admin('POST', '/__admin/reset');
});

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const inject = (spec: { operation: string; kind: string; count?: number | null; ms?: number; status?: number; message?: string; retryAfter?: number }) =>
  admin('POST', '/__admin/faults', spec);
const received = async (code?: string) =>
  (await admin('GET', `/__admin/received${code ? `?codOpiIntEpo=${code}` : ''}`)).body as { outcome: string; codOpiIntEpo: string; donneesOpi: any }[];
const db = async (path: string) => (await fetch(`${sim.url}/db/${path}`)).json() as Promise<any[]>;

/** Hugo Lefebvre (demo dossier DEMO0004, known to Apogée by his INE) confirmed for L3 Droit. */
function hugo(
  overrides: {
    kind?: 'admission' | 'withdrawal';
    candidate?: Partial<AdmissionRecord['candidate']>;
    formation?: Partial<AdmissionRecord['formation']>;
    dossierNumber?: string;
  } = {},
): AdmissionRecord {
  return {
    businessKey: `cand-hugo:${overrides.kind === 'withdrawal' ? 2 : 1}`,
    kind: overrides.kind ?? 'admission',
    campaignCode: '2026-A',
    dossierNumber: overrides.dossierNumber ?? 'DEMO0004',
    candidate: {
      civility: 'M.',
      birthName: 'Lefebvre',
      usualName: null,
      firstName: 'Hugo',
      otherFirstNames: null,
      birthDate: '2004-01-30',
      birthCountryCode: '100',
      birthCommuneCode: '69123',
      birthCityLabel: 'Lyon',
      nationalityCode: '100',
      ine: '345678901C',
      ineKey: 'D',
      phone: null,
      mobilePhone: '0645678901',
      email: 'hugo.lefebvre@demo.test',
      address: { countryCode: '100', line1: '18 quai Claude Bernard', line2: null, line3: null, postcode: '69007', communeCode: '69123', foreignCity: null },
      bac: {
        bacCode: 'GEN',
        year: 2022,
        mentionCode: 'TB',
        establishmentCode: '0690026D',
        communeCode: '69123',
        departmentCode: '069',
        countryCode: '100',
        specialty1Code: 'SES',
        specialty2Code: 'HGGSP',
        firstYearSpecialtyCode: 'MATH',
        optionCodes: ['DGEMC'],
      },
      ...overrides.candidate,
    },
    formation: {
      code: 'L3-DROIT',
      pegaseCode: null,
      apogeeVetCode: 'LDRT3',
      apogeeVetVersion: '101',
      apogeeDiplomaCode: 'LDRT',
      apogeeDiplomaVersion: '101',
      ...overrides.formation,
    },
  };
}

/** Runs an export the way the workflow's retry policy does: again after each transient failure. */
async function exportWithRetries(record: AdmissionRecord, maxAttempts = 20) {
  let transientFailures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return { receipt: await apogee.exportAdmission(record, noContext), transientFailures };
    } catch (err) {
      if (!(err instanceof SisTransientError) || attempt === maxAttempts) throw err;
      transientFailures++;
    }
  }
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await fn();
    if (ok(v) || i > 150) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('findStudent (EtudiantMetier + PedagogiqueMetier)', () => {
  it('finds a student by INE + key: civil status, address, most recent bac', async () => {
    const s = await apogee.findStudent({ ine: '345678901c', ineKey: 'd' });
    expect(s).toEqual({
      studentNumber: '21000004',
      civility: 'M.',
      ine: '345678901C',
      ineKey: 'D',
      birthName: 'LEFEBVRE',
      usualName: null,
      firstName: 'HUGO',
      otherFirstNames: null,
      birthDate: '2004-01-30',
      birthCountryCode: '100',
      birthCommuneCode: null,
      birthCityLabel: 'LYON',
      birthDepartmentCode: '069',
      nationalityCode: '100',
      email: 'hugo.lefebvre@demo.test',
      phone: null,
      mobilePhone: '0645678901',
      address: {
        countryCode: '100',
        line1: '18 quai Claude Bernard',
        line2: null,
        line3: null,
        line4: null,
        postcode: '69007',
        communeCode: '69123',
        foreignCity: null,
      },
      bac: {
        bacCode: 'GEN',
        year: 2022,
        mentionCode: 'TB',
        countryCode: '100',
        departmentCode: '069',
        establishmentCode: '0690026D',
        specialty1Code: 'SES',
        specialty2Code: 'HGGSP',
        firstYearSpecialtyCode: 'MATH',
        optionCodes: [],
      },
      internalCursus: [],
    });
    // The same student by number.
    expect(await apogee.findStudent({ studentNumber: '21000004' })).toEqual(s);
  });

  it('finds a student by student number, with the internal cursus and results', async () => {
    const known = (await admin('GET', '/__admin/students?limit=300')).body as { codEtu: number; ine: string; cleIne: string; cursus: number }[];
    const withCursus = known.find((k) => k.cursus >= 2)!;
    const s = await apogee.findStudent({ studentNumber: String(withCursus.codEtu) });
    expect(s?.studentNumber).toBe(String(withCursus.codEtu));
    expect(s?.ine).toBe(withCursus.ine);
    expect(s?.ineKey).toBe(withCursus.cleIne);
    expect(s!.internalCursus.length).toBe(withCursus.cursus);
    expect(s!.internalCursus[0]).toMatchObject({
      code: expect.stringMatching(/^L[A-Z]{3}1\/101$/),
      label: expect.stringMatching(/^L1 /),
      resultCode: expect.stringMatching(/^(ADM|AJ)$/),
      mark: expect.stringMatching(/^\d+\.\d\d$/),
      scale: '20',
    });
  });

  it('answers null for a student Apogée does not know (technical.data.nullretrieve.etudiant)', async () => {
    expect(await apogee.findStudent({ ine: '999999999Z', ineKey: 'Z' })).toBeNull();
    expect(await apogee.findStudent({ studentNumber: '12345' })).toBeNull();
    expect(await apogee.findStudent({ studentNumber: '  ' })).toBeNull();
  });
});

describe('searchFormations (VERSION_ETAPE, ETP_GERER_CGE)', () => {
  const search = (text: string, cge?: string, max = 50) => apogee.searchFormations({ search: text, max, cge: cge ?? null });

  it('searches the VETs open to recruitment, restricted to one management centre (CGE)', async () => {
    const droit = await search('droit', 'DRT');
    expect(droit.map((f) => f.code)).toEqual(expect.arrayContaining(['LDRT3/101', 'MDAF1/101', 'MDPU1/101', 'DUDNU/101']));
    expect(new Set(droit.map((f) => f.managementCentreCode))).toEqual(new Set(['DRT']));
    expect(droit.find((f) => f.code === 'MDAF1/101')).toEqual({
      code: 'MDAF1/101',
      label: 'M1 Droit des affaires',
      sisId: null,
      managementCentreCode: 'DRT',
      diplomaTypeCode: 'MA',
      diplomaTypeLabel: 'Master',
      periodLabel: null,
    });
    expect(await search('droit', 'SCI')).toEqual([]);
    // M2 Philosophie's recruitment closed in 2022.
    expect(await search('M2 Philosophie')).toEqual([]);
    expect(await search('dr')).toEqual([]);
  });

  it('lists a VET once per CGE that manages it, and only the asked CGE’s when restricted', async () => {
    const aes = await search('L3 Administration');
    expect(aes.map((f) => `${f.managementCentreCode}:${f.code}`).sort()).toEqual(['DRT:LAES3/101', 'ECO:LAES3/101']);
    expect((await search('L3 Administration', 'ECO')).map((f) => `${f.managementCentreCode}:${f.code}`)).toEqual(['ECO:LAES3/101']);
  });

  it('stops at 50 rows, or at the asked maximum', async () => {
    // Every VET matches "-101" (etp-version).
    expect(await search('-101', undefined, 100)).toHaveLength(50);
    expect(await search('-101', undefined, 5)).toHaveLength(5);
  });

  it('lists the diplomas of a VET', async () => {
    expect(await apogee.diplomasOfVet('LDRT3', '101')).toEqual([{ code: 'LDRT', version: '101', label: 'Licence Droit' }]);
  });
});

describe('listReferential and academicPeriods (the JDBC tables)', () => {
  it('gives every list Apogée has, non-empty; null for the birth communes (hasCommuneNaissance = false)', async () => {
    for (const list of REFERENTIAL_LISTS) {
      const rows = await apogee.listReferential(list);
      if (list === 'birthCommunes') expect(rows, list).toBeNull();
      else {
        expect(rows?.length, list).toBeGreaterThan(0);
        for (const r of rows!) expect(r, list).toMatchObject({ code: expect.any(String), label: expect.any(String), active: expect.any(Boolean) });
      }
    }
  });

  it('maps Apogée’s columns: France = 100, témoins en service, validity years, links', async () => {
    const get = <L extends Parameters<SisAdapter['listReferential']>[0]>(list: L) => apogee.listReferential(list).then((r) => r!);
    expect(await get('countries')).toContainEqual({ code: '100', label: 'FRANCE', shortLabel: 'FRANCE', active: true, nationalityLabel: 'FRANCAIS(E)' });
    expect(await get('departments')).toContainEqual(expect.objectContaining({ code: '054', label: 'Meurthe-et-Moselle', active: true }));
    expect(await get('communes')).toContainEqual({ code: '54395', label: 'NANCY', shortLabel: null, active: true, departmentCode: '054' });
    expect(await get('postcodeCommunes')).toContainEqual({ code: '69007', label: 'LYON', shortLabel: null, active: true, communeCode: '69123' });
    const bacs = await get('bacSeries');
    expect(bacs.find((b) => b.code === 'GEN')).toMatchObject({ active: true, validFromYear: 2021, validToYear: null, ineCheck: true, ineCheckFromYear: 1995 });
    // The series before the 2021 reform are out of service.
    expect(bacs.find((b) => b.code === 'S')).toMatchObject({ active: false, validFromYear: 1995, validToYear: 2020 });
    expect(bacs.find((b) => b.code === '0001')).toMatchObject({ label: 'Sans bac', ineCheck: false });
    expect(await get('bacMentions')).toContainEqual(expect.objectContaining({ code: 'TB', label: 'Très bien' }));
    expect((await get('bacSpecialities')).find((x) => x.code === 'SES')).toMatchObject({ validFromYear: 2021, validToYear: null, active: true });
    expect((await get('bacOptions')).find((x) => x.code === 'DGEMC')).toMatchObject({ validFromYear: 2021 });
    expect(await get('bacSeriesSpecialities')).toContainEqual(expect.objectContaining({ code: 'GEN', specialityCode: 'SES' }));
    expect(await get('bacSeriesOptions')).toContainEqual(expect.objectContaining({ code: 'GEN', optionCode: 'MEXP', label: 'Mathématiques expertes' }));
    expect(await get('establishments')).toContainEqual(
      expect.objectContaining({ code: '0690026D', label: 'LYCEE DU PARC', typeCode: 'LY', departmentCode: '069', communeCode: '69123' }),
    );
    expect(await get('diplomaTypes')).toContainEqual(expect.objectContaining({ code: 'MA', label: 'Master' }));
    expect(await get('priorDiplomas')).toContainEqual(expect.objectContaining({ code: 'BTS' }));
    expect(await get('resultTypes')).toContainEqual(expect.objectContaining({ code: 'ADM', label: 'Admis', positive: null }));
    expect(await get('honoursMentions')).toContainEqual(expect.objectContaining({ code: 'AB', label: 'Assez bien' }));
    expect((await get('managementCentres')).map((c) => c.code)).toEqual(expect.arrayContaining(['DRT', 'ECO']));
    expect(await get('users')).toContainEqual(
      expect.objectContaining({ code: 'SCOLDRT', email: 'scolarite-drt@univ-demo.fr', managementCentreCode: 'DRT', active: true }),
    );
    expect(await get('exemptionCategories')).toContainEqual(expect.objectContaining({ code: 'BGF' }));
    expect(await get('regimes')).toContainEqual(expect.objectContaining({ code: '1', label: 'Formation initiale' }));
    expect(await get('statuts')).toContainEqual(expect.objectContaining({ code: '01', label: 'Étudiant' }));
    expect(await apogee.version()).toBe('6.50.70.2');
  });

  it('gives the academic years (ANNEE_UNI), 2026 open (ETA_ANU_IAE = O)', async () => {
    const years = (await apogee.academicPeriods())!;
    expect(years.filter((y) => y.open)).toEqual([{ code: '2026', label: 'Année universitaire 2026/2027', shortLabel: '2026/2027', year: 2026, open: true }]);
    expect(years.map((y) => y.code)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026', '2027']);
    expect((await apogee.listReferential('academicYears'))!.find((y) => y.open)).toMatchObject({ code: '2026', year: 2026, active: true });
  });
});

describe('checks', () => {
  it('checks bac spécialités and options (PKB_BAC: OK / SS → null, else Apogée’s message)', async () => {
    const check = (bac: Parameters<SisAdapter['checkBacSpecialityOption']>[0]) => apogee.checkBacSpecialityOption(bac);
    expect(await check({ year: 2022, bacCode: 'GEN', specialty1Code: 'SES', specialty2Code: 'HGGSP', firstYearSpecialtyCode: 'MATH' })).toBeNull();
    expect(await check({ year: 2022, bacCode: 'GEN', specialty1Code: 'SES', specialty2Code: 'HGGSP', optionCodes: ['DGEMC', null, 'MEXP'] })).toBeNull();
    // SS: a series without spécialités nor options, none given.
    expect(await check({ year: 2021, bacCode: 'STMG' })).toBeNull();
    expect(await check({ year: 2022, bacCode: 'GEN', specialty1Code: 'SES', specialty2Code: 'SES' })).toBe(
      'Les deux spécialités de terminale doivent être différentes.',
    );
    expect(await check({ year: 2022, bacCode: 'GEN', specialty1Code: 'SES' })).toBe('Les deux spécialités de terminale sont obligatoires.');
    expect(await check({ year: 2021, bacCode: 'STMG', specialty1Code: 'MATH' })).toBe('Le baccalauréat STMG ne comporte ni spécialité ni option.');
    expect(await check({ year: 2022, bacCode: 'GEN', specialty1Code: 'SES', specialty2Code: 'MATH', optionCodes: ['XXX'] })).toBe(
      "L'option XXX n'existe pas pour le baccalauréat GEN.",
    );
  });

  it('checks an INE with INES', async () => {
    expect(await apogee.checkIne('345678901C', 'D')).toBe(true);
    expect(await apogee.checkIne('345678901C', 'A')).toBe(false);
    expect(await apogee.checkInesVersion()).toMatch(/\d+\.\d+/);
  });

  it("reads a student's validated pieces and their file (REST PJ)", async () => {
    const known = (await admin('GET', '/__admin/students?limit=300')).body as { codEtu: number; pieces: string[] }[];
    const withPiece = known.find((k) => k.pieces.length)!;
    const pieces = await apogee.studentPieces({ studentNumber: String(withPiece.codEtu), pieceCode: 'RELEVE' });
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ code: 'RELEVE', status: 'V', fileName: expect.stringMatching(/\.pdf$/) });
    const file = await apogee.studentPieceFile({ studentNumber: String(withPiece.codEtu), pieceCode: 'RELEVE', year: pieces[0]!.year });
    expect(file!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await apogee.studentPieces({ studentNumber: '1', pieceCode: 'RELEVE' })).toEqual([]);
    expect(await apogee.studentPieceFile({ studentNumber: '1', pieceCode: 'RELEVE', year: '2024' })).toBeNull();
  });
});

describe('OPI export', () => {
  it('sends the OPI with Apogée’s formats and finds it in IND_OPI and VOEUX_INS', async () => {
    const receipt = await apogee.exportAdmission(hugo(), noContext);
    expect(receipt.details).toMatchObject({ codOpiIntEpo: 'ECDEMO0004', opiCodeChanged: false, sent: true, wish: 'DRT:LDRT3/101' });
    const got = await received('ECDEMO0004');
    expect(got).toHaveLength(1);
    expect(got[0]!.outcome).toBe('applied');
    expect(got[0]!.donneesOpi).toMatchObject({
      individu: {
        codOpiIntEpo: 'ECDEMO0004',
        codNneIndOpi: '345678901CD',
        codSexEtuOpi: 'M',
        etatCivil: { libNomPatIndOpi: 'LEFEBVRE', libPr1IndOpi: 'HUGO' },
        donneesNaissance: {
          dateNaiIndOpi: '30012004',
          temDateNaiRelOpi: 'N',
          codPayNat: '100',
          libVilNaiEtuOpi: 'LYON',
          codTypDepPayNai: 'D',
          codDepPayNai: '069',
        },
        donneesPersonnelles: { adrMailOpi: 'hugo.lefebvre@demo.test', numTelPorOpi: '0645678901' },
      },
      bac: {
        codBac: 'GEN',
        daaObtBacOba: '2022',
        codMention: 'TB',
        codEtb: '0690026D',
        codDep: '069',
        codSpe1BacTer: 'SES',
        codSpe2BacTer: 'HGGSP',
        codSpeBacPre: 'MATH',
        codOpt1Bac: 'DGEMC',
      },
      adresseFixe: { codPay: '100', codCom: '69123', codBdi: '69007', lib1: '18 QUAI CLAUDE BERNARD' },
      voeux: {
        item: [
          { codCge: 'DRT', codEtp: 'LDRT3', codVrsVet: '101', codDip: 'LDRT', codVrsVdi: '101', numCls: '1', codDecVeu: 'F', codDemDos: 'C', temValPsd: 'N' },
        ],
      },
    });
    const [ind] = await db('ind-opi?codOpiIntEpo=ECDEMO0004');
    // The OPI is linked to the individual Apogée already knows (same INE).
    expect(ind).toMatchObject({ COD_NNE_IND_OPI: '345678901C', COD_CLE_NNE_IND_OPI: 'D', COD_IND: expect.any(Number) });
    expect(await db(`voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).toEqual([expect.objectContaining({ COD_CGE: 'DRT', COD_ETP: 'LDRT3', COD_VRS_VET: 101 })]);
  });

  it('sends Apogée’s "sans bac" code only for a candidate without bac, with the open year', async () => {
    await apogee.exportAdmission(hugo({ candidate: { bac: null } }), noContext);
    expect((await received('ECDEMO0004'))[0]!.donneesOpi.bac).toEqual({ codBac: '0001', daaObtBacOba: '2026' });
    // A record exported before the bac was carried (no `bac` at all) is sent the same way.
    const { bac: _bac, ...withoutBac } = hugo({ dossierNumber: 'OLD00001', candidate: { birthName: 'Ancien', ine: null, ineKey: null } }).candidate;
    await apogee.exportAdmission({ ...hugo({ dossierNumber: 'OLD00001' }), candidate: withoutBac }, noContext);
    expect((await received('ECOLD00001'))[0]!.donneesOpi.bac).toEqual({ codBac: '0001', daaObtBacOba: '2026' });
    // A bac without its year: the open year, as eCandidat does.
    const noYear = hugo({ dossierNumber: 'NOYEAR01', candidate: { birthName: 'Sansannee', ine: null, ineKey: null } });
    noYear.candidate.bac = { ...noYear.candidate.bac!, year: null };
    await apogee.exportAdmission(noYear, noContext);
    expect((await received('ECNOYEAR01'))[0]!.donneesOpi.bac).toMatchObject({ codBac: 'GEN', daaObtBacOba: '2026', codMention: 'TB' });
  });

  it('sends the candidate’s Apogée student number when the record has one (pre-filled from Apogée), and none otherwise', async () => {
    await apogee.exportAdmission(hugo({ candidate: { studentNumber: '21000004' } }), noContext);
    expect((await received('ECDEMO0004'))[0]!.donneesOpi.individu.codEtuOpi).toBe('21000004');
    const [ind] = await db('ind-opi?codOpiIntEpo=ECDEMO0004');
    expect(ind).toMatchObject({ COD_IND: expect.any(Number) });
    // Not a number Apogée could hold (another SIS's, or typed oddly): not sent.
    await apogee.exportAdmission(
      hugo({ dossierNumber: 'NOETU001', candidate: { birthName: 'Sansnumero', ine: null, ineKey: null, studentNumber: 'P-123' } }),
      noContext,
    );
    // (an empty element, as for any candidate Apogée does not know yet)
    expect((await received('ECNOETU001'))[0]!.donneesOpi.individu.codEtuOpi || null).toBeNull();
  });

  it('turns a bac Apogée does not know into a validation error', async () => {
    const record = hugo();
    record.candidate.bac = { ...record.candidate.bac!, bacCode: 'BACXX' };
    await expect(apogee.exportAdmission(record, noContext)).rejects.toThrow(
      expect.objectContaining({ name: 'SisValidationError', message: expect.stringMatching(/nullretrieve\.codBac/) }),
    );
  });

  it('files the wish under the formation’s own CGE when its VET has several (ETP_GERER_CGE)', async () => {
    const aes = (cge: string | null) => hugo({ formation: { code: 'L3-AES', apogeeVetCode: 'LAES3', apogeeDiplomaCode: 'LAES', managementCentreCode: cge } });
    // Without a CGE on the formation, Apogée's two centres leave the export undecided.
    await expect(apogee.exportAdmission(aes(null), noContext)).rejects.toThrow(/plusieurs centres de gestion \(DRT, ECO\)/);
    const receipt = await apogee.exportAdmission(aes('ECO'), noContext);
    expect(receipt.details).toMatchObject({ wish: 'ECO:LAES3/101', sent: true });
    expect((await received('ECDEMO0004'))[0]!.donneesOpi.voeux.item).toEqual([expect.objectContaining({ codCge: 'ECO', codEtp: 'LAES3' })]);
    // A CGE that does not manage the VET is Apogée's refusal.
    const err = await apogee.exportAdmission(hugo({ formation: { managementCentreCode: 'SCI' } }), noContext).catch((e) => e);
    expect(err).toBeInstanceOf(SisValidationError);
    expect(err.message).toMatch(/noncoherentinput\.codCge/);
  });

  it('does not send the same export twice (a retry finds it already in Apogée)', async () => {
    await apogee.exportAdmission(hugo(), noContext);
    const again = await apogee.exportAdmission(hugo(), noContext);
    expect(again.details).toMatchObject({ sent: false, codOpiIntEpo: 'ECDEMO0004' });
    expect(await received('ECDEMO0004')).toHaveLength(1);
  });

  it('keeps the candidate’s other wishes and removes only the withdrawn one', async () => {
    await apogee.exportAdmission(hugo(), noContext);
    await apogee.exportAdmission(hugo({ formation: { code: 'MDAF-M1', apogeeVetCode: 'MDAF1', apogeeDiplomaCode: 'MDAF' } }), noContext);
    const [ind] = await db('ind-opi?codOpiIntEpo=ECDEMO0004');
    expect((await db(`voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).map((v) => v.COD_ETP).sort()).toEqual(['LDRT3', 'MDAF1']);

    const withdrawn = await apogee.exportAdmission(hugo({ kind: 'withdrawal' }), noContext);
    expect(withdrawn.details).toMatchObject({ sent: true, wishesInApogee: 1 });
    expect((await db(`voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).map((v) => v.COD_ETP)).toEqual(['MDAF1']);

    // The last wish withdrawn: one empty wish is sent, and Apogée deletes them all.
    await apogee.exportAdmission(hugo({ kind: 'withdrawal', formation: { code: 'MDAF-M1', apogeeVetCode: 'MDAF1', apogeeDiplomaCode: 'MDAF' } }), noContext);
    expect(await db(`voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).toEqual([]);
    expect((await received('ECDEMO0004')).at(-1)!.donneesOpi.voeux).toEqual({ item: [''] });
  });

  it('treats the withdrawal of a wish Apogée never received as done, without a call', async () => {
    const receipt = await apogee.exportAdmission(hugo({ kind: 'withdrawal' }), noContext);
    expect(receipt.details).toMatchObject({ sent: false });
    expect(await received()).toEqual([]);
  });

  it('refuses names and address lines longer than Apogée’s columns, naming the field, before any call', async () => {
    await expect(apogee.exportAdmission(hugo({ candidate: { birthName: 'Lefebvre-Montmorency de la Tour d’Auvergne' } }), noContext)).rejects.toThrow(
      expect.objectContaining({ name: 'SisValidationError', message: expect.stringMatching(/nom de naissance.*30 au plus/) }),
    );
    await expect(apogee.exportAdmission(hugo({ candidate: { firstName: 'Hugo-Alexandre-Maximilien' } }), noContext)).rejects.toThrow(/prénom.*20 au plus/);
    const longLine = {
      countryCode: '100',
      line1: '18 quai Claude Bernard, résidence des Facultés',
      line2: null,
      line3: null,
      postcode: '69007',
      communeCode: '69123',
      foreignCity: null,
    };
    await expect(apogee.exportAdmission(hugo({ candidate: { address: longLine } }), noContext)).rejects.toThrow(/ligne 1 de l'adresse.*32 au plus/);
    expect(await received()).toEqual([]);
  });

  it('refuses a formation without Apogée VET, or a VET Apogée does not know', async () => {
    await expect(apogee.exportAdmission(hugo({ formation: { apogeeVetCode: null } }), noContext)).rejects.toThrow(SisValidationError);
    await expect(apogee.exportAdmission(hugo({ formation: { apogeeVetCode: 'XXXX9' } }), noContext)).rejects.toThrow(/n'existe pas dans Apogée/);
  });

  it('turns a SOAP business fault into a validation error carrying Apogée’s message', async () => {
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'soapFault', message: 'technical.parameter.noncoherentinput.codBac' });
    const err = await apogee.exportAdmission(hugo(), noContext).catch((e) => e);
    expect(err).toBeInstanceOf(SisValidationError);
    expect(err.message).toMatch(/Apogée a refusé l'OPI ECDEMO0004.*technical\.parameter\.noncoherentinput\.codBac/);
  });

  it('turns Apogée’s own refusal of inconsistent data into a validation error (postcode of another commune)', async () => {
    const err = await apogee
      .exportAdmission(
        hugo({
          candidate: {
            address: { countryCode: '100', line1: '1 rue X', line2: null, line3: null, postcode: '75004', communeCode: '69123', foreignCity: null },
          },
        }),
        noContext,
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(SisValidationError);
    expect(err.message).toMatch(/noncoherentinput\.codBdi/);
    expect((await received())[0]!.outcome).toBe('rejected');
  });

  it.each([
    ['HTTP 503', { kind: 'http5xx', status: 503 }],
    ['HTTP 502', { kind: 'http5xx', status: 502 }],
    ['no answer (timeout)', { kind: 'hang' }],
    ['a malformed body', { kind: 'malformed' }],
    ['a closed connection', { kind: 'drop' }],
  ])('turns %s into a transient error, retried until it passes', async (_name, fault) => {
    await inject({ operation: 'mettreajourDonneesOpi_v10', ...fault });
    const err = await apogee.exportAdmission(hugo(), noContext).catch((e) => e);
    expect(err).toBeInstanceOf(SisTransientError);
    expect(err.message).toMatch(/Apogée/);
    expect(await received()).toEqual([]);
    // The fault has fired once: the retry goes through.
    await apogee.exportAdmission(hugo(), noContext);
    expect((await received()).filter((r) => r.outcome === 'applied')).toHaveLength(1);
  });

  it('is transient when Apogée is unreachable for lookups too', async () => {
    await inject({ operation: 'recupererIdentifiantsEtudiant_v2', kind: 'http5xx' });
    await expect(apogee.findStudent({ ine: '345678901C', ineKey: 'D' })).rejects.toBeInstanceOf(SisTransientError);
    await inject({ operation: 'db.formations', kind: 'hang' });
    await expect(apogee.searchFormations({ search: 'droit', max: 50 })).rejects.toBeInstanceOf(SisTransientError);
    await inject({ operation: 'db.table', kind: 'drop' });
    await expect(apogee.listReferential('countries')).rejects.toBeInstanceOf(SisTransientError);
  });

  it('turns a 429 with Retry-After into a transient error carrying the delay (SOAP and REST)', async () => {
    await inject({ operation: 'recupererIdentifiantsEtudiant_v2', kind: 'http429', retryAfter: 7 });
    const soapErr = await apogee.findStudent({ studentNumber: '21000004' }).catch((e) => e);
    expect(soapErr).toBeInstanceOf(SisTransientError);
    expect(soapErr).toMatchObject({ status: 429, retryAfterSeconds: 7, message: expect.stringMatching(/HTTP 429.*Retry-After/) });

    // Without retryAfter, the delay is `ms` rounded up to seconds.
    await inject({ operation: 'db.formations', kind: 'http429', ms: 2500 });
    await expect(apogee.searchFormations({ search: 'droit', max: 50 })).rejects.toMatchObject({ name: 'SisTransientError', status: 429, retryAfterSeconds: 3 });

    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'http429', retryAfter: 30 });
    await expect(apogee.exportAdmission(hugo(), noContext)).rejects.toMatchObject({ name: 'SisTransientError', retryAfterSeconds: 30 });
    expect(await received()).toEqual([]);
    // A 5xx without Retry-After leaves the delay to the retry policy.
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'http5xx', status: 502 });
    await expect(apogee.exportAdmission(hugo(), noContext)).rejects.toMatchObject({ name: 'SisTransientError', status: 502, retryAfterSeconds: null });
    await apogee.exportAdmission(hugo(), noContext);
    expect((await received()).map((r) => r.outcome)).toEqual(['applied']);
  });

  it('retries an OPI the call accepted but IND_OPI does not show yet', async () => {
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'notFiled' });
    await expect(apogee.exportAdmission(hugo(), noContext)).rejects.toThrow(
      expect.objectContaining({ name: 'SisTransientError', message: expect.stringMatching(/absente de IND_OPI/) }),
    );
    await apogee.exportAdmission(hugo(), noContext);
    expect((await received('ECDEMO0004')).map((r) => r.outcome)).toEqual(['lost', 'applied']);
  });

  it('refuses with a clear message when IND_OPI is filled but VOEUX_INS stays empty (#90)', async () => {
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'issue90' });
    const err = await apogee.exportAdmission(hugo(), noContext).catch((e) => e);
    expect(err).toBeInstanceOf(SisValidationError);
    expect(err.message).toMatch(/VOEUX_INS vide/);
    expect(err.message).toMatch(/centre de gestion DRT/);
    expect(err.message).toMatch(/#90/);
    // Once Apogée is fixed, the admin's retry sends it again and it passes.
    const receipt = await apogee.exportAdmission(hugo(), noContext);
    expect(receipt.details).toMatchObject({ sent: true, wishesInApogee: 1 });
  });

  it('reports the OPI code Apogée kept when the candidate already had an OPI', async () => {
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'changedOpiCode' });
    const receipt = await apogee.exportAdmission(hugo(), noContext);
    expect(receipt.details).toMatchObject({ opiCodeChanged: true, sentCode: 'ECDEMO0004', codOpiIntEpo: expect.stringMatching(/^AP\d{8}$/) });
    // Later exports find that OPI (by INE) and keep updating it.
    const withdrawn = await apogee.exportAdmission(hugo({ kind: 'withdrawal' }), noContext);
    expect(withdrawn.details).toMatchObject({ codOpiIntEpo: receipt.details.codOpiIntEpo, sent: true, wishesInApogee: 0 });
    expect((await db('ind-opi?ine=345678901C&cle=D')).length).toBe(1);
  });

  it('delivers every export exactly once when Apogée is down for a while, then back', async () => {
    const records = Array.from({ length: 5 }, (_, i) =>
      hugo({
        dossierNumber: `APO0000${i}`,
        candidate: { birthName: `Contrat${'ABCDE'[i]}`, ine: null, ineKey: null, email: `contrat${i}@demo.test` },
      }),
    );
    // Down: every call, SOAP or REST, fails 12 times (5xx, then no answer at all, then refused connections).
    await inject({ operation: '*', kind: 'http5xx', count: 6 });
    await inject({ operation: '*', kind: 'hang', count: 3 });
    await inject({ operation: '*', kind: 'drop', count: 3 });
    const results = [];
    for (const r of records) results.push(await exportWithRetries(r));
    expect(results.reduce((n, r) => n + r.transientFailures, 0)).toBe(12);

    // An answer lost after Apogée applied the OPI: the retry must not send it again.
    const lateRecord = hugo({ dossierNumber: 'APO00009', candidate: { birthName: 'Retard', ine: null, ineKey: null } });
    await inject({ operation: 'mettreajourDonneesOpi_v10', kind: 'latency', ms: 1500 });
    await expect(apogee.exportAdmission(lateRecord, noContext)).rejects.toBeInstanceOf(SisTransientError);
    await eventually(
      () => received('ECAPO00009'),
      (r) => r.length === 1,
    );
    const late = await apogee.exportAdmission(lateRecord, noContext);
    expect(late.details).toMatchObject({ sent: false });

    const all = await received();
    const applied = all.filter((r) => r.outcome === 'applied').map((r) => r.codOpiIntEpo);
    expect(applied.sort()).toEqual(['ECAPO00000', 'ECAPO00001', 'ECAPO00002', 'ECAPO00003', 'ECAPO00004', 'ECAPO00009']);
    expect(all).toHaveLength(6);
  });
});

describe('the simulator itself', () => {
  it('serves WSDLs a SOAP client can read, with the service location', async () => {
    for (const service of ['EtudiantMetier', 'PedagogiqueMetier', 'OpiMetier', 'PjOpiMetier']) {
      const res = await fetch(`${sim.url}/apo-commun-servicesMetiers/services/${service}?wsdl`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(`<wsdlsoap:address location="${sim.url}/apo-commun-servicesMetiers/services/${service}"/>`);
      expect(text).toContain('style="document"');
    }
  });

  it('generates the same students on every start', async () => {
    const other = await startApogeeSimulator();
    try {
      const a = (await admin('GET', '/__admin/students?limit=300')).body;
      const b = await (await fetch(`${other.url}/__admin/students?limit=300`)).json();
      expect(b).toEqual(a);
      expect(a).toHaveLength(300);
    } finally {
      await other.stop();
    }
  });

  it('refuses an unknown fault kind', async () => {
    const res = await inject({ operation: '*', kind: 'explode' });
    expect(res.status).toBe(400);
    expect(res.body.kinds).toContain('hang');
  });
});
