// Managers' "more actions" through the HTTP API against the real Temporal, PostgreSQL and SMTP:
// tags from the setup (ids checked against the candidature's centre, the list's candidature_tag rows
// written by the projection, one by one and in bulk), post-it notes shared with the commission (scope,
// right, author-only deletion, a localized 400 naming the field), and the OPI code, régime and fees
// (rights, SIS codes checked, the candidate told of a new OPI code once, in bulk with progress).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTemporal } from '../../api/temporal.ts';
import { tagIdsOf } from '../../domain/read-model.ts';
import type { CandidatureState } from '../../domain/candidature.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';
import { captureHistory } from '../support/histories.ts';

const run = randomUUID().slice(0, 6);
let t: TestApp;
let temporal: Client;
let centre: string;
let commission: string;
let admin: string;
/** c[0..2]: L3-INFO (commission FST-INFO, centre FST); c[3]: MMATH-M1 (FST-MATH, outside the commission member's scope). */
const c: string[] = [];
const emails: string[] = [];
const tags: Record<'global' | 'fst' | 'deg' | 'retired', number> = { global: 0, fst: 0, deg: 0, retired: 0 };
const regime = `R${run.slice(0, 5)}`.toUpperCase();
const apogeeOnly = `A${run.slice(0, 5)}`.toUpperCase();
const exemption = `E${run.slice(0, 5)}`.toUpperCase();

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  [centre, commission, admin] = await Promise.all([t.login('centre'), t.login('commission'), t.login('admin')]);
  emails.push(...(await createCandidates(t.db, '2026-P', 'XTG', 4)));
  for (const [i, email] of emails.entries()) {
    const token = await t.login(email);
    const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: i === 3 ? 'MMATH-M1' : 'L3-INFO' } });
    if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
    c.push(created.body.id);
  }
  const [fst, deg] = await Promise.all(['FST', 'DEG'].map((code) => t.db.centre.findUniqueOrThrow({ where: { code } })));
  const tag = (label: string, centreId: number | null, active = true) =>
    t.db.tag.create({ data: { label: `${label} ${run}`, colour: '#000091', centreId, active } }).then((r) => r.id);
  tags.global = await tag('Prioritaire', null);
  tags.fst = await tag('Dossier FST', fst!.id);
  tags.deg = await tag('Dossier DEG', deg!.id);
  tags.retired = await tag('Ancien', null, false);
  await t.db.sisRegime.createMany({
    data: [
      { code: regime, sisType: 'P', label: `Formation initiale ${run}` },
      { code: apogeeOnly, sisType: 'A', label: `Reprise d'études ${run}` },
    ],
  });
  await t.db.sisExemptionCategory.create({ data: { code: exemption, sisType: 'P', label: `Boursier ${run}` } });
}, 120_000);

afterAll(async () => {
  await t?.db.tag.updateMany({ where: { label: { endsWith: run } }, data: { active: false } });
  await temporal?.connection.close();
  await t?.stop();
});

const view = async (id: string, token = centre) => (await t.api('GET', `/api/staff/candidatures/${id}`, { token })).body;
const tagRows = async (id: string) => (await t.db.candidatureTag.findMany({ where: { candidatureId: id }, orderBy: { tagId: 'asc' } })).map((r) => r.tagId);

