// Apogée adapter (reference sis-apis.md §3, ecandidat-domain.md §7.2): the AMUE SOAP services for
// students and the OPI, the REST PJ and INES services, and the tables eCandidat reads over JDBC
// through their JSON face. The same code talks to the simulator and to a real Apogée: only the URL
// differs.
import { SisValidationError, type AdmissionRecord, type ExportContext, type SisAdapter } from '../port.ts';
import * as lookups from './lookups.ts';
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
    // Port operations (reference sis-apis.md §3, §4). Called inside async functions, so that "not
    // configured" is a rejected promise like any refusal.
    /** The tables eCandidat reads over JDBC (`/db/tables/<TABLE>`); null for the birth communes. */
    listReferential: async <L extends Parameters<SisAdapter['listReferential']>[0]>(list: L) => lookups.referential(t(), list),
    /** PKB_BAC.VERIFIER_SPECIALITES_ET_OPTIONS_BAC: null on OK / SS, else Apogée's message. */
    checkBacSpecialityOption: async (bac: Parameters<SisAdapter['checkBacSpecialityOption']>[0]) => lookups.checkBacSpecialityOption(t(), bac),
    /** VETs open to recruitment (VERSION_ETAPE, ETP_GERER_CGE, …), restricted to `q.cge`; 50 at most. */
    searchFormations: async (q: Parameters<SisAdapter['searchFormations']>[0]) => lookups.searchFormations(t(), q),
    /** ANNEE_UNI, open when ETA_ANU_IAE = 'O'. */
    academicPeriods: async () => lookups.academicPeriods(t()),
    /** EtudiantMetier (identifiers, civil status and bacs, addresses) + PedagogiqueMetier (cursus). */
    findStudent: async (q: Parameters<SisAdapter['findStudent']>[0]) => lookups.findStudent(t(), q),
    /** INES REST check. */
    checkIne: async (ine: string, key: string) => lookups.checkIne(t(), ine, key),
    // The context (same-day exports) is Pégase's need: Apogée reads the candidate's OPI from Apogée.
    exportAdmission: async (record: AdmissionRecord, context: ExportContext) =>
      exportOpi(t(), { prefix: context.settings?.opiPrefix ?? config.opiPrefix, codSansBac: context.settings?.codSansBac ?? config.codSansBac }, record),

    // Apogée's own operations, beyond the port.
    /** The diplomas (VDI) of a VET (VDI_FRACTIONNER_VET), to complete a formation linked to a VET. */
    diplomasOfVet: async (vetCode: string, vetVersion: string) => lookups.diplomasOfVet(t(), vetCode, vetVersion),
    checkInesVersion: async () => lookups.checkInesVersion(t()),
    /** VERSION_APO, latest. */
    version: async () => lookups.apogeeVersion(t()),
    /** REST PJ (hasSyncEtudiantPJ, not offered yet): a student's validated pieces and their file. */
    studentPieces: async (q: Parameters<typeof lookups.studentPieces>[1]) => lookups.studentPieces(t(), q),
    studentPieceFile: async (q: Parameters<typeof lookups.studentPieceFile>[1]) => lookups.studentPieceFile(t(), q),
  } satisfies SisAdapter & Record<string, unknown>;
}
