// A campaign's lifecycle (reference §4.1, §8) through the admin API, with the real worker and
// PostgreSQL: archived at the planned activation of the campaign that replaces it (an admin moves
// the date, the timer follows), its candidatures read-only from then on; then, on Temporal's
// time-skipping test server where a year passes in seconds, its candidates' data destroyed
// SCOL_NB_JOUR_ARCHIVAGE (365) days later, with an audit event.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import type { Db } from '../../infra/prisma.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

const day = 86_400_000;

/** A campaign in service (Pégase formations) and the new one that will replace it, not yet active. */
async function createCampaignPair(db: Db, tag: string, plannedActivationAt: Date | null) {
  const suffix = `${tag}${Date.now().toString(36).slice(-5)}`.toUpperCase();
  const base = { sisType: 'P' as const, startsOn: new Date('2026-01-01'), endsOn: new Date('2027-12-31') };
  const old = await db.campaign.create({
    data: { ...base, code: `OLD-${suffix}`, label: `Campagne ${suffix}`, active: true, activatedAt: new Date('2026-01-01') },
  });
  const next = await db.campaign.create({
    data: { ...base, code: `NEW-${suffix}`, label: `Campagne suivante ${suffix}`, active: false, archivesCampaignId: old.id, plannedActivationAt },
  });
  return { old: old.code, next: next.code };
}

/**
 * Removes a pair and whatever is left of its candidates: the database is shared by every test file,
 * which expects one campaign in service per SIS.
 */
async function removeCampaignPair(db: Db, pair: { old: string; next: string }) {
  const candidatures = await db.candidature.findMany({ where: { campaign: { code: { in: [pair.old, pair.next] } } }, select: { id: true } });
  const ids = candidatures.map((c) => c.id);
  await db.mailLog.deleteMany({ where: { candidatureId: { in: ids } } });
  await db.sisExport.deleteMany({ where: { candidatureId: { in: ids } } });
  await db.candidature.deleteMany({ where: { id: { in: ids } } });
  await db.storedFile.deleteMany({ where: { account: { campaign: { code: { in: [pair.old, pair.next] } } } } });
  await db.candidateAccount.deleteMany({ where: { campaign: { code: { in: [pair.old, pair.next] } } } });
  await db.campaign.deleteMany({ where: { code: pair.next } });
  await db.campaign.deleteMany({ where: { code: pair.old } });
}

