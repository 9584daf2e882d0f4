// The managers' exports of a selection of candidatures (reference §6 "Exports", CtrCandExportWindow):
// the catalogue of the XLSX columns a user chooses from (key, French and English header, group,
// width), defined once here and used by the API (api/staff-export.ts gives each key its value), by the
// per-campaign records file (api/records.ts: the `records` preset) and by the web dialog
// (web/src/components/staff-list/ExportDialog.vue); the selection and the caps of the zips.
import { z } from 'zod';
import { BULK_MAX_ITEMS } from './bulk.ts';
import { StaffListFilter } from './staff.ts';

export const EXPORT_COLUMN_GROUPS = ['candidate', 'address', 'bac', 'cursus', 'candidature', 'opinion', 'confirmation', 'sis', 'notes'] as const;
export type ExportColumnGroup = (typeof EXPORT_COLUMN_GROUPS)[number];

export const EXPORT_GROUP_LABELS: Record<ExportColumnGroup, { fr: string; en: string }> = {
  candidate: { fr: 'Candidat', en: 'Candidate' },
  address: { fr: 'Adresse', en: 'Address' },
  bac: { fr: 'Baccalauréat', en: 'Baccalauréat' },
  cursus: { fr: 'Cursus', en: 'Studies' },
  candidature: { fr: 'Candidature', en: 'Application' },
  opinion: { fr: 'Avis', en: 'Opinion' },
  confirmation: { fr: 'Confirmation', en: 'Confirmation' },
  sis: { fr: 'SI Scolarité', en: 'Student information system' },
  notes: { fr: 'Notes', en: 'Notes' },
};

interface ColumnDef {
  group: ExportColumnGroup;
  fr: string;
  en: string;
  /** Width in characters in the spreadsheet. */
  width: number;
}
const col = (group: ExportColumnGroup, fr: string, en: string, width = 14): ColumnDef => ({ group, fr, en, width });

