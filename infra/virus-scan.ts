// The virus scan of uploads, speaking ClamAV's clamd protocol (INSTREAM): off unless CLAMAV_ADDRESS
// names a clamd (host:port or a unix socket path). One connection per scan:
//   → "zINSTREAM\0", then the bytes in chunks, each prefixed by its length (4 bytes, big-endian), then a
//     zero length;
//   ← "stream: OK\0", or "stream: <signature> FOUND\0", or "<message> ERROR\0" (e.g. the stream is
//     larger than clamd's StreamMaxLength).
// Anything but a clear answer (refused connection, timeout, ERROR, a cut reply) throws
// ScannerUnavailable: the caller refuses the upload (fail closed) rather than store an unscanned file.
import { connect, type Socket } from 'node:net';
import type { AppConfig } from './config.ts';

export type ScanResult = { infected: false } | { infected: true; signature: string };

export class ScannerUnavailable extends Error {
  override readonly name = 'ScannerUnavailable';
}

/** Bytes sent per INSTREAM chunk (clamd reads up to its StreamMaxLength in total, 25 MB by default). */
const CHUNK = 64 * 1024;

/** Where to reach clamd: a unix socket path (containing a slash, no port) or host:port. */
function target(address: string): { path: string } | { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  if (m && !address.startsWith('/')) return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
  return { path: address };
}

/** Sends one command and reads clamd's NUL- (or newline-) terminated reply. */
function exchange(cfg: NonNullable<AppConfig['clamav']>, write: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(target(cfg.address));
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (err: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const timer = setTimeout(() => finish(new ScannerUnavailable(`clamd at ${cfg.address} did not answer within ${cfg.timeoutMs} ms`)), cfg.timeoutMs);
    socket.on('connect', () => write(socket));
    socket.on('data', (data) => {
      chunks.push(data);
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.search(/[\0\n]/);
      if (end >= 0) finish(null, text.slice(0, end));
    });
    socket.on('error', (err) => finish(new ScannerUnavailable(`clamd at ${cfg.address} unreachable: ${err.message}`)));
    socket.on('close', () => finish(new ScannerUnavailable(`clamd at ${cfg.address} closed the connection without an answer`)));
  });
}

/** Scans the bytes with clamd. Throws ScannerUnavailable when no verdict comes. */
export async function scanBytes(cfg: NonNullable<AppConfig['clamav']>, data: Buffer): Promise<ScanResult> {
  const reply = await exchange(cfg, (socket) => {
    socket.write('zINSTREAM\0');
    for (let at = 0; at < data.length; at += CHUNK) {
      const chunk = data.subarray(at, at + CHUNK);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(chunk.length);
      socket.write(size);
      socket.write(chunk);
    }
    socket.write(Buffer.alloc(4)); // zero length: end of the stream
  });
  // "stream: OK", "stream: Eicar-Test-Signature FOUND" (some versions prefix a session id: "1: stream: …").
  const verdict = reply.replace(/^\d+: /, '');
  if (/^stream: OK$/.test(verdict)) return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(verdict);
  if (found) return { infected: true, signature: found[1]! };
  throw new ScannerUnavailable(`clamd at ${cfg.address} answered: ${verdict}`);
}

/** Whether clamd answers PING with PONG (readiness checks). */
export async function pingScanner(cfg: NonNullable<AppConfig['clamav']>): Promise<boolean> {
  return exchange(cfg, (socket) => socket.write('zPING\0')).then(
    (reply) => reply === 'PONG',
    () => false,
  );
}
