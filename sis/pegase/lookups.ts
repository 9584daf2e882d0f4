// What the application reads from Pégase (reference sis-apis.md §2.2–2.6): REF nomenclatures
// (every page), ODF periods and formations, a known student through IDT (two steps, exactly one hit)
// with their internal cursus from INS-ext and COC. Mapped onto the port's shapes.
import type { AcademicPeriod, FormationSearch, ReferentialItem, ReferentialList, SisFormation, SisStudent, StudentQuery } from '../port.ts';
import { PegaseNotFound, type PegaseHttp } from './http.ts';

interface Nomenclature {
  code: string;
  libelleCourt?: string | null;
  libelleLong?: string | null;
  libelleAffichage?: string | null;
  dateDebutValidite?: string | null;
  dateFinValidite?: string | null;
  temoinVisible?: boolean | null;
  [extra: string]: unknown;
}
interface RefPage {
  nomenclatures: Nomenclature[];
  nbTotalOccurences: number;
  nbTotalPages: number;
  numPage: number;
}
interface Paged<T> {
  items: T[];
  totalElements: number;
  totalPages: number;
}

const enc = encodeURIComponent;
const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const yearOf = (date: unknown) => (typeof date === 'string' && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null);

/** Every row of a REF nomenclature, page after page (`/numPage/{n}/nbOccurences/{k}`, n from 0). */
export async function nomenclature(http: PegaseHttp, code: string, pageSize: number): Promise<Nomenclature[]> {
  const rows: Nomenclature[] = [];
  for (let page = 0, total = 1; page < total; page++) {
    const p = await http.getJson<RefPage>('ref', `nomenclatures/${enc(code)}/numPage/${page}/nbOccurences/${pageSize}`, `REF ${code} page ${page}`);
    rows.push(...(p.nomenclatures ?? []));
    total = p.nbTotalPages ?? 0;
  }
  return rows;
}

const base = (n: Nomenclature, label = n.libelleAffichage ?? n.libelleLong ?? n.libelleCourt ?? n.code) => ({
  code: n.code,
  label,
  shortLabel: str(n.libelleCourt),
  active: n.temoinVisible !== false,
});
const validity = (n: Nomenclature) => ({ validFromYear: yearOf(n.dateDebutValidite), validToYear: yearOf(n.dateFinValidite) });
/** The department of an INSEE commune code: 54395 → 054, 97411 → 974, 2A004 → 02A. */
const departmentOfInsee = (insee: string) => (insee.startsWith('97') ? insee.slice(0, 3) : `0${insee.slice(0, 2)}`);

/** The port's lists Pégase provides, from which nomenclature (reference §2.2 table); the others are null. */
export async function referential<L extends ReferentialList>(http: PegaseHttp, list: L, pageSize: number): Promise<ReferentialItem<L>[] | null> {
  const rows = (code: string) => nomenclature(http, code, pageSize);
  const out = await (async (): Promise<ReferentialItem[] | null> => {
    switch (list) {
      case 'countries':
        return (await rows('PaysNationalite')).map((n) => ({ ...base(n), nationalityLabel: str(n.libelleNationalite) ?? str(n.libelleCourt) }));
      case 'departments':
        return (await rows('Departement')).map((n) => base(n, n.libelleLong ?? n.code));
      case 'communes': {
        // Several rows per commune (one per postcode): one per INSEE code.
        const byInsee = new Map<string, ReferentialItem<'communes'>>();
        for (const n of await rows('Commune')) {
          const insee = str(n.codeInsee);
          if (insee && !byInsee.has(insee)) byInsee.set(insee, { ...base(n), code: insee, departmentCode: departmentOfInsee(insee) });
        }
        return [...byInsee.values()];
      }
      case 'postcodeCommunes':
        return (await rows('Commune'))
          .filter((n) => str(n.codeInsee) && str(n.codePostal))
          .map((n) => ({
            ...base(n, str(n.libelleAcheminement) ?? n.libelleAffichage ?? n.code),
            code: String(n.codePostal),
            communeCode: String(n.codeInsee),
          }));
      case 'birthCommunes':
        return (await rows('CommuneNaissance')).map((n) => ({ ...base(n), departmentCode: str(n.departement) }));
      case 'bacSeries':
        return (await rows('SerieBac')).map((n) => ({ ...base(n), ...validity(n), ineCheck: false, ineCheckFromYear: null }));
      case 'bacSpecialities':
        return (await rows('SpecialitesBacGeneral')).map((n) => ({ ...base(n), ...validity(n) }));
      case 'bacMentions':
        return (await rows('MentionBac')).map((n) => base(n));
      case 'honoursMentions':
        return (await rows('MentionHonorifique')).map((n) => base(n));
      case 'diplomaTypes':
      case 'priorDiplomas': // siscol_dip_aut_cur is filled from TypeDiplome too
        return (await rows('TypeDiplome')).map((n) => base(n));
      case 'resultTypes':
        return (await rows('TypeResultat')).map((n) => ({ ...base(n), positive: typeof n.positif === 'boolean' ? n.positif : null }));
      case 'establishments':
        // eCandidat skips rows without department, commune or label, and pads 4-character communes.
        return (await rows('EtablissementFrancais')).flatMap((n) => {
          const dep = str((n.departement as { code?: string } | null)?.code);
          const commune = str(n.commune);
          const label = str(n.libelleAffichage);
          if (!dep || !commune || !label) return [];
          return [
            {
              ...base(n, label),
              code: str(n.numeroUai) ?? n.code,
              typeCode: str((n.typeUai as { typeUai?: string } | null)?.typeUai),
              departmentCode: dep,
              communeCode: commune.length === 4 ? `0${commune}` : commune,
            },
          ];
        });
      case 'academicYears': {
        const periods = await academicPeriods(http);
        return periods.map((p) => ({ code: p.code, label: p.label, shortLabel: p.shortLabel, active: true, open: p.open, year: p.year }));
      }
      default:
        // Options, bac/option and bac/speciality relations, CGE, users, exemptions, régimes, statuts.
        return null;
    }
  })();
  return out as ReferentialItem<L>[] | null;
}

