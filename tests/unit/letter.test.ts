// Which letter a candidature gives (domain/letter.ts, reference §3.2 "Letters").
import { describe, expect, it } from 'vitest';
import { letterFor, type LetterFacts, type LetterSettings } from '../../domain/letter.ts';

const allowed: LetterSettings = { blocked: false, admissionAfterConfirmation: false, allowedByCommission: true };
const facts = (over: Partial<LetterFacts>): LetterFacts => ({ stage: 'decided', published: { kind: 'FA' }, answer: null, ...over });

describe('letterFor', () => {
  it('gives the admission letter for a published favourable decision, the refusal letter for an unfavourable one', () => {
    expect(letterFor(facts({}), allowed)).toEqual({ kind: 'admission' });
    expect(letterFor(facts({ stage: 'confirmed', answer: 'confirmed' }), allowed)).toEqual({ kind: 'admission' });
    expect(letterFor(facts({ published: { kind: 'DE' } }), allowed)).toEqual({ kind: 'refusal' });
  });

  it('gives none before publication, for other decisions, after a withdrawal or a cancellation', () => {
    expect(letterFor(facts({ stage: 'transmitted', published: null }), allowed)).toEqual({ refused: 'no-decision' });
    expect(letterFor(facts({ stage: 'cancelled' }), allowed)).toEqual({ refused: 'no-decision' });
    for (const kind of ['LA', 'LC', 'PR'] as const) expect(letterFor(facts({ published: { kind } }), allowed)).toEqual({ refused: 'no-letter-for-decision' });
    expect(letterFor(facts({ stage: 'withdrawn', answer: 'withdrawn' }), allowed)).toEqual({ refused: 'withdrawn' });
  });

  it('waits for the confirmation when DOWNLOAD_IS_LETTRE_ADM_APRES_CONFIRM says so (refusals do not wait)', () => {
    const after = { ...allowed, admissionAfterConfirmation: true };
    expect(letterFor(facts({}), after)).toEqual({ refused: 'not-confirmed-yet' });
    expect(letterFor(facts({ stage: 'confirmed', answer: 'confirmed' }), after)).toEqual({ kind: 'admission' });
    expect(letterFor(facts({ published: { kind: 'DE' } }), after)).toEqual({ kind: 'refusal' });
  });

  it('is blocked by TECH_IS_BLOC_LETTRE, then by the commission’s setting', () => {
    expect(letterFor(facts({}), { ...allowed, blocked: true, allowedByCommission: false })).toEqual({ refused: 'blocked' });
    expect(letterFor(facts({ published: { kind: 'DE' } }), { ...allowed, allowedByCommission: false })).toEqual({ refused: 'commission-forbids' });
    // No decision is still the first thing said.
    expect(letterFor(facts({ published: null }), { ...allowed, blocked: true })).toEqual({ refused: 'no-decision' });
  });
});
