// What every form of the candidate portal shares (account creation, forgotten password, e-mail
// change…): the fields' ids, the error under each field, the error summary above the form (focused
// after a failed submit, each error a link to its field), the submission. A refusal's `errors` go
// under the fields they name (by the path's last segment: `email`, `body.password`), the others and
// a refusal naming no field go to the summary; what the person typed stays.
import { computed, nextTick, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { fieldLabel } from '../../../contracts/field-labels.ts';
import { ApiError } from '../api.ts';
import { useErrorText } from '../errors.ts';

export type FieldErrors = Record<string, string>;
export type PortalForm = ReturnType<typeof usePortalForm>;

/** A plausible e-mail address (the server checks it for good): something@domain.tld. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A form whose fields are `fields` (in the page's order). `labels` gives a field another label than
 * contracts/field-labels.ts (a field only the form has, e.g. the password confirmation).
 */
export function usePortalForm(idPrefix: string, fields: readonly string[], labels: Record<string, () => string> = {}) {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const errors = ref<FieldErrors>({});
  const formError = ref('');
  const sending = ref(false);

  const lang = (): 'fr' | 'en' => (locale.value === 'en' ? 'en' : 'fr');
  const fieldId = (field: string) => `${idPrefix}-${field}`;
  const summaryId = `${idPrefix}-summary`;
  const label = (field: string) => labels[field]?.() ?? fieldLabel(field, lang());
  /** "Adresse e-mail : ce champ est obligatoire." */
  const said = (field: string, message: string) => `${label(field)}${lang() === 'fr' ? '\u00a0: ' : ': '}${message}`;

  /** The errors in the page's order, for the summary. */
  const summary = computed(() => fields.filter((f) => errors.value[f]).map((f) => ({ field: f, id: fieldId(f), message: errors.value[f]! })));
  const failed = computed(() => summary.value.length > 0 || formError.value !== '');

  async function focusSummary(): Promise<void> {
    await nextTick();
    document.getElementById(summaryId)?.focus();
  }

  /** Shows the errors found before sending; false (and the summary focused) when there are some. */
  function check(found: FieldErrors): boolean {
    errors.value = found;
    formError.value = '';
    if (Object.keys(found).length === 0) return true;
    void focusSummary();
    return false;
  }

  /** Errors of the usual checks: the required fields left empty, the e-mail fields that are not addresses. */
  function basicErrors(values: Record<string, string>, o: { required: readonly string[]; emails?: readonly string[] }): FieldErrors {
    const out: FieldErrors = {};
    for (const f of o.required) if (!(values[f] ?? '').trim()) out[f] = said(f, t('portal.form.required'));
    for (const f of o.emails ?? []) if (!out[f] && !EMAIL_SHAPE.test((values[f] ?? '').trim())) out[f] = said(f, t('portal.form.email'));
    return out;
  }

  /** The form's field an API error's path names (its last segment), or null. */
  const fieldOf = (path: string): string | null => {
    const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
    return fields.includes(last) ? last : null;
  };

  /** Runs the call; a refusal is shown (under its fields and in the summary, focused). Answers the call's answer, or undefined when refused. */
  async function submit<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    errors.value = {};
    formError.value = '';
    sending.value = true;
    try {
      return { ok: true, value: await call() };
    } catch (err) {
      const shown: FieldErrors = {};
      const elsewhere: string[] = [];
      if (err instanceof ApiError)
        for (const e of err.problem.errors ?? []) {
          const field = fieldOf(e.field);
          if (field) shown[field] ??= e.message;
          else elsewhere.push(e.message);
        }
      errors.value = shown;
      if (Object.keys(shown).length === 0) formError.value = errorText(err);
      else if (elsewhere.length) formError.value = elsewhere.join(' ');
      await focusSummary();
      return { ok: false, error: err };
    } finally {
      sending.value = false;
    }
  }

  /** Shows a message of the form's own (not about one field) in the summary, focused. */
  async function fail(message: string): Promise<void> {
    errors.value = {};
    formError.value = message;
    await focusSummary();
  }

  return { idPrefix, errors, formError, sending, summary, failed, fieldId, summaryId, label, said, lang, check, basicErrors, submit, fail };
}