interface Periode {
  code: string;
  libelle: string;
  libelleLong?: string | null;
  libelleAffichage?: string | null;
  anneeUniversitaire?: number | null;
  active?: boolean | null;
}

/** ODF periods (`espaces?type=PERIODE`), every page of 1000. */
export async function academicPeriods(http: PegaseHttp): Promise<AcademicPeriod[]> {
  const etab = enc(http.etab);
  const out: AcademicPeriod[] = [];
  for (let page = 0, total = 1; page < total; page++) {
    const p = await http.getJson<Paged<Periode>>('odf', `etablissement/${etab}/espaces?type=PERIODE&page=${page}&taille=1000`, `ODF périodes page ${page}`);
    for (const it of p.items ?? [])
      out.push({
        code: it.code,
        label: it.libelleLong ?? it.libelle,
        shortLabel: str(it.libelle),
        year: it.anneeUniversitaire ?? null,
        open: it.active !== false,
      });
    total = p.totalPages ?? 0;
  }
  return out;
}

/** eCandidat asks ODF for 100 formations at most (NB_MAX_RECH_FORM_PEGASE), one page. */
export const FORMATION_SEARCH_LIMIT = 100;

export async function searchFormations(http: PegaseHttp, q: FormationSearch): Promise<SisFormation[]> {
  const search = q.search.trim();
  if (!search) return [];
  const params = new URLSearchParams({
    r: search,
    taille: String(Math.min(Math.max(q.max, 1), FORMATION_SEARCH_LIMIT)),
    piaSeulement: 'true',
    piaActif: 'true',
    valideSeulement: 'true',
  });
  if (q.structure) params.set('espace', q.structure);
  const p = await http.getJson<Paged<{ id: string; code: string; libelle: string; libelleLong?: string | null; espaceLibelle?: string | null }>>(
    'odf',
    `etablissement/${enc(http.etab)}/objets-maquette?${params}`,
    'ODF recherche de formations',
  );
  return (p.items ?? []).map((f) => ({
    code: f.code,
    label: f.libelleLong ?? f.libelle,
    sisId: f.id,
    managementCentreCode: null,
    diplomaTypeCode: null,
    diplomaTypeLabel: null,
    periodLabel: str(f.espaceLibelle),
  }));
}

