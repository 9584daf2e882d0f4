// The choices of the list's filters: campaigns, and the formations with their centre and commission
// (each campaign's offer, GET /api/campaigns/{code}/formations), narrowed to the centres the manager
// runs when the server tells them (GET /api/staff/formations; a commission member sees every one,
// and the list's scope leaves out what they may not read); the tags with their colours (GET
// /api/staff/tags). Loaded once per page visit.
import { computed, ref } from 'vue';
import type { TagChip } from '../../../../contracts/staff.ts';
import { api, type Campaign, type Formation } from '../../api.ts';
import { sisApi } from '../../sis-api.ts';

export interface Choice {
  value: string;
  text: string;
}

const byText = (a: Choice, b: Choice) => a.text.localeCompare(b.text);

export function useFilterOptions() {
  const campaigns = ref<Campaign[]>([]);
  const formations = ref<Formation[]>([]);
  const tags = ref<TagChip[]>([]);

  async function load(): Promise<void> {
    const [camps, mine, tagList] = await Promise.all([
      api.campaigns().catch(() => [] as Campaign[]),
      sisApi.staffFormations().catch(() => []),
      api.staffTags().catch(() => [] as TagChip[]),
    ]);
    tags.value = tagList;
    campaigns.value = camps;
    const offers = await Promise.all(camps.map((c) => api.formations(c.code).catch(() => [] as Formation[])));
    const scope = new Set(mine.map((f) => f.code));
    const all = new Map<string, Formation>();
    for (const f of offers.flat()) if (scope.size === 0 || scope.has(f.code)) all.set(f.code, f);
    formations.value = [...all.values()];
  }

  const campaignOptions = computed<Choice[]>(() =>
    campaigns.value.map((c) => ({ value: c.code, text: c.label && c.label !== c.code ? `${c.label} (${c.code})` : c.code })),
  );

  /** Formations of the chosen centre and commission (all when none is chosen). */
  const formationOptions = (centre?: string, commission?: string) =>
    formations.value
      .filter((f) => (!centre || f.centre?.code === centre) && (!commission || f.commission?.code === commission))
      .map((f) => ({ value: f.code, text: `${f.code} — ${f.label}` }))
      .sort(byText);

  const centreOptions = computed<Choice[]>(() => {
    const m = new Map<string, string>();
    for (const f of formations.value) if (f.centre) m.set(f.centre.code, `${f.centre.label} (${f.centre.code})`);
    return [...m].map(([value, text]) => ({ value, text })).sort(byText);
  });

  const commissionOptions = (centre?: string) => {
    const m = new Map<string, string>();
    for (const f of formations.value)
      if (f.commission && (!centre || f.centre?.code === centre)) m.set(f.commission.code, `${f.commission.label} (${f.commission.code})`);
    return [...m].map(([value, text]) => ({ value, text })).sort(byText);
  };

  /** "Label (CODE)" of a commission, or its code when unknown. */
  const commissionLabel = (code: string) => {
    const f = formations.value.find((x) => x.commission?.code === code);
    return f?.commission ? f.commission.label : code;
  };

  return { load, tags, campaignOptions, formationOptions, centreOptions, commissionOptions, commissionLabel };
}
