// The three admission files eCandidat writes for Pégase (reference sis-apis.md §2.8): `;`-separated,
// no quote character, UTF-8, a header row, dates dd/MM/yyyy, empty for null, named
// `<kind>-yyyyMMdd.csv` and rewritten on each run of the day with every admission of that day.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AdmissionRecord } from '../port.ts';

const CANDIDAT_COLUMNS = [
  'numero_candidat',
  'sexe',
  'nom_famille',
  'nom_usuel',
  'prenom',
  'prenom2',
  'prenom3',
  'date_naissance',
  'code_pays_naissance',
  'code_commune_naissance',
  'libelle_commune_naissance',
  'code_nationalite',
  'ine',
  'adresse_code_pays',
  'adresse_ligne1_etage',
  'adresse_ligne2_batiment',
  'adresse_ligne3_voie',
  'adresse_ligne4_complement',
  'adresse_code_postal',
  'adresse_code_commune',
  'adresse_cp_ville_etranger',
  'numero_telephone1',
  'numero_telephone2',
  'courriel',
] as const;

const CANDIDATURE_COLUMNS = [
  'numero_candidat',
  'origine_admission',
  'voie_admission',
  'annee_concours',
  'code_voeu',
  'code_periode',
  'code_formation_psup',
  'code_sise',
  'code_etablissement_affectation',
] as const;

const INSCRIPTION_COLUMNS = [
  'nom_naissance',
  'nom_usage',
  'prenom',
  'prenom2',
  'prenom3',
  'sexe',
  'date_naissance',
  'code_pays_naissance',
  'code_commune_naissance',
  'libelle_commune_naissance_etranger',
  'code_nationalite',
  'ine',
  'adresse_code_pays',
  'adresse_ligne1_etage',
  'adresse_ligne2_batiment',
  'adresse_ligne3_voie',
  'adresse_ligne4_complement',
  'adresse_ligne5_etranger',
  'adresse_code_postal',
  'adresse_code_commune',
  'numero_telephone1',
  'numero_telephone2',
  'mail',
  ...[1, 2, 3, 4, 5].flatMap((n) => [`origine_admission${n}`, `annee_concours${n}`, `code_voeu${n}`, `code_periode${n}`]),
] as const;

/** Pégase reads the origin of every eCandidat admission as "EC". */
const ORIGIN = 'EC';
/** The single-file format carries at most five wishes per candidate. */
const MAX_WISHES_PER_INSCRIPTION = 5;
const FRANCE = '100';

type Row = Record<string, string | null>;

/** dd/MM/yyyy from YYYY-MM-DD. */
function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const sexe = (r: AdmissionRecord) => (r.candidate.civility === 'Mme' ? 'F' : 'M');
const ine = (r: AdmissionRecord) => (r.candidate.ine ? `${r.candidate.ine}${r.candidate.ineKey ?? ''}` : null);

function candidatRow(r: AdmissionRecord): Row {
  const c = r.candidate;
  const a = c.address;
  return {
    numero_candidat: r.dossierNumber,
    sexe: sexe(r),
    nom_famille: c.birthName,
    nom_usuel: c.usualName,
    prenom: c.firstName,
    prenom2: c.otherFirstNames,
    prenom3: null,
    date_naissance: frenchDate(c.birthDate),
    code_pays_naissance: c.birthCountryCode,
    code_commune_naissance: c.birthCommuneCode,
    libelle_commune_naissance: c.birthCityLabel,
    code_nationalite: c.nationalityCode,
    ine: ine(r),
    adresse_code_pays: a?.countryCode ?? null,
    adresse_ligne1_etage: a?.line2 ?? null,
    adresse_ligne2_batiment: a?.line3 ?? null,
    adresse_ligne3_voie: a?.line1 ?? null,
    adresse_ligne4_complement: null,
    adresse_code_postal: a?.postcode ?? null,
    adresse_code_commune: a?.communeCode ?? null,
    adresse_cp_ville_etranger: a?.foreignCity ?? null,
    numero_telephone1: c.phone,
    numero_telephone2: c.mobilePhone,
    courriel: c.email,
  };
}

