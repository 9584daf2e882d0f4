// The global parameters of the installation (reference §4.5), defined once: code, label, type and
// default value. The seed writes them (admins may change the values); the code that applies a
// parameter reads it typed (`parameterValue`) with this default when the row is missing.
// Types: B yes/no (stored O/N), I integer, S string, L one of a list (given in the label).

/** A parameter: label, type, default (as stored), and what a value may be. */
export interface ParameterDefinition {
  label: string;
  type: 'B' | 'I' | 'S' | 'L';
  default: string;
  /** L: the values allowed. */
  values?: readonly string[];
  /** I: bounds (0 and 100,000 when not given). */
  min?: number;
  max?: number;
  /** S: a regular expression the value must match. */
  pattern?: string;
  /** Technical parameters only the `admin` profile changes (not scolarité centrale). */
  adminOnly?: boolean;
}

export const PARAMETERS = {
  CANDIDATURE_NB_VOEUX_MAX: { label: 'Nombre maximum de vœux par candidat', type: 'I', default: '20' },
  CANDIDATURE_NB_VOEUX_MAX_IS_ETAB: { label: "Le nombre maximum de vœux s'applique à l'établissement (sinon à chaque centre)", type: 'B', default: 'N' },
  CANDIDATURE_IS_BLOC_TRANS_FORM: { label: "Bloquer la transmission tant qu'un formulaire obligatoire n'est pas rempli", type: 'B', default: 'N' },
  DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM: { label: "Lettre d'admission téléchargeable seulement après confirmation", type: 'B', default: 'N' },
  SCOL_NB_JOUR_ARCHIVAGE: { label: "Nombre de jours de conservation des dossiers après l'archivage de la campagne", type: 'I', default: '365' },
  SCOL_IS_COD_SISCOL_OBLI: { label: 'Code du SI Scolarité obligatoire pour les formations', type: 'B', default: 'O' },
  SCOL_IS_APPEL: { label: 'Gestion des avis rendus après appel', type: 'B', default: 'O' },
  SCOL_SISCOL_COD_SANS_BAC: { label: 'Code du baccalauréat « sans bac » dans le SI Scolarité', type: 'S', default: '0001' },
  SCOL_GESTION_CANDIDAT_COMM: {
    label: 'Droit des membres de commission sur les comptes candidats (N aucun, R lecture, W écriture)',
    type: 'L',
    default: 'R',
    values: ['N', 'R', 'W'],
  },
  SCOL_GESTION_CANDIDAT_CTR_CAND: {
    label: 'Droit des gestionnaires de centre sur les comptes candidats (N aucun, R lecture, W écriture)',
    type: 'L',
    default: 'W',
    values: ['N', 'R', 'W'],
  },
  SCOL_IS_PARAM_CC_DECISION: { label: 'Les centres peuvent paramétrer leurs types de décision, mails et motifs', type: 'B', default: 'N' },
  SCOL_NB_JOUR_RELANCE_FAVO: { label: 'Nombre de jours avant la date de confirmation pour relancer les candidats', type: 'I', default: '2' },
  SCOL_IS_STATUT_ATT_WHEN_CHANGE_TT: { label: 'Remettre le dossier en attente quand le type de traitement change', type: 'B', default: 'N' },
  SCOL_MODE_TYPE_FORMATION: {
    label: 'Typologie des formations (NO aucune, DIP type de diplôme, NOM nomenclature)',
    type: 'L',
    default: 'DIP',
    values: ['NO', 'DIP', 'NOM'],
  },
  CANDIDAT_NB_JOUR_KEEP_CPT_MIN: { label: 'Nombre de jours de conservation des comptes non validés', type: 'I', default: '5' },
  CANDIDAT_PREFIXE_NUM_DOSS: { label: 'Préfixe des numéros de dossier', type: 'S', default: '' },
  CANDIDAT_IS_INE_OBLI_FR: { label: 'INE obligatoire pour les candidats de nationalité française', type: 'B', default: 'O' },
  CANDIDAT_IS_GET_CURSUS_INTERNE: { label: 'Récupérer le cursus interne depuis le SI Scolarité', type: 'B', default: 'O' },
  CANDIDAT_IS_UTILISE_SYNCHRO_INE: { label: "Synchroniser le dossier candidat avec le SI Scolarité par l'INE", type: 'B', default: 'O' },
  CANDIDAT_IS_GET_SISCOL_PJ: { label: 'Récupérer les pièces justificatives déjà présentes dans le SI Scolarité', type: 'B', default: 'O' },
  CANDIDAT_IS_MDP_CONNECT_CAS: { label: 'Les étudiants de l’établissement peuvent se connecter par mot de passe', type: 'B', default: 'O' },
  CANDIDAT_IS_CONNECT_CAS: { label: 'Les étudiants de l’établissement peuvent se connecter par CAS', type: 'B', default: 'O' },
  CANDIDAT_IS_COMPTE_EXTERNE_AUT: { label: 'Création de comptes candidats externes autorisée', type: 'B', default: 'O' },
  CANDIDAT_NB_HEURE_LIEN_MDP_VALID: { label: 'Durée de validité du lien de réinitialisation du mot de passe (heures)', type: 'I', default: '2' },
  // The reference defaults to N; exporting admissions to the SIS is a core feature of this system.
  OPI_IS_UTILISE: { label: 'Exporter les admissions vers le SI Scolarité (OPI)', type: 'B', default: 'O' },
  OPI_IS_UTILISE_PJ: { label: 'Exporter les pièces justificatives avec les admissions', type: 'B', default: 'N' },
  OPI_PREFIXE: { label: 'Préfixe des codes OPI', type: 'S', default: 'EC' },
  OPI_IS_UTILISE_ADR: { label: "Exporter l'adresse avec les admissions", type: 'B', default: 'N' },
  OPI_IS_IMMEDIAT: { label: 'Exporter les admissions dès la confirmation', type: 'B', default: 'O' },
  OPI_HEURE_BATCH: {
    label: "Heure du lot quotidien d'export des admissions quand l'export n'est pas immédiat (HH:MM, heure de Paris)",
    type: 'S',
    default: '22:00',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  },
  OPI_NB_BATCH_MAX: { label: "Nombre maximum d'admissions exportées par lot (0 = sans limite)", type: 'I', default: '0' },
  TECH_IS_UTILISE_DEMAT: { label: 'Dématérialisation des dossiers', type: 'B', default: 'O', adminOnly: true },
  TECH_FILE_MAX_SIZE: { label: 'Taille maximale des fichiers déposés (Mo, 10 au plus)', type: 'I', default: '2', min: 1, max: 10, adminOnly: true },
  TECH_IS_MAINTENANCE: {
    label: 'Application en maintenance (les candidats voient le message de maintenance, les gestionnaires travaillent)',
    type: 'B',
    default: 'N',
  },
  TECH_NB_JOUR_KEEP_HISTO_BATCH: { label: "Nombre de jours de conservation de l'historique des traitements", type: 'I', default: '30', adminOnly: true },
  TECH_IS_DEMAT_MAINTENANCE: { label: 'Dématérialisation en maintenance (dépôt de fichiers suspendu)', type: 'B', default: 'N', adminOnly: true },
  TECH_IS_BLOC_LETTRE: { label: "Bloquer le téléchargement des lettres d'admission et de refus", type: 'B', default: 'N', adminOnly: true },
  SVA_ALERT_DAT: {
    label: 'Date de départ des alertes SVA (NO, CRE, ANN, ACC, TRANS, REC, COM, INC)',
    type: 'L',
    default: 'NO',
    values: ['NO', 'CRE', 'ANN', 'ACC', 'TRANS', 'REC', 'COM', 'INC'],
  },
  SVA_ALERT_DEFINITIF: { label: 'Alertes SVA même après un avis définitif', type: 'B', default: 'N' },
  GEST_IS_UTILISE_BLOCAGE_MASSE: { label: 'Interdire la saisie en masse sur des candidatures ayant un avis validé', type: 'B', default: 'O' },
  GEST_IS_EXPORT_BLOC_NOTE: { label: 'Inclure le bloc-notes dans les exports', type: 'B', default: 'N' },
  GEST_IS_WARNING_CAND_SELECT: { label: 'Avertir quand une action porte sur plusieurs candidatures', type: 'B', default: 'N' },
  GEST_IS_UTILISE_REG_STU: { label: 'Saisie du régime et du statut par les gestionnaires', type: 'B', default: 'N' },
  DOWNLOAD_MULTIPLE_NB_MAX: { label: 'Nombre maximum de dossiers téléchargés en une fois', type: 'I', default: '1' },
  DOWNLOAD_MULTIPLE_IS_ADD_PJ: { label: 'Ajouter les pièces justificatives aux téléchargements multiples', type: 'B', default: 'N' },
  DOWNLOAD_MULTIPLE_MODE: { label: 'Format des téléchargements multiples (P pdf, Z zip)', type: 'L', default: 'P', values: ['P', 'Z'] },
  DOWNLOAD_IS_ADD_SISCOL_PJ: { label: 'Ajouter les pièces du SI Scolarité aux téléchargements', type: 'B', default: 'N' },
  LC_IS_CALCUL_RANG_REEL: { label: 'Calculer le rang réel en liste complémentaire', type: 'B', default: 'O' },
  LC_MODE_AFFICHAGE_RANG: {
    label: 'Rang affiché aux candidats en liste complémentaire (N aucun, S saisi, R réel)',
    type: 'L',
    default: 'S',
    values: ['N', 'S', 'R'],
  },
} as const satisfies Record<string, ParameterDefinition>;

