// Live status: who follows which candidature, and when it changed. The projection announces each
// written row on PostgreSQL's channel `candidature_changed` (activities/projection.ts); this process
// holds ONE listening connection (opened at the first subscriber, reconnected with backoff if it
// drops) and tells the subscribers of that id, which re-read the view themselves
// (api/routes/candidature-events.ts). After a reconnection every subscriber is told, since a change
// may have been missed meanwhile. Closing the hub ends the streams (their `close` callbacks) and
// the connection, so that app.close() never waits for an open stream.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { CANDIDATURE_CHANGED_CHANNEL } from '../activities/projection.ts';

export interface Subscriber {
  /** The candidature changed (or may have: after a reconnection). */
  changed(): void;
  /** The server shuts down: end the stream. */
  close(): void;
}

export interface CandidatureEventHub {
  /** Follows a candidature; the answer unsubscribes. Resolves once the listening connection is up (or failed: then retried). */
  subscribe(id: string, subscriber: Subscriber): Promise<() => void>;
  /** Subscribers of one candidature, or of all (tests, diagnostics). */
  count(id?: string): number;
  close(): Promise<void>;
}

/** Delay before reconnecting: 1 s, 2 s, 4 s… up to 30 s. */
const reconnectDelayMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

export function createCandidatureEventHub(databaseUrl: string, log: (msg: string, err?: unknown) => void): CandidatureEventHub {
  const subscribers = new Map<string, Set<Subscriber>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let closed = false;

  const all = () => [...subscribers.values()].flatMap((set) => [...set]);

  function notify(id: string): void {
    for (const s of subscribers.get(id) ?? []) s.changed();
  }

  function scheduleReconnect(): void {
    if (closed || retry || subscribers.size === 0) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, reconnectDelayMs(attempt++));
    retry.unref();
  }

  function connect(): Promise<void> {
    if (client || closed) return Promise.resolve();
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      c.on('notification', (n) => {
        if (n.channel === CANDIDATURE_CHANGED_CHANNEL && n.payload) notify(n.payload);
      });
      const lost = (err?: unknown) => {
        if (client !== c || closed) return;
        log('live status: notification connection lost, reconnecting', err);
        client = null;
        void c.end().catch(() => undefined);
        scheduleReconnect();
      };
      c.on('error', lost);
      c.on('end', () => lost());
      try {
        await c.connect();
        await c.query(`LISTEN ${CANDIDATURE_CHANGED_CHANNEL}`);
        if (closed) {
          await c.end().catch(() => undefined);
          return;
        }
        const reconnected = attempt > 0;
        client = c;
        attempt = 0;
        // Whatever changed while no connection listened: every follower reads its view again.
        if (reconnected) for (const s of all()) s.changed();
      } catch (err) {
        log('live status: could not listen for changes, retrying', err);
        await c.end().catch(() => undefined);
        attempt = Math.max(attempt, 1);
        scheduleReconnect();
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async subscribe(id, subscriber) {
      let set = subscribers.get(id);
      if (!set) subscribers.set(id, (set = new Set()));
      set.add(subscriber);
      await connect();
      return () => {
        const current = subscribers.get(id);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(id);
      };
    },
    count(id) {
      return id === undefined ? all().length : (subscribers.get(id)?.size ?? 0);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      for (const s of all()) s.close();
      subscribers.clear();
      await connecting;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Who follows which candidature's live status (api/candidature-events.ts). */
    candidatureEvents: CandidatureEventHub;
  }
}

/** The hub of this application: streams end before the server closes, the connection after. */
export default fp(async function candidatureEvents(app: FastifyInstance) {
  const hub = createCandidatureEventHub(app.config.databaseUrl, (msg, err) => app.log.warn({ err }, msg));
  app.decorate('candidatureEvents', hub);
  app.addHook('preClose', async () => hub.close());
});
