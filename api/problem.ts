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
