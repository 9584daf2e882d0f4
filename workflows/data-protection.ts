// Data-protection requests about a candidate account (GDPR; issue 12 item 6), one workflow per
// request (`data-protection-<kind>-<requestId>`, started by the API: api/data-protection.ts). Each
// takes the request's id only and runs its steps as activities (activities/data-protection.ts):
// mark running; gather; write; mark done with the report, or failed with the reason. The histories
// hold ids, counts and storage keys, never the candidate's data.
//   - export (access request): gather everything held about the account (staged in the file
//     storage), write the zip (donnees.json, LISEZMOI.txt, fichiers/…), done with counts per section;
//     the archive is deleted EXPORT_ARCHIVE_DAYS later (a durable timer; the request stays done);
//   - deletion (erasure request): plan (the rule of domain/data-protection.ts: refused while a
//     candidature is in progress, unless forced), end the candidature workflows, delete, done with
//     what was deleted and what was kept and why.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { EXPORT_ARCHIVE_DAYS, type DataProtectionInput, type DataProtectionReport } from '../domain/data-protection.ts';

type Activities = ReturnType<typeof createActivities>;

/** Bookkeeping of the request's row: retried until the database answers. */
const { markDataProtectionRunning, finishDataProtectionRequest, expireDataExportArchive } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The work: a few attempts (storage, database, Temporal may hiccup), then the request fails with the error. */
const { gatherCandidateData, writeDataExportArchive, planCandidateDeletion, endCandidatureWorkflows, deleteCandidateData } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

type Outcome = Omit<DataProtectionReport, 'request'>;

/** Why a step failed, in both languages (a refusal's English wording is its failure's first detail). */
function failureOf(err: unknown): { fr: string; en: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const en = cause.details?.[0];
    return { fr: cause.message, en: typeof en === 'string' ? en : cause.message };
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return { fr: `Échec : ${message}`, en: `Failed: ${message}` };
}

/** Runs the steps; whatever they throw ends the request as failed with the reason (the workflow itself completes). */
async function run(
  requestId: number,
  steps: () => Promise<{ outcome: 'done' | 'failed'; report: Outcome; archiveCode?: string }>,
): Promise<{ outcome: 'done' | 'failed'; report: Outcome }> {
  await markDataProtectionRunning(requestId);
  let result: { outcome: 'done' | 'failed'; report: Outcome; archiveCode?: string };
  try {
    result = await steps();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    result = { outcome: 'failed', report: { failure: failureOf(err) } };
  }
  await finishDataProtectionRequest({ requestId, outcome: result.outcome, report: result.report, archiveCode: result.archiveCode ?? null });
  return { outcome: result.outcome, report: result.report };
}

export async function candidateDataExportWorkflow(input: DataProtectionInput): Promise<Outcome> {
  const { outcome, report } = await run(input.requestId, async () => {
    const { counts } = await gatherCandidateData(input.requestId);
    const archive = await writeDataExportArchive(input.requestId);
    return { outcome: 'done', report: { counts, archive: { name: archive.name, size: archive.size } }, archiveCode: archive.archiveCode };
  });
  // The archive is there to be downloaded, not kept: it goes after EXPORT_ARCHIVE_DAYS.
  if (outcome === 'done') {
    await sleep(`${EXPORT_ARCHIVE_DAYS} days`);
    await expireDataExportArchive(input.requestId);
  }
  return report;
}

export async function candidateDataDeletionWorkflow(input: DataProtectionInput): Promise<Outcome> {
  const { report } = await run(input.requestId, async () => {
    const plan = await planCandidateDeletion(input.requestId);
    if (plan.refusal) return { outcome: 'failed', report: { failure: plan.refusal, inProgress: plan.inProgress } };
    const ended = plan.accountExists ? await endCandidatureWorkflows(input.requestId) : { historiesDeleted: 0, historiesKept: 0 };
    const report = await deleteCandidateData({ requestId: input.requestId, historiesDeleted: ended.historiesDeleted, historiesKept: ended.historiesKept });
    return { outcome: 'done', report };
  });
  return report;
}
