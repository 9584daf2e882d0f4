// Errors as RFC 9457 problem details (`application/problem+json`), with the offending field when
// there is one. Route code throws `HttpProblem`; plugins/errors.ts turns anything thrown into one.
import { REFUSALS, type FieldError } from '../contracts/refusals.ts';

export type { FieldError };

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** A URI naming the kind of problem (RFC 9457 `type`); `about:blank` when the status says it all. */
    readonly type = 'about:blank',
  ) {
    super(detail);
  }
}

export const badRequest = (field: string, message: string) => new HttpProblem(400, 'Requête invalide', `${field} : ${message}`, [{ field, message }]);
export const unauthorized = (detail = 'Authentification requise.') => new HttpProblem(401, 'Non authentifié', detail);
export const forbidden = (detail: string) => new HttpProblem(REFUSALS.Forbidden.status, REFUSALS.Forbidden.title, detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Introuvable', detail);
export const conflict = (detail: string, errors: FieldError[] = []) => new HttpProblem(REFUSALS.Conflict.status, REFUSALS.Conflict.title, detail, errors);
export const unavailable = (detail: string) => new HttpProblem(503, 'Service indisponible', detail);

/** The title of a problem by its status, in French and English (the detail says the rest). */
export const PROBLEM_TITLES: Record<number, { fr: string; en: string }> = {
  400: { fr: 'Requête invalide', en: 'Invalid request' },
  401: { fr: 'Non authentifié', en: 'Not authenticated' },
  403: { fr: 'Action interdite', en: 'Forbidden' },
  404: { fr: 'Introuvable', en: 'Not found' },
  409: { fr: 'Action impossible maintenant', en: 'Not possible now' },
  413: { fr: 'Requête trop volumineuse', en: 'Request too large' },
  415: { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  422: { fr: 'Données invalides', en: 'Invalid data' },
  429: { fr: 'Trop de tentatives', en: 'Too many attempts' },
  500: { fr: 'Erreur interne', en: 'Internal error' },
  503: { fr: 'Service indisponible', en: 'Service unavailable' },
};
