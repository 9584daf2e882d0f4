// The complete lifecycle through the HTTP API, against the real Temporal dev server and PostgreSQL
// (reference §3.2): one path per block. Timers that fire within seconds use deadline overrides given
// as instants (a manager's override); days-long timers are in timers.test.ts (time-skipping server).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';
import { minimalPdf } from '../support/pdf.ts';

let t: TestApp;
let temporal: Client;
let centre: string;
let commission: string;
let emails: string[];
let next = 0;
/** A fresh candidate of the Pégase campaign, logged in. */
const newCandidate = async () => t.login(emails[next++]!);

/** Formations of 2026-P: one asking for documents and questions-free, one asking for none. */
let withDocuments: string;
const NO_DOCUMENT = 'L3-INFO';
/** Waiting-list formations (automatic promotion from the complementary list). */
let listA: string;
let listB: string;

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  [centre, commission] = await Promise.all([t.login('centre'), t.login('commission')]);
  emails = await createCandidates(t.db, '2026-P', 'LIF', 40);
  // The demo's Pégase centre (other test files add formations of their own elsewhere).
  const formations = await t.db.formation.findMany({
    where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} } },
    orderBy: { code: 'asc' },
  });
  [withDocuments, listA, listB] = [formations[0]!.code, formations[1]!.code, formations[2]!.code];
  // The formations' configuration, as an admin sets it: automatic promotion with the favourable
  // type, and a 5-day confirmation delay for promoted candidates.
  const favourable = await t.db.decisionType.findUniqueOrThrow({ where: { code: 'AVIS_FAVORABLE' } });
  await t.db.formation.updateMany({
    where: { code: { in: [listA, listB, NO_DOCUMENT] } },
    data: { automaticLc: true, lcFavourableDecisionTypeId: favourable.id, lcConfirmationDelayDays: 5 },
  });
}, 180_000);

