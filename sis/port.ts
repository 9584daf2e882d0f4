// The SIS port (v2): what the application asks of a student information system, whatever it is
// (reference ecandidat-domain.md §7, sis-apis.md §4). Each campaign is tied to one SIS type and the
// adapter is chosen per campaign (`adapterFor` in sis/index.ts). One interface for Apogée (A),
// Pégase (P) and none (D): what a SIS cannot do shows in its capability flags and as `null` lists.
import type { SisType } from '../domain/codes.ts';

export type { SisType };

// --- Errors -------------------------------------------------------------------------------------

/**
 * A refusal by the SIS (or by the adapter before calling it) that retrying cannot fix: missing data,
 * a code the SIS does not know. The export workflow does not retry it; an admin sees the message.
 */
export class SisValidationError extends Error {
  override readonly name = 'SisValidationError';
  constructor(
    message: string,
    /** What the SIS answered (error codes, fields, report lines), kept for the admin. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A failure a later attempt may not meet: network error, timeout, 5xx, 429, an answer that cannot
 * be read. Temporal retries it (any error that is not a SisValidationError is retried).
 */
export class SisTransientError extends Error {
  override readonly name = 'SisTransientError';
  constructor(
    message: string,
    opts: {
      cause?: unknown;
      /** Seconds the SIS asked to wait (Retry-After), when it said so. */
      retryAfterSeconds?: number | null;
      /** HTTP status, when there was an answer. */
      status?: number | null;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
    this.status = opts.status ?? null;
  }
  readonly retryAfterSeconds: number | null;
  readonly status: number | null;
}

// --- Capabilities and sizes ----------------------------------------------------------------------

/** What an adapter can do (reference sis-apis.md §4, table of `has*` flags). */
export interface SisCapabilities {
  /** hasSyncEtudiant: a known student's file can be pre-filled from the SIS. */
  syncStudent: boolean;
  /** hasSyncEtudiantPJ: the student's supporting documents can be fetched from the SIS. */
  syncStudentDocuments: boolean;
  /** hasSearchAnneeUni: campaign codes are picked from the SIS's academic years / periods. */
  academicYears: boolean;
  /** hasCommuneNaissance: a separate list of birth communes exists. */
  birthCommunes: boolean;
  /** hasCheckStudentINES: the SIS checks INE + key. */
  ineCheck: boolean;
  /** hasCge: formations belong to a management centre (CGE). */
  cge: boolean;
  /** hasRegStu: régime and statut lists, sent with the admission. */
  regimeStatut: boolean;
  /** hasBacASable: student sync and export run even in demo mode (a sandbox exists). */
  sandbox: boolean;
}

/** Longest values the SIS takes (getSizeFieldAdresse / Nom / Prenom). */
export interface SisFieldSizes {
  address: number;
  name: number;
  firstName: number;
}

// --- Referentials --------------------------------------------------------------------------------

/** The referential lists the synchronisation asks for (getListSiScol*), in our names. */
export const REFERENTIAL_LISTS = [
  'countries',
  'departments',
  'communes',
  'postcodeCommunes',
  'birthCommunes',
  'bacSeries',
  'bacMentions',
  'bacSpecialities',
  'bacOptions',
  'bacSeriesSpecialities',
  'bacSeriesOptions',
  'establishments',
  'diplomaTypes',
  'priorDiplomas',
  'resultTypes',
  'honoursMentions',
  'academicYears',
  'managementCentres',
  'users',
  'exemptionCategories',
  'regimes',
  'statuts',
] as const;
export type ReferentialList = (typeof REFERENTIAL_LISTS)[number];

/** What every row of every list has. */
export interface ReferentialItemBase {
  code: string;
  label: string;
  shortLabel: string | null;
  /** In service (témoin en service / temoinVisible). */
  active: boolean;
}

/** The extra columns of each list (none when absent). */
export interface ReferentialExtras {
  countries: { nationalityLabel: string | null };
  departments: object;
  communes: { departmentCode: string | null };
  /** code = the postcode (codBdi). */
  postcodeCommunes: { communeCode: string };
  birthCommunes: { departmentCode: string | null };
  bacSeries: { validFromYear: number | null; validToYear: number | null; ineCheck: boolean; ineCheckFromYear: number | null };
  bacMentions: object;
  bacSpecialities: { validFromYear: number | null; validToYear: number | null };
  bacOptions: { validFromYear: number | null; validToYear: number | null };
  /** code = the bac series code. */
  bacSeriesSpecialities: { specialityCode: string };
  /** code = the bac series code. */
  bacSeriesOptions: { optionCode: string };
  establishments: { typeCode: string | null; departmentCode: string | null; communeCode: string | null };
  diplomaTypes: object;
  priorDiplomas: object;
  resultTypes: { positive: boolean | null };
  honoursMentions: object;
  /** open: the year admissions are for (ETA_ANU_IAE = 'O', an active Pégase period). */
  academicYears: { open: boolean; year: number | null };
  managementCentres: object;
  users: { email: string | null; managementCentreCode: string | null };
  exemptionCategories: object;
  regimes: object;
  statuts: object;
}

export type ReferentialItem<L extends ReferentialList = ReferentialList> = ReferentialItemBase & ReferentialExtras[L];

// --- Formations, periods, students ---------------------------------------------------------------

export interface FormationSearch {
  search: string;
  /** Most rows wanted (Apogée stops at 50, Pégase is asked 100). */
  max: number;
  /** Management centre (Apogée's CGE), ignored by a SIS without CGE. */
  cge?: string | null;
  /** Structure or space (Pégase espace), when the SIS knows one. */
  structure?: string | null;
}

/** A formation of the SIS, as picked by a manager to link an eCandidat formation to it. */
export interface SisFormation {
  /** The code stored on the formation (Pégase code; Apogée `codEtp/codVrsVet`). */
  code: string;
  label: string;
  /** The SIS's own id when it has one (Pégase uuid), to ask for details. */
  sisId: string | null;
  managementCentreCode: string | null;
  diplomaTypeCode: string | null;
  diplomaTypeLabel: string | null;
  /** Period or space it belongs to, for display. */
  periodLabel: string | null;
}

/** An academic year (Apogée ANNEE_UNI) or period (Pégase PERIODE): the campaign code is one of them. */
export interface AcademicPeriod {
  code: string;
  label: string;
  shortLabel: string | null;
  year: number | null;
  open: boolean;
}

export type StudentQuery = { studentNumber: string } | { ine: string; ineKey: string };

/** A student known to the SIS: what pre-fills a candidate's file (WSIndividu). */
export interface SisStudent {
  studentNumber: string | null;
  civility: 'M.' | 'Mme';
  ine: string | null;
  ineKey: string | null;
  birthName: string;
  usualName: string | null;
  firstName: string;
  otherFirstNames: string | null;
  birthDate: string | null; // YYYY-MM-DD
  birthCountryCode: string | null;
  birthCommuneCode: string | null;
  birthCityLabel: string | null;
  birthDepartmentCode: string | null;
  nationalityCode: string | null;
  email: string | null;
  phone: string | null;
  mobilePhone: string | null;
  address: {
    countryCode: string | null;
    line1: string | null; // voie
    line2: string | null; // étage
    line3: string | null; // bâtiment
    line4: string | null; // complément
    postcode: string | null;
    communeCode: string | null;
    foreignCity: string | null;
  } | null;
  bac: {
    bacCode: string | null;
    year: number | null;
    mentionCode: string | null;
    countryCode: string | null;
    departmentCode: string | null;
    establishmentCode: string | null;
    specialty1Code: string | null;
    specialty2Code: string | null;
    firstYearSpecialtyCode: string | null;
    optionCodes: string[];
  } | null;
  /** What the student followed in this institution, with results when published. */
  internalCursus: {
    year: string;
    code: string;
    label: string | null;
    resultCode: string | null;
    mentionCode: string | null;
    mark: string | null;
    scale: string | null;
  }[];
}

/** The bac of a candidate, to check its specialities and options against the series. */
export interface BacCheck {
  year: number | null;
  bacCode: string;
  specialty1Code?: string | null;
  specialty2Code?: string | null;
  firstYearSpecialtyCode?: string | null;
  optionCodes?: (string | null)[];
}

// --- Admission export ----------------------------------------------------------------------------

/** The candidate's bac or equivalent (candidat_bac_ou_equ), as the admission carries it to the SIS. */
export interface AdmissionBac {
  /** BAC_OUX_EQU / SerieBac code. */
  bacCode: string;
  year: number | null;
  /** MENTION_NIV_BAC / MentionBac code. */
  mentionCode: string | null;
  /** UAI of the establishment where it was obtained (ETABLISSEMENT). */
  establishmentCode: string | null;
  communeCode: string | null;
  departmentCode: string | null;
  countryCode: string | null;
  /** Terminale specialities, the première one dropped, options (2021 reform). */
  specialty1Code: string | null;
  specialty2Code: string | null;
  firstYearSpecialtyCode: string | null;
  optionCodes: string[];
}

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
    /**
     * The candidate's student number in this SIS when known (pre-filled from the SIS, or given by
     * the institution's sign-on); absent from records stored before it existed.
     */
    studentNumber?: string | null;
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
    /**
     * The candidate's bac; null when they declared none (Apogée then gets its "sans bac" code).
     * Absent from records exported before it was added (sis_export.payload).
     */
    bac?: AdmissionBac | null;
  };
  formation: {
    code: string;
    pegaseCode: string | null;
    apogeeVetCode: string | null;
    apogeeVetVersion: string | null;
    apogeeDiplomaCode: string | null;
    apogeeDiplomaVersion: string | null;
    /**
     * The formation's management centre in the SIS (Apogée CGE, Formation.sisManagementCentreCode);
     * null when not set. Absent from records exported before it was added.
     */
    managementCentreCode?: string | null;
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
  /**
   * Rewrites the day's shared files: `write` gets the other admissions of the same SIS exported
   * today (not withdrawn since) and adds this record's own effect. Rewrites of one SIS are one at a
   * time, and one rewrite covers every export waiting for it (a waiting export finds its record
   * written and gets that rewrite's answer).
   */
  writeDayFiles<T>(write: (others: AdmissionRecord[]) => Promise<T>): Promise<T>;
  /**
   * The institution's settings of the export (global parameters OPI_PREFIXE and
   * SCOL_SISCOL_COD_SANS_BAC), read at each export; absent, the adapter's configured defaults.
   */
  settings?: { opiPrefix: string; codSansBac: string };
}

/** A validated supporting document pushed to the SIS with the admission (Apogée OPI PJ). */
export interface AdmissionDocument {
  businessKey: string;
  /** The SIS's code of the document type (cod_apo_pj). */
  sisDocumentCode: string;
  fileName: string;
  content: Uint8Array;
}

// --- The port --------------------------------------------------------------------------------------

export interface SisAdapter {
  readonly type: SisType;
  readonly capabilities: SisCapabilities;
  readonly fieldSizes: SisFieldSizes;
  /** A referential list; null when this SIS does not provide it (the synchronisation skips it). */
  listReferential<L extends ReferentialList>(list: L): Promise<ReferentialItem<L>[] | null>;
  /** Whether the bac's specialities and options fit its series: null when they do, else the SIS's message. */
  checkBacSpecialityOption(bac: BacCheck): Promise<string | null>;
  /** Formations of the SIS matching a text (an empty text asks nothing and finds nothing). */
  searchFormations(q: FormationSearch): Promise<SisFormation[]>;
  /** The diploma type of a formation found by searchFormations, when the search does not carry it (Pégase). */
  formationDiplomaType?(formation: Pick<SisFormation, 'sisId'>): Promise<string | null>;
  /** Academic years / periods a campaign code can be picked from; null when the SIS has none. */
  academicPeriods(): Promise<AcademicPeriod[] | null>;
  /** A student known to the SIS, by student number or INE + key; null when unknown (or not exactly one). */
  findStudent(q: StudentQuery): Promise<SisStudent | null>;
  /** INES check of an INE and its key (true when the SIS has no such check: hasCheckStudentINES=false). */
  checkIne(ine: string, key: string): Promise<boolean>;
  /** Pre-registration (OPI) of a confirmed admission, or its withdrawal. Idempotent by businessKey. */
  exportAdmission(record: AdmissionRecord, context: ExportContext): Promise<ExportReceipt>;
  /** The admission's supporting documents, for a SIS that takes them. Idempotent by businessKey + code. */
  exportAdmissionDocuments?(record: AdmissionRecord, documents: AdmissionDocument[]): Promise<ExportReceipt>;
}
