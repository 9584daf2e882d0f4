// Maintenance mode (TECH_IS_MAINTENANCE, reference §4.5): candidates are turned away with the
// MAINTENANCE message (503) while staff keep working; the home message (ACCUEIL) is shown to all.
// Read once per MAINTENANCE_TTL_MS per process; a change made through this process applies at once.
import type { FastifyInstance } from 'fastify';
import { parameterValue } from '../domain/parameters.ts';
import { TtlCache } from './ttl-cache.ts';

export interface SiteState {
  /** The maintenance message when the mode is on, else null. */
  maintenance: { fr: string; en: string } | null;
  /** The home page's message when active, else null. */
  home: { fr: string; en: string } | null;
}

export const MAINTENANCE_TTL_MS = 5_000;
// Keyed by the database client, which every encapsulated plugin context of one application shares.
const caches = new WeakMap<object, TtlCache<'site', SiteState>>();

function cacheOf(app: FastifyInstance) {
  let cache = caches.get(app.db);
  if (!cache) caches.set(app.db, (cache = new TtlCache(MAINTENANCE_TTL_MS)));
  return cache;
}

export function siteState(app: FastifyInstance): Promise<SiteState> {
  return cacheOf(app).get('site', async () => {
    const [parameter, messages] = await Promise.all([
      app.db.parameter.findUnique({ where: { code: 'TECH_IS_MAINTENANCE' } }),
      app.db.siteMessage.findMany({ where: { code: { in: ['MAINTENANCE', 'ACCUEIL'] } } }),
    ]);
    const text = (code: string) => {
      const m = messages.find((x) => x.code === code);
      return m ? { fr: m.valueFr, en: m.valueEn || m.valueFr } : null;
    };
    const on = parameterValue('TECH_IS_MAINTENANCE', parameter?.value);
    const home = messages.find((x) => x.code === 'ACCUEIL')?.active ? text('ACCUEIL') : null;
    return {
      maintenance: on ? (text('MAINTENANCE') ?? { fr: 'Le portail est en maintenance.', en: 'The portal is under maintenance.' }) : null,
      home,
    };
  });
}

/** After a change of the parameter or of a message: read again at the next request. */
export function forgetMaintenance(app: FastifyInstance): void {
  cacheOf(app).delete('site');
}
