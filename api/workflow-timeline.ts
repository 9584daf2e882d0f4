// A candidature's history for admins, in two readings:
//   - the raw Temporal event log (`readHistory`: every event with a one-line summary, as the Temporal
//     Web UI has it), for whoever debugs the workflow;
//   - the timeline (`buildTimeline`): what happened to the candidature, by whom and when. The workflow
//     history gives the transitions (actor, arguments, applied or refused by the handler), the timers
//     (set, fired, cancelled, with what they wait for), the SIS export attempts and the other side
//     effects; mail_log the mails (recipient, status, attempts, error); sis_export the exports (the
//     SIS's answer); audit_event the transitions the rules refused (api/transition-refusals.ts: a
//     refusal never reaches the history). Workflow-task bookkeeping (tasks, local-activity markers,
//     search attributes) stays in the raw log.
import { WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
// @temporalio/proto is CommonJS: its namespace object comes through the default import.
import proto, { type temporal } from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import type { TimelineDetail, TimelineEntry, TimelineKind, TimerPurpose, WorkflowHistory, WorkflowTimeline } from '../contracts/admin.ts';
import { TIMELINE_KINDS } from '../contracts/admin.ts';
import { candidatureWorkflowId } from '../contracts/candidature.ts';
import { refusalFromFailure, type LocalizedText } from '../contracts/refusals.ts';
import type { CandidatureState } from '../domain/candidature.ts';
import { temporalCall } from './temporal.ts';
import { refusedTransitions } from './transition-refusals.ts';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Failure = temporal.api.failure.v1.IFailure;
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

type Timestamp = { seconds?: number | { toString(): string } | null; nanos?: number | null } | null | undefined;
const millis = (t: Timestamp): number => Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
const iso = (t: Timestamp): string => new Date(millis(t)).toISOString();

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

async function fetchWorkflow(app: FastifyInstance, id: string): Promise<{ description: WorkflowExecutionDescription; events: HistoryEvent[] }>;
async function fetchWorkflow(
  app: FastifyInstance,
  id: string,
  orNull: true,
): Promise<{ description: WorkflowExecutionDescription; events: HistoryEvent[] } | null>;
async function fetchWorkflow(app: FastifyInstance, id: string, orNull = false) {
  const handle = app.temporal.workflow.getHandle(candidatureWorkflowId(id));
  const call = () => Promise.all([handle.describe(), handle.fetchHistory()]);
  // A workflow Temporal no longer keeps (past its retention): null, and the timeline shows what the database holds.
  const found = orNull ? () => call().catch((err: unknown) => (err instanceof WorkflowNotFoundError ? null : Promise.reject(err))) : call;
  const got = await temporalCall(app.temporal, found);
  return got ? { description: got[0], events: got[1].events ?? [] } : null;
}

/** The raw event log (GET /api/admin/candidatures/:id/history). */
export async function readHistory(app: FastifyInstance, id: string): Promise<WorkflowHistory> {
  const { description, events } = await fetchWorkflow(app, id);
  return {
    workflowId: description.workflowId,
    runId: description.runId,
    status: description.status.name,
    events: events.map((e) => ({ id: Number(e.eventId), time: iso(e.eventTime), type: typeName(e.eventType), summary: summary(e) })),
  };
}

// ---------------------------------------------------------------------------------------------
// The timeline

type Actor = TimelineEntry['actor'];
const SYSTEM: Actor = { kind: 'system', login: null };
const TIMER: Actor = { kind: 'timer', login: null };
const same = (text: string): LocalizedText => ({ fr: text, en: text });

/** A workflow's failure (an Update's refusal, an activity's failure) in French and English. */
function failureText(failure: Failure | null | undefined): LocalizedText | null {
  if (!failure) return null;
  const info = failure.applicationFailureInfo;
  const cause = failure.cause?.message;
  const message = failure.message || cause || '';
  if (info?.type && ['Forbidden', 'Conflict', 'Invalid'].includes(info.type))
    return refusalFromFailure({ type: info.type, message, details: decode(info.details) }).reason;
  return same(cause && cause !== message ? `${message} (${cause})` : message);
}

interface Labels {
  decisionTypes: Map<string, LocalizedText>;
  motives: Map<string, LocalizedText>;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value).slice(0, 300);
}

