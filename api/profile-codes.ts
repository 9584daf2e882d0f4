// Every code of the candidate's file checked against the referentials of the campaign's SIS
// (api/referential-lookup.ts) before it is saved: an unknown code, a commune that is not the
// postcode's, a speciality or option the series does not allow that year (the SIS's links where it
// gives them), a French address without its commune or a foreign one without its town. Only what
// changed is checked: codes that came from the SIS, or that went out of service since they were
// chosen, stay as they are. A list the referential does not keep for the SIS type (no row in
// service) checks nothing. Each refusal names the field by its label in the reader's language and
// says how to put it right.
import { labelled } from '../contracts/field-labels.ts';
import { FRANCE_COUNTRY_CODE, type LookupList, type LookupParams } from '../contracts/profile.ts';
import type { SisType } from '../domain/codes.ts';
import type { AddressData, BacData, PersonData } from '../domain/profile.ts';
import type { Db } from '../infra/prisma.ts';
import type { Language } from './language.ts';
import { HttpProblem, PROBLEM_TITLES, type FieldError } from './problem.ts';
import { isKept, isKnown } from './referential-lookup.ts';

type Words = { fr: string; en: string };
const say = (w: Words, lang: Language) => w[lang];

export const HOW_TO_FIX = {
  unknown: (code: string): Words => ({
    fr: `« ${code} » n’est pas dans la liste : choisissez une des valeurs proposées.`,
    en: `“${code}” is not in the list: choose one of the values offered.`,
  }),
  notForSeries: (code: string, year: number | null): Words => ({
    fr: `« ${code} » n’est pas possible avec cette série de bac${year ? ` en ${year}` : ''} : choisissez-en une dans la liste proposée pour la série.`,
    en: `“${code}” is not available with this bac series${year ? ` in ${year}` : ''}: choose one from the list offered for the series.`,
  }),
  seriesYear: (code: string, year: number): Words => ({
    fr: `la série « ${code} » n’était pas délivrée en ${year} : vérifiez l’année ou choisissez une autre série.`,
    en: `the series “${code}” was not awarded in ${year}: check the year or choose another series.`,
  }),
  frenchCommune: {
    fr: 'obligatoire pour une adresse en France : saisissez le code postal puis choisissez la commune.',
    en: 'required for an address in France: type the postcode, then choose the town.',
  },
  frenchPostcode: {
    fr: 'obligatoire pour une adresse en France : saisissez le code postal (5 chiffres).',
    en: 'required for an address in France: type the postcode (5 digits).',
  },
  communeOfPostcode: (postcode: string): Words => ({
    fr: `cette commune ne correspond pas au code postal ${postcode} : choisissez-la dans la liste des communes de ce code postal.`,
    en: `this town does not match the postcode ${postcode}: choose it from the towns of that postcode.`,
  }),
  foreignCity: {
    fr: 'obligatoire pour une adresse à l’étranger : indiquez la ville.',
    en: 'required for an address abroad: enter the town.',
  },
  birthCity: {
    fr: 'obligatoire pour une naissance à l’étranger : indiquez la ville.',
    en: 'required for a birth abroad: enter the town.',
  },
  birthCommuneAbroad: {
    fr: 'seulement pour une naissance en France : choisissez la France comme pays de naissance, ou laissez ce champ vide.',
    en: 'only for a birth in France: choose France as the country of birth, or leave this field empty.',
  },
  sameSpecialty: {
    fr: 'doit être différente de la spécialité 1 : choisissez une autre spécialité.',
    en: 'must differ from speciality 1: choose another speciality.',
  },
} as const;

/** Collects the refusals of one save, then throws them together (400). */
export class CodeChecker {
  readonly errors: FieldError[] = [];
  private kept = new Map<LookupList, Promise<boolean>>();
  constructor(
    private readonly db: Db,
    private readonly sisType: SisType,
    readonly lang: Language,
  ) {}

  refuse(field: string, words: Words): void {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, message: labelled(field, this.lang, say(words, this.lang)) });
  }

  keeps(list: LookupList): Promise<boolean> {
    let k = this.kept.get(list);
    if (!k) this.kept.set(list, (k = isKept(this.db, this.sisType, list)));
    return k;
  }

  known(list: LookupList, code: string, filters: Omit<LookupParams, 'q' | 'codes'> = {}): Promise<boolean> {
    return isKnown(this.db, this.sisType, list, code, filters);
  }

  /** Refuses `code` at `field` when the list keeps rows and it is not one of them in service. */
  async code(field: string, list: LookupList, code: string | null | undefined): Promise<boolean> {
    if (!code || !(await this.keeps(list))) return true;
    if (await this.known(list, code)) return true;
    this.refuse(field, HOW_TO_FIX.unknown(code));
    return false;
  }

  throwIfAny(): void {
    if (!this.errors.length) return;
    throw new HttpProblem(400, PROBLEM_TITLES[400]![this.lang], this.errors.map((e) => e.message).join(this.lang === 'fr' ? ' ; ' : '; '), this.errors);
  }
}

const differs = <T extends object>(a: T, b: T | null | undefined, k: keyof T) => !b || JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null);

