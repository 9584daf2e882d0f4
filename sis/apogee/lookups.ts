// What the application reads from Apogée (reference sis-apis.md §3.2, §3.3, §4): a known student
// (EtudiantMetier + PedagogiqueMetier), the formation search and the diplomas of a VET, the
// referential tables, the bac consistency check, the INES check and the student's pieces (REST PJ).
// "Not found" answers become null or empty lists, as in eCandidat.
import { ApogeeBusinessError, type ApogeeTransport } from './transport.ts';

export interface ApogeeStudent {
  studentNumber: string;
  individualCode: string;
  civility: 'M.' | 'Mme';
  ine: string | null;
  ineKey: string | null;
  birthName: string;
  usualName: string | null;
  firstName: string;
  otherFirstNames: string | null;
  birthDate: string | null; // YYYY-MM-DD
  birthCityLabel: string | null;
  birthDepartmentCode: string | null;
  birthCountryCode: string;
  nationalityCode: string;
  email: string | null;
  mobilePhone: string | null;
  bac: {
    bacCode: string;
    year: number | null;
    mentionCode: string | null;
    establishmentCode: string | null;
    departmentCode: string | null;
    specialty1Code: string | null;
    specialty2Code: string | null;
    firstYearSpecialtyCode: string | null;
    optionCodes: string[];
  } | null;
  address: {
    countryCode: string;
    line1: string | null;
    line2: string | null;
    line3: string | null;
    postcode: string | null;
    communeCode: string | null;
    foreignCity: string | null;
    phone: string | null;
  } | null;
  internalCursus: {
    year: string;
    vetCode: string;
    vetVersion: string;
    label: string | null;
    resultCode: string | null;
    mentionCode: string | null;
    mark: string | null;
  }[];
}

export interface ApogeeFormation {
  vetCode: string;
  vetVersion: string;
  label: string;
  managementCentreCode: string;
  diplomaTypeCode: string | null;
  diplomaTypeLabel: string | null;
}

/** eCandidat asks for 50 rows at most (`rownum <= 50`) and at least 3 characters. */
export const FORMATION_SEARCH_LIMIT = 50;

const list = <T>(v: { item?: T | T[] } | null | undefined): T[] => (v?.item === undefined ? [] : Array.isArray(v.item) ? v.item : [v.item]);
const s = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/** A date from Apogée (a Date from the SOAP client, or text) as the calendar day in Paris. */
function parisDay(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApogeeBusinessError && err.notFound) return null;
    throw err;
  }
}

/**
 * A student known to Apogée, by student number first, else INE + key (reference sis-apis.md §3.3).
 * Null when Apogée does not know them.
 */