export type ParameterCode = keyof typeof PARAMETERS;
type ParameterType<C extends ParameterCode> = (typeof PARAMETERS)[C]['type'];
export type ParameterValue<C extends ParameterCode> = ParameterType<C> extends 'B' ? boolean : ParameterType<C> extends 'I' ? number : string;

/** The typed value of a parameter from its stored text (the default when there is none or it does not parse). */
export function parameterValue<C extends ParameterCode>(code: C, stored: string | null | undefined): ParameterValue<C> {
  const { type, default: fallback } = PARAMETERS[code] as { type: string; default: string };
  const raw = stored ?? fallback;
  if (type === 'B') return (raw === 'O' || raw === 'true') as ParameterValue<C>;
  if (type === 'I') {
    const n = Number(raw);
    return (Number.isInteger(n) && raw.trim() !== '' ? n : Number(fallback)) as ParameterValue<C>;
  }
  return raw as ParameterValue<C>;
}

/** Typed values of several parameters, from the stored rows (`code` → `value`). */
export function parameterValues<C extends ParameterCode>(codes: readonly C[], rows: { code: string; value: string | null }[]): { [K in C]: ParameterValue<K> } {
  const stored = new Map(rows.map((r) => [r.code, r.value]));
  return Object.fromEntries(codes.map((c) => [c, parameterValue(c, stored.get(c))])) as { [K in C]: ParameterValue<K> };
}

