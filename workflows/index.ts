// Entry point of the workflow bundle: every workflow type the worker runs.
export { candidatureWorkflow } from './candidature.ts';
export { waitingListWorkflow } from './waiting-list.ts';
export { bulkWorkflow } from './bulk.ts';
export { campaignWorkflow } from './campaign.ts';
export { referentialSyncWorkflow } from './referential-sync.ts';
export { accountPurgeWorkflow } from './account-purge.ts';
export { candidateDataExportWorkflow } from './data-protection.ts';
export { candidateDataDeletionWorkflow } from './data-protection.ts';
