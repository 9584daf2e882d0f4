// The rest of the setup through its API (issue 9): global parameters typed and validated, the
// maintenance mode that turns candidates away with its message while staff keep working, profiles
// as sets of functionalities that reach a member's rights, questions, tags, decision types, motives,
// and the mass edit of formation dates.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';
import { minimalPdf } from '../support/pdf.ts';

let t: TestApp;
let admin: string;
let scol: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());

beforeAll(async () => {
  t = await startTestApp();
  [admin, scol] = await Promise.all([t.login('admin'), t.login('scol')]);
}, 120_000);
afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await t?.stop();
});

describe('global parameters', () => {
  it('lists every parameter typed, with its default, and validates a change against its type', async () => {
    const list = await t.api('GET', '/api/admin/parameters', { token: scol });
    expect(list.status).toBe(200);
    expect(list.body.find((p: { code: string }) => p.code === 'SCOL_NB_JOUR_RELANCE_FAVO')).toMatchObject({ type: 'I', value: 2, default: 2 });
    expect(list.body.find((p: { code: string }) => p.code === 'LC_MODE_AFFICHAGE_RANG')).toMatchObject({ type: 'L', values: ['N', 'S', 'R'] });

    const wrongType = await t.api('PUT', '/api/admin/parameters/SCOL_NB_JOUR_RELANCE_FAVO', { token: scol, body: { value: 'deux' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([
      { field: 'value', message: 'Nombre de jours avant la date de confirmation pour relancer les candidats : doit être un nombre entier de 0 à 100000.' },
    ]);
    const outOfList = await t.api('PUT', '/api/admin/parameters/LC_MODE_AFFICHAGE_RANG', {
      token: scol,
      body: { value: 'X' },
      headers: { 'accept-language': 'en' },
    });
    expect(outOfList.body.errors).toEqual([{ field: 'value', message: 'LC_MODE_AFFICHAGE_RANG: must be one of: N, S, R.' }]);
    const tooBig = await t.api('PUT', '/api/admin/parameters/TECH_FILE_MAX_SIZE', { token: admin, body: { value: 50 } });
    expect(tooBig.status).toBe(400);
    // Technical parameters belong to the admin profile, not to scolarité centrale.
    expect((await t.api('PUT', '/api/admin/parameters/TECH_FILE_MAX_SIZE', { token: scol, body: { value: 5 } })).status).toBe(403);

    const ok = await t.api('PUT', '/api/admin/parameters/SCOL_NB_JOUR_RELANCE_FAVO', { token: scol, body: { value: 3 } });
    expect(ok.body).toMatchObject({ code: 'SCOL_NB_JOUR_RELANCE_FAVO', value: 3 });
    expect((await t.db.parameter.findUniqueOrThrow({ where: { code: 'SCOL_NB_JOUR_RELANCE_FAVO' } })).value).toBe('3');
    const audit = await t.api('GET', '/api/admin/audit?subject=parameter:SCOL_NB_JOUR_RELANCE_FAVO', { token: admin });
    expect(audit.body[0]).toMatchObject({ actor: 'scol', before: 2, after: 3 });
    await t.api('PUT', '/api/admin/parameters/SCOL_NB_JOUR_RELANCE_FAVO', { token: scol, body: { value: 2 } });
  });
});

describe('parameters read where they apply', () => {
  it('exports to Apogée with the OPI prefix of OPI_PREFIXE', async () => {
    // A demo candidate of the Apogée campaign, whose file Apogée accepts (birth place, bac).
    const candidate = await t.login('thomas.petit@demo.test');
    // From the end of the demo's Apogée offer (tests/integration/apogee-export.test.ts takes L3-DROIT for this candidate).
    const [offer, mine] = await Promise.all([t.api('GET', '/api/campaigns/2026-A/formations'), t.api('GET', '/api/candidatures', { token: candidate })]);
    const taken = new Set((mine.body as { formationCode: string }[]).map((c) => c.formationCode));
    const formationCode = (offer.body as { code: string; centre: { code: string } }[])
      .filter((f) => f.centre.code === 'DEG' && f.code !== 'L3-DROIT' && !taken.has(f.code))
      .at(-1)!.code;
    const id = (await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } })).body.id;
    await t.bringToDecision(id, { candidate, manager: admin });
    await t.api('PUT', '/api/admin/parameters/OPI_PREFIXE', { token: scol, body: { value: 'XY' } });
    try {
      expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token: candidate })).status).toBe(200);
      const row = await t.eventually(
        () => t.db.sisExport.findFirst({ where: { candidatureId: id } }),
        (r) => r?.status === 'done' || r?.status === 'failed',
        60_000,
      );
      const dossierNumber = (row!.payload as { dossierNumber: string }).dossierNumber;
      expect(row).toMatchObject({ status: 'done', files: { codOpiIntEpo: `XY${dossierNumber}` } });
    } finally {
      await t.api('PUT', '/api/admin/parameters/OPI_PREFIXE', { token: scol, body: { value: 'EC' } });
    }
  });

  it('refuses opinions after appeal when SCOL_IS_APPEL is off', async () => {
    const [email] = await createCandidates(t.db, '2026-P', `A${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const formationCode = await t.freeFormation(candidate, '2026-P');
    const id = (await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } })).body.id;
    await t.completeFile(candidate, id);
    await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate });
    await t.api('PUT', '/api/admin/parameters/SCOL_IS_APPEL', { token: scol, body: { value: false } });
    try {
      const refused = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: admin, body: { decisionType: 'AVIS_FAVORABLE', appeal: true } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('appeal');
    } finally {
      await t.api('PUT', '/api/admin/parameters/SCOL_IS_APPEL', { token: scol, body: { value: true } });
    }
    expect(
      (await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: admin, body: { decisionType: 'AVIS_FAVORABLE', appeal: true } })).status,
    ).toBe(200);
  });

  it('limits uploads to TECH_FILE_MAX_SIZE, refuses them without TECH_IS_UTILISE_DEMAT and suspends them under TECH_IS_DEMAT_MAINTENANCE', async () => {
    const [email] = await createCandidates(t.db, '2026-P', `U${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const formationCode = await t.freeFormation(candidate, '2026-P');
    const view = (await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } })).body;
    const piece = view.pieces.find((p: { conditional: boolean }) => !p.conditional) ?? view.pieces[0];
    const big = { name: 'gros.pdf', type: 'application/pdf', data: minimalPdf('gros', 1_500_000) };
    expect((await t.api('PUT', '/api/admin/parameters/TECH_FILE_MAX_SIZE', { token: admin, body: { value: 1 } })).status).toBe(200);
    try {
      const refused = await t.upload(candidate, view.id, piece.code, big);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ field: 'file', message: 'Fichier : fichier trop volumineux (1 Mo au plus).' });
    } finally {
      await t.api('PUT', '/api/admin/parameters/TECH_FILE_MAX_SIZE', { token: admin, body: { value: 2 } });
    }
    expect((await t.upload(candidate, view.id, piece.code, big)).status).toBe(200);
    await t.api('PUT', '/api/admin/parameters/TECH_IS_UTILISE_DEMAT', { token: admin, body: { value: false } });
    try {
      expect((await t.upload(candidate, view.id, piece.code)).status).toBe(409);
    } finally {
      await t.api('PUT', '/api/admin/parameters/TECH_IS_UTILISE_DEMAT', { token: admin, body: { value: true } });
    }
    await t.api('PUT', '/api/admin/parameters/TECH_IS_DEMAT_MAINTENANCE', { token: admin, body: { value: true } });
    try {
      expect((await t.upload(candidate, view.id, piece.code)).status).toBe(503);
    } finally {
      await t.api('PUT', '/api/admin/parameters/TECH_IS_DEMAT_MAINTENANCE', { token: admin, body: { value: false } });
    }
  });
});

