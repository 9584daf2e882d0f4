// What a setup form adds to every form (form.ts): the fields sit in DSFR fieldsets and say their
// errors themselves (the focus goes to the first field in error, in the page's order; an error naming
// no field of the form is shown above it, components/form/ErrorSummary.vue small), the required
// fields checked before sending, the save of an object created or changed. The fields (FormInput,
// SetupSelect, SetupCheckbox…) take the form and their path: their id, label and error follow.
import { useForm, type FieldErrors } from '../form.ts';
import { useSetupLabels } from './labels.ts';

export type SetupForm = ReturnType<typeof useSetupForm>;

export function useSetupForm(idPrefix: string) {
  const L = useSetupLabels();
  const form = useForm({ idPrefix, summaryId: `${idPrefix}-error`, focus: 'field', layout: 'fieldset' });

  /** Shows the required fields left empty (before sending); false when there are some. */
  const checkRequired = (values: Record<string, unknown>, required: readonly string[]) => form.check(missingFields(values, required, L.required));

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
      const answer = await form.submit(() => (o.update ? o.update(changes(o.fields(), initial)) : o.create(o.fields())));
      if (answer.ok) o.saved(answer.value);
    }
    return () => {
      if (!checkRequired(o.values(), o.required)) return;
      if (o.ask) o.ask(send);
      else void send();
    };
  }

  return { ...form, checkRequired, objectSave };
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
