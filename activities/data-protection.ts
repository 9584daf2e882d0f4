// Activities of the data-protection workflows (workflows/data-protection.ts): a candidate's data
// export (GDPR access request, art. 15) and the deletion of their account (erasure, art. 17), each
// request a row of data_protection_request that these steps mark running, then done with its report
// or failed with the reason. The rule that refuses a deletion is domain/data-protection.ts.
// Personal data never travel through the workflow's history: the export's gathered document is
// staged in the file storage and the workflow only sees counts, ids and storage keys.
// Each step is idempotent: a retried step finds its work done (or redoes it with the same result).
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import JSZip from 'jszip';
import {
  deletionRefusal,
  inProgressReason,
  kindOfCode,
  type CandidatureInProgress,
  type DataProtectionReport,
  type KeptItem,
  type RequestOptions,
} from '../domain/data-protection.ts';
import { candidateView, toView, type CandidatureState } from '../domain/candidature.ts';
import { candidatureWorkflowId, stateQuery } from '../contracts/candidature.ts';
import { deleteFiles } from '../infra/file-store.ts';
import type { Db } from '../infra/prisma.ts';
import type { ActivityDeps } from './index.ts';

/** Storage keys of a request's staged document and of its archive. */
export const stagedKey = (requestId: number) => `data-export-${requestId}.json`;
export const archiveKey = (requestId: number) => `data-export-${requestId}.zip`;

const DELETION_REFUSED = 'DeletionRefused';

async function loadRequest(db: Db, requestId: number) {
  const row = await db.dataProtectionRequest.findUnique({ where: { id: requestId } });
  if (!row) throw ApplicationFailure.create({ type: 'RequestNotFound', message: `no data-protection request ${requestId}`, nonRetryable: true });
  return row;
}

const optionsOf = (report: unknown): RequestOptions => (report as DataProtectionReport | null)?.request ?? { force: false, origin: 'staff', note: null };

/** Step 1: the request is running (a request already finished stays as it is). */
export async function markDataProtectionRunning(deps: ActivityDeps, requestId: number): Promise<void> {
  await loadRequest(deps.db, requestId);
  await deps.db.dataProtectionRequest.updateMany({ where: { id: requestId, status: { in: ['P', 'R'] } }, data: { status: 'R' } });
}

/**
 * Last step: done with its report (and archive), or failed with the reason; the report keeps the
 * options the request was made with. An audit event records the completion (counts only). Once
 * finished, a retry changes nothing.
 */
export async function finishDataProtectionRequest(
  deps: ActivityDeps,
  input: { requestId: number; outcome: 'done' | 'failed'; report: Omit<DataProtectionReport, 'request'>; archiveCode?: string | null },
): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const row = await tx.dataProtectionRequest.findUniqueOrThrow({ where: { id: input.requestId } });
    if (row.status === 'D' || row.status === 'F') return;
    const report: DataProtectionReport = { ...(row.report as object as DataProtectionReport), ...input.report, request: optionsOf(row.report) };
    const at = new Date();
    await tx.dataProtectionRequest.update({
      where: { id: row.id },
      data: {
        status: input.outcome === 'done' ? 'D' : 'F',
        report: report as object,
        completedAt: at,
        ...(input.archiveCode ? { archiveCode: input.archiveCode } : {}),
      },
    });
    await tx.auditEvent.create({
      data: {
        at,
        actor: 'system',
        action: input.outcome === 'done' ? 'DATA_PROTECTION_DONE' : 'DATA_PROTECTION_FAILED',
        subject: `candidate:${row.dossierNumber}`,
        details: {
          requestId: row.id,
          kind: kindOfCode(row.kind),
          ...(report.counts ? { counts: report.counts } : {}),
          ...(report.failure ? { failure: report.failure.en } : {}),
        },
      },
    });
  });
}

