// The Apogée simulator's database: the referential tables of reference sis-apis.md §3.2 (with
// Apogée's own column names), the offer (VERSION_ETAPE, DIPLOME, VDI_FRACTIONNER_VET,
// ETP_GERER_CGE), a few hundred known students (état civil, addresses, bac, contrats pédagogiques,
// pièces justificatives) and the OPI tables the OPI web service fills. Generated from a fixed seed
// so that every run, every test and every developer sees the same students under the same numbers.

export type Row = Record<string, string | number | null>;

/** A tiny deterministic PRNG (mulberry32): same seed, same data, on every machine. */
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
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const O = (b: boolean) => (b ? 'O' : 'N');

// ---------------------------------------------------------------------------------------------
// Referential source lists (real INSEE / Apogée-style codes)

const COUNTRIES: [code: string, label: string, nationality: string][] = [
  ['100', 'FRANCE', 'FRANCAIS(E)'],
  ['109', 'ALLEMAGNE', 'ALLEMAND(E)'],
  ['110', 'AUTRICHE', 'AUTRICHIEN(NE)'],
  ['127', 'ITALIE', 'ITALIEN(NE)'],
  ['131', 'BELGIQUE', 'BELGE'],
  ['132', 'ROYAUME-UNI', 'BRITANNIQUE'],
  ['134', 'ESPAGNE', 'ESPAGNOL(E)'],
  ['135', 'PAYS-BAS', 'NEERLANDAIS(E)'],
  ['136', 'IRLANDE', 'IRLANDAIS(E)'],
  ['137', 'LUXEMBOURG', 'LUXEMBOURGEOIS(E)'],
  ['139', 'PORTUGAL', 'PORTUGAIS(E)'],
  ['140', 'SUISSE', 'SUISSE'],
  ['122', 'POLOGNE', 'POLONAIS(E)'],
  ['126', 'GRECE', 'GREC(QUE)'],
  ['123', 'ROUMANIE', 'ROUMAIN(E)'],
  ['155', 'UKRAINE', 'UKRAINIEN(NE)'],
  ['208', 'TURQUIE', 'TURC(QUE)'],
  ['205', 'LIBAN', 'LIBANAIS(E)'],
  ['216', 'CHINE', 'CHINOIS(E)'],
  ['217', 'JAPON', 'JAPONAIS(E)'],
  ['223', 'INDE', 'INDIEN(NE)'],
  ['243', 'VIET NAM', 'VIETNAMIEN(NE)'],
  ['322', 'CAMEROUN', 'CAMEROUNAIS(E)'],
  ['326', 'COTE D IVOIRE', 'IVOIRIEN(NE)'],
  ['327', 'BENIN', 'BENINOIS(E)'],
  ['328', 'GABON', 'GABONAIS(E)'],
  ['333', 'MADAGASCAR', 'MALGACHE'],
  ['335', 'MALI', 'MALIEN(NE)'],
  ['341', 'SENEGAL', 'SENEGALAIS(E)'],
  ['345', 'TOGO', 'TOGOLAIS(E)'],
  ['350', 'MAROC', 'MAROCAIN(E)'],
  ['351', 'TUNISIE', 'TUNISIEN(NE)'],
  ['352', 'ALGERIE', 'ALGERIEN(NE)'],
  ['401', 'CANADA', 'CANADIEN(NE)'],
  ['404', 'ETATS-UNIS', 'AMERICAIN(E)'],
  ['405', 'MEXIQUE', 'MEXICAIN(E)'],
  ['415', 'BRESIL', 'BRESILIEN(NE)'],
  ['417', 'CHILI', 'CHILIEN(NE)'],
  ['419', 'COLOMBIE', 'COLOMBIEN(NE)'],
];

const DEPARTMENTS: [code: string, label: string][] = [
  ['001', 'Ain'],
  ['002', 'Aisne'],
  ['003', 'Allier'],
  ['006', 'Alpes-Maritimes'],
  ['010', 'Aube'],
  ['013', 'Bouches-du-Rhône'],
  ['014', 'Calvados'],
  ['021', "Côte-d'Or"],
  ['025', 'Doubs'],
  ['029', 'Finistère'],
  ['031', 'Haute-Garonne'],
  ['033', 'Gironde'],
  ['034', 'Hérault'],
  ['035', 'Ille-et-Vilaine'],
  ['037', 'Indre-et-Loire'],
  ['038', 'Isère'],
  ['044', 'Loire-Atlantique'],
  ['045', 'Loiret'],
  ['049', 'Maine-et-Loire'],
  ['051', 'Marne'],
  ['052', 'Haute-Marne'],
  ['054', 'Meurthe-et-Moselle'],
  ['055', 'Meuse'],
  ['057', 'Moselle'],
  ['059', 'Nord'],
  ['063', 'Puy-de-Dôme'],
  ['064', 'Pyrénées-Atlantiques'],
  ['066', 'Pyrénées-Orientales'],
  ['067', 'Bas-Rhin'],
  ['068', 'Haut-Rhin'],
  ['069', 'Rhône'],
  ['075', 'Paris'],
  ['076', 'Seine-Maritime'],
  ['080', 'Somme'],
  ['084', 'Vaucluse'],
  ['086', 'Vienne'],
  ['087', 'Haute-Vienne'],
  ['088', 'Vosges'],
  ['092', 'Hauts-de-Seine'],
  ['093', 'Seine-Saint-Denis'],
  ['094', 'Val-de-Marne'],
  ['971', 'Guadeloupe'],
  ['974', 'La Réunion'],
];