/** A transition's arguments in words: each one a detail the web app labels (codes with their list, configuration codes with their label). */
function argumentDetails(transition: string, args: Record<string, unknown>, labels: Labels): TimelineDetail[] {
  const out: TimelineDetail[] = [];
  const push = (key: string, value: unknown, extra: Partial<TimelineDetail> = {}) => {
    if (value === null || value === undefined || value === '') return;
    out.push({ key, value: text(value), ...extra });
  };
  for (const [key, value] of Object.entries(args)) {
    if (key === 'decisionType' && value && typeof value === 'object') {
      const ref = value as { code?: string; kind?: string };
      push('decisionType', ref.code, ref.code && labels.decisionTypes.has(ref.code) ? { text: labels.decisionTypes.get(ref.code)! } : {});
      push('opinionKind', ref.kind, { list: 'opinionKind' });
    } else if (key === 'motiveCode' && typeof value === 'string') {
      push('motive', value, labels.motives.has(value) ? { text: labels.motives.get(value)! } : {});
    } else if (key === 'status') {
      push(transition === 'setPieceStatus' ? 'pieceStatus' : 'dossierStatus', value, {
        list: transition === 'setPieceStatus' ? 'pieceStatus' : 'dossierStatus',
      });
    } else if (key === 'traitement') {
      push('traitement', value, { list: 'traitement' });
    } else if (key === 'tags' && Array.isArray(value)) {
      out.push({ key: 'tags', value: value.map(text).join(', ') });
    } else if (key === 'interview' && value && typeof value === 'object') {
      const i = value as { date?: string; time?: string; place?: string };
      push('interview', `${i.date ?? ''} ${i.time ?? ''}, ${i.place ?? ''}`);
    } else if (key === 'deadline') {
      out.push({ key: 'deadline', value: value === null ? '—' : text(value) });
    } else if (key === 'formation' && value && typeof value === 'object') {
      const f = value as { returnDeadline?: string | null; confirmationOn?: string | null; pieces?: unknown[] };
      push('returnDeadline', f.returnDeadline);
      push('confirmationOn', f.confirmationOn);
      if (Array.isArray(f.pieces)) push('pieces', f.pieces.length);
    } else if (value === false) {
      // appeal, mass, notify: said only when they hold
    } else if (key === 'fileId') {
      // the stored file's number says nothing to a reader
    } else {
      push(key, value);
    }
  }
  return out;
}

/** What a timer waits for: matched against the candidature's timed events (reminder, automatic withdrawal), else the batched export. */
function timerPurpose(fireAt: number, state: CandidatureState | null): TimerPurpose {
  const near = (iso: string | null | undefined, shift = 0) => !!iso && Math.abs(new Date(iso).getTime() + shift - fireAt) < 2000;
  const c = state?.confirmation;
  if (near(c?.reminderAt)) return 'reminder';
  if (near(c?.deadline, 1)) return 'autoWithdraw';
  if (state?.input.parameters && state.input.parameters.exportImmediate === false) return 'exportBatch';
  return 'deadline';
}

const PURPOSE_TRANSITION: Partial<Record<TimerPurpose, string>> = { reminder: 'remind', autoWithdraw: 'autoWithdraw' };

