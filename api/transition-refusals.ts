// Refused transitions, kept for the admins' timeline (api/workflow-timeline.ts). The workflow's
// validator refuses a transition before it reaches the history (a refusal leaves no trace there), so
// the API records each refusal it answers in audit_event (subject `candidature:<id>`), with the actor,
// the transition, its arguments and the reason in French and English.
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ActingUser } from '../contracts/actors.ts';
import { refusalFromFailure, type LocalizedText } from '../contracts/refusals.ts';

export const TRANSITION_REFUSED = 'candidature.transitionRefused';

export const candidatureSubject = (id: string) => `candidature:${id}`;

export interface RefusedTransition {
  at: Date;
  login: string;
  actorKind: ActingUser['kind'];
  transition: string;
  args: Record<string, unknown>;
  kind: string;
  reason: LocalizedText;
}

/** Records a refusal of the rules (a failed Update); any other error is not one and is ignored. Never throws. */
export async function recordRefusedTransition(
  app: FastifyInstance,
  id: string,
  transition: string,
  actor: ActingUser,
  args: unknown,
  err: unknown,
): Promise<void> {
  if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)) return;
  const { kind, reason } = refusalFromFailure(err.cause);
  await app.db.auditEvent
    .create({
      data: {
        actor: actor.login.slice(0, 100),
        action: TRANSITION_REFUSED,
        subject: candidatureSubject(id),
        details: { transition, actorKind: actor.kind, args: (args ?? {}) as object, kind, reason: { fr: reason.fr, en: reason.en } },
      },
    })
    .catch((e: unknown) => app.log.warn({ err: e }, 'refused transition not recorded'));
}

/** The refusals recorded for a candidature, oldest first. */
export async function refusedTransitions(app: FastifyInstance, id: string): Promise<RefusedTransition[]> {
  const rows = await app.db.auditEvent.findMany({ where: { subject: candidatureSubject(id), action: TRANSITION_REFUSED }, orderBy: { id: 'asc' }, take: 500 });
  return rows.map((r) => {
    const d = r.details as { transition?: string; actorKind?: ActingUser['kind']; args?: Record<string, unknown>; kind?: string; reason?: LocalizedText };
    return {
      at: r.at,
      login: r.actor,
      actorKind: d.actorKind ?? 'staff',
      transition: d.transition ?? '?',
      args: d.args ?? {},
      kind: d.kind ?? 'Conflict',
      reason: d.reason ?? { fr: '', en: '' },
    };
  });
}
