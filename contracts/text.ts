// Rules on the text and dates a person types, shared by the API's schemas and the web forms: a name
// holds no control character (BEL, ESC, CR/LF…) nor bidirectional override (U+202A–U+202E,
// U+2066–U+2069), which would garble letters, lists and exports; a day exists in the calendar; a
// birth date lies between 1900 and today. A refusal's message is a code of TEXT_ISSUES, worded in
// the reader's language by the API (api/validation-messages.ts) and the web alike.
import { z } from 'zod';

/** The custom issues of these rules, in both languages (the issue's message is the key). */
export const TEXT_ISSUES = {
  'forbidden-characters': { fr: 'contient des caractères non autorisés', en: 'contains characters that are not allowed' },
  'day-does-not-exist': { fr: 'cette date n’existe pas', en: 'this date does not exist' },
  'birth-date-in-future': { fr: 'ne peut pas être dans le futur', en: 'cannot be in the future' },
  'birth-date-before-1900': { fr: 'ne peut pas être avant 1900', en: 'cannot be before 1900' },
} as const satisfies Record<string, { fr: string; en: string }>;
export type TextIssue = keyof typeof TEXT_ISSUES;

/** Control characters (C0, DEL, C1) and bidirectional embeddings, overrides and isolates. */
const FORBIDDEN_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Whether a text holds none of the characters a name may not contain. */
export const isCleanText = (s: string): boolean => !FORBIDDEN_IN_NAMES.test(s);

/** A person's name: trimmed, `min`–`max` characters, no control or bidi override character. */
export const personName = (max = 100, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isCleanText, { message: 'forbidden-characters' satisfies TextIssue });

/** Whether `YYYY-MM-DD` names a day of the calendar (Date would take 2024-02-30 for 1 March). */
export function dayExists(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A day `YYYY-MM-DD` that exists. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'AAAA-MM-JJ', abort: true })
  .refine(dayExists, { message: 'day-does-not-exist' satisfies TextIssue, abort: true });

/** Today as `YYYY-MM-DD` (UTC: one day of leeway either way is harmless for a birth date). */
const today = () => new Date().toISOString().slice(0, 10);

/** A birth date: a day that exists, from 1900-01-01 to today. */
export const BirthDate = IsoDay.refine((s) => s >= '1900-01-01', { message: 'birth-date-before-1900' satisfies TextIssue, abort: true }).refine(
  (s) => s <= today(),
  { message: 'birth-date-in-future' satisfies TextIssue },
);
