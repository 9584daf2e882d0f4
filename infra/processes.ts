// Child-process helpers shared by the dev stack: running a command to completion, keeping the tail
// of a server's output for error messages, and making sure server children never outlive us.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function runCommand(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = new OutputTail(40);
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => out.push(d));
    child.on('error', (err) => reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(out.text());
      else reject(new Error(`"${cmd} ${args.join(' ')}" exited with ${code ?? signal}:\n${out.text()}`));
    });
  });
}

/** Keeps the last `max` lines written by a child, for "it died, here is why" errors. */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max = 30) {}
  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  text(): string {
    return [...this.lines, this.partial].join('\n').trim();
  }
}

/**
 * Ties a server child (spawned with `detached: true`, so it leads its own process group and a Ctrl-C
 * in the terminal does not reach it before we stop it in order) to this process: it gets `signal`
 * when we exit normally, and a small watchdog shell sends it too if we are SIGKILLed.
 * Returns a function that releases the tie (call it once the child was stopped on purpose).
 */
export function killWithParent(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): () => void {
  const pid = child.pid;
  if (!pid) return () => {};
  const onExit = () => killGroup(pid, signal);
  process.on('exit', onExit);
  // The watchdog polls both pids once a second; it ends by itself when the child is gone.
  const watchdog = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; kill -0 ${pid} 2>/dev/null && kill -s ${signal.replace('SIG', '')} -- -${pid} 2>/dev/null; exit 0`,
    ],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  watchdog.unref();
  const release = () => {
    process.off('exit', onExit);
    if (watchdog.exitCode === null) watchdog.kill('SIGKILL');
  };
  child.once('exit', release);
  return release;
}

/** Sends a signal to a detached child's whole process group (falls back to the pid alone). */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a child: `signal`, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  killGroup(child.pid, signal);
  const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * A server from a previous run that was killed too hard for its watchdog (or a pid file it left):
 * reads the pid from the first line of `pidFile`; if that process is alive and its command line
 * contains every `mustContain` string, it is ours and orphaned, so it is stopped. The pid file is
 * removed in any case. Returns the pid that was stopped, if any.
 */
export async function stopStaleProcess(pidFile: string, mustContain: string[], signal: NodeJS.Signals, log: (l: string) => void): Promise<number | null> {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]?.trim());
  let stopped: number | null = null;
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      /* not Linux or gone: leave it alone */
    }
    if (cmdline && mustContain.every((s) => cmdline.includes(s))) {
      log(`stopping a server left running by a previous run (pid ${pid})`);
      process.kill(pid, signal);
      const deadline = Date.now() + 15_000;
      while (isAlive(pid) && Date.now() < deadline) await sleep(100);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(50);
      stopped = pid;
    }
  }
  rmSync(pidFile, { force: true });
  return stopped;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The environment for npm binaries (tsx, vite, vitest): their `#!/usr/bin/env node` must find Node 24 from node_modules/.bin. */
export function npmBinEnv(rootDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const bin = join(rootDir, 'node_modules', '.bin');
  const path = process.env.PATH ?? '';
  return { ...process.env, PATH: path.split(delimiter).includes(bin) ? path : `${bin}${delimiter}${path}`, ...extra };
}

/** Things started in order and stopped in reverse order (last started, first stopped). */
export class ShutdownStack {
  private readonly items: { name: string; stop: () => Promise<void>; done: string }[] = [];
  constructor(private readonly log: (line: string) => void) {}

  push(name: string, stop: () => Promise<void>, done = 'stopped'): void {
    this.items.push({ name, stop, done });
  }

  async stopAll(): Promise<void> {
    for (let item = this.items.pop(); item; item = this.items.pop()) {
      const started = Date.now();
      try {
        await item.stop();
        this.log(`${item.name} ${item.done} (${Date.now() - started} ms)`);
      } catch (err) {
        this.log(`${item.name}: stop failed: ${(err as Error).message}`);
      }
    }
  }
}

/**
 * How long after a stop request further signals count as the same request. In a terminal, Ctrl-C sends
 * SIGINT to every process of the foreground group, and npm relays it to its script too: one keypress
 * reaches us two or three times within milliseconds.
 */
export const SIGNAL_REPEAT_WINDOW_MS = 2000;

/**
 * Calls `handler` once, on the first SIGINT/SIGTERM/SIGHUP: one orderly shutdown whichever processes
 * got the signal. Repeats within `repeatWindowMs` are the same request (ignored); a signal after that
 * (a second Ctrl-C while the shutdown takes long) exits at once with code 130.
 */
export function onShutdownSignal(handler: (signal: NodeJS.Signals) => void, repeatWindowMs = SIGNAL_REPEAT_WINDOW_MS): void {
  let firstAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const now = performance.now();
      if (!firstAt) {
        firstAt = now;
        handler(signal);
      } else if (now - firstAt >= repeatWindowMs) {
        console.error(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
    });
  }
}

/**
 * Removes the `<prefix>-<pid>` folders of DATA_DIR whose run was killed (its pid is gone): the
 * PostgreSQL and Temporal dev servers still running there are stopped first.
 */
export async function removeKilledRunFolders(dataDir: string, prefix: string, log: (l: string) => void): Promise<void> {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const pid = Number(new RegExp(`^${prefix}-(\\d+)$`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dir = join(dataDir, name);
    await stopStaleProcess(join(dir, 'postgres', 'postmaster.pid'), ['postgres', dir], 'SIGKILL', log);
    await stopStaleProcess(join(dir, 'temporal', 'temporal.db.pid'), ['start-dev', dir], 'SIGKILL', log);
    rmSync(dir, { recursive: true, force: true });
  }
}
