// The admin console (GET /api/admin/console/…): an export the Apogée simulator refuses appears, the
// admin's retry fixes it and it leaves the console; a mail SMTP refuses until the outbox gives up
// appears, "send again" delivers it once; an export Pégase keeps answering 503 to shows as a stuck
// workflow (pending activity, attempt, last failure) until it goes through. Admins only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleOverview, StuckWorkflows } from '../../contracts/admin.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 4).toUpperCase();
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
}, 120_000);
afterAll(async () => {
  t?.smtp.refuse(false);
  await t?.stop();
});

const overview = async (): Promise<ConsoleOverview> => {
  const res = await t.api('GET', '/api/admin/console/overview', { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function fault(sis: 'apogee' | 'pegase', body: unknown): Promise<void> {
  const res = await fetch(`${t[sis]!.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

async function candidateOf(campaign: string, prefix: string): Promise<{ email: string; token: string }> {
  const [email] = await createCandidates(t.db, campaign, `${prefix}${RUN}`, 1);
  if (campaign === '2026-A') {
    // What Apogée asks of a candidate born in France (campaign-switch.test.ts does the same).
    const row = await t.db.candidateAccount.findFirstOrThrow({ where: { email: email! }, include: { candidate: true } });
    await t.db.candidate.update({ where: { id: row.candidate!.id }, data: { birthCommuneCode: '69123', birthDepartmentCode: '069', ineKey: 'A' } });
    await t.db.candidateBac.update({ where: { candidateId: row.candidate!.id }, data: { bacCode: 'GEN' } });
    await t.db.address.update({ where: { candidateId: row.candidate!.id }, data: { postcode: '75004', communeCode: '75056' } });
  }
  return { email: email!, token: await t.login(email!) };
}

describe('the admin console', () => {
  it('lists an export the SIS refused; the retry exports it and it leaves the console', async () => {
    const who = await candidateOf('2026-A', 'CA');
    const { id } = await t.decidedCandidature(who.token, '2026-A');
    await fault('apogee', { operation: 'mettreajourDonneesOpi_v10', kind: 'soapFault', count: 1, message: 'Erreur de test : codCge non cohérent' });
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token: who.token })).status).toBe(200);
    await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id } }),
      (row) => row.exportStatus === 'failed',
      60_000,
    );

    const listed = (await overview()).failedExports.find((e) => e.candidatureId === id);
    expect(listed).toMatchObject({ exportStatus: 'failed', sisType: 'A', campaignCode: '2026-A', attempts: 1 });
    expect(listed!.lastError).toMatch(/codCge non cohérent/);
    expect(listed!.dossierNumber).toBe(who.email.split('@')[0]!.toUpperCase());

    const retried = await t.api('POST', `/api/admin/candidatures/${id}/export/retry`, { token: admin });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id } }),
      (row) => row.exportStatus === 'done',
      60_000,
    );
    expect((await overview()).failedExports.map((e) => e.candidatureId)).not.toContain(id);
    // The timeline tells the story: the refused attempt with the SIS's message, then the one that went through.
    const tl = (await t.api('GET', `/api/admin/candidatures/${id}/timeline?kind=export,action`, { token: admin })).body;
    const attempts = tl.entries.filter((e: { event: string }) => e.event === 'exportAttempt');
    expect(attempts.map((e: { outcome: string }) => e.outcome)).toEqual(['failed', 'ok']);
    expect(attempts[0].reason.fr).toMatch(/codCge non cohérent/);
    expect(tl.entries.find((e: { transition: string }) => e.transition === 'retryExport')).toMatchObject({
      outcome: 'applied',
      actor: { kind: 'staff', login: 'admin' },
    });
  });

  it('lists a mail SMTP refused until the outbox gave up; "send again" delivers it once', async () => {
    const who = await candidateOf('2026-P', 'CM');
    const formationCode = await t.freeFormation(who.token, '2026-P');
    const created = await t.api('POST', '/api/candidatures', { token: who.token, body: { formationCode } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await t.completeFile(who.token, id);
    t.smtp.refuse(true);
    try {
      expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token: who.token })).status).toBe(200);
      // The outbox retries with a growing delay: each retry is made due at once, until the attempts run out.
      await t.eventually(
        async () => {
          await t.db.$executeRaw`UPDATE mail_log SET next_attempt_at = now() WHERE candidature_id = ${id} AND status = 'retry'`;
          await t.db.$executeRaw`SELECT pg_notify('mail_outbox', '')`;
          return t.db.mailLog.findMany({ where: { candidatureId: id, mailCode: 'STATUT_RE' } });
        },
        (rows) => rows.length === 1 && rows[0]!.status === 'failed',
        120_000,
      );
    } finally {
      t.smtp.refuse(false);
    }
    const failed = (await t.db.mailLog.findFirstOrThrow({ where: { candidatureId: id, mailCode: 'STATUT_RE' } }))!;
    expect(failed.attempts).toBe(8);
    const listed = (await overview()).failedMails.find((m) => m.id === failed.id);
    expect(listed).toMatchObject({ status: 'failed', mailCode: 'STATUT_RE', attempts: 8, candidatureId: id });
    expect(listed!.error).toMatch(/refused by the catcher/);
    // The Message-ID the outbox gives this mail (activities/mail.ts `deliver`): never delivered so far.
    const messageId = `<${failed.idempotencyKey.replace(/[^\w.-]/g, '.')}@ecandidat>`;
    const delivered = () => t.smtp.messages().filter((m) => m.headers['message-id'] === messageId);
    expect(delivered()).toHaveLength(0);

    // Only an admin sends it again.
    expect((await t.api('POST', `/api/admin/console/mails/${failed.id}/resend`, { token: await t.login('centre') })).status).toBe(403);
    const resent = await t.api('POST', `/api/admin/console/mails/${failed.id}/resend`, { token: admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ id: failed.id, status: 'queued', attempts: 0, error: null });
    const mail = await t.smtp.waitFor((m) => m.headers['message-id'] === messageId, 30_000);
    expect(mail.to).toEqual([who.email]);
    await t.eventually(
      () => t.db.mailLog.findUniqueOrThrow({ where: { id: failed.id } }),
      (row) => row.status === 'sent',
    );
    // Sent: not again. A second "send again" is refused, and the candidate got it once.
    const again = await t.api('POST', `/api/admin/console/mails/${failed.id}/resend`, { token: admin });
    expect(again.status).toBe(409);
    expect(delivered()).toHaveLength(1);
    expect((await overview()).failedMails.map((m) => m.id)).not.toContain(failed.id);
    expect((await t.api('POST', '/api/admin/console/mails/2147483647/resend', { token: admin })).status).toBe(404);
  });

  it('shows a workflow whose export keeps failing as stuck, with its attempt and last failure, until it goes through', async () => {
    const who = await candidateOf('2026-P', 'CS');
    const { id } = await t.decidedCandidature(who.token, '2026-P');
    await fault('pegase', { path: '/api/ins/v1/*', kind: 'http5xx', status: 503, count: 3 });
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token: who.token })).status).toBe(200);
    const stuck = await t.eventually(
      () => t.api('GET', '/api/admin/console/stuck', { token: admin }).then((r) => r.body as StuckWorkflows),
      (s) => s.workflows.some((w) => w.candidatureId === id),
      60_000,
    );
    const ours = stuck.workflows.find((w) => w.candidatureId === id)!;
    expect(ours).toMatchObject({ workflowId: `candidature-${id}`, exportStatus: 'pending' });
    expect(ours.pendingActivities[0]).toMatchObject({ activityType: 'exportToSis', maximumAttempts: 10 });
    expect(ours.pendingActivities[0]!.attempt).toBeGreaterThanOrEqual(2);
    expect(ours.pendingActivities[0]!.lastFailure).toMatch(/503/);
    await t.eventually(
      () => t.db.candidature.findUniqueOrThrow({ where: { id } }),
      (row) => row.exportStatus === 'done',
      60_000,
    );
    const after = (await t.api('GET', '/api/admin/console/stuck', { token: admin })).body as StuckWorkflows;
    expect(after.workflows.map((w) => w.candidatureId)).not.toContain(id);
  });

  it('lists a mail skipped for want of a template or an address, not one the commission’s alert settings switched off', async () => {
    const key = `console-skip-${randomUUID()}`;
    const base = { mailCode: 'COMMISSION_ALERT_PROPOSITION', recipient: '', subject: '', variables: {}, status: 'skipped', recipientRole: 'commission' };
    const [missing, intended] = await Promise.all([
      t.db.mailLog.create({ data: { ...base, idempotencyKey: `${key}-a`, error: 'no recipient: commission X has neither an alert address nor an address' } }),
      t.db.mailLog.create({
        data: { ...base, idempotencyKey: `${key}-b`, error: 'alert off: commission X does not alert on this event (alertOnProposition is off)' },
      }),
    ]);
    const skipped = (await overview()).skippedMails.map((m) => m.id);
    expect(skipped).toContain(missing.id);
    expect(skipped).not.toContain(intended.id);
  });

  it('is for admins only', async () => {
    const centre = await t.login('centre');
    for (const path of ['/api/admin/console/overview', '/api/admin/console/stuck']) {
      expect((await t.api('GET', path, { token: centre })).status).toBe(403);
      expect((await t.api('GET', path)).status).toBe(401);
    }
  });
});
