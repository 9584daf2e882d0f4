// The Pégase simulator's data: French referentials, periods, formations and a few hundred known
// students, generated from a fixed seed (same seed, same data: tests and demos can name them).
// Shapes follow the PC-Scol APIs (reference sis-apis.md §2.2–2.6). The formations include the
// Pégase codes of the demo formations (prisma/seed.ts) and the periods the demo campaign code
// ("2026-P", the Pégase `code_periode` of its admissions).

/** mulberry32: a small deterministic PRNG, enough for realistic-looking data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
}

export const DEFAULT_SEED = 20260901;
/** The establishment code of the simulated institution (pegase.etablissement). */
export const DEFAULT_ETAB = 'ETAB00';

export interface Nomenclature {
  code: string;
  typeNomenclature: string;
  libelleCourt: string;
  libelleLong: string;
  libelleAffichage: string;
  prioriteAffichage: number | null;
  dateDebutValidite: string | null;
  dateFinValidite: string | null;
  temoinVisible: boolean;
  temoinLivre: boolean;
  [extra: string]: unknown;
}

function nomenclature(type: string, code: string, label: string, extra: Record<string, unknown> = {}, shortLabel = label.slice(0, 30)): Nomenclature {
  return {
    code,
    typeNomenclature: type,
    libelleCourt: shortLabel,
    libelleLong: label,
    libelleAffichage: label,
    prioriteAffichage: null,
    dateDebutValidite: '2000-01-01',
    dateFinValidite: null,
    temoinVisible: true,
    temoinLivre: true,
    ...extra,
  };
}

// [code, name, nationality, continent, EU]
const COUNTRIES: [string, string, string, string, boolean][] = [
  ['100', 'France', 'française', 'EUROPE', true],
  ['101', 'Danemark', 'danoise', 'EUROPE', true],
  ['103', 'Norvège', 'norvégienne', 'EUROPE', false],
  ['104', 'Suède', 'suédoise', 'EUROPE', true],
  ['105', 'Finlande', 'finlandaise', 'EUROPE', true],
  ['109', 'Allemagne', 'allemande', 'EUROPE', true],
  ['110', 'Autriche', 'autrichienne', 'EUROPE', true],
  ['114', 'Roumanie', 'roumaine', 'EUROPE', true],
  ['122', 'Pologne', 'polonaise', 'EUROPE', true],
  ['123', 'Russie', 'russe', 'EUROPE', false],
  ['126', 'Grèce', 'grecque', 'EUROPE', true],
  ['127', 'Italie', 'italienne', 'EUROPE', true],
  ['131', 'Belgique', 'belge', 'EUROPE', true],
  ['132', 'Royaume-Uni', 'britannique', 'EUROPE', false],
  ['134', 'Espagne', 'espagnole', 'EUROPE', true],
  ['135', 'Pays-Bas', 'néerlandaise', 'EUROPE', true],
  ['136', 'Irlande', 'irlandaise', 'EUROPE', true],
  ['137', 'Luxembourg', 'luxembourgeoise', 'EUROPE', true],
  ['139', 'Portugal', 'portugaise', 'EUROPE', true],
  ['140', 'Suisse', 'suisse', 'EUROPE', false],
  ['155', 'Ukraine', 'ukrainienne', 'EUROPE', false],
  ['205', 'Liban', 'libanaise', 'ASIE', false],
  ['208', 'Turquie', 'turque', 'ASIE', false],
  ['216', 'Chine', 'chinoise', 'ASIE', false],
  ['217', 'Japon', 'japonaise', 'ASIE', false],
  ['223', 'Inde', 'indienne', 'ASIE', false],
  ['243', 'Viet Nam', 'vietnamienne', 'ASIE', false],
  ['322', 'Cameroun', 'camerounaise', 'AFRIQUE', false],
  ['324', 'Congo', 'congolaise', 'AFRIQUE', false],
  ['326', "Côte d'Ivoire", 'ivoirienne', 'AFRIQUE', false],
  ['328', 'Gabon', 'gabonaise', 'AFRIQUE', false],
  ['333', 'Madagascar', 'malgache', 'AFRIQUE', false],
  ['335', 'Mali', 'malienne', 'AFRIQUE', false],
  ['341', 'Sénégal', 'sénégalaise', 'AFRIQUE', false],
  ['350', 'Maroc', 'marocaine', 'AFRIQUE', false],
  ['351', 'Tunisie', 'tunisienne', 'AFRIQUE', false],
  ['352', 'Algérie', 'algérienne', 'AFRIQUE', false],
  ['401', 'Canada', 'canadienne', 'AMERIQUE', false],
  ['404', 'États-Unis', 'américaine', 'AMERIQUE', false],
  ['416', 'Brésil', 'brésilienne', 'AMERIQUE', false],
  ['436', 'Haïti', 'haïtienne', 'AMERIQUE', false],
];

