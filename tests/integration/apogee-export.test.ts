// The spine on the Apogée campaign, end to end through the HTTP API: Thomas Petit applies to L3 Droit
// (no document asked), the centre completes the file and validates a favourable opinion, he confirms,
// and the candidature workflow exports the admission to the Apogée simulator over SOAP. The
// simulator must have received exactly one OPI, with his data and the formation's VET.
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

describe('admission export to Apogée', () => {
  it('sends one OPI with the candidate and the wish once the candidate confirms', async () => {
    const [token, centre] = await Promise.all([t.login('thomas.petit@demo.test'), t.login('centre')]);
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
      adresseFixe: { codPay: '100', codCom: '75056', codBdi: '75004', lib1: '3 RUE DE RIVOLI', lib2: 'BATIMENT B' },
      voeux: { item: [{ codCge: 'DRT', codEtp: 'LDRT3', codVrsVet: '101', codDip: 'LDRT', codVrsVdi: '101', codDecVeu: 'F', codDemDos: 'C' }] },
    });
    const [ind] = await simulator('/db/ind-opi?codOpiIntEpo=ECDEMO0006');
    expect(await simulator(`/db/voeux-ins?codIndOpi=${ind.COD_IND_OPI}`)).toEqual([
      expect.objectContaining({ COD_CGE: 'DRT', COD_ETP: 'LDRT3', COD_VRS_VET: 101 }),
    ]);
  });

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
});
