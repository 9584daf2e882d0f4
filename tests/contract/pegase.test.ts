// Contract of the Pégase adapter against the Pégase simulator over HTTP: each operation of the port,
// the JWT from the CAS tickets endpoint (both forms, refresh from `exp` and once on 401/403), REF
// pagination, how failures reach the export workflow (SisTransientError: retried;
// SisValidationError: not retried, with Pégase's message), the three admission files byte for byte,
// the admis/import job (SUCCES, ECHEC with its report, STOP) and "Pégase down for a while, then
// back: every admission arrives exactly once".
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parisDate } from '../../domain/time.ts';
import { createNoneAdapter } from '../../sis/none/adapter.ts';
import { createPegaseAdapter, DEFAULT_PEGASE_CONFIG, type PegaseAdapter, type PegaseConfig } from '../../sis/pegase/adapter.ts';
import { startPegaseSimulator, type PegaseSimulator } from '../../sis/pegase/simulator/server.ts';
import { REFERENTIAL_LISTS, SisTransientError, SisValidationError, type AdmissionRecord, type ExportContext } from '../../sis/port.ts';
import { lea, leaSecondWish, omar } from '../fixtures/pegase-opi/records.ts';

let sim: PegaseSimulator;
let pegase: PegaseAdapter;
let opiDir: string;

/** An adapter on the simulator; short timeout and polls so that failure cases end quickly (nothing asserts on time). */
function adapter(overrides: Partial<PegaseConfig> = {}, dir = opiDir): PegaseAdapter {
  return createPegaseAdapter({ opiDir: dir, pegase: { ...DEFAULT_PEGASE_CONFIG, url: sim.url, timeoutMs: 1500, importPollMs: 20, ...overrides } });
}

