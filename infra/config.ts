// Runtime configuration, read once from the environment. Every process (api, worker, scripts, tests)
// goes through this module so that one variable means the same thing everywhere.
import { resolve } from 'node:path';
import { STAFF_PASSWORD_MIN } from '../contracts/setup.ts';
import { DEFAULT_PEGASE_CONFIG, type PegaseConfig } from '../sis/pegase/config.ts';

export const ROOT_DIR = resolve(import.meta.dirname, '..');
export const DATA_DIR = process.env.DATA_DIR ?? resolve(ROOT_DIR, '.data');

export interface AppConfig {
  /** PostgreSQL connection string; set by the dev stack when PostgreSQL is embedded. */
  databaseUrl: string;
  /** Temporal frontend host:port. */
  temporalAddress: string;
  temporalNamespace: string;
  /** Task queue of the candidature worker. */
  taskQueue: string;
  /** smtp://host:port of the outgoing mail server. */
  smtpUrl: string;
  mailFrom: string;
  /** Folder where the Pégase admission CSV files are written (reference sis-apis.md §2.8). */
  pegaseOpiDir: string;
  /** Folder of the uploaded files (supporting documents), named by their storage key. */
  filesDir: string;
  /** Secret used to sign session tokens (HS256). */
  sessionSecret: string;
  /** Port of the HTTP server that serves the API and the web app. */
  port: number;
  /**
   * The app's public address (PUBLIC_URL, no trailing slash), which the links of account mails point
   * to; empty: http://127.0.0.1:<port>, the address the dev stack and the tests serve.
   */
  publicUrl: string;
  /** development | test | production: the demo logins only exist outside production. */
  mode: 'development' | 'test' | 'production';
  /**
   * Whether workflows carry the custom search attributes (contracts/search-attributes.ts). Off for a
   * server where they cannot be registered (Temporal's time-skipping test server): TEMPORAL_SEARCH_ATTRIBUTES=off.
   */
  searchAttributes: boolean;
  /** Public URL of the Temporal Web UI, printed for admins (empty when unknown). */
  temporalUiUrl: string;
  /**
   * Apogée (reference sis-apis.md §3): base URL of its services, empty when not configured (exports
   * to Apogée are then refused with that message). `npm start` and the tests start the simulator and
   * point this at it when APOGEE_URL is unset.
   */
  apogee: { url: string; timeoutMs: number; opiPrefix: string; codSansBac: string };
  /**
   * Pégase (reference sis-apis.md §1–§2): base URL of its modules, empty when not configured (exports
   * then only write the CSV files). `npm start` and the tests start the simulator and point this at
   * it when PEGASE_URL is unset.
   */
  pegase: PegaseConfig;
  /**
   * The daily synchronisation of SIS referentials (workflows/referential-sync.ts): one Temporal
   * Schedule per SIS type in use. `cron`: five-field cron in `timezone` (REFERENTIAL_SYNC_CRON,
   * default `30 3 * * *`, 03:30); `off` keeps the schedule paused (admins still run it by hand).
   */
  referentialSync: { cron: string; timezone: string };
  /**
   * Lookups of a student in the SIS (POST /api/candidate/profile/sis-lookup) an account may make per
   * hour (SIS_LOOKUP_LIMIT_PER_HOUR, default 20): the birth date it must give cannot be guessed.
   */
  sisLookupLimitPerHour: number;
  /** Wrong passwords for one login within 15 minutes before it is held (LOGIN_MAX_FAILURES, default 10). */
  loginMaxFailures: number;
  /**
   * Worker tuning (worker/main.ts): workflows kept in memory between their tasks (the sticky cache:
   * a cached workflow answers without replaying its history), and how many workflow tasks,
   * activities and local activities run at once.
   */
  worker: { maxCachedWorkflows: number | undefined; workflowTaskSlots: number; activitySlots: number; localActivitySlots: number };
  /**
   * The first administrator of a new installation (FIRST_ADMIN_LOGIN, FIRST_ADMIN_EMAIL,
   * FIRST_ADMIN_NAME, FIRST_ADMIN_PASSWORD): given the `admin` profile by the seed when no active
   * administrator exists (prisma/seed.ts); without a password, single sign-on only. Null when unset.
   */
  firstAdmin: { login: string; displayName: string; email: string; password?: string } | null;
  /**
   * The institution as the web app names it (INSTITUTION_NAME, required in production; the demo's
   * name otherwise) and whether it carries the State brand (BRAND=dsfr: Marianne and the DSFR
   * bloc-marque, only for an institution approved to; neutral otherwise).
   */
  institution: { name: string; brand: 'dsfr' | 'neutral' };
  /** Connections each process's PostgreSQL pool opens at most (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /**
   * Staff single sign-on with OpenID Connect (api/sso.ts), null when OIDC_ISSUER is unset (local
   * passwords only). `issuer`: the provider's issuer URL, discovered at the first sign-in
   * (OIDC_ISSUER; a CAS server in OIDC mode is `https://cas.example/cas/oidc`). `clientId` /
   * `clientSecret`: this application's client at the provider (OIDC_CLIENT_ID, required with an issuer;
   * OIDC_CLIENT_SECRET, empty for a public client, which then relies on PKCE alone).
   * `redirectUri`: the callback registered at the provider, OIDC_REDIRECT_URI, else
   * `${PUBLIC_URL}/api/session/sso/callback` when PUBLIC_URL (the app's public URL) is set, else
   * null: derived from each request's Host (fine on a single host; behind a proxy set one of the two).
   * `loginClaim`: the claim holding the staff login, compared exactly with `staff_user.login`
   * (OIDC_LOGIN_CLAIM, default `preferred_username`; CAS's OIDC mode sends the login as `sub`: set
   * it to `sub` there). `scope`: OIDC_SCOPE, default `openid profile`. `label`: the login page's
   * button text (OIDC_LABEL, default "Compte de l'établissement").
   */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string | null;
    loginClaim: string;
    scope: string;
    label: string;
  } | null;
}