// [code, name, académie, région]
const DEPARTMENTS: [string, string, string, string][] = [
  ['006', 'Alpes-Maritimes', '23', '93'],
  ['013', 'Bouches-du-Rhône', '02', '93'],
  ['021', "Côte-d'Or", '07', '27'],
  ['025', 'Doubs', '03', '27'],
  ['031', 'Haute-Garonne', '16', '76'],
  ['033', 'Gironde', '04', '75'],
  ['034', 'Hérault', '11', '76'],
  ['035', 'Ille-et-Vilaine', '14', '53'],
  ['038', 'Isère', '08', '84'],
  ['044', 'Loire-Atlantique', '17', '52'],
  ['051', 'Marne', '19', '44'],
  ['054', 'Meurthe-et-Moselle', '12', '44'],
  ['055', 'Meuse', '12', '44'],
  ['057', 'Moselle', '12', '44'],
  ['059', 'Nord', '09', '32'],
  ['063', 'Puy-de-Dôme', '06', '84'],
  ['067', 'Bas-Rhin', '15', '44'],
  ['068', 'Haut-Rhin', '15', '44'],
  ['069', 'Rhône', '10', '84'],
  ['075', 'Paris', '01', '11'],
  ['076', 'Seine-Maritime', '21', '28'],
  ['088', 'Vosges', '12', '44'],
  ['092', 'Hauts-de-Seine', '25', '11'],
  ['093', 'Seine-Saint-Denis', '24', '11'],
  ['094', 'Val-de-Marne', '24', '11'],
  ['974', 'La Réunion', '28', '04'],
];

// [INSEE code, name, postcode]
const COMMUNES: [string, string, string][] = [
  ['06088', 'Nice', '06000'],
  ['13055', 'Marseille', '13001'],
  ['21231', 'Dijon', '21000'],
  ['25056', 'Besançon', '25000'],
  ['31555', 'Toulouse', '31000'],
  ['33063', 'Bordeaux', '33000'],
  ['34172', 'Montpellier', '34000'],
  ['35238', 'Rennes', '35000'],
  ['38185', 'Grenoble', '38000'],
  ['44109', 'Nantes', '44000'],
  ['51454', 'Reims', '51100'],
  ['54395', 'Nancy', '54000'],
  ['54547', 'Vandœuvre-lès-Nancy', '54500'],
  ['54339', 'Lunéville', '54300'],
  ['54528', 'Toul', '54200'],
  ['55545', 'Verdun', '55100'],
  ['55029', 'Bar-le-Duc', '55000'],
  ['57463', 'Metz', '57000'],
  ['57672', 'Thionville', '57100'],
  ['57227', 'Forbach', '57600'],
  ['59350', 'Lille', '59000'],
  ['63113', 'Clermont-Ferrand', '63000'],
  ['67482', 'Strasbourg', '67000'],
  ['68224', 'Mulhouse', '68100'],
  ['69123', 'Lyon', '69001'],
  ['75056', 'Paris', '75001'],
  ['76540', 'Rouen', '76000'],
  ['88160', 'Épinal', '88000'],
  ['88413', 'Saint-Dié-des-Vosges', '88100'],
  ['92012', 'Boulogne-Billancourt', '92100'],
  ['93066', 'Saint-Denis', '93200'],
  ['94028', 'Créteil', '94000'],
  ['97411', 'Saint-Denis', '97400'],
];

