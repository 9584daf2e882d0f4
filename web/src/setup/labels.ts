// Labels of the setup screens. A field is named by contracts/field-labels.ts (FIELD_LABELS: the same
// words as the API's error messages); the few fields it does not name yet fall back to the web
// catalogs' `setup.moreFields`. Codes (SIS types, profiles, modes) are labelled by the catalogs.
import { useI18n } from 'vue-i18n';
import { fieldLabel } from '../../../contracts/field-labels.ts';

export function useSetupLabels() {
  const { t, te, locale } = useI18n();
  const lang = (): 'fr' | 'en' => (locale.value === 'en' ? 'en' : 'fr');
  const coded = (group: string, code: string | null | undefined) => {
    if (!code) return t('app.none');
    const key = `setup.codes.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  /** The label of the field at a path (`applicationEndsOn`, `members.0.login`). */
  function field(path: string): string {
    const label = fieldLabel(path, lang());
    if (label !== path) return label;
    const name = path.split('.').pop() ?? path;
    const key = `setup.moreFields.${name}`;
    return te(key) ? t(key) : path;
  }
  return {
    field,
    /** "Libellé : ce champ est obligatoire." (a required field left empty, found before sending). */
    required: (path: string) => t('setup.form.required', { label: field(path) }),
    /** A Paris day (`YYYY-MM-DD`) as 01/09/2026, in tables. */
    day: (value: string | null | undefined) => (value ? value.split('-').reverse().join('/') : t('app.none')),
    sis: (code: string | null | undefined) => coded('sis', code),
    sendMailMode: (code: string | null | undefined) => coded('sendMailMode', code),
    alertMode: (code: string | null | undefined) => coded('alertMode', code),
    profile: (code: string | null | undefined) => coded('profile', code),
    traitement: (code: string | null | undefined) => (code && te(`labels.traitement.${code}`) ? t(`labels.traitement.${code}`) : (code ?? t('app.none'))),
  };
}
