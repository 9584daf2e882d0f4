// Activities of the candidature workflow, built from their dependencies (Temporal's
// activities-dependency-injection pattern): the worker calls createActivities(deps) once.
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Db } from '../infra/prisma.ts';
import type { SisRegistry } from '../sis/index.ts';
import { purgeUnvalidatedAccounts } from './accounts.ts';
import * as dataProtection from './data-protection.ts';
import { applyBulkChunk, type BulkChunkInput } from './bulk.ts';
import { archiveCampaign, destroyCampaignData, loadCampaignRecord, notifyCampaignArchived, retentionDays } from './campaign.ts';
import { sendCandidatureMail, type MailInput } from './mail.ts';
import { projectCandidature, projectCandidatureState, type QueuedMail } from './projection.ts';
import { recordReferentialSyncRun, syncReferentialList } from './referential-sync.ts';
import { exportToSis, type ExportInput } from './sis-export.ts';
import { notifyWaitingList, promoteCandidature, waitingListConfig } from './waiting-list.ts';
import { deleteFiles } from '../infra/file-store.ts';
import type { FileStorage } from '../infra/storage.ts';
import type { ReferentialSyncProgress, SyncListInput } from '../domain/referential-sync.ts';
import type { CandidatureView } from '../contracts/candidature.ts';
import type { CandidatureState } from '../domain/candidature.ts';

export interface ActivityDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  sis: SisRegistry;
  /** For activities that talk to other workflows (waiting lists, bulk actions, campaign archiving). */
  temporal: Client;
  /** Task queue of the workflows those activities start. */
  taskQueue: string;
  /** Where the bytes of stored files live (infra/storage.ts). */
  storage: FileStorage;
}

export function createActivities(deps: ActivityDeps) {
  return {
    /** The read model and the mail outbox (a local activity of the candidature workflow). */
    projectCandidatureState: (input: { state: CandidatureState; mails?: QueuedMail[] }) => projectCandidatureState(deps.db, input),
    /** The projection of candidatures started before the fast path. */
    projectCandidature: (input: { state: CandidatureState } | CandidatureView) => projectCandidature(deps, input),
    /** Candidatures started before the mail outbox send each mail with this activity. */
    sendCandidatureMail: (input: MailInput) => sendCandidatureMail(deps, input),
    exportToSis: (input: ExportInput) => exportToSis(deps, input),
    notifyWaitingList: (input: Parameters<typeof notifyWaitingList>[1]) => notifyWaitingList(deps, input),
    waitingListConfig: (formationCode: string) => waitingListConfig(deps, formationCode),
    promoteCandidature: (input: Parameters<typeof promoteCandidature>[1]) => promoteCandidature(deps, input),
    /** Cancellation (§3.2.4): the candidature's own files go; pieces shared with other candidatures stay. */
    deleteCandidatureFiles: (input: { candidatureId: string; fileIds: number[] }) => deleteFiles(deps.db, deps.storage, input.fileIds, input.candidatureId),
    applyBulkChunk: (input: BulkChunkInput) => applyBulkChunk(deps, input),
    loadCampaignRecord: (campaignCode: string) => loadCampaignRecord(deps, campaignCode),
    archiveCampaign: (input: Parameters<typeof archiveCampaign>[1]) => archiveCampaign(deps, input),
    notifyCampaignArchived: (input: Parameters<typeof notifyCampaignArchived>[1]) => notifyCampaignArchived(deps, input),
    retentionDays: () => retentionDays(deps),
    destroyCampaignData: (input: Parameters<typeof destroyCampaignData>[1]) => destroyCampaignData(deps, input),
    syncReferentialList: (input: SyncListInput) => syncReferentialList(deps, input),
    recordReferentialSyncRun: (run: ReferentialSyncProgress) => recordReferentialSyncRun(deps, run),
    /** The daily purge of accounts never validated (workflows/account-purge.ts). */
    purgeUnvalidatedAccounts: () => purgeUnvalidatedAccounts(deps),
    /** Data-protection requests (workflows/data-protection.ts): a candidate's data export and deletion. */
    markDataProtectionRunning: (requestId: number) => dataProtection.markDataProtectionRunning(deps, requestId),
    finishDataProtectionRequest: (input: Parameters<typeof dataProtection.finishDataProtectionRequest>[1]) =>
      dataProtection.finishDataProtectionRequest(deps, input),
    gatherCandidateData: (requestId: number) => dataProtection.gatherCandidateData(deps, requestId),
    writeDataExportArchive: (requestId: number) => dataProtection.writeDataExportArchive(deps, requestId),
    expireDataExportArchive: (requestId: number) => dataProtection.expireDataExportArchive(deps, requestId),
    planCandidateDeletion: (requestId: number) => dataProtection.planCandidateDeletion(deps, requestId),
    endCandidatureWorkflows: (requestId: number) => dataProtection.endCandidatureWorkflows(deps, requestId),
    deleteCandidateData: (input: Parameters<typeof dataProtection.deleteCandidateData>[1]) => dataProtection.deleteCandidateData(deps, input),
  };
}
