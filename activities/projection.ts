// The read model: table `candidature` holds each candidature's state (the workflow's, from which the
// API derives every reader's view) and the columns lists filter and sort on (domain/read-model.ts),
// and `mail_log` is the outbox of the mails its transitions decided (sent by worker/mail-outbox.ts).
// Written by the workflow's local activity in the workflow task that changed the state; a written row
// is announced on CANDIDATURE_CHANGED_CHANNEL (NOTIFY, sent at commit) for the pages that follow it.
// Idempotent and monotonic: a state is written only if its sequence number is higher than the stored
// one, so retries and late deliveries are harmless; a mail is queued once per idempotency key.
import type { Client } from '@temporalio/client';
import { candidatureWorkflowId, stateQuery, type CandidatureView } from '../contracts/candidature.ts';
import type { CandidatureState } from '../domain/candidature.ts';
import { readModelColumns, tagIdsOf } from '../domain/read-model.ts';
import type { MailVariables } from '../domain/mail-template.ts';
import { Prisma, type Db } from '../infra/prisma.ts';

/** A mail decided by a transition, waiting in the outbox. */
export interface QueuedMail {
  idempotencyKey: string;
  code: string;
  to: 'candidate' | 'commission';
  variables: MailVariables;
}

/** The channel the outbox's sender listens on (PostgreSQL LISTEN/NOTIFY). */
export const MAIL_OUTBOX_CHANNEL = 'mail_outbox';
/** The channel told the id of each candidature whose row was written (the API's live status: api/candidature-events.ts). */
export const CANDIDATURE_CHANGED_CHANNEL = 'candidature_changed';

/** The column of a read-model field (the schema maps camelCase fields to snake_case columns). */
const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Writes the state (if newer than the stored one) and queues its mails, in one statement: one round
 * trip, and the mails and the row they read are committed together.
 */
export async function projectCandidatureState(db: Db, input: { state: CandidatureState; mails?: QueuedMail[] }): Promise<{ written: boolean; mails: number }> {
  const { state } = input;
  const id = state.input.candidatureId;
  const columns = Object.entries(readModelColumns(state)).map(([field, value]) => Prisma.sql`${Prisma.raw(columnOf(field))} = ${value}`);
  const mails = (input.mails ?? []).map((m) => ({ key: m.idempotencyKey, code: m.code, role: m.to, variables: m.variables }));
  // The tags of the list (candidature_tag) follow the state's tag ids, when the state is written.
  const tagIds = tagIdsOf(state);
  const [result] = await db.$queryRaw<{ written: number; queued: number; notified: number; changed: number; found: boolean }[]>`
    WITH written AS (
      UPDATE candidature SET ${Prisma.join(columns)}, state = ${JSON.stringify(state)}::jsonb, updated_at = (now() AT TIME ZONE 'UTC')
      WHERE id = ${id} AND seq < ${state.seq}
      RETURNING id),
    tags_removed AS (
      DELETE FROM candidature_tag WHERE candidature_id = ${id} AND EXISTS (SELECT 1 FROM written) AND NOT (tag_id = ANY(${tagIds}::int[]))),
    tags_added AS (
      INSERT INTO candidature_tag (candidature_id, tag_id)
      SELECT ${id}, tag.id FROM tag WHERE tag.id = ANY(${tagIds}::int[]) AND EXISTS (SELECT 1 FROM written)
      ON CONFLICT DO NOTHING),
    queued AS (
      INSERT INTO mail_log (idempotency_key, candidature_id, mail_code, recipient_role, variables, status, recipient, subject)
      SELECT m.key, ${id}, m.code, m.role, m.variables, 'queued', '', ''
      FROM jsonb_to_recordset(${JSON.stringify(mails)}::jsonb) AS m(key text, code text, role text, variables jsonb)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id),
    notified AS (SELECT pg_notify(${MAIL_OUTBOX_CHANNEL}, '') FROM (SELECT 1 WHERE EXISTS (SELECT 1 FROM queued)) AS any_mail),
    changed AS (SELECT pg_notify(${CANDIDATURE_CHANGED_CHANNEL}, written.id::text) FROM written)
    SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM queued)::int AS queued,
           (SELECT count(*) FROM notified)::int AS notified, (SELECT count(*) FROM changed)::int AS changed, EXISTS (SELECT 1 FROM candidature WHERE id = ${id}) AS found`;
  // The API writes the row before starting the workflow; a missing row is a bug worth retrying loudly.
  if (!result?.found) throw new Error(`read model row of candidature ${id} is missing`);
  return { written: result.written > 0, mails: result.queued };
}

/**
 * The projection of workflows started before the fast path (an activity awaited by each Update):
 * they now send their state. A task scheduled before that sent its view instead: the workflow's
 * state is then asked of the workflow itself (it waits for this activity), and written the same way.
 */
export async function projectCandidature(
  deps: { db: Db; temporal: Client },
  input: { state: CandidatureState } | CandidatureView,
): Promise<{ written: boolean }> {
  const state =
    'state' in input ? input.state : ((await deps.temporal.workflow.getHandle(candidatureWorkflowId(input.id)).query(stateQuery)) as CandidatureState);
  return { written: (await projectCandidatureState(deps.db, { state })).written };
}