/** Every column of the export, in the catalogue's order (the order the dialog offers them in). */
export const EXPORT_COLUMNS = {
  // Candidate (numDossier, numEtu, civilite, nomPat, nomUsu, prenom, dtNaiss, villeNaiss, nationalite, langue, etuId, ine, temFc, tel, telPort, mail)
  dossierNumber: col('candidate', 'N° dossier', 'File no.', 12),
  studentNumber: col('candidate', 'N° étudiant', 'Student no.', 12),
  civility: col('candidate', 'Civilité', 'Title', 8),
  lastName: col('candidate', 'Nom', 'Last name', 20),
  birthName: col('candidate', 'Nom de naissance', 'Birth name', 20),
  usualName: col('candidate', 'Nom d’usage', 'Usual name', 20),
  firstName: col('candidate', 'Prénom', 'First name', 16),
  birthDate: col('candidate', 'Date de naissance', 'Date of birth', 12),
  birthPlace: col('candidate', 'Lieu de naissance', 'Place of birth', 20),
  birthCountry: col('candidate', 'Pays de naissance', 'Country of birth', 16),
  nationality: col('candidate', 'Nationalité', 'Nationality', 16),
  language: col('candidate', 'Langue', 'Language', 8),
  casLogin: col('candidate', 'Identifiant étudiant (CAS)', 'Student login (CAS)', 14),
  ine: col('candidate', 'INE', 'INE', 14),
  continuingEducation: col('candidate', 'Formation continue', 'Continuing education', 8),
  phone: col('candidate', 'Téléphone', 'Phone', 14),
  mobilePhone: col('candidate', 'Téléphone portable', 'Mobile phone', 14),
  email: col('candidate', 'Courriel', 'E-mail', 28),
  // Address (adresse, adresseDivise)
  address: col('address', 'Adresse', 'Address', 40),
  addressLine1: col('address', 'Adresse (voie)', 'Address (street)', 28),
  addressLine2: col('address', 'Adresse (étage)', 'Address (floor)', 14),
  addressLine3: col('address', 'Adresse (bâtiment)', 'Address (building)', 14),
  postcode: col('address', 'Code postal', 'Postcode', 10),
  city: col('address', 'Ville', 'City', 18),
  country: col('address', 'Pays', 'Country', 16),
  // Bac (all its details since 2.4.5)
  bacCode: col('bac', 'Bac (code)', 'Bac (code)', 8),
  bacLabel: col('bac', 'Bac', 'Bac', 24),
  bacYear: col('bac', 'Année du bac', 'Bac year', 8),
  bacMention: col('bac', 'Mention du bac', 'Bac honours', 12),
  bacEstablishment: col('bac', 'Établissement du bac', 'Bac school', 24),
  bacDepartment: col('bac', 'Département du bac', 'Bac department', 10),
  bacCountry: col('bac', 'Pays du bac', 'Bac country', 12),
  bacSpecialties: col('bac', 'Spécialités du bac', 'Bac specialities', 20),
  bacOptions: col('bac', 'Options du bac', 'Bac options', 20),
  // Cursus (etablissement, lastDip, lastLibDip)
  lastEstablishment: col('cursus', 'Dernier établissement', 'Last school', 24),
  lastDiploma: col('cursus', 'Dernier diplôme', 'Last diploma', 10),
  lastDiplomaLabel: col('cursus', 'Libellé du dernier diplôme', 'Last diploma (label)', 28),
  lastInternalCursus: col('cursus', 'Dernier cursus interne', 'Last studies in the institution', 28),
  // Candidature (tag, codForm, libForm, dateCand, dateTrans, statut, dateModStatut, dateRecept, dateComplet, dateIncomplet, typeTrait, typeTraitValid, dateModPj, commission, datAnnul, questionReponse)
  campaign: col('candidature', 'Campagne', 'Campaign', 10),
  sis: col('candidature', 'SI Scolarité', 'Student information system', 10),
  campaignArchivedAt: col('candidature', 'Campagne archivée le', 'Campaign archived on', 14),
  formationCode: col('candidature', 'Formation', 'Programme', 12),
  formationLabel: col('candidature', 'Libellé de la formation', 'Programme (label)', 36),
  formationSisCode: col('candidature', 'Code de la formation dans le SI', 'Programme code in the SIS', 16),
  commission: col('candidature', 'Commission', 'Commission', 12),
  tags: col('candidature', 'Étiquettes', 'Tags', 20),
  createdAt: col('candidature', 'Date de candidature', 'Applied on', 14),
  transmittedAt: col('candidature', 'Transmise le', 'Sent on', 14),
  stage: col('candidature', 'Étape', 'Stage', 14),
  dossierStatus: col('candidature', 'Statut du dossier', 'File status', 8),
  statusChangedAt: col('candidature', 'Statut modifié le', 'Status changed on', 14),
  receivedAt: col('candidature', 'Réceptionné le', 'Received on', 14),
  completedAt: col('candidature', 'Complet le', 'Complete on', 14),
  incompleteAt: col('candidature', 'Incomplet le', 'Incomplete on', 14),
  traitement: col('candidature', 'Type de traitement', 'Processing type', 16),
  traitementValidated: col('candidature', 'Traitement validé', 'Processing validated', 8),
  piecesChangedAt: col('candidature', 'Pièces modifiées le', 'Documents changed on', 14),
  proposition: col('candidature', 'Proposition', 'Proposal', 8),
  cancelledAt: col('candidature', 'Annulée le', 'Cancelled on', 14),
  questionAnswers: col('candidature', 'Réponses aux questions', 'Answers to the questions', 40),
  // Opinion (avisCand, avisValid, dateValid, motif, rang, preselection, commentaire)
  opinion: col('opinion', 'Avis', 'Opinion', 6),
  decisionType: col('opinion', 'Type de décision', 'Decision type', 20),
  decisionLabel: col('opinion', 'Décision', 'Decision', 24),
  opinionValidated: col('opinion', 'Avis validé', 'Opinion validated', 8),
  opinionValidatedAt: col('opinion', 'Avis validé le', 'Opinion validated on', 14),
  motive: col('opinion', 'Motif', 'Motive', 24),
  lcRank: col('opinion', 'Rang en liste complémentaire', 'Rank on the complementary list', 8),
  interview: col('opinion', 'Présélection (entretien)', 'Preselection (interview)', 24),
  opinionComment: col('opinion', 'Commentaire de l’avis', 'Opinion comment', 32),
  // Confirmation (confirm, datNewConfirm, datNewRetour)
  confirmationAnswer: col('confirmation', 'Réponse du candidat', 'Candidate’s answer', 12),
  answeredAt: col('confirmation', 'Répondu le', 'Answered on', 14),
  confirmationDeadline: col('confirmation', 'Date limite de confirmation', 'Confirmation deadline', 14),
  returnDeadline: col('confirmation', 'Date limite de retour', 'Return deadline', 14),
  // SIS (regime, catExo, compExo, mntCharge, datPassageOpi, codOpi)
  exportStatus: col('sis', 'Export SI', 'SIS export', 10),
  exportedAt: col('sis', 'Exporté le', 'Exported on', 14),
  sisReference: col('sis', 'Référence dans le SI', 'Reference in the SIS', 16),
  opiCode: col('sis', 'Code OPI', 'OPI code', 14),
  regime: col('sis', 'Régime', 'Regime', 8),
  exemptionCategory: col('sis', 'Catégorie d’exonération', 'Exemption category', 10),
  exemptionComplement: col('sis', 'Complément d’exonération', 'Exemption details', 20),
  feeAmount: col('sis', 'Montant des droits', 'Fee amount', 10),
  // Notes (postIt)
  postIts: col('notes', 'Post-it', 'Post-it notes', 40),
  id: col('notes', 'Identifiant', 'Identifier', 30),
} as const satisfies Record<string, ColumnDef>;

