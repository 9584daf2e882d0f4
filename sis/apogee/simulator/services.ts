// The contracts of the AMUE SOAP services eCandidat calls (reference sis-apis.md §3.1, §3.3, §3.4),
// as data: one description drives both the WSDL the simulator publishes and the XML it answers, so
// the two cannot disagree. Only the fields eCandidat reads or writes are described; Apogée's DTOs
// have more, all optional.

/** A field of a complex type: name, type (a simple XSD type or a complex type of the service), repeated. */
export type Field = readonly [name: string, type: string, many?: 'many'];

export interface Operation {
  name: string;
  /** Children of the request wrapper element `<name>`. */
  input: readonly Field[];
  /** Children of the response wrapper element `<name>Response` (empty: the call returns nothing). */
  output: readonly Field[];
}

export interface ServiceDef {
  name: string;
  namespace: string;
  types: Record<string, readonly Field[]>;
  operations: readonly Operation[];
}

export const SIMPLE_TYPES = new Set(['string', 'int', 'dateTime', 'base64Binary']);

const ns = (service: string) => `http://gouv.education.apogee.commun.servicesmetiers.${service}`;
const s = (name: string): Field => [name, 'string'];

/** Thrown by every operation: Apogée's WebBaseException (reference sis-apis.md §3.1). */
const FAULT_TYPES: Record<string, readonly Field[]> = {
  TableauString: [['item', 'string', 'many']],
  WebBaseException: [s('domaine'), s('element'), ['messages', 'TableauString'], s('nature'), s('type'), s('lastErrorMsg')],
};

const COMMON_TYPES: Record<string, readonly Field[]> = {
  DepartementDTO: [s('codeDept'), s('libDept')],
  PaysDTO: [s('codPay'), s('libPay')],
};

export const ETUDIANT_METIER: ServiceDef = {
  name: 'EtudiantMetier',
  namespace: ns('EtudiantMetier'),
  types: {
    ...FAULT_TYPES,
    ...COMMON_TYPES,
    IdentifiantsEtudiantDTO2: [['codEtu', 'int'], ['codInd', 'int'], s('emailAnnuaire'), s('loginAnnuaire'), s('numBoursier'), s('numeroINE')],
    NationaliteDTO: [s('codeNationalite'), s('libNationalite')],
    EtbBacDTO: [s('codeEtb'), s('libEtb')],
    MentionBacDTO: [s('codMention'), s('libMention')],
    IndBacDTO2: [
      s('codBac'),
      s('libelleBac'),
      s('anneeObtentionBac'),
      ['departementBac', 'DepartementDTO'],
      ['etbBac', 'EtbBacDTO'],
      ['mentionBac', 'MentionBacDTO'],
      s('typeEtbBac'),
      s('codSpeBacPre'),
      s('codSpe1Bac'),
      s('codSpe2Bac'),
      s('codOpt1Bac'),
      s('codOpt2Bac'),
      s('codOpt3Bac'),
      s('codOpt4Bac'),
    ],
    TableauIndBacDTO2: [['item', 'IndBacDTO2', 'many']],
    InfoAdmEtuDTO4: [
      s('nomPatronymique'),
      s('nomUsuel'),
      s('prenom1'),
      s('prenom2'),
      s('prenom3'),
      s('sexe'),
      ['dateNaissance', 'dateTime'],
      s('libVilleNaissance'),
      ['departementNaissance', 'DepartementDTO'],
      ['paysNaissance', 'PaysDTO'],
      ['nationaliteDTO', 'NationaliteDTO'],
      s('numeroINE'),
      s('numEtu'),
      ['listeBacs', 'TableauIndBacDTO2'],
      s('anneePremiereInscEtab'),
      s('anneePremiereInscUniv'),
    ],
    CommuneDTO2: [s('codeInsee'), s('codePostal'), s('nomCommune'), s('libAch')],
    AdresseDTO2: [s('libAd1'), s('libAd2'), s('libAd3'), s('libAde'), s('numTel'), ['commune', 'CommuneDTO2'], ['pays', 'PaysDTO']],
    CoordonneesDTO2: [['adresseAnnuelle', 'AdresseDTO2'], ['adresseFixe', 'AdresseDTO2'], s('numTelPortable'), s('email'), s('emailAnnuaire')],
  },
  operations: [
    {
      name: 'recupererIdentifiantsEtudiant_v2',
      input: ['_codEtu', '_codInd', '_numINE', '_numBoursier', '_codOPI', '_nom', '_prenom', '_dateNaiss', '_temoinRecupAnnu'].map(s),
      output: [['recupererIdentifiantsEtudiant_v2Return', 'IdentifiantsEtudiantDTO2']],
    },
    { name: 'recupererInfosAdmEtu_v4', input: [s('_codEtu')], output: [['recupererInfosAdmEtu_v4Return', 'InfoAdmEtuDTO4']] },
    {
      name: 'recupererAdressesEtudiant_v2',
      input: [s('_codEtu'), s('_annee'), s('_recupAnnuaire')],
      output: [['recupererAdressesEtudiant_v2Return', 'CoordonneesDTO2']],
    },
  ],
};