function required(name: string, hint = 'the dev stack sets it: run "npm start" or "npm test"'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (${hint})`);
  return value;
}

export function loadConfig(): AppConfig {
  const mode = (process.env.APP_MODE ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')) as AppConfig['mode'];
  return {
    databaseUrl: required('DATABASE_URL'),
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'candidatures',
    smtpUrl: process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    mailFrom: process.env.MAIL_FROM ?? 'eCandidat <no-reply@ecandidat.localhost>',
    pegaseOpiDir: process.env.PEGASE_OPI_DIR ?? resolve(DATA_DIR, 'pegase-opi'),
    filesDir: process.env.FILES_DIR ?? resolve(DATA_DIR, 'files'),
    sessionSecret:
      process.env.SESSION_SECRET ||
      (mode === 'production'
        ? required('SESSION_SECRET', 'a long random secret that signs the sessions is required in production')
        : 'dev-only-secret-change-me-0123456789abcdef'),
    port: Number(process.env.PORT ?? 3000),
    publicUrl: process.env.PUBLIC_URL?.replace(/\/+$/, '') ?? '',
    mode,
    temporalUiUrl: process.env.TEMPORAL_UI_URL ?? '',
    searchAttributes: process.env.TEMPORAL_SEARCH_ATTRIBUTES !== 'off',
    apogee: {
      url: process.env.APOGEE_URL ?? '',
      timeoutMs: Number(process.env.APOGEE_TIMEOUT_MS ?? 10_000),
      opiPrefix: process.env.APOGEE_OPI_PREFIX ?? 'EC',
      codSansBac: process.env.APOGEE_COD_SANS_BAC ?? '0001',
    },
    pegase: pegaseConfig(),
    referentialSync: {
      cron: process.env.REFERENTIAL_SYNC_CRON ?? '30 3 * * *',
      timezone: process.env.REFERENTIAL_SYNC_TIMEZONE ?? 'Europe/Paris',
    },
    sisLookupLimitPerHour: Number(process.env.SIS_LOOKUP_LIMIT_PER_HOUR ?? 20),
    loginMaxFailures: Number(process.env.LOGIN_MAX_FAILURES ?? 10),
    worker: {
      // Unset: the SDK's default, from the heap size (about 600 workflows per GiB).
      maxCachedWorkflows: process.env.WORKER_MAX_CACHED_WORKFLOWS ? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS) : undefined,
      workflowTaskSlots: Number(process.env.WORKER_WORKFLOW_TASK_SLOTS ?? 100),
      activitySlots: Number(process.env.WORKER_ACTIVITY_SLOTS ?? 100),
      localActivitySlots: Number(process.env.WORKER_LOCAL_ACTIVITY_SLOTS ?? 100),
    },
    databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20),
    oidc: oidcConfig(),
    firstAdmin: firstAdmin(),
    institution: {
      name:
        process.env.INSTITUTION_NAME ||
        (mode === 'production'
          ? required('INSTITUTION_NAME', 'the name of the institution, shown in every page’s header, is required in production')
          : 'Université de démonstration'),
      brand: process.env.BRAND === 'dsfr' ? 'dsfr' : 'neutral',
    },
  };
}

function oidcConfig(): AppConfig['oidc'] {
  const env = process.env;
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID) throw new Error("OIDC_ISSUER is set but OIDC_CLIENT_ID is not (this application's client id at the provider)");
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    redirectUri: env.OIDC_REDIRECT_URI || (publicUrl ? `${publicUrl}/api/session/sso/callback` : null),
    loginClaim: env.OIDC_LOGIN_CLAIM || 'preferred_username',
    scope: env.OIDC_SCOPE || 'openid profile',
    label: env.OIDC_LABEL || "Compte de l'établissement",
  };
}

function firstAdmin(): AppConfig['firstAdmin'] {
  const login = process.env.FIRST_ADMIN_LOGIN;
  if (!login) return null;
  const email = process.env.FIRST_ADMIN_EMAIL;
  if (!email) throw new Error('FIRST_ADMIN_EMAIL is not set: the first administrator (FIRST_ADMIN_LOGIN) needs an e-mail address');
  const password = process.env.FIRST_ADMIN_PASSWORD;
  if (password !== undefined && password.length < STAFF_PASSWORD_MIN)
    throw new Error(`FIRST_ADMIN_PASSWORD is too short: ${STAFF_PASSWORD_MIN} characters at least`);
  return { login, email, displayName: process.env.FIRST_ADMIN_NAME ?? login, ...(password ? { password } : {}) };
}

function pegaseConfig(): PegaseConfig {
  const d = DEFAULT_PEGASE_CONFIG;
  const env = process.env;
  const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  const urls = Object.fromEntries(
    (['auth', 'ref', 'odf', 'idt', 'insExt', 'coc', 'ins'] as const)
      .map((m) => [m, env[`PEGASE_${m.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_URL`]] as const)
      .filter(([, v]) => v),
  );
  return {
    url: env.PEGASE_URL ?? '',
    urls,
    etab: env.PEGASE_ETAB ?? d.etab,
    username: env.PEGASE_USER ?? d.username,
    password: env.PEGASE_PASSWORD ?? d.password,
    tokenInQuery: env.PEGASE_TOKEN_IN_QUERY === 'true',
    timeoutMs: num('PEGASE_TIMEOUT_MS', d.timeoutMs),
    refPageSize: num('PEGASE_REF_PAGE_SIZE', d.refPageSize),
    importPollMs: num('PEGASE_IMPORT_POLL_MS', d.importPollMs),
    importTimeoutMs: num('PEGASE_IMPORT_TIMEOUT_MS', d.importTimeoutMs),
  };
}
