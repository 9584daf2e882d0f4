// Steps that look irreversible (out of service, an account disabled, an activation planned) are
// asked first in a DSFR modal (ConfirmDialog.vue); the focus then goes back to the button that asked
// (or stays where the step put it: a field in error).
import { nextTick, shallowRef } from 'vue';

export interface ConfirmRequest {
  title: string;
  text: string;
  confirmLabel: string;
  run: () => Promise<void> | void;
}

export function useConfirm() {
  const request = shallowRef<ConfirmRequest | null>(null);
  let origin: HTMLElement | null = null;

  function ask(r: ConfirmRequest, event?: Event): void {
    origin = event?.currentTarget instanceof HTMLElement ? event.currentTarget : document.activeElement instanceof HTMLElement ? document.activeElement : null;
    request.value = r;
  }
  /** Back to the button that asked, unless the step put the focus somewhere (a field in error). */
  const focusBack = () =>
    void nextTick(() => {
      const now = document.activeElement;
      if ((now === null || now === document.body || !now.isConnected) && origin?.isConnected) origin.focus();
    });
  /** Closed without doing it. */
  function cancel(): void {
    request.value = null;
    focusBack();
  }
  /** Confirmed: closes, runs the step, then the focus goes back. */
  async function confirm(): Promise<void> {
    const r = request.value;
    request.value = null;
    if (r) await r.run();
    focusBack();
  }
  return { request, ask, cancel, confirm };
}
export type Confirm = ReturnType<typeof useConfirm>;
