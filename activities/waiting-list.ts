// Activities between candidatures and their formation's complementary list (workflows/waiting-list.ts).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { candidatureWorkflowId, updates } from '../contracts/candidature.ts';
import { WAITING_LIST_WORKFLOW, waitingListEventSignal, waitingListWorkflowId, type WaitingListEvent } from '../contracts/waiting-list.ts';
import { AUTO_LIST_COMP, decisionTypeRef, type DecisionTypeRef } from '../domain/candidature.ts';
import type { ActivityDeps } from './index.ts';

/**
 * Delivers a candidature's event to its formation's list, starting the list's workflow if needed.
 * A retried delivery is harmless: joining and leaving are idempotent, a freed seat is deduplicated.
 */
export async function notifyWaitingList(deps: ActivityDeps, input: { formationCode: string } & WaitingListEvent): Promise<void> {
  const { formationCode, ...event } = input;
  await deps.temporal.workflow.signalWithStart(WAITING_LIST_WORKFLOW, {
    workflowId: waitingListWorkflowId(formationCode),
    taskQueue: deps.taskQueue,
    args: [{ formationCode }],
    signal: waitingListEventSignal,
    signalArgs: [event],
  });
}

/** Whether the formation promotes automatically, and with which favourable type (§3.2.11). */
export async function waitingListConfig(deps: ActivityDeps, formationCode: string): Promise<{ decisionType: DecisionTypeRef | null }> {
  const f = await deps.db.formation.findUnique({ where: { code: formationCode }, include: { lcFavourableDecisionType: true } });
  if (!f || !f.automaticLc || !f.lcFavourableDecisionType) return { decisionType: null };
  return { decisionType: decisionTypeRef(f.lcFavourableDecisionType) };
}

/**
 * Promotes one candidature (Update `promote`, actor autoListComp). The update id is derived from the
 * seat, so a retried activity gets the first attempt's answer instead of promoting a second time.
 */
export async function promoteCandidature(
  deps: ActivityDeps,
  input: { candidatureId: string; decisionType: DecisionTypeRef; freedBy: string },
): Promise<'promoted' | 'refused'> {
  const handle = deps.temporal.workflow.getHandle(candidatureWorkflowId(input.candidatureId));
  try {
    await handle.executeUpdate(updates.promote, { args: [AUTO_LIST_COMP, { decisionType: input.decisionType }], updateId: `promote-${input.freedBy}` });
    return 'promoted';
  } catch (err) {
    // Refused by the candidature's rules (no longer on the list), or the candidature is over.
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) return 'refused';
    throw err;
  }
}
