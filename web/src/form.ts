// What every form of the app shares (setup, the candidate portal, the candidate's file): the fields'
// ids and labels, the errors shown under them, the form's own error, the error summary
// (components/form/ErrorSummary.vue), the submission. A refusal's `errors` (api/problem.ts) go under
// the fields they name — by path, or its end (`body.password` → `password`, `dates.juryOn` →
// `juryOn`) — the others, and a refusal naming no field, are the form's own error; what the person
// typed stays. After a failed submit the focus goes to the summary, or (a form whose fields say their
// errors themselves) to the first field in error. The fields (components/form/FormInput.vue, the
// selects…) take the form and their path: their id, label and error follow.
import { computed, nextTick, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { fieldLabel } from '../../contracts/field-labels.ts';
import { ApiError } from './api.ts';
import { useErrorText } from './errors.ts';

export type FieldErrors = Record<string, string>;
export type Form = ReturnType<typeof useForm>;
export type SubmitResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface FormOptions {
  /** The prefix of the ids: the form's (`${idPrefix}-form`), its fields' (`account-email`, `members-0-login`). */
  idPrefix: string;
  /** The form's fields in the page's order; without them, the fields are those in the page (found by id). */
  fields?: readonly string[];
  /** Other labels than contracts/field-labels.ts (a field only the form has, e.g. a password confirmation). */
  labels?: Record<string, () => string>;
  /** The id of a field's control, when not `${idPrefix}-${path, "." and "/" as "-"}`. */
  fieldId?: (field: string) => string;
  /** The error summary's id (`${idPrefix}-summary` by default). */
  summaryId?: string;
  /** Where the focus goes after a failed submit: the summary (default), the first field in error, or stays (the page says it). */
  focus?: 'summary' | 'field' | 'none';
  /** How its text fields sit: each a DSFR fieldset element (setup), one under the other (portal), laid out by the page (a grid). */
  layout?: 'fieldset' | 'stack' | 'plain';
  /** The fields another source gave (read-only, e.g. the SIS), and the hint that says so. */
  locked?: () => ReadonlySet<string>;
  lockedHint?: () => string;
}

const CONTROL = 'input, select, textarea';

/** Focuses the control with that id (or the first one inside it, e.g. a group); `center`: in the middle of the view. */
export function focusField(id: string, center = false): void {
  const el = document.getElementById(id);
  const target = el?.matches(CONTROL) ? el : (el?.querySelector<HTMLElement>(CONTROL) ?? el);
  target?.focus();
  if (center) target?.scrollIntoView({ block: 'center' });
}

export function useForm(o: FormOptions) {
  const { locale } = useI18n();
  const errorText = useErrorText();
  const errors = ref<FieldErrors>({});
  const formError = ref('');
  const saving = ref(false);

  const idPrefix = o.idPrefix;
  const layout = o.layout ?? 'stack';
  const lang = (): 'fr' | 'en' => (locale.value === 'en' ? 'en' : 'fr');
  /** The id of the field at a path (`formation-applicationEndsOn`, `members-0-login`, `profile-person-birthName`). */
  const fieldId = o.fieldId ?? ((path: string) => `${idPrefix}-${path.replace(/[./]/g, '-')}`);
  const summaryId = o.summaryId ?? `${idPrefix}-summary`;
  const label = (field: string) => o.labels?.[field]?.() ?? fieldLabel(field, lang());
  const locked = (field: string) => o.locked?.().has(field) ?? false;
  const lockedHint = () => o.lockedHint?.();

  /** The errors in the page's order, each with its field's id: the summary's links. */
  const summary = computed(() => Object.entries(errors.value).map(([field, message]) => ({ field, id: fieldId(field), message })));
  const failed = computed(() => summary.value.length > 0 || formError.value !== '');

  /** The errors in the page's order: the fields' list, else where the fields stand (those not shown last). */
  function inPageOrder(found: FieldErrors): FieldErrors {
    const fields = o.fields;
    const rank = (f: string) => (fields!.includes(f) ? fields!.indexOf(f) : fields!.length);
    const byPlace = (a: string, b: string): number => {
      const x = document.getElementById(fieldId(a));
      const y = document.getElementById(fieldId(b));
      if (!x || !y) return Number(!x) - Number(!y);
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    };
    const keys = Object.keys(found).sort(fields ? (a, b) => rank(a) - rank(b) : byPlace);
    return Object.fromEntries(keys.map((k) => [k, found[k]!]));
  }

  /** After a failed submit: the summary focused, or the first field in error (else the summary). */
  async function focusError(): Promise<void> {
    await nextTick();
    if (o.focus === 'none') return;
    if (o.focus === 'field') {
      const first = Object.keys(errors.value).find((f) => document.getElementById(fieldId(f)));
      if (first !== undefined) return focusField(fieldId(first));
    }
    document.getElementById(summaryId)?.focus();
  }

  function clear(): void {
    errors.value = {};
    formError.value = '';
  }

  /** Shows errors found before sending (required fields left empty…); false (and the focus moved) when there are some. */
  function check(found: FieldErrors): boolean {
    errors.value = inPageOrder(found);
    formError.value = '';
    if (Object.keys(found).length === 0) return true;
    void focusError();
    return false;
  }

  /** The form's field an error's path names: the path or its end (without `body.`); null when the form has none. */
  function fieldOf(path: string): string | null {
    const parts = path.split(/[./]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    for (let i = 0; i < parts.length; i++) {
      const field = parts.slice(i).join('.');
      if (o.fields ? o.fields.includes(field) : document.getElementById(fieldId(field))) return field;
    }
    return null;
  }

  /** Shows a refusal: its errors under the fields they name, the others as the form's own error; then the focus. */
  async function refuse(err: unknown): Promise<void> {
    const shown: FieldErrors = {};
    const elsewhere: string[] = [];
    if (err instanceof ApiError)
      for (const e of err.problem.errors ?? []) {
        const field = fieldOf(e.field);
        if (field !== null) shown[field] ??= e.message;
        else elsewhere.push(e.message);
      }
    errors.value = inPageOrder(shown);
    formError.value = elsewhere.length ? elsewhere.join(' ') : Object.keys(shown).length ? '' : errorText(err);
    await focusError();
  }

  /** Runs the call; its refusal is shown. Answers the call's answer, or the refusal. */
  async function submit<T>(call: () => Promise<T>): Promise<SubmitResult<T>> {
    clear();
    saving.value = true;
    try {
      return { ok: true, value: await call() };
    } catch (err) {
      await refuse(err);
      return { ok: false, error: err };
    } finally {
      saving.value = false;
    }
  }

  /** Shows a message of the form's own (not about one field), focused. */
  async function fail(message: string): Promise<void> {
    errors.value = {};
    formError.value = message;
    await focusError();
  }

  return { idPrefix, layout, errors, formError, saving, summary, failed, fieldId, summaryId, label, lang, locked, lockedHint, clear, check, submit, fail };
}
