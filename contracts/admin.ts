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

// ---------------------------------------------------------------------------------------------
// A candidature's timeline (api/workflow-timeline.ts): what happened, by whom, when, in words. Built
// from the workflow history (transitions with their actor and arguments, timers, SIS export
// attempts), the mail outbox (mail_log), the SIS exports (sis_export) and the refused transitions
// (audit_event). Codes, not sentences: the web app words them in French and English.

/** The filters of the timeline. */
export const TIMELINE_KINDS = ['action', 'mail', 'export', 'timer', 'system'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** What an entry is. */
export const TIMELINE_EVENTS = [
  'created',
  'transition',
  'timerSet',
  'timerFired',
  'timerCancelled',
  'mail',
  'exportAttempt',
  'export',
  'waitingList',
  'filesDeleted',
  'archived',
  'closed',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/** What a timer of the candidature waits for (domain/candidature.ts `nextTimedEvent`, the batched export). */
export const TIMER_PURPOSES = ['reminder', 'autoWithdraw', 'exportBatch', 'deadline'] as const;
export type TimerPurpose = (typeof TIMER_PURPOSES)[number];

/** Code lists a detail's value may belong to (the web app's `labels.<list>`). */
export const TIMELINE_LISTS = [
  'dossierStatus',
  'opinionKind',
  'pieceStatus',
  'traitement',
  'exportStatus',
  'timerPurpose',
  'mailStatus',
  'transition',
] as const;

const Localized = z.object({ fr: z.string(), en: z.string() });

export const TimelineDetail = z.object({
  /** What the value is (status, decisionType, motive, recipient, attempts, error…): the web app's label. */
  key: z.string(),
  /** The value as recorded (a code, a number, an instant, a text). */
  value: z.string(),
  /** The code list the value belongs to, when the web app words it. */
  list: z.enum(TIMELINE_LISTS).optional(),
  /** The configuration's label of a code (decision type, motive), in both languages. */
  text: Localized.optional(),
});
export type TimelineDetail = z.infer<typeof TimelineDetail>;

export const TimelineEntry = z.object({
  at: z.string().describe('ISO 8601 instant'),
  kind: z.enum(TIMELINE_KINDS),
  actor: z.object({
    kind: z.enum(['candidate', 'staff', 'system', 'timer']),
    /** Staff login, candidate dossier number, technical user (autoDesist…); null for the workflow itself. */
    login: z.string().nullable(),
  }),
  event: z.enum(TIMELINE_EVENTS),
  /** The transition of the catalogue (event `transition`), or the one a timer applies (remind, autoWithdraw). */
  transition: z.string().nullable(),
  /** applied | refused (transitions); a mail's or export's status; ok | failed (export attempts); null otherwise. */
  outcome: z.string().nullable(),
  /** Why it was refused or failed, in French and English. */
  reason: Localized.nullable(),
  details: z.array(TimelineDetail),
  /** The history events it comes from (the raw history's numbers). */
  eventIds: z.array(z.number().int()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const WorkflowTimeline = z.object({
  candidatureId: z.string(),
  workflowId: z.string(),
  runId: z.string().nullable(),
  status: z.string().nullable().describe('The workflow execution status (RUNNING, COMPLETED…); null when Temporal no longer has it'),
  /** The workflow in the Temporal Web UI (configured URL and namespace), null without TEMPORAL_UI_URL. */
  temporalUrl: z.string().nullable(),
  /** Entries per kind, before the filter. */
  counts: z.record(z.enum(TIMELINE_KINDS), z.number().int()),
  entries: z.array(TimelineEntry),
});
export type WorkflowTimeline = z.infer<typeof WorkflowTimeline>;

export const TimelineQuery = z.object({
  kind: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length))
    .optional()
    .describe('Only these kinds, comma-separated (action,mail,export,timer,system)'),
});

// ---------------------------------------------------------------------------------------------
// The admin console (api/admin-console.ts): what needs an admin.

export const ConsoleFailedExport = z.object({
  candidatureId: z.string(),
  dossierNumber: z.string(),
  candidateName: z.string(),
  formationCode: z.string(),
  campaignCode: z.string(),
  sisType: z.string().nullable(),
  /** The read model's export status (failed, or pending again once retried). */
  exportStatus: z.string(),
  attempts: z.number().int().nullable(),
  lastError: z.string().nullable(),
  at: z.string().nullable(),
});
export type ConsoleFailedExport = z.infer<typeof ConsoleFailedExport>;

export const ConsoleMail = z.object({
  id: z.number().int(),
  candidatureId: z.string().nullable(),
  dossierNumber: z.string().nullable(),
  mailCode: z.string(),
  recipient: z.string(),
  recipientRole: z.string().nullable(),
  subject: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type ConsoleMail = z.infer<typeof ConsoleMail>;

export const ConsoleOverview = z.object({
  failedExports: z.array(ConsoleFailedExport),
  failedMails: z.array(ConsoleMail),
  skippedMails: z.array(ConsoleMail),
  /** Rows of each list in all (the lists show the latest CONSOLE_LIMIT). */
  totals: z.object({ failedExports: z.number().int(), failedMails: z.number().int(), skippedMails: z.number().int() }),
});
export type ConsoleOverview = z.infer<typeof ConsoleOverview>;

export const PendingActivity = z.object({
  activityType: z.string(),
  state: z.string(),
  attempt: z.number().int(),
  maximumAttempts: z.number().int().nullable(),
  lastFailure: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type PendingActivity = z.infer<typeof PendingActivity>;

export const StuckWorkflow = z.object({
  candidatureId: z.string(),
  workflowId: z.string(),
  dossierNumber: z.string().nullable(),
  candidateName: z.string().nullable(),
  exportStatus: z.string().nullable(),
  /** When the read model last moved (its last transition or export outcome). */
  lastChangeAt: z.string().nullable(),
  pendingActivities: z.array(PendingActivity),
});
export type StuckWorkflow = z.infer<typeof StuckWorkflow>;

export const StuckWorkflows = z.object({
  /** Running candidature workflows looked at (those with an export pending, at most `limit`). */
  checked: z.number().int(),
  workflows: z.array(StuckWorkflow),
});
export type StuckWorkflows = z.infer<typeof StuckWorkflows>;
