// The transition path as clients see it: every route of the catalogue exists with its method and
// path; after a transition answers, whatever reads the candidature (its page, the candidate's list,
// the managers' list) shows that state or a newer one; search attributes are written only when they
// change; a mail the SMTP server refuses waits in the outbox and goes out once it is back; the
// managers' list pages, sorts, filters and counts on the server, within the manager's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectCandidature } from '../../activities/projection.ts';
import { connectTemporal } from '../../api/temporal.ts';
import { transitions, TRANSITION_NAMES } from '../../contracts/candidature.ts';
import { Prisma } from '../../infra/prisma.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let centre: string;
beforeAll(async () => {
  t = await startTestApp();
  centre = await t.login('centre');
});
afterAll(async () => {
  await t?.stop();
});

/** A fresh candidate with a complete file, applied to a free formation of 2026-P. */
async function applied(prefix: string): Promise<{ id: string; token: string; dossierNumber: string }> {
  const [email] = await createCandidates(t.db, '2026-P', prefix, 1);
  const token = await t.login(email!);
  const formationCode = await t.freeFormation(token, '2026-P');
  const res = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, token, dossierNumber: res.body.candidate.dossierNumber };
}

describe('the catalogue of transitions', () => {
  it('has every route of every transition in the API, with its method and path', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = TRANSITION_NAMES.flatMap((name) => transitions[name].routes.map((r) => ({ name, ...r })));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], `${r.method} ${path} (${r.name})`).toBeDefined();
      expect(Object.keys(doc.paths[path]!)).toContain(r.method.toLowerCase());
    }
  });

  it('refuses with the status of the refusal kind and names the fields at fault', async () => {
    const { id, token } = await applied('TPR');
    await t.completeFile(token, id);
    expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token })).status).toBe(200);
    // Conflict: 409; Forbidden: 403 (a candidate may not enter an opinion); Invalid: 422 with the field.
    expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token })).status).toBe(409);
    expect((await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token, body: { decisionType: 'AVIS_FAVORABLE' } })).status).toBe(403);
    const noMotive = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: centre, body: { decisionType: 'AVIS_DEFAVORABLE' } });
    expect(noMotive.status).toBe(422);
    expect(noMotive.body.errors).toEqual([expect.objectContaining({ field: 'motiveCode' })]);
    const rankZero = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: centre, body: { decisionType: 'AVIS_LISTE_COMP', lcRank: 0 } });
    expect(rankZero.status).toBe(422);
    expect(rankZero.body.errors).toEqual([{ field: 'lcRank', message: expect.stringMatching(/rang entier ≥ 1/) }]);
    const noInterview = await t.api('POST', `/api/staff/candidatures/${id}/opinions`, { token: centre, body: { decisionType: 'AVIS_PRESELECTION' } });
    expect(noInterview.status).toBe(422);
    expect(noInterview.body.errors.map((e: { field: string }) => e.field)).toEqual(['interview.date', 'interview.time', 'interview.place']);
  });
});

