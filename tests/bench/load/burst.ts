// Deadline day: thousands of candidates apply at once. Fresh accounts with complete files and their
// sessions are made before the timed phase; then every POST /api/candidatures is sent as fast as the
// clients can, `inFlight` at a time, and the wall time runs from the first request sent to the last
// answer read. Afterwards, how long until every new workflow has projected its first view (the
// system settles; report only).
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { sleep } from '../../../infra/processes.ts';
import { createAccounts, logInAll, mintTokens, RUN_TAG, type BenchAccount } from './accounts.ts';
import { describe, ok, type ApiClient } from './http.ts';
import { ErrorLog, forEachLimited, summarize, type Summary } from './stats.ts';

export interface BurstSetup {
  accounts: BenchAccount[];
  tokens: string[];
  auth: 'login' | 'mint';
  formations: string[];
}

export interface BurstResult {
  applications: number;
  inFlight: number;
  auth: 'login' | 'mint';
  wallSeconds: number;
  perSecond: number;
  latency: Summary;
  errors: ErrorLog;
  /** From the last answer until every created candidature's row has its first projected view (seq ≥ 0); null if it did not within the wait. */
  settleSeconds: number | null;
}

interface Ctx {
  api: ApiClient;
  db: pg.Pool;
  log: (line: string) => void;
}

export async function prepareBurst(
  ctx: Ctx,
  opts: { campaign: string; count: number; auth: 'auto' | 'login' | 'mint'; formations: string[] },
): Promise<BurstSetup> {
  const accounts = await createAccounts(ctx.db, { campaign: opts.campaign, kind: 'B', count: opts.count, withFile: true });
  let tokens: string[] | null = null;
  let auth: BurstSetup['auth'] = 'login';
  if (opts.auth !== 'login') {
    tokens = await mintTokens(ctx.api, accounts);
    if (tokens) auth = 'mint';
    else if (opts.auth === 'mint') throw new Error('--burst-auth mint: the API refuses a token signed with SESSION_SECRET (or the development default)');
    else ctx.log('burst: the API refuses signed tokens (another SESSION_SECRET?): logging every candidate in instead');
  }
  if (!tokens) {
    const started = performance.now();
    tokens = await logInAll(ctx.api, accounts, 4);
    ctx.log(`burst: ${accounts.length} logins in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  ctx.log(
    `burst: ${accounts.length} candidates created, sessions by ${auth === 'mint' ? 'signed tokens (accepted by GET /api/session)' : 'POST /api/session'}`,
  );
  return { accounts, tokens, auth, formations: opts.formations };
}

export async function runBurst(ctx: Ctx, setup: BurstSetup, opts: { inFlight: number; settleTimeoutMs?: number }): Promise<BurstResult> {
  const latencies: number[] = [];
  const errors = new ErrorLog();
  const started = performance.now();
  await forEachLimited(setup.accounts, opts.inFlight, async (_account, i) => {
    try {
      const res = await ctx.api.call('POST', '/api/candidatures', {
        token: setup.tokens[i]!,
        body: { formationCode: setup.formations[i % setup.formations.length] },
      });
      if (ok(res.status)) latencies.push(res.ms);
      else errors.record(`POST /api/candidatures → ${res.status} ${describe(res.body)}`);
    } catch (err) {
      errors.record(`POST /api/candidatures: ${(err as Error).message}`);
    }
  });
  const wallSeconds = (performance.now() - started) / 1000;
  ctx.log(`burst: ${latencies.length} applications answered in ${wallSeconds.toFixed(1)} s, ${errors.count} errors; waiting for the projections`);

  // Every workflow started by the burst runs its first task: its creation mail is then queued (or sent).
  const settleStarted = performance.now();
  let settleSeconds: number | null = null;
  const deadline = Date.now() + (opts.settleTimeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    const { rows } = await ctx.db.query<{ waiting: string }>(
      `SELECT count(*) AS waiting FROM candidature c JOIN candidate_account a ON a.id = c.account_id
       WHERE a.dossier_number LIKE $1
         AND NOT EXISTS (SELECT 1 FROM mail_log m WHERE m.candidature_id = c.id AND m.mail_code = 'CANDIDATURE')`,
      [`B${RUN_TAG}%`],
    );
    if (Number(rows[0]?.waiting) === 0) {
      settleSeconds = (performance.now() - settleStarted) / 1000;
      break;
    }
    await sleep(250);
  }
  return {
    applications: setup.accounts.length,
    inFlight: opts.inFlight,
    auth: setup.auth,
    wallSeconds,
    perSecond: latencies.length / wallSeconds,
    latency: summarize(latencies),
    errors,
    settleSeconds,
  };
}
