import { defineStore } from 'pinia';
import { ref } from 'vue';
import { portalApi, type Catalogue } from '../portal-api.ts';

/**
 * The public catalogue as last read (GET /api/catalogue, optionally searched): kept while the visitor
 * opens a formation and comes back, read again on each new search. Also the campaigns an account may
 * be created in.
 */
export const useCatalogueStore = defineStore('catalogue', () => {
  const catalogue = ref<Catalogue | null>(null);
  /** The search the catalogue answers ('' for none). */
  const query = ref<string | null>(null);
  let pending: Promise<Catalogue> | null = null;

  /** The catalogue for this search; the one in memory when it answers the same search. */
  async function load(q = '', force = false): Promise<Catalogue> {
    const wanted = q.trim();
    if (!force && catalogue.value && query.value === wanted) return catalogue.value;
    const call = portalApi.catalogue(wanted);
    pending = call;
    const answer = await call;
    // A later search may have been sent meanwhile: keep only the newest one.
    if (pending === call) {
      catalogue.value = answer;
      query.value = wanted;
    }
    return answer;
  }

  return { catalogue, query, load };
});
