// The bulk workflow's contract: one mass action (a transition of the candidature catalogue marked
// `bulk`) on a selection of candidatures, its per-item results and its progress. The request is
// derived from the catalogue: each action's arguments are those of its transition's body.
import type { QueryDefinition } from '@temporalio/common';
import { z } from 'zod';
import { STAGES, type Functionality } from '../domain/codes.ts';
import type { ActingUser } from './actors.ts';
import { BULK_ACTIONS, transitions, type BulkAction, type NoFields, type TransitionArgs, type TransitionBody, type TransitionName } from './candidature.ts';
import { REFUSALS, type RefusalKind } from './refusals.ts';

/** Workflow type name of a mass action. */
export const BULK_WORKFLOW = 'bulkWorkflow';

/** Most candidatures one bulk action takes (the API refuses more). */
export const BULK_MAX_ITEMS = 5000;
/** How many results one progress query answers at most (payloads stay far below Temporal's 2 MB). */
export const BULK_PAGE_MAX = 1000;

export function bulkWorkflowId(uuid: string): string {
  return `bulk-${uuid}`;
}
export const BULK_ID_PATTERN = /^bulk-[0-9a-f-]{36}$/;

const candidatureIds = z
  .array(z.uuid())
  .min(1)
  .max(BULK_MAX_ITEMS)
  .describe(`The selection: 1 to ${BULK_MAX_ITEMS} candidature ids (a repeated id counts once)`);

/** The request body of one action: its transition's body as `args` (optional when it takes none). */
function actionRequest<N extends BulkAction>(name: N) {
  const spec = transitions[name as TransitionName];
  const body = 'body' in spec ? spec.body : spec.args;
  const args = Object.keys(body.shape).length === 0 ? body.optional() : body;
  return z.object({ action: z.literal(name), args, candidatureIds }).describe(spec.summary);
}

export const BulkRequest = z.discriminatedUnion(
  'action',
  BULK_ACTIONS.map((a) => actionRequest(a)) as unknown as [ReturnType<typeof actionRequest<BulkAction>>, ...ReturnType<typeof actionRequest<BulkAction>>[]],
);
/** What a client sends: one action, its arguments as the single route takes them, the selection. */
export type BulkRequest = {
  [A in BulkAction]: { action: A; candidatureIds: string[] } & (TransitionArgs<A> extends NoFields
    ? NoFields extends TransitionArgs<A>
      ? { args?: TransitionBody<A> }
      : { args: TransitionBody<A> }
    : never);
}[BulkAction];

const refusedStatus = z.literal([...Object.values(REFUSALS).map((r) => r.status), 404]);
const refusedType = z.enum([...(Object.keys(REFUSALS) as RefusalKind[]), 'NotFound']);

/** What happened to one candidature of the selection. */
export const BulkItemResult = z.discriminatedUnion('outcome', [
  z.object({ candidatureId: z.string(), outcome: z.literal('pending') }),
  z.object({ candidatureId: z.string(), outcome: z.literal('ok'), stage: z.enum(STAGES).describe('The stage after the action') }),
  z
    .object({
      candidatureId: z.string(),
      outcome: z.literal('refused'),
      status: refusedStatus.describe('403 outside the scope or without the right, 404 unknown, 409 not now, 422 invalid'),
      type: refusedType,
      message: z.string().describe('Why, as the single action would have said it'),
    })
    .describe('Refused by the rules or by the scope check: nothing changed'),
  z
    .object({ candidatureId: z.string(), outcome: z.literal('error'), message: z.string() })
    .describe('Could not be applied (technical failure); the candidature may be retried on its own'),
]);
export type BulkItemResult = z.infer<typeof BulkItemResult>;
/** A refused item as the bulk workflow keeps it: its message in English too (absent in runs started before); the API answers the reader's language. */
export type RefusedItem = Extract<BulkItemResult, { outcome: 'refused' }> & { messageEn?: string };
/** An item's result as the bulk workflow keeps it. */
export type StoredItemResult = Exclude<BulkItemResult, { outcome: 'refused' }> | RefusedItem;
export type DoneItem = Exclude<StoredItemResult, { outcome: 'pending' }>;

/** Actions the system runs over many candidatures with the same machinery (no route offers them). */
export const SYSTEM_BULK_ACTIONS = ['applyFormationChange'] as const;
export type SystemBulkAction = (typeof SYSTEM_BULK_ACTIONS)[number];

export const BulkProgress = z
  .object({
    action: z.enum([...SYSTEM_BULK_ACTIONS, ...BULK_ACTIONS] as [BulkAction | SystemBulkAction, ...(BulkAction | SystemBulkAction)[]]),
    actor: z.string(),
    status: z.enum(['running', 'completed']),
    total: z.number().int(),
    done: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int().describe('Refused or in error'),
    offset: z.number().int(),
    items: z.array(BulkItemResult).describe('Per-item results in selection order, from `offset`'),
  })
  .describe('Progress of a mass action');
export type BulkProgress = z.infer<typeof BulkProgress>;

/** GET /api/staff/bulk/{id}: the progress with the mass action's id. */
export const BulkProgressView = BulkProgress.extend({ id: z.string().describe('The bulk workflow id') });
export type BulkProgressView = z.infer<typeof BulkProgressView>;

export const bulkProgressQuery = { type: 'query', name: 'bulkProgress' } as QueryDefinition<
  BulkProgress,
  [{ offset?: number; limit?: number }?],
  'bulkProgress'
>;

/** The bulk workflow's input, built by the API (never validated: a TypeScript type is enough). */
export interface BulkInput {
  action: BulkAction | SystemBulkAction;
  /** The Update's argument (resolved by the API: a decision type code became its reference). */
  args?: Record<string, unknown>;
  /** Who acts (identity); the rights on each item are those of the item's scope. */
  actor: ActingUser;
  /** The selection, in the order the manager gave it. */
  candidatureIds: string[];
  /** The actor's rights per scope (one commission each), with the positions of its items in `candidatureIds`. */
  scopes: { rights: Functionality[]; items: number[] }[];
  /** Items the API refused before asking any workflow (unknown candidature, outside the actor's scope), why in French and English. */
  refused: { item: number; status: 403 | 404; message: string; messageEn?: string }[];
}