/** Civil status: countries, nationality, commune of birth (France) or town (abroad). */
export async function checkPerson(c: CodeChecker, p: PersonData, stored: PersonData | null): Promise<PersonData> {
  const changed = (k: keyof PersonData) => differs(p, stored, k);
  if (changed('birthCountryCode')) await c.code('person.birthCountryCode', 'countries', p.birthCountryCode);
  if (changed('nationalityCode')) await c.code('person.nationalityCode', 'nationalities', p.nationalityCode);
  if (changed('birthDepartmentCode')) await c.code('person.birthDepartmentCode', 'departments', p.birthDepartmentCode);
  const bornInFrance = p.birthCountryCode === FRANCE_COUNTRY_CODE;
  if (changed('birthCommuneCode') || changed('birthCountryCode')) {
    if (p.birthCommuneCode && !bornInFrance) c.refuse('person.birthCommuneCode', HOW_TO_FIX.birthCommuneAbroad);
    else await c.code('person.birthCommuneCode', 'birthCommunes', p.birthCommuneCode);
  }
  if (!bornInFrance && !p.birthCityLabel && (changed('birthCountryCode') || changed('birthCityLabel'))) c.refuse('person.birthCityLabel', HOW_TO_FIX.birthCity);
  return p;
}

/** Address: a French commune chosen by postcode, or a town abroad. Returns the address with what does not apply emptied. */
export async function checkAddress(c: CodeChecker, a: AddressData, stored: AddressData | null): Promise<AddressData> {
  const changed = (k: keyof AddressData) => differs(a, stored, k);
  if (!(['countryCode', 'postcode', 'communeCode', 'foreignCity'] as const).some(changed)) return a;
  if (!(await c.code('address.countryCode', 'countries', a.countryCode))) return a;
  if (a.countryCode !== FRANCE_COUNTRY_CODE) {
    if (!a.foreignCity) c.refuse('address.foreignCity', HOW_TO_FIX.foreignCity);
    return { ...a, communeCode: null };
  }
  if (!a.postcode) c.refuse('address.postcode', HOW_TO_FIX.frenchPostcode);
  if (!a.communeCode) {
    c.refuse('address.communeCode', HOW_TO_FIX.frenchCommune);
    return a;
  }
  if (a.postcode && (await c.keeps('postcodeCommunes'))) {
    if (!(await c.known('postcodeCommunes', a.communeCode, { postcode: a.postcode }))) {
      const anyOfPostcode = await c.known('postcodeCommunes', a.communeCode);
      c.refuse('address.communeCode', anyOfPostcode ? HOW_TO_FIX.communeOfPostcode(a.postcode) : HOW_TO_FIX.unknown(a.communeCode));
    }
  } else await c.code('address.communeCode', 'communes', a.communeCode);
  return { ...a, foreignCity: null };
}

/** Bac: series valid that year, mention, school, and specialities and options the series allows. */
export async function checkBac(c: CodeChecker, b: BacData, stored: BacData | null): Promise<BacData> {
  const changed = (k: keyof BacData) => differs(b, stored, k);
  const seriesOrYear = changed('bacCode') || changed('year');
  if (seriesOrYear && (await c.code('bac.bacCode', 'bacSeries', b.bacCode)) && b.year && (await c.keeps('bacSeries')))
    if (!(await c.known('bacSeries', b.bacCode, { year: b.year }))) c.refuse('bac.year', HOW_TO_FIX.seriesYear(b.bacCode, b.year));
  if (changed('mentionCode')) await c.code('bac.mentionCode', 'bacMentions', b.mentionCode);
  if (changed('establishmentCode')) await c.code('bac.establishmentCode', 'establishments', b.establishmentCode);
  if (changed('countryCode')) await c.code('bac.countryCode', 'countries', b.countryCode);
  if (changed('departmentCode')) await c.code('bac.departmentCode', 'departments', b.departmentCode);
  if (changed('communeCode')) await c.code('bac.communeCode', 'communes', b.communeCode);

  const allowed = async (field: string, list: 'bacSpecialities' | 'bacOptions', code: string) => {
    if (!(await c.code(field, list, code))) return;
    if (!(await c.known(list, code, { bac: b.bacCode, ...(b.year ? { year: b.year } : {}) }))) c.refuse(field, HOW_TO_FIX.notForSeries(code, b.year));
  };
  for (const k of ['specialty1Code', 'specialty2Code', 'firstYearSpecialtyCode'] as const) {
    const code = b[k];
    if (code && (seriesOrYear || changed(k))) await allowed(`bac.${k}`, 'bacSpecialities', code);
  }
  if (b.specialty1Code && b.specialty1Code === b.specialty2Code && (changed('specialty1Code') || changed('specialty2Code')))
    c.refuse('bac.specialty2Code', HOW_TO_FIX.sameSpecialty);
  if (seriesOrYear || changed('optionCodes'))
    for (const [i, code] of b.optionCodes.entries())
      if (!stored?.optionCodes.includes(code) || seriesOrYear) await allowed(`bac.optionCodes.${i}`, 'bacOptions', code);
  return b;
}
