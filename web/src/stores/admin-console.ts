import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConsoleOverview, StuckWorkflows } from '../../../contracts/admin.ts';
import { api, transition } from '../api.ts';

export interface RetryProgress {
  total: number;
  done: number;
  failed: number;
  running: boolean;
}

/**
 * The admin console (GET /api/admin/console/…): failed exports, failed and skipped mails, stuck
 * workflows; the retry of exports (the catalogue's retryExport, one after the other for a selection,
 * with its progress) and "send again" of a failed mail.
 */
export const useAdminConsoleStore = defineStore('adminConsole', () => {
  const overview = ref<ConsoleOverview | null>(null);
  const stuck = ref<StuckWorkflows | null>(null);
  const loading = ref(false);
  const stuckLoading = ref(false);
  const progress = ref<RetryProgress | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      overview.value = await api.consoleOverview();
    } finally {
      loading.value = false;
    }
  }

  /** The stuck workflows: asks Temporal about each running workflow with an export pending (slower). */
  async function loadStuck(): Promise<void> {
    stuckLoading.value = true;
    try {
      stuck.value = await api.consoleStuck();
    } finally {
      stuckLoading.value = false;
    }
  }

  async function retry(candidatureId: string): Promise<void> {
    await transition('admin', 'retryExport', candidatureId, {});
  }

  /** Retries the exports one after the other; a refusal is counted and the others go on. Answers the refused ones' errors. */
  async function retryMany(ids: string[]): Promise<unknown[]> {
    const errors: unknown[] = [];
    progress.value = { total: ids.length, done: 0, failed: 0, running: true };
    for (const id of ids) {
      try {
        await retry(id);
        progress.value.done++;
      } catch (err) {
        progress.value.failed++;
        errors.push(err);
      }
    }
    progress.value.running = false;
    await load();
    return errors;
  }

  async function resend(mailId: number): Promise<void> {
    await api.resendMail(mailId);
    await load();
  }

  return { overview, stuck, loading, stuckLoading, progress, load, loadStuck, retry, retryMany, resend };
});
