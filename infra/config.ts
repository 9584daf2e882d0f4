// Runtime configuration, read once from the environment. Every process (api, worker, scripts, tests)
// goes through this module so that one variable means the same thing everywhere.
import { resolve } from 'node:path';
import { STAFF_PASSWORD_MIN } from '../contracts/setup.ts';
import { DEFAULT_PEGASE_CONFIG, type PegaseConfig } from '../sis/pegase/config.ts';

export const ROOT_DIR = resolve(import.meta.dirname, '..');
export const DATA_DIR = process.env.DATA_DIR?.trim() || resolve(ROOT_DIR, '.data');

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
  /**
   * Where the bytes of stored files live (infra/storage.ts): FILE_STORAGE=local (default: the folder
   * `filesDir`) or s3, an S3-compatible bucket (S3_BUCKET required; S3_ENDPOINT, empty for AWS itself;
   * S3_REGION, default us-east-1; S3_ACCESS_KEY_ID with S3_SECRET_ACCESS_KEY, both or neither: the
   * SDK's own credential chain then; S3_FORCE_PATH_STYLE=true for MinIO and most non-AWS servers).
   */
  fileStorage: FileStorageConfig;
  /**
   * The virus scan of every upload (infra/virus-scan.ts), off when CLAMAV_ADDRESS is unset: clamd's
   * address, host:port or a unix socket path; CLAMAV_TIMEOUT_MS (default 10000) bounds one scan.
   */
  clamav: { address: string; timeoutMs: number } | null;
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
   * The workflow code bundled ahead by `npm run build:workflows` (the image does it), which the worker
   * loads instead of bundling workflows/ at start (WORKFLOW_BUNDLE_PATH; empty: in production
   * dist/workflow-bundle.js when it exists and is newer than the sources, else bundled at start).
   */
  workflowBundlePath: string;
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
  /**
   * Logs, metrics and traces (infra/logging.ts, infra/metrics.ts, infra/tracing.ts). `logLevel`:
   * LOG_LEVEL (default warn). `logFormat`: LOG_FORMAT, json (JSON lines, the default in production) or
   * pretty (text, the default elsewhere). `metricsToken`: METRICS_TOKEN, when set GET /metrics wants
   * `Authorization: Bearer <token>` (empty: open, block it at the proxy). `workerMetricsPort`:
   * WORKER_METRICS_PORT, the worker's own /metrics (null: none). `temporalSdkMetricsAddress`:
   * TEMPORAL_SDK_METRICS_ADDRESS, host:port where the Temporal SDK serves its Prometheus metrics (null:
   * none). `otlpEndpoint`: OTEL_EXPORTER_OTLP_ENDPOINT, the OTLP/HTTP collector traces go to (null: no
   * tracing).
   */
  observability: {
    logLevel: LogLevel;
    logFormat: 'json' | 'pretty';
    metricsToken: string;
    workerMetricsPort: number | null;
    temporalSdkMetricsAddress: string | null;
    otlpEndpoint: string | null;
  };
}

export type FileStorageConfig =
  { kind: 'local' } | { kind: 's3'; bucket: string; endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };

function fileStorageConfig(): FileStorageConfig {
  const env = process.env;
  const kind = env.FILE_STORAGE || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new Error(`FILE_STORAGE=${kind} is not a storage: local (the folder FILES_DIR) or s3 (an S3-compatible bucket)`);
  const bucket = required('S3_BUCKET', 'the bucket of the stored files is required with FILE_STORAGE=s3');
  const endpoint = env.S3_ENDPOINT ?? '';
  if (endpoint && !(/^https?:\/\/[^\s/]+/.test(endpoint) && URL.canParse(endpoint)))
    throw new Error(`S3_ENDPOINT is not an http(s) URL (e.g. https://s3.univ.fr or http://minio:9000): ${endpoint}`);
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ?? '';
  if (!accessKeyId !== !secretAccessKey)
    throw new Error(
      `${accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} is not set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither, for the SDK's credential chain)`,
    );
  const pathStyle = env.S3_FORCE_PATH_STYLE ?? 'false';
  if (pathStyle !== 'true' && pathStyle !== 'false') throw new Error(`S3_FORCE_PATH_STYLE must be true or false, not ${pathStyle}`);
  return { kind, bucket, endpoint, region: env.S3_REGION || 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: pathStyle === 'true' };
}

