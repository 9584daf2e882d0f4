// English catalog of the statistics screen: same keys as staff-stats-fr.ts (checked through the
// `Messages` type).
import type { Messages } from './fr.ts';
import { statsCounterLabels } from './staff-stats-fr.ts';

const staffStatsEn: Messages['staffStats'] = {
  title: 'Statistics',
  nav: 'Statistics',
  intro: 'The applications of the campaign you may see: files received, opinions, confirmations and places, week by week.',
  campaign: 'Campaign',
  chartsTitle: 'In charts',
  tablesTitle: 'By centre, commission and programme',
  inService: 'in service',
  loading: 'Loading the statistics…',
  loaded: 'Statistics of the campaign {campaign} loaded: {total} application. | Statistics of the campaign {campaign} loaded: {total} applications.',
  generatedAt: 'Figures as of {date}.',
  empty: 'No application in your scope for this campaign.',
  download: 'Download the statistics',
  downloadDetail: 'XLSX, one sheet per level',
  drill: {
    label: 'Level shown',
    all: 'Whole campaign',
    centre: 'Centre {code}',
    commission: 'Commission {code}',
    formation: 'Programme {code}',
    open: 'See the details of {label}',
  },
  figures: {
    total: 'Applications',
    capacity: 'Places offered',
    confirmed: 'Confirmed',
    withdrawn: 'Withdrawals',
    noCapacity: 'not stated',
  },
  charts: {
    status: 'Files by status',
    statusAlt: 'Bar chart: number of files by status (waiting, received, incomplete, complete). The values are in the table that follows.',
    opinion: 'Opinions by kind',
    opinionAlt: 'Bar chart: number of opinions by kind (favourable, unfavourable, lists, preselection). The values are in the table that follows.',
    weeks: 'Applications week by week',
    weeksAlt: 'Bar chart: applications created and submitted per week. The values are in the table that follows.',
    capacity: 'Places, favourable opinions and confirmations per programme',
    capacityAlt: 'Horizontal bar chart: per programme, places offered, favourable opinions and confirmations. The values are in the table that follows.',
    count: 'Number',
    kind: 'Kind',
    statusColumn: 'Status',
    week: 'Week',
    weekOf: 'Week of {date}',
    created: 'Created',
    transmitted: 'Submitted',
    places: 'Places',
    favourable: 'Favourable opinions',
    confirmed: 'Confirmed',
    none: 'No data to chart.',
  },
  tables: {
    centres: 'By application centre',
    commissions: 'By commission',
    formations: 'By programme',
    code: 'Code',
    label: 'Label',
    capacity: 'Places',
    caption: '{level} — campaign {campaign}',
  },
  counters: statsCounterLabels('en'),
};

export default staffStatsEn;
