// Live status of one candidature as server-sent events: the current view at once, then one event per
// change of the view (`id: <seq>`, `event: view`, `data: <the view as this reader sees it>`), a
// heartbeat comment every 15 s. The candidate follows their own candidatures, staff those of their
// scope (the same checks as reading it). A change is announced by the projection (NOTIFY, through
// the hub: api/candidature-events.ts); the view is also read again at each heartbeat, since what the
// reader may do depends on the time (a deadline passes). `Last-Event-ID` (sent by EventSource when it
// reconnects) skips the first event when the reader already has that view.
// The session is checked again before each event and at each heartbeat (app.sessionValid: a logout,
// a password reset, a deactivated or deleted account end the stream). At most MAX_STREAMS_PER_SUBJECT
// streams per account at once (429 beyond). Writes wait for the client: while its socket is full, views
// are not queued (the next one sent is the latest), and a client that reads nothing for two heartbeats
// is dropped, so that a reader that never reads costs a bounded amount of memory.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteActor } from '../../contracts/candidature.ts';
import { loadCandidature, readView } from '../candidature-service.ts';
import { HttpProblem, unauthorized } from '../problem.ts';
import { actorOn } from '../scope.ts';
import { errorResponses, IdParams, Problem } from '../schemas.ts';

/** Heartbeat comments keep proxies from closing an idle stream; the view is checked again with each. */
export const HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting after a drop. */
const RETRY_MS = 3_000;

/** Open streams one account may hold at once (tabs, devices), in this process. */
export const MAX_STREAMS_PER_SUBJECT = 10;
/** Heartbeats in a row a stalled client (its socket full) is given before the stream is dropped. */
const MAX_STALLED_BEATS = 2;

const EventHeaders = z.object({ 'last-event-id': z.string().max(40).optional() });

const STREAM_DESCRIPTION =
  'text/event-stream: `event: view` with `id: <seq>` and `data: <CandidatureView JSON>`, first at once, then at each change; `: heartbeat` comments every 15 s';

/** One event of the stream, as OpenAPI 3.0 describes a text/event-stream (its schema is each event's). */
const StreamEvent = z
  .object({ event: z.literal('view'), id: z.string(), data: z.string().describe('The CandidatureView, JSON'), retry: z.number().int().optional() })
  .describe(STREAM_DESCRIPTION);

async function stream(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  kind: RouteActor,
  open: Map<string, number>,
): Promise<void> {
  const { actor } = await actorOn(app, request, kind, await loadCandidature(app, id));
  const session = request.session;
  if (!session) throw unauthorized();
  const lastEventId = Number(request.headers['last-event-id']);
  const held = open.get(session.subject) ?? 0;
  if (held >= MAX_STREAMS_PER_SUBJECT)
    throw new HttpProblem(
      429,
      { fr: 'Trop de suivis ouverts', en: 'Too many open streams' },
      {
        fr: `Vous suivez déjà ${held} candidatures en direct (${MAX_STREAMS_PER_SUBJECT} au plus) : fermez un onglet puis réessayez.`,
        en: `You already follow ${held} live statuses (${MAX_STREAMS_PER_SUBJECT} at most): close a tab and try again.`,
      },
    );
  open.set(session.subject, held + 1);

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);

  let ended = false;
  let sent: string | null = null;
  let first = true;
  let reading = false;
  let again = false;
  let stalledBeats = 0;
  let unsubscribe: () => void = () => undefined;
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);

  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    const left = (open.get(session!.subject) ?? 1) - 1;
    if (left > 0) open.set(session!.subject, left);
    else open.delete(session!.subject);
    if (!res.writableEnded) res.end();
    // A client that reads nothing never takes what is buffered: the socket goes with the stream.
    if (stalledBeats > 0) res.destroy();
  }

  /** Whether the session still holds; the stream ends when it does not. */
  async function stillValid(): Promise<boolean> {
    const valid = await app.sessionValid(session!).catch((err: unknown) => {
      request.log.warn({ err }, 'live status: could not check the session');
      return true; // a database hiccup: checked again at the next heartbeat
    });
    if (!valid) end();
    return valid && !ended;
  }

  async function beat(): Promise<void> {
    if (ended || !(await stillValid())) return;
    if (res.writableNeedDrain) {
      if (++stalledBeats >= MAX_STALLED_BEATS) end();
      return;
    }
    stalledBeats = 0;
    res.write(': heartbeat\n\n');
    void check();
  }

  /** Reads the view and sends it if it differs from the last one sent; one read at a time, again if a change came meanwhile. */
  async function check(): Promise<void> {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const view = await readView(app, await loadCandidature(app, id), actor);
        const json = JSON.stringify(view);
        const known = first && Number.isInteger(lastEventId) && lastEventId === view.seq;
        first = false;
        if (json === sent || ended) continue;
        if (!known && !(await stillValid())) break;
        // The client has not taken the last event yet: this view waits (the drain reads the latest again).
        if (res.writableNeedDrain) break;
        sent = json;
        if (!known) res.write(`id: ${view.seq}\nevent: view\ndata: ${json}\n\n`);
      } while (again && !ended);
    } catch (err) {
      // The candidature is gone (its campaign destroyed): nothing more to follow.
      if (err instanceof HttpProblem && err.status === 404) end();
      else request.log.warn({ err }, 'live status: could not read the candidature');
    } finally {
      reading = false;
    }
  }

  res.on('close', end);
  res.on('drain', () => void check());
  unsubscribe = await app.candidatureEvents.subscribe(id, { changed: () => void check(), close: end });
  if (ended) unsubscribe();
  else await check();
}

const candidatureEventRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Open streams by session subject (`candidate:<id>`, `staff:<id>`). */
  const open = new Map<string, number>();
  app.get(
    '/api/candidatures/:id/events',
    {
      config: { access: 'candidate' },
      schema: {
        tags: ['candidate'],
        summary: 'Live status of the candidate’s candidature (server-sent events, one per change of the view)',
        description: STREAM_DESCRIPTION,
        params: IdParams,
        headers: EventHeaders,
        produces: ['text/event-stream'],
        response: { 200: StreamEvent, ...errorResponses, 429: Problem },
      },
    },
    (request, reply) => stream(app, request, reply, request.params.id, 'candidate', open),
  );

  app.get(
    '/api/staff/candidatures/:id/events',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Live status of a candidature of the staff member’s scope (server-sent events, one per change of the view)',
        description: STREAM_DESCRIPTION,
        params: IdParams,
        headers: EventHeaders,
        produces: ['text/event-stream'],
        response: { 200: StreamEvent, ...errorResponses, 429: Problem },
      },
    },
    (request, reply) => stream(app, request, reply, request.params.id, 'staff', open),
  );
};
export default candidatureEventRoutes;