function clamavConfig(): AppConfig['clamav'] {
  const address = process.env.CLAMAV_ADDRESS;
  if (!address) return null;
  const timeoutMs = Number(process.env.CLAMAV_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new Error(`CLAMAV_TIMEOUT_MS must be a positive number of milliseconds, not ${process.env.CLAMAV_TIMEOUT_MS}`);
  return { address, timeoutMs };
}

function required(name: string, hint = 'the dev stack sets it: run "npm start" or "npm test"'): string {
  const value = setting(name);
  if (!value) throw new Error(`${name} is not set (${hint})`);
  return value;
}

/** SESSION_SECRET when set; in production, 32 characters at least (its length said, never its value). */
function sessionSecretOf(mode: AppConfig['mode']): string | undefined {
  const secret = setting('SESSION_SECRET');
  if (secret !== undefined && mode === 'production' && secret.length < 32)
    throw new Error(`SESSION_SECRET is too short for production (${secret.length} characters): 32 random characters at least, e.g. openssl rand -hex 32`);
  return secret;
}

/** A variable's value; empty or blank (a `NAME=` line of a .env file) counts as unset. */
function setting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A whole number within [min, max], or `fallback` when unset; anything else names the variable. */
function int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = setting(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` of at least ${min}` : ` from ${min} to ${max}`}, not "${raw}"`);
  return value;
}

/**
 * The configuration from the environment. Every missing or invalid variable is named, all of them in
 * one error (a start fails once, not once per variable); values of secrets are never part of it.
 */
export function loadConfig(): AppConfig {
  const errors: string[] = [];
  const check = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      errors.push((err as Error).message);
      return undefined as T;
    }
  };
  const appMode = setting('APP_MODE') ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development');
  if (!['development', 'test', 'production'].includes(appMode)) errors.push(`APP_MODE must be development, test or production, not "${appMode}"`);
  const mode = appMode as AppConfig['mode'];
  const config: AppConfig = {
    databaseUrl: check(() => {
      const url = required('DATABASE_URL');
      // Scheme only: the URL holds the password, never repeated in an error.
      if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a PostgreSQL URL: postgresql://user:password@host:5432/database');
      return url;
    }),
    temporalAddress: setting('TEMPORAL_ADDRESS') ?? '127.0.0.1:7233',
    temporalNamespace: setting('TEMPORAL_NAMESPACE') ?? 'default',
    taskQueue: setting('TEMPORAL_TASK_QUEUE') ?? 'candidatures',
    smtpUrl: setting('SMTP_URL') ?? 'smtp://127.0.0.1:2525',
    mailFrom: setting('MAIL_FROM') ?? 'eCandidat <no-reply@ecandidat.localhost>',
    pegaseOpiDir: setting('PEGASE_OPI_DIR') ?? resolve(DATA_DIR, 'pegase-opi'),
    filesDir: setting('FILES_DIR') ?? resolve(DATA_DIR, 'files'),
    fileStorage: check(fileStorageConfig),
    clamav: check(clamavConfig),
    sessionSecret: check(
      () =>
        sessionSecretOf(mode) ??
        (mode === 'production'
          ? required('SESSION_SECRET', 'a long random secret that signs the sessions is required in production')
          : 'dev-only-secret-change-me-0123456789abcdef'),
    ),
    port: check(() => int('PORT', 3000, 0, 65535)),
    publicUrl: setting('PUBLIC_URL')?.replace(/\/+$/, '') ?? '',
    mode,
    temporalUiUrl: setting('TEMPORAL_UI_URL') ?? '',
    searchAttributes: setting('TEMPORAL_SEARCH_ATTRIBUTES') !== 'off',
    apogee: {
      url: setting('APOGEE_URL') ?? '',
      timeoutMs: check(() => int('APOGEE_TIMEOUT_MS', 10_000, 1)),
      opiPrefix: setting('APOGEE_OPI_PREFIX') ?? 'EC',
      codSansBac: setting('APOGEE_COD_SANS_BAC') ?? '0001',
    },
    pegase: check(pegaseConfig),
    referentialSync: {
      cron: setting('REFERENTIAL_SYNC_CRON') ?? '30 3 * * *',
      timezone: setting('REFERENTIAL_SYNC_TIMEZONE') ?? 'Europe/Paris',
    },
    sisLookupLimitPerHour: check(() => int('SIS_LOOKUP_LIMIT_PER_HOUR', 20, 1)),
    loginMaxFailures: check(() => int('LOGIN_MAX_FAILURES', 10, 1)),
    worker: {
      // Unset: the SDK's default, from the heap size (about 600 workflows per GiB).
      maxCachedWorkflows: check(() => (setting('WORKER_MAX_CACHED_WORKFLOWS') === undefined ? undefined : int('WORKER_MAX_CACHED_WORKFLOWS', 0, 0))),
      workflowTaskSlots: check(() => int('WORKER_WORKFLOW_TASK_SLOTS', 100, 2)),
      activitySlots: check(() => int('WORKER_ACTIVITY_SLOTS', 100, 1)),
      localActivitySlots: check(() => int('WORKER_LOCAL_ACTIVITY_SLOTS', 100, 1)),
    },
    databasePoolSize: check(() => int('DATABASE_POOL_SIZE', 20, 1)),
    workflowBundlePath: setting('WORKFLOW_BUNDLE_PATH') ? resolve(setting('WORKFLOW_BUNDLE_PATH')!) : '',
    oidc: check(oidcConfig),
    firstAdmin: check(firstAdmin),
    observability: check(() => observabilityConfig(mode)),
    institution: {
      name: check(
        () =>
          setting('INSTITUTION_NAME') ??
          (mode === 'production'
            ? required('INSTITUTION_NAME', 'the name of the institution, shown in every page’s header, is required in production')
            : 'Université de démonstration'),
      ),
      brand: setting('BRAND') === 'dsfr' ? 'dsfr' : 'neutral',
    },
  };
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length) throw new Error(`the configuration has ${errors.length} problems:\n  - ${errors.join('\n  - ')}`);
  return config;
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
  const password = process.env.FIRST_ADMIN_PASSWORD || undefined; // empty (a blank line of .env): single sign-on only
  if (password !== undefined && password.length < STAFF_PASSWORD_MIN)
    throw new Error(`FIRST_ADMIN_PASSWORD is too short: ${STAFF_PASSWORD_MIN} characters at least`);
  return { login, email, displayName: process.env.FIRST_ADMIN_NAME || login, ...(password ? { password } : {}) };
}

function pegaseConfig(): PegaseConfig {
  const d = DEFAULT_PEGASE_CONFIG;
  const env = process.env;
  const num = (name: string, fallback: number) => int(name, fallback, 1);
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

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function observabilityConfig(mode: AppConfig['mode']): AppConfig['observability'] {
  const env = process.env;
  const logLevel = (env.LOG_LEVEL || 'warn') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${env.LOG_LEVEL}`);
  const logFormat = env.LOG_FORMAT || (mode === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty, not ${env.LOG_FORMAT}`);
  const port = env.WORKER_METRICS_PORT;
  const workerMetricsPort = port ? Number(port) : null;
  if (workerMetricsPort !== null && !(Number.isInteger(workerMetricsPort) && workerMetricsPort > 0 && workerMetricsPort < 65536))
    throw new Error(`WORKER_METRICS_PORT must be a port number (1-65535), not ${port}`);
  const sdkAddress = env.TEMPORAL_SDK_METRICS_ADDRESS || null;
  if (sdkAddress !== null && !/^[^\s:]+:\d{1,5}$/.test(sdkAddress))
    throw new Error(`TEMPORAL_SDK_METRICS_ADDRESS must be host:port (e.g. 0.0.0.0:9464), not ${sdkAddress}`);
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '') || null;
  if (otlpEndpoint !== null && !/^https?:\/\/./.test(otlpEndpoint))
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (e.g. http://otel-collector:4318), not ${otlpEndpoint}`);
  return { logLevel, logFormat, metricsToken: env.METRICS_TOKEN ?? '', workerMetricsPort, temporalSdkMetricsAddress: sdkAddress, otlpEndpoint };
}
