// What every setup list page shares: the form open (create, or edit one object), the success of the
// last save (a DSFR alert, announced), and the focus: into the form when it opens, back to the
// button that opened it when it closes.
import { nextTick, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { announce } from '../announcer.ts';
import { useErrorText } from '../errors.ts';
import type { Confirm } from './confirm.ts';

export type Editing = { mode: 'create' } | { mode: 'edit'; key: string };

export function useSetupList() {
  const editing = ref<Editing | null>(null);
  const success = ref('');
  let openerId: string | null = null;

  function open(target: Editing, fromId: string): void {
    success.value = '';
    openerId = fromId;
    editing.value = target;
  }
  function close(focusId: string | null = openerId): void {
    editing.value = null;
    openerId = null;
    if (focusId) void nextTick(() => document.getElementById(focusId)?.focus());
  }
  /** A save went through: the form closes, the list (already read again by the store) shows it. */
  function saved(message: string, focusId?: string): void {
    success.value = message;
    announce(message);
    close(focusId ?? openerId);
  }
  /** Created: the form goes on with the new object (its managers, its members…). */
  function created(key: string, fromId: string, message: string): void {
    open({ mode: 'edit', key }, fromId);
    done(message);
  }
  /** A step done from the list (out of service…): said the same way. */
  function done(message: string): void {
    success.value = message;
    announce(message);
  }
  const editingKey = () => (editing.value?.mode === 'edit' ? editing.value.key : null);
  return { editing, success, open, close, saved, created, done, editingKey };
}

/**
 * "Mettre hors service" (asked first) and "Remettre en service" of a list's rows; `keys`: the
 * catalog's texts (`setup.service`, or `setup.staff.service` for accounts), `text`: the question.
 */
export function useServiceToggle(options: {
  list: ReturnType<typeof useSetupList>;
  confirm: Confirm;
  update: (code: string, active: boolean) => Promise<unknown>;
  question: (row: { code: string; label: string }) => string;
  keys?: string;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const error = ref('');
  const keys = options.keys ?? 'setup.service';

  async function apply(row: { code: string; label: string }, active: boolean): Promise<void> {
    error.value = '';
    try {
      await options.update(row.code, active);
      options.list.done(t(`${keys}.${active ? 'on' : 'off'}.done`, { code: row.code, label: row.label }));
    } catch (err) {
      error.value = errorText(err);
    }
  }

  function toggle(row: { code: string; label: string; active: boolean }, event: Event): void {
    if (!row.active) return void apply(row, true);
    options.confirm.ask(
      {
        title: t(`${keys}.off.title`, { code: row.code }),
        text: options.question(row),
        confirmLabel: t(`${keys}.off.confirm`),
        run: () => apply(row, false),
      },
      event,
    );
  }
  return { toggle, error };
}
