// The candidate's whole file for staff (issue 11): GET /api/staff/candidatures/{id}/file as each role
// reads it — an admin, the centre's manager, a member of the candidature's commission see it; a
// member of another commission, a candidate, no session are refused; an unknown id is not found.
// Its content is the candidate's real data: civil status, contact, address, bac, cursus, internships,
// experience, this candidature's answers and documents (file, status, comment), the other wishes
// as the reader's scope allows, the opinion history, with labels in the reader's language.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

let t: TestApp;
let admin: string;
let candidate: string;
let candidateEmail: string;
const tokens: Record<'manager' | 'memberA' | 'memberB', string> = { manager: '', memberA: '', memberB: '' };
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const centre = `SF${run}`;
const commissions = { a: `SFA-${run}`, b: `SFB-${run}` };
const formations = { a: `SFFA-${run}`, b: `SFFB-${run}` };
const document = `SFD-${run}`;
const question = `SFQ-${run}`;
const motive = `SFM-${run}`;
const logins = { manager: `sfm-${run.toLowerCase()}`, memberA: `sfa-${run.toLowerCase()}`, memberB: `sfb-${run.toLowerCase()}` };
const PASSWORD = 'Fichier-2026!x';
/** A valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let ids: { a: string; b: string };

async function ok(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

const file = (id: string, token: string, lang = 'fr') => t.api('GET', `/api/staff/candidatures/${id}/file`, { token, headers: { 'accept-language': lang } });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await ok(t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre du dossier ${run}`, sisType: 'P' } }));
  for (const [key, login] of Object.entries(logins))
    await ok(
      t.api('POST', '/api/admin/staff-users', {
        token: admin,
        body: { login, displayName: `Personne ${key} ${run}`, email: `${login}@univ.test`, password: PASSWORD },
      }),
    );
  for (const [key, code] of Object.entries(commissions)) {
    await ok(
      t.api('POST', '/api/admin/commissions', {
        token: admin,
        body: { code, label: `Commission ${key} ${run}`, centreCode: centre, email: `c${key}-${run.toLowerCase()}@univ.test` },
      }),
    );
    await ok(
      t.api('PUT', `/api/admin/commissions/${code}/members`, {
        token: admin,
        body: [{ login: key === 'a' ? logins.memberA : logins.memberB, president: true }],
      }),
      200,
    );
  }
  await ok(t.api('PUT', `/api/admin/centres/${centre}/managers`, { token: admin, body: [{ login: logins.manager, allCommissions: true }] }), 200);
  await ok(
    t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code: document, label: `Relevé de notes ${run}`, labelEn: `Transcript ${run}` } }),
  );
  await ok(
    t.api('POST', '/api/admin/questions', { token: admin, body: { code: question, label: `Pourquoi ce master ${run} ?`, labelEn: `Why this master ${run}?` } }),
  );
  await ok(
    t.api('POST', '/api/admin/motives', { token: admin, body: { code: motive, label: `Prérequis absents ${run}`, labelEn: `Missing prerequisites ${run}` } }),
  );
  const dates = {
    applicationStartsOn: addDays(today, -1),
    applicationEndsOn: addDays(today, 30),
    returnDeadline: addDays(today, 40),
    juryOn: addDays(today, 45),
    confirmationOn: addDays(today, 60),
  };
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formations.a,
        label: `Master Océans ${run}`,
        commissionCode: commissions.a,
        documentCodes: [document],
        questionCodes: [question],
        ...dates,
      },
    }),
  );
  await ok(
    t.api('POST', '/api/admin/formations', {
      token: admin,
      body: { code: formations.b, label: `Master Glaciers ${run}`, commissionCode: commissions.b, ...dates },
    }),
  );
  for (const key of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[key] = await t.login(logins[key], PASSWORD);

  candidateEmail = (await createCandidates(t.db, '2026-P', `SF${run.slice(0, 4)}`, 1))[0]!;
  candidate = await t.login(candidateEmail);
  await ok(
    t.api('POST', '/api/candidate/profile/external-cursus', {
      token: candidate,
      body: { academicYear: 2023, label: `Licence de géosciences ${run}`, obtained: 'O', priorDiplomaCode: 'LIC', countryCode: '127' },
    }),
  );
  await ok(
    t.api('POST', '/api/candidate/profile/internships', {
      token: candidate,
      body: { year: 2024, duration: '8 semaines', hoursPerWeek: 35, organisation: `Ifremer ${run}`, description: 'Relevés bathymétriques' },
    }),
  );
  await ok(
    t.api('POST', '/api/candidate/profile/experiences', {
      token: candidate,
      body: { year: 2022, duration: '6 mois', title: 'Technicien de laboratoire', organisation: `Station marine ${run}`, objective: 'Prélèvements' },
    }),
  );
  ids = {
    a: (await ok(t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: formations.a } }))).id,
    b: (await ok(t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: formations.b } }))).id,
  };
  await ok(t.upload(candidate, ids.a, document, { name: 'releve.png', type: 'image/png', data: PNG as unknown as string }), 200);
  await ok(t.api('PUT', `/api/candidatures/${ids.a}/questions/${question}`, { token: candidate, body: { answer: `Pour étudier la houle ${run}.` } }), 200);
  await t.completeFile(candidate, ids.a);
  await ok(t.api('POST', `/api/candidatures/${ids.a}/transmit`, { token: candidate }), 200);
  await ok(
    t.api('POST', `/api/staff/candidatures/${ids.a}/pieces/${document}/status`, { token: tokens.manager, body: { status: 'RE', comment: `Illisible ${run}` } }),
    200,
  );
  await ok(
    t.api('POST', `/api/staff/candidatures/${ids.a}/opinions`, { token: tokens.manager, body: { decisionType: 'AVIS_DEFAVORABLE', motiveCode: motive } }),
    200,
  );
}, 180_000);

afterAll(async () => {
  await retireFormations(t.db, run);
  await t?.stop();
});

describe('GET /api/staff/candidatures/{id}/file', () => {
  it('answers an admin, the centre manager and a member of the commission; refuses others', async () => {
    for (const token of [admin, tokens.manager, tokens.memberA]) {
      const res = await file(ids.a, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.candidatureId).toBe(ids.a);
    }
    const other = await file(ids.a, tokens.memberB);
    expect(other.status).toBe(403);
    expect(other.body.detail).toContain(commissions.a);
    expect((await file(ids.a, candidate)).status).toBe(403);
    expect((await t.api('GET', `/api/staff/candidatures/${ids.a}/file`)).status).toBe(401);
    expect((await file(randomUUID(), admin)).status).toBe(404);
    expect((await file('pas-un-identifiant', admin)).status).toBe(400);
  });

  it('holds every section of the candidate’s real file', async () => {
    const body = (await file(ids.a, tokens.memberA)).body;
    expect(body).toMatchObject({ formationCode: formations.a, commissionCode: commissions.a, campaignCode: '2026-P' });
    expect(body.candidate).toMatchObject({ email: candidateEmail, lastName: 'ESSAI1', firstName: 'Alex' });
    const p = body.profile;
    expect(p.person).toMatchObject({
      civility: 'M.',
      birthName: 'ESSAI1',
      firstName: 'Alex',
      birthDate: '2003-05-17',
      birthCityLabel: 'Lyon',
      nationalityCode: '100',
    });
    expect(p.address).toMatchObject({ line1: '1 rue de la République', postcode: '69002', communeCode: '69382', countryCode: '100' });
    expect(p.bac).toMatchObject({ year: 2021, bacCode: 'G' });
    expect(p.labels['address.countryCode']).toMatch(/france/i);
    expect(p.externalCursus).toEqual([expect.objectContaining({ label: `Licence de géosciences ${run}`, obtained: 'O', countryCode: '127' })]);
    expect(p.labels['externalCursus.0.priorDiplomaCode']).toBe('Licence');
    expect(p.internships).toEqual([expect.objectContaining({ organisation: `Ifremer ${run}`, hoursPerWeek: 35 })]);
    expect(p.experiences).toEqual([expect.objectContaining({ title: 'Technicien de laboratoire', objective: 'Prélèvements' })]);

    expect(body.answers).toEqual([expect.objectContaining({ code: question, label: `Pourquoi ce master ${run} ?`, answer: `Pour étudier la houle ${run}.` })]);
    const doc = body.documents.find((d: { code: string }) => d.code === document);
    expect(doc).toMatchObject({ label: `Relevé de notes ${run}`, status: 'RE', comment: `Illisible ${run}`, by: logins.manager });
    expect(doc.file).toMatchObject({
      name: 'releve.png',
      mimeType: 'image/png',
      viewable: true,
      url: `/api/staff/candidatures/${ids.a}/pieces/${document}/file`,
    });
    // The URL serves the bytes to this reader, as an attachment of the stored type.
    const bytes = await fetch(`${t.server.url}${doc.file.url}`, { headers: { authorization: `Bearer ${tokens.memberA}` } });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(bytes.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);

    expect(body.opinions).toEqual([
      expect.objectContaining({
        index: 0,
        kind: 'DE',
        decisionType: 'AVIS_DEFAVORABLE',
        motiveCode: motive,
        motiveLabel: `Prérequis absents ${run}`,
        validated: false,
      }),
    ]);
    expect(body.opinions[0].decisionTypeLabel).not.toBe('AVIS_DEFAVORABLE');
    // The printable summary, for this commission member too.
    expect(body.dossierPdfUrl).toBe(`/api/staff/candidatures/${ids.a}/dossier?lang=fr`);
    const pdf = await fetch(`${t.server.url}${body.dossierPdfUrl}`, { headers: { authorization: `Bearer ${tokens.memberA}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('names documents, questions and motives in the reader’s language', async () => {
    const body = (await file(ids.a, tokens.memberA, 'en')).body;
    expect(body.answers[0].label).toBe(`Why this master ${run}?`);
    expect(body.documents.find((d: { code: string }) => d.code === document).label).toBe(`Transcript ${run}`);
    expect(body.opinions[0].motiveLabel).toBe(`Missing prerequisites ${run}`);
    expect(body.dossierPdfUrl).toBe(`/api/staff/candidatures/${ids.a}/dossier?lang=en`);
  });

  it('shows the other wishes of the campaign as the reader’s scope allows, counting the others', async () => {
    const member = (await file(ids.a, tokens.memberA)).body.otherCandidatures;
    expect(member).toEqual({ items: [], outOfScope: 1 });
    const manager = (await file(ids.a, tokens.manager)).body.otherCandidatures;
    expect(manager.outOfScope).toBe(0);
    expect(manager.items).toEqual([
      expect.objectContaining({
        id: ids.b,
        formationCode: formations.b,
        formationLabel: `Master Glaciers ${run}`,
        commissionCode: commissions.b,
        stage: 'draft',
        opinion: null,
      }),
    ]);
    // From the other side: member B sees its own candidature, and A's counted, not shown.
    const fromB = (await file(ids.b, tokens.memberB)).body.otherCandidatures;
    expect(fromB).toEqual({ items: [], outOfScope: 1 });
    const adminView = (await file(ids.b, admin)).body.otherCandidatures;
    expect(adminView.items.map((o: { id: string }) => o.id)).toEqual([ids.a]);
    expect(adminView.items[0].opinion).toMatchObject({ kind: 'DE', validated: false });
  });
});
