// Activities of the campaign workflow (workflows/campaign.ts): read the campaign, archive it (§4.1:
// formation dates copied into its candidatures, successor activated), tell its candidature
// workflows, and destroy its candidates' data once the retention delay is over (§8: physical
// deletion, no anonymisation). Each is idempotent: a retried step finds its work done and says so.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CampaignRecord, DestructionCounts } from '../domain/campaign.ts';
import { parameterValue } from '../domain/parameters.ts';
import { campaignArchivedSignal, candidatureWorkflowId } from '../contracts/candidature.ts';
import type { ActivityDeps } from './index.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function loadCampaignRecord(deps: ActivityDeps, campaignCode: string): Promise<CampaignRecord> {
  const campaign = await deps.db.campaign.findUniqueOrThrow({
    where: { code: campaignCode },
    include: { archivedBy: { orderBy: { id: 'desc' }, take: 1 } },
  });
  const successor = campaign.archivedBy[0];
  return {
    successor: successor ? { code: successor.code, plannedActivationAt: iso(successor.plannedActivationAt) } : null,
    archivedAt: iso(campaign.archivedAt),
    destroyedAt: iso(campaign.destroyedAt),
  };
}

/**
 * Archives the campaign at `at` (the workflow's time): the formation dates of each candidature are
 * copied into its read-model row (the formation may change next year), the campaign leaves service
 * and its successor enters it. Done once: a retry returns the first archiving.
 */
export async function archiveCampaign(
  deps: ActivityDeps,
  input: { campaignCode: string; successorCode: string; at: string },
): Promise<{ archivedAt: string; candidatures: number }> {
  return deps.db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { code: input.campaignCode } });
    const candidatures = await tx.candidature.count({ where: { campaignId: campaign.id } });
    if (campaign.archivedAt) return { archivedAt: campaign.archivedAt.toISOString(), candidatures };
    const at = new Date(input.at);
    await tx.$executeRaw`
      UPDATE candidature c SET
        formation_application_starts_on = f.application_starts_on,
        formation_application_ends_on = f.application_ends_on,
        formation_analysis_on = f.analysis_on,
        formation_return_deadline = f.return_deadline,
        formation_jury_on = f.jury_on,
        formation_publication_on = f.publication_on,
        formation_confirmation_on = f.confirmation_on,
        formation_confirmation_delay_days = f.confirmation_delay_days
      FROM formation f
      WHERE f.id = c.formation_id AND c.campaign_id = ${campaign.id}`;
    await tx.campaign.update({ where: { id: campaign.id }, data: { archivedAt: at, active: false } });
    await tx.campaign.updateMany({ where: { code: input.successorCode, activatedAt: null }, data: { activatedAt: at } });
    await tx.campaign.update({ where: { code: input.successorCode }, data: { active: true } });
    await tx.auditEvent.create({
      data: {
        at,
        actor: 'system',
        action: 'CAMPAIGN_ARCHIVED',
        subject: `campaign:${input.campaignCode}`,
        details: { successor: input.successorCode, candidatures },
      },
    });
    return { archivedAt: at.toISOString(), candidatures };
  });
}

/** Candidature workflows told per activity: the workflow's progress moves a page at a time. */
const PAGE = 200;
const CONCURRENCY = 10;

/**
 * Signals `campaignArchived` (with the snapshotted formation dates) to the next page of the
 * campaign's candidature workflows after `afterId`; an ended workflow has nothing to make read-only.
 * Returns how many were told and where the next page starts (null: no more).
 */
export async function notifyCampaignArchived(
  deps: ActivityDeps,
  input: { campaignCode: string; afterId: string | null },
): Promise<{ notified: number; lastId: string | null }> {
  const ctx = Context.current();
  const campaign = await deps.db.campaign.findUniqueOrThrow({ where: { code: input.campaignCode } });
  const at = campaign.archivedAt!.toISOString();
  const rows = await deps.db.candidature.findMany({
    where: { campaignId: campaign.id, ...(input.afterId ? { id: { gt: input.afterId } } : {}) },
    orderBy: { id: 'asc' },
    take: PAGE,
  });
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const r = rows[next++]!;
      const formationDates = {
        applicationStartsOn: day(r.formationApplicationStartsOn),
        applicationEndsOn: day(r.formationApplicationEndsOn),
        analysisOn: day(r.formationAnalysisOn),
        returnDeadline: day(r.formationReturnDeadline),
        juryOn: day(r.formationJuryOn),
        publicationOn: day(r.formationPublicationOn),
        confirmationOn: day(r.formationConfirmationOn),
        confirmationDelayDays: r.formationConfirmationDelayDays === null ? null : String(r.formationConfirmationDelayDays),
      };
      try {
        await deps.temporal.workflow.getHandle(candidatureWorkflowId(r.id)).signal(campaignArchivedSignal, { at, formationDates });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      ctx.heartbeat(next);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, lane));
  return { notified: rows.length, lastId: rows.length === PAGE ? rows[rows.length - 1]!.id : null };
}

