// One action of the candidate on one item of the candidature (a document, a question): one action at
// a time on the page (store.busy), the answer's view applied, the result shown under the item and
// announced, the view read again after a refusal, and the focus back on the item's heading (the
// button pressed may be gone). Shared by the documents and the questions.
import { nextTick, ref, watch } from 'vue';
import type { CandidatureView } from '../../api.ts';
import { announce } from '../../announcer.ts';
import { useErrorText } from '../../errors.ts';
import { useCandidatureStore } from '../../stores/candidature.ts';

export interface ItemMessage {
  code: string;
  type: 'success' | 'error';
  text: string;
}

export function useItemAction(kind: 'piece' | 'question', headingId: (code: string) => string) {
  const store = useCandidatureStore();
  const errorText = useErrorText();
  const message = ref<ItemMessage | null>(null);

  // A change from elsewhere (a decision, an item checked by the commission): the last message is stale.
  watch(
    () => store.remoteChanges,
    () => (message.value = null),
  );

  /** Runs the call for this item; true when it went through. `after` runs once it is over, either way. */
  async function act(code: string, call: () => Promise<CandidatureView>, done: string, after?: () => void): Promise<boolean> {
    if (store.busy) return false;
    store.busy = `${kind}:${code}`;
    message.value = null;
    try {
      store.apply(await call());
      message.value = { code, type: 'success', text: done };
      announce(done);
      return true;
    } catch (err) {
      message.value = { code, type: 'error', text: errorText(err) };
      void store.reload();
      return false;
    } finally {
      store.busy = null;
      after?.();
      await nextTick();
      document.getElementById(headingId(code))?.focus();
    }
  }

  return { message, act };
}
