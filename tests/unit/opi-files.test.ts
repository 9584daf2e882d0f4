import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpiFiles, writeOpiFiles } from '../../sis/pegase/opi-files.ts';
import type { AdmissionRecord } from '../../sis/port.ts';

const fixture = (name: string) => readFile(join(import.meta.dirname, '../fixtures/pegase-opi', name), 'utf8');

const lea: AdmissionRecord = {
  businessKey: 'c1:1',
  kind: 'admission',
  campaignCode: '2026-P',
  dossierNumber: 'DEMO0001',
  candidate: {
    civility: 'Mme',
    birthName: 'MARTIN',
    usualName: null,
    firstName: 'Léa',
    otherFirstNames: 'Anne; Marie',
    birthDate: '2004-03-09',
    birthCountryCode: '100',
    birthCommuneCode: '54395',
    birthCityLabel: 'Nancy',
    nationalityCode: '100',
    ine: '1234567890',
    ineKey: 'ab',
    phone: '0383000000',
    mobilePhone: '0600000000',
    email: 'candidat@demo.test',
    address: { countryCode: '100', line1: '12 rue Stanislas', line2: null, line3: 'Bât. B', postcode: '54000', communeCode: '54395', foreignCity: null },
  },
  formation: { code: 'MINFO-M1', pegaseCode: 'MINFO-M1', apogeeVetCode: null, apogeeVetVersion: null, apogeeDiplomaCode: null, apogeeDiplomaVersion: null },
};
const leaSecondWish: AdmissionRecord = { ...lea, businessKey: 'c2:1', formation: { ...lea.formation, code: 'MMIAGE-M1', pegaseCode: 'MMIAGE-M1' } };
const omar: AdmissionRecord = {
  ...lea,
  businessKey: 'c3:1',
  dossierNumber: 'K7Q2M9ZA',
  candidate: {
    ...lea.candidate,
    civility: 'M.',
    birthName: 'BENALI',
    usualName: 'BENALI-DURAND',
    firstName: 'Omar',
    otherFirstNames: null,
    birthDate: '2001-11-30',
    birthCountryCode: '350',
    birthCommuneCode: null,
    birthCityLabel: 'Rabat',
    nationalityCode: '350',
    ine: null,
    ineKey: null,
    phone: null,
    mobilePhone: '0611223344',
    email: 'omar.benali@example.org',
    address: {
      countryCode: '350',
      line1: '5 avenue Mohammed V',
      line2: 'Appartement 3',
      line3: null,
      postcode: null,
      communeCode: null,
      foreignCity: '10000 Rabat',
    },
  },
};

describe('Pégase admission files (sis-apis.md §2.8)', () => {
  it('writes the three files byte for byte as the fixtures', async () => {
    const files = buildOpiFiles([lea, leaSecondWish, omar]);
    expect(files.candidat).toBe(await fixture('candidat-20270201.csv'));
    expect(files.candidature).toBe(await fixture('candidature-20270201.csv'));
    expect(files.inscription).toBe(await fixture('inscription-20270201.csv'));
  });

  it('names the files by day and rewrites them on each run of the day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opi-'));
    await writeOpiFiles(dir, '2027-02-01', [lea]);
    await writeOpiFiles(dir, '2027-02-01', [lea, omar]);
    expect((await readdir(dir)).sort()).toEqual(['candidat-20270201.csv', 'candidature-20270201.csv', 'inscription-20270201.csv']);
    const candidature = await readFile(join(dir, 'candidature-20270201.csv'), 'utf8');
    expect(candidature.trim().split('\n')).toHaveLength(3); // header + two wishes, no duplicate of the first run
  });
});