/** SCOL_NB_JOUR_ARCHIVAGE (§4.5): days between archiving and destruction. */
export async function retentionDays(deps: ActivityDeps): Promise<number> {
  const row = await deps.db.parameter.findUnique({ where: { code: 'SCOL_NB_JOUR_ARCHIVAGE' } });
  const days = parameterValue('SCOL_NB_JOUR_ARCHIVAGE', row?.value);
  return days >= 0 ? days : parameterValue('SCOL_NB_JOUR_ARCHIVAGE', null);
}

/**
 * GDPR destruction (§8): every candidate account of the campaign with what hangs on it (civil
 * status, address, bac, cursus, candidatures and their opinions and pieces, uploaded files), the
 * mails and SIS exports logged for its candidatures, and the files' bytes. Candidature workflows
 * still running (an export never acknowledged) are terminated first: nothing may write their rows
 * again. Dossier numbers stay in their history so that none is ever given twice. An audit event
 * records the destruction with counts only.
 */
export async function destroyCampaignData(
  deps: ActivityDeps,
  input: { campaignCode: string; at: string },
): Promise<{ destroyedAt: string; counts: DestructionCounts }> {
  const ctx = Context.current();
  const campaign = await deps.db.campaign.findUniqueOrThrow({ where: { code: input.campaignCode } });
  if (campaign.destroyedAt) {
    const event = await deps.db.auditEvent.findFirst({ where: { subject: `campaign:${input.campaignCode}`, action: 'CAMPAIGN_DESTROYED' } });
    const counts = (event?.details ?? { accounts: 0, candidatures: 0, files: 0, mails: 0, exports: 0 }) as unknown as DestructionCounts;
    return { destroyedAt: campaign.destroyedAt.toISOString(), counts };
  }
  const candidatureIds = (await deps.db.candidature.findMany({ where: { campaignId: campaign.id }, select: { id: true } })).map((c) => c.id);
  for (const [i, id] of candidatureIds.entries()) {
    await deps.temporal.workflow
      .getHandle(candidatureWorkflowId(id))
      .terminate('campaign data destroyed (GDPR)')
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    if (i % 50 === 0) ctx.heartbeat(i);
  }
  const at = new Date(input.at);
  // The bytes first (a retry deletes what is left), then every row in one transaction.
  const files = await deps.db.storedFile.findMany({ where: { account: { campaignId: campaign.id } }, select: { code: true } });
  for (const f of files) await deps.storage.remove(f.code);
  const counts = await deps.db.$transaction(async (tx) => {
    const mails = await tx.mailLog.deleteMany({ where: { candidatureId: { in: candidatureIds } } });
    const exports = await tx.sisExport.deleteMany({ where: { candidatureId: { in: candidatureIds } } });
    const candidatures = await tx.candidature.deleteMany({ where: { campaignId: campaign.id } });
    const deletedFiles = await tx.storedFile.deleteMany({ where: { account: { campaignId: campaign.id } } });
    const accounts = await tx.candidateAccount.deleteMany({ where: { campaignId: campaign.id } });
    const counts: DestructionCounts = {
      accounts: accounts.count,
      candidatures: candidatures.count,
      files: deletedFiles.count,
      mails: mails.count,
      exports: exports.count,
    };
    await tx.campaign.update({ where: { id: campaign.id }, data: { destroyedAt: at } });
    await tx.auditEvent.create({
      data: { at, actor: 'system', action: 'CAMPAIGN_DESTROYED', subject: `campaign:${input.campaignCode}`, details: { ...counts } },
    });
    return counts;
  });
  return { destroyedAt: at.toISOString(), counts };
}
