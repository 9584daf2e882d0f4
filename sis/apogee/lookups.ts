// What the application reads from Apogée (reference sis-apis.md §3.2, §3.3, §4), mapped onto the
// port's shapes (sis/port.ts): a known student (EtudiantMetier + PedagogiqueMetier), the formation
// search and the diplomas of a VET, the referential tables, the academic years, the bac consistency
// check (PKB_BAC), the INES check and the student's pieces (REST PJ). "Not found" answers become
// null or empty lists, as in eCandidat.
import type { AcademicPeriod, BacCheck, FormationSearch, ReferentialItem, ReferentialList, SisFormation, SisStudent, StudentQuery } from '../port.ts';
import { ApogeeBusinessError, type ApogeeTransport } from './transport.ts';

/** eCandidat asks for 50 rows at most (`rownum <= 50`) and at least 3 characters. */
export const FORMATION_SEARCH_LIMIT = 50;

const list = <T>(v: { item?: T | T[] } | null | undefined): T[] => (v?.item === undefined ? [] : Array.isArray(v.item) ? v.item : [v.item]);
const s = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const year = (v: unknown): number | null => (s(v) !== null && /^\d{4}$/.test(String(v)) ? Number(v) : null);

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
 * A student known to Apogée, by student number, else by INE + key (reference sis-apis.md §3.3):
 * identifiers, then civil status with the bacs, addresses and pedagogical contracts with results.
 * Null when Apogée does not know them.
 */