export async function lookupStudent(
  t: ApogeeTransport,
  q: { studentNumber?: string | null; ine?: string | null; ineKey?: string | null },
): Promise<ApogeeStudent | null> {
  const ine = q.ine && q.ineKey ? `${q.ine}${q.ineKey}`.toUpperCase() : null;
  if (!q.studentNumber && !ine) return null;
  const ids = await orNull(
    t.soap('etudiantMetier', 'recupererIdentifiantsEtudiant_v2', {
      _codEtu: q.studentNumber ?? null,
      _codInd: null,
      _numINE: q.studentNumber ? null : ine,
      _numBoursier: null,
      _codOPI: null,
      _nom: null,
      _prenom: null,
      _dateNaiss: null,
      _temoinRecupAnnu: 'N',
    }),
  );
  const id = ids?.recupererIdentifiantsEtudiant_v2Return;
  if (!id?.codEtu) return null;
  const codEtu = String(id.codEtu);

  const [infos, coords, contrats] = await Promise.all([
    orNull(t.soap('etudiantMetier', 'recupererInfosAdmEtu_v4', { _codEtu: codEtu })),
    orNull(t.soap('etudiantMetier', 'recupererAdressesEtudiant_v2', { _codEtu: codEtu, _annee: null, _recupAnnuaire: 'N' })),
    orNull(
      t.soap('pedagogiqueMetier', 'recupererContratPedagogiqueResultatVdiVet_v2', {
        _codEtu: codEtu,
        _codAnu: 'toutes',
        _sourceRes: 'Apogee',
        _etatDelib: 'T',
        _codSes: 'toutes',
        _typeRes: 'tous',
        _codEtaIae: 'E',
      }),
    ),
  ]);
  const info = infos?.recupererInfosAdmEtu_v4Return;
  if (!info) return null;

  // eCandidat keeps the most recent bac.
  const bacs = list<any>(info.listeBacs).sort((a, b) => Number(b.anneeObtentionBac ?? 0) - Number(a.anneeObtentionBac ?? 0));
  const bac = bacs[0];
  const c = coords?.recupererAdressesEtudiant_v2Return;
  // The annual address when there is one, else the fixed one.
  const a = c?.adresseAnnuelle ?? c?.adresseFixe;
  const fullIne = s(info.numeroINE) ?? s(id.numeroINE);

  return {
    studentNumber: codEtu,
    individualCode: String(id.codInd),
    civility: info.sexe === 'F' ? 'Mme' : 'M.',
    ine: fullIne ? fullIne.slice(0, -1) : null,
    ineKey: fullIne ? fullIne.slice(-1) : null,
    birthName: String(info.nomPatronymique),
    usualName: s(info.nomUsuel),
    firstName: String(info.prenom1),
    otherFirstNames: [info.prenom2, info.prenom3].filter(Boolean).join(' ') || null,
    birthDate: parisDay(info.dateNaissance),
    birthCityLabel: s(info.libVilleNaissance),
    birthDepartmentCode: s(info.departementNaissance?.codeDept),
    // A missing country or nationality means France (reference sis-apis.md §3.3).
    birthCountryCode: s(info.paysNaissance?.codPay) ?? '100',
    nationalityCode: s(info.nationaliteDTO?.codeNationalite) ?? '100',
    email: s(c?.email),
    mobilePhone: s(c?.numTelPortable),
    bac: bac
      ? {
          bacCode: String(bac.codBac),
          year: bac.anneeObtentionBac ? Number(bac.anneeObtentionBac) : null,
          mentionCode: s(bac.mentionBac?.codMention),
          establishmentCode: s(bac.etbBac?.codeEtb),
          departmentCode: s(bac.departementBac?.codeDept),
          specialty1Code: s(bac.codSpe1Bac),
          specialty2Code: s(bac.codSpe2Bac),
          firstYearSpecialtyCode: s(bac.codSpeBacPre),
          optionCodes: [bac.codOpt1Bac, bac.codOpt2Bac, bac.codOpt3Bac, bac.codOpt4Bac].filter(Boolean).map(String),
        }
      : null,
    address: a
      ? {
          countryCode: s(a.pays?.codPay) ?? '100',
          line1: s(a.libAd1),
          line2: s(a.libAd2),
          line3: s(a.libAd3),
          postcode: s(a.commune?.codePostal),
          communeCode: s(a.commune?.codeInsee),
          foreignCity: s(a.libAde),
          phone: s(a.numTel),
        }
      : null,
    internalCursus: list<any>(contrats?.recupererContratPedagogiqueResultatVdiVet_v2Return).flatMap((contrat) =>
      list<any>(contrat.etapes).map((e) => {
        const result = list<any>(e.resultatVet)[0];
        return {
          year: String(e.codAnu ?? contrat.annee),
          vetCode: String(e.etape?.codEtp),
          vetVersion: String(e.etape?.codVrsVet),
          label: s(e.etape?.libWebVet),
          resultCode: s(result?.typResultat?.codTre),
          mentionCode: s(result?.mention?.codMen),
          mark: s(result?.notVet),
        };
      }),
    ),
  };
}

/** Formation search over the VETs open to recruitment, optionally for one CGE; 50 rows at most. */
export async function searchFormations(t: ApogeeTransport, search: string, managementCentreCode?: string | null): Promise<ApogeeFormation[]> {
  if (search.trim().length < 3) return [];
  const params = new URLSearchParams({ search: search.trim() });
  if (managementCentreCode) params.set('codCge', managementCentreCode);
  const rows = await t.rest<Record<string, string | null>[]>(`${t.endpoints.db}/formations?${params}`);
  return rows.slice(0, FORMATION_SEARCH_LIMIT).map((r) => ({
    vetCode: String(r.codEtpVet),
    vetVersion: String(r.codVrsVet),
    label: String(r.libVet),
    managementCentreCode: String(r.codCge),
    diplomaTypeCode: r.codTpd ?? null,
    diplomaTypeLabel: r.libTypDip ?? null,
  }));
}

