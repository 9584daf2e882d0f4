// The candidate's file as the API carries it (GET/PUT /api/candidate/profile, reference
// ecandidat-domain.md §5): civil status, address, bac and internal cursus. Pure types and mappings,
// shared by the API (api/profile-service.ts), the SIS export (activities/sis-export.ts) and the web app.
import type { AdmissionBac } from '../sis/port.ts';

export interface PersonData {
  civility: string;
  birthName: string;
  usualName: string | null;
  firstName: string;
  otherFirstNames: string | null;
  birthDate: string; // YYYY-MM-DD
  ine: string | null;
  ineKey: string | null;
  birthCountryCode: string;
  birthDepartmentCode: string | null;
  birthCommuneCode: string | null;
  birthCityLabel: string | null;
  nationalityCode: string;
  phone: string | null;
  mobilePhone: string | null;
  language: string;
}
export interface AddressData {
  line1: string;
  line2: string | null;
  line3: string | null;
  postcode: string | null;
  cedex: string | null;
  communeCode: string | null;
  foreignCity: string | null;
  countryCode: string;
}
/** The bac or equivalent: the same fields the admission carries to the SIS. */
export type BacData = AdmissionBac;
export interface CursusLine {
  academicYear: number;
  vetCode: string | null;
  label: string;
  resultTypeCode: string | null;
  mentionCode: string | null;
  grade: string | null;
  gradeScale: number | null;
}

/** BacData as candidate_bac stores it: four option columns. */
export function bacRowOf(b: BacData): Omit<BacData, 'optionCodes'> & Record<`option${1 | 2 | 3 | 4}Code`, string | null> {
  const { optionCodes, ...rest } = b;
  return {
    ...rest,
    option1Code: optionCodes[0] ?? null,
    option2Code: optionCodes[1] ?? null,
    option3Code: optionCodes[2] ?? null,
    option4Code: optionCodes[3] ?? null,
  };
}

/** A stored bac (candidate_bac: four option columns) as BacData (a list of options). */
export function bacOfRow(b: Omit<BacData, 'optionCodes'> & Record<`option${1 | 2 | 3 | 4}Code`, string | null>): BacData {
  return {
    year: b.year,
    bacCode: b.bacCode,
    mentionCode: b.mentionCode,
    establishmentCode: b.establishmentCode,
    communeCode: b.communeCode,
    departmentCode: b.departmentCode,
    countryCode: b.countryCode,
    specialty1Code: b.specialty1Code,
    specialty2Code: b.specialty2Code,
    firstYearSpecialtyCode: b.firstYearSpecialtyCode,
    optionCodes: [b.option1Code, b.option2Code, b.option3Code, b.option4Code].filter((o): o is string => !!o),
  };
}
