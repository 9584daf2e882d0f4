// The candidate's PDFs (api/letters/): the admission or refusal letter once a decision is published,
// the receipt of transmission, the whole file. For the candidate who owns the candidature, and for a
// staff member in its scope. Written in the language the request asks (Accept-Language naming fr or
// en), else the account's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteActor } from '../../contracts/candidature.ts';
import { NO_LETTER_MESSAGES } from '../../domain/letter.ts';
import type { Db } from '../../infra/prisma.ts';
import { loadCandidature } from '../candidature-service.ts';
import { localized, requestLanguage, type Language } from '../language.ts';
import { wholeDossier } from '../letters/dossier.ts';
import { decisionLetter } from '../letters/letter.ts';
import { transmissionReceipt } from '../letters/receipt.ts';
import { conflict, notFound } from '../problem.ts';
import { actorOn } from '../scope.ts';
import { errorResponses, IdParams } from '../schemas.ts';

/** The language of a PDF: Accept-Language when it names French or English, else the account's. */
/**
 * The PDF's language: `?lang=` (a link the site builds in the language it is read in: a browser
 * following a link sends its own Accept-Language), then Accept-Language, then the account's.
 */
async function pdfLanguage(request: FastifyRequest, accountId: number, db: Db): Promise<Language> {
  const asked = (request.query as { lang?: string } | undefined)?.lang;
  if (asked === 'fr' || asked === 'en') return asked;
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && /(^|[\s,])(fr|en)\b/i.test(header)) return requestLanguage(request);
  const account = await db.candidateAccount.findUnique({ where: { id: accountId }, select: { language: true } });
  return account?.language === 'en' ? 'en' : 'fr';
}

function sendPdf(reply: FastifyReply, file: { pdf: Buffer; fileName: string }) {
  return reply
    .type('application/pdf')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.pdf);
}

const NOT_TRANSMITTED = {
  fr: "Le récépissé est disponible une fois la candidature transmise : transmettez-la d'abord.",
  en: 'The receipt is available once the application is sent: send it first.',
};
const MISSING = { fr: 'Aucune candidature de ce numéro.', en: 'No such application.' };

const PdfQuery = z.object({ lang: z.enum(['fr', 'en']).optional().describe('The language of the PDF (default: Accept-Language, else the account’s)') });

const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.db, storage: app.storage };

  async function open(request: FastifyRequest, candidatureId: string, kind: RouteActor) {
    const row = await loadCandidature(app, candidatureId);
    await actorOn(app, request, kind, row);
    return { id: row.id, lang: await pdfLanguage(request, row.accountId, app.db) };
  }

  for (const kind of ['candidate', 'staff'] as const) {
    const base = kind === 'candidate' ? '/api/candidatures/:id' : '/api/staff/candidatures/:id';
    const tags = [kind === 'candidate' ? 'candidate' : 'staff'];
    const who = kind === 'candidate' ? '' : ' (staff, in scope)';

    app.get(
      `${base}/letter`,
      {
        config: { access: kind },
        schema: {
          tags,
          summary: `The admission or refusal letter (PDF) once the decision is published; 409 when there is none or its download is not allowed${who}`,
          params: IdParams,
          querystring: PdfQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { id, lang } = await open(request, request.params.id, kind);
        const letter = await decisionLetter(deps, id, lang, 'download');
        if (!letter) throw notFound(localized(request, MISSING));
        if ('refused' in letter) throw conflict(localized(request, NO_LETTER_MESSAGES[letter.refused]));
        return sendPdf(reply, letter);
      },
    );

    app.get(
      `${base}/receipt`,
      {
        config: { access: kind },
        schema: {
          tags,
          summary: `The receipt of transmission (PDF): what was sent and when, each document's status; 409 before the transmission${who}`,
          params: IdParams,
          querystring: PdfQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { id, lang } = await open(request, request.params.id, kind);
        const receipt = await transmissionReceipt(deps, id, lang);
        if (!receipt) throw notFound(localized(request, MISSING));
        if (receipt === 'not-transmitted') throw conflict(localized(request, NOT_TRANSMITTED));
        return sendPdf(reply, receipt);
      },
    );

    app.get(
      `${base}/dossier`,
      {
        config: { access: kind },
        schema: {
          tags,
          summary: `The whole file as one PDF: a summary (civil status, address, bac, cursus, answers, documents) and every uploaded document appended${who}`,
          params: IdParams,
          querystring: PdfQuery,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { id, lang } = await open(request, request.params.id, kind);
        const dossier = await wholeDossier(deps, id, lang);
        if (!dossier) throw notFound(localized(request, MISSING));
        return sendPdf(reply, dossier);
      },
    );
  }
};
export default letterRoutes;
