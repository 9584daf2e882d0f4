// Naming the candidate's file for staff: a field's label (contracts/field-labels.ts, in the reader's
// language) and a code with its referential label ("France (100)"), as the file's `labels` give them.
import { useI18n } from 'vue-i18n';
import { fieldLabel } from '../../../../contracts/field-labels.ts';
import type { StaffFile } from '../../../../contracts/staff-file.ts';

export function useFileLabels(file: () => StaffFile) {
  const { t, locale } = useI18n();
  return {
    /** The field's label: `field('person.nationalityCode')` → "Nationalité". */
    field: (path: string) => fieldLabel(path, locale.value as 'fr' | 'en'),
    /** A code with its label when the referential has one; "Non renseigné" without a code. */
    coded: (path: string, code: string | null | undefined) => {
      if (!code) return t('staffFile.none');
      const label = file().profile.labels[path];
      return label ? `${label} (${code})` : code;
    },
    /** A plain value, or "Non renseigné". */
    text: (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? t('staffFile.none') : String(value)),
  };
}
