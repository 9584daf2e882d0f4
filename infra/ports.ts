// Free TCP ports on 127.0.0.1, so that an embedded service never fails because its default port is
// taken (a system PostgreSQL on 5432, a second `npm start`, a test run next to a dev stack…).
import { createServer } from 'node:net';

/** `preferred` if it can be bound on 127.0.0.1 right now, else a random free port. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined && preferred > 0 && (await tryBind(preferred)) !== null) return preferred;
  const port = await tryBind(0);
  if (port === null) throw new Error('could not bind any TCP port on 127.0.0.1');
  return port;
}

/** Binds and releases the port; returns the bound port, or null when it is in use. */
function tryBind(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    // exclusive: with the cluster module a shared handle would make a taken port look free.
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}
