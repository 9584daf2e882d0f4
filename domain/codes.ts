// Every code list of the system, defined once (reference ecandidat-domain.md §3.1 for the reference's
// own codes). Codes are stored and exchanged as is; their labels live in the web app's catalogs
// (web/src/locales/*.ts, `labels.<list>.<code>`, typed by these lists), from which the seed takes the
// labels of the reference tables too.

/** Dossier status (`TypeStatut`): En attente, Réceptionné, Incomplet, Complet. */
export const DOSSIER_STATUSES = ['AT', 'RE', 'IN', 'CO'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Piece status (`TypeStatutPiece`): En attente, Transmise, Validée, Refusée, Non concerné. */
export const PIECE_STATUSES = ['AT', 'TR', 'VA', 'RE', 'NC'] as const;
export type PieceStatus = (typeof PIECE_STATUSES)[number];

/** Traitement (`TypeTraitement`): Accès contrôlé, Accès direct, En attente. */
export const TRAITEMENTS = ['AC', 'AD', 'AT'] as const;
export type Traitement = (typeof TRAITEMENTS)[number];

/** Opinion kind (`TypeAvis`): Favorable, Défavorable, Liste d'attente, Liste complémentaire, Présélection. */
export const OPINION_KINDS = ['FA', 'DE', 'LA', 'LC', 'PR'] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

/** The five decision types every installation starts with (reference §3.1). */
export const SEEDED_DECISION_TYPES = [
  { code: 'AVIS_FAVORABLE', kind: 'FA', definitive: true, exportsToSis: true, mailCode: 'AVIS_FAVORABLE' },
  { code: 'AVIS_DEFAVORABLE', kind: 'DE', definitive: true, exportsToSis: false, mailCode: 'AVIS_DEFAVORABLE' },
  { code: 'AVIS_LISTE_ATT', kind: 'LA', definitive: false, exportsToSis: false, mailCode: 'AVIS_LISTE_ATT' },
  { code: 'AVIS_LISTE_COMP', kind: 'LC', definitive: false, exportsToSis: false, mailCode: 'AVIS_LISTE_COMP' },
  { code: 'AVIS_PRESELECTION', kind: 'PR', definitive: false, exportsToSis: false, mailCode: 'AVIS_PRESELECTION' },
] as const satisfies readonly { code: string; kind: OpinionKind; definitive: boolean; exportsToSis: boolean; mailCode: string }[];

/** Where a candidature stands in its life, derived from its state (domain/candidature.ts `stageOf`). */
export const STAGES = [
  'draft', // created, the candidate builds the file
  'transmitted', // sent to the commission (dossier RE/IN/CO), no validated opinion yet
  'decided', // a validated opinion is published
  'confirmed', // the candidate accepted a favourable decision
  'withdrawn', // the candidate withdrew (or was withdrawn automatically)
  'cancelled', // cancelled by the candidate before any decision
] as const;
export type Stage = (typeof STAGES)[number];

/** The candidate's answer to a favourable decision. */
export const CONFIRMATION_ANSWERS = ['confirmed', 'withdrawn'] as const;
export type ConfirmationAnswer = (typeof CONFIRMATION_ANSWERS)[number];

/** Where the candidature's export to the SIS stands. */
export const EXPORT_STATUSES = ['none', 'pending', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Dossier statuses a commission sees (the reference hides "En attente" from commissions, issue #64). */
export const DOSSIER_STATUSES_SEEN_BY_COMMISSIONS: readonly DossierStatus[] = ['RE', 'IN', 'CO'];

/** Traitements that are final once validated (AT is a waiting state). */
export const FINAL_TRAITEMENTS: readonly Traitement[] = ['AC', 'AD'];

/** SIS a campaign is tied to: Apogée, Pégase, or none ("D", default: referentials kept by hand). */
export const SIS_TYPES = ['A', 'P', 'D'] as const;
export type SisType = (typeof SIS_TYPES)[number];
/** The SIS's name, as users read it. */
export const SIS_LABELS: Record<SisType, string> = { A: 'Apogée', P: 'Pégase', D: 'Aucun' };

/** The code a formation is known by in its SIS (Apogée `VET/version`, Pégase code); null when not linked or no SIS. */
export function formationSisCode(
  sisType: SisType,
  f: { apogeeVetCode: string | null; apogeeVetVersion: string | null; pegaseCode: string | null },
): string | null {
  if (sisType === 'A') return f.apogeeVetCode ? `${f.apogeeVetCode}/${f.apogeeVetVersion ?? ''}` : null;
  return sisType === 'P' ? f.pegaseCode : null;
}

/** Staff functionalities that gate candidature actions (reference §1.2, `DroitFonctionnalite`). */
export const FUNCTIONALITIES = [
  'PARAMETRAGE',
  'STATISTIQUES',
  'GEST_COMMISSION',
  'GEST_PJ',
  'GEST_FORMULAIRE',
  'GEST_QUESTION',
  'GEST_FORMATION',
  'GEST_CANDIDATURE',
  'GEST_PARAM_CC',
  'GEST_FEN_CAND',
  'GEST_POST_IT',
  'EDIT_TYPTRAIT',
  'VALID_TYPTRAIT',
  'EDIT_STATUT_DOSSIER',
  'EDIT_AVIS',
  'VALID_AVIS',
  'VISU_HISTO_AVIS',
  'GEST_NUM_OPI',
  'GEST_TAG',
  'GEST_DAT_CONFIRM',
  'GEST_DAT_RETOUR',
  'GEST_REGIME',
  'GEST_MONTANT',
] as const;
export type Functionality = (typeof FUNCTIONALITIES)[number];

/** Staff profiles seeded by the reference (`DroitProfil`); kind A admin, G centre manager, C commission. */
export const PROFILES = [
  { code: 'admin', kind: 'A', label: 'Administrateur' },
  { code: 'scolCentrale', kind: 'A', label: 'Administrateur scolarité centrale' },
  { code: 'centreCandidature', kind: 'G', label: 'Gestionnaire de centre de candidature' },
  { code: 'commission', kind: 'C', label: 'Membre de commission' },
  { code: 'gestionCandidat', kind: 'I', label: 'Gestionnaire de candidats' },
  { code: 'gestionCandidatLS', kind: 'L', label: 'Gestionnaire de candidats en Lecture seule' },
] as const;

/** Mail codes of reference §3.3 emitted by the candidature workflow. */
export const MAIL_CODES = [
  'CANDIDATURE',
  'CANDIDATURE_ANNULATION',
  'STATUT_AT',
  'STATUT_RE',
  'STATUT_IN',
  'STATUT_CO',
  'TYPE_TRAIT_AD',
  'TYPE_TRAIT_AC',
  'TYPE_TRAIT_ATT',
  'AVIS_FAVORABLE',
  'AVIS_DEFAVORABLE',
  'AVIS_LISTE_ATT',
  'AVIS_LISTE_COMP',
  'AVIS_PRESELECTION',
  'CANDIDATURE_CONFIRM',
  'CANDIDATURE_DESIST',
  'CANDIDATURE_DESIST_AUTO',
  'CANDIDATURE_RELANCE_FAVO',
  'CANDIDATURE_MODIF_COD_OPI',
  'COMMISSION_ALERT_PROPOSITION',
  'COMMISSION_ALERT_ANNULATION',
  'COMMISSION_ALERT_TRANSMISSION',
  'COMMISSION_ALERT_DESISTEMENT',
  'COMMISSION_ALERT_LISTE_PRINC',
  'CPT_MIN_CREATE',
  'CPT_MIN_LIEN_VALID_OUBLIE',
  'CPT_MIN_MDP_OUBLIE',
  'CPT_MIN_MOD_MAIL',
  'CPT_MIN_DELETE',
  /** Forgotten login: the dossier number (not in the reference, which had no such mail). */
  'CPT_MIN_ID_OUBLIE',
  /** Someone tried to create an account with an address that has one: its login and a reset link. */
  'CPT_MIN_COMPTE_EXISTANT',
  'CANDIDATURE_RELANCE_FORMULAIRE',
] as const;
export type MailCode = (typeof MAIL_CODES)[number];