beforeAll(async () => {
  sim = await startPegaseSimulator({ jobProcessingMs: 30 });
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(async () => {
  await admin('POST', '/__admin/reset');
  await admin('POST', '/__admin/config', { tokenTtlSeconds: 3600, jobProcessingMs: 30 });
  opiDir = await mkdtemp(join(tmpdir(), 'pegase-contract-'));
  pegase = adapter();
});

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const inject = (spec: { path: string; kind: string; method?: string; count?: number | null; ms?: number; status?: number; retryAfter?: number }) =>
  admin('POST', '/__admin/faults', spec);
const stats = async () =>
  (await admin('GET', '/__admin/stats')).body as {
    ticketsIssued: number;
    ticketsByForm: { body: number; query: number };
    calls: { method: string; path: string; status: number }[];
  };
const received = async () =>
  (await admin('GET', '/__admin/received')).body as {
    jobs: { idCsvJob: string; nomFichier: string; etatCsvJob: string; utilisateur: string }[];
    admissions: { nomFichier: string; codeVoeu: string; codePeriode: string; nomNaissance: string; importe: boolean }[];
  };
/** How many times each business key was imported into Pégase (its file name carries the key). */
async function importedPerKey(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const a of (await received()).admissions.filter((x) => x.importe)) {
    const key = /^admis-(.+)-[0-9a-f]{10}\.csv$/.exec(a.nomFichier)![1]!;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** What the export activity gives the adapter: the admissions already exported today. */
function dayOf(records: AdmissionRecord[]): ExportContext {
  return { writeDayFiles: (write) => write(records) };
}

/** The export activity's retry as Temporal does it: transient errors again, validation errors stop. */
async function withRetries<T>(fn: () => Promise<T>, maxAttempts = 10): Promise<{ result: T; attempts: number; errors: Error[] }> {
  const errors: Error[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await fn(), attempts: attempt, errors };
    } catch (err) {
      if (!(err instanceof SisTransientError) || attempt === maxAttempts) throw err;
      errors.push(err);
    }
  }
}

const fixture = (name: string) => readFile(join(import.meta.dirname, '../fixtures/pegase-opi', name), 'utf8');
const stamp = () => parisDate(new Date()).replaceAll('-', '');
const record = (base: AdmissionRecord, overrides: Partial<AdmissionRecord> & { pegaseCode?: string } = {}): AdmissionRecord => {
  const { pegaseCode, ...rest } = overrides;
  return { ...base, ...rest, formation: { ...base.formation, ...(pegaseCode ? { code: pegaseCode, pegaseCode } : {}) } };
};

describe('CAS tickets and the JWT', () => {
  it('hands out a text/plain JWT with an exp claim, for the form body and for the older query-string form', async () => {
    const form = await fetch(sim.urls.auth, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: sim.credentials.username, password: sim.credentials.password, token: 'true' }),
    });
    expect(form.status).toBe(201);
    expect(form.headers.get('content-type')).toMatch(/^text\/plain/);
    const jwt = await form.text();
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
    expect(claims.exp).toBeGreaterThan(claims.iat);
    const query = await fetch(
      `${sim.urls.auth}/?${new URLSearchParams({ username: sim.credentials.username, password: sim.credentials.password, token: 'true' })}`,
      {
        method: 'POST',
      },
    );
    expect(query.status).toBe(201);
    const wrong = await fetch(sim.urls.auth, { method: 'POST', body: new URLSearchParams({ username: 'svc-api', password: 'faux', token: 'true' }) });
    expect(wrong.status).toBe(401);
  });

  it('answers 401 without or with a malformed token, 403 with an expired or forged one', async () => {
    const ref = `${sim.urls.ref}nomenclatures/PaysNationalite/numPage/0/nbOccurences/5`;
    const call = (authorization?: string) => fetch(ref, { headers: authorization ? { authorization } : {} }).then((r) => r.status);
    expect(await call()).toBe(401);
    expect(await call('Bearer pas-un-jwt')).toBe(401);
    expect(await call('Basic c3ZjOmFwaQ==')).toBe(401);
    await admin('POST', '/__admin/config', { tokenTtlSeconds: -10 });
    const expired = await (await fetch(sim.urls.auth, { method: 'POST', body: new URLSearchParams({ ...sim.credentials, token: 'true' }) })).text();
    expect(await call(`Bearer ${expired}`)).toBe(403);
    const other = await startPegaseSimulator();
    try {
      const forged = await (await fetch(other.urls.auth, { method: 'POST', body: new URLSearchParams({ ...other.credentials, token: 'true' }) })).text();
      expect(await call(`Bearer ${forged}`)).toBe(403);
    } finally {
      await other.stop();
    }
  });

  it('the adapter fetches one token for many calls, in the form body; the legacy switch sends it in the query string', async () => {
    await pegase.academicPeriods();
    await pegase.searchFormations({ search: 'informatique', max: 10 });
    expect((await stats()).ticketsByForm).toEqual({ body: 1, query: 0 });
    const legacy = adapter({ tokenInQuery: true });
    expect((await legacy.academicPeriods())!.length).toBeGreaterThan(0);
    expect((await stats()).ticketsByForm).toEqual({ body: 1, query: 1 });
  });

  it('refreshes the token from its exp before it expires: no call meets a 403', async () => {
    await admin('POST', '/__admin/config', { tokenTtlSeconds: 2 });
    await pegase.academicPeriods();
    // Let the first token expire (the adapter refreshes a tenth of the lifetime before exp).
    await new Promise((r) => setTimeout(r, 2100));
    await pegase.academicPeriods();
    const s = await stats();
    expect(s.ticketsIssued).toBe(2);
    expect(s.calls.filter((c) => c.status === 401 || c.status === 403)).toEqual([]);
  });

  it.each([403, 401])('on a %i, fetches a new token once and repeats the call', async (status) => {
    await pegase.academicPeriods();
    await inject({ path: '/api/odf/*', kind: 'expiredToken', status, count: 1 });
    const periods = await pegase.academicPeriods();
    expect(periods!.map((p) => p.code)).toContain('2026-P');
    const s = await stats();
    expect(s.ticketsIssued).toBe(2);
    expect(s.calls.filter((c) => c.status === status)).toHaveLength(1);
  });

  it('a second 403 in a row is a refusal, not a loop', async () => {
    await inject({ path: '/api/odf/*', kind: 'expiredToken', count: 2 });
    await expect(pegase.academicPeriods()).rejects.toBeInstanceOf(SisValidationError);
    expect((await stats()).ticketsIssued).toBe(2);
  });

  it('wrong service account credentials are a refusal naming the settings to check', async () => {
    const wrong = adapter({ password: 'faux' });
    await expect(wrong.academicPeriods()).rejects.toThrow(/PEGASE_USER\/PEGASE_PASSWORD/);
    await expect(wrong.academicPeriods()).rejects.toBeInstanceOf(SisValidationError);
  });
});