/** The timeline's entries from the workflow history. */
function historyEntries(events: HistoryEvent[], state: CandidatureState | null, labels: Labels): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const completedUpdate = new Map<number, HistoryEvent>();
  const activityEnd = new Map<number, HistoryEvent>();
  const activityStart = new Map<number, HistoryEvent>();
  const timerEnd = new Map<number, HistoryEvent>();
  for (const e of events) {
    const u = e.workflowExecutionUpdateCompletedEventAttributes;
    if (u?.acceptedEventId) completedUpdate.set(Number(u.acceptedEventId), e);
    const started = e.activityTaskStartedEventAttributes;
    if (started) activityStart.set(Number(started.scheduledEventId), e);
    for (const end of [
      e.activityTaskCompletedEventAttributes,
      e.activityTaskFailedEventAttributes,
      e.activityTaskTimedOutEventAttributes,
      e.activityTaskCanceledEventAttributes,
    ])
      if (end?.scheduledEventId) activityEnd.set(Number(end.scheduledEventId), e);
    const fired = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
    if (fired?.startedEventId) timerEnd.set(Number(fired.startedEventId), e);
  }

  for (const e of events) {
    const id = Number(e.eventId);
    const at = iso(e.eventTime);
    const entry = (kind: TimelineKind, event: TimelineEntry['event'], actor: Actor, rest: Partial<TimelineEntry> = {}) =>
      out.push({ at, kind, actor, event, transition: null, outcome: null, reason: null, details: [], eventIds: [id], ...rest });

    const started = e.workflowExecutionStartedEventAttributes;
    if (started) {
      const input = decode(started.input)[0] as
        { createdBy?: { kind?: string; login?: string }; proposition?: boolean; formation?: { code?: string } } | undefined;
      const by = input?.createdBy;
      entry(
        'action',
        'created',
        by?.login ? { kind: by.kind === 'candidate' ? 'candidate' : by.kind === 'system' ? 'system' : 'staff', login: by.login } : SYSTEM,
        {
          details: [
            ...(input?.formation?.code ? [{ key: 'formation', value: input.formation.code }] : []),
            ...(input?.proposition ? [{ key: 'proposition', value: 'true' }] : []),
          ],
        },
      );
      continue;
    }
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      const name = accepted.acceptedRequest?.input?.name ?? '?';
      const [actor, args] = decode(accepted.acceptedRequest?.input?.args) as [
        { kind?: string; login?: string } | undefined,
        Record<string, unknown> | undefined,
      ];
      const done = completedUpdate.get(id);
      const failure = done?.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure;
      const who: Actor = { kind: actor?.kind === 'candidate' ? 'candidate' : actor?.kind === 'system' ? 'system' : 'staff', login: actor?.login ?? null };
      entry(who.kind === 'system' ? 'system' : 'action', 'transition', who, {
        transition: name,
        outcome: done ? (failure ? 'refused' : 'applied') : 'pending',
        reason: failureText(failure),
        details: argumentDetails(name, args && typeof args === 'object' ? args : {}, labels),
        eventIds: done ? [id, Number(done.eventId)] : [id],
      });
      continue;
    }
    const timer = e.timerStartedEventAttributes;
    if (timer) {
      const fireAt = millis(e.eventTime) + millis(timer.startToFireTimeout);
      const purpose = timerPurpose(fireAt, state);
      const details: TimelineDetail[] = [
        { key: 'purpose', value: purpose, list: 'timerPurpose' },
        { key: 'fireAt', value: new Date(fireAt).toISOString() },
      ];
      entry('timer', 'timerSet', TIMER, { details });
      const end = timerEnd.get(id);
      if (end) {
        const fired = !!end.timerFiredEventAttributes;
        out.push({
          at: iso(end.eventTime),
          kind: 'timer',
          actor: TIMER,
          event: fired ? 'timerFired' : 'timerCancelled',
          transition: fired ? (PURPOSE_TRANSITION[purpose] ?? null) : null,
          outcome: null,
          reason: null,
          details: [{ key: 'purpose', value: purpose, list: 'timerPurpose' }],
          eventIds: [Number(end.eventId)],
        });
      }
      continue;
    }
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const type = scheduled.activityType?.name ?? '';
      const input = (decode(scheduled.input)[0] ?? {}) as Record<string, unknown>;
      const end = activityEnd.get(id);
      const start = activityStart.get(id)?.activityTaskStartedEventAttributes;
      // When it was asked for (an export attempt's outcome comes later: its end, retries included).
      const endAt = type === 'exportToSis' ? at : end ? iso(end.eventTime) : at;
      const ids = [id, ...(end ? [Number(end.eventId)] : [])];
      const failure = end?.activityTaskFailedEventAttributes?.failure ?? end?.activityTaskTimedOutEventAttributes?.failure;
      if (type === 'exportToSis') {
        const result = (end?.activityTaskCompletedEventAttributes ? decode(end.activityTaskCompletedEventAttributes.result)[0] : null) as {
          at?: string;
          opiCodeChanged?: string;
        } | null;
        const attempts = start?.attempt ?? null;
        const details: TimelineDetail[] = [
          { key: 'version', value: text(input.version) },
          { key: 'exportKind', value: text(input.kind ?? 'admission') },
          ...(attempts ? [{ key: 'attempts', value: String(attempts) }] : []),
          ...(start?.lastFailure?.message && attempts && attempts > 1 ? [{ key: 'lastFailure', value: start.lastFailure.message }] : []),
          ...(result?.opiCodeChanged ? [{ key: 'opiCode', value: result.opiCodeChanged }] : []),
        ];
        out.push({
          at: endAt,
          kind: 'export',
          actor: SYSTEM,
          event: 'exportAttempt',
          transition: null,
          outcome: end ? (end.activityTaskCompletedEventAttributes ? 'ok' : 'failed') : 'running',
          reason: failureText(failure),
          details,
          eventIds: ids,
        });
      } else if (type === 'notifyWaitingList') {
        out.push({
          at: endAt,
          kind: 'system',
          actor: SYSTEM,
          event: 'waitingList',
          transition: null,
          outcome: end ? (end.activityTaskCompletedEventAttributes ? 'ok' : 'failed') : 'running',
          reason: failureText(failure),
          details: [
            { key: 'waitingListEvent', value: text(input.event) },
            ...(input.rank !== null && input.rank !== undefined ? [{ key: 'lcRank', value: text(input.rank) }] : []),
          ],
          eventIds: ids,
        });
      } else if (type === 'deleteCandidatureFiles') {
        out.push({
          at: endAt,
          kind: 'system',
          actor: SYSTEM,
          event: 'filesDeleted',
          transition: null,
          outcome: end ? (end.activityTaskCompletedEventAttributes ? 'ok' : 'failed') : 'running',
          reason: failureText(failure),
          details: [{ key: 'files', value: String(Array.isArray(input.fileIds) ? input.fileIds.length : 0) }],
          eventIds: ids,
        });
      }
      // projectCandidature / sendCandidatureMail (workflows started before the outbox): the read model and mail_log say it better.
      continue;
    }
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName === 'campaignArchived') {
      entry('system', 'archived', SYSTEM);
      continue;
    }
    if (e.workflowExecutionCompletedEventAttributes || e.workflowExecutionTerminatedEventAttributes || e.workflowExecutionFailedEventAttributes) {
      entry('system', 'closed', SYSTEM, {
        outcome: e.workflowExecutionCompletedEventAttributes ? 'completed' : e.workflowExecutionTerminatedEventAttributes ? 'terminated' : 'failed',
        reason: failureText(e.workflowExecutionFailedEventAttributes?.failure),
      });
    }
  }
  return out;
}

