// The admins' timeline of a candidature (GET /api/admin/candidatures/:id/timeline): a candidature taken
// through transmit → complete → opinions → validation → confirmation → export to the Pégase simulator;
// the timeline names each step with its actor and arguments, the mails with their recipient and
// status, the export with the SIS's answer, a refused transition with its reason; it filters by kind,
// links to the Temporal UI in the configured namespace, and only admins read it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry, WorkflowTimeline } from '../../contracts/admin.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

const RUN = randomUUID().replace(/-/g, '').slice(0, 4).toUpperCase();
let t: TestApp;
let admin: string;
let centre: string;
let candidate: { token: string; email: string; dossier: string };
let id: string;

beforeAll(async () => {
  t = await startTestApp({ temporalUiUrl: 'http://temporal-ui.test:8233/' });
  [admin, centre] = await Promise.all([t.login('admin'), t.login('centre')]);
  const [email] = await createCandidates(t.db, '2026-P', `TL${RUN}`, 1);
  candidate = { email: email!, token: await t.login(email!), dossier: email!.split('@')[0]!.toUpperCase() };
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const timeline = async (query = ''): Promise<WorkflowTimeline> => {
  const res = await t.api('GET', `/api/admin/candidatures/${id}/timeline${query}`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as WorkflowTimeline;
};
const transitions = (tl: WorkflowTimeline, name: string) => tl.entries.filter((e) => e.event === 'transition' && e.transition === name);
const detail = (e: TimelineEntry | undefined, key: string) => e?.details.find((d) => d.key === key);

describe('the timeline of a candidature', () => {
  it('names each step from application to export, with its actor, arguments, mails and the SIS answer', async () => {
    const formationCode = await t.freeFormation(candidate.token, '2026-P');
    const created = await t.api('POST', '/api/candidatures', { token: candidate.token, body: { formationCode } });
    expect(created.status).toBe(201);
    id = created.body.id;
    await t.completeFile(candidate.token, id);
    // Refused: nothing to confirm yet.
    const early = await t.api('POST', `/api/candidatures/${id}/confirm`, { token: candidate.token });
    expect(early.status).toBe(409);
    const steps: [string, string, unknown][] = [
      [`/api/candidatures/${id}/transmit`, candidate.token, undefined],
      [`/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'CO' }],
      [`/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_DEFAVORABLE', motiveCode: 'CAPACITE' }],
      [`/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_FAVORABLE', comment: 'Très bon dossier' }],
      [`/api/staff/candidatures/${id}/opinions/validate`, centre, undefined],
      [`/api/candidatures/${id}/confirm`, candidate.token, undefined],
    ];
    for (const [path, token, body] of steps) {
      const res = await t.api('POST', path, { token, ...(body ? { body } : {}) });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
    }
    await t.eventually(
      () => t.api('GET', `/api/candidatures/${id}`, { token: candidate.token }),
      (r) => r.body.export.status === 'done',
      60_000,
    );
    // Every mail of the candidature handled by the outbox (sent, or skipped without an address).
    await t.eventually(
      () => t.db.mailLog.findMany({ where: { candidatureId: id } }),
      (rows) => rows.length >= 3 && rows.every((m) => m.status === 'sent' || m.status === 'skipped'),
      60_000,
    );

    const tl = await timeline();
    expect(tl).toMatchObject({ candidatureId: id, workflowId: `candidature-${id}`, status: 'RUNNING' });
    // The Temporal UI link in the configured namespace.
    expect(tl.temporalUrl).toBe(`http://temporal-ui.test:8233/namespaces/${encodeURIComponent(t.config.temporalNamespace)}/workflows/candidature-${id}`);
    // No workflow-task bookkeeping: far fewer entries than history events.
    const raw = await t.api('GET', `/api/admin/candidatures/${id}/history`, { token: admin });
    expect(raw.status).toBe(200);
    expect(tl.entries.length).toBeLessThan(raw.body.events.length / 2);
    // Oldest first.
    expect(tl.entries.map((e) => e.at)).toEqual([...tl.entries.map((e) => e.at)].sort());

    const created0 = tl.entries.find((e) => e.event === 'created');
    expect(created0).toMatchObject({ kind: 'action', actor: { kind: 'candidate', login: candidate.dossier } });
    expect(detail(created0, 'formation')?.value).toBe(formationCode);

    expect(transitions(tl, 'transmit')).toEqual([
      expect.objectContaining({ kind: 'action', outcome: 'applied', actor: { kind: 'candidate', login: candidate.dossier } }),
    ]);
    const status = transitions(tl, 'setDossierStatus')[0];
    expect(status).toMatchObject({ outcome: 'applied', actor: { kind: 'staff', login: 'centre' } });
    expect(detail(status, 'dossierStatus')).toEqual({ key: 'dossierStatus', value: 'CO', list: 'dossierStatus' });

    const [unfavourable, favourable] = transitions(tl, 'enterOpinion');
    expect(unfavourable).toMatchObject({ outcome: 'applied', actor: { kind: 'staff', login: 'centre' } });
    expect(detail(unfavourable, 'decisionType')).toMatchObject({ value: 'AVIS_DEFAVORABLE', text: { fr: 'Avis défavorable', en: 'Unfavourable decision' } });
    expect(detail(unfavourable, 'opinionKind')).toMatchObject({ value: 'DE', list: 'opinionKind' });
    expect(detail(unfavourable, 'motive')).toMatchObject({ value: 'CAPACITE', text: { fr: "Capacité d'accueil atteinte", en: 'Capacity reached' } });
    expect(detail(favourable, 'decisionType')?.text?.fr).toBe('Avis favorable');
    expect(detail(favourable, 'comment')?.value).toBe('Très bon dossier');
    expect(transitions(tl, 'validateOpinion')).toEqual([expect.objectContaining({ outcome: 'applied', actor: { kind: 'staff', login: 'centre' } })]);

    // The confirmation refused before the decision, with its reason, then the one applied.
    const confirms = transitions(tl, 'confirm');
    expect(confirms.map((e) => e.outcome)).toEqual(['refused', 'applied']);
    expect(confirms[0]!.actor).toEqual({ kind: 'candidate', login: candidate.dossier });
    expect(confirms[0]!.reason?.fr).toBe(early.body.detail);
    expect(confirms[0]!.reason?.en).toBeTruthy();
    expect(confirms[0]!.reason?.en).not.toBe(confirms[0]!.reason?.fr);

    // The mails, with their recipient and status: the transmission's acknowledgement to the candidate.
    const mails = tl.entries.filter((e) => e.kind === 'mail');
    const ack = mails.find((m) => detail(m, 'mailCode')?.value === 'STATUT_RE');
    expect(ack).toMatchObject({ event: 'mail', outcome: 'sent', actor: { kind: 'system', login: null } });
    expect(detail(ack, 'recipient')?.value).toBe(candidate.email);
    expect(detail(ack, 'attempts')?.value).toBe('1');
    expect(mails.some((m) => detail(m, 'mailCode')?.value === 'AVIS_FAVORABLE' && m.outcome === 'sent')).toBe(true);

    // The export: the workflow's attempt, and the SIS's answer.
    const attempt = tl.entries.find((e) => e.event === 'exportAttempt');
    expect(attempt).toMatchObject({ kind: 'export', outcome: 'ok', actor: { kind: 'system', login: null } });
    const exported = tl.entries.find((e) => e.event === 'export');
    expect(exported).toMatchObject({ kind: 'export', outcome: 'done', reason: null });
    expect(detail(exported, 'sisType')?.value).toBe('P');
    expect(detail(exported, 'sisAnswer')?.value).toContain('SUCCES');
    // The confirmation comes before its export.
    expect(tl.entries.indexOf(confirms[1]!)).toBeLessThan(tl.entries.indexOf(attempt!));

    // Timers, when the workflow set one, say what they wait for.
    for (const timer of tl.entries.filter((e) => e.kind === 'timer'))
      expect(['reminder', 'autoWithdraw', 'exportBatch', 'deadline']).toContain(detail(timer, 'purpose')?.value);
    const total = Object.values(tl.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(tl.entries.length);
  });

  it('filters by kind, and the counts stay those of the whole timeline', async () => {
    const all = await timeline();
    const onlyMails = await timeline('?kind=mail');
    expect(onlyMails.entries.length).toBe(all.counts.mail);
    expect(onlyMails.entries.every((e) => e.kind === 'mail')).toBe(true);
    expect(onlyMails.counts).toEqual(all.counts);
    const two = await timeline('?kind=action,export');
    expect(two.entries.length).toBe(all.counts.action + all.counts.export);
    expect(new Set(two.entries.map((e) => e.kind))).toEqual(new Set(['action', 'export']));
    const bad = await t.api('GET', `/api/admin/candidatures/${id}/timeline?kind=everything`, { token: admin });
    expect(bad.status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await t.api('GET', `/api/admin/candidatures/${id}/timeline`, { token: centre })).status).toBe(403);
    expect((await t.api('GET', `/api/admin/candidatures/${id}/timeline`, { token: candidate.token })).status).toBe(403);
    expect((await t.api('GET', `/api/admin/candidatures/${id}/timeline`)).status).toBe(401);
    expect((await t.api('GET', `/api/admin/candidatures/${randomUUID()}/timeline`, { token: admin })).status).toBe(404);
    // Documented, with its access level and its filter.
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const op = doc.paths['/api/admin/candidatures/{id}/timeline'].get;
    expect(op['x-access']).toBe('admin');
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('kind');
    for (const path of ['/api/admin/console/overview', '/api/admin/console/stuck', '/api/admin/console/mails/{mailId}/resend'])
      expect(Object.values(doc.paths[path] ?? {}).map((o) => (o as { 'x-access': string })['x-access'])).toEqual(['admin']);
  });
});
