// The INE (identifiant national étudiant) as the candidate's file keeps it: 10 characters plus a
// one-letter key, 11 in all (reference ecandidat-domain.md §2 `ine(10)+cle_ine`, sis-apis.md §3.3).
// The local check of eCandidat (ConstanteUtils.chaineValidationNNE): the key is one of 23 capital
// letters (no I, O or Q). The national formats the 10 characters take:
//   - INE-RNIE (université, 10 digits),            e.g. 0123456789 + key
//   - INES / INE-BEA (9 digits and a letter),       e.g. 123456789A + key (INES: [0-9]{9}[A-Z]{2})
//   - INE-SIFA (apprentices: 4 digits, A, 5 digits), e.g. 1234A56789 + key
// Anything else is refused here, before any SIS is asked. For an Apogée campaign the INE and key are
// then checked by the INES web service (SisAdapter.checkIne).
import type { LocalizedText } from '../contracts/refusals.ts';

/** The letters an INE key may be (chaineValidationNNE). */
export const INE_KEY_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type IneFormat = 'INE-RNIE' | 'INES' | 'INE-SIFA';

const FORMATS: [IneFormat, RegExp][] = [
  ['INE-RNIE', /^\d{10}$/],
  ['INES', /^\d{9}[A-Z]$/],
  ['INE-SIFA', /^\d{4}A\d{5}$/],
];

export type IneCheck = { ok: true; ine: string; key: string; format: IneFormat } | { ok: false; field: 'ine' | 'ineKey'; message: LocalizedText };

/** Upper case, without spaces or dashes (candidates type "123 456 789 AB"). */
const clean = (s: string | null | undefined) => (s ?? '').replace(/[\s-]/g, '').toUpperCase();

/**
 * Checks an INE and its key as a candidate types them. The INE may also be given whole (11
 * characters, key included) with an empty key. Returns the normalised INE (10) and key (1), or the
 * field at fault with a message in French and English.
 */
export function checkIneFormat(ine: string | null | undefined, key?: string | null): IneCheck {
  let i = clean(ine);
  let k = clean(key);
  if (!k && i.length === 11) [i, k] = [i.slice(0, 10), i.slice(10)];
  if (!i) return { ok: false, field: 'ine', message: { fr: 'INE manquant.', en: 'INE missing: type your INE (10 characters) and its key.' } };
  if (i.length !== 10)
    return {
      ok: false,
      field: 'ine',
      message: {
        fr: `l'INE compte 10 caractères suivis d'une clé d'un caractère (${i.length} reçus).`,
        en: `the INE has 10 characters followed by a one-character key (${i.length} received).`,
      },
    };
  const format = FORMATS.find(([, re]) => re.test(i))?.[0];
  if (!format)
    return {
      ok: false,
      field: 'ine',
      message: {
        fr: "format d'INE inconnu : 10 chiffres (INE-RNIE), 9 chiffres et une lettre (INES, INE-BEA) ou 4 chiffres, A et 5 chiffres (INE-SIFA).",
        en: 'unknown INE format: type 10 digits (INE-RNIE), 9 digits and a letter (INES, INE-BEA) or 4 digits, A and 5 digits (INE-SIFA).',
      },
    };
  if (!k) return { ok: false, field: 'ineKey', message: { fr: "clé de l'INE manquante.", en: 'INE key missing: type the letter that follows your INE.' } };
  if (k.length !== 1 || !INE_KEY_LETTERS.includes(k))
    return {
      ok: false,
      field: 'ineKey',
      message: {
        fr: `la clé de l'INE est une lettre majuscule parmi ${INE_KEY_LETTERS} (ni I, ni O, ni Q).`,
        en: `the INE key is one capital letter among ${INE_KEY_LETTERS} (not I, O or Q).`,
      },
    };
  return { ok: true, ine: i, key: k, format };
}
