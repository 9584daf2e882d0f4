// Every error leaves the API as problem+json: validation errors name the field, refusals from the
// candidature workflow keep its reason (403/409/422), anything unexpected is a 500 without internals.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { requestLanguage } from '../language.ts';
import { HttpProblem, PROBLEM_TITLES } from '../problem.ts';
import { validationMessage } from '../validation-messages.ts';

function fieldOf(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path || context || 'body';
}

/** Prisma's codes for a value a column refuses: too long (P2000), a missing referenced row (P2003), out of range (P2020). */
const DATABASE_REFUSED_VALUE = new Set(['P2000', 'P2003', 'P2020']);

/** SQLSTATEs of a database going away or not there yet (class 08 connection exceptions; admin shutdown, crash, starting up). */
const DATABASE_DOWN = /^(08|57P0[1-3])/;
/** Node connection errors (a pool connecting to a server that is down). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * Whether the error (or one of its causes) says PostgreSQL or Temporal is down for a moment: Prisma's
 * "can't reach / connection closed" codes, a PostgreSQL shutdown SQLSTATE from the driver adapter, a
 * refused connection, or Temporal's gRPC UNAVAILABLE (code 14, "transport error"); also the database too
 * busy for this request (P2024 no pooled connection in time, P2028 a transaction not started or
 * expired in time): a burst the client may retry, not a bug.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let e = error as Record<string, any> | undefined, depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause, depth++) {
    const code = e.code;
    if (code === 14 || (typeof code === 'string' && (['P1001', 'P1002', 'P1017', 'P2024', 'P2028'].includes(code) || CONNECTION_CODES.has(code)))) return true;
    const adapter = e.meta?.driverAdapterError?.cause ?? (e.name === 'DriverAdapterError' ? e.cause : undefined);
    if (adapter && ['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout'].includes(adapter.kind)) return true;
    const sqlState = adapter?.originalCode ?? adapter?.code;
    if (typeof sqlState === 'string' && DATABASE_DOWN.test(sqlState)) return true;
    if (e.name === 'ServiceError' && /transport error|Unavailable|connect error/i.test(String(e.message))) return true;
    // node-postgres, a connection lost under an open transaction.
    if (/^(Client has encountered a connection error and is not queryable|Connection terminated)/.test(String(e.message))) return true;
  }
  return false;
}

export default fp(async function errors(app: FastifyInstance) {
  // PostgreSQL text cannot hold a NUL character: one in the path or the query is refused before any
  // route reads it (as one in a JSON body is, api/app.ts), rather than failing the query (500).
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url) || request.url.includes('\u0000'))
      throw new HttpProblem(400, PROBLEM_TITLES[400]!, {
        fr: 'L’adresse contient un caractère nul (%00), refusé.',
        en: 'The URL contains a NUL character (%00): refused.',
      });
  });
  app.setErrorHandler((error, request, reply) => {
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      const lang = requestLanguage(request);
      const errors = error.validation.map((v) => {
        const field = fieldOf(error.validationContext, v.instancePath);
        return { field, message: validationMessage(field, { ...(v.params as object), code: v.keyword, message: v.message }, lang) };
      });
      problem = new HttpProblem(400, PROBLEM_TITLES[400]![lang], errors.map((e) => e.message).join(lang === 'fr' ? ' ; ' : '; '), errors);
    } else if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500) {
      const e = error as { statusCode: number; message: string };
      problem = new HttpProblem(
        e.statusCode,
        PROBLEM_TITLES[e.statusCode] ?? PROBLEM_TITLES[400]!,
        e.message,
        e.statusCode === 400 ? [{ field: 'body', message: e.message }] : [],
      );
    } else if (/^Multipart: |^Malformed part header|^Unexpected end of (form|multipart data)/.test((error as Error).message ?? '')) {
      // A multipart body the parser cannot read (no boundary, cut short): the client's fault, not ours.
      problem = new HttpProblem(
        400,
        PROBLEM_TITLES[400]!,
        {
          fr: 'Le corps multipart/form-data est illisible (délimiteur absent ou envoi interrompu) : envoyez le fichier dans un formulaire multipart valide.',
          en: 'The multipart/form-data body cannot be read (no boundary, or cut short): send the file in a valid multipart form.',
        },
        [{ field: 'body', message: { fr: 'corps multipart illisible', en: 'unreadable multipart body' } }],
      );
    } else if (DATABASE_REFUSED_VALUE.has((error as { code?: string }).code ?? '')) {
      // A value the route's schema let through but a column cannot take (too long, out of range, a code
      // that names nothing): the client's input, answered 400; logged, the schema should say it.
      request.log.warn({ err: error }, 'input refused by the database');
      problem = new HttpProblem(400, PROBLEM_TITLES[400]!, {
        fr: 'Une valeur de la requête ne peut pas être enregistrée (trop longue, hors limites, ou un code inconnu).',
        en: 'A value of the request cannot be stored (too long, out of range, or an unknown code).',
      });
    } else if (isDependencyOutage(error)) {
      // PostgreSQL restarting or Temporal unreachable: a moment's outage the client may retry (503, Retry-After).
      request.log.warn({ err: error }, 'dependency unavailable');
      void reply.header('retry-after', '2');
      problem = new HttpProblem(503, PROBLEM_TITLES[503]!, {
        fr: 'Un service dont dépend l’application est momentanément indisponible. Réessayez dans un instant.',
        en: 'A service the application depends on is unavailable for a moment. Try again shortly.',
      });
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(500, PROBLEM_TITLES[500]!, {
        fr: 'Une erreur inattendue est survenue ; elle a été journalisée.',
        en: 'An unexpected error occurred; it has been logged. Try again in a moment.',
      });
    }
    // The title, detail and field messages in the reader's language (where the problem words both).
    const { title, detail, errors } = problem.worded(requestLanguage(request));
    void reply
      .status(problem.status)
      .type('application/problem+json')
      .send({
        type: problem.type,
        title,
        status: problem.status,
        detail,
        ...(errors.length ? { errors } : {}),
      });
  });
});
