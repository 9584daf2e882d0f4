// Labels of the setup screens. A field is named by contracts/field-labels.ts (FIELD_LABELS: the same
// words as the API's error messages, one source for both). Codes (SIS types, profiles, modes) are
// labelled by the catalogs.
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
  const field = (path: string): string => fieldLabel(path, lang());
  /** An object's label in the reader's language (its English one when it has one). */
  const named = (x: { label: string; labelEn?: string | null }) => (lang() === 'en' && x.labelEn) || x.label;
  const traitement = (code: string | null | undefined) => (code && te(`labels.traitement.${code}`) ? t(`labels.traitement.${code}`) : (code ?? t('app.none')));
  return {
    lang,
    field,
    named,
    /** "Libellé : ce champ est obligatoire." (a required field left empty, found before sending). */
    required: (path: string) => t('setup.form.required', { label: field(path) }),
    /** A Paris day (`YYYY-MM-DD`) as 01/09/2026, in tables. */
    day: (value: string | null | undefined) => (value ? value.split('-').reverse().join('/') : t('app.none')),
    sis: (code: string | null | undefined) => coded('sis', code),
    sendMailMode: (code: string | null | undefined) => coded('sendMailMode', code),
    alertMode: (code: string | null | undefined) => coded('alertMode', code),
    profile: (code: string | null | undefined) => coded('profile', code),
    /** A profile: the catalog's label of the reference's own, else the one it was given. */
    profileLabel: (p: { code: string; label: string }) => (te(`setup.codes.profile.${p.code}`) ? t(`setup.codes.profile.${p.code}`) : p.label),
    profileKind: (kind: string) => coded('profileKind', kind),
    questionType: (code: string) => coded('questionType', code),
    opinionKind: (code: string) => (te(`labels.opinionKind.${code}`) ? t(`labels.opinionKind.${code}`) : code),
    traitement,
    /** Who an item is asked of (a supporting document, a question): every formation or those listing it, conditional, for one traitement, of one centre. */
    asked: (x: { isCommon: boolean; isConditional: boolean; traitement?: string | null; centreCode: string | null }) =>
      [
        t(x.isCommon ? 'setup.asked.all' : 'setup.asked.listed'),
        x.isConditional ? t('setup.asked.conditional') : '',
        x.traitement ? t('setup.asked.traitement', { traitement: traitement(x.traitement) }) : '',
        x.centreCode ? t('setup.asked.centre', { code: x.centreCode }) : '',
      ]
        .filter(Boolean)
        .join(', '),
    /** The centre owning an object, or scolarité centrale. */
    owner: (centreCode: string | null) => centreCode ?? t('setup.list.central'),
  };
}
