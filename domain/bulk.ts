// Mass actions on a selection of candidatures (reference §3.2.7–8 "single or mass selection",
// DESIGN "everything in bulk"): the bulk workflow's input, its per-item results and its progress,
// shared by the API (which starts and reads it) and the workflow. Each item is one Update of the
// candidature workflow, named as the action (BULK_ACTIONS), so the candidature's own validator
// decides; a refusal is that item's result, never a failure of the whole selection.
import { defineQuery } from '@temporalio/workflow';
import type { ActingUser } from './candidature.ts';
import type { DossierStatus, Functionality } from './codes.ts';
import { REFUSAL_TYPES, type BulkAction, type DeadlineArgs, type EnterOpinionArgs, type TagsArgs } from './messages.ts';
import type { Stage } from './view.ts';

/** Most candidatures one bulk action takes (the API refuses more). */
export const BULK_MAX_ITEMS = 5000;

export function bulkWorkflowId(uuid: string): string {
  return `bulk-${uuid}`;
}

/** The arguments of each action: those of the candidature's update of the same name. */
export interface BulkArgs {
  setDossierStatus: { status: DossierStatus };
  enterOpinion: EnterOpinionArgs;
  validateOpinion: undefined;
  setTags: TagsArgs;
  setConfirmationDeadline: DeadlineArgs;
  setReturnDeadline: DeadlineArgs;
}

export type RefusalType = (typeof REFUSAL_TYPES)[keyof typeof REFUSAL_TYPES];

/** What happened to one candidature of the selection. */
export type BulkItemResult =
  | { candidatureId: string; outcome: 'pending' }
  | { candidatureId: string; outcome: 'ok'; stage: Stage }
  /** Refused by the rules (the candidature's validator) or by the API's scope check: nothing changed. */
  | { candidatureId: string; outcome: 'refused'; status: 403 | 404 | 409 | 422; type: RefusalType | 'NotFound'; message: string }
  /** Could not be applied (technical failure); the candidature may be retried on its own. */
  | { candidatureId: string; outcome: 'error'; message: string };

export type DoneItem = Exclude<BulkItemResult, { outcome: 'pending' }>;

export interface BulkInput {
  action: BulkAction;
  args?: BulkArgs[BulkAction];
  /** Who acts (identity); the rights on each item are those of the item's scope. */
  actor: ActingUser;
  /** The selection, in the order the manager gave it. */
  candidatureIds: string[];
  /** The actor's rights per scope (one commission each), with the positions of its items in `candidatureIds`. */
  scopes: { rights: Functionality[]; items: number[] }[];
  /** Items the API refused before asking any workflow (unknown candidature, outside the actor's scope). */
  refused: { item: number; status: 403 | 404; message: string }[];
}

export type BulkStatus = 'running' | 'completed';

export interface BulkProgress {
  action: BulkAction;
  actor: string;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  status: BulkStatus;
  /** Per-item results in selection order (a page of them: `offset`, `limit`). */
  items: BulkItemResult[];
  offset: number;
}

export const bulkProgressQuery = defineQuery<BulkProgress, [{ offset?: number; limit?: number }?]>('bulkProgress');

/** How many results one query answers at most (payloads stay far below Temporal's 2 MB). */
export const BULK_PAGE_MAX = 1000;

/** The update's arguments for an action: a mass opinion entry is always marked so (GEST_IS_UTILISE_BLOCAGE_MASSE). */
export function updateArgs(action: BulkAction, args: BulkArgs[BulkAction]): [] | [object] {
  if (action === 'enterOpinion') return [{ ...(args as EnterOpinionArgs), mass: true }];
  return args === undefined ? [] : [args as object];
}

const STATUS_OF_TYPE = Object.fromEntries(Object.entries(REFUSAL_TYPES).map(([status, type]) => [type, Number(status)])) as Record<
  RefusalType,
  403 | 409 | 422
>;

/** The HTTP-like status of a refusal type thrown by the candidature's validators (unknown types: 409). */
export function refusalOf(type: string | undefined, message: string, candidatureId: string): DoneItem {
  const known = type !== undefined && type in STATUS_OF_TYPE ? (type as RefusalType) : 'Conflict';
  return { candidatureId, outcome: 'refused', status: STATUS_OF_TYPE[known], type: known, message };
}

/** Counts of a results list. */
export function tally(items: BulkItemResult[]): { done: number; succeeded: number; failed: number } {
  let succeeded = 0;
  let failed = 0;
  for (const r of items) {
    if (r.outcome === 'ok') succeeded++;
    else if (r.outcome !== 'pending') failed++;
  }
  return { done: succeeded + failed, succeeded, failed };
}