/** Communes: INSEE code, name, department, postcodes (COM_BDI). */
const COMMUNES: [code: string, label: string, dep: string, postcodes: string[]][] = [
  ['54395', 'NANCY', '054', ['54000', '54100']],
  ['54547', 'VANDOEUVRE-LES-NANCY', '054', ['54500']],
  ['54339', 'LAXOU', '054', ['54520']],
  ['57463', 'METZ', '057', ['57000', '57050', '57070']],
  ['57672', 'THIONVILLE', '057', ['57100']],
  ['55545', 'VERDUN', '055', ['55100']],
  ['88160', 'EPINAL', '088', ['88000']],
  ['69123', 'LYON', '069', ['69001', '69002', '69003', '69004', '69005', '69006', '69007', '69008', '69009']],
  ['69266', 'VILLEURBANNE', '069', ['69100']],
  ['75056', 'PARIS', '075', ['75001', '75004', '75005', '75006', '75011', '75013', '75015', '75018', '75020']],
  ['92050', 'NANTERRE', '092', ['92000']],
  ['93066', 'SAINT-DENIS', '093', ['93200']],
  ['94028', 'CRETEIL', '094', ['94000']],
  ['13055', 'MARSEILLE', '013', ['13001', '13005', '13008', '13013']],
  ['13001', 'AIX-EN-PROVENCE', '013', ['13090', '13100']],
  ['31555', 'TOULOUSE', '031', ['31000', '31100', '31400']],
  ['06088', 'NICE', '006', ['06000', '06100']],
  ['44109', 'NANTES', '044', ['44000', '44100', '44300']],
  ['67482', 'STRASBOURG', '067', ['67000', '67100', '67200']],
  ['68224', 'MULHOUSE', '068', ['68100', '68200']],
  ['34172', 'MONTPELLIER', '034', ['34000', '34070', '34090']],
  ['33063', 'BORDEAUX', '033', ['33000', '33100', '33800']],
  ['59350', 'LILLE', '059', ['59000', '59800']],
  ['35238', 'RENNES', '035', ['35000', '35200', '35700']],
  ['51454', 'REIMS', '051', ['51100']],
  ['10387', 'TROYES', '010', ['10000']],
  ['52121', 'CHAUMONT', '052', ['52000']],
  ['21231', 'DIJON', '021', ['21000']],
  ['25056', 'BESANCON', '025', ['25000']],
  ['38185', 'GRENOBLE', '038', ['38000', '38100']],
  ['49007', 'ANGERS', '049', ['49000', '49100']],
  ['29019', 'BREST', '029', ['29200']],
  ['37261', 'TOURS', '037', ['37000', '37100', '37200']],
  ['45234', 'ORLEANS', '045', ['45000', '45100']],
  ['63113', 'CLERMONT-FERRAND', '063', ['63000', '63100']],
  ['87085', 'LIMOGES', '087', ['87000', '87100']],
  ['86194', 'POITIERS', '086', ['86000']],
  ['80021', 'AMIENS', '080', ['80000', '80080']],
  ['76540', 'ROUEN', '076', ['76000', '76100']],
  ['14118', 'CAEN', '014', ['14000']],
  ['64445', 'PAU', '064', ['64000']],
  ['66136', 'PERPIGNAN', '066', ['66000', '66100']],
  ['84007', 'AVIGNON', '084', ['84000']],
  ['01053', 'BOURG-EN-BRESSE', '001', ['01000']],
  ['02691', 'SAINT-QUENTIN', '002', ['02100']],
  ['03185', 'MONTLUCON', '003', ['03100']],
  ['97105', 'BASSE-TERRE', '971', ['97100']],
  ['97411', 'SAINT-DENIS', '974', ['97400']],
];

const STREETS = [
  'rue de la Monnaie',
  'rue Saint-Jean',
  'avenue de la République',
  'boulevard Gambetta',
  'rue Victor Hugo',
  'place Stanislas',
  'rue des Jardiniers',
  'avenue Jean Jaurès',
  'rue du Général Leclerc',
  'quai Claude Bernard',
  'rue Pasteur',
  'rue de la Paix',
  'allée des Tilleuls',
  'chemin des Vignes',
  'rue Émile Zola',
  'boulevard Carnot',
  'rue des Écoles',
  'impasse des Lilas',
  'rue de Metz',
  'cours Lafayette',
];

const FEMALE_FIRST = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Jade',
  'Louise',
  'Sarah',
  'Zoé',
  'Clara',
  'Lina',
  'Anaïs',
  'Océane',
  'Éloïse',
  'Maëlys',
  'Yasmine',
  'Fatou',
  'Mathilde',
  'Juliette',
];
const MALE_FIRST = [
  'Lucas',
  'Hugo',
  'Thomas',
  'Nathan',
  'Enzo',
  'Louis',
  'Théo',
  'Mathis',
  'Arthur',
  'Raphaël',
  'Maxime',
  'Antoine',
  'Yanis',
  'Noah',
  'Adam',
  'Gabriel',
  'Jules',
  'Mamadou',
  'Karim',
  'Benoît',
];
/** Common French last names (the bench's candidates use them too). */
export const LAST_NAMES = [
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
  'LEFEBVRE',
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
  'LEFEVRE',
  'FAURE',
  'ANDRE',
  'MERCIER',
  'BLANC',
  'GUERIN',
  'BOYER',
  'GARNIER',
  'CHEVALIER',
  'FRANCOIS',
  'LEGRAND',
  'GAUTHIER',
  'GARCIA',
  'PERRIN',
  'ROBIN',
  'CLEMENT',
  'MORIN',
  'NICOLAS',
  'HENRY',
  'ROUSSEL',
  'MATHIEU',
  'GAUTIER',
  'MASSON',
  'NGUYEN',
  'DIALLO',
  'BENALI',
  'SCHMITT',
  'COLIN',
  'VIDAL',
  "D'ALMEIDA",
  'LE GALL',
  'SAINT-MARTIN',
  'DE LA FONTAINE-DUVERGER',
];

