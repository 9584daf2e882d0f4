// The mail templates administrators edit (reference §3.3; issue 9): the institution's template of
// each mail code, and a centre's own version of it (an override) used for that centre's
// candidatures. Requests and answers of api/routes/mail-templates.ts, shared with the web app.
// A subject or body uses the variables its code offers (`variables`, domain/mail-template.ts) as
// `${name}` and `{if($name)}…{endif($name)}`; a body is plain text or HTML.
import { z } from 'zod';

const subject = z.string().trim().min(1).max(255);
const body = z.string().trim().min(1).max(100_000);

/** `?centreCode=`: a centre's override instead of the institution's template. */
export const MailTemplateQuery = z.object({ centreCode: z.string().min(1).max(20).optional() });

export const MailTemplateSummary = z.object({
  code: z.string(),
  label: z.string(),
  centreCode: z.string().nullable().describe('null: the institution’s template; else the centre whose override it is'),
  active: z.boolean().describe('An inactive template sends nothing (an inactive override leaves the institution’s template in use)'),
  subjectFr: z.string(),
  subjectEn: z.string(),
  updatedAt: z.string(),
});
export type MailTemplateSummary = z.infer<typeof MailTemplateSummary>;

export const MailVariableView = z.object({
  name: z.string().describe('As written in a template: ${name}'),
  description: z.object({ fr: z.string(), en: z.string() }),
  sample: z.string().describe('What a preview shows in its place'),
});

export const MailTemplateView = MailTemplateSummary.extend({
  bodyFr: z.string(),
  bodyEn: z.string(),
  variables: z.array(MailVariableView).describe('The variables this mail code offers'),
});
export type MailTemplateView = z.infer<typeof MailTemplateView>;

/** `PUT /api/admin/mail-templates/{code}`: the institution's template, or (with `centreCode`) that centre's override. */
export const MailTemplateInput = z.object({
  centreCode: z.string().min(1).max(20).nullish().describe('A centre: creates or changes its override; absent or null: the institution’s template'),
  subjectFr: subject,
  bodyFr: body,
  subjectEn: subject,
  bodyEn: body,
  active: z.boolean().optional(),
});

/** `POST /api/admin/mail-templates/{code}/preview`: a subject and body as typed, rendered with sample values. */
export const MailTemplatePreviewInput = z.object({
  subject: z.string().max(255),
  body: z.string().max(100_000),
  language: z.enum(['fr', 'en']),
});

export const RenderedMailView = z.object({
  subject: z.string(),
  text: z.string().describe('The text part'),
  html: z.string().describe('The HTML part: every value escaped'),
});
export type RenderedMailView = z.infer<typeof RenderedMailView>;
