// The SIS adapters as the API sees them: one registry per application (built from its config on
// first use), errors of the SIS turned into problem+json.
import type { FastifyInstance } from 'fastify';
import type { SisType } from '../domain/codes.ts';
import { createSisRegistry, type SisRegistry } from '../sis/index.ts';
import { SisTransientError, SisValidationError, type SisAdapter } from '../sis/port.ts';
import { conflict, HttpProblem, unavailable } from './problem.ts';

const registries = new WeakMap<FastifyInstance, SisRegistry>();

/** The adapter of a SIS type for this application (null for a SIS without adapter). */
export function sisAdapterFor(app: FastifyInstance, type: SisType): SisAdapter | null {
  let registry = registries.get(app);
  if (!registry) {
    registry = createSisRegistry({ pegaseOpiDir: app.config.pegaseOpiDir, pegase: app.config.pegase, apogee: app.config.apogee });
    registries.set(app, registry);
  }
  return registry.adapterFor(type);
}

/** Runs a call to the SIS: unreachable or not ready → 503, refused → 409 with its message. */
export async function sisCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    if (err instanceof SisValidationError) throw conflict(`${what} : le SI Scolarité refuse la demande (${err.message}).`);
    if (err instanceof SisTransientError) throw unavailable(`${what} : le SI Scolarité ne répond pas (${err.message}). Réessayez plus tard.`);
    if (err instanceof Error && /not implemented/.test(err.message))
      throw unavailable(`${what} : cette opération n'est pas encore disponible pour ce SI Scolarité.`);
    throw err;
  }
}