describe('referentials (REF) and capabilities', () => {
  it('reads every page of a nomenclature', async () => {
    const small = adapter({ refPageSize: 10 });
    const countries = (await small.listReferential('countries'))!;
    expect(countries.length).toBe(sim.data.countries.length);
    expect(countries.find((c) => c.code === '100')).toEqual({
      code: '100',
      label: 'France',
      shortLabel: 'France',
      active: true,
      nationalityLabel: 'française',
    });
    const pages = (await stats()).calls.filter((c) => c.path.startsWith('/api/v1/ref/nomenclatures/PaysNationalite/')).map((c) => c.path.split('/numPage/')[1]);
    expect(pages).toEqual(['0/nbOccurences/10', '1/nbOccurences/10', '2/nbOccurences/10', '3/nbOccurences/10', '4/nbOccurences/10']);
    expect(new Set(countries.map((c) => c.code)).size).toBe(countries.length);
  });

  it('maps each list Pégase provides and answers null for the others', async () => {
    const communes = (await pegase.listReferential('communes'))!;
    expect(communes.find((c) => c.code === '54395')).toMatchObject({ label: 'Nancy', departmentCode: '054' });
    expect(await pegase.listReferential('postcodeCommunes')).toContainEqual(expect.objectContaining({ code: '54000', communeCode: '54395' }));
    const birth = (await pegase.listReferential('birthCommunes'))!;
    expect(birth.length).toBeGreaterThan(communes.length); // former communes of birth too
    expect((await pegase.listReferential('bacSeries'))!.find((b) => b.code === 'GEN')).toMatchObject({ validFromYear: 2021, validToYear: null });
    expect((await pegase.listReferential('resultTypes'))!.find((r) => r.code === 'ADM')).toMatchObject({ positive: true });
    const establishments = (await pegase.listReferential('establishments'))!;
    // Rows without department or commune are skipped; 4-character communes get their leading 0.
    expect(establishments.some((e) => e.code === '0549999Z')).toBe(false);
    expect(establishments.find((e) => e.departmentCode === '006')).toMatchObject({ communeCode: '06088', typeCode: 'LYC' });
    expect((await pegase.listReferential('academicYears'))!.find((y) => y.code === '2026-P')).toMatchObject({ open: true, year: 2026 });
    for (const list of ['bacOptions', 'regimes', 'statuts', 'managementCentres', 'users', 'exemptionCategories'] as const)
      expect(await pegase.listReferential(list)).toBeNull();
    expect(pegase.capabilities).toMatchObject({ cge: false, ineCheck: false, birthCommunes: true, sandbox: true, regimeStatut: false });
    expect(pegase.fieldSizes).toEqual({ address: 38, name: 100, firstName: 100 });
  });

  it('the None adapter (type D) provides no list, finds nobody and refuses exports', async () => {
    const none = createNoneAdapter();
    for (const list of REFERENTIAL_LISTS) expect(await none.listReferential(list)).toBeNull();
    expect(await none.findStudent({ studentNumber: '000100001' })).toBeNull();
    await expect(none.exportAdmission(lea, dayOf([]))).rejects.toBeInstanceOf(SisValidationError);
  });
});

