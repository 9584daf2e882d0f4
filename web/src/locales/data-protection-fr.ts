// French catalog of the staff's data-protection page (/gestion/rgpd): GDPR export and deletion of a
// candidate account's data. vue-i18n syntax: `{name}` placeholders; non-breaking spaces before : ; ! ?.
const dataProtectionFr = {
  title: 'Demandes RGPD',
  intro:
    'Export de toutes les données d’un compte candidat (droit d’accès) ou suppression du compte et de ses données (droit à l’effacement). La suppression est refusée tant qu’une candidature est en cours, sauf si vous la forcez.',
  form: {
    title: 'Nouvelle demande',
    kind: 'Type de demande',
    force: 'Forcer la suppression même si des candidatures sont en cours',
    note: 'Note (motif, référence du courrier)',
    required: 'Saisissez le numéro de dossier du compte.',
    submit: 'Envoyer la demande',
    errorsTitle: 'La demande contient {n} erreur | La demande contient {n} erreurs',
    refused: 'Demande refusée',
    sent: 'Demande n°\u00a0{id} enregistrée.',
  },
  kind: { export: 'Export des données', deletion: 'Suppression du compte' },
  status: { pending: 'En attente', running: 'En cours', done: 'Terminée', failed: 'Échouée ou refusée' },
  list: {
    caption: 'Demandes, les plus récentes d’abord',
    none: 'Aucune demande.',
    filter: 'Numéro de dossier',
    search: 'Filtrer',
    col: { id: 'N°', at: 'Demandée le', dossier: 'Dossier', kind: 'Type', status: 'État', by: 'Par', actions: 'Actions' },
    report: 'Voir le rapport',
    archive: 'Télécharger l’archive',
  },
  report: {
    title: 'Rapport de la demande n°\u00a0{id}',
    counts: 'Données traitées',
    kept: 'Conservé',
    inProgress: 'Candidatures en cours',
    failure: 'Motif',
    forced: 'Suppression forcée',
  },
};
export default dataProtectionFr;