// ───────────────────────────── Export ─────────────────────────────

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A candidature's state as the read model holds it, or the workflow's own for a row projected before states were kept. */
async function stateOf(deps: ActivityDeps, row: { id: string; state: unknown }): Promise<CandidatureState | null> {
  if (row.state) return row.state as CandidatureState;
  try {
    return (await deps.temporal.workflow.getHandle(candidatureWorkflowId(row.id)).query(stateQuery)) as CandidatureState;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/** A file name for the archive: no folders, unique within `fichiers/`. */
function archivePath(name: string, taken: Set<string>): string {
  const clean = name.replace(/[/\\\u0000-\u001f]/g, '_').replace(/^\.+/, '_') || 'fichier';
  let path = `fichiers/${clean}`;
  for (let n = 2; taken.has(path); n++) {
    const dot = clean.lastIndexOf('.');
    path = dot > 0 ? `fichiers/${clean.slice(0, dot)} (${n})${clean.slice(dot)}` : `fichiers/${clean} (${n})`;
  }
  taken.add(path);
  return path;
}

/**
 * Step 2 of the export: everything held about the account, as one document (donnees.json), staged
 * in the file storage. Returns the counts per section (the report) and nothing personal.
 */
export async function gatherCandidateData(deps: ActivityDeps, requestId: number): Promise<{ counts: Record<string, number> }> {
  const { db } = deps;
  const request = await loadRequest(db, requestId);
  const account = await db.candidateAccount.findUnique({
    where: { id: request.accountId },
    select: {
      id: true,
      dossierNumber: true,
      email: true,
      pendingEmail: true,
      firstName: true,
      lastName: true,
      studentNumber: true,
      casLogin: true,
      emailValidated: true,
      validated: true,
      continuingEducation: true,
      language: true,
      createdAt: true,
      updatedAt: true,
      campaign: { select: { code: true, label: true } },
      candidate: {
        include: {
          address: true,
          bac: true,
          internalCursus: { orderBy: { academicYear: 'asc' } },
          externalCursus: { orderBy: { academicYear: 'asc' } },
          professionalExperiences: { orderBy: { year: 'asc' } },
          internships: { orderBy: { year: 'asc' } },
          sisPieces: { orderBy: { academicYear: 'asc' } },
        },
      },
      files: { select: { id: true, name: true, mimeType: true, size: true, sha256: true, createdAt: true }, orderBy: { id: 'asc' } },
    },
  });
  if (!account)
    throw ApplicationFailure.create({
      type: 'AccountNotFound',
      message: 'Le compte n’existe plus (supprimé ou purgé) : rien à exporter.',
      details: ['The account no longer exists (deleted or purged): nothing to export.'],
      nonRetryable: true,
    });
  const rows = await db.candidature.findMany({
    where: { accountId: account.id },
    orderBy: { createdAt: 'asc' },
    include: {
      formation: { select: { code: true, label: true } },
      campaign: { select: { code: true } },
      answers: { include: { question: { select: { code: true, label: true } } } },
      forms: { include: { form: { select: { code: true, label: true } } } },
    },
  });
  const ids = rows.map((r) => r.id);
  const [mails, exports] = await Promise.all([
    db.mailLog.findMany({
      where: { OR: [{ candidatureId: { in: ids } }, { accountId: account.id }] },
      orderBy: { createdAt: 'asc' },
      select: { mailCode: true, subject: true, status: true, createdAt: true, sentAt: true, candidatureId: true },
    }),
    db.sisExport.findMany({
      where: { candidatureId: { in: ids } },
      orderBy: { createdAt: 'asc' },
      select: { candidatureId: true, sisType: true, kind: true, version: true, status: true, createdAt: true, exportedAt: true },
    }),
  ]);

  let opinions = 0;
  const candidatures = [];
  for (const r of rows) {
    const state = await stateOf(deps, r);
    // What the candidate may see of it: the published opinion only, no tags nor internal notes.
    const view = state
      ? (() => {
          const { allowedActions: _a, opinions: _o, tags: _t, seq: _s, candidate: _c, ...v } = candidateView(toView(state));
          return v;
        })()
      : null;
    if (view?.opinion) opinions++;
    candidatures.push({
      ...(view ?? {
        id: r.id,
        campaignCode: r.campaign.code,
        formationCode: r.formation.code,
        formationLabel: r.formation.label,
        stage: r.stage,
        dossierStatus: r.dossierStatus,
        confirmation: { answer: r.confirmationAnswer, answeredAt: iso(r.answeredAt), deadline: iso(r.confirmationDeadline) },
        dates: { createdAt: iso(r.createdAt), transmittedAt: iso(r.transmittedAt), cancelledAt: iso(r.cancelledAt) },
      }),
      answers: r.answers.map((a) => ({ question: a.question.code, label: a.question.label, answer: a.answer, status: a.status })),
      forms: r.forms.map((f) => ({ form: f.form.code, label: f.form.label, notConcerned: f.notConcerned, answers: f.answers, answeredAt: iso(f.answeredAt) })),
    });
  }
  const taken = new Set<string>();
  const files = account.files.map((f) => ({ ...f, path: archivePath(f.name, taken) }));
  const { candidate, files: _files, ...own } = account;
  const profile = candidate
    ? (() => {
        const {
          id: _id,
          accountId: _acc,
          address,
          bac,
          internalCursus,
          externalCursus,
          professionalExperiences,
          internships,
          sisPieces,
          ...civilStatus
        } = candidate;
        const strip = <T extends { id: number; candidateId: number }>(r: T) => {
          const { id: _i, candidateId: _c, ...rest } = r;
          return rest;
        };
        return {
          civilStatus,
          address: address ? strip(address) : null,
          bac: bac ? strip(bac) : null,
          internalCursus: internalCursus.map(strip),
          externalCursus: externalCursus.map(strip),
          professionalExperiences: professionalExperiences.map(strip),
          internships: internships.map(strip),
          sisPieces: sisPieces.map(strip),
        };
      })()
    : null;
  const document = {
    generatedAt: new Date().toISOString(),
    requestId,
    account: { ...own, id: undefined },
    profile,
    candidatures,
    mails: mails.map((m) => ({ code: m.mailCode, subject: m.subject, status: m.status, date: iso(m.sentAt ?? m.createdAt), candidature: m.candidatureId })),
    sisExports: exports.map((e) => ({ ...e, createdAt: iso(e.createdAt), exportedAt: iso(e.exportedAt) })),
    files,
  };
  const counts = {
    account: 1,
    civilStatus: profile ? 1 : 0,
    address: profile?.address ? 1 : 0,
    bac: profile?.bac ? 1 : 0,
    internalCursus: profile?.internalCursus.length ?? 0,
    externalCursus: profile?.externalCursus.length ?? 0,
    professionalExperiences: profile?.professionalExperiences.length ?? 0,
    internships: profile?.internships.length ?? 0,
    candidatures: candidatures.length,
    publishedOpinions: opinions,
    answers: candidatures.reduce((n, c) => n + c.answers.length, 0),
    mails: mails.length,
    sisExports: exports.length,
    files: files.length,
  };
  await deps.storage.put(stagedKey(requestId), Buffer.from(JSON.stringify(document, null, 2)), 'application/json');
  return { counts };
}

const README = `DONNÉES PERSONNELLES — EXPORT DE VOTRE COMPTE CANDIDAT (RGPD, article 15)
=========================================================================

Cette archive contient tout ce que l'application eCandidat de l'établissement conserve à votre sujet.

- donnees.json : les données, lisibles par une machine (JSON, UTF-8), en sections :
  - account : votre compte (numéro de dossier, adresse électronique, nom, prénom, langue, campagne,
    dates de création et de modification). Le mot de passe (haché) et les clés techniques ne sont pas exportés.
  - profile : votre dossier — état civil (civilStatus), adresse (address), baccalauréat (bac),
    cursus interne (internalCursus), cursus externe (externalCursus), expériences professionnelles
    (professionalExperiences), stages (internships), pièces déjà détenues par la scolarité (sisPieces).
  - candidatures : chaque candidature, sa formation, son état (stage, dossierStatus), ses pièces et leur
    statut, les réponses aux questions (answers) et formulaires (forms), l'avis publié (opinion),
    la confirmation ou le désistement (confirmation) et les dates.
  - mails : les messages qui vous ont été envoyés (code, objet, date, statut d'envoi).
  - sisExports : les transmissions de vos admissions au système d'information de scolarité
    (Apogée ou Pégase) : type, statut, dates.
  - files : les fichiers que vous avez déposés ; leur contenu est dans le dossier fichiers/ (chemin : path).
- fichiers/ : vos fichiers, tels que déposés.

Pour toute question, ou pour exercer vos autres droits (rectification, effacement, limitation),
contactez le service de scolarité ou le délégué à la protection des données de l'établissement.


PERSONAL DATA — EXPORT OF YOUR APPLICANT ACCOUNT (GDPR, article 15)
===================================================================

This archive holds everything the institution's eCandidat application keeps about you.

- donnees.json: the data, machine-readable (JSON, UTF-8), in sections:
  - account: your account (file number, e-mail address, names, language, campaign, creation and
    change dates). The (hashed) password and technical keys are not exported.
  - profile: your file — civil status (civilStatus), address, baccalaureate (bac), studies in the
    institution (internalCursus), other studies (externalCursus), professional experience
    (professionalExperiences), internships, documents the registrar already holds (sisPieces).
  - candidatures: each application, its programme, its state (stage, dossierStatus), its documents and
    their status, your answers to questions (answers) and forms, the published decision (opinion),
    your confirmation or withdrawal (confirmation) and the dates.
  - mails: the messages sent to you (code, subject, date, sending status).
  - sisExports: the transfers of your admissions to the student information system (Apogée or
    Pégase): kind, status, dates.
  - files: the files you uploaded; their content is in the fichiers/ folder (see path).
- fichiers/: your files, as uploaded.

For any question, or to exercise your other rights (rectification, erasure, restriction), contact
the registrar's office or the institution's data protection officer.
`;

/** Step 3 of the export: the zip (donnees.json, LISEZMOI.txt, fichiers/…) stored under the request's archive key. */
export async function writeDataExportArchive(deps: ActivityDeps, requestId: number): Promise<{ archiveCode: string; name: string; size: number }> {
  const storage = deps.storage;
  const request = await loadRequest(deps.db, requestId);
  const archiveCode = archiveKey(requestId);
  const name = `donnees-${request.dossierNumber.trim()}-${request.requestedAt.toISOString().slice(0, 10)}.zip`;
  const staged = await storage.get(stagedKey(requestId));
  if (!staged) {
    // Written by an earlier attempt whose answer was lost: the staged document is gone with it.
    const done = await storage.get(archiveCode);
    if (done) return { archiveCode, name, size: done.length };
    throw ApplicationFailure.create({ type: 'StagedDataMissing', message: `the gathered data of request ${requestId} are missing`, nonRetryable: true });
  }
  const document = JSON.parse(staged.toString('utf8')) as { files: { id: number; path: string }[] };
  const zip = new JSZip();
  zip.file('donnees.json', staged);
  zip.file('LISEZMOI.txt', README);
  const codes = await deps.db.storedFile.findMany({ where: { id: { in: document.files.map((f) => f.id) } }, select: { id: true, code: true } });
  const codeOf = new Map(codes.map((c) => [c.id, c.code]));
  for (const f of document.files) {
    const code = codeOf.get(f.id);
    const bytes = code ? await storage.get(code) : null;
    if (bytes) zip.file(f.path, bytes);
  }
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await storage.put(archiveCode, data, 'application/zip');
  await storage.remove(stagedKey(requestId));
  return { archiveCode, name, size: data.length };
}

/** After EXPORT_ARCHIVE_DAYS: the archive leaves the storage and the request says it has none any more. */
export async function expireDataExportArchive(deps: ActivityDeps, requestId: number): Promise<void> {
  const row = await deps.db.dataProtectionRequest.findUnique({ where: { id: requestId }, select: { archiveCode: true } });
  if (!row?.archiveCode) return;
  await deps.storage.remove(row.archiveCode);
  await deps.db.dataProtectionRequest.update({ where: { id: requestId }, data: { archiveCode: null } });
}

// ───────────────────────────── Deletion ─────────────────────────────

/** The account's candidatures with what the rule reads. */
async function standings(db: Db, accountId: number) {
  const rows = await db.candidature.findMany({
    where: { accountId },
    select: { id: true, stage: true, exportStatus: true, formation: { select: { code: true } }, campaign: { select: { code: true, archivedAt: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const inProgress: CandidatureInProgress[] = [];
  for (const r of rows) {
    const reason = inProgressReason({ stage: r.stage, exportStatus: r.exportStatus, campaignArchived: r.campaign.archivedAt !== null });
    if (reason)
      inProgress.push({ id: r.id, campaignCode: r.campaign.code, formationCode: r.formation.code, stage: r.stage, exportStatus: r.exportStatus, reason });
  }
  return { ids: rows.map((r) => r.id), inProgress };
}

/**
 * Step 2 of the deletion: what the account has in progress (the rule of domain/data-protection.ts)
 * and whether the request forces it. `refusal` is set when the deletion must not go on.
 */
export async function planCandidateDeletion(
  deps: ActivityDeps,
  requestId: number,
): Promise<{ accountExists: boolean; candidatures: number; inProgress: CandidatureInProgress[]; refusal: DataProtectionReport['failure'] | null }> {
  const request = await loadRequest(deps.db, requestId);
  const exists = (await deps.db.candidateAccount.count({ where: { id: request.accountId } })) === 1;
  if (!exists) return { accountExists: false, candidatures: 0, inProgress: [], refusal: null };
  const { ids, inProgress } = await standings(deps.db, request.accountId);
  const force = optionsOf(request.report).force;
  return { accountExists: true, candidatures: ids.length, inProgress, refusal: inProgress.length && !force ? deletionRefusal(inProgress) : null };
}

/**
 * Step 3 of the deletion: the account's candidature workflows end. Those still open are terminated
 * with the request as the reason (the candidature workflow has no transition that ends a candidature
 * in every stage; cancel and withdraw would send mails and exports), then every execution's history
 * (which holds the candidate's name and file) is deleted from Temporal. The rule is checked again
 * first: a candidature transmitted since the plan stops an unforced deletion before anything ends.
 */
export async function endCandidatureWorkflows(
  deps: ActivityDeps,
  requestId: number,
): Promise<{ terminated: number; historiesDeleted: number; historiesKept: number }> {
  const request = await loadRequest(deps.db, requestId);
  const { ids, inProgress } = await standings(deps.db, request.accountId);
  if (inProgress.length && !optionsOf(request.report).force) {
    const refusal = deletionRefusal(inProgress);
    throw ApplicationFailure.create({ type: DELETION_REFUSED, message: refusal.fr, details: [refusal.en], nonRetryable: true });
  }
  let terminated = 0;
  let historiesDeleted = 0;
  let historiesKept = 0;
  for (const id of ids) {
    const workflowId = candidatureWorkflowId(id);
    const handle = deps.temporal.workflow.getHandle(workflowId);
    try {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') {
        await handle.terminate(`candidate data deleted (data-protection request ${requestId})`);
        terminated++;
      }
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) continue;
      throw err;
    }
    try {
      await deps.temporal.workflowService.deleteWorkflowExecution({ namespace: deps.temporal.options.namespace, workflowExecution: { workflowId } });
      historiesDeleted++;
    } catch (err) {
      // NOT_FOUND: already deleted by an earlier attempt. Any other refusal (a server that does not
      // allow deletions): the history stays until the namespace's retention, and the report says so.
      if ((err as { code?: number }).code !== 5) historiesKept++;
    }
  }
  return { terminated, historiesDeleted, historiesKept };
}

/**
 * Step 4 of the deletion (physical, as the reference's CNIL deletion): the account's files (bytes and
 * rows), the mails logged for it, its SIS export records, its candidatures' read-model rows (with
 * their answers, forms, tags and notes), its earlier export archives, then the account with its file
 * (civil status, address, bac, cursus, experience, internships: cascaded). Kept: the audit trail
 * (dossier number only), the dossier number's history (never given again), this request and its
 * report. The counts are taken and recorded on the request before anything is deleted, and the rest
 * of the report in the transaction that deletes the account: a retry answers the same report.
 */
export async function deleteCandidateData(
  deps: ActivityDeps,
  input: { requestId: number; historiesDeleted: number; historiesKept?: number },
): Promise<Omit<DataProtectionReport, 'request'>> {
  const { db } = deps;
  const storage = deps.storage;
  const request = await loadRequest(db, input.requestId);
  const recorded = request.report as object as DataProtectionReport | null;
  const account = await db.candidateAccount.findUnique({
    where: { id: request.accountId },
    select: {
      id: true,
      candidate: {
        select: {
          address: { select: { id: true } },
          bac: { select: { id: true } },
          _count: { select: { internalCursus: true, externalCursus: true, professionalExperiences: true, internships: true, sisPieces: true } },
        },
      },
      files: { select: { id: true, code: true } },
    },
  });
  if (!account) {
    if (recorded?.kept) return { counts: recorded.counts ?? {}, kept: recorded.kept, inProgress: recorded.inProgress ?? [] };
    throw ApplicationFailure.create({
      type: 'AccountNotFound',
      message: 'Le compte n’existe plus (supprimé ou purgé) : rien à supprimer.',
      details: ['The account no longer exists (deleted or purged): nothing to delete.'],
      nonRetryable: true,
    });
  }
  const { ids, inProgress } = await standings(db, account.id);
  const exportedToSis = await db.sisExport.count({ where: { candidatureId: { in: ids }, status: 'done' } });
  const archives = await db.dataProtectionRequest.findMany({
    where: { accountId: account.id, archiveCode: { not: null } },
    select: { id: true, archiveCode: true },
  });
  const mailScope = { OR: [{ candidatureId: { in: ids } }, { accountId: account.id }] };
  // Counted once, before anything is deleted, and recorded: a retry after a partial deletion reports the same.
  let counts = recorded?.counts;
  if (!counts) {
    const c = account.candidate;
    counts = {
      account: 1,
      civilStatus: c ? 1 : 0,
      address: c?.address ? 1 : 0,
      bac: c?.bac ? 1 : 0,
      internalCursus: c?._count.internalCursus ?? 0,
      externalCursus: c?._count.externalCursus ?? 0,
      professionalExperiences: c?._count.professionalExperiences ?? 0,
      internships: c?._count.internships ?? 0,
      sisPieces: c?._count.sisPieces ?? 0,
      candidatures: ids.length,
      files: account.files.length,
      mails: await db.mailLog.count({ where: mailScope }),
      sisExportRecords: await db.sisExport.count({ where: { candidatureId: { in: ids } } }),
      exportArchives: archives.length,
      workflowHistories: input.historiesDeleted,
    };
    await db.dataProtectionRequest.update({
      where: { id: request.id },
      data: { report: { ...(recorded ?? {}), counts, request: optionsOf(recorded) } as object },
    });
  }

  // Candidatures first (their pieces point at the files), then the files (rows, then bytes).
  await db.$transaction([
    db.mailLog.deleteMany({ where: mailScope }),
    db.sisExport.deleteMany({ where: { candidatureId: { in: ids } } }),
    db.candidature.deleteMany({ where: { accountId: account.id } }),
  ]);
  await deleteFiles(
    db,
    deps.storage,
    account.files.map((f) => f.id),
  );
  for (const f of account.files) await storage.remove(f.code);
  for (const a of archives) {
    await storage.remove(a.archiveCode!);
    await storage.remove(stagedKey(a.id));
  }
  // The requests stay (their reports); their archives are gone.
  await db.dataProtectionRequest.updateMany({ where: { id: { in: archives.map((a) => a.id) } }, data: { archiveCode: null } });
  const kept: KeptItem[] = [
    {
      what: 'auditTrail',
      count: await db.auditEvent.count({ where: { subject: `candidate:${request.dossierNumber}` } }),
      why: {
        fr: 'Le journal d’audit garde les actions faites sur le dossier, avec son seul numéro (obligation de traçabilité).',
        en: 'The audit trail keeps the actions taken on the file, with its number only (accountability).',
      },
    },
    {
      what: 'dossierNumber',
      count: 1,
      why: {
        fr: 'Le numéro de dossier reste dans l’historique des numéros pour n’être jamais réattribué ; cette demande et son rapport le gardent aussi.',
        en: 'The file number stays in the numbers’ history so that it is never given again; this request and its report keep it too.',
      },
    },
    {
      what: 'sisAdmissions',
      count: exportedToSis,
      why: {
        fr: 'Les admissions déjà transmises au système d’information de scolarité (Apogée, Pégase) appartiennent à ce système : elles y sont conservées selon ses propres règles ; s’adresser à la scolarité.',
        en: 'Admissions already sent to the student information system (Apogée, Pégase) belong to that system and are kept there under its own rules; ask the registrar.',
      },
    },
    ...(input.historiesKept
      ? [
          {
            what: 'workflowHistories',
            count: input.historiesKept,
            why: {
              fr: 'Le moteur de workflows a refusé d’effacer ces historiques de candidature : ils y restent jusqu’à la fin de sa durée de rétention.',
              en: 'The workflow engine refused to erase these application histories: they stay there until its retention period ends.',
            },
          },
        ]
      : []),
  ];
  const report = { counts, kept, inProgress };
  await db.$transaction(async (tx) => {
    const { count } = await tx.candidateAccount.deleteMany({ where: { id: account.id } });
    await tx.dataProtectionRequest.update({
      where: { id: request.id },
      data: { report: { ...(recorded ?? {}), ...report, request: optionsOf(recorded) } as object },
    });
    if (count === 1)
      await tx.auditEvent.create({
        data: {
          actor: 'system',
          action: 'CANDIDATE_ACCOUNT_DELETED',
          subject: `candidate:${request.dossierNumber}`,
          details: { requestId: request.id, counts, forced: inProgress.length > 0 },
        },
      });
  });
  return report;
}
