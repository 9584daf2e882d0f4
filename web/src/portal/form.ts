// What a form of the candidate portal adds to every form (form.ts): its fields listed in the page's
// order (a refusal's errors go under the fields they name, the others to the summary, focused after a
// failed submit), the usual checks before sending (required fields, e-mail addresses) and their
// messages naming the field ("Adresse e-mail : ce champ est obligatoire.").
import { useI18n } from 'vue-i18n';
import { useForm, type FieldErrors } from '../form.ts';

export type PortalForm = ReturnType<typeof usePortalForm>;

/** A plausible e-mail address (the server checks it for good): something@domain.tld. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A form whose fields are `fields` (in the page's order). `labels` gives a field another label than
 * contracts/field-labels.ts (a field only the form has, e.g. the password confirmation).
 */
export function usePortalForm(idPrefix: string, fields: readonly string[], labels: Record<string, () => string> = {}) {
  const { t } = useI18n();
  const form = useForm({ idPrefix, fields, labels });

  /** "Adresse e-mail : ce champ est obligatoire." */
  const said = (field: string, message: string) => `${form.label(field)}${form.lang() === 'fr' ? '\u00a0: ' : ': '}${message}`;

  /** Errors of the usual checks: the required fields left empty, the e-mail fields that are not addresses. */
  function basicErrors(values: Record<string, string>, o: { required: readonly string[]; emails?: readonly string[] }): FieldErrors {
    const out: FieldErrors = {};
    for (const f of o.required) if (!(values[f] ?? '').trim()) out[f] = said(f, t('portal.form.required'));
    for (const f of o.emails ?? []) if (!out[f] && !EMAIL_SHAPE.test((values[f] ?? '').trim())) out[f] = said(f, t('portal.form.email'));
    return out;
  }

  return { ...form, said, basicErrors };
}
