// What the "more actions" panels share (StaffTagsPanel, StaffPostItsPanel, StaffAdmissionDetailsPanel):
// the candidature view they work on — the page's (prop `view`) when it gives it, else read here; a
// write's answer replaces it —, one write at a time with its outcome (announced, or the refusal with
// its field errors), and readable colours for a tag.
import { computed, ref, watch } from 'vue';
import { announce } from '../../announcer.ts';
import { api, ApiError, type CandidatureView } from '../../api.ts';

export interface PanelProps {
  candidatureId: string;
  /** The page's view of the candidature, when it has one (saves a request). */
  view?: CandidatureView | null;
}

export function usePanelView(props: PanelProps) {
  const own = ref<CandidatureView | null>(null);
  const loadError = ref<unknown>(null);
  const given = () => (props.view && props.view.id === props.candidatureId ? props.view : null);
  /** The newest of the page's view and the last one this panel got. */
  const view = computed(() => {
    const page = given();
    const mine = own.value?.id === props.candidatureId ? own.value : null;
    return page && (!mine || page.seq >= mine.seq) ? page : mine;
  });
  async function load(): Promise<void> {
    if (given()) return;
    try {
      own.value = await api.staffCandidature(props.candidatureId);
      loadError.value = null;
    } catch (err) {
      loadError.value = err;
    }
  }
  watch(() => props.candidatureId, load, { immediate: true });
  const allowed = (action: string) => view.value?.allowedActions.includes(action) ?? false;
  return { view, loadError, allowed, replace: (v: CandidatureView) => (own.value = v) };
}

/** One write at a time: success announced (and kept for the panel's alert), a refusal kept with its field errors. */
export function usePanelAction(changed: () => void) {
  const busy = ref(false);
  const error = ref<unknown>(null);
  const fieldErrors = ref<Record<string, string>>({});
  const done = ref('');
  async function run<T>(write: () => Promise<T>, success: (result: T) => string): Promise<T | null> {
    if (busy.value) return null;
    busy.value = true;
    error.value = null;
    fieldErrors.value = {};
    done.value = '';
    try {
      const result = await write();
      done.value = success(result);
      announce(done.value);
      changed();
      return result;
    } catch (err) {
      error.value = err;
      fieldErrors.value = err instanceof ApiError ? err.fieldErrors() : {};
      return null;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, fieldErrors, done, run };
}
