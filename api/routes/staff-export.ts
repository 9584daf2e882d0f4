// Managers' exports of a selection of candidatures (the list's filters, or picked ids; always within
// the user's scope): the XLSX with the columns they choose (api/staff-export.ts), the zip of one
// supporting document, the zip of the candidates' whole files as PDFs (api/staff-export-zips.ts).
// Each is streamed as it is produced (GET with the filters or a short id list, POST for long lists).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import {
  DOCUMENTS_ZIP_MAX,
  DocumentsZipBody,
  DocumentsZipQuery,
  DOSSIERS_ZIP_MAX,
  DossiersZipBody,
  DossiersZipQuery,
  ExportDocumentItem,
  StaffExportBody,
  StaffExportQuery,
} from '../../contracts/staff-export.ts';
import type { StaffListFilter } from '../../contracts/staff.ts';
import { requestLanguage, type Language } from '../language.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errorResponses } from '../schemas.ts';
import { resolveColumns, streamSelectionXlsx } from '../staff-export.ts';
import { documentsZip, dossiersZip, exportDocuments, type ZipAnswer } from '../staff-export-zips.ts';
import { selectionWhere, type Selection } from '../staff-selection.ts';

/** Each export reads and writes the whole selection: a few per minute and per address. */
const HEAVY = { max: 30, timeWindow: '1 minute' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const selectionText =
  'The selection: `ids` (picked candidatures; they win over the filters) or the list’s filters (those of GET /api/staff/candidatures), within the user’s scope (others are left out silently).';

/** GET: the filters and comma-separated ids of the query string, as a selection. */
function fromQuery(q: StaffListFilter & { ids?: string[] | undefined }): Selection {
  const { ids, ...filter } = q;
  return ids ? { ids } : { filter };
}

const attachment = (reply: FastifyReply, type: string, fileName: string) =>
  reply
    .type(type)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);

const staffExportRoutes: FastifyPluginAsyncZod = async (app) => {
  async function xlsx(request: FastifyRequest, reply: FastifyReply, selection: Selection, requested: string[] | undefined, lang: Language) {
    const user = requireStaff(request);
    const columns = resolveColumns(requested);
    const where = await selectionWhere(app, user, selection);
    const out = new PassThrough();
    streamSelectionXlsx(app, where, columns, lang, out).catch((err: Error) => {
      request.log.error({ err }, 'XLSX export failed while streaming');
      out.destroy(err);
    });
    const day = new Date().toISOString().slice(0, 10);
    // The file says what it holds: the selection, or the narrowest of the filter's formation, commission, centre, campaign.
    const f = selection.filter;
    const scope = selection.ids ? 'selection' : (f?.formation ?? f?.commission ?? f?.centre ?? f?.campaign ?? (lang === 'fr' ? 'toutes' : 'all'));
    const name = `${lang === 'fr' ? 'candidatures' : 'applications'}-${scope}-${day}.xlsx`.replace(/[^\w.-]/g, '_');
    return attachment(reply, XLSX, name).send(out);
  }

  const sendZip = (reply: FastifyReply, zip: ZipAnswer) =>
    attachment(reply, 'application/zip', zip.fileName)
      .header('x-selection-count', String(zip.selected))
      .header('x-entry-count', String(zip.entries))
      .send(zip.stream);

  const xlsxSchema = {
    tags: ['staff'],
    summary: 'The selected candidatures as a workbook, with the columns chosen (headers in French or English)',
    description: `${selectionText} \`columns\`: keys of the catalogue (contracts/staff-export.ts EXPORT_COLUMNS) in order, or a preset (records, default); an unknown key answers 400 naming it. Streamed: any number of rows.`,
    produces: [XLSX],
  };
  app.get(
    '/api/staff/candidatures/export.xlsx',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...xlsxSchema, querystring: StaffExportQuery, response: { 200: z.any().describe('The workbook'), ...errorResponses } },
    },
    async (request, reply) => {
      const { columns, lang, ...selection } = request.query;
      return xlsx(request, reply, fromQuery(selection), columns, lang ?? requestLanguage(request));
    },
  );
  app.post(
    '/api/staff/candidatures/export.xlsx',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...xlsxSchema, body: StaffExportBody, response: { 200: z.any().describe('The workbook'), ...errorResponses } },
    },
    async (request, reply) => {
      const { columns, lang, ids, filter } = request.body;
      return xlsx(request, reply, { ids, filter }, columns, lang ?? requestLanguage(request));
    },
  );

  const documentsSchema = {
    tags: ['staff'],
    summary: 'One supporting document across the selected candidatures, as a zip',
    description: `${selectionText} One entry per candidature holding a file for \`document\`, named <dossier>_<NAME>_<formation>.<ext>, and index.csv listing those without one and why. At most ${DOCUMENTS_ZIP_MAX} candidatures (400 beyond). Streamed; headers x-selection-count and x-entry-count.`,
    produces: ['application/zip'],
  };
  app.get(
    '/api/staff/candidatures/documents.zip',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...documentsSchema, querystring: DocumentsZipQuery, response: { 200: z.any().describe('The zip'), ...errorResponses } },
    },
    async (request, reply) => {
      const { document, ...selection } = request.query;
      return sendZip(reply, await documentsZip(app, requireStaff(request), fromQuery(selection), document, requestLanguage(request)));
    },
  );
  app.post(
    '/api/staff/candidatures/documents.zip',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...documentsSchema, body: DocumentsZipBody, response: { 200: z.any().describe('The zip'), ...errorResponses } },
    },
    async (request, reply) => {
      const { document, ids, filter } = request.body;
      return sendZip(reply, await documentsZip(app, requireStaff(request), { ids, filter }, document, requestLanguage(request)));
    },
  );

  const dossiersSchema = {
    tags: ['staff'],
    summary: 'The selected candidates’ whole files, one PDF each, as a zip',
    description: `${selectionText} One PDF per candidature (summary and uploaded documents, as GET /api/staff/candidatures/{id}/dossier), named <dossier>_<NAME>_<formation>.pdf. A zip rather than one merged PDF: each file stays whole, and the PDFs are made one at a time as the zip is sent. At most ${DOSSIERS_ZIP_MAX} candidatures (400 beyond).`,
    produces: ['application/zip'],
  };
  app.get(
    '/api/staff/candidatures/dossiers.zip',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...dossiersSchema, querystring: DossiersZipQuery, response: { 200: z.any().describe('The zip'), ...errorResponses } },
    },
    async (request, reply) => {
      const { lang, ...selection } = request.query;
      return sendZip(reply, await dossiersZip(app, requireStaff(request), fromQuery(selection), lang ?? requestLanguage(request)));
    },
  );
  app.post(
    '/api/staff/candidatures/dossiers.zip',
    {
      config: { access: 'staff', rateLimit: HEAVY },
      schema: { ...dossiersSchema, body: DossiersZipBody, response: { 200: z.any().describe('The zip'), ...errorResponses } },
    },
    async (request, reply) => {
      const { lang, ids, filter } = request.body;
      return sendZip(reply, await dossiersZip(app, requireStaff(request), { ids, filter }, lang ?? requestLanguage(request)));
    },
  );

  app.get(
    '/api/staff/exports/documents',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'The supporting documents a zip may gather for the user (common ones, their centres’ and their formations’)',
        response: { 200: z.array(ExportDocumentItem), ...errorResponses },
      },
    },
    async (request) => exportDocuments(app, requireStaff(request)),
  );
};

export default staffExportRoutes;