/** Communes of birth that no longer exist (merged), so the birth list differs from the current one. */
const FORMER_COMMUNES: [string, string, string][] = [
  ['54411', 'Pagny-sur-Meuse (ancienne)', '054'],
  ['57582', 'Saint-Julien-lès-Metz (ancienne)', '057'],
];

const BAC_SERIES: [string, string, number | null][] = [
  ['GEN', 'Baccalauréat général', 2021],
  ['STMG', 'Bac technologique STMG', 2013],
  ['STI2D', 'Bac technologique STI2D', 2013],
  ['STL', 'Bac technologique STL', 2013],
  ['ST2S', 'Bac technologique ST2S', 2013],
  ['STD2A', 'Bac technologique STD2A', 2013],
  ['STHR', 'Bac technologique STHR', 2017],
  ['PRO', 'Baccalauréat professionnel', 1987],
  ['S', 'Bac scientifique (ancien)', 1995],
  ['ES', 'Bac économique et social (ancien)', 1995],
  ['L', 'Bac littéraire (ancien)', 1995],
  ['DAEU-A', "Diplôme d'accès aux études universitaires A", 1994],
  ['DAEU-B', "Diplôme d'accès aux études universitaires B", 1994],
  ['0031', 'Titre étranger admis en équivalence', null],
  ['0001', 'Sans bac', null],
];
const BAC_MENTIONS: [string, string][] = [
  ['P', 'Passable'],
  ['AB', 'Assez bien'],
  ['B', 'Bien'],
  ['TB', 'Très bien'],
  ['TBF', 'Très bien avec félicitations du jury'],
];
const BAC_SPECIALITIES: [string, string][] = [
  ['MATHS', 'Mathématiques'],
  ['PC', 'Physique-chimie'],
  ['SVT', 'Sciences de la vie et de la Terre'],
  ['SES', 'Sciences économiques et sociales'],
  ['HGGSP', 'Histoire-géographie, géopolitique et sciences politiques'],
  ['HLP', 'Humanités, littérature et philosophie'],
  ['LLCER', 'Langues, littératures et cultures étrangères et régionales'],
  ['NSI', 'Numérique et sciences informatiques'],
  ['SI', "Sciences de l'ingénieur"],
  ['ARTS', 'Arts'],
  ['BIOECO', 'Biologie-écologie'],
  ['LLCA', "Littérature, langues et cultures de l'Antiquité"],
  ['EPPCS', 'Éducation physique, pratiques et culture sportives'],
];
const HONOURS: [string, string][] = [
  ['P', 'Passable'],
  ['AB', 'Assez bien'],
  ['B', 'Bien'],
  ['TB', 'Très bien'],
];
const DIPLOMA_TYPES: [string, string, string, string][] = [
  ['LIC', 'Licence', 'LMD', '6'],
  ['LPRO', 'Licence professionnelle', 'LMD', '6'],
  ['MAS', 'Master', 'LMD', '7'],
  ['DOC', 'Doctorat', 'LMD', '8'],
  ['BUT', 'Bachelor universitaire de technologie', 'BUT', '6'],
  ['DU', "Diplôme d'université", 'DU', ''],
  ['DIPING', "Diplôme d'ingénieur", 'ING', '7'],
];
const RESULT_TYPES: [string, string, boolean][] = [
  ['ADM', 'Admis', true],
  ['ADJ', 'Admis par compensation', true],
  ['AJ', 'Ajourné', false],
  ['DEF', 'Défaillant', false],
  ['ABI', 'Absence injustifiée', false],
];

