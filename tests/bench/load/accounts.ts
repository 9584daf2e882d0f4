// Candidate accounts for the bench, made in bulk: one INSERT … SELECT generate_series per table
// (thousands in well under a second), the demo password hashed once with argon2 and reused. And their
// sessions: logged in through POST /api/session, or tokens signed like the API signs them (HS256,
// SESSION_SECRET) when that is accepted, since 5,000 argon2 verifications take minutes on 2 cores.
import { LAST_NAMES } from '../../../sis/apogee/simulator/data.ts';
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { SignJWT } from 'jose';
import type pg from 'pg';
import { loadConfig } from '../../../infra/config.ts';
import { DEMO_PASSWORD } from '../../../prisma/seed.ts';
import type { ApiClient } from './http.ts';
import { forEachLimited } from './stats.ts';

export interface BenchAccount {
  id: number;
  dossierNumber: string;
  email: string;
}

/** Two base-36 characters per run, so that a second run on the same database makes other dossier numbers. */
export const RUN_TAG = randomBytes(2).readUInt16BE(0).toString(36).padStart(2, '0').slice(-2).toUpperCase();

const FIRST_NAMES = ['Alex', 'Camille', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Emma', 'Nathan', 'Inès', 'Jules', 'Sarah', 'Adam', 'Manon', 'Lucas', 'Jade', 'Yanis'];

let passwordHash: Promise<string> | undefined;

/**
 * Creates `count` validated accounts on the campaign, dossier numbers `<kind><RUN_TAG><00001…>` (8
 * characters). `withFile`: a complete candidate file (civil status, address, bac), as
 * tests/support/candidates.ts makes it, so that the account may apply.
 */
export async function createAccounts(db: pg.Pool, opts: { campaign: string; kind: string; count: number; withFile: boolean }): Promise<BenchAccount[]> {
  if (opts.count > 99_999) throw new Error(`at most 99,999 accounts per kind (asked ${opts.count})`);
  passwordHash ??= hash(DEMO_PASSWORD);
  const prefix = `${opts.kind}${RUN_TAG}`;
  const accounts = `
    INSERT INTO candidate_account (campaign_id, dossier_number, email, password_hash, first_name, last_name, email_validated, validated, updated_at)
    SELECT c.id, d.dossier, lower(d.dossier) || '@bench.test', $3, ($5::text[])[1 + i % cardinality($5::text[])],
           ($6::text[])[1 + (i * 7) % cardinality($6::text[])] || ' ' || i, true, true, now()
    FROM campaign c, generate_series(1, $4::int) AS i, LATERAL (SELECT $2 || lpad(i::text, 5, '0') AS dossier) d
    WHERE c.code = $1
    RETURNING id, dossier_number, email, last_name`;
  const sql = opts.withFile
    ? `WITH acc AS (${accounts}),
       cand AS (
         INSERT INTO candidate (account_id, civility, birth_name, first_name, birth_date, ine, ine_key, birth_country_code, birth_city_label, nationality_code, updated_at)
         SELECT id, 'M.', last_name, 'Alex', DATE '2003-05-17', 'BEN' || right(dossier_number, 7), 'AB', '100', 'Lyon', '100', now() FROM acc
         RETURNING id
       ),
       addr AS (INSERT INTO address (candidate_id, line1, postcode, commune_code, country_code) SELECT id, '1 rue de la République', '69002', '69382', '100' FROM cand),
       bac AS (INSERT INTO candidate_bac (candidate_id, year, bac_code, country_code) SELECT id, 2021, 'G', '100' FROM cand)
       SELECT id, dossier_number, email FROM acc ORDER BY id`
    : `WITH acc AS (${accounts}) SELECT id, dossier_number, email FROM acc ORDER BY id`;
  const { rows } = await db.query<{ id: number; dossier_number: string; email: string }>(sql, [
    opts.campaign,
    prefix,
    await passwordHash,
    opts.count,
    FIRST_NAMES,
    LAST_NAMES,
  ]);
  if (rows.length !== opts.count) throw new Error(`created ${rows.length} accounts of ${opts.count}: is there a campaign ${opts.campaign}?`);
  return rows.map((r) => ({ id: r.id, dossierNumber: r.dossier_number, email: r.email }));
}

/** Logs every account in (POST /api/session), `concurrency` at a time; tokens in the accounts' order. */
export async function logInAll(api: ApiClient, accounts: BenchAccount[], concurrency: number): Promise<string[]> {
  const tokens: string[] = new Array(accounts.length);
  await forEachLimited(accounts, concurrency, async (a, i) => {
    tokens[i] = await api.login(a.email, DEMO_PASSWORD);
  });
  return tokens;
}

/**
 * Session tokens signed as api/plugins/auth.ts signs them (subject `candidate:<id>`), with
 * SESSION_SECRET or the development default; null when the API does not accept such a token
 * (another secret, or sessions that are more than a signed token).
 */
export async function mintTokens(api: ApiClient, accounts: BenchAccount[]): Promise<string[] | null> {
  const first = accounts[0];
  if (!first) return [];
  let secretText = process.env.SESSION_SECRET;
  if (!secretText) {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL ||= 'postgresql://unused'; // loadConfig insists on it; only the secret is read here
    try {
      secretText = loadConfig().sessionSecret;
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
    }
  }
  const secret = new TextEncoder().encode(secretText);
  const sign = (a: BenchAccount) =>
    new SignJWT({ login: a.dossierNumber })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`candidate:${a.id}`)
      .setIssuer('ecandidat')
      .setIssuedAt()
      .setExpirationTime('8h')
      .sign(secret);
  const probe = await api.call('GET', '/api/session', { token: await sign(first) });
  if (probe.status !== 200 || (probe.body as { user?: { login?: string } }).user?.login !== first.dossierNumber) return null;
  return Promise.all(accounts.map(sign));
}
