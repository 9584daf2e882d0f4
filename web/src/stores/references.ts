// The reference lists the staff screens name codes with: decision types, motives of unfavourable
// opinions, tags (with their colours). Loaded once per session (the first screen that needs them),
// shared by the candidature page, the opinion form and the bulk panel, loaded again for another user;
// `reload()` after a change of the setup. Tags come from GET /api/staff/tags (those the reader's
// centres may use). A list that fails stays empty and is asked again at the next `load()`.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { TagChip } from '../../../contracts/staff.ts';
import { api, type DecisionType, type Motive } from '../api.ts';
import { useSessionStore } from './session.ts';

export const useReferencesStore = defineStore('references', () => {
  const decisionTypes = ref<DecisionType[]>([]);
  const motives = ref<Motive[]>([]);
  const tags = ref<TagChip[]>([]);
  const session = useSessionStore();
  let loading: Promise<void> | null = null;
  /** Whose lists these are (another user logging in, in the same tab, gets their own). */
  let loadedFor: string | null = null;

  async function fetchAll(): Promise<void> {
    const [d, m, t] = await Promise.all([api.decisionTypes().catch(() => null), api.motives().catch(() => null), api.staffTags().catch(() => null)]);
    if (d) decisionTypes.value = d;
    if (m) motives.value = m;
    if (t) tags.value = t;
    // A list that failed is asked again next time.
    if (!d || !m || !t) loading = null;
  }

  /** Loads the lists unless they are (being) loaded for the user of the session. */
  function load(): Promise<void> {
    const login = session.user?.login ?? null;
    if (login !== loadedFor) loading = null;
    loadedFor = login;
    loading ??= fetchAll();
    return loading;
  }

  /** Loads them again (after the setup changed them). */
  function reload(): Promise<void> {
    loading = fetchAll();
    return loading;
  }

  const decisionByCode = computed(() => new Map(decisionTypes.value.map((d) => [d.code, d])));
  const motiveByCode = computed(() => new Map(motives.value.map((m) => [m.code, m])));

  /** The label of a decision type (its code when unknown). */
  const decisionLabel = (code: string) => decisionByCode.value.get(code)?.label ?? code;
  /** The label of a motive (its code when unknown), null without one. */
  const motiveLabel = (code: string | null | undefined) => (code ? (motiveByCode.value.get(code)?.label ?? code) : null);

  return { decisionTypes, motives, tags, load, reload, decisionLabel, motiveLabel };
});
