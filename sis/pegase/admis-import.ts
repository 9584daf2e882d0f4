// Pushing one admission into Pégase INS through `admis/import` (reference sis-apis.md §2.8): a CSV
// file in the single-file "inscription" format, an asynchronous job polled until it ends, and its
// error report when it fails. Idempotent by the business key: the file name carries it, and before
// sending, the jobs already holding that key are looked up, so that a retry after a lost answer or
// a timeout follows the first job instead of importing the admission a second time.
import { createHash } from 'node:crypto';
import { SisTransientError, SisValidationError } from '../port.ts';
import type { PegaseHttp } from './http.ts';

export interface ImportJob {
  idCsvJob: string;
  nomFichier: string;
  etatCsvJob: 'EN_COURS' | 'SUCCES' | 'ECHEC' | 'STOP';
  nombreTotalAdmis?: number;
  comptageAdmisParEtat?: Record<string, number>;
}

export interface ImportOutcome {
  idCsvJob: string;
  nomFichier: string;
  etatCsvJob: 'SUCCES';
  /** True when an earlier attempt had already imported it (nothing sent this time). */
  alreadyImported: boolean;
}

export interface ImportOptions {
  /** Pause between two polls of the job. */
  pollMs: number;
  /** How long to wait for the job to end before leaving it to a later attempt. */
  timeoutMs: number;
}

/** `admis-<business key>-<content hash>.csv`: the key finds earlier jobs, the hash tells a changed file. */
export function importFileName(businessKey: string, csv: string): string {
  const hash = createHash('sha256').update(csv).digest('hex').slice(0, 10);
  return `${importFilePrefix(businessKey)}${hash}.csv`;
}
const importFilePrefix = (businessKey: string) => `admis-${businessKey.replace(/[^A-Za-z0-9._-]/g, '_')}-`;

const path = (http: PegaseHttp) => `etablissement/${encodeURIComponent(http.etab)}/admis/import`;

/** The jobs whose file carries this business key, newest first. */
async function jobsOf(http: PegaseHttp, businessKey: string): Promise<ImportJob[]> {
  const prefix = importFilePrefix(businessKey);
  const found: ImportJob[] = [];
  for (let page = 0, total = 1; page < total; page++) {
    const p = await http.getJson<{ items: ImportJob[]; totalPages: number }>(
      'ins',
      `${path(http)}?${new URLSearchParams({ nomFichier: prefix, page: String(page), taille: '100' })}`,
      'INS suivi des imports',
    );
    found.push(...(p.items ?? []).filter((j) => j.nomFichier.startsWith(prefix)));
    total = p.totalPages ?? 0;
  }
  return found;
}

export async function importAdmission(http: PegaseHttp, businessKey: string, csv: string, opts: ImportOptions): Promise<ImportOutcome> {
  const fileName = importFileName(businessKey, csv);
  const earlier = await jobsOf(http, businessKey);
  // Once imported, never again, even if the file would differ now: Pégase holds the admission.
  const imported = earlier.find((j) => j.etatCsvJob === 'SUCCES');
  if (imported) return { idCsvJob: imported.idCsvJob, nomFichier: imported.nomFichier, etatCsvJob: 'SUCCES', alreadyImported: true };
  // A job of this very file still running or already refused: follow it rather than send it again.
  // A refused file that has changed since (an admin fixed the data) is sent anew; a stopped one too.
  let job =
    earlier.find((j) => j.nomFichier === fileName && (j.etatCsvJob === 'EN_COURS' || j.etatCsvJob === 'ECHEC')) ??
    earlier.find((j) => j.etatCsvJob === 'EN_COURS');
  if (!job) {
    job = await http.postForm<ImportJob>('ins', path(http), 'INS import des admis', () => {
      const form = new FormData();
      form.append('admis', new Blob([csv], { type: 'text/csv; charset=utf-8' }), fileName);
      return form;
    });
  }
  job = await waitForEnd(http, job, opts);
  switch (job.etatCsvJob) {
    case 'SUCCES':
      return { idCsvJob: job.idCsvJob, nomFichier: job.nomFichier, etatCsvJob: 'SUCCES', alreadyImported: false };
    case 'ECHEC': {
      const report = await http.getText('ins', `${path(http)}/rapport-erreurs?${new URLSearchParams({ idCsvJob: job.idCsvJob })}`, 'INS rapport d’erreurs');
      const lines = report
        .split(/\r?\n/)
        .slice(1)
        .filter((l) => l.trim())
        .map((l) => l.split(';').slice(3).join(';') || l);
      throw new SisValidationError(`Pégase a refusé l'import ${job.idCsvJob} (${job.nomFichier}) : ${lines.join(' ; ') || 'rapport d’erreurs vide'}`, {
        idCsvJob: job.idCsvJob,
        nomFichier: job.nomFichier,
        report,
      });
    }
    case 'STOP':
      throw new SisTransientError(`Pégase : l'import ${job.idCsvJob} a été interrompu (STOP) ; il sera renvoyé.`);
    default:
      throw new SisTransientError(`Pégase : l'import ${job.idCsvJob} est encore EN_COURS après ${opts.timeoutMs} ms ; il sera suivi au prochain essai.`);
  }
}

async function waitForEnd(http: PegaseHttp, job: ImportJob, opts: ImportOptions): Promise<ImportJob> {
  const until = Date.now() + opts.timeoutMs;
  let current = job;
  while (current.etatCsvJob === 'EN_COURS' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, opts.pollMs));
    const p = await http.getJson<{ items: ImportJob[] }>('ins', `${path(http)}?${new URLSearchParams({ idCsvJob: job.idCsvJob })}`, 'INS suivi des imports');
    const found = (p.items ?? []).find((j) => j.idCsvJob === job.idCsvJob);
    if (!found) throw new SisTransientError(`Pégase : l'import ${job.idCsvJob} n'apparaît pas dans le suivi des imports.`);
    current = found;
  }
  return current;
}
