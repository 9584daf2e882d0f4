// Deadline calculators (domain/deadlines.ts): Paris days, summer/winter time, overrides.
import { describe, expect, it } from 'vitest';
import { confirmationDeadline, nextExportBatchAt, overrideInstant, reminderAt, returnDeadline, type FormationDates } from '../../domain/deadlines.ts';

const formation: FormationDates = {
  returnDeadline: '2027-03-26',
  confirmationOn: '2027-07-20',
  confirmationDelayDays: 8,
  lcConfirmationOn: '2027-08-31',
  lcConfirmationDelayDays: null,
};

describe('overrideInstant', () => {
  it('reads a Paris day as its last millisecond, an ISO instant as itself, and nothing else', () => {
    expect(overrideInstant('2027-01-15')?.toISOString()).toBe('2027-01-15T22:59:59.999Z');
    expect(overrideInstant('2027-07-15')?.toISOString()).toBe('2027-07-15T21:59:59.999Z');
    expect(overrideInstant('2027-07-15T08:00:00+02:00')?.toISOString()).toBe('2027-07-15T06:00:00.000Z');
    expect(overrideInstant('15/07/2027')).toBeNull();
    expect(overrideInstant('2027-13-45')).toBeNull();
  });
});

describe('returnDeadline', () => {
  it('is the formation date, or an override that is not earlier', () => {
    expect(returnDeadline(formation, null)).toBe('2027-03-26T22:59:59.999Z');
    expect(returnDeadline(formation, '2027-03-20T10:00:00.000Z')).toBe('2027-03-26T22:59:59.999Z');
    // 29 March is after the switch to summer time (28 March 2027): UTC+2.
    expect(returnDeadline(formation, '2027-03-29T21:59:59.999Z')).toBe('2027-03-29T21:59:59.999Z');
    expect(returnDeadline({ ...formation, returnDeadline: null }, null)).toBeNull();
    expect(returnDeadline({ ...formation, returnDeadline: null }, '2027-01-01T00:00:00.000Z')).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('confirmationDeadline', () => {
  it('uses the override, else validation day + delay (Paris day), else the fixed date', () => {
    // Validated on 30 June at 23:30 in Paris (21:30 UTC): the Paris day counts, not the UTC one.
    const validated = new Date('2027-06-30T21:30:00Z');
    expect(confirmationDeadline(formation, validated)).toBe('2027-07-08T21:59:59.999Z');
    expect(confirmationDeadline({ ...formation, confirmationDelayDays: null }, validated)).toBe('2027-07-20T21:59:59.999Z');
    expect(confirmationDeadline({ ...formation, confirmationDelayDays: null, confirmationOn: null }, validated)).toBeNull();
    expect(confirmationDeadline(formation, validated, { override: '2027-07-01T12:00:00.000Z' })).toBe('2027-07-01T12:00:00.000Z');
  });

  it('uses the complementary-list dates for a promotion', () => {
    const validated = new Date('2027-07-25T10:00:00Z');
    expect(confirmationDeadline(formation, validated, { promotion: true })).toBe('2027-08-31T21:59:59.999Z');
    expect(confirmationDeadline({ ...formation, lcConfirmationDelayDays: 2 }, validated, { promotion: true })).toBe('2027-07-27T21:59:59.999Z');
    expect(confirmationDeadline({ ...formation, lcConfirmationOn: null }, validated, { promotion: true })).toBeNull();
  });

  it('crosses the end of summer time (31 October 2027) on Paris days', () => {
    expect(confirmationDeadline(formation, new Date('2027-10-28T12:00:00Z'))).toBe('2027-11-05T22:59:59.999Z');
  });
});

describe('reminderAt', () => {
  it('is the start of the Paris day N days before the deadline, when after the publication', () => {
    expect(reminderAt('2027-07-08T21:59:59.999Z', 2, '2027-06-30T21:30:00Z')).toBe('2027-07-05T22:00:00.000Z');
    expect(reminderAt('2027-07-08T21:59:59.999Z', 0, '2027-06-30T21:30:00Z')).toBe('2027-07-07T22:00:00.000Z');
    expect(reminderAt('2027-07-02T21:59:59.999Z', 2, '2027-06-30T21:30:00Z')).toBeNull();
  });
});

describe('nextExportBatchAt', () => {
  it('is today at the batch time in Paris if still ahead, else tomorrow', () => {
    expect(nextExportBatchAt(new Date('2027-07-10T10:00:00Z'), '22:00')).toBe('2027-07-10T20:00:00.000Z');
    expect(nextExportBatchAt(new Date('2027-07-10T20:00:00Z'), '22:00')).toBe('2027-07-11T20:00:00.000Z');
    expect(nextExportBatchAt(new Date('2027-01-10T22:30:00Z'), '06:15')).toBe('2027-01-11T05:15:00.000Z');
  });
});
