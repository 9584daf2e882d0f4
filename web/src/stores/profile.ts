// The candidate's whole file as the page edits it: the file as last read or saved, the form of its
// civil status, address and bac (what was typed is kept when a save is refused), the labels of the
// codes chosen in the selects, and the lists the candidate keeps (external cursus, internships,
// professional experience). The refusals are the page's form (form.ts), by field path
// (`person.nationalityCode`).
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { AddressInput, BacInput, FRANCE_COUNTRY_CODE, PersonInput } from '../../../contracts/profile.ts';
import { profileApi, type ListBodies, type ProfileListSection, type ProfileView } from '../profile-api.ts';

export type Section = 'person' | 'address' | 'bac';

// The form's text fields: those of the contract's inputs (the language and the bac's options are kept apart).
const PERSON = Object.keys(PersonInput.shape).filter((k) => k !== 'language') as (keyof NonNullable<ProfileView['person']> & string)[];
const ADDRESS = Object.keys(AddressInput.shape) as (keyof NonNullable<ProfileView['address']> & string)[];
const BAC = Object.keys(BacInput.shape).filter((k) => k !== 'optionCodes') as (keyof NonNullable<ProfileView['bac']> & string)[];

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export const useProfileStore = defineStore('profile', () => {
  const profile = ref<ProfileView | null>(null);
  const form = reactive({
    person: {} as Record<string, string>,
    address: {} as Record<string, string>,
    bac: {} as Record<string, string>,
    optionCodes: [] as string[],
  });
  /** The label of each code chosen, by path (from the API, then from the selects). */
  const labels = reactive<Record<string, string>>({});

  /** The fields the SIS gave (read-only). */
  const locked = computed(() => new Set(profile.value?.lockedFields ?? []));

  /** Takes the file the API answered: the form shows it again. */
  function fill(p: ProfileView): void {
    profile.value = p;
    for (const k of PERSON) form.person[k] = str(p.person?.[k]);
    for (const k of ADDRESS) form.address[k] = str(p.address?.[k]);
    for (const k of BAC) form.bac[k] = str(p.bac?.[k]);
    form.optionCodes = [...(p.bac?.optionCodes ?? [])];
    form.person.birthCountryCode ||= FRANCE_COUNTRY_CODE;
    form.person.nationalityCode ||= FRANCE_COUNTRY_CODE;
    form.address.countryCode ||= FRANCE_COUNTRY_CODE;
    for (const k of Object.keys(labels)) delete labels[k];
    Object.assign(labels, p.labels);
    if (!p.labels['person.birthCountryCode'] && form.person.birthCountryCode === FRANCE_COUNTRY_CODE) labels['person.birthCountryCode'] = 'France';
    if (!p.labels['address.countryCode'] && form.address.countryCode === FRANCE_COUNTRY_CODE) labels['address.countryCode'] = 'France';
  }

  async function load(): Promise<void> {
    fill(await profileApi.profile());
  }

  function body() {
    const p = form.person;
    const a = form.address;
    const b = form.bac;
    const stored = profile.value;
    const addressGiven = !!(orNull(a.line1) || orNull(a.postcode) || orNull(a.foreignCity) || orNull(a.communeCode));
    return {
      person: {
        civility: (p.civility ?? '') as 'M.' | 'Mme',
        birthName: p.birthName ?? '',
        usualName: orNull(p.usualName),
        firstName: p.firstName ?? '',
        otherFirstNames: orNull(p.otherFirstNames),
        birthDate: p.birthDate ?? '',
        ine: orNull(p.ine),
        ineKey: orNull(p.ineKey),
        birthCountryCode: p.birthCountryCode ?? '',
        birthDepartmentCode: orNull(p.birthDepartmentCode),
        birthCommuneCode: orNull(p.birthCommuneCode),
        birthCityLabel: orNull(p.birthCityLabel),
        nationalityCode: p.nationalityCode ?? '',
        phone: orNull(p.phone),
        mobilePhone: orNull(p.mobilePhone),
        language: stored?.person?.language ?? 'fr',
      },
      ...(addressGiven
        ? {
            address: {
              line1: a.line1 ?? '',
              line2: orNull(a.line2),
              line3: orNull(a.line3),
              postcode: orNull(a.postcode),
              cedex: orNull(a.cedex),
              communeCode: orNull(a.communeCode),
              foreignCity: orNull(a.foreignCity),
              countryCode: a.countryCode ?? '',
            },
          }
        : {}),
      ...(orNull(b.bacCode) || orNull(b.year)
        ? {
            bac: {
              bacCode: b.bacCode ?? '',
              year: orNull(b.year) && Number.isFinite(Number(b.year)) ? Number(b.year) : null,
              mentionCode: orNull(b.mentionCode),
              establishmentCode: orNull(b.establishmentCode),
              communeCode: orNull(b.communeCode),
              departmentCode: orNull(b.departmentCode),
              countryCode: orNull(b.countryCode),
              specialty1Code: orNull(b.specialty1Code),
              specialty2Code: orNull(b.specialty2Code),
              firstYearSpecialtyCode: orNull(b.firstYearSpecialtyCode),
              optionCodes: form.optionCodes.filter(Boolean),
            },
          }
        : {}),
    };
  }

  /** Saves civil status, address and bac. Throws the API's refusal (the form keeps what was typed). */
  async function save(): Promise<void> {
    fill(await profileApi.save(body()));
  }

  /** Adds (id null) or changes a line of a list; the file is read again. Throws the API's refusal. */
  async function saveRow<S extends ProfileListSection>(section: S, id: number | null, row: ListBodies[S]): Promise<void> {
    if (id === null) await profileApi.create(section, row);
    else await profileApi.update(section, id, row);
    await load();
  }

  async function removeRow(section: ProfileListSection, id: number): Promise<void> {
    await profileApi.remove(section, id);
    await load();
  }

  return { profile, form, labels, locked, fill, load, save, saveRow, removeRow };
});
