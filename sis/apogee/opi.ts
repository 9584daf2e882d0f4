// The OPI as Apogée wants it (`DonneesOpiDTO10`, reference sis-apis.md §3.4), built from an
// AdmissionRecord: pure functions, no I/O. Apogée's column sizes are checked here, before the call,
// so that a too-long name or address line is refused with the field named instead of being
// truncated or refused by Apogée with a code nobody reads.
import { SisValidationError, type AdmissionRecord } from '../port.ts';

/** Apogée's field sizes (reference sis-apis.md §4: address 32, nom 30, prénom 20). */
export const APOGEE_FIELD_SIZES = { address: 32, name: 30, firstName: 20, opiCode: 10 } as const;

/** One wish as VOEUX_INS keys it, plus the diploma it leads to. */
export interface OpiWish {
  codCge: string;
  codEtp: string;
  codVrsVet: number;
  codDip: string | null;
  codVrsVdi: number | null;
}

export const sameWish = (a: OpiWish, b: OpiWish) => a.codCge === b.codCge && a.codEtp === b.codEtp && a.codVrsVet === b.codVrsVet;

export interface OpiSettings {
  /** OPI_PREFIXE (default EC): the OPI code is this prefix + the dossier number. */
  prefix: string;
  /** SCOL_SISCOL_COD_SANS_BAC: the bac code sent for a candidate without bac. */
  codSansBac: string;
}

/** Uppercased, accents stripped, trailing spaces trimmed: how eCandidat writes names into Apogée. */
export function apogeeText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const out = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Œœ]/g, 'OE')
    .replace(/[Ææ]/g, 'AE')
    .toUpperCase()
    .trimEnd();
  return out === '' ? null : out;
}

export const opiCode = (settings: OpiSettings, dossierNumber: string) => `${settings.prefix}${dossierNumber}`;

/** The Apogée department (3 characters) of a French commune's INSEE code. */
export function departmentOfCommune(communeCode: string): string {
  if (/^97\d/.test(communeCode)) return communeCode.slice(0, 3);
  return `0${communeCode.slice(0, 2)}`;
}

/** ddMMyyyy, the OPI's date format. */
const opiDate = (isoDate: string) => `${isoDate.slice(8, 10)}${isoDate.slice(5, 7)}${isoDate.slice(0, 4)}`;

export function fitsOrRefuse(dossierNumber: string, label: string, value: string | null, max: number): string | null {
  if (value !== null && value.length > max)
    throw new SisValidationError(`Dossier ${dossierNumber} : ${label} trop long pour Apogée (${value.length} caractères, ${max} au plus) : « ${value} ».`);
  return value;
}

/** The `etatCivil` names as sent and as searched in IND_OPI. */
export function opiNames(record: AdmissionRecord) {
  const c = record.candidate;
  const d = record.dossierNumber;
  return {
    libNomPatIndOpi: fitsOrRefuse(d, 'le nom de naissance', apogeeText(c.birthName), APOGEE_FIELD_SIZES.name),
    libNomUsuIndOpi: fitsOrRefuse(d, "le nom d'usage", apogeeText(c.usualName), APOGEE_FIELD_SIZES.name),
    libPr1IndOpi: fitsOrRefuse(d, 'le prénom', apogeeText(c.firstName), APOGEE_FIELD_SIZES.firstName),
    libPr2IndOpi: fitsOrRefuse(d, 'le deuxième prénom', apogeeText(c.otherFirstNames), APOGEE_FIELD_SIZES.firstName),
    dateNaiIndOpi: opiDate(c.birthDate),
  };
}

/** The wish this record is about, once its management centre (CGE) is known. */
export function recordWish(record: AdmissionRecord, codCge: string): OpiWish {
  const f = record.formation;
  if (!f.apogeeVetCode || !f.apogeeVetVersion)
    throw new SisValidationError(`Formation ${f.code} : aucune étape Apogée (code et version de VET) renseignée, export OPI impossible.`);
  const codVrsVet = Number(f.apogeeVetVersion);
  if (!Number.isInteger(codVrsVet)) throw new SisValidationError(`Formation ${f.code} : version de VET « ${f.apogeeVetVersion} » non numérique.`);
  const codVrsVdi = f.apogeeDiplomaVersion ? Number(f.apogeeDiplomaVersion) : null;
  return { codCge, codEtp: f.apogeeVetCode, codVrsVet, codDip: f.apogeeDiplomaCode, codVrsVdi: Number.isInteger(codVrsVdi) ? codVrsVdi : null };
}

/**
 * `DonneesOpiDTO10` for the candidate with all their wishes: Apogée replaces the OPI's wishes with
 * the ones sent, and one empty wish deletes them all (the reference's hack for "no wish left").
 */
