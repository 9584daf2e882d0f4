// Admission export (OPI) to the campaign's SIS. Idempotent by a business key
// (candidature id + export version, never a random id): a retried or replayed activity finds the
// record and does not export twice. Every attempt is recorded in `sis_export`.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { SisType } from '../domain/codes.ts';
import { parameterValues } from '../domain/parameters.ts';
import { bacOfRow } from '../domain/profile.ts';
import { parisDate, startOfParisDay } from '../domain/time.ts';
import { exportBackoffSeconds } from '../domain/export-retry.ts';
import { sisExportFailures } from '../infra/metrics.ts';
import type { Db } from '../infra/prisma.ts';
import { sleep } from '../infra/processes.ts';
import type { SisRegistry } from '../sis/index.ts';
import { SisTransientError, SisValidationError, type AdmissionRecord } from '../sis/port.ts';

export interface ExportInput {
  candidatureId: string;
  version: number;
  kind: 'admission' | 'withdrawal';
}

export const exportBusinessKey = (candidatureId: string, version: number) => `${candidatureId}:${version}`;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Everything the SIS needs about this candidature, read from the candidate's file. */
async function admissionRecord(db: Db, input: ExportInput): Promise<{ record: AdmissionRecord; sisType: SisType }> {
  const c = await db.candidature.findUniqueOrThrow({
    where: { id: input.candidatureId },
    include: { campaign: true, formation: true, account: { include: { candidate: { include: { address: true, bac: true } } } } },
  });
  const p = c.account.candidate;
  if (!p) throw new SisValidationError(`Dossier ${c.account.dossierNumber} : état civil non renseigné.`);
  const a = p.address;
  const b = p.bac;
  return {
    sisType: c.campaign.sisType as SisType,
    record: {
      businessKey: exportBusinessKey(input.candidatureId, input.version),
      kind: input.kind,
      campaignCode: c.campaign.code,
      dossierNumber: c.account.dossierNumber,
      candidate: {
        civility: p.civility === 'Mme' ? 'Mme' : 'M.',
        birthName: p.birthName,
        usualName: p.usualName,
        firstName: p.firstName,
        otherFirstNames: p.otherFirstNames,
        birthDate: isoDate(p.birthDate),
        birthCountryCode: p.birthCountryCode,
        birthCommuneCode: p.birthCommuneCode,
        birthCityLabel: p.birthCityLabel,
        nationalityCode: p.nationalityCode,
        ine: p.ine,
        ineKey: p.ineKey,
        studentNumber: c.account.studentNumber,
        phone: p.phone,
        mobilePhone: p.mobilePhone,
        email: c.account.email,
        address: a
          ? {
              countryCode: a.countryCode,
              line1: a.line1,
              line2: a.line2,
              line3: a.line3,
              postcode: a.postcode,
              communeCode: a.communeCode,
              foreignCity: a.foreignCity,
            }
          : null,
        bac: b ? bacOfRow(b) : null,
      },
      formation: {
        code: c.formation.code,
        pegaseCode: c.formation.pegaseCode,
        apogeeVetCode: c.formation.apogeeVetCode,
        apogeeVetVersion: c.formation.apogeeVetVersion,
        apogeeDiplomaCode: c.formation.apogeeDiplomaCode,
        apogeeDiplomaVersion: c.formation.apogeeDiplomaVersion,
        // The management centre (Apogée CGE) of the wish.
        managementCentreCode: c.formation.sisManagementCentreCode,
      },
    },
  };
}

/**
 * Admissions of that SIS exported today (done, or ready: imported and waiting for the day's files)
 * whose candidature has not moved on to a later export since.
 */
async function sameDayAdmissions(db: Db, sisType: SisType, now: Date): Promise<{ records: AdmissionRecord[]; ready: number[] }> {
  const rows = await db.sisExport.findMany({
    where: { sisType, status: { in: ['done', 'ready'] }, exportedAt: { gte: startOfParisDay(parisDate(now)) } },
    orderBy: { exportedAt: 'asc' },
  });
  const latest = await db.sisExport.groupBy({
    by: ['candidatureId'],
    where: { candidatureId: { in: rows.map((r) => r.candidatureId) } },
    _max: { version: true },
  });
  const latestVersion = new Map(latest.map((l) => [l.candidatureId, l._max.version]));
  return {
    records: rows.filter((r) => r.kind === 'admission' && latestVersion.get(r.candidatureId) === r.version).map((r) => r.payload as unknown as AdmissionRecord),
    ready: rows.filter((r) => r.status === 'ready').map((r) => r.id),
  };
}

/** How long an export waiting for the day's files sleeps between two looks. */
const DAY_FILES_WAIT_MS = 20;

/**
 * The day's files of a SIS, rewritten for this export and every other one ready at the same time
 * (group commit): the export is marked ready; then, until it is written, either another export's
 * rewrite included it (its answer is in the row), or this one takes the SIS's lock (without waiting
 * on it, so no connection is held by waiting exports) and rewrites the files with every ready export.
 */