describe('capacity', () => {
  it('promotes from the complementary list when a formation gets more seats', async () => {
    const code = `CAP-${run}`;
    const created = await t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code,
        label: 'Formation à capacité',
        commissionCode: 'FST-INFO',
        applicationStartsOn: today,
        applicationEndsOn: addDays(today, 10),
        returnDeadline: addDays(today, 20),
        confirmationDelayDays: 8,
        lcConfirmationDelayDays: 5,
        capacity: 1,
        automaticLc: true,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.lcFavourableDecisionType).not.toBeNull();
    const [email] = await createCandidates(t.db, '2026-P', `L${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const id = (await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: code } })).body.id;
    const listed = await t.bringToDecision(id, { candidate, manager: admin }, { decisionType: 'AVIS_LISTE_COMP', lcRank: 1 });
    expect(listed.opinion).toMatchObject({ kind: 'LC', validated: true });
    await t.eventually(
      () => t.api('GET', `/api/staff/formations/${code}/waiting-list`, { token: admin }).then((r) => r.body),
      (w) => w.entries?.length === 1,
    );
    const raised = await t.api('PATCH', `/api/admin/formations/${code}`, { token: admin, body: { capacity: 2 } });
    expect(raised.status).toBe(200);
    const promoted = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${id}`, { token: admin }).then((r) => r.body),
      (v) => v.opinion?.kind === 'FA',
    );
    expect(promoted.opinion).toMatchObject({ validated: true });
    expect(promoted.confirmation.deadline).not.toBeNull();
  });
});