export function donneesOpi(record: AdmissionRecord, wishes: OpiWish[], settings: OpiSettings, opts: { openYear: string; studentNumber: number | null }) {
  const c = record.candidate;
  const d = record.dossierNumber;
  const code = fitsOrRefuse(d, 'le code OPI (préfixe + numéro de dossier)', opiCode(settings, d), APOGEE_FIELD_SIZES.opiCode);
  const names = opiNames(record);
  if (!names.libNomPatIndOpi || !names.libPr1IndOpi) throw new SisValidationError(`Dossier ${d} : nom de naissance et prénom obligatoires pour Apogée.`);

  let birthPlace: { codTypDepPayNai: 'D' | 'P'; codDepPayNai: string };
  if (c.birthCountryCode === '100') {
    if (!c.birthCommuneCode)
      throw new SisValidationError(`Dossier ${d} : né(e) en France sans commune de naissance, département de naissance inconnu pour Apogée.`);
    birthPlace = { codTypDepPayNai: 'D', codDepPayNai: departmentOfCommune(c.birthCommuneCode) };
  } else birthPlace = { codTypDepPayNai: 'P', codDepPayNai: c.birthCountryCode };

  const a = c.address;
  const adresseFixe = a
    ? {
        codBdi: a.countryCode === '100' ? a.postcode : null,
        codPay: a.countryCode,
        codCom: a.countryCode === '100' ? a.communeCode : null,
        lib1: fitsOrRefuse(d, "la ligne 1 de l'adresse", apogeeText(a.line1), APOGEE_FIELD_SIZES.address),
        lib2: fitsOrRefuse(d, "la ligne 2 de l'adresse", apogeeText(a.line2), APOGEE_FIELD_SIZES.address),
        lib3: fitsOrRefuse(d, "la ligne 3 de l'adresse", apogeeText(a.line3), APOGEE_FIELD_SIZES.address),
        libAde: a.countryCode === '100' ? null : fitsOrRefuse(d, "la ville de l'adresse", apogeeText(a.foreignCity), APOGEE_FIELD_SIZES.address),
        numTel: c.phone ?? c.mobilePhone,
      }
    : null;

  // The candidate's bac (MAJOpiBacDTO2); Apogée's "sans bac" code only when they have none.
  const bac = c.bac ?? null;
  return {
    individu: {
      codEtuOpi: opts.studentNumber,
      codOpiIntEpo: code,
      codNneIndOpi: c.ine && c.ineKey ? `${c.ine}${c.ineKey}`.toUpperCase() : null,
      codSexEtuOpi: c.civility === 'Mme' ? 'F' : 'M',
      etatCivil: {
        libNomPatIndOpi: names.libNomPatIndOpi,
        libNomUsuIndOpi: names.libNomUsuIndOpi,
        libPr1IndOpi: names.libPr1IndOpi,
        libPr2IndOpi: names.libPr2IndOpi,
      },
      donneesNaissance: {
        dateNaiIndOpi: names.dateNaiIndOpi,
        temDateNaiRelOpi: 'N',
        codPayNat: c.nationalityCode,
        libVilNaiEtuOpi: apogeeText(c.birthCityLabel),
        ...birthPlace,
      },
      donneesPersonnelles: { adrMailOpi: c.email, numTelPorOpi: c.mobilePhone },
    },
    bac: bac
      ? {
          codBac: bac.bacCode,
          codDep: bac.departmentCode,
          codEtb: bac.establishmentCode,
          codMention: bac.mentionCode,
          daaObtBacOba: String(bac.year ?? opts.openYear),
          codSpe1BacTer: bac.specialty1Code,
          codSpe2BacTer: bac.specialty2Code,
          codSpeBacPre: bac.firstYearSpecialtyCode,
          codOpt1Bac: bac.optionCodes[0] ?? null,
          codOpt2Bac: bac.optionCodes[1] ?? null,
          codOpt3Bac: bac.optionCodes[2] ?? null,
          codOpt4Bac: bac.optionCodes[3] ?? null,
        }
      : { codBac: settings.codSansBac, daaObtBacOba: opts.openYear },
    adresseFixe,
    voeux: {
      item: wishes.length
        ? wishes.map((w) => ({
            codCge: w.codCge,
            codEtp: w.codEtp,
            codVrsVet: w.codVrsVet,
            codDip: w.codDip,
            codVrsVdi: w.codVrsVdi,
            numCls: 1,
            codDecVeu: 'F',
            codDemDos: 'C',
            temValPsd: 'N',
          }))
        : [{}],
    },
  };
}