function candidatureRow(r: AdmissionRecord): Row {
  return {
    numero_candidat: r.dossierNumber,
    origine_admission: ORIGIN,
    voie_admission: null,
    annee_concours: null,
    code_voeu: r.formation.pegaseCode,
    code_periode: r.campaignCode,
    code_formation_psup: null,
    code_sise: null,
    code_etablissement_affectation: null,
  };
}

function inscriptionRow(wishes: AdmissionRecord[]): Row {
  const first = wishes[0]!;
  const c = first.candidate;
  const a = c.address;
  const row: Row = {
    nom_naissance: c.birthName,
    nom_usage: c.usualName,
    prenom: c.firstName,
    prenom2: c.otherFirstNames,
    prenom3: null,
    sexe: sexe(first),
    date_naissance: frenchDate(c.birthDate),
    code_pays_naissance: c.birthCountryCode,
    code_commune_naissance: c.birthCommuneCode,
    libelle_commune_naissance_etranger: c.birthCountryCode !== FRANCE ? c.birthCityLabel : null,
    code_nationalite: c.nationalityCode,
    ine: ine(first)?.toUpperCase() ?? null,
    adresse_code_pays: a?.countryCode ?? null,
    adresse_ligne1_etage: a?.line2 ?? null,
    adresse_ligne2_batiment: a?.line3 ?? null,
    adresse_ligne3_voie: a?.line1 ?? null,
    adresse_ligne4_complement: null,
    adresse_ligne5_etranger: a?.foreignCity ?? null,
    adresse_code_postal: a?.postcode ?? null,
    adresse_code_commune: a?.communeCode ?? null,
    numero_telephone1: c.phone,
    numero_telephone2: c.mobilePhone,
    mail: c.email,
  };
  wishes.slice(0, MAX_WISHES_PER_INSCRIPTION).forEach((w, i) => {
    row[`origine_admission${i + 1}`] = ORIGIN;
    row[`code_voeu${i + 1}`] = w.formation.pegaseCode;
    row[`code_periode${i + 1}`] = w.campaignCode;
  });
  return row;
}

/** Without a quote character a `;` or a line break inside a value would shift the columns: blank them. */
function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/[;\r\n]+/g, ' ');
}

export function toCsv(columns: readonly string[], rows: Row[]): string {
  const records = rows.map((row) => columns.map((col) => clean(row[col])));
  return stringify([columns as string[], ...records], { delimiter: ';', quote: false, record_delimiter: '\n' });
}

export interface OpiFiles {
  candidat: string;
  candidature: string;
  inscription: string;
}

/** The content of the day's three files for these admissions (one candidate row per dossier). */
export function buildOpiFiles(records: AdmissionRecord[]): OpiFiles {
  const byCandidate = new Map<string, AdmissionRecord[]>();
  for (const r of records) byCandidate.set(r.dossierNumber, [...(byCandidate.get(r.dossierNumber) ?? []), r]);
  const candidates = [...byCandidate.values()];
  return {
    candidat: toCsv(
      CANDIDAT_COLUMNS,
      candidates.map((wishes) => candidatRow(wishes[0]!)),
    ),
    candidature: toCsv(CANDIDATURE_COLUMNS, records.map(candidatureRow)),
    inscription: toCsv(INSCRIPTION_COLUMNS, candidates.map(inscriptionRow)),
  };
}

/** Writes `candidat-`, `candidature-` and `inscription-yyyyMMdd.csv` atomically; returns their paths. */
export async function writeOpiFiles(dir: string, day: string, records: AdmissionRecord[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stamp = day.replaceAll('-', '');
  const files = buildOpiFiles(records);
  const written: string[] = [];
  for (const kind of ['candidat', 'candidature', 'inscription'] as const) {
    const path = join(dir, `${kind}-${stamp}.csv`);
    await writeFile(`${path}.tmp`, files[kind], 'utf8');
    await rename(`${path}.tmp`, path);
    written.push(path);
  }
  return written;
}
