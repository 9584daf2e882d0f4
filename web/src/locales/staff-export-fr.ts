// Catalogue français du dialogue d'export de la liste (web/src/components/staff-list/ExportDialog.vue).
// Les en-têtes de colonnes et les groupes viennent du contrat (contracts/staff-export.ts).
const staffExportFr = {
  open: 'Exporter',
  title: 'Exporter la sélection',
  scopeIds: 'Candidature cochée : {count}. | Candidatures cochées : {count}.',
  scopeFilter: 'Toutes les candidatures du filtre en cours, dans votre périmètre.',
  xlsx: {
    title: 'Tableur (XLSX)',
    intro: 'Cochez les colonnes à exporter, groupe par groupe ; votre choix est retenu sur ce poste.',
    presets: 'Choix prédéfinis',
    presetDefault: 'Colonnes usuelles',
    presetRecords: 'Fichier des candidatures (22 colonnes)',
    all: 'Tout le groupe',
    none: 'Aucune du groupe',
    chosen: 'Colonne choisie : {count} | Colonnes choisies : {count}',
    language: 'Langue des en-têtes',
    atLeastOne: 'Choisissez au moins une colonne.',
    download: 'Télécharger le tableur',
  },
  documents: {
    title: 'Une pièce justificative de chaque candidature (ZIP)',
    intro: 'Un fichier par candidature qui a déposé la pièce, nommé « dossier_NOM_formation » ; index.csv liste celles qui n’en ont pas.',
    document: 'Pièce justificative',
    choose: 'Choisir une pièce',
    none: 'Aucune pièce justificative dans votre périmètre.',
    download: 'Télécharger le ZIP de la pièce',
  },
  dossiers: {
    title: 'Dossiers complets en PDF (ZIP)',
    intro: 'Un PDF par candidature (récapitulatif et pièces déposées), {max} candidatures au plus.',
    tooMany: 'La sélection compte {count} candidatures : restreignez-la à {max} au plus.',
    download: 'Télécharger les dossiers PDF',
  },
  busy: 'Préparation du fichier…',
  received: '{size} reçus',
  done: 'Fichier {name} téléchargé.',
  failed: 'Le téléchargement a échoué : {error}',
  languages: { fr: 'Français', en: 'Anglais' },
};
export default staffExportFr;
