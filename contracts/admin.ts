// What admins read of the candidature workflows: a candidature's history (the audit trail) and the
// search of candidature workflows by their search attributes.
import { z } from 'zod';

export const HistoryEvent = z.object({ id: z.number().int(), time: z.string(), type: z.string(), summary: z.string() });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const WorkflowHistory = z.object({ workflowId: z.string(), runId: z.string(), status: z.string(), events: z.array(HistoryEvent) });
export type WorkflowHistory = z.infer<typeof WorkflowHistory>;

export const WorkflowSearch = z.object({
  query: z.string(),
  workflows: z.array(z.object({ workflowId: z.string(), status: z.string(), startTime: z.string(), searchAttributes: z.record(z.string(), z.unknown()) })),
});
export type WorkflowSearch = z.infer<typeof WorkflowSearch>;
