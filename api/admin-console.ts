// The admin console: what needs an admin. Exports the SIS refused or that ran out of attempts (to retry:
// the catalogue's retryExport), mails the outbox gave up on (to send again) or skipped (no template, no
// address), and candidature workflows stuck on an activity that keeps failing (Temporal's
// describe: pending activities with their attempt and last failure).
// @temporalio/proto is CommonJS: its namespace object comes through the default import.
import proto from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import type { ConsoleFailedExport, ConsoleMail, ConsoleOverview, StuckWorkflow, StuckWorkflows } from '../contracts/admin.ts';
import { CANDIDATURE_WORKFLOW } from '../contracts/candidature.ts';
import { MAIL_OUTBOX_CHANNEL } from '../activities/projection.ts';
import { SETTINGS_SKIP_PREFIXES } from '../domain/mail-recipients.ts';
import { conflict, notFound } from './problem.ts';
import { temporalCall } from './temporal.ts';

const PendingActivityState = proto.temporal.api.enums.v1.PendingActivityState;

/** Rows of each list the console shows (the latest). */
export const CONSOLE_LIMIT = 200;

const CANDIDATURE_COLUMNS = {
  id: true,
  dossierNumber: true,
  candidateName: true,
  exportStatus: true,
  updatedAt: true,
  formation: { select: { code: true } },
  campaign: { select: { code: true, sisType: true } },
} as const;

/** Failed exports: a sis_export row left failed, or a candidature whose read model says its export failed. */
async function failedExports(app: FastifyInstance): Promise<{ items: ConsoleFailedExport[]; total: number }> {
  const rows = await app.db.sisExport.findMany({ where: { status: 'failed' }, orderBy: { id: 'desc' }, take: CONSOLE_LIMIT });
  const readModel = await app.db.candidature.findMany({
    where: { OR: [{ exportStatus: 'failed' }, { id: { in: rows.map((r) => r.candidatureId) } }] },
    select: CANDIDATURE_COLUMNS,
    orderBy: { updatedAt: 'desc' },
    take: CONSOLE_LIMIT * 2,
  });
  const byId = new Map(readModel.map((c) => [c.id, c]));
  const lastRow = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!lastRow.has(r.candidatureId)) lastRow.set(r.candidatureId, r);
  const ids = [...new Set([...rows.map((r) => r.candidatureId), ...readModel.filter((c) => c.exportStatus === 'failed').map((c) => c.id)])];
  // A retried export is pending again (its row too): it has left the console.
  const items = ids
    .map((id) => ({ c: byId.get(id), r: lastRow.get(id) }))
    .filter(({ c, r }) => c && (c.exportStatus === 'failed' || r?.status === 'failed') && c.exportStatus !== 'pending' && c.exportStatus !== 'done')
    .slice(0, CONSOLE_LIMIT)
    .map(({ c, r }) => ({
      candidatureId: c!.id,
      dossierNumber: c!.dossierNumber,
      candidateName: c!.candidateName,
      formationCode: c!.formation.code,
      campaignCode: c!.campaign.code,
      sisType: r?.sisType ?? c!.campaign.sisType,
      exportStatus: c!.exportStatus,
      attempts: r?.attempts ?? null,
      lastError: r?.lastError ?? null,
      at: (r?.createdAt ?? c!.updatedAt).toISOString(),
    }));
  const total = await app.db.candidature.count({ where: { exportStatus: 'failed' } });
  return { items, total: Math.max(total, items.length) };
}

async function mails(app: FastifyInstance, status: 'failed' | 'skipped'): Promise<{ items: ConsoleMail[]; total: number }> {
  // A mail the commission's alert settings say nobody gets is as intended: not something to fix.
  const where = { status, ...(status === 'skipped' ? { NOT: SETTINGS_SKIP_PREFIXES.map((p) => ({ error: { startsWith: p } })) } : {}) };
  const [rows, total] = await Promise.all([app.db.mailLog.findMany({ where, orderBy: { id: 'desc' }, take: CONSOLE_LIMIT }), app.db.mailLog.count({ where })]);
  const ids = [...new Set(rows.map((r) => r.candidatureId).filter((id): id is string => !!id))];
  const dossiers = new Map(
    (await app.db.candidature.findMany({ where: { id: { in: ids } }, select: { id: true, dossierNumber: true } })).map((c) => [c.id, c.dossierNumber]),
  );
  return { items: rows.map((r) => mailRow(r, r.candidatureId ? (dossiers.get(r.candidatureId) ?? null) : null)), total };
}

