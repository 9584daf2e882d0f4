// The propagation of a formation's change to its open candidatures (a bulk workflow on the server):
// followed every second until it has finished; the page shows its progress (PropagationProgress.vue).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { ApiError } from '../../api.ts';
import { setupApi, type Propagation } from '../../setup-api.ts';

const POLL_MS = 1000;

export interface FollowedPropagation {
  formationCode: string;
  progress: Propagation;
}

export const usePropagationStore = defineStore('setup-propagation', () => {
  const current = ref<FollowedPropagation | null>(null);
  /** The last poll's failure, when it stopped the following (a refusal; a network failure is retried). */
  const error = shallowRef<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stop(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  async function poll(formationCode: string, id: string): Promise<void> {
    timer = null;
    try {
      const progress = await setupApi.formations.propagation(formationCode, id);
      if (current.value?.progress.id !== id) return;
      current.value = { formationCode, progress };
      if (progress.finished) return;
    } catch (err) {
      if (current.value?.progress.id !== id) return;
      if (err instanceof ApiError && !err.retryable) {
        error.value = err;
        return;
      }
    }
    timer = setTimeout(() => void poll(formationCode, id), POLL_MS);
  }

  /** Follows the propagation a formation's change answered (a finished one is only shown). */
  function follow(formationCode: string, progress: Propagation): void {
    stop();
    error.value = null;
    current.value = { formationCode, progress };
    if (!progress.finished) timer = setTimeout(() => void poll(formationCode, progress.id), POLL_MS);
  }

  /** Stops following and forgets it (the page is left, or another formation is changed). */
  function dismiss(): void {
    stop();
    current.value = null;
    error.value = null;
  }

  return { current, error, follow, dismiss };
});
