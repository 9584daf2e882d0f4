// The Temporal dev server (`temporal server start-dev`) as a child process: SQLite persistence when
// `dbFile` is given (npm start) or in memory (tests), the Web UI unless headless, and the custom
// search attributes of contracts/search-attributes.ts registered in every case.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { SEARCH_ATTRIBUTE_KEYS, searchAttributeFlags } from '../contracts/search-attributes.ts';
import { freePort } from './ports.ts';
import { killWithParent, OutputTail, sleep, stopChild, stopStaleProcess } from './processes.ts';
import { resolveTemporalCli } from './temporal-cli.ts';

export interface TemporalDevServerOptions {
  /** SQLite file; undefined = in memory (lost on stop). */
  dbFile?: string;
  /** Preferred gRPC port (default 7233); another free one is used when it is taken. */
  port?: number;
  /** Preferred Web UI port (default gRPC port + 1000). */
  uiPort?: number;
  headless?: boolean;
  /** Where the server's own output goes (it is noisy even at warn level); default: kept in memory only. */
  logFile?: string;
  log?: (line: string) => void;
  /** How long to wait for the server to answer (default 60 s). */
  startTimeoutMs?: number;
}

export interface TemporalDevServer {
  /** host:port of the gRPC frontend. */
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

const NAMESPACE = 'default';

export async function startTemporalDevServer(opts: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const log = opts.log ?? ((l: string) => console.log(`[temporal] ${l}`));
  const started = Date.now();
  const cli = await resolveTemporalCli(log);
  const port = await freePort(opts.port ?? 7233);
  const uiPort = opts.headless ? null : await freePort(opts.uiPort ?? port + 1000);
  const dbFile = opts.dbFile ? resolve(opts.dbFile) : undefined;

  // Our pid file next to the SQLite file: a server orphaned by a killed run must not keep writing to it.
  const pidFile = dbFile ? `${dbFile}.pid` : undefined;
  if (dbFile && pidFile) {
    mkdirSync(dirname(dbFile), { recursive: true });
    await stopStaleProcess(pidFile, ['start-dev', dbFile], 'SIGTERM', log);
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', NAMESPACE, '--log-level', 'warn'];
  args.push(...(uiPort ? ['--ui-port', String(uiPort), '--ui-ip', '127.0.0.1'] : ['--headless']));
  // Write-ahead log: a commit no longer waits for the whole database file to be synced (the
  // default rollback journal makes each workflow task several fsyncs); still crash-safe.
  if (dbFile) args.push('--db-filename', dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  args.push('--dynamic-config-value', 'frontend.enableExecuteMultiOperation=true');
  for (const flag of searchAttributeFlags()) args.push('--search-attribute', flag);

  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  killWithParent(child, 'SIGTERM');
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid}\n`);
  const tail = new OutputTail(30);
  const file = opts.logFile ? (mkdirSync(dirname(opts.logFile), { recursive: true }), createWriteStream(opts.logFile, { flags: 'a' })) : null;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (d: Buffer) => {
      tail.push(d);
      file?.write(d);
    });
  }
  let spawnError: Error | null = null;
  child.on('error', (err) => (spawnError = err));

  const stop = async () => {
    await stopChild(child, 'SIGTERM');
    file?.end();
  };

  const address = `127.0.0.1:${port}`;
  try {
    await waitUntilReady(
      address,
      () => {
        if (spawnError) return `could not run ${cli}: ${spawnError.message}`;
        if (child.exitCode !== null || child.signalCode !== null) return `exited with ${child.exitCode ?? child.signalCode}`;
        return null;
      },
      opts.startTimeoutMs ?? 60_000,
      () => tail.text(),
    );
  } catch (err) {
    await stop();
    throw err;
  }

  const uiUrl = uiPort ? `http://127.0.0.1:${uiPort}` : null;
  log(
    `dev server ready on ${address} (${dbFile ? `data in ${dbFile}` : 'in memory'}${uiUrl ? `, Web UI ${uiUrl}` : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { address, uiUrl, stop };
}

/**
 * Polls the frontend until it answers and the search attributes are registered. `--search-attribute`
 * alone is not enough: on a SQLite file that already has some of them, the CLI silently skips the
 * whole batch (checked with CLI 1.9.1), so new attributes would never appear. We add the missing ones.
 */
async function waitUntilReady(address: string, died: () => string | null, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const death = died();
    if (death) throw new Error(`Temporal dev server ${death} before it was ready. Its last output:\n${output()}`);
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: '2s' });
      await connection.workflowService.getSystemInfo({});
      await ensureSearchAttributes(connection);
      return;
    } catch (err) {
      lastError = (err as Error).message;
      await sleep(250);
    } finally {
      await connection?.close();
    }
  }
  throw new Error(`Temporal dev server on ${address} did not answer within ${timeoutMs / 1000} s (last error: ${lastError}). Its last output:\n${output()}`);
}

/** Registers the attributes of SEARCH_ATTRIBUTE_KEYS that the namespace lacks. */
export async function ensureSearchAttributes(connection: Connection, namespace = NAMESPACE): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !(k.name in customAttributes));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
  } catch (err) {
    // Another process may have added them in between (gRPC ALREADY_EXISTS = 6).
    if (!(isGrpcServiceError(err) && err.code === 6)) throw err;
  }
  return missing.map((k) => k.name);
}
