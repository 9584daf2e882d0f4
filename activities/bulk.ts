// One chunk of a mass action (workflows/bulk.ts): the action's Update on each candidature workflow,
// a few at a time, one result per item. A refusal by the candidature's validator is a result (with
// its reason and type), not a failure; so is a candidature whose workflow has ended.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { ActingUser } from '../contracts/actors.ts';
import type { DoneItem, SystemBulkAction } from '../contracts/bulk.ts';
import { candidatureWorkflowId, updates, type BulkAction, type CandidatureView } from '../contracts/candidature.ts';
import { CLOSED_CANDIDATURE, refusalFromFailure } from '../contracts/refusals.ts';
import { refusalOf, updateArgs } from '../domain/bulk.ts';
import type { ActivityDeps } from './index.ts';

export interface BulkChunkInput {
  /** The bulk workflow's id: with the item's position, the update id (a retried chunk does not apply an item twice). */
  bulkId: string;
  action: BulkAction | SystemBulkAction;
  /** The Update's argument (the same for every item). */
  args?: Record<string, unknown>;
  actor: ActingUser;
  items: { item: number; candidatureId: string }[];
}

/** Updates in flight at once per chunk: candidature workflows answer in milliseconds; the worker's slots stay free for them. */
const CONCURRENCY = 5;

export async function applyBulkChunk(deps: ActivityDeps, input: BulkChunkInput): Promise<DoneItem[]> {
  const ctx = Context.current();
  // Results of a previous attempt (heartbeat details), by position in the chunk.
  const done: Record<number, DoneItem> = { ...((ctx.info.heartbeatDetails as Record<number, DoneItem> | undefined) ?? {}) };
  const args = updateArgs(input.action, input.args);
  const todo = input.items.map((_, k) => k).filter((k) => !done[k]);

  const apply = async (k: number): Promise<DoneItem> => {
    const { item, candidatureId } = input.items[k]!;
    const handle = deps.temporal.workflow.getHandle(candidatureWorkflowId(candidatureId));
    try {
      const view = await deps.temporal.withAbortSignal(ctx.cancellationSignal, () =>
        handle.executeUpdate(updates[input.action] as UpdateDefinition<CandidatureView, [ActingUser, unknown]>, {
          args: [input.actor, args],
          updateId: `${input.bulkId}:${item}`,
        }),
      );
      return { candidatureId, outcome: 'ok', stage: view.stage };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const { kind, reason } = refusalFromFailure(err.cause);
        return refusalOf(kind, reason, candidatureId);
      }
      if (err instanceof WorkflowNotFoundError) return refusalOf('Conflict', CLOSED_CANDIDATURE, candidatureId);
      if (ctx.cancellationSignal.aborted) throw err;
      return { candidatureId, outcome: 'error', message: err instanceof Error ? err.message : String(err) };
    }
  };

  let next = 0;
  const lane = async () => {
    while (next < todo.length) {
      const k = todo[next++]!;
      done[k] = await apply(k);
      ctx.heartbeat(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, lane));
  return input.items.map((_, k) => done[k]!);
}
