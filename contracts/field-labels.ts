// The label of every field a person fills in the setup screens and the API names in its errors, in
// French and English: the forms (web/src) show these labels, and a 400 names the field by the same
// words (api/validation-messages.ts). A field keeps one name across objects (`code`, `label`…).
export const FIELD_LABELS = {
  code: { fr: 'Code', en: 'Code' },
  label: { fr: 'Libellé', en: 'Label' },
  labelEn: { fr: 'Libellé en anglais', en: 'English label' },
  sisType: { fr: 'Système d’information (SIS)', en: 'Student information system (SIS)' },
  startsOn: { fr: 'Date de début', en: 'Start date' },
  endsOn: { fr: 'Date de fin', en: 'End date' },
  candidateAccessEndsOn: { fr: 'Fin d’accès des candidats', en: 'End of candidate access' },
  archivesCampaignCode: { fr: 'Campagne remplacée', en: 'Campaign it replaces' },
  plannedActivationAt: { fr: 'Activation prévue', en: 'Planned activation' },
  active: { fr: 'En service', en: 'In service' },
  centreCode: { fr: 'Centre de candidature', en: 'Application centre' },
  commissionCode: { fr: 'Commission', en: 'Commission' },
  email: { fr: 'Adresse e-mail', en: 'E-mail address' },
  contactEmail: { fr: 'Adresse e-mail de contact', en: 'Contact e-mail address' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  url: { fr: 'Adresse web', en: 'Web address' },
  addressLine1: { fr: 'Adresse (ligne 1)', en: 'Address (line 1)' },
  addressLine2: { fr: 'Adresse (ligne 2)', en: 'Address (line 2)' },
  postcode: { fr: 'Code postal', en: 'Postcode' },
  city: { fr: 'Ville', en: 'City' },
  maxWishes: { fr: 'Nombre maximal de vœux', en: 'Maximum number of wishes' },
  sendMailMode: { fr: 'Copie des mails aux candidats', en: 'Copy of candidate mails' },
  complementaryList: { fr: 'Liste complémentaire', en: 'Complementary list' },
  sisManagementCentreCode: { fr: 'Centre de gestion SIS (CGE)', en: 'SIS management centre (CGE)' },
  returnComment: { fr: 'Consignes de retour du dossier', en: 'Instructions for returning the file' },
  signatory: { fr: 'Signataire des lettres', en: 'Letter signatory' },
  alertMode: { fr: 'Destinataires des alertes', en: 'Alert recipients' },
  alertEmail: { fr: 'Adresse des alertes', en: 'Alert address' },
  login: { fr: 'Identifiant', en: 'Login' },
  displayName: { fr: 'Nom affiché', en: 'Display name' },
  password: { fr: 'Mot de passe', en: 'Password' },
  profiles: { fr: 'Profils', en: 'Profiles' },
  president: { fr: 'Président', en: 'Chair' },
  profileCode: { fr: 'Profil', en: 'Profile' },
  allCommissions: { fr: 'Toutes les commissions du centre', en: 'Every commission of the centre' },
  commissionCodes: { fr: 'Commissions', en: 'Commissions' },
  traitement: { fr: 'Type de traitement', en: 'Processing type' },
  capacity: { fr: 'Capacité d’accueil', en: 'Capacity' },
  applicationStartsOn: { fr: 'Début de dépôt des candidatures', en: 'Applications open on' },
  applicationEndsOn: { fr: 'Fin de dépôt des candidatures', en: 'Applications close on' },
  returnDeadline: { fr: 'Date limite de retour du dossier', en: 'File return deadline' },
  analysisOn: { fr: 'Date de pré-analyse', en: 'Pre-analysis date' },
  juryOn: { fr: 'Date du jury', en: 'Jury date' },
  publicationOn: { fr: 'Date de publication des résultats', en: 'Results published on' },
  confirmationOn: { fr: 'Date limite de confirmation', en: 'Confirmation deadline' },
  confirmationDelayDays: { fr: 'Délai de confirmation (jours)', en: 'Confirmation delay (days)' },
  lcConfirmationOn: { fr: 'Date limite de confirmation (liste complémentaire)', en: 'Confirmation deadline (complementary list)' },
  lcConfirmationDelayDays: { fr: 'Délai de confirmation (liste complémentaire, jours)', en: 'Confirmation delay (complementary list, days)' },
  preselectOn: { fr: 'Date de présélection (entretien)', en: 'Preselection (interview) date' },
  preselectTime: { fr: 'Heure de présélection', en: 'Preselection time' },
  preselectPlace: { fr: 'Lieu de présélection', en: 'Preselection place' },
  keywords: { fr: 'Mots-clés', en: 'Keywords' },
  additionalInfo: { fr: 'Informations complémentaires', en: 'Additional information' },
  documentCodes: { fr: 'Pièces justificatives', en: 'Supporting documents' },
  questionCodes: { fr: 'Questions', en: 'Questions' },
  favourableDecisionType: { fr: 'Décision favorable', en: 'Favourable decision' },
  automaticLc: { fr: 'Liste complémentaire automatique', en: 'Automatic complementary list' },
  apogeeVetCode: { fr: 'Code étape (VET) Apogée', en: 'Apogée stage (VET) code' },
  apogeeVetVersion: { fr: 'Version d’étape Apogée', en: 'Apogée stage version' },
  pegaseCode: { fr: 'Code Pégase', en: 'Pégase code' },
  formationCodes: { fr: 'Formations', en: 'Formations' },
  formationCode: { fr: 'Formation', en: 'Formation' },
  motiveCode: { fr: 'Motivation', en: 'Motive' },
  lcRank: { fr: 'Rang', en: 'Rank' },
  functionalities: { fr: 'Fonctionnalités', en: 'Functionalities' },
  file: { fr: 'Fichier', en: 'File' },
  value: { fr: 'Valeur', en: 'Value' },
  valueFr: { fr: 'Texte en français', en: 'French text' },
  valueEn: { fr: 'Texte en anglais', en: 'English text' },
  body: { fr: 'Requête', en: 'Request' },
  subjectFr: { fr: 'Objet du mail (français)', en: 'Mail subject (French)' },
  bodyFr: { fr: 'Texte du mail (français)', en: 'Mail text (French)' },
  subjectEn: { fr: 'Objet du mail (anglais)', en: 'Mail subject (English)' },
  bodyEn: { fr: 'Texte du mail (anglais)', en: 'Mail text (English)' },
  subject: { fr: 'Objet du mail', en: 'Mail subject' },
  language: { fr: 'Langue', en: 'Language' },
} as const satisfies Record<string, { fr: string; en: string }>;

/** "Label : message" in French typography, "Label: message" in English. */
export function labelled(path: string, lang: 'fr' | 'en', message: string): string {
  return `${fieldLabel(path, lang)}${lang === 'fr' ? ' : ' : ': '}${message}`;
}

/** The label of the field at a path (`members.0.login` → Identifiant); the path itself when it has none. */
export function fieldLabel(path: string, lang: 'fr' | 'en'): string {
  const named = path
    .split('.')
    .reverse()
    .find((part) => !/^\d+$/.test(part));
  const entry = named ? (FIELD_LABELS as Record<string, { fr: string; en: string }>)[named] : undefined;
  return entry ? entry[lang] : path;
}
