// What the candidate's PDFs print, read once: the candidature's full view (from its state), the
// account and civil status with its address in words, the formation, its commission (address,
// signatory, signature file) and campaign, and the labels of the codes in the letter's language.
// It takes the database and the file storage only, so the API and the mail activity share it.
import type { CandidatureView } from '../../contracts/candidature.ts';
import { toView, type CandidatureState } from '../../domain/candidature.ts';
import type { SisType } from '../../domain/codes.ts';
import type { AddressData } from '../../domain/profile.ts';
import { readStoredFile } from '../../infra/file-store.ts';
import type { Db } from '../../infra/prisma.ts';
import type { FileStorage } from '../../infra/storage.ts';
import type { Language } from '../language.ts';

export interface LetterDeps {
  db: Db;
  storage: FileStorage;
}

export type LetterContext = NonNullable<Awaited<ReturnType<typeof loadLetterContext>>>;

/** A French address's commune, or a foreign city, then the country when not France. */
async function addressLines(db: Db, sisType: SisType, address: AddressData | null): Promise<string[]> {
  if (!address) return [];
  const commune = address.communeCode ? await db.sisCommune.findFirst({ where: { code: address.communeCode, sisType } }) : null;
  const country = address.countryCode !== '100' ? await db.sisCountry.findFirst({ where: { code: address.countryCode, sisType } }) : null;
  const city = address.foreignCity ?? commune?.label ?? '';
  return [
    address.line1,
    address.line2,
    address.line3,
    [address.postcode, city, address.cedex].filter(Boolean).join(' '),
    address.countryCode !== '100' ? (country?.label ?? address.countryCode) : null,
  ].filter((l): l is string => !!l && l.trim() !== '');
}

/** Everything a PDF of this candidature may print (null when the candidature does not exist). */
export async function loadLetterContext(deps: LetterDeps, candidatureId: string) {
  const { db } = deps;
  const row = await db.candidature.findUnique({
    where: { id: candidatureId },
    include: {
      campaign: true,
      formation: { include: { commission: { include: { signatureFile: true, centre: true } } } },
      account: {
        include: {
          candidate: { include: { address: true, bac: true, externalCursus: true, internalCursus: true, internships: true, professionalExperiences: true } },
        },
      },
    },
  });
  if (!row?.state) return null;
  const state = row.state as unknown as CandidatureState;
  const view: CandidatureView = toView(state);
  const sisType = row.campaign.sisType;
  const person = row.account.candidate;
  const commission = row.formation.commission;
  const cityLine = [commission.postcode, commission.city].filter(Boolean).join(' ');
  const [decisionTypes, motives, pieceStatuses, opinionKinds, candidateAddress, commissionCountry] = await Promise.all([
    db.decisionType.findMany({ select: { code: true, label: true, labelEn: true, showComment: true } }),
    db.unfavourableMotive.findMany({ select: { code: true, label: true, labelEn: true } }),
    db.pieceStatusType.findMany(),
    db.opinionKind.findMany(),
    addressLines(db, sisType, person?.address ?? null),
    commission.countryCode && commission.countryCode !== '100' ? db.sisCountry.findFirst({ where: { code: commission.countryCode, sisType } }) : null,
  ]);
  return {
    state,
    view,
    row,
    sisType,
    account: row.account,
    person,
    candidateAddress,
    formation: row.formation,
    commission,
    commissionAddress: [commission.addressLine1, commission.addressLine2, commission.addressLine3, cityLine, commissionCountry?.label ?? null].filter(
      (l): l is string => !!l,
    ),
    campaign: row.campaign,
    label: {
      decisionType: (code: string, lang: Language) => {
        const d = decisionTypes.find((t) => t.code === code);
        return (lang === 'en' ? d?.labelEn : null) ?? d?.label ?? code;
      },
      showsComment: (code: string) => decisionTypes.find((t) => t.code === code)?.showComment ?? false,
      motive: (code: string | null, lang: Language) => {
        if (!code) return null;
        const m = motives.find((t) => t.code === code);
        return (lang === 'en' ? m?.labelEn : null) ?? m?.label ?? code;
      },
      pieceStatus: (code: string, lang: Language) => {
        const s = pieceStatuses.find((t) => t.code === code);
        return (lang === 'en' ? s?.labelEn : null) ?? s?.label ?? code;
      },
      opinionKind: (code: string, lang: Language) => {
        const s = opinionKinds.find((t) => t.code === code);
        return (lang === 'en' ? s?.labelEn : null) ?? s?.label ?? code;
      },
    },
    /** The bytes of a stored file (null when they are not in the storage any more, or it cannot be read). */
    async fileBytes(file: { code: string }): Promise<Buffer | null> {
      return readStoredFile(deps.storage, file.code).catch(() => null);
    },
  };
}

/** A civility as a letter in this language prints it: M. / Mme in French, Mr / Ms in English. */
export function civilityLabel(civility: string | null | undefined, lang: Language): string | null {
  if (!civility) return null;
  if (lang === 'fr') return civility;
  return ({ 'M.': 'Mr', Mme: 'Ms' } as Record<string, string>)[civility] ?? civility;
}

/** The candidate's name as letters print it: usual name, else birth name, then first name. */
export function candidateName(ctx: LetterContext): { civility: string | null; lastName: string; birthName: string | null; firstName: string } {
  const p = ctx.person;
  if (!p) return { civility: null, lastName: ctx.account.lastName, birthName: null, firstName: ctx.account.firstName };
  return { civility: p.civility, lastName: p.usualName ?? p.birthName, birthName: p.usualName ? p.birthName : null, firstName: p.firstName };
}
