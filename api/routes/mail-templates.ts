// The mail templates (reference §3.3; issue 9), for admins and scolarité centrale: the institution's
// template of each mail code and the centres' own versions (overrides), the variables each code
// offers, and a preview with sample values. Routes only parse and answer; the rules are in
// api/setup/mail-templates.ts. A variable the code does not offer, or an `{if}` left open, is a 400
// naming the field by its label.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MailTemplateInput,
  MailTemplatePreviewInput,
  MailTemplateQuery,
  MailTemplateSummary,
  MailTemplateView,
  RenderedMailView,
} from '../../contracts/mail-templates.ts';
import { errorResponses } from '../schemas.ts';
import { setupContext } from '../setup/context.ts';
import { deleteMailTemplateOverride, getMailTemplate, listMailTemplates, previewMailTemplate, saveMailTemplate } from '../setup/mail-templates.ts';

const CodeParams = z.object({ code: z.string().min(1).max(50) });
const admin = { access: 'admin' } as const;
const tags = ['setup'];

const mailTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/mail-templates',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Every mail template: the institution’s, then the centres’ own versions',
        response: { 200: z.array(MailTemplateSummary), ...errorResponses },
      },
    },
    (request) => listMailTemplates(setupContext(app, request)),
  );
  app.get(
    '/api/admin/mail-templates/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'One mail template (the institution’s, or a centre’s own version with centreCode) and the variables its code offers',
        params: CodeParams,
        querystring: MailTemplateQuery,
        response: { 200: MailTemplateView, ...errorResponses },
      },
    },
    (request) => getMailTemplate(setupContext(app, request), request.params.code, request.query.centreCode),
  );
  app.put(
    '/api/admin/mail-templates/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change the institution’s template, or create / change a centre’s own version (centreCode)',
        params: CodeParams,
        body: MailTemplateInput,
        response: { 200: MailTemplateView, ...errorResponses },
      },
    },
    (request) => saveMailTemplate(setupContext(app, request), request.params.code, request.body),
  );
  app.delete(
    '/api/admin/mail-templates/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Remove a centre’s own version (centreCode): its candidatures get the institution’s template again',
        params: CodeParams,
        querystring: MailTemplateQuery,
        response: { 204: z.null().describe('Removed'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMailTemplateOverride(setupContext(app, request), request.params.code, request.query.centreCode);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/admin/mail-templates/:code/preview',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Render a subject and body as typed, with the sample value of every variable',
        params: CodeParams,
        body: MailTemplatePreviewInput,
        response: { 200: RenderedMailView, ...errorResponses },
      },
    },
    (request) => previewMailTemplate(setupContext(app, request), request.params.code, request.body),
  );
};
export default mailTemplateRoutes;
