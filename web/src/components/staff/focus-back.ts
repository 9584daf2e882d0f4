// Where a dialog's focus goes back when it closes: the control that opened it, or — when the new
// state no longer offers that control — the outcome's message (StaffOutcome.vue).
export function focusBack(origin: () => HTMLElement | null) {
  return {
    focus: () => {
      const o = origin();
      if (o?.isConnected) o.focus();
      else document.getElementById('staff-action-done')?.focus();
    },
  };
}

/** The control an event came from. */
export const originOf = (event: Event): HTMLElement | null => (event.currentTarget instanceof HTMLElement ? event.currentTarget : null);
