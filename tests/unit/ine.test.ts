import { describe, expect, it } from 'vitest';
import { checkIneFormat, INE_KEY_LETTERS } from '../../domain/ine.ts';

describe('INE format (local check before any SIS)', () => {
  it('accepts the three national formats with a key letter', () => {
    expect(checkIneFormat('0123456789', 'K')).toEqual({ ok: true, ine: '0123456789', key: 'K', format: 'INE-RNIE' });
    expect(checkIneFormat('123456789A', 'B')).toEqual({ ok: true, ine: '123456789A', key: 'B', format: 'INES' });
    expect(checkIneFormat('1234A56789', 'Z')).toEqual({ ok: true, ine: '1234A56789', key: 'Z', format: 'INE-SIFA' });
  });

  it('normalises case, spaces and dashes, and splits an 11-character INE given whole', () => {
    expect(checkIneFormat(' 123 456 789a ', 'b')).toMatchObject({ ok: true, ine: '123456789A', key: 'B' });
    expect(checkIneFormat('123456789AB')).toMatchObject({ ok: true, ine: '123456789A', key: 'B', format: 'INES' });
    expect(checkIneFormat('123456789AB', '')).toMatchObject({ ok: true, ine: '123456789A', key: 'B' });
  });

  it('refuses a missing INE or a wrong length, naming the ine field', () => {
    expect(checkIneFormat('', 'B')).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat(null)).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat('12345', 'B')).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat('1234567890123', 'B')).toMatchObject({ ok: false, field: 'ine' });
  });

  it('refuses 10 characters in no known format', () => {
    expect(checkIneFormat('ABCDEFGHIJ', 'K')).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat('12345678AB', 'K')).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat('12345B6789', 'K')).toMatchObject({ ok: false, field: 'ine' });
    expect(checkIneFormat('123456789é', 'K')).toMatchObject({ ok: false, field: 'ine' });
  });

  it('refuses a missing key, a key of two characters, a digit, I, O or Q, naming the ineKey field', () => {
    expect(checkIneFormat('123456789A', '')).toMatchObject({ ok: false, field: 'ineKey' });
    expect(checkIneFormat('123456789A', 'BC')).toMatchObject({ ok: false, field: 'ineKey' });
    expect(checkIneFormat('123456789A', '7')).toMatchObject({ ok: false, field: 'ineKey' });
    for (const letter of ['I', 'O', 'Q']) expect(checkIneFormat('123456789A', letter)).toMatchObject({ ok: false, field: 'ineKey' });
  });

  it('has 23 key letters, every capital but I, O and Q', () => {
    expect(INE_KEY_LETTERS).toHaveLength(23);
    expect([...INE_KEY_LETTERS].every((c) => /[A-Z]/.test(c) && !'IOQ'.includes(c))).toBe(true);
  });
});
