// A change of a formation reaches its running candidatures (issue 9, reference §4.4: dates are read
// live until archiving), on Temporal's time-skipping server: 200 candidatures wait for their
// confirmation deadline, an administrator moves the formation's confirmation date later, the change
// is sent to all of them (progress readable), and the automatic withdrawals fire at the new date,
// not the old one. A document added to the formation appears in its open candidatures' files.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfParisDay, parisDate } from '../../domain/time.ts';
import type { TestApp } from '../support/app.ts';
import { startTimeSkippingApp } from '../support/time-skipping.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';
import { retireFormations } from '../support/setup-data.ts';

const COUNT = 200;
const run = randomUUID().slice(0, 5).toUpperCase();
let env: TestWorkflowEnvironment;
let t: TestApp;

beforeAll(async () => {
  ({ env, t } = await startTimeSkippingApp());
}, 180_000);

afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await t?.stop();
  await env?.teardown();
});

describe('a formation change reaches its running candidatures', () => {
  it(`moves the confirmation deadline of ${COUNT} waiting candidatures: automatic withdrawals at the new date, not the old`, async () => {
    const admin = await t.login('admin');
    const today = parisDate(new Date(await env.currentTimeMs()));
    const formation = `PROP-${run}`;
    const oldDay = addDays(today, 10);
    const newDay = addDays(today, 20);
    const created = await t.api('POST', '/api/admin/formations', {
      token: admin,
      body: {
        code: formation,
        label: `Formation ${run}`,
        commissionCode: 'FST-INFO',
        applicationStartsOn: addDays(today, -1),
        applicationEndsOn: addDays(today, 5),
        returnDeadline: addDays(today, 5),
        confirmationOn: oldDay,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // 200 propositions (complete file, favourable opinion), validated in one mass action: each waits for its answer.
    await createCandidates(t.db, '2026-P', `P${run.slice(0, 2)}`, COUNT);
    const ids: string[] = [];
    for (let i = 1; i <= COUNT; i++) {
      const dossierNumber = `P${run.slice(0, 2)}${String(i).padStart(5, '0')}`;
      const res = await t.api('POST', '/api/staff/candidatures', { token: admin, body: { dossierNumber, formationCode: formation, mode: 'proposition' } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const bulk = await t.api('POST', '/api/staff/bulk', { token: admin, body: { action: 'validateOpinion', candidatureIds: ids } });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
    const validated = await t.eventually(
      () => t.api('GET', `/api/staff/bulk/${bulk.body.id}?limit=1`, { token: admin }).then((r) => r.body),
      (p) => p.status === 'completed',
      120_000,
    );
    expect(validated.succeeded).toBe(COUNT);
    const deadlineOf = async (day: string) => t.db.candidature.count({ where: { id: { in: ids }, confirmationDeadline: endOfParisDay(day) } });
    expect(await deadlineOf(oldDay)).toBe(COUNT);

    // The administrator moves the formation's confirmation date 10 days later.
    const moved = await t.api('PATCH', `/api/admin/formations/${formation}`, { token: admin, body: { confirmationOn: newDay } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.propagation).toMatchObject({ total: COUNT, finished: false });
    const propagation = await t.eventually(
      () => t.api('GET', `/api/admin/formations/${formation}/propagations/${moved.body.propagation.id}`, { token: admin }).then((r) => r.body),
      (p) => p.finished,
      120_000,
    );
    expect(propagation).toMatchObject({ total: COUNT, done: COUNT, failed: 0 });
    await t.eventually(
      () => deadlineOf(newDay),
      (n) => n === COUNT,
      60_000,
    );

    // Two days past the old date: nobody withdrawn.
    const withdrawn = () => t.db.candidature.count({ where: { id: { in: ids }, confirmationAnswer: 'withdrawn', answeredBy: 'autoDesist' } });
    const now = await env.currentTimeMs();
    await env.sleep(endOfParisDay(addDays(oldDay, 2)).getTime() - now);
    expect(await withdrawn()).toBe(0);
    // Past the new date: every one withdrawn automatically, once.
    await env.sleep(endOfParisDay(addDays(newDay, 1)).getTime() - (await env.currentTimeMs()));
    await t.eventually(withdrawn, (n) => n === COUNT, 120_000);
    const mails = await t.db.mailLog.count({ where: { candidatureId: { in: ids }, mailCode: 'CANDIDATURE_DESIST_AUTO' } });
    expect(mails).toBe(COUNT);
    const audit = await t.api('GET', `/api/admin/audit?subject=formation:${formation}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['formation.propagation', 'formation.update', 'formation.create']);
    await captureHistory('formation-change-then-auto-withdrawal', env.client.workflow.getHandle(`candidature-${ids[0]}`));
  }, 600_000);
});
