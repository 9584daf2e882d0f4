// A clamd for tests, speaking the real protocol over TCP (what infra/virus-scan.ts talks to):
//   zPING\0 / nPING\n / PING            → PONG
//   zINSTREAM\0 + chunks (4-byte big-endian length, then the bytes) + a zero length
//                                       → "stream: OK" or "stream: Eicar-Test-Signature FOUND"
//   anything else                       → "UNKNOWN COMMAND"
// Replies end with NUL for z-commands and a newline for n-commands, as clamd does. It finds the EICAR
// test string anywhere in the stream. `mode` makes it misbehave: `hang` (reads and never answers),
// `close` (closes the connection without a word). `scans` counts the streams it has judged.
import { createServer, type Socket } from 'node:net';

/** The EICAR anti-virus test file (68 bytes), harmless, detected by every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface FakeClamd {
  address: string;
  port: number;
  /** ok (default), hang or close. */
  mode: 'ok' | 'hang' | 'close';
  /** Streams scanned (a verdict given). */
  scans: number;
  /** Stops listening: later connections are refused (clamd down). */
  stop(): Promise<void>;
}

export async function startFakeClamd(): Promise<FakeClamd> {
  const sockets = new Set<Socket>();
  const state: FakeClamd = {
    address: '',
    port: 0,
    mode: 'ok',
    scans: 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (state.mode === 'close') {
      socket.destroy();
      return;
    }
    let buffer = Buffer.alloc(0);
    let command: { name: string; end: string } | null = null;
    const stream: Buffer[] = [];
    const reply = (text: string, end: string) => {
      if (state.mode === 'hang') return;
      socket.end(`${text}${end}`);
    };
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!command) {
        // z-commands end with NUL, n-commands with a newline; a bare command ends with the data.
        const prefix = buffer[0] === 0x7a ? 'z' : buffer[0] === 0x6e ? 'n' : '';
        const terminator = prefix === 'z' ? 0 : 0x0a;
        const at = buffer.indexOf(terminator);
        if (at < 0) return;
        command = { name: buffer.subarray(prefix ? 1 : 0, at).toString('latin1'), end: prefix === 'z' ? '\0' : '\n' };
        buffer = buffer.subarray(at + 1);
        if (command.name === 'PING') return reply('PONG', command.end);
        if (command.name !== 'INSTREAM') return reply('UNKNOWN COMMAND', command.end);
      }
      // INSTREAM: length-prefixed chunks until a zero length.
      while (buffer.length >= 4) {
        const size = buffer.readUInt32BE(0);
        if (size === 0) {
          const bytes = Buffer.concat(stream).toString('latin1');
          state.scans++;
          return reply(bytes.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK', command.end);
        }
        if (buffer.length < 4 + size) return;
        stream.push(buffer.subarray(4, 4 + size));
        buffer = buffer.subarray(4 + size);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  state.port = port;
  state.address = `127.0.0.1:${port}`;
  return state;
}
