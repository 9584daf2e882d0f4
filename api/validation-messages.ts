// A validation issue (zod, as fastify-type-provider-zod reports it) said to a person: the field by
// its label (contracts/field-labels.ts) and what is wrong with it, in French or English. Codes this
// module does not word itself fall back to zod's own French or English messages.
import * as zodLocales from 'zod/locales';
import { labelled } from '../contracts/field-labels.ts';
import { TEXT_ISSUES } from '../contracts/text.ts';
import type { Language } from './language.ts';

interface Issue {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  values?: unknown[];
  expected?: string;
  input?: unknown;
  message?: string;
}

const FORMATS: Record<string, { fr: string; en: string }> = {
  date: { fr: 'doit être une date (AAAA-MM-JJ)', en: 'must be a date (YYYY-MM-DD)' },
  datetime: { fr: 'doit être une date et une heure ISO 8601', en: 'must be an ISO 8601 date and time' },
  email: { fr: 'doit être une adresse e-mail', en: 'must be an e-mail address' },
  uuid: { fr: 'doit être un identifiant UUID', en: 'must be a UUID' },
  regex: { fr: "n'a pas le format attendu", en: 'does not have the expected format' },
  url: { fr: 'doit être une adresse web', en: 'must be a web address' },
};

function wording(issue: Issue, lang: Language): string | null {
  const fr = lang === 'fr';
  const n = Number(issue.minimum ?? issue.maximum);
  switch (issue.code) {
    case 'invalid_type':
      // zod does not keep the input: its message says what was received.
      if (/received (undefined|null)/.test(issue.message ?? '')) return fr ? 'est obligatoire' : 'is required';
      if (issue.expected === 'object' || issue.expected === 'array') return fr ? 'n’a pas la forme attendue' : 'does not have the expected shape';
      if (issue.expected === 'number' || issue.expected === 'int') return fr ? 'doit être un nombre' : 'must be a number';
      if (issue.expected === 'boolean') return fr ? 'doit être oui ou non' : 'must be yes or no';
      return fr ? "n'a pas le type attendu" : 'has the wrong type';
    case 'too_small':
      if (issue.origin === 'string')
        return n <= 1 ? (fr ? 'est obligatoire' : 'is required') : fr ? `doit contenir au moins ${n} caractères` : `must have at least ${n} characters`;
      if (issue.origin === 'array') return fr ? `doit contenir au moins ${n} élément(s)` : `must have at least ${n} item(s)`;
      return fr ? `doit être supérieur ou égal à ${n}` : `must be at least ${n}`;
    case 'too_big':
      if (issue.origin === 'string') return fr ? `doit contenir au plus ${n} caractères` : `must have at most ${n} characters`;
      if (issue.origin === 'array') return fr ? `doit contenir au plus ${n} élément(s)` : `must have at most ${n} item(s)`;
      return fr ? `doit être inférieur ou égal à ${n}` : `must be at most ${n}`;
    case 'invalid_format': {
      const format = FORMATS[issue.format ?? ''] ?? FORMATS.regex!;
      // A pattern's own hint (contracts give short, language-neutral ones: "HH:MM", "2000–2099", "#RRGGBB").
      const hint = issue.format === 'regex' && issue.message && !/^invalid/i.test(issue.message) ? ` (${issue.message})` : '';
      return format[lang] + hint;
    }
    case 'invalid_value':
      return (fr ? 'doit être l’une des valeurs : ' : 'must be one of: ') + (issue.values ?? []).map(String).join(', ');
    case 'invalid_union':
      return fr ? 'n’a pas le type attendu' : 'has the wrong type';
    case 'unrecognized_keys':
      return fr ? 'contient des champs inconnus' : 'has unknown fields';
    case 'custom':
      // The shared rules on names and dates (contracts/text.ts) name their issue by a key.
      return issue.message && Object.hasOwn(TEXT_ISSUES, issue.message) ? TEXT_ISSUES[issue.message as keyof typeof TEXT_ISSUES][lang] : null;
    default:
      return null;
  }
}

const LOCALES = { fr: zodLocales.fr(), en: zodLocales.en() };

/** "Date de début : doit être une date (AAAA-MM-JJ)" for the field at `path` (e.g. `applicationStartsOn`, `members.0.login`). */
export function validationMessage(path: string, issue: Issue, lang: Language): string {
  const own = wording(issue, lang);
  const fallback = LOCALES[lang].localeError(issue as never);
  const text = own ?? (typeof fallback === 'string' ? fallback : (fallback?.message ?? issue.message ?? 'invalide'));
  return labelled(path, lang, text);
}
