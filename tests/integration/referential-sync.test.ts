// The referential synchronisation (workflows/referential-sync.ts) through the admin API, against the
// real Pégase simulator over HTTP, the Temporal dev server and PostgreSQL: a run fills the sis_*
// tables and a second one changes nothing; a code that vanished from Pégase is marked out of service
// (and back in service when it returns); a failing list is reported failed with Pégase's message
// while the others go on, with its progress readable while it runs; a second run is refused while
// one is under way; the admin routes refuse a non-admin and bad parameters; the daily schedules
// exist. The sis_* tables are put back as they were at the end (the test database is shared).
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENTIAL_TABLES } from '../../activities/referential-sync.ts';
import { connectTemporal } from '../../api/temporal.ts';
import { REFERENTIAL_LISTS } from '../../sis/port.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { captureHistory } from '../support/histories.ts';

let t: TestApp;
let temporal: Client;
let admin: string;
/** The sis_* tables as they were before this file, put back at the end. */
const snapshot = new Map<string, unknown[]>();
const TABLES = [...new Set(Object.values(REFERENTIAL_TABLES).map((s) => s.table))];

/** Lists the Pégase adapter does not provide (reference sis-apis.md §2.2): skipped. */
const NOT_IN_PEGASE = ['bacOptions', 'bacSeriesSpecialities', 'bacSeriesOptions', 'managementCentres', 'users', 'exemptionCategories', 'regimes', 'statuts'];

beforeAll(async () => {
  t = await startTestApp();
  temporal = await connectTemporal(t.config);
  admin = await t.login('admin');
  for (const table of TABLES) snapshot.set(table, await t.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`));
}, 120_000);

afterAll(async () => {
  if (t) {
    await t.db.$transaction(async (tx) => {
      for (const [table, rows] of snapshot) {
        await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
        await tx.$executeRawUnsafe(`INSERT INTO "${table}" SELECT * FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, JSON.stringify(rows));
      }
    });
  }
  await temporal?.connection.close();
  await t?.stop();
});

async function startSync(sisType = 'P'): Promise<string> {
  const res = await t.api('POST', `/api/admin/referentials/${sisType}/sync`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.workflowId).toMatch(new RegExp(`^referential-sync-${sisType}-`));
  return res.body.workflowId;
}

