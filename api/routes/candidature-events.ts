// Live status of one candidature as server-sent events: the current view at once, then one event per
// change of the view (`id: <seq>`, `event: view`, `data: <the view as this reader sees it>`), a
// heartbeat comment every 15 s. The candidate follows their own candidatures, staff those of their
// scope (the same checks as reading it). A change is announced by the projection (NOTIFY, through
// the hub: api/candidature-events.ts); the view is also read again at each heartbeat, since what the
// reader may do depends on the time (a deadline passes). `Last-Event-ID` (sent by EventSource when it
// reconnects) skips the first event when the reader already has that view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteActor } from '../../contracts/candidature.ts';
import { loadCandidature, readView } from '../candidature-service.ts';
import { HttpProblem } from '../problem.ts';
import { actorOn } from '../scope.ts';
import { errorResponses, IdParams } from '../schemas.ts';

/** Heartbeat comments keep proxies from closing an idle stream; the view is checked again with each. */
export const HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting after a drop. */
const RETRY_MS = 3_000;

const EventHeaders = z.object({ 'last-event-id': z.string().max(40).optional() });

const STREAM_DESCRIPTION =
  'text/event-stream: `event: view` with `id: <seq>` and `data: <CandidatureView JSON>`, first at once, then at each change; `: heartbeat` comments every 15 s';

async function stream(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, id: string, kind: RouteActor): Promise<void> {
  const { actor } = await actorOn(app, request, kind, await loadCandidature(app, id));
  const lastEventId = Number(request.headers['last-event-id']);

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
  let unsubscribe: () => void = () => undefined;
  const heartbeat = setInterval(() => {
    if (ended) return;
    res.write(': heartbeat\n\n');
    void check();
  }, HEARTBEAT_MS);

  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
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
        if (json !== sent && !ended) {
          sent = json;
          if (!known) res.write(`id: ${view.seq}\nevent: view\ndata: ${json}\n\n`);
        }
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
  unsubscribe = await app.candidatureEvents.subscribe(id, { changed: () => void check(), close: end });
  if (ended) unsubscribe();
  else await check();
}

const candidatureEventRoutes: FastifyPluginAsyncZod = async (app) => {
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
        response: { 200: z.string().describe(STREAM_DESCRIPTION), ...errorResponses },
      },
    },
    (request, reply) => stream(app, request, reply, request.params.id, 'candidate'),
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
        response: { 200: z.string().describe(STREAM_DESCRIPTION), ...errorResponses },
      },
    },
    (request, reply) => stream(app, request, reply, request.params.id, 'staff'),
  );
};
export default candidatureEventRoutes;
