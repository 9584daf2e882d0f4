// What every setup list page shares: the form open (create, or edit one object), the success of the
// last save (a DSFR alert, announced), the focus (into the form when it opens, back to the button
// that opened it when it closes), "Mettre hors service" asked first, and the object being edited.
// SetupListPage.vue shows it all; a page holds only its own columns and form.
import { computed, nextTick, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { announce } from '../announcer.ts';
import { useErrorText } from '../errors.ts';
import { useConfirm, type Confirm } from './confirm.ts';

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
export type SetupList = ReturnType<typeof useSetupList>;

/** A row as the list shows it: its code (or name), label, state. */
export interface SetupRow {
  code: string;
  label: string;
  /** In service (or enabled); undefined: the object has no such state. */
  active?: boolean;
  /** The state's label when it is not "En service" / "Hors service". */
  state?: string;
  /** Shown instead of the row's actions (an archived campaign). */
  readOnly?: string;
  /** Opened to be read, not changed ("Consulter"). */
  viewOnly?: boolean;
}

/**
 * "Mettre hors service" (asked first) and "Remettre en service" of a list's rows; `keys`: the
 * catalog's texts (`setup.service`, or `setup.staff.service` for accounts), `question`: the text
 * of the confirmation.
 */
export function useServiceToggle(options: {
  list: SetupList;
  confirm: Confirm;
  update: (key: string, active: boolean) => Promise<unknown>;
  question: (row: { code: string; label: string }) => string;
  keys?: string;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const error = ref('');
  const keys = options.keys ?? 'setup.service';

  type Row = { code: string; label: string; active?: boolean; key?: string };
  async function apply(row: Row, active: boolean): Promise<void> {
    error.value = '';
    try {
      await options.update(row.key ?? row.code, active);
      options.list.done(t(`${keys}.${active ? 'on' : 'off'}.done`, { code: row.code, label: row.label }));
    } catch (err) {
      error.value = errorText(err);
    }
  }

  /** `key`: what the change is sent for when it is not the code shown (a tag's id). */
  function toggle(row: Row, event: Event): void {
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
  return { toggle, error, keys };
}

/**
 * A setup list page: its objects (`items`), how a row reads (`row`) and is keyed (`key`: a code, a
 * login, an id), the ids of its buttons (`<prefix>-create`, `<prefix>-edit-<key>`,
 * `<prefix>-service-<key>`) and its texts (`<texts>.title`, `.intro`, `.caption`, `.create`,
 * `.created`, `.saved`, `.outOfServiceText`). With `update`, rows go out of service (asked first)
 * and back.
 */
export function useSetupListPage<T>(options: {
  prefix: string;
  texts: string;
  items: () => T[];
  key: (item: T) => string;
  row: (item: T) => SetupRow;
  update?: (key: string, active: boolean) => Promise<unknown>;
  serviceKeys?: string;
  /** What "Modifier" does when the form needs more than the row (read first): it opens the form itself. */
  onEdit?: (item: T) => void;
}) {
  const { t } = useI18n();
  const { prefix, texts, key, row } = options;
  const list = useSetupList();
  const confirm = useConfirm();
  const byKey = (k: string) => options.items().find((x) => key(x) === k);
  const service = options.update
    ? useServiceToggle({
        list,
        confirm,
        keys: options.serviceKeys,
        update: options.update,
        question: (r) => t(`${texts}.outOfServiceText`, r),
      })
    : null;
  const edited = computed(() => {
    const k = list.editingKey();
    return k === null ? null : (byKey(k) ?? null);
  });
  const creating = computed(() => list.editing.value?.mode === 'create');
  const ids = {
    create: `${prefix}-create`,
    edit: (item: T) => `${prefix}-edit-${key(item)}`,
    service: (item: T) => `${prefix}-service-${key(item)}`,
  };

  /** A save went through: said, and the form closes — or, just created, goes on with the new object (`goOn`: its managers, its members…). */
  function saved(item: T, goOn = false): void {
    const message = t(`${texts}.${creating.value ? 'created' : 'saved'}`, { code: row(item).code });
    if (creating.value && goOn) list.created(key(item), ids.edit(item), message);
    else list.saved(message, creating.value ? ids.create : ids.edit(item));
  }

  return {
    texts,
    key,
    row,
    list,
    confirm,
    service,
    edited,
    creating,
    ids,
    saved,
    create: () => list.open({ mode: 'create' }, ids.create),
    edit: (item: T) => (options.onEdit ? options.onEdit(item) : list.open({ mode: 'edit', key: key(item) }, ids.edit(item))),
    toggle: (item: T, event: Event) => service?.toggle({ ...row(item), key: key(item) }, event),
  };
}
export type SetupListPage<T> = ReturnType<typeof useSetupListPage<T>>;
