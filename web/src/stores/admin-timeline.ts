import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { TIMELINE_KINDS, type TimelineKind } from '../../../contracts/admin.ts';
import { api, type WorkflowHistory } from '../api.ts';
import type { WorkflowTimeline } from '../../../contracts/admin.ts';

/**
 * A candidature's timeline for admins (GET /api/admin/candidatures/:id/timeline), the kinds shown (kept
 * while the admin moves from one candidature to another), and the raw workflow events, read on demand.
 */
export const useAdminTimelineStore = defineStore('adminTimeline', () => {
  const timeline = ref<WorkflowTimeline | null>(null);
  const raw = ref<WorkflowHistory | null>(null);
  const shown = ref<TimelineKind[]>([...TIMELINE_KINDS]);
  const loading = ref(false);
  const rawLoading = ref(false);

  const entries = computed(() => {
    const kinds = new Set(shown.value);
    return (timeline.value?.entries ?? []).filter((e) => kinds.has(e.kind));
  });

  /** Reads the candidature's timeline (and forgets the raw events of another one). */
  async function load(id: string): Promise<void> {
    if (timeline.value?.candidatureId !== id) {
      timeline.value = null;
      raw.value = null;
    }
    loading.value = true;
    try {
      timeline.value = await api.timeline(id);
      if (raw.value) raw.value = await api.history(id);
    } finally {
      loading.value = false;
    }
  }

  async function loadRaw(id: string): Promise<void> {
    rawLoading.value = true;
    try {
      raw.value = await api.history(id);
    } finally {
      rawLoading.value = false;
    }
  }

  return { timeline, raw, shown, loading, rawLoading, entries, load, loadRaw };
});
