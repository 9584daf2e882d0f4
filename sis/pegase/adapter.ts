// Pégase adapter. Admissions: Pégase has no admission call for eCandidat, so the export rewrites
// the day's CSV files (reference sis-apis.md §2.8) in the folder configured for Pégase, from which
// an admin imports them (the `admis/import` API push arrives with the SIS issue).
import { parisDate } from '../../domain/time.ts';
import { notImplemented, SisValidationError, type AdmissionRecord, type ExportContext, type ExportReceipt, type SisAdapter } from '../port.ts';
import { writeOpiFiles } from './opi-files.ts';

export function createPegaseAdapter(opts: { opiDir: string }): SisAdapter {
  return {
    type: 'P',
    // Reference sis-apis.md §4: Pégase has no CGE, no INES check, no régime/statut, a sandbox.
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
    fieldSizes: { address: 38, name: 100, firstName: 100 },
    listReferential: async () => notImplemented('P', 'listReferential'),
    checkBacSpecialityOption: async () => null,
    searchFormations: async () => notImplemented('P', 'searchFormations'),
    academicPeriods: async () => notImplemented('P', 'academicPeriods'),
    findStudent: async () => notImplemented('P', 'findStudent'),
    checkIne: async () => true,
    async exportAdmission(record: AdmissionRecord, context: ExportContext): Promise<ExportReceipt> {
      if (record.kind === 'admission') {
        // The reference skips such candidates with an error to the functional admin: same here.
        if (!record.candidate.address) throw new SisValidationError(`Dossier ${record.dossierNumber} : adresse manquante, export Pégase impossible.`);
        if (!record.formation.pegaseCode) throw new SisValidationError(`Formation ${record.formation.code} : aucun code Pégase (code_voeu) renseigné.`);
      }
      const now = new Date();
      const others = (await context.sameDayRecords()).filter((r) => r.businessKey !== record.businessKey);
      // A withdrawal removes the wish from the day's files; an admission adds it.
      const day = [...others, ...(record.kind === 'admission' ? [record] : [])];
      const files = await writeOpiFiles(opts.opiDir, parisDate(now), day);
      return { at: now.toISOString(), details: { files, admissionsInFiles: day.length } };
    },
  };
}
