// The SIS port: what the application asks of a student information system, whatever it is
// (reference ecandidat-domain.md §7, sis-apis.md §4). Each campaign is tied to one SIS type and the
// adapter is chosen per campaign (`adapterFor`). This first version carries the admission export
// (OPI); referentials, student lookup and formation search join it with the SIS issue.
import type { SisType } from '../domain/codes.ts';

/** One confirmed wish of a candidate, with what the SIS needs to pre-register the student. */
export interface AdmissionRecord {
  businessKey: string;
  kind: 'admission' | 'withdrawal';
  campaignCode: string;
  dossierNumber: string;
  candidate: {
    civility: 'M.' | 'Mme';
    birthName: string;
    usualName: string | null;
    firstName: string;
    otherFirstNames: string | null;
    birthDate: string; // YYYY-MM-DD
    birthCountryCode: string;
    birthCommuneCode: string | null;
    birthCityLabel: string | null;
    nationalityCode: string;
    ine: string | null;
    ineKey: string | null;
    phone: string | null;
    mobilePhone: string | null;
    email: string;
    address: {
      countryCode: string;
      line1: string; // voie
      line2: string | null; // étage
      line3: string | null; // bâtiment
      postcode: string | null;
      communeCode: string | null;
      foreignCity: string | null;
    } | null;
  };
  formation: {
    code: string;
    pegaseCode: string | null;
    apogeeVetCode: string | null;
    apogeeVetVersion: string | null;
    apogeeDiplomaCode: string | null;
    apogeeDiplomaVersion: string | null;
  };
}

export interface ExportReceipt {
  /** When the SIS (or its file) received the export. */
  at: string;
  /** What was produced: file names, SIS references. Recorded with the export. */
  details: Record<string, unknown>;
}

/** Context an adapter may need beyond the record (e.g. Pégase rewrites the day's files). */
export interface ExportContext {
  /** The other admissions of the same SIS already exported today, not withdrawn since. */
  sameDayRecords(): Promise<AdmissionRecord[]>;
}

export interface SisAdapter {
  readonly type: SisType;
  exportAdmission(record: AdmissionRecord, context: ExportContext): Promise<ExportReceipt>;
}

/**
 * A refusal by the SIS (or by the adapter before calling it) that retrying cannot fix: missing data,
 * a code the SIS does not know. The export workflow does not retry it; an admin sees the message.
 */
export class SisValidationError extends Error {
  override readonly name = 'SisValidationError';
}
