// The institution's setup through its API (issue 9): admins and scolarité centrale create a centre,
// a commission with its member, a staff account, a supporting document and a formation; the member
// logs in and sees that commission's candidatures; bad input is named by its label in the reader's
// language, duplicates are 409, every change is audited; a change of a formation's dates and
// documents reaches its open candidatures through Temporal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfParisDay, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { retireFormations } from '../support/setup-data.ts';

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

describe('setting up an institution through the API', () => {
  const centre = `C${run}`;
  const commission = `COM-${run}`;
  const formation = `F-${run}`;
  const member = `membre.${run.toLowerCase()}`;

  it('creates a centre, a commission with its member and a formation that takes candidatures at once', async () => {
    const c = await t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre ${run}`, sisType: 'P' } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ code: centre, sisType: 'P', active: true, maxWishes: 20, managers: [] });

    const user = await t.api('POST', '/api/admin/staff-users', {
      token: scol,
      body: { login: member, displayName: 'Nora Membre', email: `${member}@univ.test`, password: 'un-mot-de-passe-long' },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    expect(user.body).toMatchObject({ login: member, active: true, hasPassword: true, profiles: [] });

    const com = await t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission ${run}`, centreCode: centre, email: `com-${run.toLowerCase()}@univ.test` },
    });
    expect(com.status, JSON.stringify(com.body)).toBe(201);
    const members = await t.api('PUT', `/api/admin/commissions/${commission}/members`, { token: admin, body: [{ login: member, president: true }] });
    expect(members.status, JSON.stringify(members.body)).toBe(200);
    expect(members.body.members).toEqual([{ login: member, displayName: 'Nora Membre', president: true, profileCode: 'commission' }]);

    const f = await t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formation,
        label: `Master ${run}`,
        commissionCode: commission,
        applicationStartsOn: addDays(today, -1),
        applicationEndsOn: addDays(today, 30),
        returnDeadline: addDays(today, 40),
        confirmationOn: addDays(today, 60),
        capacity: 25,
      },
    });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    expect(f.body).toMatchObject({ code: formation, campaignCode: '2026-P', traitement: 'AC', capacity: 25, centreCode: centre });

    // A candidate of the Pégase campaign applies; the new member sees it, the demo commission member does not.
    const [email] = await createCandidates(t.db, '2026-P', `S${run.slice(0, 3)}`, 1);
    const candidate = await t.login(email!);
    const applied = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: formation } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const memberToken = await t.login(member, 'un-mot-de-passe-long');
    const list = await t.api('GET', `/api/staff/candidatures?formation=${formation}`, { token: memberToken });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(applied.body.id);
    const other = await t.api('GET', `/api/staff/candidatures/${applied.body.id}`, { token: await t.login('commission') });
    expect(other.status).toBe(403);
  });

  it('sends a document added to the formation to its open candidatures, whose files then ask for it', async () => {
    const document = `DOC-${run}`;
    const created = await t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code: document, label: `Lettre de motivation ${run}` } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const question = `QST-${run}`;
    expect((await t.api('POST', '/api/admin/questions', { token: admin, body: { code: question, label: 'Votre projet ?' } })).status).toBe(201);
    const patched = await t.api('PATCH', `/api/admin/formations/${formation}`, {
      token: admin,
      body: { documentCodes: [document], questionCodes: [question], returnDeadline: addDays(today, 45) },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ documentCodes: [document], questionCodes: [question], propagation: { total: 1 } });
    const row = await t.db.candidature.findFirstOrThrow({ where: { formation: { code: formation } } });
    const view = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${row.id}`, { token: admin }).then((r) => r.body),
      (v) => v.pieces.some((p: { code: string }) => p.code === document),
    );
    expect(view.pieces.find((p: { code: string }) => p.code === document)).toMatchObject({ status: 'AT', label: `Lettre de motivation ${run}` });
    expect(view.returnDeadline).toBe(endOfParisDay(addDays(today, 45)).toISOString());
    expect(view.questions.find((q: { code: string }) => q.code === question)).toMatchObject({ answer: null, label: 'Votre projet ?' });
    const progress = await t.eventually(
      () => t.api('GET', `/api/admin/formations/${formation}/propagations/${patched.body.propagation.id}`, { token: admin }).then((r) => r.body),
      (p) => p.finished,
    );
    expect(progress).toMatchObject({ total: 1, done: 1, failed: 0 });
    // A formation with candidatures keeps its commission (they carry it).
    const moved = await t.api('PATCH', `/api/admin/formations/${formation}`, { token: admin, body: { commissionCode: 'FST-INFO' } });
    expect(moved.status).toBe(409);
    expect(moved.body.errors[0]).toMatchObject({ field: 'commissionCode' });
    // A change no candidature holds (capacity) is not sent.
    const capacity = await t.api('PATCH', `/api/admin/formations/${formation}`, { token: admin, body: { capacity: 30 } });
    expect(capacity.body).toMatchObject({ capacity: 30, propagation: null });
  });

  it('names the field at fault by its label, in French or English, and answers 409 on a duplicate code', async () => {
    const bad = { code: `X${run}`, label: 'Campagne', sisType: 'P', startsOn: '2027-09-01', endsOn: '2027-06-30' };
    const fr = await t.api('POST', '/api/admin/campaigns', { token: admin, body: bad });
    expect(fr.status).toBe(400);
    expect(fr.body.errors).toEqual([{ field: 'endsOn', message: 'Date de fin : doit être après la date de début.' }]);
    const en = await t.api('POST', '/api/admin/campaigns', { token: admin, body: bad, headers: { 'accept-language': 'en, fr;q=0.5' } });
    expect(en.body.errors).toEqual([{ field: 'endsOn', message: 'End date: must be after the start date.' }]);

    const missing = await t.api('POST', '/api/admin/formations', { token: admin, body: { code: `Y${run}`, commissionCode: commission } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'label', message: 'Libellé : est obligatoire' },
        { field: 'applicationStartsOn', message: 'Début de dépôt des candidatures : est obligatoire' },
      ]),
    );
    const wrongDate = await t.api('POST', '/api/admin/centres', {
      token: admin,
      body: { code: `Z${run}`, label: 'Centre', sisType: 'P', applicationStartsOn: '2027-02-30' },
      headers: { 'accept-language': 'en' },
    });
    expect(wrongDate.body.errors).toEqual([{ field: 'applicationStartsOn', message: 'Applications open on: must be a date (YYYY-MM-DD)' }]);

    const duplicate = await t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: 'Encore', sisType: 'A' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'code', message: `Code : « ${centre} » existe déjà.` }]);
    const unknownMember = await t.api('PUT', `/api/admin/commissions/${commission}/members`, { token: admin, body: [{ login: 'personne', president: false }] });
    expect(unknownMember.status).toBe(400);
    expect(unknownMember.body.errors[0]).toMatchObject({ field: '0.login', message: 'Identifiant : aucun compte personne.' });
  });

  it('keeps setup to administrators: 401 without a session, 403 for a centre manager or a candidate', async () => {
    const body = { code: `W${run}`, label: 'Centre', sisType: 'P' };
    expect((await t.api('POST', '/api/admin/centres', { body })).status).toBe(401);
    const refused = await t.api('POST', '/api/admin/centres', { token: await t.login('centre'), body });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'urn:ecandidat:problem:access-denied', detail: 'Cette action est réservée aux administrateurs.' });
    expect((await t.api('GET', '/api/admin/staff-users', { token: await t.login('commission') })).status).toBe(403);
    expect(await t.db.centre.count({ where: { code: `W${run}` } })).toBe(0);
  });

  it('audits every change with who, when, before and after', async () => {
    const patched = await t.api('PATCH', `/api/admin/centres/${centre}`, {
      token: scol,
      body: { maxWishes: 3, sendMailMode: 'M', contactEmail: 'scol@univ.test' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const audit = await t.api('GET', `/api/admin/audit?subject=centre:${centre}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['centre.update', 'centre.create']);
    expect(audit.body[0]).toMatchObject({ actor: 'scol', before: { maxWishes: 20, sendMailMode: 'N' }, after: { maxWishes: 3, sendMailMode: 'M' } });
    expect(audit.body[1]).toMatchObject({ actor: 'admin', before: null, after: { code: centre } });
  });

  it('disables a staff account at once: its session ends and it cannot log in', async () => {
    const token = await t.login(member, 'un-mot-de-passe-long');
    const off = await t.api('PATCH', `/api/admin/staff-users/${member}`, { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await t.api('GET', '/api/session', { token })).status).toBe(401);
    expect((await t.api('POST', '/api/session', { body: { login: member, password: 'un-mot-de-passe-long' } })).status).toBe(401);
  });

  it('keeps the admin profile to administrators, and accounts to those who can log in', async () => {
    // Scolarité centrale neither grants the admin profile nor touches an administrator's account.
    const grant = await t.api('POST', '/api/admin/staff-users', {
      token: scol,
      body: { login: `x-${run.toLowerCase()}`, displayName: 'X', email: 'x@univ.test', password: 'mot-de-passe-x', profiles: ['admin'] },
    });
    expect(grant.status).toBe(403);
    expect((await t.api('PATCH', '/api/admin/staff-users/admin', { token: scol, body: { password: 'pris-par-la-scol' } })).status).toBe(403);
    expect((await t.api('PATCH', '/api/admin/staff-users/scol', { token: scol, body: { profiles: ['scolCentrale', 'admin'] } })).status).toBe(403);
    // Without single sign-on, an account needs a password; a login differing only by case is a duplicate.
    const noPassword = await t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login: `np-${run.toLowerCase()}`, displayName: 'NP', email: 'np@univ.test' },
    });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.errors[0].field).toBe('password');
    const twin = await t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: { login: member.toUpperCase(), displayName: 'Jumeau', email: 'j@univ.test', password: 'mot-de-passe-j' },
    });
    expect(twin.status).toBe(409);
    const repeated = await t.api('POST', '/api/admin/staff-users', {
      token: admin,
      body: {
        login: `rp-${run.toLowerCase()}`,
        displayName: 'RP',
        email: 'rp@univ.test',
        password: 'mot-de-passe-rp',
        profiles: ['scolCentrale', 'scolCentrale'],
      },
    });
    expect(repeated.status, JSON.stringify(repeated.body)).toBe(201);
    expect(repeated.body.profiles).toEqual(['scolCentrale']);
  });

  it('keeps at least one active administrator', async () => {
    // Every administrator but the demo one loses the profile; the demo one then cannot.
    const all = (await t.api('GET', '/api/admin/staff-users', { token: admin })).body as { login: string; active: boolean; profiles: string[] }[];
    const others = all.filter((u) => u.active && u.profiles.includes('admin') && u.login !== 'admin');
    for (const u of others) expect((await t.api('PATCH', `/api/admin/staff-users/${u.login}`, { token: admin, body: { profiles: [] } })).status).toBe(200);
    const last = await t.api('PATCH', '/api/admin/staff-users/admin', { token: admin, body: { profiles: [] } });
    expect(last.status).toBe(409);
    expect(last.body.detail).toBe('Il doit rester au moins un administrateur actif.');
    expect((await t.api('GET', '/api/admin/staff-users/admin', { token: admin })).body.profiles).toContain('admin');
    for (const u of others)
      await t.api('PATCH', `/api/admin/staff-users/${u.login}`, {
        token: admin,
        body: { profiles: u.profiles.filter((p) => p !== 'centreCandidature' && p !== 'commission') },
      });
  });
});
