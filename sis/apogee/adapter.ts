// Apogée adapter (reference sis-apis.md §3, ecandidat-domain.md §7.2): the AMUE SOAP services for
// students and the OPI, the REST PJ and INES services, and the tables eCandidat reads over JDBC
// through their JSON face. The same code talks to the simulator and to a real Apogée: only the URL
// differs.
import {
  notImplemented,
  SisValidationError,
  type AdmissionRecord,
  type ExportContext,
  type FormationSearch,
  type SisAdapter,
  type SisFormation,
} from '../port.ts';
import * as lookups from './lookups.ts';
import type { ApogeeFormation } from './lookups.ts';
import { exportOpi } from './opi-export.ts';
import { ApogeeTransport, apogeeEndpoints, type ApogeeEndpoints } from './transport.ts';

export interface ApogeeConfig {
  /** Base URL of Apogée's services (or of the simulator); empty: not configured. */
  url: string;
  /** Timeout of every call, in milliseconds. */
  timeoutMs: number;
  /** OPI_PREFIXE: the OPI code is this prefix + the dossier number (8 characters). */
  opiPrefix: string;
  /** SCOL_SISCOL_COD_SANS_BAC: the bac code sent for a candidate without bac. */
  codSansBac: string;
  /** Endpoints that differ from the base URL's defaults (a real Apogée has one host per service). */
  endpoints?: Partial<ApogeeEndpoints>;
}

export const DEFAULT_APOGEE_CONFIG: Omit<ApogeeConfig, 'url'> = { timeoutMs: 10_000, opiPrefix: 'EC', codSansBac: '0001' };

export type ApogeeAdapter = ReturnType<typeof createApogeeAdapter>;

export function createApogeeAdapter(config: ApogeeConfig) {
  const transport = config.url ? new ApogeeTransport({ ...apogeeEndpoints(config.url), ...config.endpoints }, config.timeoutMs) : null;
  const t = () => {
    if (!transport) throw new SisValidationError('Apogée : aucune adresse configurée (APOGEE_URL).');
    return transport;
  };
  // Port v2 (sis/port.ts) takes a query object; the Apogée calls below keep their own shapes until
  // this adapter maps them onto the port (operations not mapped yet throw "not implemented yet").
  function searchFormations(search: string, managementCentreCode?: string | null): Promise<ApogeeFormation[]>;
  function searchFormations(q: FormationSearch): Promise<SisFormation[]>;
  function searchFormations(q: string | FormationSearch, managementCentreCode?: string | null): Promise<ApogeeFormation[] | SisFormation[]> {
    if (typeof q === 'string') return lookups.searchFormations(t(), q, managementCentreCode);
    return notImplemented('A', 'searchFormations');
  }
  return {
    type: 'A' as const,
    /** Capability flags of Apogée (reference sis-apis.md §4; PJ and régime/statut depend on parameters). */
    capabilities: {
      syncStudent: true,
      syncStudentDocuments: false,
      academicYears: true,
      birthCommunes: false,
      ineCheck: true,
      cge: true,
      regimeStatut: false,
      sandbox: false,
    },
    /** Field sizes Apogée imposes (reference sis-apis.md §4). */
    fieldSizes: { address: 32, name: 30, firstName: 20 },
    listReferential: async () => notImplemented('A', 'listReferential'),
    checkBacSpecialityOption: async () => notImplemented('A', 'checkBacSpecialityOption'),
    academicPeriods: async () => notImplemented('A', 'academicPeriods'),
    findStudent: async () => notImplemented('A', 'findStudent'),
    // The context (same-day exports) is Pégase's need: Apogée reads the candidate's OPI from Apogée.
    exportAdmission: (record: AdmissionRecord, _context: ExportContext) => exportOpi(t(), { prefix: config.opiPrefix, codSansBac: config.codSansBac }, record),
    lookupStudent: (q: { studentNumber?: string | null; ine?: string | null; ineKey?: string | null }) => lookups.lookupStudent(t(), q),
    searchFormations,
    diplomasOfVet: (vetCode: string, vetVersion: string) => lookups.diplomasOfVet(t(), vetCode, vetVersion),
    readTable: (table: string) => lookups.readTable(t(), table),
    checkBac: (bac: Parameters<typeof lookups.checkBac>[1]) => lookups.checkBac(t(), bac),
    checkIne: (ine: string, key: string) => lookups.checkIne(t(), ine, key),
    checkInesVersion: () => lookups.checkInesVersion(t()),
    version: () => lookups.apogeeVersion(t()),
    studentPieces: (q: Parameters<typeof lookups.studentPieces>[1]) => lookups.studentPieces(t(), q),
    studentPieceFile: (q: Parameters<typeof lookups.studentPieceFile>[1]) => lookups.studentPieceFile(t(), q),
  } satisfies SisAdapter & Record<string, unknown>;
}
