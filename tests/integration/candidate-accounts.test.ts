// Candidate managers at work (issue 11, "candidate account management"): a gestionCandidat searches
// accounts, reads one with its candidatures, corrects it (the lists follow the new name), looks the
// candidate up again in Pégase (the simulator over HTTP), applies on the candidate's behalf; a
// read-only candidate manager (and a commission member, by default) reads but changes nothing; a candidate is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateAccountDetail, CandidateAccountList } from '../../contracts/candidate-accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 3).toUpperCase();
let t: TestApp;
const tokens: Record<'writer' | 'reader' | 'commission' | 'candidate' | 'admin', string> = {} as never;
let dossier: string;

async function staffUser(login: string, profiles: string[]): Promise<string> {
  const created = await t.api('POST', '/api/admin/staff-users', {
    token: tokens.admin,
    body: { login, displayName: `Gestion ${login}`, email: `${login}@univ.test`, password: 'mot-de-passe-comptes', profiles },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return t.login(login, 'mot-de-passe-comptes');
}

beforeAll(async () => {
  t = await startTestApp();
  tokens.admin = await t.login('admin');
  const [email] = await createCandidates(t.db, '2026-P', `CA${RUN}`, 1);
  dossier = email!.split('@')[0]!.toUpperCase();
  tokens.candidate = await t.login(email!);
  tokens.writer = await staffUser(`gcand-${RUN.toLowerCase()}`, ['gestionCandidat']);
  tokens.reader = await staffUser(`gcandls-${RUN.toLowerCase()}`, ['gestionCandidatLS']);
  tokens.commission = await t.login('commission');
}, 120_000);
afterAll(async () => t?.stop());

describe('search and read', () => {
  it('finds the account by the start of its dossier number, its last name and its e-mail, any case', async () => {
    for (const q of [dossier.slice(0, 6).toLowerCase(), `essai1`, `${dossier.toLowerCase()}@`]) {
      const res = await t.api('GET', `/api/staff/candidates?q=${encodeURIComponent(q)}&pageSize=100`, { token: tokens.writer });
      expect(res.status, q).toBe(200);
      const list = res.body as CandidateAccountList;
      expect(
        list.items.map((i) => i.dossierNumber),
        q,
      ).toContain(dossier);
      expect(list.total).toBeGreaterThanOrEqual(list.items.length);
    }
  });

  it('pages: total counts every match, pages do not overlap', async () => {
    const first = (await t.api('GET', '/api/staff/candidates?pageSize=2&page=1', { token: tokens.reader })).body as CandidateAccountList;
    const second = (await t.api('GET', '/api/staff/candidates?pageSize=2&page=2', { token: tokens.reader })).body as CandidateAccountList;
    expect(first.total).toBeGreaterThan(2);
    expect(first.items).toHaveLength(2);
    expect(second.items.some((i) => first.items.some((f) => f.dossierNumber === i.dossierNumber))).toBe(false);
  });

  it('reads one account with its candidatures; the read-only manager sees it as not writable', async () => {
    const res = await t.api('GET', `/api/staff/candidates/${dossier}`, { token: tokens.reader });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dossierNumber: dossier, campaignCode: '2026-P', sisType: 'P', writable: false, candidatureList: [] });
    expect((await t.api('GET', `/api/staff/candidates/${dossier}`, { token: tokens.writer })).body.writable).toBe(true);
  });

  it('commission members read accounts (SCOL_GESTION_CANDIDAT_COMM = R by default) but change nothing; candidates are refused', async () => {
    const read = await t.api('GET', `/api/staff/candidates/${dossier}`, { token: tokens.commission });
    expect(read.status).toBe(200);
    expect(read.body.writable).toBe(false);
    const put = await t.api('PUT', `/api/staff/candidates/${dossier}`, {
      token: tokens.commission,
      body: { firstName: 'Non' },
      headers: { 'accept-language': 'fr' },
    });
    expect(put.status).toBe(403);
    expect(put.body.detail).toMatch(/lecture seule/);
    expect((await t.api('GET', '/api/staff/candidates', { token: tokens.candidate })).status).toBe(403);
    expect((await t.api('GET', '/api/staff/candidates/ZZZZZZZZ', { token: tokens.writer })).status).toBe(404);
  });
});

