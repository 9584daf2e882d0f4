// The pure parts of the referential synchronisation: every list has its table, rows are prepared for
// it (keys checked, repeated keys and codes too long rejected, labels cut), and a run's outcome.
import { describe, expect, it } from 'vitest';
import { REFERENTIAL_TABLES, tableRows } from '../../activities/referential-sync.ts';
import { referentialScheduleId, sisTypeOfSyncWorkflow, syncOutcome, type ListReport } from '../../domain/referential-sync.ts';
import { REFERENTIAL_LISTS } from '../../sis/port.ts';

const report = (status: ListReport['status']): ListReport => ({
  list: 'countries',
  status,
  received: 0,
  inserted: 0,
  updated: 0,
  deactivated: 0,
  rejected: 0,
});

describe('referential synchronisation rules', () => {
  it('maps every list of the port onto a sis_* table with an active column', () => {
    for (const list of REFERENTIAL_LISTS) {
      const spec = REFERENTIAL_TABLES[list];
      expect(spec.table, list).toMatch(/^sis_/);
      expect(
        spec.values.map((c) => c.column),
        list,
      ).toContain('active');
      expect(spec.keys.length, list).toBeGreaterThan(0);
    }
    expect(REFERENTIAL_TABLES.postcodeCommunes.keys.map((k) => k.column)).toEqual(['postcode', 'commune_code']);
    expect(REFERENTIAL_TABLES.bacSeriesSpecialities.keys.map((k) => k.column)).toEqual(['bac_code', 'specialty_code']);
    expect(REFERENTIAL_TABLES.bacSeriesOptions.keys.map((k) => k.column)).toEqual(['bac_code', 'option_code']);
  });

  it('prepares rows: repeated keys, missing or too long codes rejected; labels cut; in service unless the SIS says otherwise', () => {
    const item = (code: string, extra: Record<string, unknown> = {}) => ({
      code,
      label: `Pays ${code}`,
      shortLabel: null,
      active: true,
      nationalityLabel: null,
      ...extra,
    });
    const { rows, rejected } = tableRows(REFERENTIAL_TABLES.countries, [
      item('100', { nationalityLabel: 'française' }),
      item('100', { label: 'Doublon' }),
      item(''),
      item('12345678901'),
      item('134', { label: 'E'.repeat(300), active: false }),
      item('212', { active: undefined }),
    ]);
    expect(rejected).toBe(3);
    expect(rows).toEqual([
      { code: '100', label: 'Pays 100', short_label: null, nationality_label: 'française', active: true },
      { code: '134', label: 'E'.repeat(255), short_label: null, nationality_label: null, active: false },
      { code: '212', label: 'Pays 212', short_label: null, nationality_label: null, active: true },
    ]);
    // Two-column keys: the same postcode serves several communes.
    const postcodes = tableRows(REFERENTIAL_TABLES.postcodeCommunes, [
      { code: '54000', communeCode: '54395', label: 'NANCY', shortLabel: null, active: true },
      { code: '54000', communeCode: '54547', label: 'VANDOEUVRE', shortLabel: null, active: true },
      { code: '54000', communeCode: '54395', label: 'NANCY', shortLabel: null, active: true },
    ]);
    expect(postcodes.rows.map((r) => [r.postcode, r.commune_code])).toEqual([
      ['54000', '54395'],
      ['54000', '54547'],
    ]);
    expect(postcodes.rejected).toBe(1);
  });

  it('a run is ok without a failed list, failed when no list succeeded, partial otherwise', () => {
    expect(syncOutcome([report('ok'), report('skipped')])).toBe('ok');
    expect(syncOutcome([report('ok'), report('failed')])).toBe('partial');
    expect(syncOutcome([report('failed'), report('skipped')])).toBe('failed');
    expect(syncOutcome([])).toBe('ok');
  });

  it('names schedules and runs by SIS type', () => {
    expect(referentialScheduleId('P')).toBe('referential-sync-P');
    expect(sisTypeOfSyncWorkflow('referential-sync-A-2026-12-01T02:30:00Z')).toBe('A');
    expect(sisTypeOfSyncWorkflow('bulk-123')).toBeNull();
  });
});
