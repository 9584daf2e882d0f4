// The candidature a staff member has open (web/src/pages/StaffCandidaturePage.vue and the panels of
// web/src/components/staff/): its view (GET /api/staff/candidatures/{id}), the candidate's whole file
// (GET /api/staff/candidatures/{id}/file), and the transitions run on it one at a time. A transition
// answers the new view; the file (documents' statuses, opinion history) is read again behind it.
// The outcome of the last action (success text, or the refusal with its field errors) is kept for
// the page to show and focus (components/staff/StaffOutcome.vue), with the control it came from.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { StaffFile } from '../../../contracts/staff-file.ts';
import { announce } from '../announcer.ts';
import { api, ApiError, type CandidatureView } from '../api.ts';

export type Outcome =
  | { type: 'success'; text: string; origin: HTMLElement | null; seq: number }
  | { type: 'error'; error: unknown; fieldErrors: Record<string, string>; seq: number };

export const useStaffCandidatureStore = defineStore('staff-candidature', () => {
  const id = ref<string | null>(null);
  const view = ref<CandidatureView | null>(null);
  const file = shallowRef<StaffFile | null>(null);
  const notFound = ref(false);
  const loadError = ref<unknown>(null);
  const fileError = ref<unknown>(null);
  const busy = ref(false);
  const outcome = shallowRef<Outcome | null>(null);
  let seq = 0;

  const allowed = (action: string) => view.value?.allowedActions.includes(action) ?? false;
  /** A decision type's label in the reader's language as the file gives it (null when the file has none for it). */
  const decisionLabel = (code: string) => file.value?.opinions.find((o) => o.decisionType === code)?.decisionTypeLabel ?? null;
  /** The opinions not deleted, oldest first; the last one entered. */
  const liveOpinions = computed(() => (view.value?.opinions ?? []).filter((o) => !o.deletedAt));
  const lastEntered = computed(() => liveOpinions.value[liveOpinions.value.length - 1] ?? null);

  async function loadView(): Promise<void> {
    const wanted = id.value;
    if (!wanted) return;
    loadError.value = null;
    try {
      const v = await api.staffCandidature(wanted);
      if (id.value !== wanted) return;
      view.value = v;
      notFound.value = false;
    } catch (err) {
      if (id.value !== wanted) return;
      if (err instanceof ApiError && err.status === 404) notFound.value = true;
      else loadError.value = err;
    }
  }

  async function loadFile(): Promise<void> {
    const wanted = id.value;
    if (!wanted) return;
    try {
      const f = await api.staffFile(wanted);
      if (id.value !== wanted) return;
      file.value = f;
      fileError.value = null;
    } catch (err) {
      if (id.value === wanted) fileError.value = err;
    }
  }

  /** Opens a candidature (the view and the file, side by side). */
  async function open(next: string): Promise<void> {
    if (id.value !== next) {
      id.value = next;
      view.value = null;
      file.value = null;
      notFound.value = false;
      fileError.value = null;
      outcome.value = null;
    }
    await Promise.all([loadView(), loadFile()]);
  }

  /** Reads both again; answers whether the view came. */
  async function refresh(): Promise<boolean> {
    await Promise.all([loadView(), loadFile()]);
    return !!view.value && !loadError.value;
  }

  /**
   * Runs a transition (one at a time): success shows and announces `done`; a refusal keeps the
   * error and its field errors (keyed by `formField`). Answers whether it succeeded.
   */
  async function act(run: (id: string) => Promise<CandidatureView>, done: string, formField?: (path: string) => string | undefined): Promise<boolean> {
    if (busy.value || !view.value) return false;
    busy.value = true;
    const origin = document.activeElement instanceof HTMLElement ? markRaw(document.activeElement) : null;
    outcome.value = null;
    try {
      view.value = await run(view.value.id);
      outcome.value = { type: 'success', text: done, origin, seq: ++seq };
      announce(done);
      void loadFile();
      return true;
    } catch (err) {
      outcome.value = { type: 'error', error: err, fieldErrors: err instanceof ApiError ? err.fieldErrors(formField) : {}, seq: ++seq };
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { id, view, file, notFound, loadError, fileError, busy, outcome, allowed, decisionLabel, liveOpinions, lastEntered, open, refresh, loadFile, act };
});
