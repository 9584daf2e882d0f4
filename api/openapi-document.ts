// The OpenAPI document says what the API really answers: schemathesis checks every answer against it
// (tests/security/schemathesis.test.ts). What the routes' zod schemas cannot say by themselves, added
// once here rather than on each route:
//   - problems leave as `application/problem+json` (api/plugins/errors.ts), not `application/json`;
//   - a 204 or a redirect has no body, so no content;
//   - the answers Fastify gives before a route runs: 414 when a path parameter is longer than the
//     router takes (answered as a problem by `frameworkErrors` below), 413 when a body is over the
//     limit and 415 when no parser reads its type, on operations that take a body;
//   - the 429 of the routes with a rate limit (`config.rateLimit`), the 431 of a query too long for
//     Node.js to read (`clientErrors` below), the 200 of a download (a file of any type).
// And `frameworkErrors` / `clientErrors`: the router's and Node.js's own refusals (a path parameter
// too long, a URL that does not decode, headers too large) as problems, like every other error.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../contracts/refusals.ts';
import { requestLanguage } from './language.ts';
import { HttpProblem, PROBLEM_TITLES } from './problem.ts';

type Json = Record<string, any>;

const PROBLEM_TYPE = 'application/problem+json';
const problemSchema = z.toJSONSchema(Problem, { target: 'openapi-3.0' }) as Json;
delete problemSchema.$schema;
const problemResponse = (description: string) => ({ description, content: { [PROBLEM_TYPE]: { schema: problemSchema } } });

/** A problem's schema, whatever produced it: an object with type, title, status and detail. */
function isProblemSchema(schema: Json | undefined): boolean {
  const props = schema?.properties;
  return !!props && ['type', 'title', 'status', 'detail'].every((k) => k in props);
}

/** The @fastify/swagger `transform` hook: zod's, after declaring the 429 of a route with a rate limit (`config.rateLimit`). */
export const routeSchemas: typeof jsonSchemaTransform = (input) => {
  const response = input.schema?.response as Record<string, unknown> | undefined;
  const limited = (input.route.config as { rateLimit?: unknown } | undefined)?.rateLimit;
  if (!limited || !response || '429' in response) return jsonSchemaTransform(input);
  return jsonSchemaTransform({ ...input, schema: { ...input.schema, response: { ...response, 429: Problem } } });
};

/** The @fastify/swagger `transformObject` hook: the generated document, completed as described above. */
export function documentedAnswers(document: { openapiObject?: Json; swaggerObject?: Json }): Json {
  const doc = (document.openapiObject ?? document.swaggerObject)!;
  for (const [path, methods] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(methods)) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const responses = operation.responses as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        // Whatever type the route produces when it succeeds (a PDF, an event stream), its problems are problem+json.
        const [media] = Object.values((response.content ?? {}) as Record<string, Json>);
        if (status === '204' || status.startsWith('3')) delete response.content;
        else if (Number(status) >= 400 && media && isProblemSchema(media.schema)) response.content = { [PROBLEM_TYPE]: media };
      }
      // A download (letter, document, archive) declares its refusals only: its 200 is a file, its type read from its content.
      if (!Object.keys(responses).some((status) => /^[23]/.test(status)))
        responses['200'] = { description: 'The file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } };
      if (path.includes('{')) responses['414'] ??= problemResponse('A path parameter longer than the router takes');
      if ((operation.parameters as Json[] | undefined)?.some((p) => p.in === 'query'))
        responses['431'] ??= problemResponse('A request line or headers over the size Node.js reads (a very long query)');
      if (operation.requestBody) {
        responses['413'] ??= problemResponse('The body is over the size limit');
        responses['415'] ??= problemResponse('A body of a type this operation does not read');
      }
    }
  }
  return doc;
}

/**
 * Fastify's `clientErrorHandler` option: a request Node.js cannot read (headers or request line over
 * its limit → 431, anything else → 400) answered as a problem (French: there are no headers to read a
 * language from), and the connection closed.
 */
export function clientErrors(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({
    type: 'about:blank',
    title: tooLarge ? 'En-têtes trop volumineux' : status === 408 ? 'Délai dépassé' : PROBLEM_TITLES[400]!.fr,
    status,
    detail: tooLarge ? 'La ligne de requête ou les en-têtes dépassent la taille acceptée.' : 'La requête est illisible.',
  });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_TYPE}; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/** Fastify's `frameworkErrors` option: the router's refusals answered as problems, in the reader's language. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const problem = tooLong
    ? new HttpProblem(414, { fr: 'URI trop longue', en: 'URI too long' }, { fr: 'Un paramètre du chemin est trop long.', en: 'A path parameter is too long.' })
    : new HttpProblem(error.statusCode && error.statusCode < 500 ? error.statusCode : 400, PROBLEM_TITLES[400]!, {
        fr: 'L’adresse demandée est mal formée.',
        en: 'The requested URL is malformed.',
      });
  const { title, detail } = problem.worded(requestLanguage(request));
  void reply.status(problem.status).type(PROBLEM_TYPE).send({ type: problem.type, title, status: problem.status, detail });
}