describe('reading back after a transition', () => {
  it('shows the state the transition answered, or a newer one, on every read', async () => {
    const { id, token, dossierNumber } = await applied('TPW');
    await t.completeFile(token, id);
    const steps: [string, string, string, unknown?][] = [
      ['POST', `/api/candidatures/${id}/transmit`, token],
      ['POST', `/api/staff/candidatures/${id}/dossier-status`, centre, { status: 'CO' }],
      ['POST', `/api/staff/candidatures/${id}/opinions`, centre, { decisionType: 'AVIS_FAVORABLE' }],
      ['POST', `/api/staff/candidatures/${id}/opinions/validate`, centre],
      ['POST', `/api/candidatures/${id}/confirm`, token],
    ];
    for (const [method, path, as, body] of steps) {
      const answer = await t.api(method, path, { token: as, ...(body ? { body } : {}) });
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
      // Straight away, no waiting: the candidate's page and list, the manager's page and list.
      const [page, mine, staffPage, staffList] = await Promise.all([
        t.api('GET', `/api/candidatures/${id}`, { token }),
        t.api('GET', '/api/candidatures', { token }),
        t.api('GET', `/api/staff/candidatures/${id}`, { token: centre }),
        t.api('GET', `/api/staff/candidatures?q=${dossierNumber}&page=1&pageSize=10`, { token: centre }),
      ]);
      expect(page.body.seq, path).toBeGreaterThanOrEqual(answer.body.seq);
      expect(mine.body.find((c: { id: string }) => c.id === id).seq, path).toBeGreaterThanOrEqual(answer.body.seq);
      expect(staffPage.body.seq, path).toBeGreaterThanOrEqual(answer.body.seq);
      expect(staffList.body.items.find((c: { id: string }) => c.id === id)?.stage, path).toBe(staffPage.body.stage);
      expect(page.body.stage).toBe(answer.body.stage);
    }
  });

  it('writes the search attributes only when they change', async () => {
    const { id, token } = await applied('TPS');
    await t.completeFile(token, id);
    await t.api('POST', `/api/candidatures/${id}/transmit`, { token });
    const temporal = await connectTemporal(t.config);
    try {
      const handle = temporal.workflow.getHandle(`candidature-${id}`);
      // Upserts of our attributes (the SDK adds TemporalChangeVersion for the patch, once).
      const ours = new Set(['CandidatureStage', 'DossierStatus', 'OpinionKind', 'ExportStatus', 'ConfirmationDeadline']);
      const upserts = async () =>
        (await handle.fetchHistory()).events!.filter((e) =>
          Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).some((k) => ours.has(k)),
        ).length;
      const before = await upserts();
      expect(before).toBe(1); // transmitted: stage and dossier status (set at start: draft, AT)
      // Tags (ids of the setup's tags; none here) and a return deadline change none of them: no upsert.
      expect((await t.api('PUT', `/api/staff/candidatures/${id}/tags`, { token: centre, body: { tags: [] } })).status).toBe(200);
      expect((await t.api('PUT', `/api/staff/candidatures/${id}/return-deadline`, { token: centre, body: { deadline: '2027-08-31' } })).status).toBe(200);
      expect(await upserts()).toBe(before);
      // The dossier status does.
      expect((await t.api('POST', `/api/staff/candidatures/${id}/dossier-status`, { token: centre, body: { status: 'CO' } })).status).toBe(200);
      expect(await upserts()).toBe(before + 1);
      const { typedSearchAttributes } = await handle.describe();
      expect(typedSearchAttributes.getAll().find((p) => p.key.name === 'DossierStatus')?.value).toBe('CO');
    } finally {
      await temporal.connection.close();
    }
  });
});

describe('rows projected before the state was kept', () => {
  it("get the workflow's state: when read, and when an older workflow's projection sends its view", async () => {
    const { id, token } = await applied('TPL');
    // Once the workflow's first task has run (it queues the creation mail), nothing else writes the row.
    await t.eventually(
      () => t.db.mailLog.count({ where: { candidatureId: id, mailCode: 'CANDIDATURE' } }),
      (n) => n === 1,
    );
    const staff = await t.api('GET', `/api/staff/candidatures/${id}`, { token: centre });
    const forget = () => t.db.candidature.update({ where: { id }, data: { state: Prisma.DbNull, seq: -1 } });
    // A projection task scheduled before the fast path carried the view: the state is asked of the workflow.
    await forget();
    const temporal = await connectTemporal(t.config);
    try {
      expect(await projectCandidature({ db: t.db, temporal }, staff.body)).toEqual({ written: true });
    } finally {
      await temporal.connection.close();
    }
    expect((await t.db.candidature.findUniqueOrThrow({ where: { id } })).state).toMatchObject({ seq: staff.body.seq, input: { candidatureId: id } });
    // A row without its state is read through the workflow's state query, and keeps it.
    await forget();
    expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body).toMatchObject({ id, stage: 'draft' });
    expect((await t.db.candidature.findUniqueOrThrow({ where: { id } })).state).toMatchObject({ input: { candidatureId: id } });
  });
});