const BACS: [code: string, label: string, from: number | null, to: number | null, national: boolean, ineCheck: boolean][] = [
  ['GEN', 'Baccalauréat général', 2021, null, true, true],
  ['S', 'Série scientifique', 1995, 2020, true, true],
  ['ES', 'Série économique et sociale', 1995, 2020, true, true],
  ['L', 'Série littéraire', 1995, 2020, true, true],
  ['STMG', 'Sciences et technologies du management et de la gestion', 2013, null, true, true],
  ['STI2D', "Sciences et technologies de l'industrie et du développement durable", 2013, null, true, true],
  ['ST2S', 'Sciences et technologies de la santé et du social', 2008, null, true, true],
  ['STL', 'Sciences et technologies de laboratoire', 2013, null, true, true],
  ['STAV', "Sciences et technologies de l'agronomie et du vivant", 2008, null, true, true],
  ['PRO', 'Baccalauréat professionnel', 1987, null, true, true],
  ['DAEU-A', "Diplôme d'accès aux études universitaires A (littéraire)", 1995, null, true, false],
  ['DAEU-B', "Diplôme d'accès aux études universitaires B (scientifique)", 1995, null, true, false],
  ['0031', 'Titre étranger admis en équivalence', null, null, false, false],
  ['0032', 'Titre français admis en dispense', null, null, false, false],
  ['0001', 'Sans bac', null, null, false, false],
];

/** Spécialités of the general bac (reform of 2021): code, label, taught in terminale. */
const SPECIALITES: [code: string, label: string, terminale: boolean][] = [
  ['MATH', 'Mathématiques', true],
  ['PHCH', 'Physique-chimie', true],
  ['SVT', 'Sciences de la vie et de la Terre', true],
  ['SES', 'Sciences économiques et sociales', true],
  ['HGGSP', 'Histoire-géographie, géopolitique et sciences politiques', true],
  ['HLP', 'Humanités, littérature et philosophie', true],
  ['LLCER', 'Langues, littératures et cultures étrangères et régionales', true],
  ['NSI', 'Numérique et sciences informatiques', true],
  ['SI', "Sciences de l'ingénieur", true],
  ['ARTS', 'Arts', true],
  ['LLCA', "Littérature, langues et cultures de l'Antiquité", true],
  ['EPPCS', 'Éducation physique, pratiques et cultures sportives', true],
  ['BIOE', 'Biologie-écologie', true],
];

const OPTIONS: [code: string, label: string][] = [
  ['MEXP', 'Mathématiques expertes'],
  ['MCOMP', 'Mathématiques complémentaires'],
  ['DGEMC', 'Droit et grands enjeux du monde contemporain'],
  ['LATIN', 'Langues et cultures de l’Antiquité : latin'],
  ['LV3', 'Langue vivante C'],
  ['EPS', 'Éducation physique et sportive'],
];

const BAC_MENTIONS: [code: string, label: string][] = [
  ['P', 'Passable'],
  ['AB', 'Assez bien'],
  ['B', 'Bien'],
  ['TB', 'Très bien'],
  ['TBF', 'Très bien avec félicitations du jury'],
];

/** Lycées and universities (UAI-style codes). */
const ESTABLISHMENTS: [code: string, type: string, label: string, dep: string, com: string][] = [
  ['0540038Y', 'LY', 'LYCEE HENRI POINCARE', '054', '54395'],
  ['0540041B', 'LY', 'LYCEE JEANNE D ARC', '054', '54395'],
  ['0540042C', 'LY', 'LYCEE FREDERIC CHOPIN', '054', '54395'],
  ['0570030A', 'LY', 'LYCEE FABERT', '057', '57463'],
  ['0570058F', 'LY', 'LYCEE GEORGES DE LA TOUR', '057', '57463'],
  ['0690026D', 'LY', 'LYCEE DU PARC', '069', '69123'],
  ['0690028F', 'LY', 'LYCEE AMPERE', '069', '69123'],
  ['0750654D', 'LY', 'LYCEE HENRI IV', '075', '75056'],
  ['0750655E', 'LY', 'LYCEE LOUIS LE GRAND', '075', '75056'],
  ['0750693W', 'LY', 'LYCEE TURGOT', '075', '75056'],
  ['0130040Y', 'LY', 'LYCEE THIERS', '013', '13055'],
  ['0310036W', 'LY', 'LYCEE PIERRE DE FERMAT', '031', '31555'],
  ['0440021J', 'LY', 'LYCEE CLEMENCEAU', '044', '44109'],
  ['0670079V', 'LY', 'LYCEE FUSTEL DE COULANGES', '067', '67482'],
  ['0330021U', 'LY', 'LYCEE MONTAIGNE', '033', '33063'],
  ['0590117G', 'LY', 'LYCEE FAIDHERBE', '059', '59350'],
  ['0350042F', 'LY', 'LYCEE CHATEAUBRIAND', '035', '35238'],
  ['0210015C', 'LY', 'LYCEE CARNOT', '021', '21231'],
  ['0380027Y', 'LY', 'LYCEE CHAMPOLLION', '038', '38185'],
  ['0881370B', 'LY', 'LYCEE CLAUDE GELLEE', '088', '88160'],
  ['0542493S', 'UN', 'UNIVERSITE DE LORRAINE', '054', '54395'],
  ['0692437Z', 'UN', 'UNIVERSITE JEAN MOULIN LYON 3', '069', '69123'],
  ['0751717J', 'UN', 'UNIVERSITE PARIS 1 PANTHEON-SORBONNE', '075', '75056'],
  ['0673021V', 'UN', 'UNIVERSITE DE STRASBOURG', '067', '67482'],
  ['0331766R', 'UN', 'UNIVERSITE DE BORDEAUX', '033', '33063'],
  ['0597239Y', 'UN', 'UNIVERSITE DE LILLE', '059', '59350'],
];

