// What every setup service shares: who acts (for the audit), in which language answers are worded,
// Paris days ↔ @db.Date columns, a duplicate code as a 409 naming the field, and the audit record
// of each change (who, when, before, after) written in the same transaction as the change.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Prisma } from '../../infra/prisma.ts';
import { requestLanguage, type Language } from '../language.ts';
import { conflict, HttpProblem, notFound, PROBLEM_TITLES } from '../problem.ts';
import { labelled } from '../../contracts/field-labels.ts';
import type { AuditEntry } from '../../contracts/setup.ts';

export interface SetupContext {
  app: FastifyInstance;
  /** Login of the staff member making the change (the audit's actor). */
  actor: string;
  /** Whether they hold the `admin` profile (scolarité centrale does not: some changes are the admin's only). */
  isAdminProfile: boolean;
  lang: Language;
}

export function setupContext(app: FastifyInstance, request: FastifyRequest): SetupContext {
  const user = request.user;
  const staff = user?.kind === 'staff' ? user : null;
  return { app, actor: staff?.login ?? 'system', isAdminProfile: staff?.profiles.includes('admin') ?? false, lang: requestLanguage(request) };
}

/** A transaction client (what `$transaction(async (tx) => …)` gives). */
export type Tx = Prisma.TransactionClient;

/** `YYYY-MM-DD` → the Date a @db.Date column stores; null/undefined kept. */
export function toDay<T extends string | null | undefined>(value: T): T extends string ? Date : T extends null ? null : undefined {
  return (typeof value === 'string' ? new Date(`${value}T00:00:00.000Z`) : value) as never;
}
/** A @db.Date column → `YYYY-MM-DD`. */
export function fromDay(value: Date): string;
export function fromDay(value: Date | null): string | null;
export function fromDay(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** 400 naming the field by its label, in the request's language. */
export function invalidField(ctx: SetupContext, field: string, message: { fr: string; en: string }) {
  return fieldProblem(ctx, field, labelled(field, ctx.lang, message[ctx.lang]));
}

/** 400 with this text, worded already, under `field`. */
export function fieldProblem(ctx: SetupContext, field: string, text: string) {
  return new HttpProblem(400, PROBLEM_TITLES[400]![ctx.lang], text, [{ field, message: text }]);
}

export function missing(ctx: SetupContext, what: { fr: string; en: string }) {
  return notFound(what[ctx.lang]);
}

/** Runs `write`; a unique violation on `code`/`login` becomes a 409 naming that field. */
export async function uniquely<T>(ctx: SetupContext, field: 'code' | 'login', value: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const message = { fr: `« ${value} » existe déjà.`, en: `“${value}” already exists.` }[ctx.lang];
      throw conflict(message, [{ field, message: labelled(field, ctx.lang, message) }]);
    }
    throw err;
  }
}

/** The audit record of one change: `action` (e.g. `formation.update`), its subject, the object before and after. */
export async function audit(tx: Tx, ctx: SetupContext, action: string, subject: string, before: unknown, after: unknown): Promise<void> {
  await tx.auditEvent.create({
    data: { actor: ctx.actor, action, subject, details: JSON.parse(JSON.stringify({ before: before ?? null, after: after ?? null })) },
  });
}

/** The audit, newest first: of one subject (`formation:L3-INFO`) or all. */
export async function listAudit(ctx: SetupContext, q: { subject?: string; limit: number }): Promise<AuditEntry[]> {
  const rows = await ctx.app.db.auditEvent.findMany({ where: q.subject ? { subject: q.subject } : {}, orderBy: { id: 'desc' }, take: q.limit });
  return rows.map((r) => {
    const details = r.details as { before?: unknown; after?: unknown };
    return { at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, before: details.before ?? null, after: details.after ?? null };
  });
}

/** Whether two audited values differ (JSON-wise). */
export function changed(before: unknown, after: unknown): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** The id of the centre a setup object names by code (`centreCode`): undefined/null kept; 400 when unknown. */
export async function centreIdOf(ctx: SetupContext, code: string | null | undefined): Promise<number | null | undefined> {
  if (code === undefined || code === null) return code;
  const row = await ctx.app.db.centre.findUnique({ where: { code }, select: { id: true } });
  if (!row) throw invalidField(ctx, 'centreCode', { fr: `aucun centre ${code}.`, en: `no centre ${code}.` });
  return row.id;
}
