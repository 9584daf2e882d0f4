// A production installation from an empty database (issue 9): the seed gives the reference codes and
// the first administrator from the configuration, nothing of the demo; that administrator sets the
// institution up through the API (campaign, centre, commission with a member, formation) and the
// first candidature goes through on it, from application to the SIS export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type Db } from '../../infra/prisma.ts';
import { seed } from '../../prisma/seed.ts';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { freshDatabase } from '../support/fresh-database.ts';

let url: string;
const firstAdmin = { login: 'premiere.admin', displayName: 'Première Admin', email: 'admin@univ-prod.fr', password: 'un-long-mot-de-passe' };
let db: Db;
let t: TestApp;

beforeAll(async () => {
  url = await freshDatabase('first_start');
  db = createPrisma(url);
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await db?.$disconnect();
});

describe('first start of a production installation', () => {
  it('seeds the reference codes and the configured administrator, and nothing of the demo; a second seed changes nothing', async () => {
    await seed(db, { mode: 'production', firstAdmin });
    await seed(db, { mode: 'production', firstAdmin: { ...firstAdmin, login: 'autre.admin' } });
    expect(await db.campaign.count()).toBe(0);
    expect(await db.centre.count()).toBe(0);
    expect(await db.candidateAccount.count()).toBe(0);
    expect(await db.dossierStatusType.count()).toBeGreaterThan(0);
    expect(await db.decisionType.count()).toBeGreaterThan(0);
    expect(await db.parameter.count()).toBeGreaterThan(40);
    const staff = await db.staffUser.findMany({ include: { grants: true } });
    expect(staff.map((s) => [s.login, s.grants.map((g) => g.profileCode)])).toEqual([['premiere.admin', ['admin']]]);
  });

  it('is set up by that administrator, and takes its first candidature to the SIS export', async () => {
    t = await startTestApp({ databaseUrl: url, mode: 'production' });
    const admin = await t.login(firstAdmin.login, firstAdmin.password);
    const today = parisDate(new Date());
    const post = async (path: string, body: unknown) => {
      const res = await t.api('POST', path, { token: admin, body });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const campaign = await post('/api/admin/campaigns', {
      code: '2027-P',
      label: 'Campagne 2027',
      sisType: 'P',
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 200),
    });
    expect(campaign).toMatchObject({ active: true, archivesCampaignCode: null });
    await post('/api/admin/centres', { code: 'SCI', label: 'UFR Sciences', sisType: 'P' });
    await post('/api/admin/commissions', { code: 'SCI-INFO', label: 'Commission informatique', centreCode: 'SCI', email: 'info@univ-prod.fr' });
    await post('/api/admin/staff-users', { login: 'jean.gestion', displayName: 'Jean Gestion', email: 'jean@univ-prod.fr', password: 'mot-de-passe-gestion' });
    expect((await t.api('PUT', '/api/admin/centres/SCI/managers', { token: admin, body: [{ login: 'jean.gestion' }] })).status).toBe(200);
    await post('/api/admin/formations', {
      code: 'M1-INFO',
      label: 'Master 1 Informatique',
      commissionCode: 'SCI-INFO',
      applicationStartsOn: addDays(today, -1),
      applicationEndsOn: addDays(today, 30),
      returnDeadline: addDays(today, 40),
      confirmationOn: addDays(today, 60),
      pegaseCode: 'MINFO-M1',
    });
    // The offer shows it at once.
    const offer = await t.api('GET', '/api/campaigns/2027-P/formations');
    expect(offer.body.map((f: { code: string }) => f.code)).toEqual(['M1-INFO']);

    const [email] = await createCandidates(db, '2027-P', 'PRD', 1);
    const candidate = await t.login(email!);
    const created = await t.api('POST', '/api/candidatures', { token: candidate, body: { formationCode: 'M1-INFO' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const manager = await t.login('jean.gestion', 'mot-de-passe-gestion');
    await t.bringToDecision(id, { candidate, manager });
    const confirmed = await t.api('POST', `/api/candidatures/${id}/confirm`, { token: candidate });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const exported = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${id}`, { token: manager }).then((r) => r.body),
      (v) => v.export.status === 'done',
      60_000,
    );
    expect(exported.stage).toBe('confirmed');
  }, 120_000);
});
