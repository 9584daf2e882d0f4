// Pégase INS admissions import, as the simulator plays it (reference sis-apis.md §2.8):
// `POST …/admis/import` takes a CSV file (the single-file "inscription" format of Pégase V28), creates
// a job EN_COURS and processes it asynchronously into SUCCES (every row imported), ECHEC (a row is
// invalid: nothing imported, an error report says why) or STOP. Every job and every row received is
// kept, so that tests can count what reached Pégase and prove that no admission arrived twice.

export type JobState = 'EN_COURS' | 'SUCCES' | 'ECHEC' | 'STOP';

export interface ImportJob {
  idCsvJob: string;
  nomFichier: string;
  dateDebut: string;
  dateFin: string | null;
  utilisateur: string;
  nombreTotalAdmis: number;
  comptageAdmisParEtat: Record<string, number>;
  etatCsvJob: JobState;
}

export interface ReportLine {
  ligne: number;
  colonne: string;
  code: string;
  message: string;
}

/** One admission (one wish of one candidate) received in a job. */
export interface ReceivedAdmission {
  idCsvJob: string;
  nomFichier: string;
  ligne: number;
  ine: string | null;
  nomNaissance: string;
  prenom: string;
  dateNaissance: string;
  codeVoeu: string;
  codePeriode: string;
  /** Whether it was imported (its job ended SUCCES). */
  importe: boolean;
}

/** Columns the import needs; the other columns of the V28 format are optional. */
const REQUIRED_COLUMNS = [
  'nom_naissance',
  'prenom',
  'sexe',
  'date_naissance',
  'code_pays_naissance',
  'code_nationalite',
  'origine_admission1',
  'code_voeu1',
  'code_periode1',
];
const MAX_WISHES = 5;

