// Admins: the SIS referentials (the sis_* tables) and their synchronisation (workflows/referential-sync.ts,
// reference ecandidat-domain.md §7.5 BATCH_SYNCHRO_SISCOL): run it now through its schedule, follow
// a run (progress, then the per-list report), list the last runs, read the daily schedule, and read
// a list's rows as the back office shows them (code, label, in service or not); and the hand edits
// of the referentials of campaigns with no SIS (type D, the None adapter).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFERENTIAL_TABLES, upsertReferentialRows, type ReferentialTable } from '../../activities/referential-sync.ts';
import { handRow } from '../../domain/referential-columns.ts';
import { referentialSyncProgressQuery } from '../../contracts/referential-sync.ts';
import {
  countByStatus,
  referentialScheduleId,
  sisTypeOfSyncWorkflow,
  SYNCED_SIS_TYPES,
  type ListReport,
  type ReferentialSyncProgress,
  type SyncedSisType,
} from '../../domain/referential-sync.ts';
import { REFERENTIAL_LISTS } from '../../sis/port.ts';
import { SIS_LABELS } from '../../domain/codes.ts';
import type { referentialSyncWorkflow } from '../../workflows/referential-sync.ts';
import { requireAdmin } from '../plugins/auth.ts';
import { badRequest, conflict, notFound } from '../problem.ts';
import { describeWorkflow, runEnded, sisTypesInUse, startReferentialSync } from '../referential-schedules.ts';
import { errorResponses } from '../schemas.ts';
import { temporalCall } from '../temporal.ts';

const SisTypeParam = z.enum(SYNCED_SIS_TYPES).describe('SIS type: A (Apogée) or P (Pégase)');
/** The tables also hold the referentials of campaigns with no SIS (D), kept by hand. */
const TableSisTypeParam = z.enum([...SYNCED_SIS_TYPES, 'D']).describe('SIS type: A (Apogée), P (Pégase) or D (none: kept by hand)');

const ReferentialRow = z.object({
  code: z.string().describe('The code (postcode for postcodeCommunes, bac code for the bac links)'),
  label: z.string().nullable(),
  active: z.boolean(),
  details: z.record(z.string(), z.unknown()).describe("The list's other columns"),
});

const ListReportSchema = z.object({
  list: z.enum(REFERENTIAL_LISTS),
  status: z.enum(['ok', 'skipped', 'failed']).describe('skipped: the SIS does not provide this list'),
  received: z.number().int().describe('Rows the SIS answered'),
  inserted: z.number().int(),
  updated: z.number().int().describe('Rows changed, or back in service'),
  deactivated: z.number().int().describe('Rows the SIS no longer answers, marked out of service (never deleted)'),
  rejected: z.number().int().describe('Rows left out: no code, a code too long, a repeated key'),
  error: z.string().optional().describe("failed: the SIS's message after the last attempt"),
  errorType: z.string().optional(),
});

const SyncRun = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    sisType: SisTypeParam,
    status: z
      .enum(['running', 'ok', 'partial', 'failed', 'interrupted'])
      .describe('partial: some lists failed; failed: every list failed; interrupted: the workflow ended without its report (terminated, timed out)'),
    requestedBy: z.string().nullable().describe('The admin who ran it now; null for the daily schedule'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    total: z.number().int().describe('Lists to synchronise'),
    done: z.number().int(),
    current: z.enum(REFERENTIAL_LISTS).nullable().describe('The list being synchronised now'),
    counts: z.object({ ok: z.number().int(), skipped: z.number().int(), failed: z.number().int() }),
    lists: z.array(ListReportSchema).describe('One report per list done, in order'),
  })
  .describe('A run of the referential synchronisation: progress while it runs, then its report');

type SyncRunOut = z.infer<typeof SyncRun>;

interface RunRow {
  workflowId: string;
  runId: string;
  sisType: string;
  status: string;
  requestedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  ok: number;
  skipped: number;
  failed: number;
  lists: unknown;
}

function fromProgress(p: ReferentialSyncProgress, requestedBy: string | null): SyncRunOut {
  return { ...p, requestedBy, counts: countByStatus(p.lists) };
}

