// The propagations of formations' changes to their open candidatures (a bulk workflow each on the
// server): one after a formation's change, one per formation after a mass edit of dates; each
// followed every second until it has finished. The page shows their progress (PropagationProgress.vue).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../../api.ts';
import { setupApi, type Propagation } from '../../setup-api.ts';

const POLL_MS = 1000;

export interface FollowedPropagation {
  formationCode: string;
  progress: Propagation;
  /** The poll's failure that stopped the following (a refusal; a network failure is retried). */
  error: unknown;
}

export const usePropagationStore = defineStore('setup-propagation', () => {
  const followed = ref<FollowedPropagation[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function stop(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  }
  const current = (id: string) => followed.value.find((f) => f.progress.id === id);

  async function poll(id: string): Promise<void> {
    timers.delete(id);
    const item = current(id);
    if (!item) return;
    try {
      const progress = await setupApi.formations.propagation(item.formationCode, id);
      const now = current(id);
      if (!now) return;
      now.progress = progress;
      if (progress.finished) return;
    } catch (err) {
      const now = current(id);
      if (!now) return;
      if (err instanceof ApiError && !err.retryable) return void (now.error = err);
    }
    timers.set(
      id,
      setTimeout(() => void poll(id), POLL_MS),
    );
  }

  /** Follows the propagations of a change (a finished one is only shown); those followed before are forgotten. */
  function follow(changes: { formationCode: string; progress: Propagation }[]): void {
    stop();
    followed.value = changes.map((c) => ({ ...c, error: null }));
    for (const c of changes)
      if (!c.progress.finished)
        timers.set(
          c.progress.id,
          setTimeout(() => void poll(c.progress.id), POLL_MS),
        );
  }

  /** Stops following and forgets them (the page is left). */
  function dismiss(): void {
    stop();
    followed.value = [];
  }

  return { followed, follow, dismiss };
});