/** The diploma type of a formation (`descripteursEnquete.descripteursSise.typeDiplome.code`). */
export async function formationDiplomaType(http: PegaseHttp, formation: Pick<SisFormation, 'sisId'>): Promise<string | null> {
  if (!formation.sisId) return null;
  try {
    const o = await http.getJson<{ descripteursEnquete?: { descripteursSise?: { typeDiplome?: { code?: string } } } }>(
      'odf',
      `etablissement/${enc(http.etab)}/objets-maquette/${enc(formation.sisId)}`,
      'ODF objet maquette',
    );
    return str(o.descripteursEnquete?.descripteursSise?.typeDiplome?.code);
  } catch (err) {
    if (err instanceof PegaseNotFound) return null;
    throw err;
  }
}

type NomRef = { code?: string | null } | null | undefined;
const code = (r: NomRef) => str(r?.code);

interface IdentiteDetail {
  id: string;
  nomNaissance: string;
  prenom: string;
  email?: string | null;
  telephonePortablePersonnel?: string | null;
  profilApprenant?: {
    codeApprenant?: string | null;
    listeINEs?: { ine: string; confirme: boolean; maitre: boolean }[] | null;
    ineMaitre?: string | null;
    etatCivil?: {
      sexe?: 'F' | 'M' | null;
      dateNaissance?: string | null;
      nomUsage?: string | null;
      prenom2?: string | null;
      prenom3?: string | null;
      communeNaissance?: NomRef;
      libelleCommuneNaissanceEtranger?: string | null;
      paysNaissance?: NomRef;
      nationalite?: NomRef;
    } | null;
    donneesContact?: Record<string, unknown> | null;
    parcoursScolaireEtUniversitaire?: {
      anneeObtentionBac?: number | null;
      typeSerieBac?: NomRef;
      premiereSpecialiteBac?: NomRef;
      deuxiemeSpecialiteBac?: NomRef;
      mentionBac?: NomRef;
      paysBac?: NomRef;
      departementBac?: NomRef;
      etablissementBac?: NomRef;
    } | null;
  } | null;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof PegaseNotFound) return null;
    throw err;
  }
}

/**
 * A student known to Pégase (reference §2.4): IDT search by student number, else by INE + key; only
 * exactly one hit counts (eCandidat continues only if totalElements == 1), then the identity's detail,
 * then the internal cursus. Null when unknown.
 */
export async function findStudent(http: PegaseHttp, q: StudentQuery): Promise<SisStudent | null> {
  const etab = enc(http.etab);
  const filter =
    'studentNumber' in q ? new URLSearchParams({ codeApprenant: q.studentNumber }) : new URLSearchParams({ ine: `${q.ine}${q.ineKey}`.toUpperCase() });
  if ('ine' in q && `${q.ine}${q.ineKey}`.length !== 11) return null;
  const hits = await orNull(http.getJson<Paged<{ id: string }>>('idt', `etablissements/${etab}/identites/apprenants?${filter}`, 'IDT recherche apprenant'));
  if (!hits || hits.totalElements !== 1 || !hits.items[0]) return null;
  const d = await orNull(http.getJson<IdentiteDetail>('idt', `etablissements/${etab}/identites/${enc(hits.items[0].id)}`, 'IDT identité'));
  const profile = d?.profilApprenant;
  const civil = profile?.etatCivil;
  if (!d || !profile || !civil) return null;

  // eCandidat reads the confirmed master INE of listeINEs (deprecated), ineMaitre otherwise.
  const fullIne = profile.listeINEs?.find((i) => i.confirme && i.maitre)?.ine ?? profile.ineMaitre ?? null;
  const contact = (profile.donneesContact ?? {}) as Record<string, unknown>;
  const c = (suffix: string) => str(contact[`adresseFixe${suffix}`]);
  const bac = profile.parcoursScolaireEtUniversitaire;
  const studentNumber = str(profile.codeApprenant);
  return {
    studentNumber,
    civility: civil.sexe === 'F' ? 'Mme' : 'M.',
    ine: fullIne ? fullIne.slice(0, 10) : null,
    ineKey: fullIne ? fullIne.slice(10) : null,
    birthName: d.nomNaissance,
    usualName: str(civil.nomUsage),
    firstName: d.prenom,
    otherFirstNames: [civil.prenom2, civil.prenom3].filter(Boolean).join(' ') || null,
    birthDate: str(civil.dateNaissance)?.slice(0, 10) ?? null,
    birthCountryCode: code(civil.paysNaissance),
    birthCommuneCode: code(civil.communeNaissance),
    birthCityLabel: str(civil.libelleCommuneNaissanceEtranger),
    birthDepartmentCode: code(civil.communeNaissance) ? departmentOfInsee(code(civil.communeNaissance)!) : null,
    nationalityCode: code(civil.nationalite),
    email: str(contact.adresseElectroniqueSecours) ?? str(d.email),
    phone: str(d.telephonePortablePersonnel),
    mobilePhone: str(contact.telephoneContactUrgence),
    address:
      c('Ligne3Voie') || c('Ligne5Etranger')
        ? {
            countryCode: code(contact.adresseFixePays as NomRef),
            line1: c('Ligne3Voie'),
            line2: c('Ligne1Etage'),
            line3: c('Ligne2Batiment'),
            line4: c('Ligne4Complement'),
            postcode: c('CodePostal'),
            communeCode: c('CodeCommune'),
            foreignCity: c('Ligne5Etranger'),
          }
        : null,
    bac: bac
      ? {
          bacCode: code(bac.typeSerieBac),
          year: bac.anneeObtentionBac ?? null,
          mentionCode: code(bac.mentionBac),
          countryCode: code(bac.paysBac),
          departmentCode: code(bac.departementBac),
          establishmentCode: code(bac.etablissementBac),
          specialty1Code: code(bac.premiereSpecialiteBac),
          specialty2Code: code(bac.deuxiemeSpecialiteBac),
          firstYearSpecialtyCode: null,
          optionCodes: [],
        }
      : null,
    internalCursus: studentNumber ? await internalCursus(http, studentNumber) : [],
  };
}