describe('formations and periods (ODF)', () => {
  it('lists the periods (campaign codes) and searches formations that are open to registration', async () => {
    const periods = (await pegase.academicPeriods())!;
    expect(periods.find((p) => p.code === '2026-P')).toMatchObject({ label: 'Année universitaire 2026-2027', open: true, year: 2026 });
    const found = await pegase.searchFormations({ search: 'Informatique', max: 100 });
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(['MINFO-M1', 'MINFO-IA-M2', 'LINFO-L3', 'LP-DEVWEB']));
    expect(found.map((f) => f.code)).not.toContain('DU-FERME'); // PIA not active
    const m1 = found.find((f) => f.code === 'MINFO-M1')!;
    expect(m1).toMatchObject({ label: 'Master mention Informatique - M1', periodLabel: 'Période 2026-2027', sisId: expect.any(String) });
    expect(await pegase.formationDiplomaType(m1)).toBe('MAS');
    expect(await pegase.formationDiplomaType({ sisId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    expect((await pegase.searchFormations({ search: 'informatique', max: 2 })).length).toBe(2);
  });

  it('an empty search asks Pégase nothing', async () => {
    expect(await pegase.searchFormations({ search: '  ', max: 100 })).toEqual([]);
    expect((await stats()).calls).toEqual([]);
  });
});

describe('student lookup (IDT, INS-ext, COC)', () => {
  it('finds a known student by student number with civil status, address, bac and internal cursus', async () => {
    const s = (await pegase.findStudent({ studentNumber: '000100001' }))!;
    expect(s).toMatchObject({
      studentNumber: '000100001',
      civility: 'Mme',
      ine: '123456789A',
      ineKey: 'B',
      birthName: 'DURAND',
      firstName: 'Camille',
      birthDate: '2004-04-12',
      birthCountryCode: '100',
      birthCommuneCode: '54395',
      nationalityCode: '100',
      address: { countryCode: '100', postcode: '54000', communeCode: '54395' },
      bac: { bacCode: 'GEN', year: 2022, countryCode: '100', specialty1Code: 'MATHS' },
    });
    // One line per registration, then one per published result of a three-part chemin.
    expect(s.internalCursus.filter((c) => c.code === 'LINFO-L3-A1').map((c) => c.year)).toEqual(['2022', '2023', '2024']);
    const results = s.internalCursus.filter((c) => c.code.startsWith('LINFO-L3-UE'));
    expect(results.length).toBe(9);
    expect(results.every((r) => r.resultCode === 'ADM' && r.scale === '20' && r.mark !== null)).toBe(true);
  });

  it('finds the same student by INE + key, and nobody for an unknown or shared INE', async () => {
    expect((await pegase.findStudent({ ine: '123456789a', ineKey: 'b' }))?.studentNumber).toBe('000100001');
    expect(await pegase.findStudent({ ine: '999999999Z', ineKey: 'Z' })).toBeNull();
    expect(await pegase.findStudent({ studentNumber: '999999999' })).toBeNull();
    // Two identities share this INE (a potential duplicate): eCandidat takes none of them.
    const twin = sim.data.students.find((s) => s.temoinDoublonPotentiel)!;
    expect(await pegase.findStudent({ ine: twin.ine!.slice(0, 10), ineKey: twin.ine!.slice(10) })).toBeNull();
  });

  it('Pégase has no INES check and no bac consistency check', async () => {
    expect(await pegase.checkIne('000000000', 'XX')).toBe(true);
    expect(await pegase.checkBacSpecialityOption({ year: 2022, bacCode: 'GEN', specialty1Code: 'MATHS', specialty2Code: 'MATHS' })).toBeNull();
    expect((await stats()).calls).toEqual([]);
  });
});

describe('failures: transient (retried) or validation (not retried)', () => {
  it.each([
    ['a 5xx', { kind: 'http5xx', status: 502 }, /HTTP 502/],
    ['a dropped connection', { kind: 'drop' }, /injoignable/],
    ['no answer (timeout)', { kind: 'hang' }, /pas de réponse en 1500 ms/],
    ['an unreadable answer', { kind: 'malformed' }, /illisible/],
  ])('%s is a SisTransientError', async (_what, fault, message) => {
    await pegase.academicPeriods(); // the token first, so that the fault hits the call
    await inject({ path: '/api/odf/*', ...fault });
    const err = await pegase.academicPeriods().catch((e: Error) => e);
    expect(err).toBeInstanceOf(SisTransientError);
    expect((err as Error).message).toMatch(message);
    await admin('DELETE', '/__admin/faults');
  });

  it('a 429 is a SisTransientError that carries Retry-After', async () => {
    await inject({ path: '/api/idt/*', kind: 'tooMany', retryAfter: 7 });
    const err = (await pegase.findStudent({ studentNumber: '000100001' }).catch((e: Error) => e)) as SisTransientError;
    expect(err).toBeInstanceOf(SisTransientError);
    expect(err).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect(err.message).toMatch(/7 s \(Retry-After\)/);
  });

  it("a refusal is a SisValidationError with Pégase's message", async () => {
    const err = await adapter({ refPageSize: 6000 })
      .listReferential('countries')
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(SisValidationError);
    expect((err as Error).message).toMatch(/HTTP 400 : nbOccurences : nbOccurences doit être entre 1 et 5000/);
    const unknownEtab = await adapter({ etab: 'ETAB99' })
      .academicPeriods()
      .catch((e: Error) => e);
    expect(unknownEtab).toBeInstanceOf(SisValidationError);
    expect((unknownEtab as Error).message).toMatch(/Établissement ETAB99 inconnu/);
  });

  it('without PEGASE_URL, reads are refused and exports only write the files', async () => {
    const filesOnly = createPegaseAdapter({ opiDir, pegase: { ...DEFAULT_PEGASE_CONFIG, url: '' } });
    await expect(filesOnly.academicPeriods()).rejects.toThrow(/PEGASE_URL/);
    const receipt = await filesOnly.exportAdmission(lea, dayOf([]));
    expect(receipt.details).toMatchObject({ admisImport: null, admissionsInFiles: 1 });
    expect((await received()).jobs).toEqual([]);
  });
});

describe('admission export: files and admis/import', () => {
  it('writes the three day files byte for byte and imports each admission once (SUCCES)', async () => {
    const first = await pegase.exportAdmission(lea, dayOf([]));
    await pegase.exportAdmission(leaSecondWish, dayOf([lea]));
    const last = await pegase.exportAdmission(omar, dayOf([lea, leaSecondWish]));
    const day = stamp();
    expect((await readdir(opiDir)).sort()).toEqual([`candidat-${day}.csv`, `candidature-${day}.csv`, `inscription-${day}.csv`]);
    for (const kind of ['candidat', 'candidature', 'inscription'])
      expect(await readFile(join(opiDir, `${kind}-${day}.csv`), 'utf8')).toBe(await fixture(`${kind}-20270201.csv`));
    expect(first.details.admisImport).toMatchObject({ etatCsvJob: 'SUCCES', alreadyImported: false, nomFichier: expect.stringMatching(/^admis-c1_1-/) });
    expect(last.details).toMatchObject({ admissionsInFiles: 3 });

    const r = await received();
    expect(r.jobs.map((j) => j.etatCsvJob)).toEqual(['SUCCES', 'SUCCES', 'SUCCES']);
    expect(r.jobs.map((j) => j.utilisateur)).toEqual(['svc-api', 'svc-api', 'svc-api']);
    expect(r.admissions.map((a) => [a.nomNaissance, a.codeVoeu, a.codePeriode, a.importe])).toEqual([
      ['MARTIN', 'MINFO-M1', '2026-P', true],
      ['MARTIN', 'MMIAGE-M1', '2026-P', true],
      ['BENALI', 'MINFO-M1', '2026-P', true],
    ]);
    expect(await importedPerKey()).toEqual({ c1_1: 1, c2_1: 1, c3_1: 1 });
  });

  it('exporting the same business key again imports nothing more', async () => {
    await pegase.exportAdmission(lea, dayOf([]));
    const again = await pegase.exportAdmission(lea, dayOf([lea]));
    expect(again.details.admisImport).toMatchObject({ etatCsvJob: 'SUCCES', alreadyImported: true });
    // Even with data changed since (the file differs): Pégase already holds this admission.
    await adapter().exportAdmission({ ...lea, candidate: { ...lea.candidate, phone: '0399999999' } }, dayOf([lea]));
    expect((await received()).jobs).toHaveLength(1);
    expect(await importedPerKey()).toEqual({ c1_1: 1 });
  });

  it("ECHEC: a SisValidationError with the error report's message, and the day files left as they were", async () => {
    await pegase.exportAdmission(lea, dayOf([]));
    const before = await readFile(join(opiDir, `candidature-${stamp()}.csv`), 'utf8');
    const bad = record(omar, { businessKey: 'c9:1', pegaseCode: 'INCONNUE-M1' });
    const err = (await pegase.exportAdmission(bad, dayOf([lea])).catch((e: Error) => e)) as SisValidationError;
    expect(err).toBeInstanceOf(SisValidationError);
    expect(err.message).toMatch(/Pégase a refusé l'import job-\d+ \(admis-c9_1-[0-9a-f]+\.csv\) : Ligne 2, code_voeu1 : formation INCONNUE-M1 inconnue\./);
    expect(err.details).toMatchObject({ report: expect.stringContaining('code_voeu1;inconnu;') });
    expect(await readFile(join(opiDir, `candidature-${stamp()}.csv`), 'utf8')).toBe(before);
    // Retried as is, the same refusal without sending the file again.
    await expect(pegase.exportAdmission(bad, dayOf([lea]))).rejects.toThrow(/formation INCONNUE-M1 inconnue/);
    expect((await received()).jobs.map((j) => j.etatCsvJob)).toEqual(['SUCCES', 'ECHEC']);
    // Fixed by an admin (the formation's Pégase code), the export goes through.
    await pegase.exportAdmission(record(omar, { businessKey: 'c9:1' }), dayOf([lea]));
    expect(await importedPerKey()).toEqual({ c1_1: 1, c9_1: 1 });
  });

  it('refuses before calling Pégase what Pégase cannot take: no address, no Pégase code, a field too long', async () => {
    await expect(pegase.exportAdmission({ ...lea, candidate: { ...lea.candidate, address: null } }, dayOf([]))).rejects.toThrow(/adresse manquante/);
    await expect(pegase.exportAdmission({ ...lea, formation: { ...lea.formation, pegaseCode: null } }, dayOf([]))).rejects.toThrow(/aucun code Pégase/);
    const longStreet = {
      ...lea,
      candidate: { ...lea.candidate, address: { ...lea.candidate.address!, line1: '12 rue du Général Charles de Gaulle prolongée' } },
    };
    await expect(pegase.exportAdmission(longStreet, dayOf([]))).rejects.toThrow(/adresse, voie \(38 caractères au plus\)/);
    expect((await stats()).calls).toEqual([]);
  });

  it('a withdrawal rewrites the files without the wish and imports nothing', async () => {
    await pegase.exportAdmission(lea, dayOf([]));
    await pegase.exportAdmission(omar, dayOf([lea]));
    // The export activity's same-day list leaves out Omar's admission: his candidature moved on to this later export.
    const receipt = await pegase.exportAdmission({ ...omar, businessKey: 'c3:2', kind: 'withdrawal' }, dayOf([lea]));
    expect(receipt.details).toMatchObject({ admisImport: null, admissionsInFiles: 1 });
    expect(await readFile(join(opiDir, `candidature-${stamp()}.csv`), 'utf8')).not.toContain('K7Q2M9ZA');
    expect((await received()).jobs).toHaveLength(2);
  });

  it('STOP: transient; the next attempt sends the file again and it is imported once', async () => {
    await inject({ path: '/api/ins/v1/*/admis/import', method: 'POST', kind: 'jobStop' });
    const { attempts, errors } = await withRetries(() => pegase.exportAdmission(lea, dayOf([])));
    expect(attempts).toBe(2);
    expect(errors[0]!.message).toMatch(/interrompu \(STOP\)/);
    expect((await received()).jobs.map((j) => j.etatCsvJob)).toEqual(['STOP', 'SUCCES']);
    expect(await importedPerKey()).toEqual({ c1_1: 1 });
  });

  it('a job still running when the wait ends is followed, not resent, by the next attempt', async () => {
    await admin('POST', '/__admin/config', { jobProcessingMs: 600 });
    const impatient = adapter({ importTimeoutMs: 50 });
    const { attempts, errors } = await withRetries(() => impatient.exportAdmission(lea, dayOf([])), 100);
    expect(attempts).toBeGreaterThan(1);
    expect(errors[0]!.message).toMatch(/encore EN_COURS/);
    expect((await received()).jobs).toHaveLength(1);
    expect(await importedPerKey()).toEqual({ c1_1: 1 });
  });

  it('Pégase down for a while, then back: every export arrives exactly once', async () => {
    const records = [lea, leaSecondWish, omar];
    // Down: every INS call fails with 503 for a while; then the import of each file is done but its
    // answer lost (the caller cannot know it went through); then a rate limit.
    await inject({ path: '/api/ins/v1/*', kind: 'http5xx', status: 503, count: 4 });
    await inject({ path: '/api/ins/v1/*/admis/import', method: 'POST', kind: 'lostResponse', count: 3 });
    await inject({ path: '/api/ins/v1/*', kind: 'tooMany', retryAfter: 1, count: 1 });
    const exported: AdmissionRecord[] = [];
    let failures = 0;
    for (const r of records) {
      const { errors } = await withRetries(() => pegase.exportAdmission(r, dayOf([...exported])), 20);
      failures += errors.length;
      expect(errors.every((e) => e instanceof SisTransientError)).toBe(true);
      exported.push(r);
    }
    expect(failures).toBeGreaterThanOrEqual(8);
    expect(await importedPerKey()).toEqual({ c1_1: 1, c2_1: 1, c3_1: 1 });
    expect((await received()).jobs).toHaveLength(3);
    for (const kind of ['candidat', 'candidature', 'inscription'])
      expect(await readFile(join(opiDir, `${kind}-${stamp()}.csv`), 'utf8')).toBe(await fixture(`${kind}-20270201.csv`));
  });
});
