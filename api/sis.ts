// Calls to the SIS from the API (adapters: `app.sis`, api/app.ts): its errors turned into problem+json.
import { SisTransientError, SisValidationError } from '../sis/port.ts';
import { conflict, HttpProblem, unavailable, type ProblemText } from './problem.ts';

/** Runs a call to the SIS: unreachable or not ready → 503, refused → 409 with its message (the SIS's own, as it gave it). */
export async function sisCall<T>(what: ProblemText, run: () => Promise<T>): Promise<T> {
  const named = typeof what === 'string' ? { fr: what, en: what } : what;
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    if (err instanceof SisValidationError)
      throw conflict({
        fr: `${named.fr} : le SI Scolarité refuse la demande (${err.message}).`,
        en: `${named.en}: the student information system refuses the request (${err.message}).`,
      });
    if (err instanceof SisTransientError)
      throw unavailable({
        fr: `${named.fr} : le SI Scolarité ne répond pas (${err.message}). Réessayez plus tard.`,
        en: `${named.en}: the student information system does not answer (${err.message}). Try again later.`,
      });
    throw err;
  }
}
