// The complementary list (LC) of one formation: an entity workflow that serialises promotions
// (workflows/waiting-list.ts). Candidatures signal it; staff read it through the query.
import type { QueryDefinition, SignalDefinition } from '@temporalio/common';
import { z } from 'zod';

/** Workflow type name of a formation's complementary list. */
export const WAITING_LIST_WORKFLOW = 'waitingListWorkflow';

export function waitingListWorkflowId(formationCode: string): string {
  return `waiting-list-${formationCode}`;
}

/** What a candidature tells its formation's list: it joined (validated LC, with its rank), left it, or freed a seat. */
export interface WaitingListEvent {
  candidatureId: string;
  event: 'joined' | 'left' | 'seatFreed';
  rank?: number | null;
  at: string;
}
export const waitingListEventSignal = { type: 'signal', name: 'waitingListEvent' } as SignalDefinition<[WaitingListEvent], 'waitingListEvent'>;

export const WaitingListView = z.object({
  formationCode: z.string(),
  /** In order: entered rank, then time of joining; `realRank` is the position (LC_IS_CALCUL_RANG_REEL). */
  entries: z.array(z.object({ candidatureId: z.string(), enteredRank: z.number().int().nullable(), realRank: z.number().int(), joinedAt: z.string() })),
  promotions: z.array(z.object({ freedBy: z.string(), promoted: z.string().nullable(), at: z.string(), note: z.string().nullable() })),
});
export type WaitingListView = z.infer<typeof WaitingListView>;

export const waitingListQuery = { type: 'query', name: 'waitingList' } as QueryDefinition<WaitingListView, [], 'waitingList'>;