interface Inscription {
  cible: {
    code: string;
    libelleCourt?: string | null;
    formation?: { code: string; libelleCourt?: string | null } | null;
    periode: { code: string; anneeUniversitaire?: number | null };
  };
  statutInscription?: string | null;
}
interface Chemin {
  codeChemin: string;
  objetFeuille?: { code: string; libelleCourt?: string | null; libelleLong?: string | null } | null;
  bareme?: number | null;
  noteSession1?: number | null;
  noteSession2?: number | null;
  resultatSession1?: NomRef;
  resultatSession2?: NomRef;
  mention?: NomRef;
}

/**
 * The student's registrations here (INS-ext), one line each, and their published results (COC), one
 * line per three-part chemin. As in eCandidat, a failing publication is skipped, and a failing
 * cursus block leaves the student without cursus rather than failing the lookup.
 */
async function internalCursus(http: PegaseHttp, studentNumber: string): Promise<SisStudent['internalCursus']> {
  const etab = enc(http.etab);
  let inscriptions: Inscription[];
  try {
    const r = await http.getJson<{ inscriptions?: Inscription[] }>('insExt', `gestion/inscription/${etab}/${enc(studentNumber)}/`, 'INS-ext inscriptions');
    inscriptions = (r.inscriptions ?? []).filter((i) => i.statutInscription !== 'annulee');
  } catch {
    return [];
  }
  const lines: SisStudent['internalCursus'] = [];
  for (const i of inscriptions) {
    const year = String(i.cible.periode.anneeUniversitaire ?? i.cible.periode.code);
    const formation = i.cible.formation;
    lines.push({
      year,
      code: i.cible.code,
      label: [formation?.libelleCourt, i.cible.libelleCourt].filter(Boolean).join(' / ') || null,
      resultCode: null,
      mentionCode: null,
      mark: null,
      scale: null,
    });
    const chemin = formation ? `${formation.code}>${i.cible.code}` : i.cible.code;
    try {
      const results = await http.getJson<Chemin[]>(
        'coc',
        `etablissements/${etab}/periodes/${enc(i.cible.periode.code)}/apprenants/${enc(studentNumber)}/chemins/${enc(chemin)}`,
        'COC résultats',
      );
      for (const r of results.filter((x) => x.codeChemin.split('>').length === 3 && x.objetFeuille)) {
        const mark = r.noteSession1 ?? r.noteSession2 ?? null;
        lines.push({
          year,
          code: r.objetFeuille!.code,
          label: str(r.objetFeuille!.libelleLong) ?? str(r.objetFeuille!.libelleCourt),
          resultCode: code(r.resultatSession1) ?? code(r.resultatSession2),
          mentionCode: code(r.mention),
          mark: mark === null ? null : String(mark),
          scale: r.bareme === null || r.bareme === undefined ? null : String(r.bareme),
        });
      }
    } catch {
      // eCandidat swallows per-publication errors.
    }
  }
  return lines;
}
