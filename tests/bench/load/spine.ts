// The spine under load: N candidatures, C at a time (closed loop: each of C lanes takes the next one
// when its previous one is exported), each one driven through the HTTP API as its users would:
// apply → transmit → dossier complete (CO) → favourable opinion → validate → confirm, then polling
// the candidature until its export to the SIS is done. One fresh candidate account per candidature,
// logged in before the timed phase.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { sleep } from '../../../infra/processes.ts';
import { DEMO_PASSWORD } from '../../../prisma/seed.ts';
import { createAccounts, logInAll } from './accounts.ts';
import { describe, ok, type ApiAnswer, type ApiClient } from './http.ts';
import { LagProbe } from './lag.ts';
import { ErrorLog, forEachLimited, Latencies, summarize, type Summary } from './stats.ts';
import { minimalPdf } from '../../support/pdf.ts';

export const TRANSITIONS = ['apply', 'transmit', 'dossier-status CO', 'opinion', 'validate', 'confirm'] as const;

export interface SpineSetup {
  formations: string[];
  /** True when no formation asks for nothing: then each candidature's file is completed through the API first. */
  completeFile: boolean;
  tokens: string[];
  staffToken: string;
  loginSeconds: number;
}

export interface SpineResult {
  n: number;
  c: number;
  completed: number;
  errors: ErrorLog;
  wallSeconds: number;
  perSecond: number;
  transitions: Record<string, Summary>;
  /** Apply sent → export seen done, in ms. */
  endToEnd: Summary;
  /** Polls of GET /api/candidatures/{id} while waiting for the export. */
  polls: number;
  lag: { summary: Summary; byTransition: Record<string, Summary>; skipped: number; timeouts: number; queries: number };
  formations: string[];
  completeFile: boolean;
  /** Candidatures whose export was seen done. */
  doneIds: string[];
}

interface Ctx {
  api: ApiClient;
  db: pg.Pool;
  log: (line: string) => void;
}

/** Formations of the campaign that ask for no supporting document and no question, else all open ones. */
export async function pickFormations(ctx: Ctx, campaign: string): Promise<{ formations: string[]; completeFile: boolean }> {
  const offer = await ctx.api.call('GET', `/api/campaigns/${campaign}/formations`);
  if (offer.status !== 200) throw new Error(`GET /api/campaigns/${campaign}/formations: ${offer.status} ${describe(offer.body)}`);
  const open = (offer.body as { code: string }[]).map((f) => f.code);
  if (open.length === 0) throw new Error(`campaign ${campaign} has no formation open to applications`);
  const { rows } = await ctx.db.query<{ code: string }>(
    `SELECT f.code FROM formation f
     WHERE f.code = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM formation_supporting_document d WHERE d.formation_id = f.id)
       AND NOT EXISTS (SELECT 1 FROM formation_question q WHERE q.formation_id = f.id)
       AND NOT EXISTS (SELECT 1 FROM supporting_document s WHERE s.active AND s.is_common)
       AND NOT EXISTS (SELECT 1 FROM question q WHERE q.active AND q.is_common)
     ORDER BY f.code`,
    [open],
  );
  return rows.length ? { formations: rows.map((r) => r.code), completeFile: false } : { formations: open, completeFile: true };
}

export async function prepareSpine(ctx: Ctx, opts: { campaign: string; n: number }): Promise<SpineSetup> {
  const { formations, completeFile } = await pickFormations(ctx, opts.campaign);
  ctx.log(
    `spine: formation(s) ${formations.join(', ')}${completeFile ? ' (every formation asks for documents or answers: each file is completed through the API, untimed)' : ' (no document, no question)'}`,
  );
  const accounts = await createAccounts(ctx.db, { campaign: opts.campaign, kind: 'S', count: opts.n, withFile: true });
  const started = performance.now();
  const staffToken = await ctx.api.login('centre', DEMO_PASSWORD);
  const tokens = await logInAll(ctx.api, accounts, 4);
  const loginSeconds = (performance.now() - started) / 1000;
  ctx.log(
    `spine: ${accounts.length} candidates created and logged in (${loginSeconds.toFixed(1)} s of logins, ${(accounts.length / loginSeconds).toFixed(1)}/s)`,
  );
  return { formations, completeFile, tokens, staffToken, loginSeconds };
}