const LYCEE_NAMES = [
  'Henri Poincaré',
  'Jeanne d’Arc',
  'Frédéric Chopin',
  'Georges de La Tour',
  'Louis Vincent',
  'Fabert',
  'Victor Hugo',
  'Jules Ferry',
  'Marie Curie',
  'Condorcet',
  'Jean Zay',
  'Camille Claudel',
];

// --- Formations -------------------------------------------------------------------------------

/** The demo formations' Pégase codes (prisma/seed.ts `pegase`) and the fixtures', with their diploma type. */
const DEMO_FORMATIONS: [code: string, label: string, diplomaType: string][] = [
  ['MINFO-M1', 'Master mention Informatique - M1', 'MAS'],
  ['MINFO-IA-M2', 'Master mention Informatique parcours IA - M2', 'MAS'],
  ['LP-DEVWEB', 'LP Métiers de l’informatique - développement web et mobile', 'LPRO'],
  ['LINFO-L3', 'Licence mention Informatique - L3', 'LIC'],
  ['DU-DATA', 'Diplôme d’université Science des données', 'DU'],
  ['MMATH-M1', 'Master mention Mathématiques et applications - M1', 'MAS'],
  ['MPHYS-M1', 'Master mention Physique fondamentale et applications - M1', 'MAS'],
  // Named by the admission file fixtures (tests/fixtures/pegase-opi).
  ['MMIAGE-M1', 'Master mention MIAGE - M1', 'MAS'],
];
const MENTIONS = [
  ['CHIM', 'Chimie'],
  ['BIO', 'Biologie'],
  ['HIST', 'Histoire'],
  ['GEO', 'Géographie et aménagement'],
  ['LEA', 'Langues étrangères appliquées'],
  ['LETT', 'Lettres'],
  ['PSY', 'Psychologie'],
  ['SOC', 'Sociologie'],
  ['STAPS', 'STAPS'],
  ['MIASHS', 'MIASHS'],
  ['EEA', 'Électronique, énergie électrique, automatique'],
  ['MECA', 'Mécanique'],
] as const;

export interface Period {
  id: string;
  code: string;
  libelle: string;
  libelleLong: string;
  libelleAffichage: string;
  anneeUniversitaire: number;
  active: boolean;
  typeEspace: 'PERIODE' | 'BAC_A_SABLE';
  dateDebut: string;
  dateFin: string;
}

export interface Formation {
  id: string;
  code: string;
  libelle: string;
  libelleLong: string;
  typeObjetMaquette: 'FORMATION';
  typeObjetFormation: null;
  mutualise: boolean;
  valideInAnyContexte: boolean;
  periodeActive: boolean;
  /** Open to registration (PIA: point d'inscription administrative) and its activity. */
  pia: boolean;
  piaActif: boolean;
  espace: string;
  espaceLibelle: string;
  diplomaType: string;
  /** The years the formation is organised in (L3 → one "cible" per year). */
  cibles: { code: string; libelle: string }[];
}

// --- Students ---------------------------------------------------------------------------------

export interface Student {
  id: string;
  identifiantApprenantPegase: string;
  codeApprenant: string;
  ine: string | null; // INE + key, 11 characters
  nomNaissance: string;
  nomUsage: string | null;
  prenom: string;
  prenom2: string | null;
  prenom3: string | null;
  sexe: 'F' | 'M';
  dateNaissance: string;
  paysNaissance: string;
  communeNaissance: string | null;
  libelleCommuneNaissanceEtranger: string | null;
  nationalite: string;
  email: string;
  telephone: string | null;
  address: {
    pays: string;
    ligne1Etage: string | null;
    ligne2Batiment: string | null;
    ligne3Voie: string;
    ligne4Complement: string | null;
    codePostal: string | null;
    codeCommune: string | null;
    ligne5Etranger: string | null;
  };
  bac: {
    serie: string;
    annee: number;
    mention: string | null;
    pays: string;
    departement: string | null;
    etablissement: string | null;
    specialite1: string | null;
    specialite2: string | null;
  } | null;
  temoinDoublonPotentiel: boolean;
  /** Registrations (INS) with the results of each year (COC). */
  inscriptions: {
    formation: string;
    cible: string;
    periode: string;
    statut: 'valide' | 'annulee';
    results: { objet: string; libelle: string; note: number | null; resultat: string | null; bareme: number }[];
  }[];
}

