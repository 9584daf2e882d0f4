// Request and response shapes of the API, as zod schemas: they validate input (errors name the
// field), shape output and generate the OpenAPI document (GET /api/openapi.json).
import { z } from 'zod';
import { DOSSIER_STATUSES, OPINION_KINDS, PIECE_STATUSES, SIS_TYPES, TRAITEMENTS } from '../domain/codes.ts';

const isoDateTime = z.string().describe('ISO 8601 instant');
const nullableInstant = isoDateTime.nullable();

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

export const OpinionEntry = z.object({
  index: z.number().int(),
  decisionType: z.string(),
  kind: z.enum(OPINION_KINDS),
  comment: z.string().nullable(),
  motiveCode: z.string().nullable(),
  lcRank: z.number().int().nullable(),
  interview: z.object({ date: z.string(), time: z.string(), place: z.string() }).nullish().describe('Preselection (PR): the interview'),
  appeal: z.boolean(),
  promotion: z.boolean().optional().describe('Given by a promotion from the complementary list'),
  enteredAt: isoDateTime,
  enteredBy: z.string(),
  validated: z.boolean(),
  validatedAt: nullableInstant,
  validatedBy: z.string().nullable(),
  deletedAt: nullableInstant.optional(),
  deletedBy: z.string().nullable().optional(),
});

// Fields added with the complete lifecycle are optional: views projected before them lack them.
const Piece = z.object({
  code: z.string(),
  label: z.string(),
  conditional: z.boolean(),
  status: z.enum(PIECE_STATUSES),
  fileId: z.number().int().nullable(),
  comment: z.string().nullable(),
  by: z.string().nullable(),
  at: nullableInstant,
});
const Question = z.object({ code: z.string(), label: z.string(), conditional: z.boolean(), answer: z.string().nullable(), notConcerned: z.boolean() });

export const CandidatureView = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    campaignCode: z.string(),
    sisType: z.enum(SIS_TYPES),
    formationCode: z.string(),
    formationLabel: z.string(),
    commissionCode: z.string(),
    candidate: z.object({ accountId: z.number().int(), dossierNumber: z.string(), firstName: z.string(), lastName: z.string() }),
    proposition: z.boolean().optional(),
    stage: z.enum(['draft', 'transmitted', 'decided', 'confirmed', 'withdrawn', 'cancelled']),
    dossierStatus: z.enum(DOSSIER_STATUSES),
    traitement: z.object({ code: z.enum(TRAITEMENTS), validated: z.boolean() }),
    pieces: z.array(Piece).optional().describe('Supporting documents and their status (AT/TR/VA/RE/NC)'),
    questions: z.array(Question).optional(),
    returnDeadline: nullableInstant.optional().describe('Return deadline in force (formation date or a later override)'),
    opinion: z
      .object({ kind: z.enum(OPINION_KINDS), decisionType: z.string(), validated: z.boolean(), comment: z.string().nullable(), validatedAt: nullableInstant })
      .nullable()
      .describe('For a candidate, the last validated opinion only'),
    opinions: z.array(OpinionEntry).describe('Whole opinion history (staff only; empty for candidates)'),
    confirmation: z.object({
      deadline: nullableInstant,
      answer: z.enum(['confirmed', 'withdrawn']).nullable(),
      answeredAt: nullableInstant,
      answeredBy: z.string().nullable(),
      reminderAt: nullableInstant.optional(),
      remindedAt: nullableInstant.optional(),
    }),
    overrides: z.object({ returnDeadline: nullableInstant, confirmationDeadline: nullableInstant }).optional(),
    tags: z.array(z.string()).optional(),
    export: z.object({ status: z.enum(['none', 'pending', 'done', 'failed']), at: nullableInstant, error: z.string().nullable(), version: z.number().int() }),
    dates: z.object({
      createdAt: isoDateTime,
      transmittedAt: nullableInstant,
      receivedAt: nullableInstant,
      completedAt: nullableInstant,
      incompleteAt: nullableInstant,
      statusChangedAt: nullableInstant,
      cancelledAt: nullableInstant,
    }),
    archivedAt: nullableInstant.optional(),
    allowedActions: z.array(z.string()).describe('Transitions the reader may attempt now'),
    seq: z.number().int(),
  })
  .describe('A candidature as its reader may see it');

export const User = z.object({
  kind: z.enum(['candidate', 'staff']),
  login: z.string(),
  displayName: z.string(),
  campaignCode: z.string().optional(),
  profiles: z.array(z.string()).optional(),
});

export const IdParams = z.object({ id: z.uuid() });

export const errorResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 503: Problem };