type MailRow = Awaited<ReturnType<FastifyInstance['db']['mailLog']['findUniqueOrThrow']>>;
function mailRow(r: MailRow, dossierNumber: string | null): ConsoleMail {
  return {
    id: r.id,
    candidatureId: r.candidatureId,
    dossierNumber,
    mailCode: r.mailCode,
    recipient: r.recipient,
    recipientRole: r.recipientRole,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function consoleOverview(app: FastifyInstance): Promise<ConsoleOverview> {
  const [exports, failed, skipped] = await Promise.all([failedExports(app), mails(app, 'failed'), mails(app, 'skipped')]);
  return {
    failedExports: exports.items,
    failedMails: failed.items,
    skippedMails: skipped.items,
    totals: { failedExports: exports.total, failedMails: failed.total, skippedMails: skipped.total },
  };
}

/**
 * Sends a mail the outbox gave up on again: back to queued with no attempt, due now, and the outbox
 * woken. Its idempotency key is unchanged (the same Message-ID), and the outbox's claim sends it once.
 */
export async function resendMail(app: FastifyInstance, mailId: number): Promise<ConsoleMail> {
  const row = await app.db.mailLog.findUnique({ where: { id: mailId } });
  if (!row) throw notFound({ fr: `Aucun courriel n° ${mailId}.`, en: `There is no mail #${mailId}.` });
  // Only from failed: a mail being sent or already sent is never sent twice.
  const reset = await app.db.mailLog.updateMany({
    where: { id: mailId, status: 'failed' },
    data: { status: 'queued', attempts: 0, nextAttemptAt: new Date(), error: null },
  });
  if (reset.count === 0)
    throw conflict({
      fr: `Ce courriel n’est pas en échec (état ${row.status}) : il n’est pas renvoyé.`,
      en: `This mail has not failed (status ${row.status}): it is not sent again.`,
    });
  await app.db.$executeRaw`SELECT pg_notify(${MAIL_OUTBOX_CHANNEL}, '')`;
  const candidature = row.candidatureId ? await app.db.candidature.findUnique({ where: { id: row.candidatureId }, select: { dossierNumber: true } }) : null;
  // The row as the reset left it (the outbox may already be sending it).
  return mailRow({ ...row, status: 'queued', attempts: 0, error: null }, candidature?.dossierNumber ?? null);
}

const ts = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): string | null =>
  t?.seconds ? new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString() : null;

/**
 * Running candidature workflows whose export is pending (Temporal's visibility, at most `limit`), and of
 * those the ones with a pending activity that has failed at least once (`minAttempts` attempts or more,
 * or a last failure): stuck until the SIS answers, or waiting for an admin.
 */
export async function stuckWorkflows(app: FastifyInstance, opts: { limit: number; minAttempts: number }): Promise<StuckWorkflows> {
  const query = `WorkflowType = '${CANDIDATURE_WORKFLOW}' AND ExecutionStatus = 'Running' AND ExportStatus = 'pending'`;
  const ids: string[] = [];
  await temporalCall(app.temporal, async () => {
    for await (const w of app.temporal.workflow.list({ query })) {
      ids.push(w.workflowId);
      if (ids.length >= opts.limit) break;
    }
  });
  const described = await Promise.all(
    ids.map((workflowId) =>
      temporalCall(app.temporal, () => app.temporal.workflow.getHandle(workflowId).describe()).then(
        (d) => ({ workflowId, pending: d.raw.pendingActivities ?? [] }),
        () => ({ workflowId, pending: [] }),
      ),
    ),
  );
  const troubled = described.filter((d) => d.pending.some((a) => (a.attempt ?? 1) >= opts.minAttempts || a.lastFailure));
  const candidatureIds = troubled.map((d) => d.workflowId.replace(/^candidature-/, ''));
  const rows = new Map(
    (
      await app.db.candidature.findMany({
        where: { id: { in: candidatureIds } },
        select: { id: true, dossierNumber: true, candidateName: true, exportStatus: true, updatedAt: true },
      })
    ).map((r) => [r.id, r]),
  );
  const workflows: StuckWorkflow[] = troubled.map((d) => {
    const id = d.workflowId.replace(/^candidature-/, '');
    const row = rows.get(id);
    return {
      candidatureId: id,
      workflowId: d.workflowId,
      dossierNumber: row?.dossierNumber ?? null,
      candidateName: row?.candidateName ?? null,
      exportStatus: row?.exportStatus ?? null,
      lastChangeAt: row?.updatedAt.toISOString() ?? null,
      pendingActivities: d.pending.map((a) => ({
        activityType: a.activityType?.name ?? '?',
        state: (PendingActivityState[a.state ?? 0] ?? 'UNKNOWN').replace(/^PENDING_ACTIVITY_STATE_/, ''),
        attempt: a.attempt ?? 1,
        maximumAttempts: a.maximumAttempts || null,
        lastFailure: a.lastFailure?.message ?? null,
        lastStartedAt: ts(a.lastStartedTime),
        nextAttemptAt: ts(a.nextAttemptScheduleTime),
      })),
    };
  });
  return { checked: ids.length, workflows };
}
