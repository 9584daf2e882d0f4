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

export default fp(async function errors(app: FastifyInstance) {
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
    } else if (/^Multipart: |^Malformed part header|^Unexpected end of form/.test((error as Error).message ?? '')) {
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
