// Apogée adapter. The admission export goes through the OpiMetier SOAP service
// (`mettreajourDonneesOpi_v10`, reference sis-apis.md §3.4); that connector and its simulator are
// the SIS issue's work. Until then an export to Apogée is refused with a message an admin can read,
// and the candidature waits in "export failed" (nothing is lost: it can be retried once connected).
import { SisValidationError, type SisAdapter } from '../port.ts';

export function createApogeeAdapter(): SisAdapter {
  return {
    type: 'A',
    async exportAdmission(record) {
      throw new SisValidationError(`Export Apogée (OPI) du dossier ${record.dossierNumber} : connecteur OpiMetier non configuré.`);
    },
  };
}