/** Known students a demo names: the Pégase-campaign candidates of prisma/seed.ts that have an INE. */
const DEMO_STUDENTS = [
  { prenom: 'Camille', nom: 'DURAND', sexe: 'F', naissance: '2004-04-12', commune: '54395', ine: '123456789AB', code: '000100001', cp: '54000' },
  { prenom: 'Lucas', nom: 'MARTIN', sexe: 'M', naissance: '2003-11-03', commune: '57463', ine: '234567890BC', code: '000100002', cp: '57000' },
] as const;

const FIRST_F = ['Léa', 'Chloé', 'Manon', 'Emma', 'Inès', 'Jade', 'Camille', 'Sarah', 'Louise', 'Zoé', 'Lina', 'Anaïs', 'Julie', 'Clara', 'Yasmine', 'Maëlys'];
const FIRST_M = [
  'Lucas',
  'Hugo',
  'Louis',
  'Nathan',
  'Enzo',
  'Théo',
  'Mathis',
  'Adam',
  'Raphaël',
  'Noah',
  'Yanis',
  'Maxime',
  'Antoine',
  'Karim',
  'Quentin',
  'Étienne',
];
const LAST = [
  'MARTIN',
  'BERNARD',
  'THOMAS',
  'PETIT',
  'ROBERT',
  'RICHARD',
  'DURAND',
  'DUBOIS',
  'MOREAU',
  'LAURENT',
  'SIMON',
  'MICHEL',
  'LEFÈVRE',
  'LEROY',
  'ROUX',
  'DAVID',
  'BERTRAND',
  'MOREL',
  'FOURNIER',
  'GIRARD',
  'BONNET',
  'DUPONT',
  'LAMBERT',
  'FONTAINE',
  'ROUSSEAU',
  'VINCENT',
  'MULLER',
  'MERCIER',
  'BOYER',
  'N’DIAYE',
  'BENAÏSSA',
  'NGUYEN',
];
const STREETS = [
  'rue Saint-Dizier',
  'avenue de la Libération',
  'boulevard Albert 1er',
  'rue des Jardiniers',
  'place Carnot',
  'rue du Haut-Bourgeois',
  'quai Claude le Lorrain',
];