export async function findStudent(t: ApogeeTransport, q: StudentQuery): Promise<SisStudent | null> {
  const studentNumber = 'studentNumber' in q ? q.studentNumber.trim() : null;
  const ine = 'ine' in q && q.ine && q.ineKey ? `${q.ine}${q.ineKey}`.trim().toUpperCase() : null;
  if (!studentNumber && !ine) return null;
  const ids = await orNull(
    t.soap('etudiantMetier', 'recupererIdentifiantsEtudiant_v2', {
      _codEtu: studentNumber,
      _codInd: null,
      _numINE: studentNumber ? null : ine,
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
  const bacDepartment = bac ? s(bac.departementBac?.codeDept) : null;

  return {
    studentNumber: codEtu,
    civility: info.sexe === 'F' ? 'Mme' : 'M.',
    ine: fullIne ? fullIne.slice(0, -1) : null,
    ineKey: fullIne ? fullIne.slice(-1) : null,
    birthName: String(info.nomPatronymique),
    usualName: s(info.nomUsuel),
    firstName: String(info.prenom1),
    otherFirstNames: [info.prenom2, info.prenom3].filter(Boolean).join(' ') || null,
    birthDate: parisDay(info.dateNaissance),
    // A missing country or nationality means France (reference sis-apis.md §3.3).
    birthCountryCode: s(info.paysNaissance?.codPay) ?? '100',
    // InfoAdmEtuDTO4 gives the birth town's name and department, not its INSEE code.
    birthCommuneCode: null,
    birthCityLabel: s(info.libVilleNaissance),
    birthDepartmentCode: s(info.departementNaissance?.codeDept),
    nationalityCode: s(info.nationaliteDTO?.codeNationalite) ?? '100',
    email: s(c?.email),
    phone: s(a?.numTel),
    mobilePhone: s(c?.numTelPortable),
    address: a
      ? {
          countryCode: s(a.pays?.codPay) ?? '100',
          line1: s(a.libAd1),
          line2: s(a.libAd2),
          line3: s(a.libAd3),
          line4: null,
          postcode: s(a.commune?.codePostal),
          communeCode: s(a.commune?.codeInsee),
          foreignCity: s(a.libAde),
        }
      : null,
    bac: bac
      ? {
          bacCode: s(bac.codBac),
          year: bac.anneeObtentionBac ? Number(bac.anneeObtentionBac) : null,
          mentionCode: s(bac.mentionBac?.codMention),
          // IndBacDTO2 has no country: a bac with a French department was obtained in France.
          countryCode: bacDepartment ? '100' : null,
          departmentCode: bacDepartment,
          establishmentCode: s(bac.etbBac?.codeEtb),
          specialty1Code: s(bac.codSpe1Bac),
          specialty2Code: s(bac.codSpe2Bac),
          firstYearSpecialtyCode: s(bac.codSpeBacPre),
          optionCodes: [bac.codOpt1Bac, bac.codOpt2Bac, bac.codOpt3Bac, bac.codOpt4Bac].filter(Boolean).map(String),
        }
      : null,
    // One line per VET of each contract, `codEtp/codVrsVet` as eCandidat's WSCursusInterne.
    internalCursus: list<any>(contrats?.recupererContratPedagogiqueResultatVdiVet_v2Return).flatMap((contrat) =>
      list<any>(contrat.etapes).map((e) => {
        const result = list<any>(e.resultatVet)[0];
        return {
          year: String(e.codAnu ?? contrat.annee),
          code: `${String(e.etape?.codEtp)}/${String(e.etape?.codVrsVet)}`,
          label: s(e.etape?.libWebVet),
          resultCode: s(result?.typResultat?.codTre),
          mentionCode: s(result?.mention?.codMen),
          mark: s(result?.notVet),
          scale: s(result?.barNotVet),
        };
      }),
    ),
  };
}

/**
 * Formation search over the VETs open to recruitment (reference sis-apis.md §3.2), optionally for one
 * CGE; 50 rows at most, and nothing asked under 3 characters. The code is `codEtp/codVrsVet`.
 */
export async function searchFormations(t: ApogeeTransport, q: FormationSearch): Promise<SisFormation[]> {
  const search = q.search.trim();
  if (search.length < 3) return [];
  const params = new URLSearchParams({ search });
  if (q.cge) params.set('codCge', q.cge);
  const rows = await t.rest<Record<string, string | null>[]>(`${t.endpoints.db}/formations?${params}`);
  return rows.slice(0, Math.min(Math.max(q.max, 1), FORMATION_SEARCH_LIMIT)).map((r) => ({
    code: `${String(r.codEtpVet)}/${String(r.codVrsVet)}`,
    label: String(r.libVet),
    sisId: null,
    managementCentreCode: s(r.codCge),
    diplomaTypeCode: s(r.codTpd),
    diplomaTypeLabel: s(r.libTypDip),
    periodLabel: null,
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
const readTable = (t: ApogeeTransport, table: string) =>
  t.rest<Record<string, string | number | null>[]>(`${t.endpoints.db}/tables/${encodeURIComponent(table)}`);

/** Témoins: 'N' or null is false, anything else true (reference sis-apis.md §3.2). */
export const tem = (v: unknown) => v !== null && v !== undefined && v !== 'N';

type TableRow = Record<string, string | number | null>;

/** code, label, short label and témoin en service from a table's columns. */
const base = (r: TableRow, code: string, label: string, shortLabel: string | null, active: string | null) => ({
  code: String(r[code]),
  label: s(r[label]) ?? String(r[code]),
  shortLabel: shortLabel ? s(r[shortLabel]) : null,
  active: active ? tem(r[active]) : true,
});

/**
 * The port's referential lists from Apogée's tables (reference sis-apis.md §3.2). Apogée has every
 * list but the birth communes (hasCommuneNaissance = false): that one is null.
 */
export async function referential<L extends ReferentialList>(t: ApogeeTransport, which: L): Promise<ReferentialItem<L>[] | null> {
  const rows = (table: string) => readTable(t, table);
  const out = await (async (): Promise<ReferentialItem[] | null> => {
    switch (which) {
      case 'countries':
        return (await rows('PAYS')).map((r) => ({ ...base(r, 'COD_PAY', 'LIB_PAY', 'LIC_PAY', 'TEM_EN_SVE_PAY'), nationalityLabel: s(r.LIB_NAT) }));
      case 'departments':
        return (await rows('DEPARTEMENT')).map((r) => base(r, 'COD_DEP', 'LIB_DEP', 'LIC_DEP', 'TEM_EN_SVE_DEP'));
      case 'communes':
        return (await rows('COMMUNE')).map((r) => ({ ...base(r, 'COD_COM', 'LIB_COM', null, 'TEM_EN_SVE_COM'), departmentCode: s(r.COD_DEP) }));
      case 'postcodeCommunes': {
        // COM_BDI only links a postcode to a commune: the label and the témoin are the commune's.
        const [links, communes] = await Promise.all([rows('COM_BDI'), rows('COMMUNE')]);
        const byCode = new Map(communes.map((c) => [String(c.COD_COM), c]));
        return links.map((r) => {
          const commune = byCode.get(String(r.COD_COM));
          return {
            code: String(r.COD_BDI),
            label: s(commune?.LIB_COM) ?? String(r.COD_BDI),
            shortLabel: null,
            active: commune ? tem(commune.TEM_EN_SVE_COM) : true,
            communeCode: String(r.COD_COM),
          };
        });
      }
      case 'birthCommunes':
        return null;
      case 'bacSeries':
        return (await rows('BAC_OUX_EQU')).map((r) => ({
          ...base(r, 'COD_BAC', 'LIB_BAC', 'LIC_BAC', 'TEM_EN_SVE_BAC'),
          validFromYear: year(r.DAA_DEB_VLD_BAC),
          validToYear: year(r.DAA_FIN_VLD_BAC),
          ineCheck: tem(r.TEM_CTRL_INE),
          ineCheckFromYear: year(r.ANN_CTRL_INE),
        }));
      case 'bacMentions':
        return (await rows('MENTION_NIV_BAC')).map((r) => base(r, 'COD_MNB', 'LIB_MNB', 'LIC_MNB', 'TEM_EN_SVE_MNB'));
      case 'bacSpecialities':
        return (await rows('SPECIALITE_BAC')).map((r) => ({
          ...base(r, 'COD_SPE_BAC', 'LIB_SPE_BAC', 'LIC_SPE_BAC', 'TEM_EN_SVE_SPE_BAC'),
          validFromYear: year(r.DAA_DEB_VAL_SPE_BAC),
          validToYear: year(r.DAA_FIN_VAL_SPE_BAC),
        }));
      case 'bacOptions':
        return (await rows('OPTION_BAC')).map((r) => ({
          ...base(r, 'COD_OPT_BAC', 'LIB_OPT_BAC', 'LIC_OPT_BAC', 'TEM_EN_SVE_OPT_BAC'),
          validFromYear: year(r.DAA_DEB_VAL_OPT_BAC),
          validToYear: year(r.DAA_FIN_VAL_OPT_BAC),
        }));
      case 'bacSeriesSpecialities': {
        // BAC_REGROUPE_SPE_BAC (cod_bac, cod_spe_bac): labelled with the speciality.
        const [links, specialities] = await Promise.all([rows('BAC_REGROUPE_SPE_BAC'), rows('SPECIALITE_BAC')]);
        const label = new Map(specialities.map((r) => [String(r.COD_SPE_BAC), s(r.LIB_SPE_BAC)]));
        return links.map((r) => ({
          code: String(r.COD_BAC),
          label: label.get(String(r.COD_SPE_BAC)) ?? String(r.COD_SPE_BAC),
          shortLabel: null,
          active: true,
          specialityCode: String(r.COD_SPE_BAC),
        }));
      }
      case 'bacSeriesOptions': {
        const [links, options] = await Promise.all([rows('BAC_REGROUPE_OPT_BAC'), rows('OPTION_BAC')]);
        const label = new Map(options.map((r) => [String(r.COD_OPT_BAC), s(r.LIB_OPT_BAC)]));
        return links.map((r) => ({
          code: String(r.COD_BAC),
          label: label.get(String(r.COD_OPT_BAC)) ?? String(r.COD_OPT_BAC),
          shortLabel: null,
          active: true,
          optionCode: String(r.COD_OPT_BAC),
        }));
      }
      case 'establishments':
        return (await rows('ETABLISSEMENT')).map((r) => ({
          ...base(r, 'COD_ETB', 'LIB_ETB', 'LIC_ETB', 'TEM_EN_SVE_ETB'),
          typeCode: s(r.COD_TPE),
          departmentCode: s(r.COD_DEP),
          communeCode: s(r.COD_COM_ADR_ETB),
        }));
      case 'diplomaTypes':
        return (await rows('TYP_DIPLOME')).map((r) => base(r, 'COD_TPD_ETB', 'LIB_TPD', 'LIC_TPD', 'TEM_EN_SVE_TPD'));
      case 'priorDiplomas':
        return (await rows('DIP_AUT_CUR')).map((r) => base(r, 'COD_DAC', 'LIB_DAC', 'LIC_DAC', 'TEM_EN_SVE_DAC'));
      case 'resultTypes':
        // eCandidat reads no "positive" flag from TYP_RESULTAT.
        return (await rows('TYP_RESULTAT')).map((r) => ({ ...base(r, 'COD_TRE', 'LIB_TRE', 'LIC_TRE', 'TEM_EN_SVE_TRE'), positive: null }));
      case 'honoursMentions':
        return (await rows('MENTION')).map((r) => base(r, 'COD_MEN', 'LIB_MEN', 'LIC_MEN', 'TEM_EN_SVE_MEN'));
      case 'academicYears':
        return (await academicPeriods(t)).map((p) => ({ code: p.code, label: p.label, shortLabel: p.shortLabel, active: true, open: p.open, year: p.year }));
      case 'managementCentres':
        return (await rows('CENTRE_GESTION')).map((r) => base(r, 'COD_CGE', 'LIB_CGE', 'LIC_CGE', 'TEM_EN_SVE_CGE'));
      case 'users':
        return (await rows('UTILISATEUR')).map((r) => ({
          ...base(r, 'COD_UTI', 'LIB_CMT_UTI', null, 'TEM_EN_SVE_UTI'),
          email: s(r.ADR_MAIL_UTI),
          managementCentreCode: s(r.COD_CGE),
        }));
      case 'exemptionCategories':
        return (await rows('CAT_EXO_EXT')).map((r) => base(r, 'COD_CAT_EXO_EXT', 'LIB_CAT_EXO_EXT', 'LIC_CAT_EXO_EXT', 'TEM_EN_SVE_CAT_EXO_EXT'));
      case 'regimes':
        return (await rows('REGIME_INS')).map((r) => base(r, 'COD_RGI', 'LIB_RGI', 'LIC_RGI', 'TEM_EN_SVE_RGI'));
      case 'statuts':
        return (await rows('STATUT_ETU')).map((r) => base(r, 'COD_STU', 'LIB_STU', 'LIC_STU', 'TEM_EN_SVE_STU'));
      default:
        return null;
    }
  })();
  return out as ReferentialItem<L>[] | null;
}

/**
 * ANNEE_UNI: the campaign codes are its COD_ANU. ETA_ANU_IAE 'O' is the year open to registrations
 * (the one admissions are for); 'I', 'F', 'N' are the others (reference sis-apis.md §3.2).
 */
export async function academicPeriods(t: ApogeeTransport): Promise<AcademicPeriod[]> {
  return (await readTable(t, 'ANNEE_UNI'))
    .map((r) => ({
      code: String(r.COD_ANU),
      label: s(r.LIB_ANU) ?? String(r.COD_ANU),
      shortLabel: s(r.LIC_ANU),
      year: year(r.COD_ANU),
      open: r.ETA_ANU_IAE === 'O',
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The open academic year (ETA_ANU_IAE = O), e.g. the bac year sent when none is known; null if none. */
export async function openYear(t: ApogeeTransport): Promise<string | null> {
  return (await academicPeriods(t)).find((p) => p.open)?.code ?? null;
}

/** PKB_BAC.VERIFIER_SPECIALITES_ET_OPTIONS_BAC: null when consistent (OK / SS), else Apogée's message. */
export async function checkBacSpecialityOption(t: ApogeeTransport, bac: BacCheck): Promise<string | null> {
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
