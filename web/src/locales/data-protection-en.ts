// English catalog of the staff's data-protection page: same keys as data-protection-fr.ts (checked
// through the `Messages` type).
import type { Messages } from './fr.ts';

const dataProtectionEn: Messages['dataProtection'] = {
  title: 'Data-protection requests',
  intro:
    'Export of all the data of an applicant account (right of access) or deletion of the account and its data (right to erasure). A deletion is refused while an application is in progress, unless you force it.',
  form: {
    title: 'New request',
    kind: 'Kind of request',
    force: 'Force the deletion even while applications are in progress',
    note: 'Note (reason, reference of the letter)',
    required: 'Enter the account’s file number.',
    submit: 'Send the request',
    errorsTitle: 'The request has {n} error | The request has {n} errors',
    refused: 'Request refused',
    sent: 'Request no. {id} recorded.',
  },
  kind: { export: 'Data export', deletion: 'Account deletion' },
  status: { pending: 'Pending', running: 'Running', done: 'Done', failed: 'Failed or refused' },
  list: {
    caption: 'Requests, newest first',
    none: 'No request.',
    filter: 'File number',
    search: 'Filter',
    col: { id: 'No.', at: 'Requested on', dossier: 'File', kind: 'Kind', status: 'Status', by: 'By', actions: 'Actions' },
    report: 'See the report',
    archive: 'Download the archive',
  },
  report: {
    title: 'Report of request no. {id}',
    counts: 'Data processed',
    kept: 'Kept',
    inProgress: 'Applications in progress',
    failure: 'Reason',
    forced: 'Forced deletion',
  },
  section: {
    account: 'Candidate account',
    civilStatus: 'Civil status',
    address: 'Address',
    bac: 'Baccalauréat',
    internalCursus: 'Internal studies',
    externalCursus: 'External studies',
    professionalExperiences: 'Professional experience',
    internships: 'Internships',
    sisPieces: 'Documents from the SIS',
    candidatures: 'Applications',
    publishedOpinions: 'Published decisions',
    answers: 'Answers to questions',
    mails: 'E-mails sent',
    sisExports: 'Exports to the SIS',
    sisExportRecords: 'Records of exports to the SIS',
    files: 'Uploaded files',
    exportArchives: 'Export archives',
    workflowHistories: 'Workflow histories',
    auditTrail: 'Audit trail',
    dossierNumber: 'Dossier number',
    sisAdmissions: 'Admissions in the SIS',
  },
};
export default dataProtectionEn;
