// What every setup form shares: the fields' ids, the errors shown under them, the form's own error,
// the submission. A 400 or 409 answer's `errors` go under their fields (by path: `code`,
// `applicationEndsOn`, `0.login`), the focus goes to the first field in error (in the page's order)
// and what the person typed stays; an error naming no field of the form is shown above it.
// The fields (SetupInput, SetupSelect, SetupCheckbox…) take the form and their path: their id, label
// and error follow.
import { nextTick, ref } from 'vue';
import { ApiError } from '../api.ts';
import { useErrorText } from '../errors.ts';
import { useSetupLabels } from './labels.ts';

export type FieldErrors = Record<string, string>;
export type SetupForm = ReturnType<typeof useSetupForm>;

export function useSetupForm(idPrefix: string) {
  const errorText = useErrorText();
  const L = useSetupLabels();
  const errors = ref<FieldErrors>({});
  const formError = ref('');
  const saving = ref(false);

  /** The id of the field at a path (`formation-applicationEndsOn`, `members-0-login`). */
  const fieldId = (path: string) => `${idPrefix}-${path.replace(/[./]/g, '-')}`;
  const errorBoxId = `${idPrefix}-error`;

  /** Focuses the first field in error (a group: its first control), else the form's error. */
  async function focusFirstError(): Promise<void> {
    await nextTick();
    const fields = Object.keys(errors.value)
      .map((path) => document.getElementById(fieldId(path)))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const first = fields[0];
    const target = first?.matches('input, select, textarea') ? first : (first?.querySelector<HTMLElement>('input, select, textarea') ?? first);
    (target ?? document.getElementById(errorBoxId))?.focus();
  }

  /** Shows errors found before sending (required fields left empty); false when there are some. */
  function check(found: FieldErrors): boolean {
    errors.value = found;
    formError.value = '';
    if (Object.keys(found).length === 0) return true;
    void focusFirstError();
    return false;
  }

  /** The form's field an error's path names: the path, or its end (`dates.juryOn` → `juryOn`); null when none is in the form. */
  function fieldOf(path: string): string | null {
    const parts = path.split('.');
    for (let i = 0; i < parts.length; i++) {
      const field = parts.slice(i).join('.');
      if (document.getElementById(fieldId(field))) return field;
    }
    return null;
  }

  /** Runs the call; its refusal is shown (under the fields it names). Answers the call's answer, or undefined when refused. */
  async function submit<T>(call: () => Promise<T>): Promise<T | undefined> {
    errors.value = {};
    formError.value = '';
    saving.value = true;
    try {
      return await call();
    } catch (err) {
      const shown: FieldErrors = {};
      const elsewhere: string[] = [];
      if (err instanceof ApiError)
        for (const e of err.problem.errors ?? []) {
          const field = fieldOf(e.field);
          if (field !== null) shown[field] ??= e.message;
          else elsewhere.push(e.message);
        }
      errors.value = shown;
      if (Object.keys(shown).length === 0 || elsewhere.length) formError.value = elsewhere.length ? elsewhere.join(' ') : errorText(err);
      await focusFirstError();
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  /** Shows the required fields left empty (before sending); false when there are some. */
  const checkRequired = (values: Record<string, unknown>, required: readonly string[]) => check(missingFields(values, required, L.required));

  /**
   * The save of a form that creates an object or changes one: the required fields checked, then (when
   * `ask` agrees: a confirmation) the creation, or only the fields changed since the form opened.
   */
  function objectSave<F extends Record<string, unknown>, V>(o: {
    fields: () => F;
    values: () => Record<string, unknown>;
    required: readonly string[];
    create: (fields: F) => Promise<V>;
    /** Null while creating. */
    update: ((changed: Partial<F>) => Promise<V>) | null;
    saved: (answer: V) => void;
    ask?: (send: () => Promise<void>) => void;
  }): () => void {
    const initial = o.fields();
    async function send(): Promise<void> {
      const answer = await submit(() => (o.update ? o.update(changes(o.fields(), initial)) : o.create(o.fields())));
      if (answer !== undefined) o.saved(answer);
    }
    return () => {
      if (!checkRequired(o.values(), o.required)) return;
      if (o.ask) o.ask(send);
      else void send();
    };
  }

  return { idPrefix, errors, formError, saving, fieldId, errorBoxId, check, checkRequired, submit, objectSave };
}

/** A text field's value for the API: trimmed, null when empty. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A number field's value: null when empty, a number when it reads as one, else the text (the API names the field). */
export function numberOrNull(value: string): number | null {
  const s = value.trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : (s as unknown as number);
}

/** A value of a view as a text field shows it. */
export const text = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The fields whose value differs from the object's (a change sends only those). */
export function changes<T extends Record<string, unknown>>(now: T, before: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(now) as (keyof T)[]) if (JSON.stringify(now[key] ?? null) !== JSON.stringify(before[key] ?? null)) out[key] = now[key];
  return out;
}

/** The required fields left empty, each with its message ("Libellé : ce champ est obligatoire."). */
export function missingFields(values: Record<string, unknown>, required: readonly string[], message: (field: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const field of required) {
    const v = values[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) out[field] = message(field);
  }
  return out;
}
