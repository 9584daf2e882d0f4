// The pure rules of mass actions (domain/bulk.ts) and of a campaign's lifecycle (domain/campaign.ts).
import { describe, expect, it } from 'vitest';
import { refusalFromFailure, refusalFailure } from '../../contracts/refusals.ts';
import { itemInLanguage, refusalOf, tally, updateArgs } from '../../domain/bulk.ts';
import { activationRefusal, destructionDueAt, lifecycleOf } from '../../domain/campaign.ts';

describe('mass actions', () => {
  it('always marks a mass opinion entry as such, so the mass-entry block applies; other actions keep their arguments', () => {
    const decisionType = { code: 'AVIS_FAVORABLE', kind: 'FA' as const, exportsToSis: true, mailCode: 'AVIS_FAVORABLE' };
    expect(updateArgs('enterOpinion', { decisionType, mass: false })).toEqual({ decisionType, mass: true });
    expect(updateArgs('setDossierStatus', { status: 'CO' })).toEqual({ status: 'CO' });
    expect(updateArgs('validateOpinion', undefined)).toEqual({});
  });

  it('keeps the status of a refusal type thrown by the candidature (unknown types are conflicts), its reason in both languages', () => {
    const required = { fr: 'Droit requis.', en: 'Right required.' };
    expect(refusalOf('Forbidden', required, 'x')).toMatchObject({ outcome: 'refused', status: 403, type: 'Forbidden', message: 'Droit requis.' });
    expect(itemInLanguage(refusalOf('Forbidden', required, 'x'), 'en')).toEqual({
      candidatureId: 'x',
      outcome: 'refused',
      status: 403,
      type: 'Forbidden',
      message: 'Right required.',
    });
    expect(itemInLanguage(refusalOf('Forbidden', required, 'x'), 'fr')).not.toHaveProperty('messageEn');
    expect(refusalOf('Invalid', { fr: 'Date invalide.', en: 'Invalid date.' }, 'x')).toMatchObject({ status: 422, type: 'Invalid' });
    const unknown = refusalFromFailure({ type: 'Whatever', message: 'Non.' });
    expect(refusalOf(unknown.kind, unknown.reason, 'x')).toMatchObject({ status: 409, type: 'Conflict', message: 'Non.', messageEn: 'Non.' });
  });

  it('reads a refusal back from the failure a workflow throws: English from its details, French alone from an older one', () => {
    const failure = refusalFailure('Invalid', { fr: 'Motif requis.', en: 'Motive required.' }, [
      { field: 'motiveCode', message: { fr: 'Motif requis.', en: 'Motive required.' } },
    ]);
    expect(failure.message).toBe('Motif requis.');
    expect(failure.details[0]).toEqual([{ field: 'motiveCode', message: 'Motif requis.' }]);
    expect(refusalFromFailure(failure)).toEqual({
      kind: 'Invalid',
      reason: { fr: 'Motif requis.', en: 'Motive required.' },
      errors: [{ field: 'motiveCode', message: { fr: 'Motif requis.', en: 'Motive required.' } }],
    });
    const older = { type: 'Invalid', message: 'Motif requis.', details: [[{ field: 'motiveCode', message: 'Motif requis.' }]] };
    expect(refusalFromFailure(older).reason).toEqual({ fr: 'Motif requis.', en: 'Motif requis.' });
    expect(refusalFromFailure(older).errors[0]!.message.en).toBe('Motif requis.');
  });

  it('counts done items: succeeded, and refused or in error as failed', () => {
    expect(
      tally([
        { candidatureId: 'a', outcome: 'ok', stage: 'decided' },
        { candidatureId: 'b', outcome: 'refused', status: 409, type: 'Conflict', message: 'Non.' },
        { candidatureId: 'c', outcome: 'error', message: 'timeout' },
        { candidatureId: 'd', outcome: 'pending' },
      ]),
    ).toEqual({ done: 3, succeeded: 1, failed: 2 });
  });
});

describe('campaign lifecycle', () => {
  const record = { successor: { code: 'NEW', plannedActivationAt: null }, archivedAt: null, destroyedAt: null };

  it('starts where the database says the campaign is', () => {
    expect(lifecycleOf('OLD', record).phase).toBe('waiting');
    expect(lifecycleOf('OLD', { ...record, archivedAt: '2027-09-01T00:00:00.000Z' }).phase).toBe('archived');
    expect(lifecycleOf('OLD', { ...record, archivedAt: '2027-09-01T00:00:00.000Z', destroyedAt: '2028-09-01T00:00:00.000Z' }).phase).toBe('destroyed');
  });

  it('moves the activation only before archiving, and only to a date', () => {
    const waiting = lifecycleOf('OLD', record);
    expect(activationRefusal(waiting, { successorCode: 'NEW', plannedActivationAt: '2027-09-01T00:00:00Z' })).toBeNull();
    expect(activationRefusal(waiting, { successorCode: 'NEW', plannedActivationAt: null })).toBeNull();
    expect(activationRefusal(waiting, { successorCode: 'NEW', plannedActivationAt: 'demain' })).toMatchObject({ type: 'Invalid' });
    expect(activationRefusal({ ...waiting, phase: 'archived' }, { successorCode: 'NEW', plannedActivationAt: null })).toMatchObject({ type: 'Conflict' });
  });

  it('destroys the data the given number of days after archiving', () => {
    expect(destructionDueAt('2027-09-01T20:30:00.000Z', 365)).toBe('2028-08-31T20:30:00.000Z');
  });
});
