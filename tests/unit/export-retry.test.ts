// domain/export-retry.ts: the SIS export's backoff, the least an attempt waits even when the SIS asks
// for less (Retry-After): the attempts then span more than ten minutes of throttling.
import { describe, expect, it } from 'vitest';
import { EXPORT_RETRY, exportBackoffSeconds } from '../../domain/export-retry.ts';

describe('exportBackoffSeconds', () => {
  it('doubles from 2 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5].map(exportBackoffSeconds)).toEqual([2, 4, 8, 16, 32]);
    expect(exportBackoffSeconds(20)).toBe(300);
  });

  it('leaves more than ten minutes between the first and the last attempt (an SIS down for a while)', () => {
    const waits = Array.from({ length: EXPORT_RETRY.maximumAttempts - 1 }, (_, i) => exportBackoffSeconds(i + 1));
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(600);
  });
});