export class AdmissionImports {
  private jobs: ImportJob[] = [];
  private reports = new Map<string, ReportLine[]>();
  private received: ReceivedAdmission[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private seq = 0;

  constructor(
    private readonly known: { formations: Set<string>; periods: Set<string>; countries: Set<string> },
    /** How long a job stays EN_COURS before it is processed (clients must poll). */
    public processingMs: number,
  ) {}

  /** Registers a file and schedules its processing; returns the job as created (EN_COURS). */
  submit(file: { name: string; content: string }, user: string, opts: { stop?: boolean } = {}): ImportJob {
    this.seq++;
    const job: ImportJob = {
      idCsvJob: `job-${String(this.seq).padStart(6, '0')}`,
      nomFichier: file.name,
      dateDebut: new Date().toISOString(),
      dateFin: null,
      utilisateur: user,
      nombreTotalAdmis: 0,
      comptageAdmisParEtat: {},
      etatCsvJob: 'EN_COURS',
    };
    this.jobs.push(job);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.process(job, file.content, !!opts.stop);
    }, this.processingMs);
    this.timers.add(timer);
    return { ...job };
  }

  /** Jobs, newest first; `nomFichier` matches part of the name, as a search filter does. */
  list(filter: { idCsvJob?: string; nomFichier?: string; etat?: string }): ImportJob[] {
    return this.jobs
      .filter(
        (j) =>
          (!filter.idCsvJob || j.idCsvJob === filter.idCsvJob) &&
          (!filter.nomFichier || j.nomFichier.includes(filter.nomFichier)) &&
          (!filter.etat || j.etatCsvJob === filter.etat),
      )
      .map((j) => ({ ...j }))
      .reverse(); // newest first, as an activity list
  }

  report(idCsvJob: string): ReportLine[] | null {
    if (!this.jobs.some((j) => j.idCsvJob === idCsvJob)) return null;
    return this.reports.get(idCsvJob) ?? [];
  }

  receivedAdmissions(): ReceivedAdmission[] {
    return this.received.map((r) => ({ ...r }));
  }

  allJobs(): ImportJob[] {
    return this.jobs.map((j) => ({ ...j }));
  }

  reset(): void {
    this.stopTimers();
    this.jobs = [];
    this.reports.clear();
    this.received = [];
  }

  stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private process(job: ImportJob, content: string, stop: boolean): void {
    const { rows, errors } = this.validate(content);
    const admissions: Omit<ReceivedAdmission, 'importe'>[] = [];
    for (const { line, row } of rows) {
      for (let n = 1; n <= MAX_WISHES; n++) {
        if (!row[`code_voeu${n}`]) continue;
        admissions.push({
          idCsvJob: job.idCsvJob,
          nomFichier: job.nomFichier,
          ligne: line,
          ine: row.ine || null,
          nomNaissance: row.nom_naissance ?? '',
          prenom: row.prenom ?? '',
          dateNaissance: row.date_naissance ?? '',
          codeVoeu: row[`code_voeu${n}`]!,
          codePeriode: row[`code_periode${n}`] ?? '',
        });
      }
    }
    const state: JobState = stop ? 'STOP' : errors.length ? 'ECHEC' : 'SUCCES';
    job.etatCsvJob = state;
    job.dateFin = new Date().toISOString();
    job.nombreTotalAdmis = rows.length;
    job.comptageAdmisParEtat = state === 'SUCCES' ? { IMPORTE: rows.length } : state === 'ECHEC' ? { EN_ERREUR: rows.length } : { NON_TRAITE: rows.length };
    this.reports.set(job.idCsvJob, errors);
    for (const a of admissions) this.received.push({ ...a, importe: state === 'SUCCES' });
  }

  /** Parses the file (`;`, no quote character, header row) and checks every row. */
  private validate(content: string): { rows: { line: number; row: Record<string, string> }[]; errors: ReportLine[] } {
    const errors: ReportLine[] = [];
    const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    const header = (lines[0] ?? '').split(';');
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (!lines.length || missing.length) {
      for (const c of missing.length ? missing : REQUIRED_COLUMNS)
        errors.push({ ligne: 1, colonne: c, code: 'COLONNE_ABSENTE', message: `La colonne ${c} est absente de l'en-tête.` });
      return { rows: [], errors };
    }
    const rows: { line: number; row: Record<string, string> }[] = [];
    if (lines.length < 2) errors.push({ ligne: 1, colonne: '', code: 'FICHIER_VIDE', message: 'Le fichier ne contient aucun admis.' });
    for (let i = 1; i < lines.length; i++) {
      const line = i + 1;
      const cells = lines[i]!.split(';');
      if (cells.length !== header.length) {
        errors.push({ ligne: line, colonne: '', code: 'NOMBRE_COLONNES', message: `Ligne ${line} : ${cells.length} colonnes au lieu de ${header.length}.` });
        continue;
      }
      const row = Object.fromEntries(header.map((h, k) => [h, cells[k]!]));
      const err = (colonne: string, code: string, message: string) =>
        errors.push({ ligne: line, colonne, code, message: `Ligne ${line}, ${colonne} : ${message}` });
      for (const c of ['nom_naissance', 'prenom', 'date_naissance', 'code_pays_naissance', 'code_nationalite'])
        if (!row[c]) err(c, 'notBlank', 'valeur obligatoire.');
      if (row.nom_naissance && row.nom_naissance.length > 100) err('nom_naissance', 'size', '100 caractères au plus.');
      if (row.prenom && row.prenom.length > 100) err('prenom', 'size', '100 caractères au plus.');
      if (!['M', 'F'].includes(row.sexe ?? '')) err('sexe', 'pattern', 'M ou F attendu.');
      if (row.date_naissance && !/^\d{2}\/\d{2}\/\d{4}$/.test(row.date_naissance)) err('date_naissance', 'pattern', 'date au format jj/mm/aaaa attendue.');
      if (row.code_pays_naissance && !this.known.countries.has(row.code_pays_naissance))
        err('code_pays_naissance', 'inconnu', `pays ${row.code_pays_naissance} inconnu.`);
      // The INE is not checked at import: Pégase marks it "à vérifier" (etatIneMaitre) and checks it later.
      for (const c of ['adresse_ligne1_etage', 'adresse_ligne2_batiment', 'adresse_ligne3_voie', 'adresse_ligne4_complement', 'adresse_ligne5_etranger'])
        if (row[c] && row[c].length > 38) err(c, 'size', '38 caractères au plus.');
      if (!row.code_voeu1) err('code_voeu1', 'notBlank', 'au moins un vœu attendu.');
      for (let n = 1; n <= MAX_WISHES; n++) {
        const voeu = row[`code_voeu${n}`];
        if (!voeu) continue;
        if (row[`origine_admission${n}`] !== 'EC') err(`origine_admission${n}`, 'pattern', 'origine EC attendue.');
        if (!this.known.formations.has(voeu)) err(`code_voeu${n}`, 'inconnu', `formation ${voeu} inconnue.`);
        const periode = row[`code_periode${n}`] ?? '';
        if (!this.known.periods.has(periode)) err(`code_periode${n}`, 'inconnu', `période ${periode || '(vide)'} inconnue.`);
      }
      rows.push({ line, row });
    }
    return { rows, errors };
  }
}

export function reportCsv(lines: ReportLine[]): string {
  return (
    ['numero_ligne;colonne;code;message', ...lines.map((l) => [l.ligne, l.colonne, l.code, l.message.replace(/[;\r\n]+/g, ' ')].join(';'))].join('\n') + '\n'
  );
}