describe('maintenance mode', () => {
  it('turns candidates away with the maintenance message in their language, while staff keep working', async () => {
    const [email] = await createCandidates(t.db, '2026-P', `M${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const message = await t.api('PUT', '/api/admin/messages/MAINTENANCE', {
      token: scol,
      body: { valueFr: 'Maintenance ce soir, revenez demain.', valueEn: 'Maintenance tonight, come back tomorrow.', active: true },
    });
    expect(message.status, JSON.stringify(message.body)).toBe(200);
    expect((await t.api('PUT', '/api/admin/parameters/TECH_IS_MAINTENANCE', { token: scol, body: { value: true } })).status).toBe(200);
    try {
      const refused = await t.api('GET', '/api/candidatures', { token: candidate });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ type: 'urn:ecandidat:problem:maintenance', detail: 'Maintenance ce soir, revenez demain.' });
      const english = await t.api('GET', '/api/candidate/profile', { token: candidate, headers: { 'accept-language': 'en' } });
      expect(english.body.detail).toBe('Maintenance tonight, come back tomorrow.');
      expect((await t.api('POST', '/api/session', { body: { login: email, password: 'Demo-2026!' } })).status).toBe(503);
      const config = await t.api('GET', '/api/config');
      expect(config.body.maintenance).toEqual({ fr: 'Maintenance ce soir, revenez demain.', en: 'Maintenance tonight, come back tomorrow.' });
      // Staff keep working.
      expect((await t.api('GET', '/api/staff/candidatures?pageSize=5&page=1', { token: await t.login('centre') })).status).toBe(200);
    } finally {
      await t.api('PUT', '/api/admin/parameters/TECH_IS_MAINTENANCE', { token: scol, body: { value: false } });
    }
    expect((await t.api('GET', '/api/candidatures', { token: candidate })).status).toBe(200);
    expect((await t.api('GET', '/api/config')).body.maintenance).toBeNull();
  });
});

describe('profiles and rights', () => {
  it('creates a commission profile whose written functionalities a member then holds', async () => {
    const functionalities = await t.api('GET', '/api/admin/functionalities', { token: scol });
    expect(functionalities.body.map((f: { code: string }) => f.code)).toContain('VALID_AVIS');
    // A commission profile cannot hold a screen closed to commissions.
    const closed = await t.api('POST', '/api/admin/profiles', {
      token: scol,
      body: { code: `P-${run}-X`, label: 'Mauvais', kind: 'C', functionalities: [{ code: 'GEST_FORMATION', readOnly: false }] },
    });
    expect(closed.status).toBe(400);
    expect(closed.body.errors[0].field).toBe('functionalities.0.code');
    const profile = await t.api('POST', '/api/admin/profiles', {
      token: scol,
      body: {
        code: `P-${run}`,
        label: 'Commission qui valide',
        kind: 'C',
        functionalities: [
          { code: 'GEST_CANDIDATURE', readOnly: true },
          { code: 'EDIT_AVIS', readOnly: false },
          { code: 'VALID_AVIS', readOnly: false },
        ],
      },
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(201);
    expect((await t.api('PUT', '/api/admin/profiles/admin/functionalities', { token: scol, body: [] })).status).toBe(409);

    // A member with that profile enters and validates an opinion on a transmitted candidature of the commission.
    const login = `valideur.${run.toLowerCase()}`;
    await t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login, displayName: 'Val Ideur', email: `${login}@univ.test`, password: 'mot-de-passe-valideur' },
    });
    const commission = (await t.api('GET', '/api/admin/commissions/FST-INFO', { token: admin })).body;
    const members = [
      ...commission.members.map((m: { login: string; president: boolean }) => ({ login: m.login, president: m.president })),
      { login, president: false, profileCode: `P-${run}` },
    ];
    expect((await t.api('PUT', '/api/admin/commissions/FST-INFO/members', { token: admin, body: members })).status).toBe(200);
    const [email] = await createCandidates(t.db, '2026-P', `V${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const formationCode = `PF-${run}`;
    const formation = await t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formationCode,
        label: 'Licence profils',
        commissionCode: 'FST-INFO',
        applicationStartsOn: today,
        applicationEndsOn: addDays(today, 10),
        returnDeadline: addDays(today, 20),
      },
    });
    expect(formation.status).toBe(201);
    const created = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode } });
    const id = created.body.id;
    await t.completeFile(candidate, id);
    expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token: candidate })).status).toBe(200);
    const member = await t.login(login, 'mot-de-passe-valideur');
    const entered = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: member, body: { decisionType: 'AVIS_FAVORABLE' } });
    expect(entered.status, JSON.stringify(entered.body)).toBe(200);
    expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: member })).status).toBe(200);
    // The default commission profile (read-only rights) cannot validate.
    const other = await t.api('POST', `/api/staff/candidatures/${id}/traitement/validate`, { token: await t.login('commission') });
    expect(other.status).toBe(403);
    // The member's list stays within the commission.
    const list = await t.api('GET', '/api/staff/candidatures?page=1&pageSize=50', { token: member });
    expect(list.body.items.every((r: { commissionCode: string }) => r.commissionCode === 'FST-INFO')).toBe(true);
  });
});