export type ExportColumnKey = keyof typeof EXPORT_COLUMNS;
export const EXPORT_COLUMN_KEYS = Object.keys(EXPORT_COLUMNS) as ExportColumnKey[];

/** Named choices of columns: `records` is the per-campaign records file (GET /api/staff/campaigns/:code/records, its 22 columns in order). */
export const EXPORT_PRESETS = {
  records: [
    'dossierNumber',
    'lastName',
    'firstName',
    'ine',
    'campaign',
    'sis',
    'campaignArchivedAt',
    'formationCode',
    'formationLabel',
    'formationSisCode',
    'commission',
    'stage',
    'dossierStatus',
    'opinion',
    'decisionType',
    'opinionValidated',
    'confirmationAnswer',
    'answeredAt',
    'exportStatus',
    'exportedAt',
    'sisReference',
    'id',
  ],
  /** What the dialog proposes until the user chooses. */
  default: [
    'dossierNumber',
    'lastName',
    'firstName',
    'ine',
    'formationCode',
    'formationLabel',
    'dossierStatus',
    'decisionLabel',
    'opinionValidated',
    'confirmationAnswer',
    'tags',
  ],
} as const satisfies Record<string, readonly ExportColumnKey[]>;

/** A selection as a query string: the list's filters, or `ids` (comma-separated) that win over them. */
const idList = z
  .string()
  .max(200_000)
  .transform((s) =>
    s
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(64)).max(BULK_MAX_ITEMS))
  .describe(`Candidature ids, comma-separated, at most ${BULK_MAX_ITEMS} (the selection; the filters are then ignored)`);

export const StaffSelectionQuery = StaffListFilter.extend({ ids: idList.optional() });
export type StaffSelectionQuery = z.infer<typeof StaffSelectionQuery>;

/** The selection in a POST body (for long id lists): `ids`, or the list's `filter`. */
export const StaffSelectionBody = z.object({
  ids: z
    .array(z.string().min(1).max(64))
    .max(BULK_MAX_ITEMS)
    .optional()
    .describe(`Candidature ids, at most ${BULK_MAX_ITEMS} ("select all matching" gives as many; beyond, the filter): they win over the filter`),
  filter: StaffListFilter.optional(),
});

const columnList = z
  .string()
  .min(1)
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .describe(`Column keys, comma-separated, in order: ${EXPORT_COLUMN_KEYS.join(', ')} (or a preset name: ${Object.keys(EXPORT_PRESETS).join(', ')})`);
const lang = z.enum(['fr', 'en']).optional().describe('Language of the headers (default: Accept-Language)');

/** `GET /api/staff/candidatures/export.xlsx`. */
export const StaffExportQuery = StaffSelectionQuery.extend({ columns: columnList.optional().describe('Default: the `default` preset'), lang });
export type StaffExportQuery = z.infer<typeof StaffExportQuery>;
/** `POST /api/staff/candidatures/export.xlsx`. */
export const StaffExportBody = StaffSelectionBody.extend({ columns: z.array(z.string().min(1).max(40)).min(1).max(200).optional(), lang });
export type StaffExportBody = z.infer<typeof StaffExportBody>;

/** The zip of one supporting document across a selection: at most this many candidatures. */
export const DOCUMENTS_ZIP_MAX = 5000;
/** The candidates' whole files as PDFs (a zip of one PDF per candidature): at most this many. */
export const DOSSIERS_ZIP_MAX = 200;

const documentCode = z.string().min(1).max(30).describe('The supporting document’s code');
/** `GET /api/staff/candidatures/documents.zip`. */
export const DocumentsZipQuery = StaffSelectionQuery.extend({ document: documentCode });
/** `POST /api/staff/candidatures/documents.zip`. */
export const DocumentsZipBody = StaffSelectionBody.extend({ document: documentCode });
/** `GET|POST /api/staff/candidatures/dossiers.zip`: the selection (and the language of the PDFs). */
export const DossiersZipQuery = StaffSelectionQuery.extend({ lang });
export const DossiersZipBody = StaffSelectionBody.extend({ lang });

/** `GET /api/staff/exports/documents`: the documents a zip may gather (those of the user's formations). */
export const ExportDocumentItem = z.object({ code: z.string(), label: z.string(), labelEn: z.string().nullable() });
export type ExportDocumentItem = z.infer<typeof ExportDocumentItem>;