export async function writeDayFilesTogether<T>(db: Db, sisType: SisType, businessKey: string, write: (others: AdmissionRecord[]) => Promise<T>): Promise<T> {
  await db.sisExport.update({ where: { businessKey }, data: { status: 'ready', exportedAt: new Date() } });
  for (;;) {
    const mine = await db.sisExport.findUniqueOrThrow({ where: { businessKey }, select: { status: true, files: true } });
    if (mine.status === 'done') return mine.files as T;
    const written = await db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`sis-export-${sisType}`})) AS locked`;
        if (!lock?.locked) return null;
        // Another export's rewrite may have covered this one between the read above and the lock.
        const now = await tx.sisExport.findUniqueOrThrow({ where: { businessKey }, select: { status: true, files: true } });
        if (now.status === 'done') return { result: now.files as T };
        const day = await sameDayAdmissions(tx as unknown as Db, sisType, new Date());
        const result = await write(day.records.filter((r) => r.businessKey !== businessKey));
        await tx.sisExport.updateMany({ where: { id: { in: day.ready } }, data: { status: 'done', files: result as object } });
        return { result };
      },
      { timeout: 60_000 },
    );
    if (written) return written.result;
    await sleep(DAY_FILES_WAIT_MS);
  }
}

/** When the SIS received it; the OPI code the SIS kept when it differs from ours. */
export interface ExportResult {
  at: string;
  opiCodeChanged?: string;
}

export async function exportToSis(deps: { db: Db; sis: SisRegistry }, input: ExportInput): Promise<ExportResult> {
  const { db } = deps;
  const businessKey = exportBusinessKey(input.candidatureId, input.version);
  const done = await db.sisExport.findUnique({ where: { businessKey } });
  if (done?.status === 'done' && done.exportedAt) return { at: done.exportedAt.toISOString() };

  let prepared: Awaited<ReturnType<typeof admissionRecord>>;
  try {
    prepared = await admissionRecord(db, input);
  } catch (err) {
    if (err instanceof SisValidationError) throw ApplicationFailure.nonRetryable(err.message, 'SisValidationError');
    throw err;
  }
  const { record, sisType } = prepared;
  const adapter = deps.sis.adapterFor(sisType);
  if (!adapter) throw ApplicationFailure.nonRetryable(`La campagne ${record.campaignCode} n'est liée à aucun SI Scolarité.`, 'SisValidationError');

  await db.sisExport.upsert({
    where: { businessKey },
    create: {
      businessKey,
      candidatureId: input.candidatureId,
      version: input.version,
      sisType,
      kind: input.kind,
      status: 'pending',
      payload: record as object,
      attempts: 1,
    },
    update: { attempts: { increment: 1 }, payload: record as object },
  });

  try {
    const parameters = await db.parameter.findMany({ where: { code: { in: ['OPI_PREFIXE', 'SCOL_SISCOL_COD_SANS_BAC'] } } });
    const { OPI_PREFIXE, SCOL_SISCOL_COD_SANS_BAC } = parameterValues(['OPI_PREFIXE', 'SCOL_SISCOL_COD_SANS_BAC'], parameters);
    const receipt = await adapter.exportAdmission(record, {
      writeDayFiles: (write) => writeDayFilesTogether(db, sisType, businessKey, write),
      settings: { opiPrefix: OPI_PREFIXE, codSansBac: SCOL_SISCOL_COD_SANS_BAC },
    });
    await db.sisExport.update({
      where: { businessKey },
      data: { status: 'done', exportedAt: new Date(receipt.at), files: receipt.details as object, lastError: null },
    });
    // Apogée kept the code of an OPI the candidate already had (reference §3.2.14): the workflow mails it.
    const changedCode = receipt.details.opiCodeChanged === true ? String(receipt.details.codOpiIntEpo) : null;
    return { at: receipt.at, ...(changedCode ? { opiCodeChanged: changedCode } : {}) };
  } catch (err) {
    sisExportFailures.inc({ sis: sisType });
    await db.sisExport.update({ where: { businessKey }, data: { status: 'failed', lastError: String((err as Error).message ?? err) } });
    if (err instanceof SisValidationError) throw ApplicationFailure.nonRetryable(err.message, 'SisValidationError');
    // The SIS said when to come back (429/503 Retry-After): the next attempt waits that long, and never
    // less than the backoff (domain/export-retry.ts), or a throttling SIS would use up the attempts in seconds.
    if (err instanceof SisTransientError && err.retryAfterSeconds) {
      const delay = Math.max(err.retryAfterSeconds, exportBackoffSeconds(activityAttempt()));
      throw ApplicationFailure.create({ message: err.message, type: 'SisTransientError', nextRetryDelay: `${delay} seconds`, cause: err });
    }
    throw err;
  }
}

/** This attempt's number (1-based); 1 outside an activity (direct calls). */
function activityAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}
