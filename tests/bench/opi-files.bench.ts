// `npm run bench:micro`: building the three Pégase admission CSV files (reference sis-apis.md §2.8) for a
// day's worth of admissions. The files are rewritten with every admission of the day, so their cost
// grows with the day's volume.
import { test } from 'vitest';
import { buildOpiFiles } from '../../sis/pegase/opi-files.ts';
import type { AdmissionRecord } from '../../sis/port.ts';

function admission(i: number): AdmissionRecord {
  return {
    businessKey: `c${i}:1`,
    kind: 'admission',
    campaignCode: '2026-P',
    dossierNumber: `K${String(i).padStart(7, '0')}`,
    candidate: {
      civility: i % 2 ? 'Mme' : 'M.',
      birthName: `NOM${i}`,
      usualName: null,
      firstName: 'Prénom',
      otherFirstNames: null,
      birthDate: '2004-03-09',
      birthCountryCode: '100',
      birthCommuneCode: '54395',
      birthCityLabel: 'Nancy',
      nationalityCode: '100',
      ine: `${1000000000 + i}`,
      ineKey: 'AB',
      phone: null,
      mobilePhone: '0600000000',
      email: `c${i}@example.test`,
      address: { countryCode: '100', line1: `${i} rue Stanislas`, line2: null, line3: null, postcode: '54000', communeCode: '54395', foreignCity: null },
    },
    formation: { code: 'MINFO-M1', pegaseCode: 'MINFO-M1', apogeeVetCode: null, apogeeVetVersion: null, apogeeDiplomaCode: null, apogeeDiplomaVersion: null },
  };
}

for (const size of [100, 1_000, 10_000]) {
  const records = Array.from({ length: size }, (_, i) => admission(i));
  test(`${size} admissions of the day`, async ({ bench }) => {
    await bench(`build the three CSV files for ${size} admissions`, () => {
      buildOpiFiles(records);
    }).run();
  });
}