export const PEDAGOGIQUE_METIER: ServiceDef = {
  name: 'PedagogiqueMetier',
  namespace: ns('PedagogiqueMetier'),
  types: {
    ...FAULT_TYPES,
    DiplomeDTO: [s('codDip'), s('codVrsVdi'), s('libWebVdi')],
    EtapeDTO: [s('codEtp'), s('codVrsVet'), s('libWebVet')],
    SessionDTO: [s('codSes'), s('libSes')],
    MentionDTO: [s('codMen'), s('libMen')],
    TypResultatDTO: [s('codTre'), s('libTre')],
    ResultatVetDTO: [['session', 'SessionDTO'], ['mention', 'MentionDTO'], ['typResultat', 'TypResultatDTO'], s('notVet'), s('barNotVet')],
    TableauResultatVetDTO: [['item', 'ResultatVetDTO', 'many']],
    EtapeResVdiVetDTO2: [s('codAnu'), ['etape', 'EtapeDTO'], ['resultatVet', 'TableauResultatVetDTO']],
    TableauEtapeResVdiVetDTO2: [['item', 'EtapeResVdiVetDTO2', 'many']],
    ContratPedagogiqueResultatVdiVetDTO2: [s('annee'), ['diplome', 'DiplomeDTO'], ['etapes', 'TableauEtapeResVdiVetDTO2']],
    TableauContratPedagogiqueResultatVdiVetDTO2: [['item', 'ContratPedagogiqueResultatVdiVetDTO2', 'many']],
  },
  operations: [
    {
      name: 'recupererContratPedagogiqueResultatVdiVet_v2',
      input: ['_codEtu', '_codAnu', '_sourceRes', '_etatDelib', '_codSes', '_typeRes', '_codEtaIae'].map(s),
      output: [['recupererContratPedagogiqueResultatVdiVet_v2Return', 'TableauContratPedagogiqueResultatVdiVetDTO2']],
    },
  ],
};

export const OPI_METIER: ServiceDef = {
  name: 'OpiMetier',
  namespace: ns('OpiMetier'),
  types: {
    ...FAULT_TYPES,
    MAJEtatCivilDTO2: [s('libNomPatIndOpi'), s('libNomUsuIndOpi'), s('libPr1IndOpi'), s('libPr2IndOpi'), s('libPr3IndOpi')],
    MAJDonneesNaissanceDTO2: [s('dateNaiIndOpi'), s('temDateNaiRelOpi'), s('codPayNat'), s('libVilNaiEtuOpi'), s('codTypDepPayNai'), s('codDepPayNai')],
    MAJDonneesPersonnellesDTO3: [s('adrMailOpi'), s('numTelPorOpi'), s('codRgi'), s('codStu')],
    MAJOpiIndDTO6: [
      ['codEtuOpi', 'int'],
      s('codOpiIntEpo'),
      s('codNneIndOpi'),
      s('codSexEtuOpi'),
      ['etatCivil', 'MAJEtatCivilDTO2'],
      ['donneesNaissance', 'MAJDonneesNaissanceDTO2'],
      ['donneesPersonnelles', 'MAJDonneesPersonnellesDTO3'],
    ],
    MAJOpiBacDTO2: [
      s('codBac'),
      s('codDep'),
      s('codEtb'),
      s('codTpe'),
      s('codMention'),
      s('daaObtBacOba'),
      s('codSpe1BacTer'),
      s('codSpe2BacTer'),
      s('codSpeBacPre'),
      s('codOpt1Bac'),
      s('codOpt2Bac'),
      s('codOpt3Bac'),
      s('codOpt4Bac'),
    ],
    MAJOpiAdresseDTO: [s('codBdi'), s('codPay'), s('codCom'), s('lib1'), s('lib2'), s('lib3'), s('libAde'), s('numTel')],
    MAJOpiVoeuDTO3: [
      s('codCge'),
      s('codEtp'),
      ['codVrsVet', 'int'],
      s('codDip'),
      ['codVrsVdi', 'int'],
      ['numCls', 'int'],
      s('codDecVeu'),
      s('codDemDos'),
      s('temValPsd'),
      s('codCatExoExt'),
      s('comExoExt'),
      s('codRge'),
    ],
    TableauVoeu3: [['item', 'MAJOpiVoeuDTO3', 'many']],
    DonneesOpiDTO10: [
      ['individu', 'MAJOpiIndDTO6'],
      ['bac', 'MAJOpiBacDTO2'],
      ['adresseFixe', 'MAJOpiAdresseDTO'],
      ['adresseAnnuelle', 'MAJOpiAdresseDTO'],
      ['voeux', 'TableauVoeu3'],
    ],
  },
  operations: [{ name: 'mettreajourDonneesOpi_v10', input: [['_donneesOpi', 'DonneesOpiDTO10']], output: [] }],
};

export const PJ_OPI_METIER: ServiceDef = {
  name: 'PjOpiMetier',
  namespace: ns('PjOpiMetier'),
  types: { ...FAULT_TYPES },
  operations: [
    {
      name: 'recupererPiecesJustificativesOPIWS',
      input: [s('_codOpiIntEpo'), s('_libNomPatIndOpi'), s('_libPr1IndOpi'), s('_codTpj'), s('_nomFic'), ['_pj', 'base64Binary']],
      output: [],
    },
  ],
};

export const SERVICES: readonly ServiceDef[] = [ETUDIANT_METIER, PEDAGOGIQUE_METIER, OPI_METIER, PJ_OPI_METIER];

/** Where each service answers, as in Apogée's default WSDL location (reference sis-apis.md §3.1). */
export const SERVICES_PATH = '/apo-commun-servicesMetiers/services';