/** A candidate of the campaign who applies (and, with `transmit`, completes and sends the file). */
async function applyIn(t: TestApp, campaign: string, prefix: string, formationCode: string, transmit: boolean) {
  const [email] = await createCandidates(t.db, campaign, prefix, 1);
  const token = await t.login(email!);
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  if (transmit) {
    await t.completeFile(token, id);
    const sent = await t.api('POST', `/api/candidatures/${id}/transmit`, { token });
    if (sent.status !== 200) throw new Error(`transmit: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
  return { id, token };
}

describe('campaign archiving at the successor’s planned activation', () => {
  let t: TestApp;
  let temporal: Client;
  let admin: string;
  let centre: string;
  const pairs: { old: string; next: string }[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    temporal = await connectTemporal(t.config);
    [admin, centre] = await Promise.all([t.login('admin'), t.login('centre')]);
  }, 120_000);
  afterAll(async () => {
    for (const pair of pairs) await removeCampaignPair(t.db, pair);
    await temporal?.connection.close();
    await t?.stop();
  });

  it('archives when the moved activation comes: formation dates snapshotted, successor in service, candidatures read-only', async () => {
    const { old, next } = await createCampaignPair(t.db, 'A', null);
    pairs.push({ old, next });
    const sent = await applyIn(t, old, 'ARA', 'L3-INFO', true);
    const draft = await applyIn(t, old, 'ARB', 'L3-INFO', false);
    const lifecycle = () => t.api('GET', `/api/admin/campaigns/${old}/lifecycle`, { token: admin });

    // Planned in a day: the campaign waits, and says for what.
    const inADay = new Date(Date.now() + day).toISOString();
    const planned = await t.api('POST', `/api/admin/campaigns/${next}/activation`, { token: admin, body: { plannedActivationAt: inADay } });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    expect(planned.body).toMatchObject({ campaignCode: old, successor: { code: next, plannedActivationAt: inADay }, archivedAt: null });
    expect((await t.db.campaign.findUniqueOrThrow({ where: { code: next } })).plannedActivationAt?.toISOString()).toBe(inADay);
    const waiting = await t.eventually(
      () => lifecycle().then((r) => r.body),
      (l) => l.phase !== 'starting',
    );
    expect(waiting).toMatchObject({ phase: 'waiting', successor: { code: next, plannedActivationAt: inADay } });
    expect((await t.api('POST', `/api/staff/candidatures/${sent.id}/dossier-status`, { token: centre, body: { status: 'CO' } })).status).toBe(200);

    // Moved to a few seconds from now: the timer follows, long before the day is over.
    const soon = new Date(Date.now() + 3000).toISOString();
    const moved = await t.api('POST', `/api/admin/campaigns/${next}/activation`, { token: admin, body: { plannedActivationAt: soon } });
    expect(moved.body.successor.plannedActivationAt).toBe(soon);
    const archived = await t.eventually(
      () => lifecycle().then((r) => r.body),
      (l) => l.phase === 'archived',
    );
    expect(archived).toMatchObject({ candidatures: { total: 2, notified: 2 }, retentionDays: 365 });
    expect(Date.parse(archived.archivedAt)).toBeGreaterThanOrEqual(Date.parse(soon));
    expect(Date.parse(archived.destructionDueAt) - Date.parse(archived.archivedAt)).toBe(365 * day);

    const [oldRow, nextRow] = await Promise.all([
      t.db.campaign.findUniqueOrThrow({ where: { code: old } }),
      t.db.campaign.findUniqueOrThrow({ where: { code: next } }),
    ]);
    expect(oldRow).toMatchObject({ active: false, archivedAt: new Date(archived.archivedAt) });
    expect(nextRow).toMatchObject({ active: true, activatedAt: new Date(archived.archivedAt) });
    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: 'L3-INFO' } });
    const row = await t.db.candidature.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({
      formationApplicationStartsOn: formation.applicationStartsOn,
      formationApplicationEndsOn: formation.applicationEndsOn,
      formationReturnDeadline: formation.returnDeadline,
      formationJuryOn: formation.juryOn,
    });

    // Every candidature of the campaign is read-only: manager and candidate alike are refused.
    const view = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${sent.id}`, { token: centre }).then((r) => r.body),
      (v) => v.archivedAt !== null && v.archivedAt !== undefined,
    );
    expect(view.dossierStatus).toBe('CO');
    const refused = await t.api('POST', `/api/staff/candidatures/${sent.id}/dossier-status`, { token: centre, body: { status: 'IN' } });
    expect(refused.status).toBe(409);
    expect((await t.api('GET', `/api/staff/candidatures/${sent.id}`, { token: centre })).body.dossierStatus).toBe('CO');
    await t.eventually(
      () => t.api('GET', `/api/candidatures/${draft.id}`, { token: draft.token }).then((r) => r.body),
      (v) => v.archivedAt !== null && v.archivedAt !== undefined,
    );
    expect((await t.api('POST', `/api/candidatures/${draft.id}/cancel`, { token: draft.token })).status).toBe(409);
    // The archiving is done: it no longer moves.
    const late = await t.api('POST', `/api/admin/campaigns/${next}/activation`, { token: admin, body: { plannedActivationAt: inADay } });
    expect(late.status).toBe(409);

    await captureHistory('campaign-archived', temporal.workflow.getHandle(`campaign-${old}`));
  });

  it('refuses bad activation requests: not a date (400 naming the field), a campaign that replaces none (409), an unknown one (404)', async () => {
    const bad = await t.api('POST', '/api/admin/campaigns/2026-P/activation', { token: admin, body: { plannedActivationAt: 'demain' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('plannedActivationAt');
    const none = await t.api('POST', '/api/admin/campaigns/2026-P/activation', { token: admin, body: { plannedActivationAt: new Date().toISOString() } });
    expect(none.status).toBe(409);
    expect((await t.api('GET', '/api/admin/campaigns/NOPE/lifecycle', { token: admin })).status).toBe(404);
    expect((await t.api('GET', '/api/admin/campaigns/2026-P/lifecycle', { token: centre })).status).toBe(403);
    const paths = Object.keys((await t.api('GET', '/api/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/admin/campaigns/{code}/lifecycle', '/api/admin/campaigns/{code}/activation']));
  });
});

describe('destruction of an archived campaign’s data on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let t: TestApp;
  let pair: { old: string; next: string };
  beforeAll(async () => {
    const path = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the tests with `npm test`, which installs the time-skipping server');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    // Created before the API starts: its start gives the campaign its lifecycle workflow.
    const { createPrisma } = await import('../../infra/prisma.ts');
    const { loadConfig } = await import('../../infra/config.ts');
    const db = createPrisma(loadConfig().databaseUrl);
    pair = await createCampaignPair(db, 'D', null);
    await db.$disconnect();
    // The test server cannot register custom search attributes: the workflows go without them.
    t = await startTestApp({ temporalAddress: env.address, searchAttributes: false });
  }, 180_000);
  afterAll(async () => {
    if (pair && t) await removeCampaignPair(t.db, pair);
    await t?.stop();
    await env?.teardown();
  });

  it('destroys accounts, profiles, candidatures, files and their logs 365 days after archiving, and records it', async () => {
    const { old, next } = pair;
    const admin = await t.login('admin');
    const lifecycle = () => t.api('GET', `/api/admin/campaigns/${old}/lifecycle`, { token: admin }).then((r) => r.body);
    // Started with the API, from the database: nothing planned yet.
    const started = await t.eventually(lifecycle, (l) => l.phase !== 'starting');
    expect(started).toMatchObject({ phase: 'waiting', successor: { code: next, plannedActivationAt: null } });

    const { id } = await applyIn(t, old, 'DES', 'DU-DATA', true);
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { campaign: { code: old } }, include: { files: true } });
    expect(account.files.length).toBeGreaterThan(0);
    const filePaths = account.files.map((f) => join(t.config.filesDir, f.code));
    for (const p of filePaths) expect(existsSync(p)).toBe(true);
    await t.eventually(
      () => t.db.mailLog.count({ where: { candidatureId: id } }),
      (n) => n > 0,
    );

    const now = await env.currentTimeMs();
    const activation = new Date(now + 5_000).toISOString();
    expect((await t.api('POST', `/api/admin/campaigns/${next}/activation`, { token: admin, body: { plannedActivationAt: activation } })).status).toBe(200);
    await env.sleep(10_000);
    const archived = await t.eventually(lifecycle, (l) => l.phase === 'archived' && l.destructionDueAt !== null);
    const dueAt = Date.parse(archived.destructionDueAt);
    expect(dueAt - Date.parse(archived.archivedAt)).toBe(365 * day);

    // A day before the due date: everything is still there.
    await env.sleep(dueAt - (await env.currentTimeMs()) - day);
    expect((await lifecycle()).phase).toBe('archived');
    expect(await t.db.candidateAccount.count({ where: { id: account.id } })).toBe(1);

    // Past it: destroyed.
    await env.sleep(2 * day);
    const destroyed = await t.eventually(lifecycle, (l) => l.phase === 'destroyed');
    expect(destroyed.destruction).toMatchObject({ accounts: 1, candidatures: 1, files: account.files.length });
    expect(destroyed.destruction.mails).toBeGreaterThan(0);
    expect(await t.db.candidateAccount.count({ where: { id: account.id } })).toBe(0);
    expect(await t.db.candidate.count({ where: { accountId: account.id } })).toBe(0);
    expect(await t.db.candidature.count({ where: { id } })).toBe(0);
    expect(await t.db.storedFile.count({ where: { accountId: account.id } })).toBe(0);
    expect(await t.db.mailLog.count({ where: { candidatureId: id } })).toBe(0);
    for (const p of filePaths) expect(existsSync(p)).toBe(false);
    const campaign = await t.db.campaign.findUniqueOrThrow({ where: { code: old } });
    expect(campaign.destroyedAt?.toISOString()).toBe(destroyed.destroyedAt);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subject: `campaign:${old}`, action: 'CAMPAIGN_DESTROYED' } });
    expect(audit.details).toMatchObject({ accounts: 1, candidatures: 1 });
    // The successor and its data are untouched.
    expect(await t.db.campaign.findUniqueOrThrow({ where: { code: next } })).toMatchObject({ active: true, destroyedAt: null });

    await captureHistory('campaign-archived-then-destroyed', env.client.workflow.getHandle(`campaign-${old}`));
  });
});