/** Follows a run until it ends; every answer on the way is a consistent progress. */
async function finished(workflowId: string) {
  const last = await t.eventually(
    async () => {
      const res = await t.api('GET', `/api/admin/referentials/sync/${workflowId}`, { token: admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.done).toBe(res.body.lists.length);
      return res.body;
    },
    (p) => p.status !== 'running',
    60_000,
  );
  expect(last.done).toBe(REFERENTIAL_LISTS.length);
  expect(last.lists.map((l: any) => l.list)).toEqual([...REFERENTIAL_LISTS]);
  expect(last.current).toBeNull();
  return last;
}

const reportOf = (run: any, list: string) => run.lists.find((l: any) => l.list === list);
const simulator = (method: string, path: string, body?: unknown) =>
  fetch(`${t.pegase!.url}${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });

describe('referential synchronisation', () => {
  it('a Pégase sync fills the typed tables; a second run changes nothing', async () => {
    const first = await finished(await startSync());
    expect(first.status, JSON.stringify(first.lists.filter((l: any) => l.status === 'failed'))).toBe('ok');
    expect(first.requestedBy).toBe('admin');
    for (const list of REFERENTIAL_LISTS) expect(reportOf(first, list).status, list).toBe(NOT_IN_PEGASE.includes(list) ? 'skipped' : 'ok');
    expect(first.counts).toEqual({ ok: REFERENTIAL_LISTS.length - NOT_IN_PEGASE.length, skipped: NOT_IN_PEGASE.length, failed: 0 });
    expect(reportOf(first, 'countries').received).toBeGreaterThan(30);

    // The typed tables, for the Pégase SIS type.
    expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: '100', sisType: 'P' } } })).toMatchObject({
      label: 'France',
      nationalityLabel: 'française',
      active: true,
    });
    expect(
      await t.db.sisPostcodeCommune.findUnique({ where: { postcode_communeCode_sisType: { postcode: '06000', communeCode: '06088', sisType: 'P' } } }),
    ).toMatchObject({ active: true });
    expect(await t.db.sisCommune.findUnique({ where: { code_sisType: { code: '06088', sisType: 'P' } } })).toMatchObject({
      label: 'Nice',
      departmentCode: '006',
    });
    expect(await t.db.sisEstablishment.findUnique({ where: { code_sisType: { code: '0060100A', sisType: 'P' } } })).toMatchObject({
      typeCode: 'LYC',
      communeCode: '06088',
      active: true,
    });
    expect(await t.db.sisResultType.findUnique({ where: { code_sisType: { code: 'ADM', sisType: 'P' } } })).toMatchObject({ positive: true });
    expect(await t.db.sisAcademicYear.findUnique({ where: { code_sisType: { code: '2015-P', sisType: 'P' } } })).toMatchObject({ year: 2015, status: 'F' });
    expect(await t.db.sisCountry.count({ where: { sisType: 'P', active: true } })).toBe(reportOf(first, 'countries').received);

    // Idempotent: the same answers change nothing.
    const second = await finished(await startSync());
    expect(second.status).toBe('ok');
    for (const r of second.lists.filter((l: any) => l.status === 'ok')) {
      expect(r, r.list).toMatchObject({ inserted: 0, updated: 0, deactivated: 0 });
      expect(r.received, r.list).toBe(reportOf(first, r.list).received);
    }

    // The last runs, newest first; the rows as the back office reads them.
    const runs = await t.api('GET', '/api/admin/referentials/P/runs?limit=2', { token: admin });
    expect(runs.status).toBe(200);
    expect(runs.body.runs.map((r: any) => r.workflowId)).toEqual([second.workflowId, first.workflowId]);
    expect(runs.body.runs[1]).toMatchObject({ status: 'ok', requestedBy: 'admin', counts: first.counts });
    expect(runs.body.runs[1].lists).toEqual(first.lists);
    const countries = await t.api('GET', '/api/admin/referentials/P/countries?active=true', { token: admin });
    expect(countries.status).toBe(200);
    expect(countries.body.total).toBe(reportOf(first, 'countries').received);
    expect(countries.body.rows).toContainEqual({
      code: '100',
      label: 'France',
      active: true,
      details: expect.objectContaining({ nationalityLabel: 'française' }),
    });
    const postcodes = await t.api('GET', '/api/admin/referentials/P/postcodeCommunes?limit=1', { token: admin });
    expect(postcodes.body.rows[0]).toMatchObject({ code: expect.any(String), details: { communeCode: expect.any(String) } });

    // The request is in the audit trail.
    expect(await t.db.auditEvent.count({ where: { action: 'REFERENTIAL_SYNC_REQUESTED', details: { equals: { workflowId: first.workflowId } } } })).toBe(1);
  });

  it('a code vanished from Pégase is marked out of service (never deleted), and back in service when it returns', async () => {
    const gone = (await t.db.sisCountry.findFirst({ where: { sisType: 'P', active: true, NOT: { code: '100' } }, orderBy: { code: 'asc' } }))!;
    expect((await simulator('DELETE', `/__admin/nomenclatures/PaysNationalite/${gone.code}`)).status).toBe(200);

    const without = await finished(await startSync());
    expect(without.status).toBe('ok');
    expect(reportOf(without, 'countries')).toMatchObject({ status: 'ok', inserted: 0, updated: 0, deactivated: 1 });
    expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: gone.code, sisType: 'P' } } })).toMatchObject({
      label: gone.label,
      active: false,
    });
    const out = await t.api('GET', '/api/admin/referentials/P/countries?active=false', { token: admin });
    expect(out.body.rows.map((r: any) => r.code)).toContain(gone.code);
    expect((await t.api('GET', '/api/admin/referentials/P/countries?active=true', { token: admin })).body.rows.map((r: any) => r.code)).not.toContain(
      gone.code,
    );

    expect((await simulator('POST', '/__admin/nomenclatures/PaysNationalite/restore')).status).toBe(200);
    const back = await finished(await startSync());
    expect(reportOf(back, 'countries')).toMatchObject({ status: 'ok', inserted: 0, updated: 1, deactivated: 0 });
    expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: gone.code, sisType: 'P' } } })).toMatchObject({ active: true });
  });

  it('a referential sync with a failing list: reported failed with the SIS message after its attempts, the other lists go on; progress while it runs; one run at a time', async () => {
    const faults = await simulator('POST', '/__admin/faults', [
      // Pégase down for the countries: retried, then failed.
      { path: '/api/v1/ref/nomenclatures/PaysNationalite/*', kind: 'http5xx', status: 503, count: null },
      // Pégase refusing the departments: not retried.
      { path: '/api/v1/ref/nomenclatures/Departement/*', kind: 'http5xx', status: 400, count: null },
      // Slow communes: time to read the progress while it runs.
      { path: '/api/v1/ref/nomenclatures/Commune/*', kind: 'latency', ms: 2500, count: 1 },
    ]);
    expect(faults.status).toBe(201);
    try {
      const workflowId = await startSync();

      const during = await t.eventually(
        async () => (await t.api('GET', `/api/admin/referentials/sync/${workflowId}`, { token: admin })).body,
        (p) => p.current === 'communes',
        30_000,
      );
      expect(during).toMatchObject({ status: 'running', total: REFERENTIAL_LISTS.length, done: 2 });
      expect(during.lists.map((l: any) => [l.list, l.status])).toEqual([
        ['countries', 'failed'],
        ['departments', 'failed'],
      ]);
      // One run at a time: refused while this one runs.
      const again = await t.api('POST', '/api/admin/referentials/P/sync', { token: admin });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.body.detail).toContain(workflowId);

      const run = await finished(workflowId);
      expect(run.status).toBe('partial');
      expect(run.counts).toEqual({ ok: REFERENTIAL_LISTS.length - NOT_IN_PEGASE.length - 2, skipped: NOT_IN_PEGASE.length, failed: 2 });
      expect(reportOf(run, 'countries')).toMatchObject({
        status: 'failed',
        errorType: 'SisTransientError',
        received: 0,
        inserted: 0,
        updated: 0,
        deactivated: 0,
      });
      expect(reportOf(run, 'countries').error).toMatch(/HTTP 503.*Erreur 503 simulée/);
      expect(reportOf(run, 'departments')).toMatchObject({ status: 'failed', errorType: 'SisValidationError' });
      expect(reportOf(run, 'departments').error).toMatch(/HTTP 400.*Erreur 400 simulée/);
      expect(reportOf(run, 'communes')).toMatchObject({ status: 'ok', inserted: 0, updated: 0, deactivated: 0 });
      // A failed list leaves its table as it was.
      expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: '100', sisType: 'P' } } })).toMatchObject({ active: true });

      // Attempts: three for the unavailable SIS, one for the refusal (the workflow's history).
      const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
      const scheduled = new Map<string, string>();
      const attempts: Record<string, number> = {};
      for (const e of history.events ?? []) {
        const s = e.activityTaskScheduledEventAttributes;
        if (s) scheduled.set(String(e.eventId), (JSON.parse(Buffer.from(s.input!.payloads![0]!.data!).toString()) as { list?: string }).list ?? '');
        const started = e.activityTaskStartedEventAttributes;
        if (started) attempts[scheduled.get(String(started.scheduledEventId))!] = started.attempt!;
      }
      expect(attempts.countries).toBe(3);
      expect(attempts.departments).toBe(1);

      // The recorded run says the same.
      const runs = await t.api('GET', '/api/admin/referentials/P/runs?limit=1', { token: admin });
      expect(runs.body.runs[0]).toMatchObject({ workflowId, status: 'partial', counts: run.counts, lists: run.lists });

      await captureHistory('referential-sync-failing-list', temporal.workflow.getHandle(workflowId));
    } finally {
      await simulator('DELETE', '/__admin/faults');
    }
  });

  it('a run terminated by an operator shows interrupted and does not block the next one', async () => {
    await simulator('POST', '/__admin/faults', { path: '/api/v1/ref/nomenclatures/PaysNationalite/*', kind: 'latency', ms: 3000, count: 1 });
    const workflowId = await startSync();
    await temporal.workflow.getHandle(workflowId).terminate('test: interrupted by an operator');
    const run = await t.api('GET', `/api/admin/referentials/sync/${workflowId}`, { token: admin });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ workflowId, status: 'interrupted', requestedBy: 'admin' });
    const runs = await t.api('GET', '/api/admin/referentials/P/runs?limit=1', { token: admin });
    expect(runs.body.runs[0]).toMatchObject({ workflowId, status: 'interrupted' });
    const next = await finished(await startSync());
    expect(next.status).toBe('ok');
  });

  it('an Apogée sync: every list Apogée has (birth communes skipped), Apogée down for the first list only, then idempotent', async () => {
    // The first three table reads fail: the countries' three attempts.
    const fault = await fetch(`${t.apogee!.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'db.table', kind: 'http5xx', status: 503, count: 3 }),
    });
    expect(fault.status).toBeLessThan(300);
    const first = await finished(await startSync('A'));
    expect(first.status).toBe('partial');
    expect(reportOf(first, 'countries')).toMatchObject({ status: 'failed', errorType: 'SisTransientError' });
    expect(reportOf(first, 'countries').error).toContain('503');
    for (const list of REFERENTIAL_LISTS.filter((l) => l !== 'countries'))
      expect(reportOf(first, list).status, list).toBe(list === 'birthCommunes' ? 'skipped' : 'ok');
    // Lists Pégase does not have, in their tables for Apogée.
    expect(await t.db.sisUser.findUnique({ where: { code_sisType: { code: 'SCOLDRT', sisType: 'A' } } })).toMatchObject({
      managementCentreCode: 'DRT',
      active: true,
    });
    expect(await t.db.sisManagementCentre.findUnique({ where: { code_sisType: { code: 'DRT', sisType: 'A' } } })).toMatchObject({ active: true });
    expect(
      await t.db.sisBacSpecialtyLink.findUnique({ where: { bacCode_specialtyCode_sisType: { bacCode: 'GEN', specialtyCode: 'MATH', sisType: 'A' } } }),
    ).toMatchObject({
      active: true,
    });
    expect(await t.db.sisBacOptionLink.count({ where: { sisType: 'A', active: true } })).toBe(reportOf(first, 'bacSeriesOptions').received);
    // Rows Apogée itself has out of service (TEM_EN_SVE = N) stay so.
    expect(await t.db.sisBac.count({ where: { sisType: 'A', active: false } })).toBeGreaterThan(0);
    // Apogée's referential did not touch Pégase's.
    expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: '100', sisType: 'P' } } })).toMatchObject({ label: 'France' });

    const second = await finished(await startSync('A'));
    expect(second.status).toBe('ok');
    expect(reportOf(second, 'countries')).toMatchObject({ status: 'ok' });
    expect(await t.db.sisCountry.findUnique({ where: { code_sisType: { code: '100', sisType: 'A' } } })).toMatchObject({ label: 'FRANCE', active: true });
    for (const r of second.lists.filter((l: any) => l.status === 'ok' && l.list !== 'countries'))
      expect(r, r.list).toMatchObject({ inserted: 0, updated: 0, deactivated: 0 });
    const runs = await t.api('GET', '/api/admin/referentials/A/runs', { token: admin });
    expect(runs.body.runs.map((r: any) => r.workflowId).slice(0, 2)).toEqual([second.workflowId, first.workflowId]);
  });

  it('the admin API refuses a non-admin (403) and bad parameters (400 naming the field); an unknown run is 404', async () => {
    const centre = await t.login('centre');
    for (const [method, path] of [
      ['POST', '/api/admin/referentials/P/sync'],
      ['GET', '/api/admin/referentials/P/runs'],
      ['GET', '/api/admin/referentials/P/countries'],
      ['GET', '/api/admin/referentials/P/schedule'],
    ] as const) {
      const res = await t.api(method, path, { token: centre });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await t.api(method, path)).status, path).toBe(401);
    }
    for (const sisType of ['X', 'D', 'p']) {
      const res = await t.api('POST', `/api/admin/referentials/${sisType}/sync`, { token: admin });
      expect(res.status, sisType).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toEqual(['sisType']);
    }
    const list = await t.api('GET', '/api/admin/referentials/P/planets', { token: admin });
    expect(list.status).toBe(400);
    expect(list.body.errors.map((e: any) => e.field)).toEqual(['list']);
    const active = await t.api('GET', '/api/admin/referentials/P/countries?active=maybe', { token: admin });
    expect(active.status).toBe(400);
    expect(active.body.errors.map((e: any) => e.field)).toEqual(['active']);
    const badId = await t.api('GET', '/api/admin/referentials/sync/bulk-123', { token: admin });
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e: any) => e.field)).toEqual(['workflowId']);
    expect((await t.api('GET', '/api/admin/referentials/sync/referential-sync-P-2000-01-01T00:00:00Z', { token: admin })).status).toBe(404);
    // Documented.
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    for (const path of [
      '/api/admin/referentials/{sisType}/sync',
      '/api/admin/referentials/sync/{workflowId}',
      '/api/admin/referentials/{sisType}/runs',
      '/api/admin/referentials/{sisType}/schedule',
      '/api/admin/referentials/{sisType}/{list}',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
  });

  it('each SIS in use has its daily schedule: 03:30 Europe/Paris, overlaps skipped, on the worker’s task queue', async () => {
    for (const sisType of ['A', 'P']) {
      const d = await temporal.schedule.getHandle(`referential-sync-${sisType}`).describe();
      expect(d.spec.timezone).toBe('Europe/Paris');
      expect(d.spec.calendars).toHaveLength(1);
      expect(d.spec.calendars![0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
      expect(d.policies.overlap).toBe('SKIP');
      expect(d.state.paused).toBe(false);
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'referentialSyncWorkflow', taskQueue: t.config.taskQueue, args: [{ sisType }] });
      // The next run is within a day, at 03:30 in Paris.
      const next = d.info.nextActionTimes[0]!;
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
      expect(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('03:30');
    }
    const res = await t.api('GET', '/api/admin/referentials/P/schedule', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scheduleId: 'referential-sync-P', cron: '30 3 * * *', timezone: 'Europe/Paris', paused: false, running: [] });
    expect(res.body.nextRunsAt.length).toBeGreaterThan(0);
  });
});

