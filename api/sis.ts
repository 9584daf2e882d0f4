// Calls to the SIS from the API (adapters: `app.sis`, api/app.ts): its errors turned into problem+json.
import { SisTransientError, SisValidationError } from '../sis/port.ts';
import { conflict, HttpProblem, unavailable } from './problem.ts';

/** Runs a call to the SIS: unreachable or not ready → 503, refused → 409 with its message. */
export async function sisCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    if (err instanceof SisValidationError) throw conflict(`${what} : le SI Scolarité refuse la demande (${err.message}).`);
    if (err instanceof SisTransientError) throw unavailable(`${what} : le SI Scolarité ne répond pas (${err.message}). Réessayez plus tard.`);
    throw err;
  }
}
