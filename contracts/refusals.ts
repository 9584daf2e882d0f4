// Why a request is refused, and how it reaches HTTP clients: RFC 9457 problem details. The rules
// (domain/candidature.ts `decide`) refuse with a kind and a reason worded in French and English; the
// workflow throws it as an ApplicationFailure (the kind its type, the French reason its message, the
// English wording in its details: `refusalFailure`); the API and the bulk results read it back
// (`refusalFromFailure`), map the kind to the status below and answer in the reader's language.
// Defined here only.
import { z } from 'zod';

/** A text a person reads, in both languages of the application (the reader's is chosen when answering). */
export interface LocalizedText {
  fr: string;
  en: string;
}

export const REFUSALS = {
  /** The actor may not do this (role, right, ownership). */
  Forbidden: { status: 403, title: { fr: 'Action interdite', en: 'Forbidden' } },
  /** Not now: the candidature's state does not allow it. */
  Conflict: { status: 409, title: { fr: 'Action impossible maintenant', en: 'Not possible now' } },
  /** The arguments are wrong for this candidature (unknown piece, missing motive…). */
  Invalid: { status: 422, title: { fr: 'Données invalides', en: 'Invalid data' } },
} as const;
export type RefusalKind = keyof typeof REFUSALS;
export type RefusalStatus = (typeof REFUSALS)[RefusalKind]['status'];

/** What a candidature whose workflow has ended answers to any transition (a Conflict). */
export const CLOSED_CANDIDATURE: LocalizedText = {
  fr: 'Cette candidature est close : plus aucune action n’est possible.',
  en: 'This application is closed: no further action is possible.',
};

/** The refusal kind an error type names (a workflow's ApplicationFailure type); anything else is a Conflict. */
export function refusalKind(type: string | null | undefined): RefusalKind {
  return type && Object.hasOwn(REFUSALS, type) ? (type as RefusalKind) : 'Conflict';
}

/** A field the request got wrong, by its path in the request (`body.motiveCode`, `args.lcRank`…). */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;
/** A field at fault with its message in both languages. */
export interface LocalizedFieldError {
  field: string;
  message: LocalizedText;
}

/**
 * A refusal as a workflow throws it (the ApplicationFailure's type, message and details): the message
 * is the French reason (as before there was an English one), details[0] the fields at fault in French,
 * details[1] the English wording (`{ message, errors }`).
 */
export function refusalFailure(
  kind: RefusalKind,
  reason: LocalizedText,
  errors: LocalizedFieldError[] = [],
): { type: RefusalKind; message: string; details: [FieldError[], { message: string; errors: FieldError[] }] } {
  const inLanguage = (lang: 'fr' | 'en') => errors.map((e) => ({ field: e.field, message: e.message[lang] }));
  return { type: kind, message: reason.fr, details: [inLanguage('fr'), { message: reason.en, errors: inLanguage('en') }] };
}

/** A workflow's refusal read back from its failure; one thrown without English wording reads the same in both languages. */
export function refusalFromFailure(failure: { type?: string | null; message: string; details?: unknown[] | null }): {
  kind: RefusalKind;
  reason: LocalizedText;
  errors: LocalizedFieldError[];
} {
  const fr = Array.isArray(failure.details?.[0]) ? (failure.details[0] as FieldError[]) : [];
  const english = failure.details?.[1] as { message?: unknown; errors?: unknown } | undefined;
  const en = Array.isArray(english?.errors) ? (english.errors as FieldError[]) : [];
  return {
    kind: refusalKind(failure.type),
    reason: { fr: failure.message, en: typeof english?.message === 'string' ? english.message : failure.message },
    errors: fr.map((e, i) => ({ field: e.field, message: { fr: e.message, en: en[i]?.message ?? e.message } })),
  };
}

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
