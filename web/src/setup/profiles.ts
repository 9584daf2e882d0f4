// A profile's rights as the profiles screen edits them: each functionality in none, read or write
// (the API's list holds those in read or write, with `readOnly`). Functionality labels: the API's
// (French, the reference's words) or, in English, ours.
import type { Functionality } from '../../../domain/codes.ts';
import type { FunctionalityView, ProfileRights, ProfileView } from '../setup-api.ts';

export const RIGHT_LEVELS = ['none', 'read', 'write'] as const;
export type RightLevel = (typeof RIGHT_LEVELS)[number];

/** Every functionality's level in a profile (none when it does not hold it). */
export function levelsOf(functionalities: readonly FunctionalityView[], profile: ProfileView | null): Record<string, RightLevel> {
  const held = new Map(profile?.functionalities.map((f) => [f.code, f.readOnly ? 'read' : 'write'] as const));
  return Object.fromEntries(functionalities.map((f) => [f.code, held.get(f.code) ?? 'none']));
}

/** The rights sent: those in read or write, in the functionalities' order. */
export function rightsOf(functionalities: readonly FunctionalityView[], levels: Record<string, RightLevel>): ProfileRights {
  return functionalities.filter((f) => (levels[f.code] ?? 'none') !== 'none').map((f) => ({ code: f.code, readOnly: levels[f.code] === 'read' }));
}

const ENGLISH: Record<Functionality, string> = {
  PARAMETRAGE: 'Setup screen',
  STATISTIQUES: 'Dashboard screen',
  GEST_COMMISSION: 'Commissions screen',
  GEST_PJ: 'Supporting documents screen',
  GEST_FORMULAIRE: 'Forms screen',
  GEST_QUESTION: 'Questions screen',
  GEST_FORMATION: 'Programmes screen',
  GEST_CANDIDATURE: 'Applications screen',
  GEST_PARAM_CC: 'Decision settings screens',
  GEST_FEN_CAND: 'Handle an application',
  GEST_POST_IT: 'Handle the notepad',
  EDIT_TYPTRAIT: 'Enter processing types',
  VALID_TYPTRAIT: 'Validate processing types',
  EDIT_STATUT_DOSSIER: 'Enter the file status',
  EDIT_AVIS: 'Enter opinions',
  VALID_AVIS: 'Validate opinions',
  VISU_HISTO_AVIS: 'Open the history of opinions',
  GEST_NUM_OPI: 'Enter the OPI code',
  GEST_TAG: 'Enter tags',
  GEST_DAT_CONFIRM: 'Enter the confirmation date',
  GEST_DAT_RETOUR: 'Enter the return date',
  GEST_REGIME: 'Enter the régime',
  GEST_MONTANT: 'Enter registration fees',
};

/** A functionality's label in the reader's language. */
export const functionalityLabel = (f: FunctionalityView, locale: string): string => (locale === 'en' ? (ENGLISH[f.code] ?? f.label) : f.label);