describe('lists of the setup', () => {
  it('creates questions, tags with colours, decision types and motives, and puts them out of service', async () => {
    const q = await t.api('POST', '/api/admin/questions', { token: scol, body: { code: `Q-${run}`, label: 'Pourquoi cette formation ?', type: 'S' } });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    const tag = await t.api('POST', '/api/admin/tags', { token: scol, body: { label: 'Prioritaire', colour: '#E1000F' } });
    expect(tag.status).toBe(201);
    const badColour = await t.api('POST', '/api/admin/tags', { token: scol, body: { label: 'Rouge', colour: 'red' } });
    expect(badColour.status).toBe(400);
    expect(badColour.body.errors[0].field).toBe('colour');
    const decision = await t.api('POST', '/api/admin/decision-types', {
      token: scol,
      body: { code: `DEC-${run}`, label: 'Admis sous réserve', opinionKind: 'FA', mailCode: 'AVIS_FAVORABLE', exportsToSis: true },
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    const badMail = await t.api('POST', '/api/admin/decision-types', {
      token: scol,
      body: { code: `DEC2-${run}`, label: 'X', opinionKind: 'FA', mailCode: 'NOPE' },
    });
    expect(badMail.body.errors[0]).toMatchObject({ field: 'mailCode' });
    const motive = await t.api('POST', '/api/admin/motives', { token: scol, body: { code: `MOT-${run}`, label: 'Dossier hors délai' } });
    expect(motive.status).toBe(201);
    const off = await t.api('PATCH', `/api/admin/motives/MOT-${run}`, { token: scol, body: { active: false } });
    expect(off.body.active).toBe(false);
    // Out of service: no longer offered to managers.
    const offered = await t.api('GET', '/api/staff/motives', { token: await t.login('centre') });
    expect(offered.body.map((m: { code: string }) => m.code)).not.toContain(`MOT-${run}`);
  });

  it('attaches a model file and a signature image by their content, and serves them as attachments', async () => {
    const code = `MOD-${run}`;
    expect((await t.api('POST', '/api/admin/supporting-documents', { token: scol, body: { code, label: 'CV (modèle fourni)' } })).status).toBe(201);
    const send = async (path: string, name: string, type: string, data: Uint8Array<ArrayBuffer> | string) => {
      const form = new FormData();
      form.append('file', new Blob([data], { type }), name);
      const res = await fetch(`${t.server.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${scol}` }, body: form });
      return { status: res.status, body: (await res.json()) as any };
    };
    // A Windows executable declared as a PDF, and an HTML page declared as a PNG: refused by their content.
    const exe = await send(
      `/api/admin/supporting-documents/${code}/model`,
      'modele.pdf',
      'application/pdf',
      'MZ\x90\x00\x03 This program cannot be run in DOS mode',
    );
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0]).toMatchObject({ field: 'file', message: 'Fichier : type de fichier refusé : application/pdf attendu.' });
    const pdf = await send(`/api/admin/supporting-documents/${code}/model`, 'modèle CV.pdf', 'application/octet-stream', '%PDF-1.4\n% modèle\n%%EOF\n');
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(200);
    expect(pdf.body.modelFile).toMatchObject({ name: 'modèle CV.pdf' });
    const download = await fetch(`${t.server.url}/api/supporting-documents/${code}/model`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);

    const html = await send('/api/admin/commissions/FST-INFO/signature', 'signature.png', 'image/png', '<html><script>alert(1)</script></html>');
    expect(html.status).toBe(400);
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
    ]);
    const signature = await send('/api/admin/commissions/FST-INFO/signature', 'signature.png', 'image/png', png);
    expect(signature.status, JSON.stringify(signature.body)).toBe(200);
    expect(signature.body.signature).toEqual({ name: 'signature.png' });
  });

  it('gives the same dates to a selection of formations, or to none when one would end inconsistent', async () => {
    const codes = [`DA-${run}`, `DB-${run}`];
    for (const code of codes) {
      const res = await t.api('POST', '/api/admin/formations', {
        token: admin,
        body: {
          code,
          label: code,
          commissionCode: 'FST-INFO',
          applicationStartsOn: today,
          applicationEndsOn: addDays(today, 10),
          returnDeadline: addDays(today, 20),
        },
      });
      expect(res.status).toBe(201);
    }
    const inconsistent = await t.api('POST', '/api/admin/formations/dates', {
      token: admin,
      body: { formationCodes: codes, dates: { applicationEndsOn: addDays(today, -5) } },
    });
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body.errors[0]).toEqual({
      field: 'dates.applicationEndsOn',
      message: `${codes[0]} — Fin de dépôt des candidatures : doit être après le début de dépôt des candidatures.`,
    });
    const moved = await t.api('POST', '/api/admin/formations/dates', {
      token: admin,
      body: { formationCodes: codes, dates: { applicationEndsOn: addDays(today, 15), juryOn: addDays(today, 30) } },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    for (const code of codes)
      expect((await t.api('GET', `/api/admin/formations/${code}`, { token: admin })).body).toMatchObject({
        applicationEndsOn: addDays(today, 15),
        juryOn: addDays(today, 30),
      });
  });
});