describe('the referential tables', () => {
  it('each list’s columns (domain/referential-columns.ts) are exactly its sis_* table’s columns in the database, types and sizes', async () => {
    const sqlType = { text: 'character varying', int: 'integer', boolean: 'boolean' } as const;
    for (const list of REFERENTIAL_LISTS) {
      const spec = REFERENTIAL_TABLES[list];
      const inDatabase = await t.db.$queryRawUnsafe<{ column_name: string; data_type: string; character_maximum_length: number | null }[]>(
        'SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = $1',
        spec.table,
      );
      const actual = Object.fromEntries(
        inDatabase.filter((c) => c.column_name !== 'sis_type').map((c) => [c.column_name, `${c.data_type}(${c.character_maximum_length ?? ''})`]),
      );
      const expected = Object.fromEntries([...spec.keys, ...spec.values].map((c) => [c.column, `${sqlType[c.type]}(${c.type === 'text' ? c.max : ''})`]));
      expect({ list, columns: expected }).toEqual({ list, columns: actual });
    }
  });
});

describe('referentials kept by hand (campaigns with no SIS, type D)', () => {
  const put = (list: string, code: string, body: unknown, token = admin) => t.api('PUT', `/api/admin/referentials/D/${list}/${code}`, { token, body });

  it('an admin creates, changes and puts out of service a row; the list shows it; each save is audited', async () => {
    const created = await put('countries', '100', { label: 'France', details: { nationalityLabel: 'Française' } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ code: '100', label: 'France', active: true, details: { nationalityLabel: 'Française', shortLabel: null } });
    expect((await put('countries', '216', { label: 'Suisse', shortLabel: 'CH' })).status).toBe(200);

    const renamed = await put('countries', '216', { label: 'Confédération suisse', shortLabel: 'CH', active: false });
    expect(renamed.body).toMatchObject({ code: '216', label: 'Confédération suisse', active: false });
    const inService = await t.api('GET', '/api/admin/referentials/D/countries?active=true', { token: admin });
    expect(inService.body.rows.map((r: { code: string }) => r.code)).toEqual(['100']);
    const out = await t.api('GET', '/api/admin/referentials/D/countries?active=false', { token: admin });
    expect(out.body.rows).toEqual([expect.objectContaining({ code: '216', label: 'Confédération suisse' })]);
    // The other SIS types' rows are untouched: the same code lives beside them.
    expect(await t.db.sisCountry.count({ where: { code: '216', sisType: 'D' } })).toBe(1);

    // A postcode row's key includes its commune.
    const postcode = await put('postcodeCommunes', '75004', { label: 'PARIS 04', details: { communeCode: '75056' } });
    expect(postcode.status, JSON.stringify(postcode.body)).toBe(200);
    expect(postcode.body).toMatchObject({ code: '75004', details: { communeCode: '75056' } });

    // A bac link has no label, its key has two parts; an academic year is opened by its status.
    const link = await put('bacSeriesSpecialities', 'GEN', { details: { specialtyCode: 'MATHS' } });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body).toMatchObject({ code: 'GEN', active: true, details: { specialtyCode: 'MATHS' } });
    const year = await put('academicYears', '2026', { label: 'Année 2026/2027', details: { status: 'O', year: 2026 } });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    expect(year.body).toMatchObject({ code: '2026', details: { status: 'O', year: 2026 } });
    const badYear = await put('academicYears', '2027', { label: 'Année 2027/2028', details: { year: 'deux mille' } });
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors).toEqual([expect.objectContaining({ field: 'details.year' })]);

    const audit = await t.db.auditEvent.findMany({ where: { subject: { startsWith: 'referential:D:countries:' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actor, a.action, a.subject])).toEqual([
      ['admin', 'REFERENTIAL_ROW_SAVED', 'referential:D:countries:100'],
      ['admin', 'REFERENTIAL_ROW_SAVED', 'referential:D:countries:216'],
      ['admin', 'REFERENTIAL_ROW_SAVED', 'referential:D:countries:216'],
    ]);
  });

  it('refuses hand edits of synchronised lists (409), a key part missing or an unknown column (400 naming it), a non-admin (403)', async () => {
    const synced = await t.api('PUT', '/api/admin/referentials/P/countries/100', { token: admin, body: { label: 'France' } });
    expect(synced.status).toBe(409);
    expect(synced.body.errors).toEqual([expect.objectContaining({ field: 'sisType' })]);
    const noCommune = await put('postcodeCommunes', '75004', { label: 'PARIS 04' });
    expect(noCommune.status).toBe(400);
    expect(noCommune.body.errors).toEqual([expect.objectContaining({ field: 'details.communeCode' })]);
    const unknownColumn = await put('countries', '999', { label: 'Nulle part', details: { capital: 'X' } });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.errors).toEqual([expect.objectContaining({ field: 'details.capital' })]);
    const noLabel = await put('countries', '999', { label: '' });
    expect(noLabel.status).toBe(400);
    expect(JSON.stringify(noLabel.body)).toContain('label');
    expect((await put('countries', '999', { label: 'Nulle part' }, await t.login('centre'))).status).toBe(403);
    expect(await t.db.sisCountry.count({ where: { code: '999' } })).toBe(0);
  });
});
