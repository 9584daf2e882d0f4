// Chooses the SIS adapter of a campaign from its SIS type (A Apogée, P Pégase, D none).
import type { SisType } from '../domain/codes.ts';
import { createApogeeAdapter, type ApogeeConfig } from './apogee/adapter.ts';
import { createNoneAdapter } from './none/adapter.ts';
import { createPegaseAdapter, type PegaseConfig } from './pegase/adapter.ts';
import type { SisAdapter } from './port.ts';

export interface SisRegistry {
  adapterFor(type: SisType): SisAdapter | null;
}

export function createSisRegistry(opts: { pegaseOpiDir: string; pegase: PegaseConfig; apogee: ApogeeConfig }): SisRegistry {
  const adapters: Record<SisType, SisAdapter | null> = {
    A: createApogeeAdapter(opts.apogee),
    P: createPegaseAdapter({ opiDir: opts.pegaseOpiDir, pegase: opts.pegase }),
    D: createNoneAdapter(), // no SIS: referentials by hand, exports refused
  };
  return { adapterFor: (type) => adapters[type] };
}