describe('the mail outbox', () => {
  it('keeps a mail the SMTP server refused, retries it, and sends it once the server accepts again', async () => {
    const { id, token } = await applied('TPM');
    await t.completeFile(token, id);
    t.smtp.refuse(true);
    try {
      expect((await t.api('POST', `/api/candidatures/${id}/transmit`, { token })).status).toBe(200);
      const statusOf = () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: 'STATUT_RE' } });
      const refused = await t.eventually(statusOf, (m) => m?.status === 'retry');
      expect(refused).toMatchObject({ attempts: 1, error: expect.stringMatching(/./) });
    } finally {
      t.smtp.refuse(false);
    }
    const sent = await t.eventually(
      () => t.db.mailLog.findFirst({ where: { candidatureId: id, mailCode: 'STATUT_RE' } }),
      (m) => m?.status === 'sent',
      60_000,
    );
    expect(sent!.attempts).toBe(2);
    const account = await t.db.candidateAccount.findFirstOrThrow({ where: { candidatures: { some: { id } } } });
    expect(t.smtp.messages().filter((m) => m.to.includes(account.email) && m.subject === sent!.subject)).toHaveLength(1);
  });
});

describe("the managers' list", () => {
  it('pages, sorts and counts on the server; filters by stage, formation and name; shows a manager their scope only', async () => {
    const [first] = await Promise.all([applied('TPLA'), applied('TPLB')]);
    const page = await t.api('GET', '/api/staff/candidatures?campaign=2026-P&sort=name&order=asc&page=1&pageSize=2', { token: centre });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    const total = Number(page.headers.get('x-total-count'));
    expect(total).toBeGreaterThanOrEqual(2);
    expect(page.body.total).toBe(total);
    const names = page.body.items.map((r: { candidateName: string }) => r.candidateName);
    expect([...names].sort()).toEqual(names);
    const next = await t.api('GET', '/api/staff/candidatures?campaign=2026-P&sort=name&order=asc&page=2&pageSize=2', { token: centre });
    expect(next.body.items[0]?.candidateName >= names[1]).toBe(true);

    const byName = await t.api('GET', `/api/staff/candidatures?q=${first.dossierNumber.toLowerCase()}&page=1&pageSize=50`, { token: centre });
    expect(byName.body.items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(byName.headers.get('x-total-count')).toBe('1');
    const drafts = await t.api('GET', '/api/staff/candidatures?campaign=2026-P&stage=draft&page=1&pageSize=500', { token: centre });
    expect(drafts.body.items.every((r: { stage: string }) => r.stage === 'draft')).toBe(true);
    expect(drafts.body.items.map((r: { id: string }) => r.id)).toContain(first.id);

    // Without page or sort, the list answers its first page: the most recently changed first, with the count.
    const unpaged = await t.api('GET', '/api/staff/candidatures', { token: centre });
    expect(unpaged.body.items.length).toBe(Math.min(50, unpaged.body.total));
    expect(unpaged.headers.get('x-total-count')).toBe(String(unpaged.body.total));
    const times = unpaged.body.items.map((r: { updatedAt: string }) => r.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);

    // A commission member sees their commission's candidatures only, and counts them only: one
    // candidature of another commission of the same centre is in the manager's list, not in theirs.
    const { commissionId } = await t.db.commissionMember.findFirstOrThrow({ where: { user: { login: 'commission' } } });
    const elsewhere = await t.db.formation.findFirstOrThrow({
      where: { active: true, commissionId: { not: commissionId }, commission: { centre: { code: 'FST' } } },
    });
    const [email] = await createCandidates(t.db, '2026-P', 'TPLC', 1);
    const other = await t.api('POST', '/api/candidatures', { token: await t.login(email!), body: { formationCode: elsewhere.code } });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const member = await t.login('commission');
    const theirs = await t.api('GET', '/api/staff/candidatures?page=1&pageSize=500', { token: member });
    const commissions = new Set(theirs.body.items.map((r: { commissionCode: string }) => r.commissionCode));
    expect(commissions.size).toBeLessThanOrEqual(1);
    expect(Number(theirs.headers.get('x-total-count'))).toBe(theirs.body.items.length);
    expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(other.body.id);
    const all = await t.api('GET', '/api/staff/candidatures?page=1&pageSize=500', { token: centre });
    expect(all.body.items.map((r: { id: string }) => r.id)).toContain(other.body.id);
    expect(Number(all.headers.get('x-total-count'))).toBeGreaterThan(Number(theirs.headers.get('x-total-count')));
  });
});
