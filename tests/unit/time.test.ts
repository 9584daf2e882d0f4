import { describe, expect, it } from 'vitest';
import { addDays, endOfParisDay, parisDate, startOfParisDay, withinParisDates } from '../../domain/time.ts';

describe('Paris calendar', () => {
  it('ends a winter day at 22:59:59.999 UTC (UTC+1)', () => {
    expect(endOfParisDay('2027-01-15').toISOString()).toBe('2027-01-15T22:59:59.999Z');
  });
  it('ends a summer day at 21:59:59.999 UTC (UTC+2)', () => {
    expect(endOfParisDay('2027-07-15').toISOString()).toBe('2027-07-15T21:59:59.999Z');
  });
  it('starts the day of the spring DST change at 23:00 UTC the day before', () => {
    expect(startOfParisDay('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(endOfParisDay('2027-03-28').toISOString()).toBe('2027-03-28T21:59:59.999Z');
  });
  it('tells the Paris date of an instant near midnight', () => {
    expect(parisDate(new Date('2027-07-15T22:30:00Z'))).toBe('2027-07-16');
    expect(parisDate(new Date('2027-01-15T22:30:00Z'))).toBe('2027-01-15');
  });
  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-28', 8)).toBe('2027-01-05');
  });
  it('includes both bounds of a window', () => {
    expect(withinParisDates(new Date('2027-06-30T21:59:59Z'), '2026-09-01', '2027-06-30')).toBe(true);
    expect(withinParisDates(new Date('2027-06-30T22:00:00Z'), '2026-09-01', '2027-06-30')).toBe(false);
    expect(withinParisDates(new Date('2026-08-31T22:00:00Z'), '2026-09-01', '2027-06-30')).toBe(true);
    expect(withinParisDates(new Date('2026-08-31T21:59:59Z'), '2026-09-01', '2027-06-30')).toBe(false);
  });
});