export async function diplomasOfVet(
  t: ApogeeTransport,
  vetCode: string,
  vetVersion: string,
): Promise<{ code: string; version: string; label: string | null }[]> {
  const rows = await t.rest<{ codDip: string; codVrsVdi: string; libDip: string | null }[]>(
    `${t.endpoints.db}/diplomes?${new URLSearchParams({ codEtp: vetCode, codVrsVet: vetVersion })}`,
  );
  return rows.map((r) => ({ code: r.codDip, version: r.codVrsVdi, label: r.libDip }));
}

/** A referential table, whole, with Apogée's column names (reference sis-apis.md §3.2). */
export const readTable = (t: ApogeeTransport, table: string) =>
  t.rest<Record<string, string | number | null>[]>(`${t.endpoints.db}/tables/${encodeURIComponent(table)}`);

/** Témoins: 'N' or null is false, anything else true (reference sis-apis.md §3.2). */
export const tem = (v: unknown) => v !== null && v !== undefined && v !== 'N';

/** PKB_BAC.VERIFIER_SPECIALITES_ET_OPTIONS_BAC: null when consistent (OK / SS), else Apogée's message. */
export async function checkBac(
  t: ApogeeTransport,
  bac: {
    year: number | null;
    bacCode: string;
    specialty1Code?: string | null;
    specialty2Code?: string | null;
    firstYearSpecialtyCode?: string | null;
    optionCodes?: (string | null)[];
  },
): Promise<string | null> {
  const p = new URLSearchParams({ codBac: bac.bacCode });
  if (bac.year !== null) p.set('annee', String(bac.year));
  if (bac.specialty1Code) p.set('spe1Ter', bac.specialty1Code);
  if (bac.specialty2Code) p.set('spe2Ter', bac.specialty2Code);
  if (bac.firstYearSpecialtyCode) p.set('spePre', bac.firstYearSpecialtyCode);
  (bac.optionCodes ?? []).forEach((o, i) => o && p.set(`opt${i + 1}`, o));
  const { result } = await t.rest<{ result: string }>(`${t.endpoints.db}/pkb-bac/verifier-specialites-et-options?${p}`);
  return result === 'OK' || result === 'SS' ? null : result;
}

/** INES national check of an INE and its key. */
export const checkIne = (t: ApogeeTransport, ine: string, key: string) =>
  t.rest<boolean>(`${t.endpoints.checkInes}/v1/check-ine`, { method: 'POST', body: { type: 'INES', ine: ine.toUpperCase(), cle: key.toUpperCase() } });

export const checkInesVersion = (t: ApogeeTransport) => t.rest<string>(`${t.endpoints.checkInes}/version`, { as: 'text' });

export async function apogeeVersion(t: ApogeeTransport): Promise<string> {
  const v = await t.rest<{ COD_VER: string; COD_PATCH: string | null }>(`${t.endpoints.db}/version`);
  return v.COD_PATCH ? `${v.COD_VER}.${v.COD_PATCH}` : v.COD_VER;
}

export interface ApogeePiece {
  year: string;
  code: string;
  label: string;
  fileName: string;
  status: string;
}

/** The student's validated pieces of a type, newest year first (reference sis-apis.md §3.1, REST PJ). */
export async function studentPieces(t: ApogeeTransport, q: { studentNumber: string; pieceCode: string; year?: string | null }): Promise<ApogeePiece[]> {
  const p = new URLSearchParams({ codEtu: q.studentNumber, codTpj: q.pieceCode });
  if (q.year) p.set('codAnu', q.year);
  const rows = await orNull(
    t.rest<{ codAnu: string; codTpj: string; libTpj: string; nomFic: string | null; stuPj: string | null; temDemPJ: string }[]>(`${t.endpoints.pj}/info?${p}`),
  );
  return (rows ?? [])
    .filter((r) => r.temDemPJ === 'O' && r.nomFic && r.stuPj?.startsWith('V'))
    .sort((a, b) => b.codAnu.localeCompare(a.codAnu))
    .map((r) => ({ year: r.codAnu, code: r.codTpj, label: r.libTpj, fileName: r.nomFic!, status: r.stuPj! }));
}

export async function studentPieceFile(t: ApogeeTransport, q: { studentNumber: string; pieceCode: string; year: string }): Promise<Buffer | null> {
  return orNull(
    t.rest<Buffer>(`${t.endpoints.pj}/fichier?${new URLSearchParams({ codAnu: q.year, codEtu: q.studentNumber, codTpj: q.pieceCode })}`, { as: 'bytes' }),
  );
}