async function bulk(token: string, body: unknown) {
  const started = await t.api('POST', '/api/staff/bulk', { token, body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const seen: number[] = [];
  const last = await t.eventually(
    async () => {
      const res = await t.api('GET', `/api/staff/bulk/${started.body.id}`, { token });
      expect(res.status).toBe(200);
      seen.push(res.body.done);
      return res.body;
    },
    (p) => p.status === 'completed',
  );
  // Progress only goes forward, up to the whole selection.
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(last.done).toBe(last.total);
  return last;
}

describe('tags with colours', () => {
  it('lists the active tags a staff member may use: every centre’s and their centres’, or those of one candidature', async () => {
    const all = (await t.api('GET', '/api/staff/tags', { token: centre })).body;
    const ids = all.map((x: { id: number }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([tags.global, tags.fst, tags.deg]));
    expect(ids).not.toContain(tags.retired);
    expect(all.find((x: { id: number }) => x.id === tags.fst)).toEqual({ id: tags.fst, label: `Dossier FST ${run}`, colour: '#000091' });
    // The commission member (FST-INFO) sees FST's tags, not DEG's.
    const member = (await t.api('GET', '/api/staff/tags', { token: commission })).body.map((x: { id: number }) => x.id);
    expect(member).toEqual(expect.arrayContaining([tags.global, tags.fst]));
    expect(member).not.toContain(tags.deg);
    const forOne = (await t.api('GET', `/api/staff/tags?candidature=${c[0]}`, { token: centre })).body.map((x: { id: number }) => x.id);
    expect(forOne).toEqual(expect.arrayContaining([tags.global, tags.fst]));
    expect(forOne).not.toContain(tags.deg);
    expect((await t.api('GET', `/api/staff/tags?candidature=${c[3]}`, { token: commission })).status).toBe(403);
    expect((await t.api('GET', '/api/staff/tags', { token: await t.login(emails[0]!) })).status).toBe(403);
  });

  it('puts tag ids on a candidature: the list’s rows follow; another centre’s, a retired or a free-text tag is a 422 naming the field', async () => {
    const set = await t.api('PUT', `/api/staff/candidatures/${c[0]}/tags`, {
      token: centre,
      body: { tags: [String(tags.fst), String(tags.global), String(tags.fst)] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.tags).toEqual([String(tags.fst), String(tags.global)]);
    // The projection wrote the list's rows before the answer.
    expect(await tagRows(c[0]!)).toEqual([tags.global, tags.fst].sort((a, b) => a - b));

    for (const bad of [String(tags.deg), String(tags.retired), 'urgent', '999999999']) {
      const res = await t.api('PUT', `/api/staff/candidatures/${c[0]}/tags`, { token: centre, body: { tags: [String(tags.global), bad] } });
      expect(res.status, bad).toBe(422);
      expect(res.body.errors[0].field).toBe('tags');
      expect(res.body.detail).toMatch(/^Étiquettes : étiquette inconnue, hors service ou d’un autre centre/);
      expect(res.body.detail).toContain(bad);
    }
    const en = await t.api('PUT', `/api/staff/candidatures/${c[0]}/tags`, { token: centre, body: { tags: ['urgent'] }, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(422);
    expect(en.body.detail).toMatch(/^Tags: unknown tag, out of service or of another centre/);
    expect(await tagRows(c[0]!)).toEqual([tags.global, tags.fst].sort((a, b) => a - b));

    // Without the right GEST_TAG (the commission member's default profile): refused by the workflow.
    expect((await t.api('PUT', `/api/staff/candidatures/${c[0]}/tags`, { token: commission, body: { tags: [String(tags.global)] } })).status).toBe(403);

    const cleared = await t.api('PUT', `/api/staff/candidatures/${c[0]}/tags`, { token: centre, body: { tags: [String(tags.global)] } });
    expect(cleared.status).toBe(200);
    expect(await tagRows(c[0]!)).toEqual([tags.global]);
  });

  it('keeps free-text tags of older candidatures as text: only tag ids become list rows', () => {
    const legacy = { tags: ['urgent', String(tags.fst), '2024 bis', '0', String(tags.fst)] } as unknown as CandidatureState;
    expect(tagIdsOf(legacy)).toEqual([tags.fst]);
    expect(tagIdsOf({} as CandidatureState)).toEqual([]);
  });

  it('sets tags in bulk with progress; a tag of another centre stops the whole request before it starts', async () => {
    const refused = await t.api('POST', '/api/staff/bulk', {
      token: centre,
      body: { action: 'setTags', args: { tags: [String(tags.deg)] }, candidatureIds: c },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('args.tags');

    const last = await bulk(centre, { action: 'setTags', args: { tags: [String(tags.fst)] }, candidatureIds: c });
    expect(last).toMatchObject({ action: 'setTags', succeeded: 4, failed: 0 });
    for (const id of c) expect(await tagRows(id)).toEqual([tags.fst]);
    expect((await view(c[1]!)).tags).toEqual([String(tags.fst)]);
  });
});

describe('post-it notes', () => {
  it('writes, lists and deletes notes: read in scope, written with GEST_POST_IT, deleted by the author or an admin', async () => {
    const empty = await t.api('GET', `/api/staff/candidatures/${c[1]}/post-its`, { token: centre });
    expect(empty.body).toEqual({ items: [], writable: true });

    const first = await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, {
      token: centre,
      body: { message: '  Relancer pour le relevé de notes.  ' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ message: 'Relancer pour le relevé de notes.', author: 'centre', deletable: true });
    expect(Date.now() - new Date(first.body.createdAt).getTime()).toBeLessThan(60_000);
    const second = await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, { token: admin, body: { message: 'Vu en réunion.' } });
    expect(second.status).toBe(201);

    // The commission member reads them (newest first) but may not write nor delete another's.
    const read = await t.api('GET', `/api/staff/candidatures/${c[1]}/post-its`, { token: commission });
    expect(read.status).toBe(200);
    expect(read.body.writable).toBe(false);
    expect(read.body.items.map((p: { message: string }) => p.message)).toEqual(['Vu en réunion.', 'Relancer pour le relevé de notes.']);
    expect(read.body.items[1].authorName).not.toBe('');
    expect(read.body.items.every((p: { deletable: boolean }) => !p.deletable)).toBe(true);
    const denied = await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, { token: commission, body: { message: 'Avis ?' } });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('GEST_POST_IT');
    expect((await t.api('DELETE', `/api/staff/candidatures/${c[1]}/post-its/${first.body.id}`, { token: commission })).status).toBe(403);

    // Outside the scope: neither read nor written.
    expect((await t.api('GET', `/api/staff/candidatures/${c[3]}/post-its`, { token: commission })).status).toBe(403);
    // A note is deleted through its own candidature only.
    expect((await t.api('DELETE', `/api/staff/candidatures/${c[0]}/post-its/${first.body.id}`, { token: centre })).status).toBe(404);

    // Its author deletes it; an admin deletes anyone's.
    const asCentre = (await t.api('GET', `/api/staff/candidatures/${c[1]}/post-its`, { token: centre })).body.items;
    expect(asCentre.map((p: { deletable: boolean }) => p.deletable)).toEqual([false, true]);
    expect((await t.api('DELETE', `/api/staff/candidatures/${c[1]}/post-its/${second.body.id}`, { token: centre })).status).toBe(403);
    expect((await t.api('DELETE', `/api/staff/candidatures/${c[1]}/post-its/${first.body.id}`, { token: centre })).status).toBe(204);
    expect((await t.api('DELETE', `/api/staff/candidatures/${c[1]}/post-its/${second.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.api('GET', `/api/staff/candidatures/${c[1]}/post-its`, { token: centre })).body.items).toEqual([]);
  });

  it('refuses an empty or too long message with a 400 naming the field in the reader’s language', async () => {
    const long = await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, { token: centre, body: { message: 'x'.repeat(256) } });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toContain('message');
    expect(long.body.detail).toContain('Message : doit contenir au plus 255 caractères');
    const en = await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, {
      token: centre,
      body: { message: '   ' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(400);
    expect(en.body.detail).toContain('Message: is required');
    expect((await t.api('POST', `/api/staff/candidatures/${c[1]}/post-its`, { token: centre, body: { message: 'x'.repeat(255) } })).status).toBe(201);
  });
});

describe('OPI code, régime and fees', () => {
  it('sets the OPI code; with notify the candidate gets the new code by mail once', async () => {
    const code = `OPI${run}`.toUpperCase();
    const set = await t.api('PUT', `/api/staff/candidatures/${c[2]}/opi-code`, { token: centre, body: { opiCode: code, notify: true } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.admission.opiCode).toBe(code);
    expect(await t.db.candidature.findUniqueOrThrow({ where: { id: c[2] }, select: { opiCode: true } })).toEqual({ opiCode: code });
    const mail = await t.smtp.waitFor((m) => m.to.includes(emails[2]!) && m.subject.includes('code de pré-inscription'), 30_000);
    expect(mail.text).toContain(code);
    expect(mail.text).toContain('Informatique');
    // The same code again, with notify: nothing new to tell.
    expect((await t.api('PUT', `/api/staff/candidatures/${c[2]}/opi-code`, { token: centre, body: { opiCode: code, notify: true } })).status).toBe(200);
    await t.eventually(
      () => t.db.mailLog.findMany({ where: { candidatureId: c[2], mailCode: 'CANDIDATURE_MODIF_COD_OPI' } }),
      (rows) => rows.length === 1 && rows[0]!.status === 'sent',
    );
    expect(t.smtp.messages().filter((m) => m.to.includes(emails[2]!) && m.subject.includes('code de pré-inscription'))).toHaveLength(1);

    const bad = await t.api('PUT', `/api/staff/candidatures/${c[2]}/opi-code`, { token: centre, body: { opiCode: 'OPI 12;--' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^Code OPI : /);
    expect((await t.api('PUT', `/api/staff/candidatures/${c[2]}/opi-code`, { token: commission, body: { opiCode: 'X1' } })).status).toBe(403);
  });

  it('sets the régime and the fees from the SIS referentials; an unknown or other-SIS code is a 422 naming the field', async () => {
    const regimeSet = await t.api('PUT', `/api/staff/candidatures/${c[2]}/regime`, { token: centre, body: { regimeCode: regime } });
    expect(regimeSet.status, JSON.stringify(regimeSet.body)).toBe(200);
    expect(regimeSet.body.admission.regimeCode).toBe(regime);
    const wrongSis = await t.api('PUT', `/api/staff/candidatures/${c[2]}/regime`, { token: centre, body: { regimeCode: apogeeOnly } });
    expect(wrongSis.status).toBe(422);
    expect(wrongSis.body.errors[0].field).toBe('regimeCode');
    expect(wrongSis.body.detail).toMatch(/^Régime d’inscription : code inconnu ou hors service/);

    const fees = await t.api('PUT', `/api/staff/candidatures/${c[2]}/fees`, {
      token: centre,
      body: { exemptionCategoryCode: exemption, exemptionComplement: 'Bourse échelon 5', feeAmount: 178.456 },
    });
    expect(fees.status, JSON.stringify(fees.body)).toBe(200);
    expect(fees.body.admission).toMatchObject({ exemptionCategoryCode: exemption, exemptionComplement: 'Bourse échelon 5', feeAmount: 178.46 });
    const row = await t.db.candidature.findUniqueOrThrow({ where: { id: c[2] } });
    expect(row.feeAmount?.toString()).toBe('178.46');
    expect(row).toMatchObject({ regimeCode: regime, exemptionCategoryCode: exemption, exemptionComplement: 'Bourse échelon 5' });
    // Absent fields are kept; null removes.
    const amountOnly = await t.api('PUT', `/api/staff/candidatures/${c[2]}/fees`, { token: centre, body: { feeAmount: null } });
    expect(amountOnly.body.admission).toMatchObject({ exemptionCategoryCode: exemption, feeAmount: null });

    const unknown = await t.api('PUT', `/api/staff/candidatures/${c[2]}/fees`, { token: centre, body: { exemptionCategoryCode: 'NOPE' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('exemptionCategoryCode');
    const negative = await t.api('PUT', `/api/staff/candidatures/${c[2]}/fees`, {
      token: centre,
      body: { feeAmount: -5 },
      headers: { 'accept-language': 'en' },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.detail).toContain('Registration fee amount: must be at least 0');
    for (const [path, body] of [
      ['regime', { regimeCode: regime }],
      ['fees', { feeAmount: 10 }],
    ] as const)
      expect((await t.api('PUT', `/api/staff/candidatures/${c[2]}/${path}`, { token: commission, body })).status).toBe(403);
    // The staff view lists the actions; the commission member holds none of these rights.
    expect((await view(c[2]!)).allowedActions).toEqual(expect.arrayContaining(['setOpiCode', 'setRegime', 'setFees', 'setTags']));
    expect((await view(c[2]!, commission)).allowedActions).not.toEqual(expect.arrayContaining(['setOpiCode']));
    const codes = await t.api('GET', '/api/staff/admission-codes?sisType=P', { token: commission });
    expect(codes.body.regimes).toEqual(expect.arrayContaining([{ code: regime, label: `Formation initiale ${run}` }]));
    expect(codes.body.regimes.map((r: { code: string }) => r.code)).not.toContain(apogeeOnly);
    expect(codes.body.exemptionCategories).toEqual(expect.arrayContaining([{ code: exemption, label: `Boursier ${run}` }]));
    // OPI code (mailed), régime and fees set on this one: a history the replay test keeps (CAPTURE_HISTORIES=1).
    await captureHistory('opi-code-regime-fees', temporal.workflow.getHandle(`candidature-${c[2]}`));
  });

  it('sets régime, fees and OPI codes in bulk with progress; items outside the scope are refused on their own', async () => {
    const regimes = await bulk(commission, { action: 'setRegime', args: { regimeCode: regime }, candidatureIds: [c[0], c[3]] });
    expect(regimes).toMatchObject({ succeeded: 0, failed: 2 });
    const refusals = new Map(regimes.items.map((i: { candidatureId: string; status: number }) => [i.candidatureId, i.status]));
    expect(refusals.get(c[0]!)).toBe(403); // in scope, no GEST_REGIME
    expect(refusals.get(c[3]!)).toBe(403); // out of scope

    const done = await bulk(centre, { action: 'setFees', args: { feeAmount: 243, exemptionCategoryCode: null }, candidatureIds: c.slice(0, 3) });
    expect(done).toMatchObject({ action: 'setFees', succeeded: 3, failed: 0 });
    for (const id of c.slice(0, 3)) expect((await view(id)).admission).toMatchObject({ feeAmount: 243, exemptionCategoryCode: null });

    const sent = t.smtp.messages().length;
    const opi = await bulk(centre, { action: 'setOpiCode', args: { opiCode: `B${run}`.toUpperCase() }, candidatureIds: [c[0], c[1]] });
    expect(opi).toMatchObject({ succeeded: 2 });
    expect(await t.db.candidature.count({ where: { id: { in: [c[0]!, c[1]!] }, opiCode: `B${run}`.toUpperCase() } })).toBe(2);
    // Without notify, no mail was queued.
    expect(await t.db.mailLog.count({ where: { candidatureId: { in: [c[0]!, c[1]!] }, mailCode: 'CANDIDATURE_MODIF_COD_OPI' } })).toBe(0);
    expect(
      t.smtp
        .messages()
        .slice(sent)
        .filter((m) => m.subject.includes('code de pré-inscription')),
    ).toEqual([]);

    const badRegime = await t.api('POST', '/api/staff/bulk', { token: centre, body: { action: 'setRegime', args: { regimeCode: 'NOPE' }, candidatureIds: c } });
    expect(badRegime.status).toBe(422);
    expect(badRegime.body.errors[0].field).toBe('args.regimeCode');
  });
});
