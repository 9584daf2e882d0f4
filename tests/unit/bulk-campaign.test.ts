// The pure rules of mass actions (domain/bulk.ts) and of a campaign's lifecycle (domain/campaign.ts).
import { describe, expect, it } from 'vitest';
import { refusalOf, tally, updateArgs } from '../../domain/bulk.ts';
import { activationRefusal, destructionDueAt, lifecycleOf } from '../../domain/campaign.ts';

describe('mass actions', () => {
  it('always marks a mass opinion entry as such, so the mass-entry block applies; other actions keep their arguments', () => {
    const decisionType = { code: 'AVIS_FAVORABLE', kind: 'FA' as const, exportsToSis: true, mailCode: 'AVIS_FAVORABLE' };
    expect(updateArgs('enterOpinion', { decisionType, mass: false })).toEqual({ decisionType, mass: true });
    expect(updateArgs('setDossierStatus', { status: 'CO' })).toEqual({ status: 'CO' });
    expect(updateArgs('validateOpinion', undefined)).toEqual({});
  });

  it('keeps the status of a refusal type thrown by the candidature (unknown types are conflicts)', () => {
    expect(refusalOf('Forbidden', 'Droit requis.', 'x')).toMatchObject({ outcome: 'refused', status: 403, type: 'Forbidden', message: 'Droit requis.' });
    expect(refusalOf('Invalid', 'Date invalide.', 'x')).toMatchObject({ status: 422, type: 'Invalid' });
    expect(refusalOf('Whatever', 'Non.', 'x')).toMatchObject({ status: 409, type: 'Conflict' });
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