afterAll(async () => {
  await temporal?.connection.close();
  await t?.stop();
});

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await t.api(method, path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A transmitted candidature of a fresh candidate. */
async function transmitted(formationCode: string, token?: string) {
  token ??= await newCandidate();
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  await t.completeFile(token, id);
  await call('POST', `/api/candidatures/${id}/transmit`, token);
  return { id, token };
}

/** A fresh candidate's candidature with a published opinion of the given type. */
async function decided(formationCode: string, opinion: Record<string, unknown>) {
  const token = await newCandidate();
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await t.bringToDecision(created.body.id, { candidate: token, manager: centre }, opinion);
  return { id: created.body.id as string, token };
}

/** Keeps the workflow's history for the replay tests (CAPTURE_HISTORIES=1). */
const keep = (name: string, workflowId: string) => captureHistory(name, temporal.workflow.getHandle(workflowId));

const staffView = (id: string) => t.api('GET', `/api/staff/candidatures/${id}`, { token: centre }).then((r) => r.body);
const mailsOf = (id: string) => t.db.mailLog.findMany({ where: { candidatureId: id }, orderBy: { id: 'asc' } });
const waitingList = (formation: string) => t.api('GET', `/api/staff/formations/${formation}/waiting-list`, { token: centre }).then((r) => r.body);

describe('incomplete → resubmitted → complete', () => {
  it('refuses a piece with a comment, reopens the file, and accepts the resubmission', async () => {
    const { id, token } = await transmitted(withDocuments);
    const piece = (await staffView(id)).pieces.find((p: { conditional: boolean }) => !p.conditional).code as string;
    const noComment = await t.api('POST', `/api/staff/candidatures/${id}/pieces/${piece}/status`, { token: centre, body: { status: 'RE' } });
    expect(noComment.status).toBe(422);
    await call('POST', `/api/staff/candidatures/${id}/pieces/${piece}/status`, centre, { status: 'RE', comment: 'Document illisible, merci de le renvoyer.' });
    const incomplete = await call('POST', `/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'IN' });
    expect(incomplete.dossierStatus).toBe('IN');

    const seen = (await t.api('GET', `/api/candidatures/${id}`, { token })).body;
    expect(seen.pieces.find((p: { code: string }) => p.code === piece)).toMatchObject({ status: 'RE', comment: 'Document illisible, merci de le renvoyer.' });
    expect(seen.allowedActions).toContain('editFile');
    const blocked = await t.api('POST', `/api/candidatures/${id}/transmit`, { token });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain('(refusée)');

    const reuploaded = await t.upload(token, id, piece, { name: 'releve.pdf', type: 'application/pdf', data: minimalPdf('nouvelle version') });
    expect(reuploaded.status).toBe(200);
    // The candidate downloads what they sent (the new version); another candidate may not.
    const download = (as: string) => fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${as}` } });
    const mine = await download(token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toContain('releve.pdf');
    expect(await mine.text()).toBe(minimalPdf('nouvelle version'));
    expect((await download(await t.login('thomas.petit@demo.test'))).status).toBe(403);
    const retransmitted = await call('POST', `/api/candidatures/${id}/transmit`, token);
    expect(retransmitted.dossierStatus).toBe('RE');
    const complete = await call('POST', `/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'CO' });
    expect(complete.dossierStatus).toBe('CO');
    await t.eventually(
      () => mailsOf(id),
      (mails) => ['STATUT_IN', 'STATUT_CO'].every((code) => mails.some((m) => m.mailCode === code)),
    );
    await keep('incomplete-resubmitted-complete', `candidature-${id}`);
  });

  it('refuses an upload that is not a PDF or an image, naming the field', async () => {
    const token = await newCandidate();
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: withDocuments } });
    const piece = created.body.pieces.find((p: { conditional: boolean }) => !p.conditional).code as string;
    const res = await t.upload(token, created.body.id, piece, { name: 'virus.exe', type: 'application/x-msdownload', data: 'MZ' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('file');
    const view = (await t.api('GET', `/api/candidatures/${created.body.id}`, { token })).body;
    expect(view.pieces.find((p: { code: string }) => p.code === piece).status).toBe('AT');
  });
});

describe('opinions', () => {
  it('unfavourable: needs a motive; the candidate sees it once validated, with the motive in the mail', async () => {
    const { id, token } = await transmitted(NO_DOCUMENT);
    const noMotive = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: centre, body: { decisionType: 'AVIS_DEFAVORABLE' } });
    expect(noMotive.status).toBe(422);
    expect(noMotive.body.detail).toContain('motivation');
    const motive = (await t.db.unfavourableMotive.findFirstOrThrow({ where: { active: true } })).code;
    await call('POST', `/api/staff/candidatures/${id}/opinions`, commission, { decisionType: 'AVIS_DEFAVORABLE', motiveCode: motive });
    expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body.opinion).toBeNull();
    await call('POST', `/api/staff/candidatures/${id}/opinions/validate`, centre);
    const seen = (await t.api('GET', `/api/candidatures/${id}`, { token })).body;
    expect(seen.opinion).toMatchObject({ kind: 'DE', validated: true });
    expect(seen.allowedActions).not.toContain('confirm');
    const mail = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: 'AVIS_DEFAVORABLE' } }),
      (m) => m !== null,
    );
    expect(mail!.variables).toMatchObject({ motif: motive });
    await keep('unfavourable-with-motive', `candidature-${id}`);
  });

  it('preselection with an interview, then favourable: the candidate confirms', async () => {
    const { id, token } = await decided(NO_DOCUMENT, {
      decisionType: 'AVIS_PRESELECTION',
      interview: { date: '2027-03-02', time: '14:30', place: 'Bâtiment B, salle 12' },
    });
    expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body.opinion.kind).toBe('PR');
    const mail = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: 'AVIS_PRESELECTION' } }),
      (m) => m !== null,
    );
    expect(mail!.variables).toMatchObject({ complementPreselect: '2027-03-02 14:30, Bâtiment B, salle 12' });
    await call('POST', `/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_FAVORABLE' });
    await call('POST', `/api/staff/candidatures/${id}/opinions/validate`, centre);
    const confirmed = await call('POST', `/api/candidatures/${id}/confirm`, token);
    expect(confirmed.stage).toBe('confirmed');
    expect((await staffView(id)).opinions.map((o: { kind: string }) => o.kind)).toEqual(['PR', 'FA']);
    await keep('preselection-then-favourable', `candidature-${id}`);
  });

  it('deletes an entered opinion from the history; the history keeps it marked', async () => {
    const { id } = await transmitted(NO_DOCUMENT);
    await call('POST', `/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_LISTE_ATT' });
    const deleted = await t.api('DELETE', `/api/staff/candidatures/${id}/opinions/0`, { token: centre });
    expect(deleted.status).toBe(200);
    expect(deleted.body.opinion).toBeNull();
    expect(deleted.body.opinions[0]).toMatchObject({ kind: 'LA', deletedBy: 'centre' });
    // The read model's state keeps it too: a manager reading the candidature again sees it marked.
    const row = await t.db.candidature.findUniqueOrThrow({ where: { id } });
    expect((row.state as { opinions: { deletedBy?: string }[] }).opinions[0]!.deletedBy).toBe('centre');
    expect(row.opinionKind).toBeNull();
    await keep('opinion-deleted', `candidature-${id}`);
  });
});

describe('traitement and proposition', () => {
  it('an AD traitement validated gives a validated favourable decision with a deadline', async () => {
    const { id, token } = await transmitted(NO_DOCUMENT);
    await call('POST', `/api/staff/candidatures/${id}/traitement`, centre, { traitement: 'AD' });
    const validated = await call('POST', `/api/staff/candidatures/${id}/traitement/validate`, centre);
    expect(validated.traitement).toEqual({ code: 'AD', validated: true });
    expect(validated.opinion).toMatchObject({ kind: 'FA', validated: true });
    expect(validated.confirmation.deadline).not.toBeNull();
    expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body.allowedActions).toContain('confirm');
    await t.eventually(
      () => mailsOf(id),
      (mails) => mails.some((m) => m.mailCode === 'TYPE_TRAIT_AD'),
    );
    await keep('traitement-ad-validated', `candidature-${id}`);
  });

  it('a manager proposes a formation: complete file, favourable opinion to validate, commission alerted', async () => {
    const token = await newCandidate();
    const dossierNumber = emails[next - 1]!.split('@')[0]!.toUpperCase();
    const scol = await t.login('scol');
    const refused = await t.api('POST', '/api/staff/candidatures', {
      token: commission,
      body: { dossierNumber, formationCode: NO_DOCUMENT, mode: 'proposition' },
    });
    expect(refused.status).toBe(403);
    const res = await t.api('POST', '/api/staff/candidatures', { token: scol, body: { dossierNumber, formationCode: NO_DOCUMENT, mode: 'proposition' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ proposition: true, dossierStatus: 'CO', opinion: { kind: 'FA', validated: false } });
    expect((await t.api('GET', `/api/candidatures/${res.body.id}`, { token })).body.opinion).toBeNull();
    await call('POST', `/api/staff/candidatures/${res.body.id}/opinions/validate`, centre);
    expect((await t.api('GET', `/api/candidatures/${res.body.id}`, { token })).body.opinion).toMatchObject({ kind: 'FA' });
    await t.eventually(
      () => mailsOf(res.body.id),
      (mails) => mails.some((m) => m.mailCode === 'COMMISSION_ALERT_PROPOSITION'),
    );
    await keep('proposition', `candidature-${res.body.id}`);
  });
});

describe('the complementary list', () => {
  it('promotes the first LC candidate when a favourable one withdraws, with the LC delay and the commission alert', async () => {
    const favourable = await decided(listA, { decisionType: 'AVIS_FAVORABLE' });
    const second = await decided(listA, { decisionType: 'AVIS_LISTE_COMP', lcRank: 2 });
    const first = await decided(listA, { decisionType: 'AVIS_LISTE_COMP', lcRank: 1 });
    const list = await t.eventually(
      () => waitingList(listA),
      (l) => l.entries.length === 2,
    );
    expect(list.entries.map((e: { candidatureId: string; realRank: number }) => [e.candidatureId, e.realRank])).toEqual([
      [first.id, 1],
      [second.id, 2],
    ]);

    await call('POST', `/api/candidatures/${favourable.id}/withdraw`, favourable.token);
    const promoted = await t.eventually(
      () => t.api('GET', `/api/candidatures/${first.id}`, { token: first.token }).then((r) => r.body),
      (v) => v.opinion?.kind === 'FA',
    );
    expect(promoted.allowedActions).toContain('confirm');
    const fiveDays = Date.now() + 5 * 86_400_000;
    expect(Math.abs(new Date(promoted.confirmation.deadline).getTime() - fiveDays)).toBeLessThan(2 * 86_400_000);
    expect((await staffView(first.id)).opinions.at(-1)).toMatchObject({ promotion: true, validatedBy: 'autoListComp' });
    expect((await t.api('GET', `/api/candidatures/${second.id}`, { token: second.token })).body.opinion.kind).toBe('LC');
    const after = await waitingList(listA);
    expect(after.entries.map((e: { candidatureId: string; realRank: number }) => [e.candidatureId, e.realRank])).toEqual([[second.id, 1]]);
    expect(after.promotions).toEqual([expect.objectContaining({ freedBy: favourable.id, promoted: first.id })]);
    await t.eventually(
      () => mailsOf(first.id),
      (mails) => mails.some((m) => m.mailCode === 'COMMISSION_ALERT_LISTE_PRINC'),
    );
    await keep('withdrawal-frees-a-seat', `candidature-${favourable.id}`);
    await keep('promoted-from-waiting-list', `candidature-${first.id}`);
  });

  it('two withdrawals at once promote exactly two candidates', async () => {
    const favourables = await Promise.all([decided(listB, { decisionType: 'AVIS_FAVORABLE' }), decided(listB, { decisionType: 'AVIS_FAVORABLE' })]);
    const waiting = [];
    for (const rank of [1, 2, 3]) waiting.push(await decided(listB, { decisionType: 'AVIS_LISTE_COMP', lcRank: rank }));
    await t.eventually(
      () => waitingList(listB),
      (l) => l.entries.length === 3,
    );
    await Promise.all(favourables.map((f) => call('POST', `/api/candidatures/${f.id}/withdraw`, f.token)));
    const list = await t.eventually(
      () => waitingList(listB),
      (l) => l.promotions.length === 2,
    );
    expect(list.promotions.map((p: { promoted: string }) => p.promoted).sort()).toEqual([waiting[0]!.id, waiting[1]!.id].sort());
    expect(list.entries.map((e: { candidatureId: string }) => e.candidatureId)).toEqual([waiting[2]!.id]);
    const kinds = await Promise.all(waiting.map((w) => staffView(w.id).then((v) => v.opinion.kind)));
    expect(kinds).toEqual(['FA', 'FA', 'LC']);
    // Each promoted candidature got exactly one promotion entry.
    for (const w of waiting.slice(0, 2)) expect((await staffView(w.id)).opinions.filter((o: { promotion?: boolean }) => o.promotion)).toHaveLength(1);
    await keep('waiting-list-two-withdrawals-at-once', `waiting-list-${listB}`);
  });

  it('an automatic withdrawal at the deadline promotes too; a deadline moved by a manager moves the timer', async () => {
    const late = await decided(NO_DOCUMENT, { decisionType: 'AVIS_FAVORABLE' });
    const next = await decided(NO_DOCUMENT, { decisionType: 'AVIS_LISTE_COMP', lcRank: 1 });
    await t.eventually(
      () => waitingList(NO_DOCUMENT),
      (l) => l.entries.some((e: { candidatureId: string }) => e.candidatureId === next.id),
    );
    // The deadline in 2 s, then moved to next week before it passes: nothing happens at 2 s.
    const soon = () => new Date(Date.now() + 2000).toISOString();
    await call('PUT', `/api/staff/candidatures/${late.id}/confirmation-deadline`, centre, { deadline: soon() });
    const moved = await call('PUT', `/api/staff/candidatures/${late.id}/confirmation-deadline`, centre, {
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(moved.confirmation.answer).toBeNull();
    await new Promise((r) => setTimeout(r, 3000));
    expect((await staffView(late.id)).confirmation.answer).toBeNull();
    // Back to 2 s: the candidate is withdrawn by autoDesist, and the LC candidate promoted.
    await call('PUT', `/api/staff/candidatures/${late.id}/confirmation-deadline`, centre, { deadline: soon() });
    const withdrawn = await t.eventually(
      () => staffView(late.id),
      (v) => v.confirmation.answer === 'withdrawn',
    );
    expect(withdrawn.confirmation.answeredBy).toBe('autoDesist');
    expect(withdrawn.stage).toBe('withdrawn');
    await t.eventually(
      () => staffView(next.id),
      (v) => v.opinion?.kind === 'FA',
    );
    await t.eventually(
      () => mailsOf(late.id),
      (mails) => mails.some((m) => m.mailCode === 'CANDIDATURE_DESIST_AUTO'),
    );
    const refused = await t.api('POST', `/api/candidatures/${late.id}/confirm`, { token: late.token });
    expect(refused.status).toBe(409);
    await keep('deadline-moved-then-auto-withdrawal', `candidature-${late.id}`);
  });
});

describe('refused transitions: a clear 4xx, and nothing changes', () => {
  it('answers each refusal with its reason and leaves the candidature as it was', async () => {
    const draftToken = await newCandidate();
    const draft = (await t.api('POST', '/api/candidatures', { token: draftToken, body: { formationCode: withDocuments } })).body;
    const done = await decided(NO_DOCUMENT, { decisionType: 'AVIS_FAVORABLE' });
    const member = await t.login('commission');
    const cases: [string, string, string, unknown, number, RegExp][] = [
      ['transmit with a missing piece', 'POST', `/api/candidatures/${draft.id}/transmit`, undefined, 409, /incomplet/],
      [
        'a non-conditional piece declared not concerned',
        'POST',
        `/api/candidatures/${draft.id}/pieces/${draft.pieces.find((p: { conditional: boolean }) => !p.conditional).code}/not-concerned`,
        undefined,
        422,
        /obligatoire/,
      ],
      ['an opinion on a file not transmitted', 'POST', `/api/staff/candidatures/${draft.id}/opinions`, { decisionType: 'AVIS_FAVORABLE' }, 409, /transmis/],
      ['validation without the right', 'POST', `/api/staff/candidatures/${done.id}/opinions/validate`, undefined, 403, /VALID_AVIS/],
      ['an LC opinion without rank', 'POST', `/api/staff/candidatures/${done.id}/opinions`, { decisionType: 'AVIS_LISTE_COMP' }, 422, /rang/],
      ['a deadline that is not a date', 'PUT', `/api/staff/candidatures/${done.id}/confirmation-deadline`, { deadline: '31/12/2027' }, 422, /Date invalide/],
      ['tags without the right', 'PUT', `/api/staff/candidatures/${done.id}/tags`, { tags: [] }, 403, /GEST_TAG/],
      ['cancel after transmission', 'POST', `/api/candidatures/${done.id}/cancel`, undefined, 409, /décision|transmis/],
    ];
    for (const [what, method, path, body, status, reason] of cases) {
      const token = path.startsWith('/api/staff') ? (/validate|tags/.test(path) ? member : centre) : path.includes(draft.id) ? draftToken : done.token;
      const target = path.includes(draft.id) ? draft.id : done.id;
      const before = (await staffView(target)).seq;
      const res = await t.api(method, path, { token, ...(body !== undefined ? { body } : {}) });
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.headers.get('content-type'), what).toContain('application/problem+json');
      expect(res.body.detail, what).toMatch(reason);
      expect((await staffView(target)).seq, `${what} changed the candidature`).toBe(before);
    }
  });

  it('refuses to apply twice to the same formation, and with an incomplete profile', async () => {
    const token = await newCandidate();
    expect((await t.api('POST', '/api/candidatures', { token, body: { formationCode: NO_DOCUMENT } })).status).toBe(201);
    const again = await t.api('POST', '/api/candidatures', { token, body: { formationCode: NO_DOCUMENT } });
    expect(again.status).toBe(409);
    const email = emails[next++]!;
    await t.db.candidateBac.deleteMany({ where: { candidate: { account: { email } } } });
    const incomplete = await t.api('POST', '/api/candidatures', { token: await t.login(email), body: { formationCode: NO_DOCUMENT } });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.detail).toContain('baccalauréat');
  });
});

describe('admin search by search attributes', () => {
  it('finds candidature workflows by stage, opinion and formation; managers may not search', async () => {
    const admin = await t.login('admin');
    const mine = await decided(withDocuments, { decisionType: 'AVIS_LISTE_ATT' });
    expect((await t.api('GET', `/api/admin/workflows?formation=${withDocuments}`, { token: centre })).status).toBe(403);
    const found = await t.eventually(
      () => t.api('GET', `/api/admin/workflows?formation=${withDocuments}&opinion=LA&stage=decided`, { token: admin }),
      (r) => r.status === 200 && r.body.workflows.some((w: { workflowId: string }) => w.workflowId === `candidature-${mine.id}`),
    );
    expect(found.body.query).toContain(`FormationCode = '${withDocuments}'`);
    for (const w of found.body.workflows)
      expect(w.searchAttributes).toMatchObject({ FormationCode: withDocuments, OpinionKind: 'LA', CandidatureStage: 'decided' });
    const bad = await t.api('GET', `/api/admin/workflows?stage=${encodeURIComponent("x' OR '1'='1")}`, { token: admin });
    expect(bad.status).toBe(400);
  });
});

describe('applying (§3.2.1)', () => {
  it('asks French nationals for their INE when their bac requires it; not others', async () => {
    const [french, foreign] = [emails[next++]!, emails[next++]!];
    for (const email of [french, foreign]) {
      await t.db.candidate.updateMany({ where: { account: { email } }, data: { ine: null, ineKey: null } });
      await t.db.candidateBac.updateMany({ where: { candidate: { account: { email } } }, data: { bacCode: 'GEN', year: 2022 } });
    }
    await t.db.candidate.updateMany({ where: { account: { email: foreign } }, data: { nationalityCode: '216' } });
    const refused = await t.api('POST', '/api/candidatures', { token: await t.login(french), body: { formationCode: NO_DOCUMENT } });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('profile.ine');
    const accepted = await t.api('POST', '/api/candidatures', { token: await t.login(foreign), body: { formationCode: NO_DOCUMENT } });
    expect(accepted.status).toBe(201);
  });

  it('limits the number of wishes (CANDIDATURE_NB_VOEUX_MAX for the establishment)', async () => {
    const token = await newCandidate();
    const offer = (await t.api('GET', '/api/campaigns/2026-P/formations')).body.map((f: { code: string }) => f.code) as string[];
    await t.db.parameter.update({ where: { code: 'CANDIDATURE_NB_VOEUX_MAX_IS_ETAB' }, data: { value: 'O' } });
    await t.db.parameter.update({ where: { code: 'CANDIDATURE_NB_VOEUX_MAX' }, data: { value: '2' } });
    try {
      for (const formationCode of offer.slice(0, 2)) expect((await t.api('POST', '/api/candidatures', { token, body: { formationCode } })).status).toBe(201);
      const third = await t.api('POST', '/api/candidatures', { token, body: { formationCode: offer[2] } });
      expect(third.status).toBe(409);
      expect(third.body.detail).toContain('Nombre maximal de vœux');
    } finally {
      await t.db.parameter.update({ where: { code: 'CANDIDATURE_NB_VOEUX_MAX_IS_ETAB' }, data: { value: 'N' } });
      await t.db.parameter.update({ where: { code: 'CANDIDATURE_NB_VOEUX_MAX' }, data: { value: '20' } });
    }
  });

  it('refuses a candidate outside the formation’s application window, not a manager applying for them', async () => {
    const token = await newCandidate();
    const dossierNumber = emails[next - 1]!.split('@')[0]!.toUpperCase();
    const formation = await t.db.formation.findUniqueOrThrow({ where: { code: withDocuments } });
    await t.db.formation.update({ where: { code: withDocuments }, data: { applicationEndsOn: new Date('2026-01-31T00:00:00Z') } });
    try {
      const late = await t.api('POST', '/api/candidatures', { token, body: { formationCode: withDocuments } });
      expect(late.status).toBe(409);
      expect(late.body.errors[0]).toMatchObject({ field: 'formationCode' });
      const scol = await t.login('scol');
      const byManager = await t.api('POST', '/api/staff/candidatures', {
        token: scol,
        body: { dossierNumber, formationCode: withDocuments, mode: 'classique' },
      });
      expect(byManager.status, JSON.stringify(byManager.body)).toBe(201);
      expect(byManager.body).toMatchObject({ proposition: false, dossierStatus: 'AT', stage: 'draft' });
    } finally {
      await t.db.formation.update({ where: { code: withDocuments }, data: { applicationEndsOn: formation.applicationEndsOn } });
    }
  });
});

describe('cancellation (§3.2.4)', () => {
  it('deletes the files the candidate uploaded for this candidature', async () => {
    const token = await newCandidate();
    const created = (await t.api('POST', '/api/candidatures', { token, body: { formationCode: withDocuments } })).body;
    const piece = created.pieces.find((p: { conditional: boolean }) => !p.conditional).code as string;
    const uploaded = await t.upload(token, created.id, piece, { name: 'cv.pdf', type: 'application/pdf', data: minimalPdf(created.id) });
    const fileId = uploaded.body.pieces.find((p: { code: string }) => p.code === piece).fileId as number;
    const stored = await t.db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
    const path = join(t.config.filesDir, stored.code);
    expect(existsSync(path)).toBe(true);
    const cancelled = await call('POST', `/api/candidatures/${created.id}/cancel`, token);
    expect(cancelled.stage).toBe('cancelled');
    await t.eventually(
      () => t.db.storedFile.findUnique({ where: { id: fileId } }),
      (row) => row === null,
    );
    expect(existsSync(path)).toBe(false);
  });
});