/** The parameters, as a list. */
export const PARAMETER_CODES = Object.keys(PARAMETERS) as ParameterCode[];

/**
 * A value as an administrator gives it (yes/no, a number, a text), checked against the parameter's
 * definition: the text to store, or what is wrong with it (French and English).
 */
export function parameterInput(code: ParameterCode, value: unknown): { ok: true; stored: string } | { ok: false; message: { fr: string; en: string } } {
  const def: ParameterDefinition = PARAMETERS[code];
  switch (def.type) {
    case 'B':
      if (typeof value !== 'boolean') return { ok: false, message: { fr: 'doit être oui ou non.', en: 'must be yes or no.' } };
      return { ok: true, stored: value ? 'O' : 'N' };
    case 'I': {
      const [min, max] = [def.min ?? 0, def.max ?? 100_000];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        return { ok: false, message: { fr: `doit être un nombre entier de ${min} à ${max}.`, en: `must be a whole number from ${min} to ${max}.` } };
      return { ok: true, stored: String(value) };
    }
    case 'L':
      if (typeof value !== 'string' || !def.values?.includes(value))
        return { ok: false, message: { fr: `doit être l’une des valeurs : ${def.values?.join(', ')}.`, en: `must be one of: ${def.values?.join(', ')}.` } };
      return { ok: true, stored: value };
    case 'S':
      if (typeof value !== 'string' || value.length > 255 || (def.pattern && !new RegExp(def.pattern).test(value)))
        return { ok: false, message: { fr: 'n’a pas le format attendu.', en: 'does not have the expected format.' } };
      return { ok: true, stored: value };
  }
}

/** The site's messages (reference `message`): the home page's and the one candidates see during maintenance. */
export const SITE_MESSAGES = [
  {
    code: 'ACCUEIL',
    label: "Message de la page d'accueil",
    fr: 'Bienvenue sur le portail de candidature de l’établissement.',
    en: 'Welcome to the institution’s application portal.',
  },
  {
    code: 'MAINTENANCE',
    label: 'Message de maintenance (affiché aux candidats quand TECH_IS_MAINTENANCE est activé)',
    fr: 'Le portail de candidature est en maintenance. Merci de revenir un peu plus tard.',
    en: 'The application portal is under maintenance. Please come back a little later.',
  },
] as const;
export type SiteMessageCode = (typeof SITE_MESSAGES)[number]['code'];
