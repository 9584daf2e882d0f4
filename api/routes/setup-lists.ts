// The setup's smaller lists, for admins and scolarité centrale: questions, tags with colours,
// decision types, unfavourable motives, and the mass edit of formation dates. Rules in
// api/setup/lists.ts and api/setup/formations.ts; shapes in contracts/setup.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DecisionTypeInput,
  DecisionTypePatch,
  DecisionTypeView,
  FormationDatesInput,
  FormationDatesResult,
  MotiveInput,
  MotivePatch,
  MotiveView,
  QuestionInput,
  QuestionPatch,
  QuestionView,
  TagInput,
  TagPatch,
  TagView,
} from '../../contracts/setup.ts';
import { errorResponses } from '../schemas.ts';
import { setupContext } from '../setup/context.ts';
import { setFormationDates } from '../setup/formations.ts';
import {
  createDecisionType,
  createMotive,
  createQuestion,
  createTag,
  listDecisionTypes,
  listMotives,
  listQuestions,
  listTags,
  updateDecisionType,
  updateMotive,
  updateQuestion,
  updateTag,
} from '../setup/lists.ts';

const CodeParams = z.object({ code: z.string().min(1).max(50) });
const admin = { access: 'admin' } as const;
const tags = ['setup'];

const setupListRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/admin/formations/dates',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Give the same dates to several formations (nothing is written if one would end inconsistent); each one’s open candidatures follow',
        body: FormationDatesInput,
        response: { 200: FormationDatesResult, ...errorResponses },
      },
    },
    (request) => setFormationDates(setupContext(app, request), request.body),
  );

  app.get(
    '/api/admin/questions',
    { config: admin, schema: { tags, summary: 'Questions asked to candidates', response: { 200: z.array(QuestionView), ...errorResponses } } },
    (request) => listQuestions(setupContext(app, request)),
  );
  app.post(
    '/api/admin/questions',
    { config: admin, schema: { tags, summary: 'Create a question', body: QuestionInput, response: { 201: QuestionView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createQuestion(setupContext(app, request), request.body)),
  );
  app.patch(
    '/api/admin/questions/:code',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a question (active: false stops asking it)',
        params: CodeParams,
        body: QuestionPatch,
        response: { 200: QuestionView, ...errorResponses },
      },
    },
    (request) => updateQuestion(setupContext(app, request), request.params.code, request.body),
  );

  app.get(
    '/api/admin/tags',
    { config: admin, schema: { tags, summary: 'Tags with their colours', response: { 200: z.array(TagView), ...errorResponses } } },
    (request) => listTags(setupContext(app, request)),
  );
  app.post(
    '/api/admin/tags',
    { config: admin, schema: { tags, summary: 'Create a tag', body: TagInput, response: { 201: TagView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createTag(setupContext(app, request), request.body)),
  );
  app.patch(
    '/api/admin/tags/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change a tag',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        body: TagPatch,
        response: { 200: TagView, ...errorResponses },
      },
    },
    (request) => updateTag(setupContext(app, request), request.params.id, request.body),
  );

  app.get(
    '/api/admin/decision-types',
    { config: admin, schema: { tags, summary: 'Decision types', response: { 200: z.array(DecisionTypeView), ...errorResponses } } },
    (request) => listDecisionTypes(setupContext(app, request)),
  );
  app.post(
    '/api/admin/decision-types',
    { config: admin, schema: { tags, summary: 'Create a decision type', body: DecisionTypeInput, response: { 201: DecisionTypeView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createDecisionType(setupContext(app, request), request.body)),
  );
  app.patch(
    '/api/admin/decision-types/:code',
    {
      config: admin,
      schema: { tags, summary: 'Change a decision type', params: CodeParams, body: DecisionTypePatch, response: { 200: DecisionTypeView, ...errorResponses } },
    },
    (request) => updateDecisionType(setupContext(app, request), request.params.code, request.body),
  );

  app.get(
    '/api/admin/motives',
    { config: admin, schema: { tags, summary: 'Motives of unfavourable opinions', response: { 200: z.array(MotiveView), ...errorResponses } } },
    (request) => listMotives(setupContext(app, request)),
  );
  app.post(
    '/api/admin/motives',
    { config: admin, schema: { tags, summary: 'Create a motive', body: MotiveInput, response: { 201: MotiveView, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createMotive(setupContext(app, request), request.body)),
  );
  app.patch(
    '/api/admin/motives/:code',
    { config: admin, schema: { tags, summary: 'Change a motive', params: CodeParams, body: MotivePatch, response: { 200: MotiveView, ...errorResponses } } },
    (request) => updateMotive(setupContext(app, request), request.params.code, request.body),
  );
};
export default setupListRoutes;
