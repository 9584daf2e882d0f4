// Mass actions through the HTTP API against the real Temporal dev server and PostgreSQL: a manager
// sets dossier statuses, a commission member enters opinions and a manager validates them on a
// selection; each item's result is the candidature's own answer (refusals keep their reason and
// change nothing), items outside the manager's scope are refused on their own, and the mass-entry
// block (GEST_IS_UTILISE_BLOCAGE_MASSE) stops a mass entry where a validated opinion exists.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
let temporal: Client;
let centre: string;
let commission: string;
/** c[0..3]: transmitted to FST-INFO (L3-INFO); c[4]: a draft (never transmitted); c[5]: transmitted to FST-MATH. */
const c: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  [centre, commission] = await Promise.all([t.login('centre'), t.login('commission')]);
  const emails = await createCandidates(t.db, '2026-P', 'BLK', 6);
  for (const [i, email] of emails.entries()) {
    const token = await t.login(email);
    const formationCode = i === 5 ? 'MMATH-M1' : 'L3-INFO';
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
    if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
    c.push(created.body.id);
    if (i === 4) continue;
    await t.completeFile(token, created.body.id);
    const sent = await t.api('POST', `/api/candidatures/${created.body.id}/transmit`, { token });
    if (sent.status !== 200) throw new Error(`transmit: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
}, 120_000);

afterAll(async () => {
  await temporal?.connection.close();
  await t?.stop();
});

const view = async (id: string) => (await t.api('GET', `/api/staff/candidatures/${id}`, { token: centre })).body;

/**
 * Follows a mass action until it completes, checking every answer on the way (while running and at
 * the end): counts agree with the per-item results, and "completed" means every item is done.
 */
async function follow(id: string, token: string, total: number) {
  const seen: any[] = [];
  const last = await t.eventually(
    async () => {
      const res = await t.api('GET', `/api/staff/bulk/${id}`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(res.body);
      return res.body;
    },
    (p) => p.status === 'completed',
  );
  for (const p of seen) {
    expect(p.total).toBe(total);
    expect(p.done).toBe(p.succeeded + p.failed);
    expect(p.items).toHaveLength(total);
    expect(p.items.filter((i: any) => i.outcome === 'pending')).toHaveLength(total - p.done);
    if (p.status === 'completed') expect(p.done).toBe(total);
    else expect(p.done).toBeLessThan(total);
  }
  return { last, seen };
}

const byId = (progress: any) => new Map<string, any>(progress.items.map((i: any) => [i.candidatureId, i]));

async function start(token: string, body: unknown) {
  const res = await t.api('POST', '/api/staff/bulk', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.id).toMatch(/^bulk-[0-9a-f-]{36}$/);
  return res.body.id as string;
}

describe('mass actions', () => {
  it('sets the dossier status of a selection; an item already at that status and an unknown one are refused with their reason, unchanged', async () => {
    const already = await t.api('POST', `/api/staff/candidatures/${c[3]}/dossier-status`, { token: centre, body: { status: 'CO' } });
    expect(already.status).toBe(200);
    const before = await view(c[3]!);
    const unknown = randomUUID();
    const id = await start(centre, { action: 'setDossierStatus', args: { status: 'CO' }, candidatureIds: [c[0], c[1], c[2], c[3], unknown, c[0]] });
    // The first answer, right after the start, is already a consistent picture (running or done).
    const first = await t.api('GET', `/api/staff/bulk/${id}`, { token: centre });
    expect(first.status).toBe(200);
    expect(['running', 'completed']).toContain(first.body.status);

    const { last } = await follow(id, centre, 5); // the repeated id counts once
    expect(last).toMatchObject({ action: 'setDossierStatus', actor: 'centre', succeeded: 3, failed: 2 });
    const items = byId(last);
    for (const ok of c.slice(0, 3)) expect(items.get(ok)).toMatchObject({ outcome: 'ok', stage: 'transmitted' });
    expect(items.get(c[3]!)).toMatchObject({ outcome: 'refused', status: 409, type: 'Conflict', message: 'Le dossier est déjà au statut CO.' });
    expect(items.get(unknown)).toMatchObject({ outcome: 'refused', status: 404 });
    for (const ok of c.slice(0, 3)) expect((await view(ok)).dossierStatus).toBe('CO');
    expect((await view(c[3]!)).seq).toBe(before.seq);
    // Each changed candidature tells its candidate, as the single action does.
    await t.eventually(
      () => t.db.mailLog.count({ where: { candidatureId: { in: c.slice(0, 3) }, mailCode: 'STATUT_CO' } }),
      (n) => n === 3,
    );

    await captureHistory('bulk-dossier-status', temporal.workflow.getHandle(id));
  });

  it('enters opinions as a commission member: a draft is refused by its rules, a candidature of another commission by scope, nothing changes on them', async () => {
    const [draftBefore, otherBefore] = await Promise.all([view(c[4]!), view(c[5]!)]);
    const id = await start(commission, {
      action: 'enterOpinion',
      args: { decisionType: 'AVIS_FAVORABLE', comment: 'Très bon dossier.' },
      candidatureIds: [c[0], c[1], c[2], c[4], c[5]],
    });
    const { last } = await follow(id, commission, 5);
    expect(last).toMatchObject({ succeeded: 3, failed: 2 });
    const items = byId(last);
    for (const ok of c.slice(0, 3)) {
      expect(items.get(ok)).toMatchObject({ outcome: 'ok', stage: 'transmitted' });
      const opinion = (await view(ok)).opinions.at(-1);
      expect(opinion).toMatchObject({ decisionType: 'AVIS_FAVORABLE', validated: false, enteredBy: 'commission', comment: 'Très bon dossier.' });
    }
    expect(items.get(c[4]!)).toMatchObject({ outcome: 'refused', status: 409, message: "Le dossier n'a pas encore été transmis ni réceptionné." });
    expect(items.get(c[5]!)).toMatchObject({ outcome: 'refused', status: 403, type: 'Forbidden', message: expect.stringContaining('FST-MATH') });
    const [draftAfter, otherAfter] = await Promise.all([view(c[4]!), view(c[5]!)]);
    expect(draftAfter.opinions).toEqual([]);
    expect(draftAfter.seq).toBe(draftBefore.seq);
    expect(otherAfter.opinions).toEqual([]);
    expect(otherAfter.seq).toBe(otherBefore.seq);
    // Only its author (or an admin) follows a mass action.
    expect((await t.api('GET', `/api/staff/bulk/${id}`, { token: centre })).status).toBe(403);
    expect((await t.api('GET', `/api/staff/bulk/${id}`, { token: await t.login('admin') })).status).toBe(200);

    await captureHistory('bulk-enter-opinion', temporal.workflow.getHandle(id));
  });

  it('validates the entered opinions; one without an opinion is refused', async () => {
    const id = await start(centre, { action: 'validateOpinion', candidatureIds: c.slice(0, 4) });
    const { last } = await follow(id, centre, 4);
    const items = byId(last);
    for (const ok of c.slice(0, 3)) {
      expect(items.get(ok)).toMatchObject({ outcome: 'ok', stage: 'decided' });
      expect((await view(ok)).opinion).toMatchObject({ kind: 'FA', validated: true });
    }
    expect(items.get(c[3]!)).toMatchObject({ outcome: 'refused', status: 409, message: "Aucun avis n'a été saisi." });
    // The published decision reaches the candidates.
    await t.eventually(
      () => t.db.mailLog.count({ where: { candidatureId: { in: c.slice(0, 3) }, mailCode: 'AVIS_FAVORABLE' } }),
      (n) => n === 3,
    );
  });

  it('blocks a mass entry on a candidature with a validated opinion (GEST_IS_UTILISE_BLOCAGE_MASSE), not a single entry', async () => {
    const id = await start(centre, { action: 'enterOpinion', args: { decisionType: 'AVIS_LISTE_ATT' }, candidatureIds: [c[0], c[3]] });
    const { last } = await follow(id, centre, 2);
    const items = byId(last);
    expect(items.get(c[0]!)).toMatchObject({
      outcome: 'refused',
      status: 409,
      message: 'Un avis validé existe : la saisie en masse est bloquée pour cette candidature (GEST_IS_UTILISE_BLOCAGE_MASSE).',
    });
    expect(items.get(c[3]!)).toMatchObject({ outcome: 'ok' });
    const blocked = await view(c[0]!);
    expect(blocked.opinions).toHaveLength(1);
    expect(blocked.opinion).toMatchObject({ kind: 'FA', validated: true });
    // One by one, the same entry is allowed.
    const single = await t.api('POST', `/api/staff/candidatures/${c[0]}/opinions`, { token: centre, body: { decisionType: 'AVIS_LISTE_ATT' } });
    expect(single.status, JSON.stringify(single.body)).toBe(200);
  });

  it('sets tags on a selection', async () => {
    // Tags are ids of the setup's tags (tests/integration/staff-actions.test.ts checks the rest).
    const tag = await t.db.tag.create({ data: { label: `Prioritaire ${randomUUID().slice(0, 6)}`, colour: '#000091' } });
    const id = await start(centre, { action: 'setTags', args: { tags: [String(tag.id)] }, candidatureIds: [c[1], c[2]] });
    const { last } = await follow(id, centre, 2);
    expect(last.succeeded).toBe(2);
    expect((await view(c[1]!)).tags).toEqual([String(tag.id)]);
    await t.db.tag.update({ where: { id: tag.id }, data: { active: false } });
  });

  it('refuses bad requests with 400 problem+json naming the field, and starts nothing', async () => {
    const cases: [unknown, string][] = [
      [{ action: 'setDossierStatus', args: { status: 'CO' }, candidatureIds: [] }, 'candidatureIds'],
      [{ action: 'setDossierStatus', args: { status: 'CO' }, candidatureIds: Array.from({ length: 5001 }, () => randomUUID()) }, 'candidatureIds'],
      [{ action: 'withdraw', candidatureIds: [c[0]] }, 'action'],
      [{ action: 'setDossierStatus', args: { status: 'XX' }, candidatureIds: [c[0]] }, 'args.status'],
      [{ action: 'enterOpinion', args: { decisionType: 'NO_SUCH_TYPE' }, candidatureIds: [c[0]] }, 'args.decisionType'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/staff/bulk', { token: centre, body });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await t.api('GET', `/api/staff/bulk/bulk-${randomUUID()}`, { token: centre })).status).toBe(404);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.api('GET', '/api/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/staff/bulk', '/api/staff/bulk/{id}']));
  });
});