export async function runSpine(ctx: Ctx, setup: SpineSetup, opts: { n: number; c: number; lagEvery: number; exportTimeoutMs?: number }): Promise<SpineResult> {
  const { api } = ctx;
  const latencies = new Latencies();
  const errors = new ErrorLog();
  const lag = new LagProbe(ctx.db);
  const endToEnd: number[] = [];
  const doneIds: string[] = [];
  let transitions = 0;
  let polls = 0;
  let finished = 0;

  /** One timed transition; null (error recorded) when it did not succeed. */
  const transition = async (name: string, id: string | null, path: string, token: string, body?: unknown): Promise<ApiAnswer | null> => {
    let res: ApiAnswer;
    try {
      res = await api.call('POST', path, { token, ...(body !== undefined ? { body } : {}) });
    } catch (err) {
      errors.record(`${name}: ${(err as Error).message}`);
      return null;
    }
    if (!ok(res.status)) {
      errors.record(`${name} → ${res.status} ${describe(res.body)}`);
      return null;
    }
    latencies.add(name, res.ms);
    const seq = (res.body as { seq?: number }).seq;
    const candidatureId = id ?? (res.body as { id?: string }).id;
    if (++transitions % opts.lagEvery === 0 && typeof seq === 'number' && candidatureId) lag.probe(name, candidatureId, seq, res.at);
    return res;
  };

  const oneCandidature = async (i: number): Promise<void> => {
    const token = setup.tokens[i]!;
    const staff = setup.staffToken;
    const started = performance.now();
    const created = await transition('apply', null, '/api/candidatures', token, { formationCode: setup.formations[i % setup.formations.length] });
    if (!created) return;
    const id = (created.body as { id: string }).id;
    if (setup.completeFile && !(await completeFile(api, token, id, created.body, errors))) return;
    const steps: [string, string, string, unknown?][] = [
      ['transmit', `/api/candidatures/${id}/transmit`, token],
      ['dossier-status CO', `/api/staff/candidatures/${id}/dossier-status`, staff, { status: 'CO' }],
      ['opinion', `/api/staff/candidatures/${id}/opinions`, staff, { decisionType: 'AVIS_FAVORABLE' }],
      ['validate', `/api/staff/candidatures/${id}/opinions/validate`, staff],
      ['confirm', `/api/candidatures/${id}/confirm`, token],
    ];
    for (const [name, path, as, body] of steps) if (!(await transition(name, id, path, as, body))) return;
    const deadline = Date.now() + (opts.exportTimeoutMs ?? 120_000);
    for (;;) {
      await sleep(150);
      polls++;
      let res: ApiAnswer;
      try {
        res = await api.call('GET', `/api/candidatures/${id}`, { token });
      } catch (err) {
        errors.record(`poll: ${(err as Error).message}`);
        return;
      }
      const exported = (res.body as { export?: { status?: string; error?: string } } | null)?.export;
      if (!ok(res.status) || exported?.status === 'failed') {
        errors.record(`poll → ${res.status} export ${describe(exported ?? res.body)}`);
        return;
      }
      if (exported?.status === 'done') break;
      if (Date.now() > deadline) {
        errors.record(`export of ${id} not done within ${(opts.exportTimeoutMs ?? 120_000) / 1000} s (status ${exported?.status})`);
        return;
      }
    }
    endToEnd.push(performance.now() - started);
    doneIds.push(id);
  };

  const indexes = Array.from({ length: opts.n }, (_, i) => i);
  const progress = setInterval(() => ctx.log(`spine: ${finished}/${opts.n} finished, ${doneIds.length} exported, ${errors.count} errors`), 10_000);
  const started = performance.now();
  try {
    await forEachLimited(indexes, opts.c, async (i) => {
      await oneCandidature(i);
      finished++;
    });
  } finally {
    clearInterval(progress);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  await lag.drain();
  return {
    n: opts.n,
    c: opts.c,
    completed: doneIds.length,
    errors,
    wallSeconds,
    perSecond: doneIds.length / wallSeconds,
    transitions: Object.fromEntries(TRANSITIONS.map((name) => [name, latencies.summary(name)])),
    endToEnd: summarize(endToEnd),
    polls,
    lag: {
      summary: summarize(lag.lags),
      byTransition: Object.fromEntries(lag.byName.names().map((name) => [name, lag.byName.summary(name)])),
      skipped: lag.skipped,
      timeouts: lag.timeouts,
      queries: lag.queries,
    },
    formations: setup.formations,
    completeFile: setup.completeFile,
    doneIds,
  };
}

/** What tests/support/app.ts `completeFile` does: uploads the mandatory pieces, "not concerned" for conditional ones, answers questions. */
async function completeFile(api: ApiClient, token: string, id: string, view: any, errors: ErrorLog): Promise<boolean> {
  const step = async (what: string, res: Promise<{ status: number; body: unknown }>) => {
    try {
      const r = await res;
      if (ok(r.status)) return true;
      errors.record(`${what} → ${r.status} ${describe(r.body)}`);
    } catch (err) {
      errors.record(`${what}: ${(err as Error).message}`);
    }
    return false;
  };
  for (const p of (view.pieces ?? []) as { code: string; status: string; conditional: boolean }[]) {
    if (p.status !== 'AT' && p.status !== 'RE') continue;
    const done = p.conditional
      ? await step(`piece ${p.code} not concerned`, api.call('POST', `/api/candidatures/${id}/pieces/${p.code}/not-concerned`, { token }))
      : await step(`upload ${p.code}`, upload(api, token, id, p.code));
    if (!done) return false;
  }
  for (const q of (view.questions ?? []) as { code: string; answer: unknown; notConcerned: boolean; conditional: boolean }[]) {
    if (q.answer !== null || q.notConcerned) continue;
    const done = q.conditional
      ? await step(`question ${q.code} not concerned`, api.call('POST', `/api/candidatures/${id}/questions/${q.code}/not-concerned`, { token }))
      : await step(
          `answer ${q.code}`,
          api.call('PUT', `/api/candidatures/${id}/questions/${q.code}`, { token, body: { answer: 'Réponse du banc de charge.' } }),
        );
    if (!done) return false;
  }
  return true;
}

async function upload(api: ApiClient, token: string, id: string, code: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([minimalPdf('pièce du banc de charge')], { type: 'application/pdf' }), 'piece.pdf');
  const res = await fetch(`${api.baseUrl}/api/candidatures/${id}/pieces/${code}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: await res.text() };
}
