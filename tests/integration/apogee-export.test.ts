// The spine on the Apogée campaign, end to end through the HTTP API: Thomas Petit applies to L3 Droit
// (no document asked), the centre completes the file and validates a favourable opinion, he confirms,
// and the candidature workflow exports the admission to the Apogée simulator over SOAP. The
// simulator must have received exactly one OPI, with his data, his bac, the formation's VET and its
// management centre (CGE). Then Apogée down for a while (5xx, 429 with Retry-After, a lost answer):
// the workflow retries and the OPI arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const simulator = async (path: string) => (await fetch(`${t.apogee!.url}${path}`)).json() as Promise<any>;
const inject = async (faults: unknown) => {
  const res = await fetch(`${t.apogee!.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(res.status).toBe(201);
};

/** A favourable, validated decision of this candidate on a formation of 2026-A they have not applied to yet. */
async function decided(login: string): Promise<{ id: string; token: string; formationCode: string }> {
  const token = await t.login(login);
  return { ...(await t.decidedCandidature(token, '2026-A')), token };
}

describe('admission export to Apogée', () => {
  it('sends one OPI with the candidate, his bac and the wish under the formation’s CGE once the candidate confirms', async () => {
    // The formation carries its management centre (as a manager linking it to Apogée stores it); put
    // back as the seed left it at the end, since the test database is shared.
    const before = await t.db.formation.findUniqueOrThrow({ where: { code: 'L3-DROIT' } });
    await t.db.formation.update({ where: { code: 'L3-DROIT' }, data: { sisManagementCentreCode: 'DRT' } });
    try {
      await thomasConfirms();
    } finally {
      await t.db.formation.update({ where: { code: 'L3-DROIT' }, data: { sisManagementCentreCode: before.sisManagementCentreCode } });
    }
  });

  async function thomasConfirms() {
    const [token, centre] = await Promise.all([t.login('thomas.petit@demo.test'), t.login('centre')]);
    const bac = await t.db.candidateBac.findFirstOrThrow({ where: { candidate: { account: { dossierNumber: 'DEMO0006' } } } });
    expect(bac).toMatchObject({ bacCode: 'STMG', year: 2021, mentionCode: 'AB', departmentCode: '075' });
    const formations = await t.api('GET', '/api/campaigns/2026-A/formations');
    expect(formations.body.map((f: { code: string }) => f.code)).toContain('L3-DROIT');

    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-DROIT' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const [path, who, body] of [
      [`/api/candidatures/${id}/transmit`, token, undefined],
      [`/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'CO' }],
      [`/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_FAVORABLE' }],
      [`/api/staff/candidatures/${id}/opinions/validate`, centre, undefined],
      [`/api/candidatures/${id}/confirm`, token, undefined],
    ] as const) {
      const res = await t.api('POST', path, { token: who, ...(body ? { body } : {}) });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    }

    const done = await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done' || r.body.export.status === 'failed',
    );
    expect(done.body.export).toMatchObject({ status: 'done', error: null });
    const exportRow = await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } });
    expect(exportRow).toMatchObject({ status: 'done', sisType: 'A', kind: 'admission', attempts: 1 });
    expect(exportRow.files).toMatchObject({ codOpiIntEpo: 'ECDEMO0006', opiCodeChanged: false, wish: 'DRT:LDRT3/101' });
    // The record built from the database carries the bac and the CGE.
    expect(exportRow.payload).toMatchObject({
      candidate: { bac: { bacCode: 'STMG', year: 2021, mentionCode: 'AB', departmentCode: '075', countryCode: '100', optionCodes: [] } },
      formation: { apogeeVetCode: 'LDRT3', managementCentreCode: 'DRT' },
    });

    const received = (await simulator('/__admin/received?codOpiIntEpo=ECDEMO0006')) as { outcome: string; donneesOpi: any }[];
    expect(received).toHaveLength(1);
    expect(received[0]!.outcome).toBe('applied');
    expect(received[0]!.donneesOpi).toMatchObject({
      individu: {
        codOpiIntEpo: 'ECDEMO0006',
        codNneIndOpi: '456789012DE',
        codSexEtuOpi: 'M',
        etatCivil: { libNomPatIndOpi: 'PETIT', libPr1IndOpi: 'THOMAS' },
        donneesNaissance: { dateNaiIndOpi: '08032003', codPayNat: '100', codTypDepPayNai: 'D', codDepPayNai: '075', libVilNaiEtuOpi: 'PARIS' },
        donneesPersonnelles: { adrMailOpi: 'thomas.petit@demo.test', numTelPorOpi: '0656789012' },
      },
      // His bac, not Apogée's "sans bac" code 0001.
      bac: { codBac: 'STMG', daaObtBacOba: '2021', codMention: 'AB', codDep: '075' },
      adresseFixe: { codPay: '100', codCom: '75056', codBdi: '75004', lib1: '3 RUE DE RIVOLI', lib2: 'BATIMENT B' },
      voeux: { item: [{ codCge: 'DRT', codEtp: 'LDRT3', codVrsVet: '101', codDip: 'LDRT', codVrsVdi: '101', codDecVeu: 'F', codDemDos: 'C' }] },
    });
    const [ind] = await simulator('/db/ind-opi?codOpiIntEpo=ECDEMO0006');
    expect(await simulator(`/db/voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).toEqual([
      expect.objectContaining({ COD_CGE: 'DRT', COD_ETP: 'LDRT3', COD_VRS_VET: 101 }),
    ]);
  }

  it('mails the candidate the OPI code Apogée kept when it already had one (CANDIDATURE_MODIF_COD_OPI)', async () => {
    const fault = await fetch(`${t.apogee!.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'mettreajourDonneesOpi_v10', kind: 'changedOpiCode', count: 1 }),
    });
    expect(fault.status).toBe(201);
    const [token, centre] = await Promise.all([t.login('aminata.diallo@demo.test'), t.login('centre')]);
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-DROIT' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await t.bringToDecision(id, { candidate: token, manager: centre });
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);
    const mail = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: 'CANDIDATURE_MODIF_COD_OPI' } }),
      (m) => m !== null,
    );
    const row = await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } });
    expect(row.files).toMatchObject({ opiCodeChanged: true });
    expect(mail!.variables).toMatchObject({ newCodeOpi: (row.files as { codOpiIntEpo: string }).codOpiIntEpo });
    expect((mail!.variables as { newCodeOpi: string }).newCodeOpi).toMatch(/^AP\d{8}$/);
  });

  it('Apogée down for a while then back: the export arrives exactly once', async () => {
    const { id, token, formationCode } = await decided('hugo.lefebvre@demo.test');
    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: formationCode } });
    // First attempt: every call answers 503. Second: 429, come back in 1 s. Third: Apogée applies the
    // OPI but answers after the adapter's timeout (3 s in tests). The fourth finds it there.
    await inject([
      { operation: '*', kind: 'http5xx', status: 503, count: 1 },
      { operation: '*', kind: 'http429', retryAfter: 1, count: 1 },
      { operation: 'mettreajourDonneesOpi_v10', kind: 'latency', ms: 3500, count: 1 },
    ]);
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(200);

    const done = await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token }),
      (r) => r.body.export.status === 'done' || r.body.export.status === 'failed',
      60_000,
    );
    expect(done.body.export).toMatchObject({ status: 'done', error: null });
    const row = await t.db.sisExport.findUniqueOrThrow({ where: { businessKey: `${id}:1` } });
    expect(row).toMatchObject({ status: 'done', sisType: 'A', attempts: 4 });
    // The last attempt found the OPI Apogée had applied and did not send it again.
    expect(row.files).toMatchObject({ codOpiIntEpo: 'ECDEMO0004', sent: false, wish: expect.stringMatching(new RegExp(`:${formation.apogeeVetCode}/101$`)) });

    const faults = (await simulator('/__admin/faults')) as { kind: string; fired: number }[];
    expect(faults.filter((f) => f.kind !== 'changedOpiCode').map((f) => [f.kind, f.fired])).toEqual([
      ['http5xx', 1],
      ['http429', 1],
      ['latency', 1],
    ]);
    const received = (await simulator('/__admin/received?codOpiIntEpo=ECDEMO0004')) as { outcome: string; donneesOpi: any }[];
    expect(received.map((r) => r.outcome)).toEqual(['applied']);
    expect(received[0]!.donneesOpi).toMatchObject({
      individu: { etatCivil: { libNomPatIndOpi: 'LEFEBVRE' } },
      bac: { codBac: 'GEN', daaObtBacOba: '2022', codMention: 'TB', codDep: '069' },
      voeux: { item: [{ codEtp: formation.apogeeVetCode }] },
    });
    const [ind] = await simulator('/db/ind-opi?codOpiIntEpo=ECDEMO0004');
    expect(await simulator(`/db/voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).toEqual([expect.objectContaining({ COD_ETP: formation.apogeeVetCode })]);
  });
});
