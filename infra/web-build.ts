// Builds the Vue app (web/ → web/dist, which the API serves) when the build is missing or stale:
// web/dist/index.html absent, or older than the newest file under web/ (web/dist excluded).
// Used by the browser tests; `vite build` runs on this very Node (the system one may be too old).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';

const ROOT_DIR = resolve(import.meta.dirname, '..');
const WEB_DIR = join(ROOT_DIR, 'web');
const DIST_DIR = join(WEB_DIR, 'dist');
const INDEX = join(DIST_DIR, 'index.html');

export async function ensureWebBuilt(log: (line: string) => void = () => {}): Promise<void> {
  const builtAt = existsSync(INDEX) ? statSync(INDEX).mtimeMs : 0;
  if (builtAt > 0) {
    const newest = newestFile(WEB_DIR);
    if (newest.mtimeMs <= builtAt) return log('web: web/dist is up to date');
    log(`web: ${newest.path} changed since the last build; building with vite…`);
  } else {
    log('web: web/dist/index.html is missing; building with vite…');
  }
  const started = Date.now();
  await vite(['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  if (!existsSync(INDEX)) throw new Error('web: vite build finished but web/dist/index.html is missing');
  log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The most recently modified file under dir, skipping web/dist and any node_modules folder. */
function newestFile(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path === DIST_DIR || entry.name === 'node_modules') continue;
      const inner = newestFile(path);
      if (inner.mtimeMs > newest.mtimeMs) newest = inner;
    } else {
      const mtimeMs = statSync(path).mtimeMs;
      if (mtimeMs > newest.mtimeMs) newest = { path: relative(ROOT_DIR, path), mtimeMs };
    }
  }
  return newest;
}

function vite(args: string[]): Promise<void> {
  const bin = join(ROOT_DIR, 'node_modules', '.bin', 'vite');
  if (!existsSync(bin)) return Promise.reject(new Error(`web: ${bin} not found: run npm ci`));
  // The current Node first on PATH: node_modules/.bin/vite starts with `#!/usr/bin/env node`.
  const env = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter) };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new Error(`web: could not run ${bin}: ${err.message}`)));
    child.on('exit', (code, signal) =>
      code === 0 ? resolvePromise() : reject(new Error(`web: vite build failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`)),
    );
  });
}