function fromRow(row: RunRow, status?: SyncRunOut['status']): SyncRunOut {
  const lists = (row.lists ?? []) as ListReport[];
  return {
    workflowId: row.workflowId,
    runId: row.runId,
    sisType: row.sisType as SyncedSisType,
    status: status ?? (row.status as SyncRunOut['status']),
    requestedBy: row.requestedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    total: REFERENTIAL_LISTS.length,
    done: lists.length,
    current: null,
    counts: { ok: row.ok, skipped: row.skipped, failed: row.failed },
    lists,
  };
}

const camel = (column: string) => column.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());

/** "Run now" requests under way in this process, per SIS type: two clicks in a row start one run. */
const triggering = new Set<SyncedSisType>();

const referentialRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/admin/referentials/:sisType/sync',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          "Synchronise the SIS's referentials now (the daily schedule's workflow, started at once; asynchronous: follow it with GET /api/admin/referentials/sync/{workflowId}); 409 while a run is under way",
        params: z.object({ sisType: SisTypeParam }),
        response: { 202: z.object({ workflowId: z.string().describe('The run, to follow') }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAdmin(request);
      const { sisType } = request.params;
      const busy = (running: string | null) =>
        conflict(
          {
            fr: `Une synchronisation des référentiels ${SIS_LABELS[sisType]} est déjà en cours${running ? ` (${running})` : ''} : attendez qu'elle se termine.`,
            en: `A synchronisation of the ${SIS_LABELS[sisType]} referentials is already under way${running ? ` (${running})` : ''}: wait until it ends.`,
          },
          [{ field: 'sisType', message: { fr: 'synchronisation déjà en cours', en: 'synchronisation already under way' } }],
        );
      if (!sisTypesInUse(app.config).includes(sisType))
        throw conflict(
          {
            fr: `${SIS_LABELS[sisType]} n'est pas configuré (${sisType === 'A' ? 'APOGEE_URL' : 'PEGASE_URL'}) : rien à synchroniser.`,
            en: `${SIS_LABELS[sisType]} is not configured (${sisType === 'A' ? 'APOGEE_URL' : 'PEGASE_URL'}): nothing to synchronise.`,
          },
          [{ field: 'sisType', message: { fr: 'SI Scolarité non configuré', en: 'student information system not configured' } }],
        );
      if (triggering.has(sisType)) throw busy(null);
      triggering.add(sisType);
      try {
        const recorded = await app.db.sisSyncRun.findMany({
          where: { sisType, status: 'running' },
          select: { workflowId: true },
          orderBy: { startedAt: 'desc' },
          take: 10,
        });
        const outcome = await temporalCall(app.temporal, () =>
          startReferentialSync({ temporal: app.temporal, config: app.config }, sisType, { recorded: recorded.map((r) => r.workflowId) }),
        );
        if (!outcome.started) throw busy(outcome.running);
        const { workflowId, runId } = outcome;
        // The admin's name on the run (the workflow's own record keeps it; whichever writes first creates the row).
        await app.db.sisSyncRun.upsert({
          where: { workflowId },
          create: { workflowId, runId, sisType, status: 'running', startedAt: new Date(), requestedBy: user.login },
          update: { requestedBy: user.login },
        });
        await app.db.auditEvent.create({
          data: { actor: user.login, action: 'REFERENTIAL_SYNC_REQUESTED', subject: `referentials:${sisType}`, details: { workflowId } },
        });
        return reply.status(202).send({ workflowId });
      } finally {
        triggering.delete(sisType);
      }
    },
  );

  app.get(
    '/api/admin/referentials/sync/:workflowId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'A run of the referential synchronisation: lists done, current list and the reports so far while it runs; its whole report after',
        params: z.object({
          workflowId: z
            .string()
            .max(100)
            .regex(/^referential-sync-[AP]-[\w:.+-]+$/, 'identifiant de synchronisation (referential-sync-<A|P>-<instant>)'),
        }),
        response: { 200: SyncRun, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { workflowId } = request.params;
      const row = await app.db.sisSyncRun.findUnique({ where: { workflowId } });
      const handle = app.temporal.workflow.getHandle<typeof referentialSyncWorkflow>(workflowId);
      const description = await temporalCall(app.temporal, () => describeWorkflow(app.temporal, workflowId));
      if (!description && !row) throw notFound({ fr: `Aucune synchronisation ${workflowId}.`, en: `There is no synchronisation ${workflowId}.` });
      if (description?.status.name === 'RUNNING') {
        const progress = await temporalCall(app.temporal, () => handle.query(referentialSyncProgressQuery));
        return fromProgress(progress, row?.requestedBy ?? null);
      }
      // Ended: its recorded report; a run still 'running' in the table ended without it (terminated, timed out).
      if (row) return fromRow(row, row.status === 'running' ? 'interrupted' : undefined);
      const d = description!;
      const interrupted: SyncRunOut = {
        workflowId,
        runId: d.runId,
        sisType: sisTypeOfSyncWorkflow(workflowId)!,
        status: 'interrupted',
        requestedBy: null,
        startedAt: d.startTime.toISOString(),
        finishedAt: d.closeTime?.toISOString() ?? null,
        total: REFERENTIAL_LISTS.length,
        done: 0,
        current: null,
        counts: { ok: 0, skipped: 0, failed: 0 },
        lists: [],
      };
      return interrupted;
    },
  );

  app.get(
    '/api/admin/referentials/:sisType/runs',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The last runs of the referential synchronisation of a SIS, newest first, with their per-list reports',
        params: z.object({ sisType: SisTypeParam }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
        response: { 200: z.object({ runs: z.array(SyncRun) }), ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request);
      const rows = await app.db.sisSyncRun.findMany({
        where: { sisType: request.params.sisType },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: request.query.limit,
      });
      // A run still 'running' in the table whose workflow has ended (terminated, timed out) is shown interrupted.
      const runs = [];
      for (const r of rows)
        runs.push(
          fromRow(r, r.status === 'running' && (await temporalCall(app.temporal, () => runEnded(app.temporal, r.workflowId))) ? 'interrupted' : undefined),
        );
      return { runs };
    },
  );

  app.get(
    '/api/admin/referentials/:sisType/schedule',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The daily schedule of the referential synchronisation of a SIS: time, paused or not, next runs, run under way',
        params: z.object({ sisType: SisTypeParam }),
        response: {
          200: z.object({
            scheduleId: z.string(),
            cron: z.string().describe('REFERENTIAL_SYNC_CRON (off: paused)'),
            timezone: z.string(),
            paused: z.boolean(),
            note: z.string().nullable(),
            nextRunsAt: z.array(z.string()),
            running: z.array(z.string()).describe('Workflow ids of the runs under way'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      const scheduleId = referentialScheduleId(request.params.sisType);
      const d = await temporalCall(app.temporal, () =>
        app.temporal.schedule
          .getHandle(scheduleId)
          .describe()
          .catch((err: unknown) => {
            if ((err as Error).name === 'ScheduleNotFoundError')
              throw notFound({
                fr: `Pas de planification ${scheduleId} : ce SI Scolarité n'est pas configuré, ou l'API n'a pas pu la créer au démarrage.`,
                en: `No schedule ${scheduleId}: this student information system is not configured, or the API could not create it at start-up.`,
              });
            throw err;
          }),
      );
      return {
        scheduleId,
        cron: app.config.referentialSync.cron,
        timezone: app.config.referentialSync.timezone,
        paused: d.state.paused,
        note: d.state.note ?? null,
        nextRunsAt: d.info.nextActionTimes.map((t) => t.toISOString()),
        running: d.info.runningActions.map((a) => a.workflow.workflowId),
      };
    },
  );

  app.get(
    '/api/admin/referentials/:sisType/:list',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "A referential list's rows for a SIS (the sis_* table): code, label, in service, and the list's other columns",
        params: z.object({ sisType: TableSisTypeParam, list: z.enum(REFERENTIAL_LISTS).describe('A list of the synchronisation') }),
        querystring: z.object({
          active: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => (v === undefined ? undefined : v === 'true'))
            .describe('true: in service only; false: out of service only'),
          limit: z.coerce.number().int().min(1).max(5000).default(1000),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            sisType: TableSisTypeParam,
            list: z.enum(REFERENTIAL_LISTS),
            total: z.number().int().describe('Rows matching the filter'),
            offset: z.number().int(),
            rows: z.array(ReferentialRow),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      const { sisType, list } = request.params;
      const { active, limit, offset } = request.query;
      const spec = REFERENTIAL_TABLES[list];
      // Table and column names come from REFERENTIAL_TABLES, never from the request.
      const where = `"sis_type" = $1::sis_type${active === undefined ? '' : ` AND "active" = ${active ? 'true' : 'false'}`}`;
      const order = spec.keys.map((c) => `"${c.column}"`).join(', ');
      const [rows, total] = await Promise.all([
        app.db.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT * FROM "${spec.table}" WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
          sisType,
        ),
        app.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${spec.table}" WHERE ${where}`, sisType),
      ]);
      return { sisType, list, total: total[0]!.n, offset, rows: rows.map((r) => rowOut(spec, r)) };
    },
  );

  app.put(
    '/api/admin/referentials/:sisType/:list/:code',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create or change a row of a referential kept by hand (campaigns with no SIS, type D)',
        description:
          "Only for D: the Apogée and Pégase lists come from the synchronisation (409). A row is never deleted (candidate files keep their codes): `active: false` puts it out of service. `details` holds the list's other columns by name (e.g. `nationalityLabel` for countries, `communeCode` for postcodeCommunes, where it is part of the key). Audited.",
        params: z.object({ sisType: TableSisTypeParam, list: z.enum(REFERENTIAL_LISTS), code: z.string().trim().min(1).max(10) }),
        body: z.object({
          label: z.string().trim().max(255).nullable().optional().describe('Required for every list but the bac links'),
          shortLabel: z.string().trim().max(100).nullable().optional(),
          active: z.boolean().default(true),
          details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
        }),
        response: { 200: ReferentialRow, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAdmin(request);
      const { sisType, list, code } = request.params;
      if (sisType !== 'D')
        throw conflict(
          {
            fr: `Les référentiels ${SIS_LABELS[sisType]} viennent de la synchronisation : ils ne se modifient pas à la main.`,
            en: `The ${SIS_LABELS[sisType]} referentials come from the synchronisation: they are not edited by hand.`,
          },
          [
            {
              field: 'sisType',
              message: {
                fr: 'seuls les référentiels D (sans SI) se modifient à la main',
                en: 'only the D referentials (no information system) are edited by hand',
              },
            },
          ],
        );
      const spec = REFERENTIAL_TABLES[list];
      // Typed by hand: the columns by name (domain/referential-columns.ts), not a SIS item.
      const typed = handRow(list, { code, ...request.body });
      if ('field' in typed) throw badRequest(typed.field, typed.message);
      // The table's key column for the code (postcode for postcodeCommunes, bac code for the links).
      const { code: _code, ...rest } = typed.row;
      const rows = [{ [spec.keys[0]!.column]: code, ...rest }];
      await app.db.$transaction(async (tx) => {
        await upsertReferentialRows(tx, spec, 'D', rows);
        await tx.auditEvent.create({
          data: { actor: user.login, action: 'REFERENTIAL_ROW_SAVED', subject: `referential:D:${list}:${code}`, details: rows[0] as object },
        });
      });
      const keys = spec.keys.map((c, n) => `"${c.column}" = $${n + 2}`).join(' AND ');
      const [saved] = await app.db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT * FROM "${spec.table}" WHERE "sis_type" = $1::sis_type AND ${keys}`,
        'D',
        ...spec.keys.map((c) => rows[0]![c.column]),
      );
      return rowOut(spec, saved!);
    },
  );
};

/** A table row as the back office shows it: code, label, in service, and the other columns by name. */
function rowOut(spec: ReferentialTable, r: Record<string, unknown>): z.infer<typeof ReferentialRow> {
  const first = spec.keys[0]!.column;
  return {
    code: String(r[first]),
    label: typeof r.label === 'string' ? r.label : null,
    active: r.active === true,
    details: Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => ![first, 'label', 'active', 'sis_type'].includes(k))
        .map(([k, v]) => [camel(k), v]),
    ),
  };
}
export default referentialRoutes;
