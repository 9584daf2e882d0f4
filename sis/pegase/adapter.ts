// Pégase adapter (reference sis-apis.md §1–§2, ecandidat-domain.md §7.3): REST calls with a JWT from
// the CAS tickets endpoint (http.ts), reads mapped onto the port (lookups.ts), and the admission
// export: the day's three CSV files rewritten as eCandidat does (opi-files.ts), and the admission
// pushed through INS `admis/import` (admis-import.ts). The same code talks to the simulator and to a
// real Pégase: only the URLs differ.
import { parisDate } from '../../domain/time.ts';
import {
  SisValidationError,
  type AdmissionRecord,
  type ExportContext,
  type ExportReceipt,
  type BacCheck,
  type SisAdapter,
  type SisFormation,
} from '../port.ts';
import { importAdmission } from './admis-import.ts';
import type { PegaseConfig } from './config.ts';
import { PegaseHttp, pegaseUrls } from './http.ts';
import * as lookups from './lookups.ts';
import { buildOpiFiles, writeOpiFiles } from './opi-files.ts';

export { DEFAULT_PEGASE_CONFIG, type PegaseConfig } from './config.ts';

/** Field sizes Pégase takes (reference sis-apis.md §4). */
const FIELD_SIZES = { address: 38, name: 100, firstName: 100 };

export type PegaseAdapter = ReturnType<typeof createPegaseAdapter>;

export function createPegaseAdapter(opts: { opiDir: string; pegase: PegaseConfig }) {
  const { pegase } = opts;
  const http = pegase.url
    ? new PegaseHttp({
        urls: { ...pegaseUrls(pegase.url), ...pegase.urls },
        etab: pegase.etab,
        username: pegase.username,
        password: pegase.password,
        tokenInQuery: pegase.tokenInQuery,
        timeoutMs: pegase.timeoutMs,
      })
    : null;
  // Called inside async functions, so that "not configured" is a rejected promise like any refusal.
  const h = () => {
    if (!http) throw new SisValidationError('Pégase : aucune adresse configurée (PEGASE_URL).');
    return http;
  };

  async function exportAdmission(record: AdmissionRecord, context: ExportContext): Promise<ExportReceipt> {
    if (record.kind === 'admission') checkAdmission(record);
    // Pégase first: when it refuses, the day's files are left as they were.
    const admisImport =
      record.kind === 'admission' && http
        ? await importAdmission(http, record.businessKey, buildOpiFiles([record]).inscription, {
            pollMs: pegase.importPollMs,
            timeoutMs: pegase.importTimeoutMs,
          })
        : null;
    const written = await context.writeDayFiles(async (others) => {
      // A withdrawal removes the wish from the day's files (Pégase's import has no withdrawal: the
      // registration office cancels the admission in Pégase); an admission adds it.
      const day = [...others.filter((r) => r.businessKey !== record.businessKey), ...(record.kind === 'admission' ? [record] : [])];
      const at = new Date();
      return { at: at.toISOString(), files: await writeOpiFiles(opts.opiDir, parisDate(at), day), admissionsInFiles: day.length };
    });
    return { at: written.at, details: { files: written.files, admissionsInFiles: written.admissionsInFiles, admisImport } };
  }

  return {
    type: 'P' as const,
    // Reference sis-apis.md §4: no CGE, no INES check, no régime/statut; birth communes; a sandbox.
    capabilities: {
      syncStudent: true,
      syncStudentDocuments: false,
      academicYears: true,
      birthCommunes: true,
      ineCheck: false,
      cge: false,
      regimeStatut: false,
      sandbox: true,
    },
    fieldSizes: FIELD_SIZES,
    listReferential: async <L extends Parameters<SisAdapter['listReferential']>[0]>(list: L) => lookups.referential(h(), list, pegase.refPageSize),
    // Pégase has no bac consistency check (PKB_BAC is Apogée's).
    checkBacSpecialityOption: async (_bac: BacCheck) => null,
    searchFormations: async (q: Parameters<SisAdapter['searchFormations']>[0]) => lookups.searchFormations(h(), q),
    formationDiplomaType: async (formation: Pick<SisFormation, 'sisId'>) => lookups.formationDiplomaType(h(), formation),
    academicPeriods: async () => lookups.academicPeriods(h()),
    findStudent: async (q: Parameters<SisAdapter['findStudent']>[0]) => lookups.findStudent(h(), q),
    // hasCheckStudentINES = false: every INE passes.
    checkIne: async (_ine: string, _key: string) => true,
    exportAdmission,
    /** Drops the cached JWT (tests of the token refresh). */
    forgetToken: () => http?.forgetToken(),
  } satisfies SisAdapter & Record<string, unknown>;
}

/** What eCandidat checks before a Pégase export, and the sizes Pégase takes. */
function checkAdmission(record: AdmissionRecord): void {
  const c = record.candidate;
  const what = `Dossier ${record.dossierNumber}`;
  // The reference skips such candidates with an error to the functional admin: same here.
  if (!c.address) throw new SisValidationError(`${what} : adresse manquante, export Pégase impossible.`);
  if (!record.formation.pegaseCode) throw new SisValidationError(`Formation ${record.formation.code} : aucun code Pégase (code_voeu) renseigné.`);
  const tooLong: string[] = [];
  if (c.birthName.length > FIELD_SIZES.name) tooLong.push(`nom de naissance (${FIELD_SIZES.name} caractères au plus)`);
  if ((c.usualName ?? '').length > FIELD_SIZES.name) tooLong.push(`nom d'usage (${FIELD_SIZES.name} caractères au plus)`);
  if (c.firstName.length > FIELD_SIZES.firstName) tooLong.push(`prénom (${FIELD_SIZES.firstName} caractères au plus)`);
  for (const [label, v] of [
    ['voie', c.address.line1],
    ['étage', c.address.line2],
    ['bâtiment', c.address.line3],
    ['ville étrangère', c.address.foreignCity],
  ] as const)
    if ((v ?? '').length > FIELD_SIZES.address) tooLong.push(`adresse, ${label} (${FIELD_SIZES.address} caractères au plus)`);
  if (tooLong.length) throw new SisValidationError(`${what} : trop long pour Pégase : ${tooLong.join(', ')}.`);
}
