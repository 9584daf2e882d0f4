// What an opinion must come with (reference §3.2.8): a motive for an unfavourable opinion (DE), a rank
// for the complementary list (LC), an interview for a preselection (PR), and no rank or interview for
// another kind. Defined once: the rules (`decide`) refuse with it, the web forms check it before
// sending (their messages in the web catalogs, keyed by the problem).
import type { OpinionKind } from './codes.ts';

export type OpinionField = 'motiveCode' | 'lcRank' | 'interview' | 'interview.date' | 'interview.time' | 'interview.place';
export type OpinionProblem = 'required' | 'rankInvalid' | 'onlyForKind';
export interface OpinionFieldProblem {
  field: OpinionField;
  problem: OpinionProblem;
}

export interface OpinionExtras {
  motiveCode?: string | null;
  lcRank?: number | null;
  interview?: { date?: string | null; time?: string | null; place?: string | null } | null;
}

export function opinionArgumentProblems(kind: OpinionKind, args: OpinionExtras): OpinionFieldProblem[] {
  const problems: OpinionFieldProblem[] = [];
  if (kind === 'DE' && !args.motiveCode) problems.push({ field: 'motiveCode', problem: 'required' });
  if (kind === 'LC') {
    if (args.lcRank == null) problems.push({ field: 'lcRank', problem: 'required' });
    else if (!Number.isInteger(args.lcRank) || args.lcRank < 1) problems.push({ field: 'lcRank', problem: 'rankInvalid' });
  } else if (args.lcRank != null) problems.push({ field: 'lcRank', problem: 'onlyForKind' });
  if (kind === 'PR') {
    for (const part of ['date', 'time', 'place'] as const) if (!args.interview?.[part]) problems.push({ field: `interview.${part}`, problem: 'required' });
  } else if (args.interview) problems.push({ field: 'interview', problem: 'onlyForKind' });
  return problems;
}

/** The rules' own wording of a problem, in French and English (the API answers the reader's language). */
export function opinionProblemMessage({ field, problem }: OpinionFieldProblem): { fr: string; en: string } {
  if (field === 'motiveCode')
    return { fr: 'Un avis défavorable exige une motivation (motiveCode).', en: 'An unfavourable opinion needs a motive: choose one (motiveCode).' };
  if (field === 'lcRank')
    return problem === 'onlyForKind'
      ? {
          fr: 'Un rang (lcRank) ne se saisit que pour un avis liste complémentaire.',
          en: 'A rank (lcRank) is only given with a complementary-list opinion: remove it.',
        }
      : {
          fr: 'Un avis liste complémentaire exige un rang entier ≥ 1 (lcRank).',
          en: 'A complementary-list opinion needs a rank: a whole number of 1 or more (lcRank).',
        };
  return problem === 'onlyForKind'
    ? {
        fr: 'Un entretien (interview) ne se saisit que pour un avis de présélection.',
        en: 'An interview is only given with a preselection opinion: remove it.',
      }
    : {
        fr: "Un avis de présélection exige la date, l'heure et le lieu de l'entretien (interview).",
        en: 'A preselection opinion needs the date, time and place of the interview (interview).',
      };
}
