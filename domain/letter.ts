// Which letter a candidature gives (reference §3.2 "Letters", CandidatureController.getTypeLettre):
// the admission letter for a published favourable decision (not cancelled, not withdrawn, and
// confirmed first when DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM), the refusal letter for a published
// unfavourable one; none otherwise. Downloading is blocked globally by TECH_IS_BLOC_LETTRE and per
// commission by its letter setting. Pure: the API and the mail activity apply it.
import type { ConfirmationAnswer, OpinionKind, Stage } from './codes.ts';

export type LetterKind = 'admission' | 'refusal';

/** Why no letter is given (each has its message in the reader's language). */
export type NoLetterReason = 'no-decision' | 'no-letter-for-decision' | 'withdrawn' | 'not-confirmed-yet' | 'blocked' | 'commission-forbids';

export interface LetterFacts {
  stage: Stage;
  /** The published (validated) opinion the candidate sees, or null. */
  published: { kind: OpinionKind } | null;
  answer: ConfirmationAnswer | null;
}

export interface LetterSettings {
  /** TECH_IS_BLOC_LETTRE. */
  blocked: boolean;
  /** DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM. */
  admissionAfterConfirmation: boolean;
  /** The commission's setting: downloadable (for a download) or attached to the mail (for the mail). */
  allowedByCommission: boolean;
}

/** The letter of this candidature, or why there is none. */
export function letterFor(facts: LetterFacts, settings: LetterSettings): { kind: LetterKind } | { refused: NoLetterReason } {
  const kind = letterKindOf(facts, settings.admissionAfterConfirmation);
  if ('refused' in kind) return kind;
  if (settings.blocked) return { refused: 'blocked' };
  if (!settings.allowedByCommission) return { refused: 'commission-forbids' };
  return kind;
}

function letterKindOf(facts: LetterFacts, afterConfirmation: boolean): { kind: LetterKind } | { refused: NoLetterReason } {
  if (!facts.published || facts.stage === 'cancelled') return { refused: 'no-decision' };
  if (facts.published.kind === 'DE') return { kind: 'refusal' };
  if (facts.published.kind !== 'FA') return { refused: 'no-letter-for-decision' };
  if (facts.answer === 'withdrawn' || facts.stage === 'withdrawn') return { refused: 'withdrawn' };
  if (afterConfirmation && facts.answer !== 'confirmed') return { refused: 'not-confirmed-yet' };
  return { kind: 'admission' };
}

export const NO_LETTER_MESSAGES: Record<NoLetterReason, { fr: string; en: string }> = {
  'no-decision': {
    fr: "Aucune décision n'est encore publiée pour cette candidature : la lettre sera disponible après la publication de la décision.",
    en: 'No decision has been published for this application yet: the letter will be available once the decision is published.',
  },
  'no-letter-for-decision': {
    fr: "La décision publiée (liste d'attente, liste complémentaire ou présélection) ne donne pas lieu à une lettre : seules l'admission et le refus en ont une.",
    en: 'The published decision (waiting list, complementary list or preselection) comes with no letter: only an admission or a refusal has one.',
  },
  withdrawn: {
    fr: "Vous vous êtes désisté(e) de cette formation : la lettre d'admission n'est plus disponible.",
    en: 'You withdrew from this formation: the admission letter is no longer available.',
  },
  'not-confirmed-yet': {
    fr: "La lettre d'admission sera disponible après la confirmation de votre candidature.",
    en: 'The admission letter will be available once you confirm your application.',
  },
  blocked: {
    fr: "Le téléchargement des lettres est suspendu par l'établissement pour le moment.",
    en: 'The institution has suspended letter downloads for the time being.',
  },
  'commission-forbids': {
    fr: 'La commission de cette formation ne propose pas le téléchargement de la lettre : elle vous parvient par un autre moyen.',
    en: "This formation's commission does not offer the letter for download: it reaches you by other means.",
  },
};
