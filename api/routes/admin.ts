// Admins: a candidature's workflow history (the audit trail: every transition with its actor) and the
// search of candidature workflows by their search attributes. (The retry of an export that ran out of
// attempts is a transition of the catalogue: routes/transitions.ts.)
import { defaultPayloadConverter } from '@temporalio/common';
// @temporalio/proto is CommonJS: its namespace object comes through the default import.
import proto, { type temporal } from '@temporalio/proto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkflowHistory, WorkflowSearch } from '../../contracts/admin.ts';
import { CANDIDATURE_WORKFLOW, candidatureWorkflowId } from '../../contracts/candidature.ts';
import { loadCandidature } from '../candidature-service.ts';
import { requireAdmin } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = proto.temporal.api.enums.v1.EventType;

/** "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED" → "WorkflowExecutionUpdateAccepted". */
function typeName(type: number | null | undefined): string {
  const raw = EventType[type ?? 0] ?? 'UNKNOWN';
  return raw
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)(\w)/g, (_m, _s, c: string) => c.toUpperCase());
}

function decode(payloads: temporal.api.common.v1.IPayloads | null | undefined): unknown[] {
  return (payloads?.payloads ?? []).map((p) => {
    try {
      return defaultPayloadConverter.fromPayload(p);
    } catch {
      return '(binary)';
    }
  });
}

/** One line a human can read: which update by whom, which activity, which timer. */
function summary(e: HistoryEvent): string {
  const a = e.workflowExecutionUpdateAcceptedEventAttributes;
  if (a) {
    const [actor, args] = decode(a.acceptedRequest?.input?.args) as [{ kind?: string; login?: string } | undefined, unknown];
    return `${a.acceptedRequest?.input?.name} par ${actor?.kind ?? '?'} ${actor?.login ?? '?'}${args ? ` ${JSON.stringify(args)}` : ''}`;
  }
  const completed = e.workflowExecutionUpdateCompletedEventAttributes;
  if (completed) return completed.outcome?.failure ? `refusé : ${completed.outcome.failure.message}` : 'appliqué';
  const sched = e.activityTaskScheduledEventAttributes;
  if (sched) return `${sched.activityType?.name} ${JSON.stringify(decode(sched.input)[0] ?? '').slice(0, 160)}`;
  const failed = e.activityTaskFailedEventAttributes;
  if (failed) return `échec : ${failed.failure?.message}`;
  const started = e.workflowExecutionStartedEventAttributes;
  if (started) return `${started.workflowType?.name} sur ${started.taskQueue?.name}`;
  const upsert = e.upsertWorkflowSearchAttributesEventAttributes;
  if (upsert)
    return Object.entries(upsert.searchAttributes?.indexedFields ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(defaultPayloadConverter.fromPayload(v))}`)
      .join(', ');
  const timer = e.timerStartedEventAttributes;
  if (timer) return `minuteur ${timer.timerId}`;
  return '';
}

const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/candidatures/:id/history',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "The candidature workflow's event history, readable (the audit trail)",
        params: IdParams,
        response: { 200: WorkflowHistory, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      await loadCandidature(app, request.params.id);
      const handle = app.temporal.workflow.getHandle(candidatureWorkflowId(request.params.id));
      const [description, history] = await temporalCall(app.temporal, () => Promise.all([handle.describe(), handle.fetchHistory()]));
      return {
        workflowId: description.workflowId,
        runId: description.runId,
        status: description.status.name,
        events: (history.events ?? []).map((e) => ({
          id: Number(e.eventId),
          time: new Date(Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6)).toISOString(),
          type: typeName(e.eventType),
          summary: summary(e),
        })),
      };
    },
  );

  // Search attribute filters: query parameter → attribute (domain/search-attributes.ts).
  const FILTERS = {
    stage: 'CandidatureStage',
    dossierStatus: 'DossierStatus',
    opinion: 'OpinionKind',
    campaign: 'CampaignCode',
    formation: 'FormationCode',
    commission: 'CommissionCode',
    exportStatus: 'ExportStatus',
  } as const;
  const code = z
    .string()
    .regex(/^[\w-]{1,50}$/)
    .optional();

  app.get(
    '/api/admin/workflows',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Search candidature workflows by their search attributes (Temporal visibility), e.g. decided offers whose deadline is before a date',
        querystring: z.object({
          stage: code,
          dossierStatus: code,
          opinion: code,
          campaign: code,
          formation: code,
          commission: code,
          exportStatus: code,
          deadlineBefore: z.iso.datetime().optional().describe('ConfirmationDeadline earlier than this instant'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: WorkflowSearch, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const q = request.query;
      // Values are restricted to [\w-] above, so they can be quoted as they are.
      const clauses = [
        `WorkflowType = '${CANDIDATURE_WORKFLOW}'`,
        ...Object.entries(FILTERS).flatMap(([param, attribute]) => {
          const value = q[param as keyof typeof FILTERS];
          return value ? [`${attribute} = '${value}'`] : [];
        }),
        ...(q.deadlineBefore ? [`ConfirmationDeadline < '${q.deadlineBefore}'`] : []),
      ];
      const query = clauses.join(' AND ');
      const workflows = [];
      for await (const w of app.temporal.workflow.list({ query })) {
        workflows.push({
          workflowId: w.workflowId,
          status: w.status.name,
          startTime: w.startTime.toISOString(),
          searchAttributes: Object.fromEntries(
            w.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value instanceof Date ? p.value.toISOString() : p.value]),
          ),
        });
        if (workflows.length >= q.limit) break;
      }
      return { query, workflows };
    },
  );
};
export default adminRoutes;
