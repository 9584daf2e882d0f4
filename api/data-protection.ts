// Data-protection requests (GDPR access and erasure; issue 12 item 6): recording a request, starting
// its workflow (workflows/data-protection.ts), reading requests and their reports, sending an export
// archive. Routes: api/routes/data-protection.ts; shapes: contracts/data-protection.ts; the rule that
// refuses a deletion: domain/data-protection.ts.
//
// One request of a kind at a time per account: asking again while one is pending or running answers
// that one (a retried POST never makes a second request), and the workflow id is the request's
// (`data-protection-<kind>-<id>`, started with USE_EXISTING / REJECT_DUPLICATE: started twice, it
// runs once). Candidates export their own data at once; their deletion request is recorded (pending)
// and carried out by a candidate manager, who reads it in the list and starts it by asking for the
// account's deletion (as the reference, where only a manager deletes an account). Every request and
// every completion is an audit event.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DATA_PROTECTION_PROFILES, type DataProtectionRequestInput, type DataProtectionRequestView } from '../contracts/data-protection.ts';
import {
  DATA_DELETION_WORKFLOW,
  DATA_EXPORT_WORKFLOW,
  dataProtectionWorkflowId,
  KIND_CODES,
  kindOfCode,
  statusOfCode,
  type DataProtectionKind,
  type DataProtectionReport,
  type RequestOptions,
} from '../domain/data-protection.ts';
import type { SessionUser } from './plugins/auth.ts';
import { forbidden, notFound } from './problem.ts';
import { temporalCall } from './temporal.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;
type Candidate = Extract<SessionUser, { kind: 'candidate' }>;
type RequestRow = NonNullable<Awaited<ReturnType<FastifyInstance['db']['dataProtectionRequest']['findUnique']>>>;

/** Admins and candidate managers only (the reference's CANDIDAT_ADMIN: they delete accounts there). */
export function assertDataProtectionStaff(user: Staff): void {
  if (!user.profiles.some((p) => (DATA_PROTECTION_PROFILES as readonly string[]).includes(p)))
    throw forbidden({
      fr: 'Seuls les administrateurs et les gestionnaires de candidats traitent les demandes RGPD.',
      en: 'Only administrators and candidate managers handle data-protection requests.',
    });
}

export function toView(row: RequestRow): DataProtectionRequestView {
  const status = statusOfCode(row.status);
  return {
    id: row.id,
    kind: kindOfCode(row.kind),
    status,
    dossierNumber: row.dossierNumber.trim(),
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    workflowId: row.workflowId,
    archive: status === 'done' && row.archiveCode !== null,
    report: (row.report as DataProtectionReport | null) ?? null,
  };
}

/**
 * Records a request, or finds the one of that kind already pending or running for the account
 * (serialised per account by an advisory lock). A pending request made by the candidate takes the
 * staff's `force` when staff carry it out. Audited when recorded.
 */
