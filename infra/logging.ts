// Logs: one pino logger per process part (api, worker), JSON lines in production (LOG_FORMAT=json,
// the default there) and pino-pretty text elsewhere. The API's request logs carry `requestId` (and
// `workflowId` on a candidature's routes, api/plugins/observability.ts); the worker's Temporal logs
// (the SDK, Core, workflow and activity loggers) go through `temporalLogger`, so each line carries
// the SDK's metadata (workflowId, activityType…). Secrets are never written: credentials in
// headers, passwords, tokens and secrets anywhere in a logged object are redacted, and so are
// the values of sensitive query parameters (a validation link's token, an OIDC code) in logged URLs.
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from './config.ts';

/** Paths pino replaces with "[redacted]" wherever the logged object has them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'taskToken',
  'secret',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.secret',
  '*.clientSecret',
  '*.sessionSecret',
  '*.secretAccessKey',
  '*.databaseUrl',
  '*.authorization',
  '*.cookie',
];

/** Query parameters whose values are credentials (mail links' tokens, OIDC's code and state). */
const SECRET_QUERY = /^(token|key|code|state|ticket|password|session|access_token|id_token)$/i;

/** A URL as logged: the values of credential-like query parameters replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_QUERY.test(decodeURIComponentSafe(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string };
  ip?: string;
}

/** The request as each request log line shows it (no header: they may carry credentials). */
function requestSerializer(req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    userAgent: req.headers?.['user-agent'],
  };
}

export type LogSettings = Pick<AppConfig['observability'], 'logLevel' | 'logFormat'>;

/**
 * The logger of one part of the process (`service`: api, worker). JSON lines on stdout (or
 * `destination`), or text (pino-pretty, in this thread: no transport worker) when `logFormat` is pretty.
 */
export function createLogger(settings: LogSettings, service: string, destination?: DestinationStream): Logger {
  const options = {
    level: settings.logLevel,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer, err: pino.stdSerializers.err },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (settings.logFormat === 'json') return destination ? pino(options, destination) : pino(options);
  return pino(
    options,
    pretty({
      colorize: !destination && (process.stdout.isTTY ?? false),
      sync: true,
      ignore: 'pid,hostname,service',
      translateTime: 'SYS:HH:MM:ss.l',
      ...(destination ? { destination: destination as never } : {}),
    }),
  );
}

const PINO_LEVEL: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Temporal's logger interface over pino, for Runtime.install: the SDK's own lines, Core's
 * (forwarded), and the workflow and activity loggers, whose metadata (workflowId, workflowType,
 * activityType, taskQueue…) becomes fields of the JSON line.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: TemporalLogLevel, message: string, meta?: LogMetadata) => {
    const method = PINO_LEVEL[level] ?? 'info';
    if (!logger.isLevelEnabled(method)) return;
    const fields: Record<string, unknown> = {};
    if (meta) {
      for (const [key, value] of Object.entries(meta)) {
        // The SDK's error field is `error`; pino serializes `err`.
        if (key === 'error' && value instanceof Error) fields.err = value;
        // Core's own timestamps (nanoseconds, bigint) are not JSON; pino stamps every line.
        else if (typeof value !== 'bigint') fields[key] = value;
      }
    }
    logger[method](fields, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** The Temporal log level matching a pino level (what Core is asked to forward). */
export function temporalLevel(level: AppConfig['observability']['logLevel']): TemporalLogLevel {
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
      return 'INFO';
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}

/** A sane request id: a token clients and proxies can pass along (X-Request-Id). */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