export interface PegaseData {
  etab: string;
  countries: Nomenclature[];
  departments: Nomenclature[];
  communes: Nomenclature[];
  birthCommunes: Nomenclature[];
  bacSeries: Nomenclature[];
  bacSpecialities: Nomenclature[];
  bacMentions: Nomenclature[];
  honours: Nomenclature[];
  diplomaTypes: Nomenclature[];
  resultTypes: Nomenclature[];
  establishments: Nomenclature[];
  structures: {
    code: string;
    denominationPrincipale: string;
    denominationComplementaire: string | null;
    appellationOfficielle: string;
    codeUai: string | null;
  }[];
  periods: Period[];
  formations: Formation[];
  students: Student[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generatePegaseData(seed = DEFAULT_SEED, etab = DEFAULT_ETAB): PegaseData {
  const rng = prng(seed);
  const depOf = (insee: string) => (insee.startsWith('97') ? insee.slice(0, 3) : `0${insee.slice(0, 2)}`);

  const countries = COUNTRIES.map(([code, name, nat, continent, eu]) =>
    nomenclature('PaysNationalite', code, name, {
      continent,
      libelleNationalite: nat,
      codeDrapeau: null,
      temoinUnionEuropeenne: eu,
      temoinAccords: eu,
    }),
  );
  const departments = DEPARTMENTS.map(([code, name, academie, region]) =>
    nomenclature('Departement', code, name, {
      codeAcademie: academie,
      codeRegion: region,
      codeDepartementImmatriculation: code.replace(/^0/, ''),
      codeDepartementInsee2: code.slice(1),
      codeSiseDepartement: code,
    }),
  );
  const communes = COMMUNES.map(([insee, name, cp]) =>
    nomenclature('Commune', `${insee}-${cp}`, name, {
      codePostal: cp,
      codeInsee: insee,
      codeInseeAncien: null,
      ligne5: null,
      libelleAcheminement: name.toUpperCase(),
    }),
  );
  const birthCommunes = [...COMMUNES.map(([insee, name]) => [insee, name, depOf(insee)] as const), ...FORMER_COMMUNES].map(([insee, name, dep]) =>
    nomenclature('CommuneNaissance', insee, name, { departement: dep }),
  );
  const bacSeries = BAC_SERIES.map(([code, label, from]) =>
    nomenclature('SerieBac', code, label, {
      codeBcn: code,
      dateDebutValidite: from ? `${from}-01-01` : null,
      dateFinValidite: ['S', 'ES', 'L'].includes(code) ? '2020-12-31' : null,
      titreAcces: null,
      typeBac: null,
    }),
  );
  const bacSpecialities = BAC_SPECIALITIES.map(([code, label]) => nomenclature('SpecialitesBacGeneral', code, label, { dateDebutValidite: '2021-01-01' }));
  const bacMentions = BAC_MENTIONS.map(([code, label]) => nomenclature('MentionBac', code, label));
  const honours = HONOURS.map(([code, label]) => nomenclature('MentionHonorifique', code, label));
  const diplomaTypes = DIPLOMA_TYPES.map(([code, label, cursus, niveau]) =>
    nomenclature('TypeDiplome', code, label, { codeBcn: code, cursusFormation: cursus, niveauFormation: niveau || null, natureDiplome: null }),
  );
  const resultTypes = RESULT_TYPES.map(([code, label, positif]) => nomenclature('TypeResultat', code, label, { positif }));

  // Two lycées per commune in metropolitan France, with a UAI of the department's code.
  const establishments: Nomenclature[] = [];
  COMMUNES.forEach(([insee, city], i) => {
    for (let k = 0; k < 2; k++) {
      const dep = depOf(insee);
      const uai = `${dep}${pad(100 + i * 2 + k, 4)}${'ABCDEFGHJKLMNPRSTUVWXYZ'[(i * 2 + k) % 23]}`;
      const name = `Lycée ${LYCEE_NAMES[(i + k * 5) % LYCEE_NAMES.length]}`;
      establishments.push(
        nomenclature('EtablissementFrancais', uai, `${name} - ${city}`, {
          numeroUai: uai,
          typeUai: { typeUai: 'LYC', typeUaiLibe: 'Lycée' },
          departement: { code: dep },
          // eCandidat pads a 4-character commune with a leading 0: the simulator sends some that way.
          commune: insee.startsWith('0') ? insee.slice(1) : insee,
          patronymeUai: name.toUpperCase(),
        }),
      );
    }
  });
  // One establishment without commune, as the real data has (eCandidat skips them).
  establishments.push(
    nomenclature('EtablissementFrancais', '0549999Z', 'Centre national d’enseignement à distance', { numeroUai: '0549999Z', departement: null, commune: null }),
  );

  const structures = [
    {
      code: etab,
      denominationPrincipale: 'Université de démonstration',
      denominationComplementaire: null,
      appellationOfficielle: 'Université de démonstration',
      codeUai: '0541234X',
    },
    {
      code: 'FST',
      denominationPrincipale: 'Faculté des sciences et technologies',
      denominationComplementaire: null,
      appellationOfficielle: 'FST',
      codeUai: null,
    },
    {
      code: 'FLSH',
      denominationPrincipale: 'Faculté des lettres et sciences humaines',
      denominationComplementaire: null,
      appellationOfficielle: 'FLSH',
      codeUai: null,
    },
  ];

  // "<year>-P": the demo institution's period codes, which its Pégase campaign codes name.
  const periods: Period[] = Array.from({ length: 13 }, (_, i) => 2015 + i).map((y) => ({
    id: rng.uuid(),
    code: `${y}-P`,
    libelle: `${y}-${y + 1}`,
    libelleLong: `Année universitaire ${y}-${y + 1}`,
    libelleAffichage: `Période ${y}-${y + 1}`,
    anneeUniversitaire: y,
    active: y >= 2025,
    typeEspace: 'PERIODE' as const,
    dateDebut: `${y}-09-01`,
    dateFin: `${y + 1}-08-31`,
  }));
  const current = periods.find((p) => p.code === '2026-P')!;

  const formation = (code: string, label: string, diplomaType: string, extra: Partial<Formation> = {}): Formation => ({
    id: rng.uuid(),
    code,
    libelle: label.slice(0, 50),
    libelleLong: label,
    typeObjetMaquette: 'FORMATION',
    typeObjetFormation: null,
    mutualise: false,
    valideInAnyContexte: true,
    periodeActive: true,
    pia: true,
    piaActif: true,
    espace: current.id,
    espaceLibelle: current.libelleAffichage,
    diplomaType,
    cibles: [{ code: `${code}-A1`, libelle: `${label} - année 1` }],
    ...extra,
  });
  const formations: Formation[] = DEMO_FORMATIONS.map(([code, label, type]) => formation(code, label, type));
  for (const [code, label] of MENTIONS) {
    for (const year of [1, 2, 3]) formations.push(formation(`L${code}-L${year}`, `Licence mention ${label} - L${year}`, 'LIC'));
    for (const year of [1, 2]) formations.push(formation(`M${code}-M${year}`, `Master mention ${label} - M${year}`, 'MAS'));
  }
  // Formations a search must not return by default: not validated, no active PIA.
  formations.push(formation('MARCH-M1', 'Master Archéologie - M1 (en construction)', 'MAS', { valideInAnyContexte: false }));
  formations.push(formation('DU-FERME', 'DU Informatique (fermé au recrutement)', 'DU', { piaActif: false }));

  const students: Student[] = [];
  const usedIne = new Set<string>();
  const ineKeyLetters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const newIne = () => {
    for (;;) {
      const ine = `${pad(rng.int(0, 999_999_999), 9)}${rng.pick([...ineKeyLetters])}${rng.pick([...ineKeyLetters])}`;
      if (!usedIne.has(ine)) return (usedIne.add(ine), ine);
    }
  };
  const licences = formations.filter((f) => f.diplomaType === 'LIC');
  const makeStudent = (i: number, demo?: (typeof DEMO_STUDENTS)[number]): Student => {
    const sexe = demo?.sexe ?? (rng.next() < 0.55 ? 'F' : 'M');
    const prenom = demo?.prenom ?? rng.pick(sexe === 'F' ? FIRST_F : FIRST_M);
    const nom = demo?.nom ?? rng.pick(LAST);
    const bornAbroad = !demo && rng.next() < 0.12;
    const birthCountry = bornAbroad ? rng.pick(COUNTRIES.slice(1))[0] : '100';
    const [birthInsee] = demo ? [demo.commune] : rng.pick(COMMUNES);
    const year = demo ? Number(demo.naissance.slice(0, 4)) : rng.int(1998, 2006);
    const naissance = demo?.naissance ?? `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
    const [homeInsee, , homeCp] = demo ? [demo.commune, '', demo.cp] : rng.pick(COMMUNES);
    const bacYear = year + 18;
    const bacSerie = bacYear >= 2021 ? 'GEN' : rng.pick(['S', 'ES', 'L', 'STMG']);
    const codeApprenant = demo?.code ?? pad(200000 + i, 9);
    const inscriptions: Student['inscriptions'] = [];
    // Most students are (or were) registered here: one licence year per year since the bac.
    if (demo || rng.next() < 0.8) {
      const f = demo ? formations.find((x) => x.code === 'LINFO-L3')! : rng.pick(licences);
      const firstYear = Math.min(bacYear, 2025);
      for (let y = firstYear, n = 1; y <= 2025 && n <= 3; y++, n++) {
        const failed = !demo && rng.next() < 0.15;
        inscriptions.push({
          formation: f.code,
          cible: f.cibles[0]!.code,
          periode: `${y}-P`,
          statut: 'valide',
          results: ['UE1', 'UE2', 'UE3'].map((ue, k) => ({
            objet: `${f.code}-${ue}`,
            libelle: `${['Fondamentaux', 'Méthodologie', 'Projet'][k]} S${2 * n - 1}`,
            note: y === 2025 ? null : Math.round((failed ? rng.int(40, 95) : rng.int(100, 175)) * 10) / 100,
            resultat: y === 2025 ? null : failed ? 'AJ' : 'ADM',
            bareme: 20,
          })),
        });
      }
    }
    return {
      id: rng.uuid(),
      identifiantApprenantPegase: `PEG${pad(i + 1, 7)}`,
      codeApprenant,
      ine: demo?.ine ?? (bornAbroad && rng.next() < 0.5 ? null : newIne()),
      nomNaissance: nom,
      nomUsage: !demo && rng.next() < 0.08 ? rng.pick(LAST) : null,
      prenom,
      prenom2: !demo && rng.next() < 0.3 ? rng.pick(sexe === 'F' ? FIRST_F : FIRST_M) : null,
      prenom3: null,
      sexe,
      dateNaissance: naissance,
      paysNaissance: birthCountry,
      communeNaissance: birthCountry === '100' ? birthInsee : null,
      libelleCommuneNaissanceEtranger: birthCountry === '100' ? null : rng.pick(['Casablanca', 'Dakar', 'Milano', 'Hanoï', 'Tunis', 'Montréal']),
      nationalite: birthCountry,
      email: `${prenom}.${nom}${i}@etu.example.fr`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f’'\s]/g, ''),
      telephone: `06${pad(rng.int(0, 99_999_999), 8)}`,
      address: {
        pays: '100',
        ligne1Etage: rng.next() < 0.2 ? `${rng.int(1, 6)}e étage` : null,
        ligne2Batiment: rng.next() < 0.1 ? `Bâtiment ${rng.pick(['A', 'B', 'C'])}` : null,
        ligne3Voie: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
        ligne4Complement: null,
        codePostal: homeCp,
        codeCommune: homeInsee,
        ligne5Etranger: null,
      },
      bac: {
        serie: bornAbroad ? '0031' : bacSerie,
        annee: bacYear,
        mention: rng.pick([null, 'P', 'AB', 'B', 'TB']),
        pays: bornAbroad ? birthCountry : '100',
        departement: bornAbroad ? null : depOf(homeInsee),
        etablissement: bornAbroad
          ? null
          : (establishments.find((e) => e.departement && (e.departement as { code: string }).code === depOf(homeInsee))?.code ?? null),
        specialite1: bacSerie === 'GEN' && !bornAbroad ? 'MATHS' : null,
        specialite2: bacSerie === 'GEN' && !bornAbroad ? rng.pick(['NSI', 'PC', 'SES', 'SVT']) : null,
      },
      temoinDoublonPotentiel: false,
      inscriptions,
    };
  };
  DEMO_STUDENTS.forEach((d, i) => students.push(makeStudent(i, d)));
  for (let i = DEMO_STUDENTS.length; i < 300; i++) students.push(makeStudent(i));
  // A potential duplicate: two identities share one INE (IDT then finds two, eCandidat takes none).
  const twin = students.find((s, i) => i >= 10 && s.ine)!;
  twin.temoinDoublonPotentiel = true;
  students.push({ ...makeStudent(300), ine: twin.ine, temoinDoublonPotentiel: true });

  return {
    etab,
    countries,
    departments,
    communes,
    birthCommunes,
    bacSeries,
    bacSpecialities,
    bacMentions,
    honours,
    diplomaTypes,
    resultTypes,
    establishments,
    structures,
    periods,
    formations,
    students,
  };
}
