// The candidates' password policy (reference REGEX_PWD), shared by the API and the web forms.
import { describe, expect, it } from 'vitest';
import { missingPasswordRequirements, passwordPolicyMessage } from '../../contracts/accounts.ts';

describe('password policy', () => {
  it('accepts 10 characters with a lower, an upper, a digit and a special among @#$%^&+=-!*', () => {
    expect(missingPasswordRequirements('Bon-Mot2passe!')).toEqual([]);
    expect(passwordPolicyMessage('Abcdefgh1*', 'fr')).toBeNull();
  });

  it('names every requirement a password misses, in order', () => {
    expect(missingPasswordRequirements('')).toEqual(['length', 'lower', 'upper', 'digit', 'special']);
    expect(missingPasswordRequirements('ABCDEFGHIJ1!')).toEqual(['lower']);
    // Only the reference's specials count: an underscore or a space is not one.
    expect(missingPasswordRequirements('Abcdefgh1_ ')).toEqual(['special']);
    expect(passwordPolicyMessage('abc', 'fr')).toBe(
      'doit contenir au moins 10 caractères, une lettre majuscule, un chiffre, un caractère spécial parmi @#$%^&+=-!*',
    );
    expect(passwordPolicyMessage('abcdefghij', 'en')).toBe('must contain an upper-case letter, a digit, a special character among @#$%^&+=-!*');
  });
});
