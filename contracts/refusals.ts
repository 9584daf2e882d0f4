// Why a request is refused, and how it reaches HTTP clients: RFC 9457 problem details. The rules
// (domain/candidature.ts `decide`) refuse with a kind; the workflow throws it as the ApplicationFailure
// type; the API and the bulk results map it to the status below. Defined here only.
import { z } from 'zod';

export const REFUSALS = {
  /** The actor may not do this (role, right, ownership). */
  Forbidden: { status: 403, title: 'Action interdite' },
  /** Not now: the candidature's state does not allow it. */
  Conflict: { status: 409, title: 'Action impossible maintenant' },
  /** The arguments are wrong for this candidature (unknown piece, missing motive…). */
  Invalid: { status: 422, title: 'Données invalides' },
} as const;
export type RefusalKind = keyof typeof REFUSALS;
export type RefusalStatus = (typeof REFUSALS)[RefusalKind]['status'];

/** What a candidature whose workflow has ended answers to any transition (a Conflict). */
export const CLOSED_CANDIDATURE = 'Cette candidature est close : plus aucune action n’est possible.';

/** The refusal kind an error type names (a workflow's ApplicationFailure type); anything else is a Conflict. */
export function refusalKind(type: string | null | undefined): RefusalKind {
  return type && Object.hasOwn(REFUSALS, type) ? (type as RefusalKind) : 'Conflict';
}

/** A field the request got wrong, by its path in the request (`body.motiveCode`, `args.lcRank`…). */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(FieldError).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');
export type Problem = z.infer<typeof Problem>;

/** The error answers every route may give. */
export const errorResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 503: Problem };