async function recordRequest(
  app: FastifyInstance,
  input: { accountId: number; dossierNumber: string; kind: DataProtectionKind; requestedBy: string; options: RequestOptions },
): Promise<{ row: RequestRow; created: boolean }> {
  const kind = KIND_CODES[input.kind];
  return app.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('data-protection'), ${input.accountId}::int)`;
    const open = await tx.dataProtectionRequest.findFirst({
      where: { accountId: input.accountId, kind, status: { in: ['P', 'R'] } },
      orderBy: { id: 'desc' },
    });
    if (open) {
      const recorded = (open.report as DataProtectionReport | null)?.request;
      if (open.status === 'P' && input.options.origin === 'staff' && recorded?.origin === 'candidate') {
        const report = { ...((open.report as object) ?? {}), request: { ...recorded, force: input.options.force } };
        return { row: await tx.dataProtectionRequest.update({ where: { id: open.id }, data: { report } }), created: false };
      }
      return { row: open, created: false };
    }
    const created = await tx.dataProtectionRequest.create({
      data: {
        kind,
        accountId: input.accountId,
        dossierNumber: input.dossierNumber,
        requestedBy: input.requestedBy,
        workflowId: '',
        report: { request: input.options } as object,
      },
    });
    const row = await tx.dataProtectionRequest.update({ where: { id: created.id }, data: { workflowId: dataProtectionWorkflowId(input.kind, created.id) } });
    await tx.auditEvent.create({
      data: {
        actor: input.requestedBy,
        action: 'DATA_PROTECTION_REQUESTED',
        subject: `candidate:${input.dossierNumber}`,
        details: { requestId: row.id, kind: input.kind, force: input.options.force, origin: input.options.origin },
      },
    });
    return { row, created: true };
  });
}

/** Starts the request's workflow; started already (a retry, a second click), it is left to run once. */
async function startRequest(app: FastifyInstance, row: RequestRow): Promise<void> {
  const kind = kindOfCode(row.kind);
  await temporalCall(app.temporal, async () => {
    try {
      await app.temporal.workflow.start(kind === 'export' ? DATA_EXPORT_WORKFLOW : DATA_DELETION_WORKFLOW, {
        workflowId: row.workflowId,
        taskQueue: app.config.taskQueue,
        args: [{ requestId: row.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  });
}

/** Staff: a request about the account of `dossierNumber`, started at once. */
export async function staffRequest(app: FastifyInstance, user: Staff, input: DataProtectionRequestInput): Promise<DataProtectionRequestView> {
  assertDataProtectionStaff(user);
  const dossierNumber = input.dossierNumber.toUpperCase();
  const account = await app.db.candidateAccount.findUnique({ where: { dossierNumber }, select: { id: true, dossierNumber: true } });
  if (!account) throw notFound({ fr: `Aucun compte candidat ${dossierNumber}.`, en: `There is no applicant account ${dossierNumber}.` });
  const { row } = await recordRequest(app, {
    accountId: account.id,
    dossierNumber: account.dossierNumber,
    kind: input.kind,
    requestedBy: user.login,
    options: { force: input.kind === 'deletion' && input.force === true, origin: 'staff', note: input.note || null },
  });
  if (row.status === 'P') await startRequest(app, row);
  return toView((await app.db.dataProtectionRequest.findUnique({ where: { id: row.id } })) ?? row);
}

/** Staff: the requests, newest first (all accounts, or one dossier number). */
export async function listRequests(app: FastifyInstance, user: Staff, query: { dossierNumber?: string | undefined; limit: number }) {
  assertDataProtectionStaff(user);
  const rows = await app.db.dataProtectionRequest.findMany({
    where: query.dossierNumber ? { dossierNumber: query.dossierNumber.toUpperCase() } : {},
    orderBy: { id: 'desc' },
    take: query.limit,
  });
  return rows.map(toView);
}

async function loadRequest(app: FastifyInstance, id: number): Promise<RequestRow> {
  const row = await app.db.dataProtectionRequest.findUnique({ where: { id } });
  if (!row) throw notFound({ fr: `Aucune demande ${id}.`, en: `There is no request ${id}.` });
  return row;
}

export async function getRequest(app: FastifyInstance, user: Staff, id: number): Promise<DataProtectionRequestView> {
  assertDataProtectionStaff(user);
  return toView(await loadRequest(app, id));
}

const NO_ARCHIVE = { fr: 'Aucune archive disponible pour cette demande.', en: 'No archive is available for this request.' };

/** The zip of a finished export, as an attachment never sniffed into something else. */
async function sendArchive(app: FastifyInstance, reply: FastifyReply, row: RequestRow) {
  if (row.kind !== 'E' || row.status !== 'D' || !row.archiveCode) throw notFound(NO_ARCHIVE);
  const bytes = await app.storage.stream(row.archiveCode);
  if (!bytes) throw notFound(NO_ARCHIVE);
  const name = (row.report as DataProtectionReport | null)?.archive?.name ?? `donnees-${row.dossierNumber.trim()}.zip`;
  return reply
    .type('application/zip')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

export async function sendRequestArchive(app: FastifyInstance, reply: FastifyReply, user: Staff, id: number) {
  assertDataProtectionStaff(user);
  return sendArchive(app, reply, await loadRequest(app, id));
}

/** The candidate exports their own data (one export at a time: asking again answers the one under way). */
export async function candidateExport(app: FastifyInstance, user: Candidate): Promise<DataProtectionRequestView> {
  const { row } = await recordRequest(app, {
    accountId: user.accountId,
    dossierNumber: user.login,
    kind: 'export',
    requestedBy: user.login,
    options: { force: false, origin: 'candidate', note: null },
  });
  if (row.status === 'P') await startRequest(app, row);
  return toView((await app.db.dataProtectionRequest.findUnique({ where: { id: row.id } })) ?? row);
}

const latestExport = (app: FastifyInstance, accountId: number) =>
  app.db.dataProtectionRequest.findFirst({ where: { accountId, kind: 'E' }, orderBy: { id: 'desc' } });

export async function candidateLatestExport(app: FastifyInstance, user: Candidate): Promise<DataProtectionRequestView> {
  const row = await latestExport(app, user.accountId);
  if (!row) throw notFound({ fr: 'Vous n’avez demandé aucun export de vos données.', en: 'You have not asked for an export of your data.' });
  return toView(row);
}

/** The candidate's latest finished export archive. */
export async function sendCandidateArchive(app: FastifyInstance, reply: FastifyReply, user: Candidate) {
  const row = await app.db.dataProtectionRequest.findFirst({
    where: { accountId: user.accountId, kind: 'E', status: 'D', archiveCode: { not: null } },
    orderBy: { id: 'desc' },
  });
  if (!row) throw notFound(NO_ARCHIVE);
  return sendArchive(app, reply, row);
}

/** The candidate asks for their account's deletion: recorded (pending) for a candidate manager to carry out. */
export async function candidateDeletionRequest(app: FastifyInstance, user: Candidate, note: string | undefined): Promise<DataProtectionRequestView> {
  const { row } = await recordRequest(app, {
    accountId: user.accountId,
    dossierNumber: user.login,
    kind: 'deletion',
    requestedBy: user.login,
    options: { force: false, origin: 'candidate', note: note || null },
  });
  return toView(row);
}
