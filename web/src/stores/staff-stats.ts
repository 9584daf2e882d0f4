import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StaffStats, StaffStatsQuery } from '../../../contracts/staff-stats.ts';
import { request } from '../api.ts';
import { currentLocale } from '../i18n.ts';

/** A campaign as the picker lists it (GET /api/campaigns). */
export interface StatsCampaign {
  code: string;
  label: string;
  labelEn?: string | null;
  sisType: 'A' | 'P' | 'D';
  active: boolean;
}

/** Where the drill-down stands: the whole campaign, a centre, a commission of it, a formation of that. */
export type StatsFilter = Omit<StaffStatsQuery, 'campaign'>;

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();

/**
 * The statistics screen's data (GET /api/staff/stats): the campaigns to choose from, the chosen one,
 * the drill-down filter and the last answer. A newer load supersedes an older one still on its way.
 */
export const useStaffStatsStore = defineStore('staff-stats', () => {
  const campaigns = ref<StatsCampaign[]>([]);
  const campaign = ref('');
  const filter = ref<StatsFilter>({});
  const stats = ref<StaffStats | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let latest = 0;

  /** The campaigns, and the one in service chosen when none is yet. */
  async function loadCampaigns(): Promise<void> {
    campaigns.value = await request<StatsCampaign[]>('GET', '/api/campaigns');
    if (campaign.value) return;
    // The campaign in service where the reader has the most candidatures (the demo's manager has two).
    const active = campaigns.value.filter((c) => c.active);
    const totals = await Promise.all(
      active.map((c) =>
        request<{ total: number }>('GET', `/api/staff/candidatures/counts?campaign=${encodeURIComponent(c.code)}`).then(
          (r) => r.total,
          () => 0,
        ),
      ),
    );
    const best = active.reduce<{ code: string; total: number } | null>(
      (b, c, i) => (!b || totals[i]! > b.total ? { code: c.code, total: totals[i]! } : b),
      null,
    );
    campaign.value = best?.code ?? campaigns.value.at(-1)?.code ?? '';
  }

  async function load(): Promise<void> {
    if (!campaign.value) return;
    const call = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const answer = await request<StaffStats>('GET', `/api/staff/stats?${query({ campaign: campaign.value, ...filter.value })}`);
      if (call === latest) stats.value = answer;
    } catch (err) {
      if (call === latest) {
        error.value = err;
        stats.value = null;
      }
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  function chooseCampaign(code: string): Promise<void> {
    campaign.value = code;
    filter.value = {};
    return load();
  }

  /** Narrows to a centre, a commission (of the current centre) or a formation; `{}` goes back to the whole campaign. */
  function drill(next: StatsFilter): Promise<void> {
    filter.value = next;
    return load();
  }

  /** The workbook of what is shown, headers in the page's language. */
  const xlsxHref = computed(() =>
    campaign.value ? `/api/staff/stats.xlsx?${query({ campaign: campaign.value, ...filter.value, lang: currentLocale() })}` : null,
  );

  return { campaigns, campaign, filter, stats, loading, error, xlsxHref, loadCampaigns, load, chooseCampaign, drill };
});
