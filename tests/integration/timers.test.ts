// Days-long timers of the candidature workflow on Temporal's time-skipping test server (reference
// §3.2.12–13): the reminder N days before the confirmation deadline, then the automatic withdrawal
// when it passes, with the real worker, API, PostgreSQL and SMTP catcher. Time is moved forward
// with the test server's sleep, months in a second.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextExportBatchAt } from '../../domain/deadlines.ts';
import type { TestApp } from '../support/app.ts';
import { startTimeSkippingApp } from '../support/time-skipping.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

let env: TestWorkflowEnvironment;
let t: TestApp;

beforeAll(async () => {
  ({ env, t } = await startTimeSkippingApp());
}, 180_000);

afterAll(async () => {
  await t?.stop();
  await env?.teardown();
});

const day = 86_400_000;

describe('confirmation timers on the time-skipping server', () => {
  it('sends the reminder N days before the deadline, then withdraws automatically (autoDesist) once it passes', async () => {
    const [email] = await createCandidates(t.db, '2026-P', 'TIM', 1);
    const [token, centre] = await Promise.all([t.login(email!), t.login('centre')]);
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-INFO' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    await t.bringToDecision(id, { candidate: token, manager: centre });
    // A deadline 10 days after the publication (a manager's override): reminder 2 days before.
    const now = await env.currentTimeMs();
    const deadline = new Date(now + 10 * day).toISOString();
    const offer = await t.api('PUT', `/api/staff/candidatures/${id}/confirmation-deadline`, { token: centre, body: { deadline } });
    expect(offer.status).toBe(200);
    const reminderAt = new Date(offer.body.confirmation.reminderAt).getTime();
    expect(reminderAt).toBeGreaterThan(now + 7 * day);
    expect(reminderAt).toBeLessThan(now + 8 * day + 1);

    const reminders = () => t.db.mailLog.count({ where: { candidatureId: id, mailCode: 'CANDIDATURE_RELANCE_FAVO' } });
    // A day before the reminder: nothing yet.
    await env.sleep(reminderAt - now - day);
    expect(await reminders()).toBe(0);
    // Past the reminder: one mail, the candidate has still not answered.
    await env.sleep(day + 60_000);
    await t.eventually(reminders, (n) => n === 1);
    const reminded = (await t.api('GET', `/api/staff/candidatures/${id}`, { token: centre })).body;
    expect(reminded.confirmation).toMatchObject({ answer: null, remindedAt: expect.any(String) });
    expect(reminded.stage).toBe('decided');

    // Past the deadline: withdrawn by autoDesist, with its mail; the candidate can no longer confirm.
    await env.sleep(3 * day);
    const withdrawn = await t.eventually(
      () => t.api('GET', `/api/staff/candidatures/${id}`, { token: centre }).then((r) => r.body),
      (v) => v.confirmation.answer === 'withdrawn',
    );
    expect(withdrawn.confirmation.answeredBy).toBe('autoDesist');
    expect(withdrawn.stage).toBe('withdrawn');
    await t.eventually(
      () => t.db.mailLog.count({ where: { candidatureId: id, mailCode: 'CANDIDATURE_DESIST_AUTO' } }),
      (n) => n === 1,
    );
    expect(await reminders()).toBe(1);
    expect((await t.api('POST', `/api/candidatures/${id}/confirm`, { token })).status).toBe(409);
    await captureHistory('reminder-then-auto-withdrawal', env.client.workflow.getHandle(`candidature-${id}`));
  });
});

describe('batched export on the time-skipping server (OPI_IS_IMMEDIAT = N)', () => {
  it('keeps a confirmed admission pending until the daily batch time, then exports it once', async () => {
    await t.db.parameter.update({ where: { code: 'OPI_IS_IMMEDIAT' }, data: { value: 'N' } });
    try {
      const [email] = await createCandidates(t.db, '2026-P', 'BAT', 1);
      const [token, centre] = await Promise.all([t.login(email!), t.login('centre')]);
      const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: 'L3-INFO' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id: string = created.body.id;
      await t.bringToDecision(id, { candidate: token, manager: centre });
      const confirmed = await t.api('POST', `/api/candidatures/${id}/confirm`, { token });
      expect(confirmed.body.export.status).toBe('pending');
      // The daily batch at 22:00 Paris time (the seeded OPI_HEURE_BATCH): a minute before, nothing is sent…
      const now = await env.currentTimeMs();
      const batchAt = new Date(nextExportBatchAt(new Date(now), '22:00')).getTime();
      await env.sleep(batchAt - now - 60_000);
      expect(await t.db.sisExport.count({ where: { businessKey: `${id}:1` } })).toBe(0);
      expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body.export.status).toBe('pending');
      // …two minutes later it is exported, once.
      await env.sleep(120_000);
      await t.eventually(
        () => t.api('GET', `/api/candidatures/${id}`, { token }).then((r) => r.body),
        (v) => v.export.status === 'done',
      );
      expect(await t.db.sisExport.count({ where: { businessKey: `${id}:1`, status: 'done' } })).toBe(1);
    } finally {
      await t.db.parameter.update({ where: { code: 'OPI_IS_IMMEDIAT' }, data: { value: 'O' } });
    }
  });
});
