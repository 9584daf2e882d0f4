// French catalog of the statistics screen (web/src/pages/StaffStatsPage.vue and
// web/src/components/stats/). The counters' names come from contracts/staff-stats.ts (the XLSX's
// headers say the same). vue-i18n syntax: `{name}` placeholders, `|` between plural forms.
import { STATS_COUNTER_LABELS, STATS_COUNTERS, type StatsCounter } from '../../../contracts/staff-stats.ts';

const counters = (lang: 'fr' | 'en') => Object.fromEntries(STATS_COUNTERS.map((c) => [c, STATS_COUNTER_LABELS[c][lang]])) as Record<StatsCounter, string>;
export const statsCounterLabels = counters;

const staffStatsFr = {
  title: 'Statistiques',
  nav: 'Statistiques',
  intro: 'Les candidatures de la campagne que vous pouvez voir : dossiers reçus, avis, confirmations et places, semaine après semaine.',
  campaign: 'Campagne',
  chartsTitle: 'En graphiques',
  tablesTitle: 'Par centre, commission et formation',
  inService: 'en service',
  loading: 'Chargement des statistiques…',
  loaded: 'Statistiques de la campagne {campaign} chargées : {total} candidature. | Statistiques de la campagne {campaign} chargées : {total} candidatures.',
  generatedAt: 'Chiffres au {date}.',
  empty: 'Aucune candidature dans votre périmètre pour cette campagne.',
  download: 'Télécharger les statistiques',
  downloadDetail: 'XLSX, une feuille par niveau',
  drill: {
    label: 'Niveau affiché',
    all: 'Toute la campagne',
    centre: 'Centre {code}',
    commission: 'Commission {code}',
    formation: 'Formation {code}',
    open: 'Voir le détail de {label}',
  },
  figures: {
    total: 'Candidatures',
    capacity: 'Places offertes',
    confirmed: 'Confirmées',
    withdrawn: 'Désistements',
    noCapacity: 'non renseignées',
  },
  charts: {
    status: 'Dossiers par statut',
    statusAlt: 'Diagramme en barres : nombre de dossiers par statut (En attente, Réceptionné, Incomplet, Complet). Les valeurs sont dans le tableau qui suit.',
    opinion: 'Avis par type',
    opinionAlt: 'Diagramme en barres : nombre d’avis par type (favorable, défavorable, listes, présélection). Les valeurs sont dans le tableau qui suit.',
    weeks: 'Candidatures semaine après semaine',
    weeksAlt: 'Diagramme en barres : candidatures créées et transmises par semaine. Les valeurs sont dans le tableau qui suit.',
    capacity: 'Places, avis favorables et confirmations par formation',
    capacityAlt:
      'Diagramme en barres horizontales : par formation, places offertes, avis favorables et confirmations. Les valeurs sont dans le tableau qui suit.',
    count: 'Nombre',
    kind: 'Type',
    statusColumn: 'Statut',
    week: 'Semaine',
    weekOf: 'Semaine du {date}',
    created: 'Créées',
    transmitted: 'Transmises',
    places: 'Places',
    favourable: 'Avis favorables',
    confirmed: 'Confirmées',
    none: 'Aucune donnée à représenter.',
  },
  tables: {
    centres: 'Par centre de candidature',
    commissions: 'Par commission',
    formations: 'Par formation',
    code: 'Code',
    label: 'Libellé',
    capacity: 'Places',
    caption: '{level} — campagne {campaign}',
  },
  counters: counters('fr'),
};

export default staffStatsFr;
