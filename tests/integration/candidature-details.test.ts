// What the candidate's page shows beside the view (GET /api/candidatures/{id}/details): the
// published decision's labels in the reader's language (decision type, motive — never the code),
// the rank on the complementary list as LC_MODE_AFFICHAGE_RANG says (S entered, R real, N none),
// the interview of a preselection, the commission's contact and return address, and which documents
// may be downloaded. Nothing of an opinion that is not published yet; only the candidature's owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let manager: string;
let tokens: string[];

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.login('centre');
  tokens = await Promise.all((await createCandidates(t.db, '2026-P', 'DETL', 4)).map((e) => t.login(e)));
}, 120_000);
afterAll(async () => t?.stop());

/** A candidature of this candidate to a free demo formation, transmitted and complete. */
async function transmitted(token: string, formationCode?: string): Promise<string> {
  const code = formationCode ?? (await t.freeFormation(token, '2026-P'));
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode: code } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await t.completeFile(token, id);
  expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token })).status).toBe(200);
  expect((await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: manager, body: { status: 'CO' } })).status).toBe(200);
  return id;
}

async function publish(id: string, opinion: Record<string, unknown>): Promise<void> {
  expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: manager, body: opinion })).status).toBe(200);
  expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: manager })).status).toBe(200);
}

describe('the details of a candidature for its candidate', () => {
  it('names the motive of an unfavourable decision by its label, in the reader’s language, once published', async () => {
    const [token] = tokens as [string];
    const id = await transmitted(token);
    expect(
      (await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: manager, body: { decisionType: 'AVIS_DEFAVORABLE', motiveCode: 'PREREQUIS' } }))
        .status,
    ).toBe(200);
    // Entered, not published: nothing of it.
    const before = await t.api('GET', `/api/candidatures/${id}/details`, { token });
    expect(before.status).toBe(200);
    expect(before.body.decision).toBeNull();
    expect(before.body.documents).toMatchObject({ receipt: true, letter: false, dossier: true });
    expect(before.body.commission.label).toBeTruthy();
    expect(Array.isArray(before.body.commission.address)).toBe(true);

    expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions/validate`, { token: manager })).status).toBe(200);
    const fr = await t.api('GET', `/api/candidatures/${id}/details`, { token, headers: { 'accept-language': 'fr' } });
    expect(fr.body.decision).toMatchObject({
      decisionTypeLabel: 'Avis défavorable',
      motive: 'Prérequis de la formation non satisfaits',
      lcRank: null,
      interview: null,
    });
    const en = await t.api('GET', `/api/candidatures/${id}/details`, { token, headers: { 'accept-language': 'en' } });
    expect(en.body.decision).toMatchObject({ decisionTypeLabel: 'Unfavourable decision', motive: 'Prerequisites not met' });
    expect(en.body.documents.letter).toBe(true);
  });

  it('gives the interview of a preselection', async () => {
    const id = await transmitted(tokens[1]!);
    await publish(id, { decisionType: 'AVIS_PRESELECTION', interview: { date: '2027-06-15', time: '14:30', place: 'Salle B204' } });
    const res = await t.api('GET', `/api/candidatures/${id}/details`, { token: tokens[1] });
    expect(res.body.decision.interview).toEqual({ date: '2027-06-15', time: '14:30', place: 'Salle B204' });
  });

  it('shows the rank on the complementary list as the parameter says: entered (S), real (R), none (N)', async () => {
    // Two candidates on the same formation's list: ranks 7 and 3 entered, so real ranks 2 and 1.
    const formationCode = await t.freeFormation(tokens[2]!, '2026-P');
    const a = await transmitted(tokens[2]!, formationCode);
    const b = await transmitted(tokens[3]!, formationCode);
    await publish(a, { decisionType: 'AVIS_LISTE_COMP', lcRank: 7 });
    await publish(b, { decisionType: 'AVIS_LISTE_COMP', lcRank: 3 });
    const rank = async () => (await t.api('GET', `/api/candidatures/${a}/details`, { token: tokens[2] })).body.decision.lcRank;
    const previous = await t.db.parameter.findUniqueOrThrow({ where: { code: 'LC_MODE_AFFICHAGE_RANG' } });
    try {
      await t.db.parameter.update({ where: { code: 'LC_MODE_AFFICHAGE_RANG' }, data: { value: 'S' } });
      expect(await rank()).toBe(7);
      await t.db.parameter.update({ where: { code: 'LC_MODE_AFFICHAGE_RANG' }, data: { value: 'R' } });
      // Other files may have put candidates of their own on this list before: at least behind b.
      expect(await rank()).toBeGreaterThanOrEqual(2);
      await t.db.parameter.update({ where: { code: 'LC_MODE_AFFICHAGE_RANG' }, data: { value: 'N' } });
      expect(await rank()).toBeNull();
    } finally {
      await t.db.parameter.update({ where: { code: 'LC_MODE_AFFICHAGE_RANG' }, data: { value: previous.value } });
    }
  });

  it('answers only the candidature’s owner', async () => {
    const [token, other] = tokens as [string, string];
    const mine = (await t.api('GET', '/api/candidatures', { token })).body[0].id as string;
    expect((await t.api('GET', `/api/candidatures/${mine}/details`, { token: other })).status).toBe(403);
    expect((await t.api('GET', `/api/candidatures/${mine}/details`)).status).toBe(401);
    expect((await t.api('GET', `/api/candidatures/${mine}/details`, { token: manager })).status).toBe(403);
  });
});
