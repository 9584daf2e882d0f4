// Extra candidate accounts for tests and benchmarks that need more candidates on one campaign than
// the demo data has (waiting lists, concurrency): complete files (civil status, address, bac), the
// demo password, idempotent by dossier number.
import { hash } from '@node-rs/argon2';
import type { Db } from '../../infra/prisma.ts';
import { DEMO_PASSWORD } from '../../prisma/seed.ts';

let passwordHash: Promise<string> | undefined;

/** Creates (or finds) `count` accounts `<prefix>00001…` on the campaign; returns their login e-mails. */
export async function createCandidates(db: Db, campaignCode: string, prefix: string, count: number): Promise<string[]> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { code: campaignCode } });
  passwordHash ??= hash(DEMO_PASSWORD);
  const emails: string[] = [];
  for (let i = 1; i <= count; i++) {
    const dossierNumber = `${prefix}${String(i).padStart(8 - prefix.length, '0')}`;
    const email = `${dossierNumber.toLowerCase()}@essai.test`;
    await db.candidateAccount.upsert({
      where: { dossierNumber },
      update: {},
      create: {
        campaignId: campaign.id,
        dossierNumber,
        email,
        passwordHash: await passwordHash,
        firstName: 'Alex',
        lastName: `ESSAI${i}`,
        emailValidated: true,
        validated: true,
        candidate: {
          create: {
            civility: 'M.',
            birthName: `ESSAI${i}`,
            firstName: 'Alex',
            birthDate: new Date('2003-05-17T00:00:00Z'),
            birthCountryCode: '100',
            birthCityLabel: 'Lyon',
            nationalityCode: '100',
            ine: `${prefix.slice(0, 3)}${String(i).padStart(7, '0')}`,
            ineKey: 'AB',
            language: 'fr',
            address: { create: { line1: `${i} rue de la République`, postcode: '69002', communeCode: '69382', countryCode: '100' } },
            bac: { create: { year: 2021, bacCode: 'G', countryCode: '100' } },
          },
        },
      },
    });
    emails.push(email);
  }
  return emails;
}
