// Errors as RFC 9457 problem details (`application/problem+json`), with the offending field when
// there is one. Route code throws `HttpProblem`; plugins/errors.ts turns anything thrown into one.
export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

export const badRequest = (field: string, message: string) => new HttpProblem(400, 'Requête invalide', `${field} : ${message}`, [{ field, message }]);
export const unauthorized = (detail = 'Authentification requise.') => new HttpProblem(401, 'Non authentifié', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'Action interdite', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Introuvable', detail);
export const conflict = (detail: string, errors: FieldError[] = []) => new HttpProblem(409, 'Action impossible maintenant', detail, errors);
export const unavailable = (detail: string) => new HttpProblem(503, 'Service indisponible', detail);
