// A mass action on a selection of candidatures (one workflow per request, `bulk-<uuid>`): the
// selection is cut into chunks, each applied by an activity that runs the action's Update on every
// candidature workflow of the chunk and answers one result per item. The candidature's validator
// decides each item, so a refused item changes nothing and the others go on. Progress (counts and
// per-item results) is readable at any time through the `bulkProgress` query.
// History stays small whatever the selection (one activity per chunk, a few events each), so the
// workflow never needs to continue as new: 5,000 items are 100 chunks.
// Deterministic code only: no I/O, no Node imports, activities by `import type`.
import { ActivityFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { BULK_PAGE_MAX, bulkProgressQuery, type BulkInput, type BulkProgress, type DoneItem, type StoredItemResult } from '../contracts/bulk.ts';
import { tally } from '../domain/bulk.ts';

type Activities = ReturnType<typeof createActivities>;

/** Items per activity: small enough for progress to move visibly, large enough to keep history short. */
const CHUNK_SIZE = 50;
/** Chunks in flight at once (each runs a few updates at a time): the selection finishes in minutes, not hours. */
const PARALLEL_CHUNKS = 4;

/**
 * One chunk of updates. It heartbeats after each item with the results so far, so a retry (worker
 * restart) resumes where it stopped; updates carry an id derived from the item, so one that was
 * applied before the crash is not applied twice.
 */
const { applyBulkChunk } = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function bulkWorkflow(input: BulkInput): Promise<BulkProgress> {
  const results: StoredItemResult[] = input.candidatureIds.map((candidatureId) => ({ candidatureId, outcome: 'pending' }));
  for (const r of input.refused)
    results[r.item] = {
      candidatureId: input.candidatureIds[r.item]!,
      outcome: 'refused',
      status: r.status,
      type: r.status === 404 ? 'NotFound' : 'Forbidden',
      message: r.message,
      // Kept for the reader who reads English (no command depends on it).
      ...(r.messageEn ? { messageEn: r.messageEn } : {}),
    };
  let status: BulkProgress['status'] = 'running';

  const progress = (page: { offset?: number; limit?: number } = {}): BulkProgress => {
    const offset = Math.max(0, page.offset ?? 0);
    const limit = Math.min(Math.max(1, page.limit ?? BULK_PAGE_MAX), BULK_PAGE_MAX);
    return {
      action: input.action,
      actor: input.actor.login,
      total: results.length,
      ...tally(results),
      status,
      items: results.slice(offset, offset + limit),
      offset,
    };
  };
  setHandler(bulkProgressQuery, (page) => progress(page));

  const chunks = input.scopes.flatMap((scope) => {
    const out: { rights: typeof scope.rights; items: number[] }[] = [];
    for (let i = 0; i < scope.items.length; i += CHUNK_SIZE) out.push({ rights: scope.rights, items: scope.items.slice(i, i + CHUNK_SIZE) });
    return out;
  });

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      let done: DoneItem[];
      try {
        done = await applyBulkChunk({
          bulkId: workflowInfo().workflowId,
          action: input.action,
          args: input.args,
          actor: { ...input.actor, rights: chunk.rights },
          items: chunk.items.map((item) => ({ item, candidatureId: input.candidatureIds[item]! })),
        });
      } catch (err) {
        // The chunk could not run at all (attempts exhausted): its items say why, the others go on.
        const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
        done = chunk.items.map((item) => ({ candidatureId: input.candidatureIds[item]!, outcome: 'error', message }));
      }
      chunk.items.forEach((item, k) => (results[item] = done[k]!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, lane));

  status = 'completed';
  return progress();
}