describe('changes', () => {
  it('a read-only manager cannot correct an account', async () => {
    const res = await t.api('PUT', `/api/staff/candidates/${dossier}`, {
      token: tokens.reader,
      body: { firstName: 'Nope' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/read-only/);
  });

  it('corrects names, e-mail and language; the lists show the new name; a bad e-mail names the field', async () => {
    const bad = await t.api('PUT', `/api/staff/candidates/${dossier}`, {
      token: tokens.writer,
      body: { email: 'pas-une-adresse' },
      headers: { 'accept-language': 'fr' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/Adresse e-mail/);

    // An application on the candidate's behalf first, so that a list row carries the name.
    const applied = await t.api('POST', '/api/staff/candidatures', {
      token: tokens.admin,
      body: { dossierNumber: dossier, formationCode: await t.freeFormation(tokens.candidate, '2026-P'), mode: 'classique' },
      headers: { 'idempotency-key': `apply-${RUN}-1` },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);

    const email = `corrige-${RUN.toLowerCase()}@essai.test`;
    const res = await t.api('PUT', `/api/staff/candidates/${dossier}`, {
      token: tokens.writer,
      body: { lastName: 'Corrigé', firstName: 'Camille', email, language: 'en' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const detail = res.body as CandidateAccountDetail;
    expect(detail).toMatchObject({ lastName: 'Corrigé', firstName: 'Camille', email, language: 'en', emailValidated: true });
    expect(detail.candidatureList).toHaveLength(1);
    const row = await t.db.candidature.findUniqueOrThrow({ where: { id: detail.candidatureList[0]!.id } });
    expect(row.candidateName).toBe('CORRIGÉ Camille');
    const audit = await t.db.auditEvent.findFirst({ where: { subject: dossier, action: 'candidate-account.update' } });
    expect(audit?.actor).toBe(`gcand-${RUN.toLowerCase()}`);
  });

  it('an e-mail another account of the campaign has is a 409 naming the field', async () => {
    const [other] = await createCandidates(t.db, '2026-P', `CB${RUN}`, 1);
    const res = await t.api('PUT', `/api/staff/candidates/${dossier}`, { token: tokens.writer, body: { email: other }, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].field).toBe('email');
  });
});

describe('synchronisation with the SIS', () => {
  it('looks the candidate up again in Pégase with the file’s INE and birth date, fills the file from it, and the lists find it by that INE', async () => {
    const students = (await (await fetch(`${t.pegase!.url}/__admin/students?limit=80`)).json()) as {
      ine: string | null;
      nomNaissance: string;
      dateNaissance: string;
      temoinDoublonPotentiel: boolean;
    }[];
    // Beyond the first twenty (the pre-fill tests take theirs there).
    const student = students.slice(40).find((s) => s.ine && !s.temoinDoublonPotentiel)!;
    expect(student).toBeDefined();
    const account = await t.db.candidateAccount.findUniqueOrThrow({ where: { dossierNumber: dossier } });
    await t.db.candidate.update({
      where: { accountId: account.id },
      data: { ine: student.ine!.slice(0, 10), ineKey: student.ine!.slice(10), birthDate: new Date(`${student.dateNaissance.slice(0, 10)}T00:00:00Z`) },
    });
    const res = await t.api('POST', `/api/staff/candidates/${dossier}/sis-sync`, { token: tokens.writer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ sisSync: 'updated', fromSis: true });
    const person = await t.db.candidate.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(person.birthName).toBe(student.nomNaissance);
    // The lists find the candidature by the INE the SIS gave (their copy of it follows the file).
    const byIne = await t.api('GET', `/api/staff/candidatures?q=${student.ine!.slice(0, 10).toLowerCase()}`, { token: tokens.admin });
    expect(byIne.body.items.map((i: { id: string }) => i.id)).toEqual(res.body.candidatureList.map((c: { id: string }) => c.id));
    const again = await t.api('POST', `/api/staff/candidates/${dossier}/sis-sync`, { token: tokens.writer });
    expect(again.body.sisSync).toBe('unchanged');
    expect((await t.api('POST', `/api/staff/candidates/${dossier}/sis-sync`, { token: tokens.reader })).status).toBe(403);
  });
});
