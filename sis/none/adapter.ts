// No SIS (type D, siScolDefaultServiceImpl; reference sis-apis.md §4): referentials are maintained
// by hand, nobody is looked up, nothing is exported. Every list is null so that the synchronisation
// skips it rather than emptying the hand-made tables.
import { SisValidationError, type SisAdapter } from '../port.ts';

export function createNoneAdapter(): SisAdapter {
  return {
    type: 'D',
    capabilities: {
      syncStudent: false,
      syncStudentDocuments: false,
      academicYears: false,
      birthCommunes: false,
      ineCheck: false,
      cge: true,
      regimeStatut: false,
      sandbox: false,
    },
    // No SIS to overflow: the largest sizes any SIS takes.
    fieldSizes: { address: 38, name: 100, firstName: 100 },
    listReferential: async () => null,
    checkBacSpecialityOption: async () => null,
    searchFormations: async () => [],
    academicPeriods: async () => null,
    findStudent: async () => null,
    checkIne: async () => true,
    async exportAdmission(record) {
      throw new SisValidationError(`La campagne ${record.campaignCode} n'est liée à aucun SI Scolarité.`);
    },
  };
}