const ACADEMIC_YEARS: [code: string, status: string][] = [
  ['2021', 'F'],
  ['2022', 'F'],
  ['2023', 'F'],
  ['2024', 'F'],
  ['2025', 'I'],
  ['2026', 'O'],
  ['2027', 'N'],
];

const DIPLOMA_TYPES: [code: string, label: string][] = [
  ['LI', 'Licence'],
  ['LP', 'Licence professionnelle'],
  ['MA', 'Master'],
  ['DU', "Diplôme d'université"],
  ['BUT', 'Bachelor universitaire de technologie'],
  ['DOC', 'Doctorat'],
  ['DE', "Diplôme d'État"],
];

const MANAGEMENT_CENTRES: [code: string, label: string][] = [
  ['DRT', 'Faculté de Droit'],
  ['ECO', "Faculté d'Économie et de Gestion"],
  ['LET', 'Faculté des Lettres'],
  ['SCI', 'Faculté des Sciences'],
  ['STA', 'UFR STAPS'],
  ['IUT', 'IUT Nancy-Charlemagne'],
];

/** The offer: the VETs of prisma/seed.ts's Apogée formations first, then generated ones. */
const FIXED_VETS: [etp: string, label: string, dip: string, dipLabel: string, tpd: string, cge: string][] = [
  ['MDAF1', 'M1 Droit des affaires', 'MDAF', 'Master Droit des affaires', 'MA', 'DRT'],
  ['MDPU1', 'M1 Droit public', 'MDPU', 'Master Droit public', 'MA', 'DRT'],
  ['LDRT3', 'L3 Droit', 'LDRT', 'Licence Droit', 'LI', 'DRT'],
  ['DUDNU', 'DU Droit du numérique', 'DUDN', 'DU Droit du numérique', 'DU', 'DRT'],
  ['MMAE1', 'M1 Management et administration des entreprises', 'MMAE', 'Master MAE', 'MA', 'ECO'],
  ['MECA1', 'M1 Économie appliquée', 'MECA', 'Master Économie appliquée', 'MA', 'ECO'],
  ['LPGRH', 'LP Métiers de la GRH : assistant', 'LPGR', 'Licence professionnelle GRH', 'LP', 'ECO'],
];

const SUBJECTS: [code: string, label: string, cge: string][] = [
  ['DRT', 'Droit', 'DRT'],
  ['DPR', 'Droit privé', 'DRT'],
  ['DIN', 'Droit international', 'DRT'],
  ['AES', 'Administration économique et sociale', 'DRT'],
  ['ECO', 'Économie', 'ECO'],
  ['GES', 'Gestion', 'ECO'],
  ['FIN', 'Finance', 'ECO'],
  ['MKT', 'Marketing', 'ECO'],
  ['HIS', 'Histoire', 'LET'],
  ['GEO', 'Géographie', 'LET'],
  ['LEA', 'Langues étrangères appliquées', 'LET'],
  ['LET', 'Lettres modernes', 'LET'],
  ['PHI', 'Philosophie', 'LET'],
  ['MAT', 'Mathématiques', 'SCI'],
  ['INF', 'Informatique', 'SCI'],
  ['PHY', 'Physique', 'SCI'],
  ['CHI', 'Chimie', 'SCI'],
  ['BIO', 'Biologie', 'SCI'],
  ['STA', 'STAPS', 'STA'],
  ['GEA', 'Gestion des entreprises et des administrations', 'IUT'],
];

const MENTIONS: [code: string, label: string][] = [
  ['P', 'Passable'],
  ['AB', 'Assez bien'],
  ['B', 'Bien'],
  ['TB', 'Très bien'],
];

const RESULT_TYPES: [code: string, label: string][] = [
  ['ADM', 'Admis'],
  ['AJ', 'Ajourné'],
  ['ADJ', 'Admis par compensation'],
  ['DEF', 'Défaillant'],
  ['ABI', 'Absence injustifiée'],
];

// ---------------------------------------------------------------------------------------------
// Students

export interface Address {
  libAd1: string;
  libAd2: string | null;
  libAd3: string | null;
  libAde: string | null; // foreign city
  numTel: string | null;
  codeInsee: string | null;
  codePostal: string | null;
  nomCommune: string | null;
  codPay: string;
}

export interface Bac {
  codBac: string;
  anneeObtentionBac: string;
  codDep: string | null;
  codEtb: string | null;
  codMention: string | null;
  codSpeBacPre: string | null;
  codSpe1Bac: string | null;
  codSpe2Bac: string | null;
  codOpt1Bac: string | null;
}

export interface CursusYear {
  codAnu: string;
  codEtp: string;
  codVrsVet: number;
  libWebVet: string;
  codDip: string;
  libDip: string;
  result: { codTre: string; codMen: string | null; notVet: string | null } | null;
}

export interface Student {
  codEtu: number;
  codInd: number;
  ine: string; // 10 chars
  cleIne: string; // 1 char
  nomPatronymique: string;
  nomUsuel: string | null;
  prenom1: string;
  prenom2: string | null;
  sexe: 'M' | 'F';
  dateNaissance: string; // YYYY-MM-DD
  libVilleNaissance: string;
  codDepNaissance: string | null;
  codPayNaissance: string;
  codPayNationalite: string;
  email: string;
  emailAnnuaire: string;
  loginAnnuaire: string;
  numTelPortable: string;
  adresseFixe: Address;
  adresseAnnuelle: Address | null;
  bacs: Bac[];
  cursus: CursusYear[];
  pieces: { codAnu: string; codTpj: string; libTpj: string; nomFic: string; stuPj: string; datRecPj: string }[];
}

