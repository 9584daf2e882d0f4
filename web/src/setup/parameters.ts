// The global parameters as the parameters screen shows them: in groups by their code's prefix, each
// labelled in the reader's language (French: the API's, from domain/parameters.ts; English: ours,
// one per parameter), typed controls, and the values a form sends.
import type { ParameterCode } from '../../../domain/parameters.ts';
import type { ParameterValue, ParameterView } from '../setup-api.ts';
import { numberOrNull } from './form.ts';

/** The groups, in this order, by the code's first word. */
export const PARAMETER_GROUPS = ['CANDIDATURE', 'SCOL', 'CANDIDAT', 'OPI', 'TECH', 'SVA', 'GEST', 'DOWNLOAD', 'LC'] as const;
export type ParameterGroup = (typeof PARAMETER_GROUPS)[number];
export const groupOf = (code: string): string => code.split('_')[0] ?? code;

/** Changed on the messages screen, after a confirmation. */
export const MAINTENANCE_PARAMETER = 'TECH_IS_MAINTENANCE';

/** A parameter's value as its control holds it (a checkbox: yes/no; the others: text). */
export type ParameterDraft = string | boolean;
export const draftOf = (p: ParameterView): ParameterDraft => (p.type === 'B' ? p.value === true : String(p.value));
/** The value sent: yes/no, a number (or the text typed, which the API names as wrong), a text. */
export const valueOf = (p: ParameterView, draft: ParameterDraft): ParameterValue =>
  p.type === 'B' ? draft === true : p.type === 'I' ? (numberOrNull(String(draft)) ?? '') : String(draft);

const ENGLISH: Record<ParameterCode, string> = {
  CANDIDATURE_NB_VOEUX_MAX: 'Maximum number of wishes per candidate',
  CANDIDATURE_NB_VOEUX_MAX_IS_ETAB: 'The maximum number of wishes applies to the institution (else to each centre)',
  CANDIDATURE_IS_BLOC_TRANS_FORM: 'Block sending the file while a required form is not filled in',
  DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM: 'Admission letter downloadable only after confirmation',
  SCOL_NB_JOUR_ARCHIVAGE: 'Days files are kept after the campaign is archived',
  SCOL_IS_COD_SISCOL_OBLI: 'Student information system code required for programmes',
  SCOL_IS_APPEL: 'Opinions given after an appeal',
  SCOL_SISCOL_COD_SANS_BAC: 'Code of the “no baccalauréat” in the student information system',
  SCOL_GESTION_CANDIDAT_COMM: 'Rights of commission members on candidate accounts',
  SCOL_GESTION_CANDIDAT_CTR_CAND: 'Rights of centre managers on candidate accounts',
  SCOL_IS_PARAM_CC_DECISION: 'Centres may set up their own decision types, mails and motives',
  SCOL_NB_JOUR_RELANCE_FAVO: 'Days before the confirmation date to remind candidates',
  SCOL_IS_STATUT_ATT_WHEN_CHANGE_TT: 'Put the file back on hold when the processing type changes',
  SCOL_MODE_TYPE_FORMATION: 'Typology of programmes',
  CANDIDAT_NB_JOUR_KEEP_CPT_MIN: 'Days unvalidated accounts are kept',
  CANDIDAT_PREFIXE_NUM_DOSS: 'Prefix of file numbers',
  CANDIDAT_IS_INE_OBLI_FR: 'INE required for candidates of French nationality',
  CANDIDAT_IS_GET_CURSUS_INTERNE: 'Retrieve the internal record from the student information system',
  CANDIDAT_IS_UTILISE_SYNCHRO_INE: 'Synchronise the candidate’s file with the student information system by INE',
  CANDIDAT_IS_GET_SISCOL_PJ: 'Retrieve the supporting documents already in the student information system',
  CANDIDAT_IS_MDP_CONNECT_CAS: 'The institution’s students may log in with a password',
  CANDIDAT_IS_CONNECT_CAS: 'The institution’s students may log in through CAS',
  CANDIDAT_IS_COMPTE_EXTERNE_AUT: 'External candidate accounts may be created',
  CANDIDAT_NB_HEURE_LIEN_MDP_VALID: 'Validity of the password reset link (hours)',
  OPI_IS_UTILISE: 'Export admissions to the student information system (OPI)',
  OPI_IS_UTILISE_PJ: 'Export supporting documents with admissions',
  OPI_PREFIXE: 'Prefix of OPI codes',
  OPI_IS_UTILISE_ADR: 'Export the address with admissions',
  OPI_IS_IMMEDIAT: 'Export admissions on confirmation',
  OPI_HEURE_BATCH: 'Time of the daily export of admissions when the export is not immediate (HH:MM, Paris time)',
  OPI_NB_BATCH_MAX: 'Maximum number of admissions exported per run (0 = no limit)',
  TECH_IS_UTILISE_DEMAT: 'Paperless files',
  TECH_FILE_MAX_SIZE: 'Maximum size of uploaded files (MB, 10 at most)',
  TECH_IS_MAINTENANCE: 'Application under maintenance (candidates see the maintenance message, managers keep working)',
  TECH_NB_JOUR_KEEP_HISTO_BATCH: 'Days the history of batch runs is kept',
  TECH_IS_DEMAT_MAINTENANCE: 'Paperless files under maintenance (uploads suspended)',
  TECH_IS_BLOC_LETTRE: 'Block the download of admission and refusal letters',
  SVA_ALERT_DAT: 'Starting date of SVA alerts',
  SVA_ALERT_DEFINITIF: 'SVA alerts even after a final opinion',
  GEST_IS_UTILISE_BLOCAGE_MASSE: 'Forbid mass entries on applications with a validated opinion',
  GEST_IS_EXPORT_BLOC_NOTE: 'Include the notepad in exports',
  GEST_IS_WARNING_CAND_SELECT: 'Warn when an action concerns several applications',
  GEST_IS_UTILISE_REG_STU: 'Managers enter the régime and status',
  DOWNLOAD_MULTIPLE_NB_MAX: 'Maximum number of files downloaded at once',
  DOWNLOAD_MULTIPLE_IS_ADD_PJ: 'Add supporting documents to multiple downloads',
  DOWNLOAD_MULTIPLE_MODE: 'Format of multiple downloads',
  DOWNLOAD_IS_ADD_SISCOL_PJ: 'Add the documents from the student information system to downloads',
  LC_IS_CALCUL_RANG_REEL: 'Compute the real rank on the complementary list',
  LC_MODE_AFFICHAGE_RANG: 'Rank shown to candidates on the complementary list',
};

/** A parameter's label in the reader's language. */
export const parameterLabel = (p: ParameterView, locale: string): string => (locale === 'en' ? (ENGLISH[p.code as ParameterCode] ?? p.label) : p.label);