/** What the SIS answered (sis_export.files), in short: its values by name, file paths by their name only. */
function sisAnswer(files: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (value === null || value === undefined || parts.length >= 12) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === 'string')) parts.push(`${path}: ${value.map((v) => v.split('/').pop()).join(', ')}`);
      else parts.push(`${path}: ${value.length}`);
    } else if (typeof value === 'object') {
      if (depth >= 2) return;
      for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
    } else {
      parts.push(`${path}: ${String(value).split('/').pop()}`);
    }
  };
  walk(files, '', 0);
  return parts.join(' · ').slice(0, 500);
}

/** The decision types and motives the history names, with their labels (the configuration's). */
async function configurationLabels(app: FastifyInstance): Promise<Labels> {
  const [types, motives] = await Promise.all([
    app.db.decisionType.findMany({ select: { code: true, label: true, labelEn: true } }),
    app.db.unfavourableMotive.findMany({ select: { code: true, label: true, labelEn: true } }),
  ]);
  const map = (rows: { code: string; label: string; labelEn: string | null }[]) =>
    new Map(rows.map((r) => [r.code, { fr: r.label, en: r.labelEn || r.label }]));
  return { decisionTypes: map(types), motives: map(motives) };
}

/** The Temporal Web UI's page of the workflow, in the configured namespace; null without TEMPORAL_UI_URL. */
export function temporalUiLink(app: FastifyInstance, workflowId: string): string | null {
  const base = app.config.temporalUiUrl;
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(app.config.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The candidature's timeline, oldest first, with the kinds asked for (all when none). The candidature must exist. */
export async function buildTimeline(app: FastifyInstance, id: string, kinds?: readonly TimelineKind[]): Promise<WorkflowTimeline> {
  const workflowId = candidatureWorkflowId(id);
  const [workflow, row, mails, exports, refusals, labels] = await Promise.all([
    fetchWorkflow(app, id, true),
    app.db.candidature.findUnique({ where: { id }, select: { state: true } }),
    app.db.mailLog.findMany({ where: { candidatureId: id }, orderBy: { id: 'asc' } }),
    app.db.sisExport.findMany({ where: { candidatureId: id }, orderBy: { id: 'asc' } }),
    refusedTransitions(app, id),
    configurationLabels(app),
  ]);
  const state = (row?.state ?? null) as CandidatureState | null;
  const entries: TimelineEntry[] = workflow ? historyEntries(workflow.events, state, labels) : [];

  // A refusal by the handler (not the validator) is in the history too: the same one is not told twice.
  const inHistory = entries.filter((e) => e.outcome === 'refused');
  const told = (r: (typeof refusals)[number]) =>
    inHistory.some((e) => e.transition === r.transition && e.actor.login === r.login && Math.abs(new Date(e.at).getTime() - r.at.getTime()) < 10_000);
  for (const r of refusals.filter((x) => !told(x)))
    entries.push({
      at: r.at.toISOString(),
      kind: r.actorKind === 'system' ? 'system' : 'action',
      actor: { kind: r.actorKind, login: r.login },
      event: 'transition',
      transition: r.transition,
      outcome: 'refused',
      reason: r.reason,
      details: argumentDetails(r.transition, r.args, labels),
      eventIds: [],
    });

  for (const m of mails)
    entries.push({
      at: m.createdAt.toISOString(),
      kind: 'mail',
      actor: SYSTEM,
      event: 'mail',
      transition: null,
      outcome: m.status,
      reason: m.error ? same(m.error) : null,
      details: [
        { key: 'mailCode', value: m.mailCode },
        { key: 'recipient', value: m.recipient },
        ...(m.recipientRole ? [{ key: 'recipientRole', value: m.recipientRole }] : []),
        ...(m.subject ? [{ key: 'subject', value: m.subject }] : []),
        { key: 'attempts', value: String(m.attempts) },
        ...(m.sentAt ? [{ key: 'sentAt', value: m.sentAt.toISOString() }] : []),
      ],
      eventIds: [],
    });

  for (const x of exports) {
    const files = (x.files ?? null) as Record<string, unknown> | null;
    const opiCode = files && (files.codOpiIntEpo ?? files.opiCode);
    entries.push({
      at: (x.exportedAt ?? x.createdAt).toISOString(),
      kind: 'export',
      actor: SYSTEM,
      event: 'export',
      transition: null,
      outcome: x.status,
      reason: x.lastError ? same(x.lastError) : null,
      details: [
        { key: 'sisType', value: x.sisType },
        { key: 'exportKind', value: x.kind },
        { key: 'version', value: String(x.version) },
        { key: 'attempts', value: String(x.attempts) },
        ...(opiCode ? [{ key: 'opiCode', value: text(opiCode) }] : []),
        ...(files ? [{ key: 'sisAnswer', value: sisAnswer(files) }] : []),
      ],
      eventIds: [],
    });
  }

  // Oldest first; entries of the same instant keep the order they were built in (history order).
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i);
  const counts = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const { e } of ordered) counts[e.kind]++;
  const wanted = kinds?.length ? new Set(kinds) : null;
  return {
    candidatureId: id,
    workflowId: workflow?.description.workflowId ?? workflowId,
    runId: workflow?.description.runId ?? null,
    status: workflow?.description.status.name ?? null,
    temporalUrl: temporalUiLink(app, workflowId),
    counts,
    entries: ordered.map(({ e }) => e).filter((e) => !wanted || wanted.has(e.kind)),
  };
}