/**
 * The demo candidates of prisma/seed.ts who have an INE are known to this Apogée too, under fixed
 * student numbers, so that the demo's "pre-fill from the SIS" finds them.
 */
const DEMO_STUDENTS: Omit<Student, 'codInd' | 'emailAnnuaire' | 'loginAnnuaire' | 'pieces' | 'adresseAnnuelle'>[] = [
  {
    codEtu: 21000001,
    ine: '123456789A',
    cleIne: 'B',
    nomPatronymique: 'DURAND',
    nomUsuel: null,
    prenom1: 'CAMILLE',
    prenom2: null,
    sexe: 'F',
    dateNaissance: '2004-04-12',
    libVilleNaissance: 'NANCY',
    codDepNaissance: '054',
    codPayNaissance: '100',
    codPayNationalite: '100',
    email: 'candidat@demo.test',
    numTelPortable: '0612345678',
    adresseFixe: addr('12 rue de la Monnaie', '3e étage', '54395', '54000', 'NANCY'),
    bacs: [bac('GEN', '2022', '054', '0540038Y', 'B', 'NSI', 'MATH', 'PHCH')],
    cursus: [],
  },
  {
    codEtu: 21000002,
    ine: '234567890B',
    cleIne: 'C',
    nomPatronymique: 'MARTIN',
    nomUsuel: null,
    prenom1: 'LUCAS',
    prenom2: null,
    sexe: 'M',
    dateNaissance: '2003-11-03',
    libVilleNaissance: 'METZ',
    codDepNaissance: '057',
    codPayNaissance: '100',
    codPayNationalite: '100',
    email: 'lucas.martin@demo.test',
    numTelPortable: '0623456789',
    adresseFixe: addr('5 place Saint-Louis', null, '57463', '57000', 'METZ'),
    bacs: [bac('GEN', '2021', '057', '0570030A', 'AB', 'MATH', 'NSI', 'SES')],
    cursus: [],
  },
  {
    codEtu: 21000004,
    ine: '345678901C',
    cleIne: 'D',
    nomPatronymique: 'LEFEBVRE',
    nomUsuel: null,
    prenom1: 'HUGO',
    prenom2: null,
    sexe: 'M',
    dateNaissance: '2004-01-30',
    libVilleNaissance: 'LYON',
    codDepNaissance: '069',
    codPayNaissance: '100',
    codPayNationalite: '100',
    email: 'hugo.lefebvre@demo.test',
    numTelPortable: '0645678901',
    adresseFixe: addr('18 quai Claude Bernard', null, '69123', '69007', 'LYON'),
    bacs: [bac('GEN', '2022', '069', '0690026D', 'TB', 'SES', 'HGGSP', 'MATH')],
    cursus: [],
  },
  {
    codEtu: 21000006,
    ine: '456789012D',
    cleIne: 'E',
    nomPatronymique: 'PETIT',
    nomUsuel: null,
    prenom1: 'THOMAS',
    prenom2: null,
    sexe: 'M',
    dateNaissance: '2003-03-08',
    libVilleNaissance: 'PARIS',
    codDepNaissance: '075',
    codPayNaissance: '100',
    codPayNationalite: '100',
    email: 'thomas.petit@demo.test',
    numTelPortable: '0656789012',
    adresseFixe: addr('3 rue de Rivoli', 'Bâtiment B', '75056', '75004', 'PARIS'),
    bacs: [bac('STMG', '2021', '075', '0750693W', 'AB', null, null, null)],
    cursus: [],
  },
];

function addr(libAd1: string, libAd2: string | null, codeInsee: string, codePostal: string, nomCommune: string): Address {
  return { libAd1, libAd2, libAd3: null, libAde: null, numTel: null, codeInsee, codePostal, nomCommune, codPay: '100' };
}

function bac(
  codBac: string,
  year: string,
  dep: string | null,
  etb: string | null,
  mention: string | null,
  spe1: string | null,
  spe2: string | null,
  pre: string | null,
): Bac {
  return {
    codBac,
    anneeObtentionBac: year,
    codDep: dep,
    codEtb: etb,
    codMention: mention,
    codSpe1Bac: spe1,
    codSpe2Bac: spe2,
    codSpeBacPre: pre,
    codOpt1Bac: null,
  };
}

