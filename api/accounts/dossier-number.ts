// Dossier numbers (reference §5, num_dossier_opi_cpt_min): CANDIDAT_PREFIXE_NUM_DOSS followed by
// random [0-9A-Z] up to 8 characters, the login besides the e-mail. Every number given is kept in
// dossier_number_history, so that none is ever given twice, even after its account is destroyed.
import { randomInt } from 'node:crypto';
import type { Db, Prisma } from '../../infra/prisma.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DOSSIER_NUMBER_LENGTH = 8;

/** A random number with this prefix (cut so that at least 4 random characters remain). */
export function randomDossierNumber(prefix: string): string {
  const kept = prefix
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, DOSSIER_NUMBER_LENGTH - 4);
  let out = kept;
  while (out.length < DOSSIER_NUMBER_LENGTH) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Reserves a number never given before (recorded in the history) for the campaign. */
export async function reserveDossierNumber(db: Db | Prisma.TransactionClient, prefix: string, campaignCode: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const dossierNumber = randomDossierNumber(prefix);
    const inserted = await db.$executeRaw`
      INSERT INTO dossier_number_history (dossier_number, campaign_code) VALUES (${dossierNumber}, ${campaignCode})
      ON CONFLICT (dossier_number) DO NOTHING`;
    if (inserted === 1) return dossierNumber;
  }
  throw new Error('no free dossier number after 20 attempts (prefix too long?)');
}