/** The INE key letter the simulator's INES check accepts for a 10-character INE it does not know. */
export function ineKey(ine: string): string {
  let sum = 0;
  for (const ch of ine.toUpperCase()) sum = (sum * 31 + ch.charCodeAt(0)) % 23;
  return String.fromCharCode(65 + sum);
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

// ---------------------------------------------------------------------------------------------

export interface ApogeeData {
  /** The referential tables, by Apogée table name. */
  tables: Record<string, Row[]>;
  students: Student[];
}

export const STUDENT_COUNT = 300;

export function generateApogeeData(seed = 2026): ApogeeData {
  const r = prng(seed);
  const tables: Record<string, Row[]> = {};

  tables.PAYS = COUNTRIES.map(([COD_PAY, LIB_PAY, LIB_NAT]) => ({ COD_PAY, LIB_NAT, LIB_PAY, LIC_PAY: LIB_PAY.slice(0, 20), TEM_EN_SVE_PAY: 'O' }));
  tables.DEPARTEMENT = DEPARTMENTS.map(([COD_DEP, LIB_DEP]) => ({ COD_DEP, LIB_DEP, LIC_DEP: LIB_DEP.slice(0, 10).toUpperCase(), TEM_EN_SVE_DEP: 'O' }));
  tables.COMMUNE = COMMUNES.map(([COD_COM, LIB_COM, COD_DEP]) => ({ COD_COM, LIB_COM, TEM_EN_SVE_COM: 'O', COD_DEP }));
  tables.COM_BDI = COMMUNES.flatMap(([COD_COM, , , postcodes]) => postcodes.map((COD_BDI) => ({ COD_COM, COD_BDI })));
  tables.ETABLISSEMENT = ESTABLISHMENTS.map(([COD_ETB, COD_TPE, LIB_ETB, COD_DEP, COD_COM_ADR_ETB]) => ({
    COD_ETB,
    COD_TPE,
    LIB_ETB,
    LIB_WEB_ETB: LIB_ETB.charAt(0) + LIB_ETB.slice(1).toLowerCase(),
    LIC_ETB: LIB_ETB.slice(0, 20),
    TEM_EN_SVE_ETB: 'O',
    COD_DEP,
    COD_COM_ADR_ETB,
  }));
  tables.BAC_OUX_EQU = BACS.map(([COD_BAC, LIB_BAC, from, to, national, ineCheck]) => ({
    COD_BAC,
    LIB_BAC,
    LIC_BAC: LIB_BAC.slice(0, 20),
    DAA_DEB_VLD_BAC: from === null ? null : String(from),
    DAA_FIN_VLD_BAC: to === null ? null : String(to),
    TEM_EN_SVE_BAC: O(to === null),
    TEM_NAT_BAC: O(national),
    TEM_CTRL_INE: O(ineCheck),
    ANN_CTRL_INE: ineCheck ? '1995' : null,
  }));
  tables.SPECIALITE_BAC = SPECIALITES.map(([COD_SPE_BAC, LIB_SPE_BAC]) => ({
    COD_SPE_BAC,
    LIB_SPE_BAC,
    LIC_SPE_BAC: LIB_SPE_BAC.slice(0, 20),
    DAA_DEB_VAL_SPE_BAC: '2021',
    DAA_FIN_VAL_SPE_BAC: null,
    TEM_EN_SVE_SPE_BAC: 'O',
  }));
  tables.OPTION_BAC = OPTIONS.map(([COD_OPT_BAC, LIB_OPT_BAC]) => ({
    COD_OPT_BAC,
    LIB_OPT_BAC,
    LIC_OPT_BAC: LIB_OPT_BAC.slice(0, 20),
    DAA_DEB_VAL_OPT_BAC: '2021',
    DAA_FIN_VAL_OPT_BAC: null,
    TEM_EN_SVE_OPT_BAC: 'O',
  }));
  tables.BAC_REGROUPE_SPE_BAC = SPECIALITES.map(([COD_SPE_BAC]) => ({ COD_BAC: 'GEN', COD_SPE_BAC }));
  tables.BAC_REGROUPE_OPT_BAC = OPTIONS.map(([COD_OPT_BAC]) => ({ COD_BAC: 'GEN', COD_OPT_BAC }));
  tables.MENTION_NIV_BAC = BAC_MENTIONS.map(([COD_MNB, LIB_MNB]) => ({ COD_MNB, LIB_MNB, LIC_MNB: LIB_MNB.slice(0, 10), TEM_EN_SVE_MNB: 'O' }));
  tables.MENTION = MENTIONS.map(([COD_MEN, LIB_MEN]) => ({ COD_MEN, LIB_MEN, LIC_MEN: LIB_MEN.slice(0, 10), TEM_EN_SVE_MEN: 'O' }));
  tables.TYP_RESULTAT = RESULT_TYPES.map(([COD_TRE, LIB_TRE]) => ({ COD_TRE, LIB_TRE, LIC_TRE: LIB_TRE.slice(0, 10), TEM_EN_SVE_TRE: 'O' }));
  tables.TYP_DIPLOME = DIPLOMA_TYPES.map(([COD_TPD_ETB, LIB_TPD]) => ({ COD_TPD_ETB, LIB_TPD, LIC_TPD: LIB_TPD.slice(0, 20), TEM_EN_SVE_TPD: 'O' }));
  tables.DIP_AUT_CUR = [
    ['BTS', 'Brevet de technicien supérieur'],
    ['CPGE', 'Classe préparatoire aux grandes écoles'],
    ['ETR', 'Diplôme étranger'],
    ['ING', "Diplôme d'ingénieur"],
    ['DEUST', "Diplôme d'études universitaires scientifiques et techniques"],
  ].map(([COD_DAC, LIB_DAC]) => ({ COD_DAC: COD_DAC!, LIB_DAC: LIB_DAC!, LIC_DAC: LIB_DAC!.slice(0, 20), TEM_EN_SVE_DAC: 'O' }));
  tables.CENTRE_GESTION = MANAGEMENT_CENTRES.map(([COD_CGE, LIB_CGE]) => ({ COD_CGE, LIB_CGE, LIC_CGE: LIB_CGE.slice(0, 20), TEM_EN_SVE_CGE: 'O' }));
  tables.UTILISATEUR = MANAGEMENT_CENTRES.flatMap(([COD_CGE], i) => [
    {
      COD_UTI: `SCOL${COD_CGE}`,
      ADR_MAIL_UTI: `scolarite-${COD_CGE.toLowerCase()}@univ-demo.fr`,
      LIB_CMT_UTI: `Scolarité ${COD_CGE}`,
      TEM_EN_SVE_UTI: 'O',
      COD_CGE,
    },
    { COD_UTI: `GEST${i + 1}`, ADR_MAIL_UTI: `gestionnaire${i + 1}@univ-demo.fr`, LIB_CMT_UTI: `Gestionnaire ${i + 1}`, TEM_EN_SVE_UTI: 'O', COD_CGE },
  ]);
  tables.ANNEE_UNI = ACADEMIC_YEARS.map(([COD_ANU, ETA_ANU_IAE]) => ({
    COD_ANU,
    ETA_ANU_IAE,
    LIB_ANU: `Année universitaire ${COD_ANU}/${Number(COD_ANU) + 1}`,
    LIC_ANU: `${COD_ANU}/${Number(COD_ANU) + 1}`,
  }));
  tables.CAT_EXO_EXT = [
    ['BGF', 'Boursier du gouvernement français', 'BGF'],
    ['RCI', 'Réfugié, protection subsidiaire', 'RCI'],
    ['EXO', 'Exonération partielle (décision du président)', 'EXO'],
  ].map(([COD, LIB, SIS]) => ({
    COD_CAT_EXO_EXT: COD!,
    LIB_CAT_EXO_EXT: LIB!,
    LIC_CAT_EXO_EXT: LIB!.slice(0, 20),
    TEM_EN_SVE_CAT_EXO_EXT: 'O',
    COD_SIS_CAT_EXO_EXT: SIS!,
  }));
  tables.REGIME_INS = [
    ['1', 'Formation initiale'],
    ['2', 'Formation continue'],
    ['4', 'Contrat de professionnalisation'],
    ['5', 'Apprentissage'],
  ].map(([COD_RGI, LIB_RGI]) => ({ COD_RGI: COD_RGI!, LIB_RGI: LIB_RGI!, LIC_RGI: LIB_RGI!.slice(0, 20), TEM_EN_SVE_RGI: 'O' }));
  tables.STATUT_ETU = [
    ['01', 'Étudiant'],
    ['02', 'Auditeur libre'],
    ['03', 'Stagiaire de la formation continue'],
  ].map(([COD_STU, LIB_STU]) => ({ COD_STU: COD_STU!, LIB_STU: LIB_STU!, LIC_STU: LIB_STU!.slice(0, 20), TEM_EN_SVE_STU: 'O' }));
  tables.VERSION_APO = [
    { COD_VER: '6.50.50', COD_PATCH: '0', COD_PERSO: null, DAT_CRE: '2025-01-15' },
    { COD_VER: '6.50.70', COD_PATCH: '2', COD_PERSO: null, DAT_CRE: '2025-06-02' },
  ];

  // The offer. Each VET has version 101 like the seed's formations; the recruitment window covers
  // the open years for most of them, and a few closed ones prove the search filters on it.
  const vets: Row[] = [];
  const diplomas: Row[] = [];
  const vdiVet: Row[] = [];
  const etpCge: Row[] = [];
  const addVet = (etp: string, label: string, dip: string, dipLabel: string, tpd: string, cge: string, from: string, to: string) => {
    // The generated subjects overlap the seed's VETs (LDRT3): the seed's come first and win.
    if (vets.some((v) => v.COD_ETP === etp)) return;
    vets.push({ COD_ETP: etp, COD_VRS_VET: 101, LIB_WEB_VET: label, DAA_DEB_RCT_VET: from, DAA_FIN_RCT_VET: to });
    if (!diplomas.some((d) => d.COD_DIP === dip)) diplomas.push({ COD_DIP: dip, COD_VRS_VDI: 101, LIB_DIP: dipLabel, COD_TPD_ETB: tpd });
    vdiVet.push({ COD_DIP: dip, COD_VRS_VDI: 101, COD_ETP: etp, COD_VRS_VET: 101 });
    etpCge.push({ COD_ETP: etp, COD_CGE: cge });
  };
  for (const [etp, label, dip, dipLabel, tpd, cge] of FIXED_VETS) addVet(etp, label, dip, dipLabel, tpd, cge, '2020', '2030');
  for (const [code, label, cge] of SUBJECTS) {
    for (const year of [1, 2, 3]) addVet(`L${code}${year}`, `L${year} ${label}`, `L${code}`, `Licence ${label}`, 'LI', cge, '2018', '2030');
    for (const year of [1, 2])
      addVet(`M${code}${year}`, `M${year} ${label}`, `M${code}`, `Master ${label}`, 'MA', cge, '2018', year === 2 && code === 'PHI' ? '2022' : '2030');
  }
  // A VET may be managed by several CGEs (ETP_GERER_CGE): the AES licence is shared by Law and
  // Economics, so its OPI wish needs the formation's own CGE.
  for (const year of [1, 2, 3]) etpCge.push({ COD_ETP: `LAES${year}`, COD_CGE: 'ECO' });
  tables.VERSION_ETAPE = vets;
  tables.DIPLOME = diplomas;
  tables.VDI_FRACTIONNER_VET = vdiVet;
  tables.ETP_GERER_CGE = etpCge;

  // Students: the demo ones, then generated ones.
  const students: Student[] = [];
  let codInd = 500000;
  for (const d of DEMO_STUDENTS) {
    students.push({
      ...d,
      codInd: ++codInd,
      emailAnnuaire: `${plain(d.prenom1)}.${plain(d.nomPatronymique)}@etu.univ-demo.fr`,
      loginAnnuaire: `${plain(d.nomPatronymique).slice(0, 7)}${d.codEtu % 100}`,
      adresseAnnuelle: null,
      pieces: [],
    });
  }
  const licenceVets = vets.filter((v) => String(v.COD_ETP).startsWith('L') && /[123]$/.test(String(v.COD_ETP)));
  for (let i = 0; i < STUDENT_COUNT - DEMO_STUDENTS.length; i++) {
    const sexe = r.chance(0.55) ? 'F' : 'M';
    const prenom1 = r.pick(sexe === 'F' ? FEMALE_FIRST : MALE_FIRST);
    const nom = r.pick(LAST_NAMES);
    const foreign = r.chance(0.12);
    const birthCountry = foreign ? r.pick(COUNTRIES.slice(1)) : COUNTRIES[0]!;
    const birthCommune = r.pick(COMMUNES);
    const home = r.pick(COMMUNES.slice(0, 30));
    const year = r.int(1998, 2006);
    const codEtu = 22000000 + i * 7 + r.int(0, 6);
    const ine = `${String(r.int(100000000, 999999999))}${String.fromCharCode(65 + r.int(0, 25))}`;
    const bacYear = String(year + 18);
    const general = Number(bacYear) >= 2021;
    const codBac = foreign ? '0031' : general ? r.pick(['GEN', 'GEN', 'GEN', 'STMG', 'STI2D', 'PRO']) : r.pick(['S', 'ES', 'L', 'STMG']);
    const spes =
      codBac === 'GEN'
        ? shuffle(
            r,
            SPECIALITES.map((s) => s[0]),
          ).slice(0, 3)
        : [null, null, null];
    const etb = foreign ? null : r.pick(ESTABLISHMENTS.filter((e) => e[1] === 'LY'));
    const homePostcode = r.pick(home[3]);
    const fixe: Address = {
      libAd1: `${r.int(1, 120)} ${r.pick(STREETS)}`,
      libAd2: r.chance(0.25) ? `Appartement ${r.int(1, 40)}` : null,
      libAd3: r.chance(0.1) ? `Résidence ${r.pick(['Les Tilleuls', 'Le Parc', 'Saint-Exupéry'])}` : null,
      libAde: null,
      numTel: r.chance(0.3) ? `03${String(r.int(10000000, 99999999))}` : null,
      codeInsee: home[0],
      codePostal: homePostcode,
      nomCommune: home[1],
      codPay: '100',
    };
    const student: Student = {
      codEtu,
      codInd: ++codInd,
      ine,
      cleIne: ineKey(ine),
      nomPatronymique: nom,
      nomUsuel: sexe === 'F' && r.chance(0.08) ? r.pick(LAST_NAMES) : null,
      prenom1: prenom1
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase(),
      prenom2: r.chance(0.4) ? r.pick(sexe === 'F' ? FEMALE_FIRST : MALE_FIRST).toUpperCase() : null,
      sexe,
      dateNaissance: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      libVilleNaissance: foreign
        ? r.pick(['DAKAR', 'CASABLANCA', 'TUNIS', 'ALGER', 'MILANO', 'MADRID', 'BEIJING', 'HANOI', 'ABIDJAN', 'DOUALA'])
        : birthCommune[1],
      codDepNaissance: foreign ? null : birthCommune[2],
      codPayNaissance: birthCountry[0],
      codPayNationalite: foreign && r.chance(0.8) ? birthCountry[0] : '100',
      email: `${plain(prenom1)}.${plain(nom)}${i}@mail.test`,
      emailAnnuaire: `${plain(prenom1)}.${plain(nom)}${i}@etu.univ-demo.fr`,
      loginAnnuaire: `${plain(nom).slice(0, 7)}${i}`,
      numTelPortable: `06${String(r.int(10000000, 99999999))}`,
      adresseFixe: fixe,
      adresseAnnuelle: r.chance(0.3)
        ? { ...fixe, libAd1: `${r.int(1, 80)} ${r.pick(STREETS)}`, libAd2: null, libAd3: null, codeInsee: '54395', codePostal: '54000', nomCommune: 'NANCY' }
        : null,
      bacs: [
        {
          codBac,
          anneeObtentionBac: bacYear,
          codDep: etb ? etb[3] : null,
          codEtb: etb ? etb[0] : null,
          codMention: foreign ? null : r.pick(BAC_MENTIONS.slice(0, 4))[0],
          codSpe1Bac: spes[0] ?? null,
          codSpe2Bac: spes[1] ?? null,
          codSpeBacPre: spes[2] ?? null,
          codOpt1Bac: codBac === 'GEN' && r.chance(0.3) ? r.pick(OPTIONS)[0] : null,
        },
      ],
      cursus: [],
      pieces: [],
    };
    // Internal cursus: consecutive licence years at this university, with a result when finished.
    const subject = r.pick(licenceVets.filter((v) => String(v.COD_ETP).endsWith('1')));
    const firstYear = Math.max(Number(bacYear), 2021);
    const years = r.int(0, 3);
    for (let y = 0; y < years && firstYear + y <= 2025; y++) {
      const etp = String(subject.COD_ETP).replace(/1$/, String(y + 1));
      const vet = vets.find((v) => v.COD_ETP === etp)!;
      const dip = vdiVet.find((v) => v.COD_ETP === etp)!;
      const ongoing = firstYear + y === 2025;
      const passed = !ongoing && r.chance(0.85);
      student.cursus.push({
        codAnu: String(firstYear + y),
        codEtp: etp,
        codVrsVet: 101,
        libWebVet: String(vet.LIB_WEB_VET),
        codDip: String(dip.COD_DIP),
        libDip: String(diplomas.find((d) => d.COD_DIP === dip.COD_DIP)!.LIB_DIP),
        result: ongoing
          ? null
          : {
              codTre: passed ? 'ADM' : 'AJ',
              codMen: passed ? r.pick(MENTIONS)[0] : null,
              notVet: (passed ? r.int(1000, 1700) / 100 : r.int(500, 999) / 100).toFixed(2),
            },
      });
      if (!passed && !ongoing) break;
    }
    if (student.cursus.length && r.chance(0.5)) {
      const last = student.cursus.at(-1)!;
      student.pieces.push({
        codAnu: last.codAnu,
        codTpj: 'RELEVE',
        libTpj: 'Relevé de notes',
        nomFic: `releve_${codEtu}_${last.codAnu}.pdf`,
        stuPj: 'V',
        datRecPj: `${last.codAnu}-09-15`,
      });
    }
    students.push(student);
  }
  return { tables, students };
}

function shuffle<T>(r: ReturnType<typeof prng>, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
