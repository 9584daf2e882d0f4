import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyExportOutcome,
  candidateView,
  decide,
  initialState,
  stageOf,
  toView,
  type ActingUser,
  type CandidatureInput,
  type CandidatureState,
  type Command,
} from '../../domain/candidature.ts';
import { FUNCTIONALITIES } from '../../domain/codes.ts';
import { confirmationDeadline } from '../../domain/deadlines.ts';

const input: CandidatureInput = {
  candidatureId: '00000000-0000-4000-8000-000000000001',
  campaign: { code: '2026-P', sisType: 'P' },
  formation: {
    code: 'MINFO',
    label: 'Master Informatique',
    commissionCode: 'C1',
    traitement: 'AC',
    returnDeadline: '2027-07-15',
    confirmationOn: '2027-07-20',
    confirmationDelayDays: 8,
  },
  candidate: { accountId: 1, dossierNumber: 'DEMO0001', firstName: 'Léa', lastName: 'Martin' },
  createdAt: '2027-01-10T10:00:00.000Z',
  createdBy: { kind: 'candidate', login: 'DEMO0001' },
};
const candidate: ActingUser = { kind: 'candidate', login: 'DEMO0001' };
const manager: ActingUser = { kind: 'staff', login: 'centre', rights: [...FUNCTIONALITIES] };
const enterOnly: ActingUser = { kind: 'staff', login: 'commission', rights: ['EDIT_AVIS'] };
const favourable = { code: 'AVIS_FAVORABLE', kind: 'FA' as const, exportsToSis: true, mailCode: 'AVIS_FAVORABLE' };
const now = new Date('2027-02-01T10:00:00Z');

function run(state: CandidatureState, steps: [Command, ActingUser][], at = now): CandidatureState {
  for (const [cmd, actor] of steps) {
    const d = decide(state, cmd, actor, at);
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.reason.fr}`);
    state = d.state;
  }
  return state;
}

const decided = () =>
  run(initialState(input), [
    [{ type: 'transmit' }, candidate],
    [{ type: 'setDossierStatus', status: 'CO' }, manager],
    [{ type: 'enterOpinion', decisionType: favourable }, manager],
    [{ type: 'validateOpinion' }, manager],
  ]);

describe('candidature rules', () => {
  it('starts as a draft, dossier AT; AC is validated at once and AD waits', () => {
    const s = initialState(input);
    expect(stageOf(s)).toBe('draft');
    expect(s.dossierStatus).toBe('AT');
    expect(s.traitement).toEqual({ code: 'AC', validated: true });
    expect(initialState({ ...input, formation: { ...input.formation, traitement: 'AD' } }).traitement).toEqual({ code: 'AT', validated: false });
  });

  it('goes through the spine: transmit, complete, favourable, validate, confirm, export', () => {
    let s = decided();
    expect(stageOf(s)).toBe('decided');
    expect(s.confirmation.deadline).toBe('2027-02-09T22:59:59.999Z'); // validated 1 Feb + 8 days, end of day in Paris
    const confirm = decide(s, { type: 'confirm' }, candidate, now);
    expect(confirm.ok && confirm.effects.map((e) => e.type)).toEqual(['mail', 'export']);
    s = run(s, [[{ type: 'confirm' }, candidate]]);
    expect(stageOf(s)).toBe('confirmed');
    expect(s.export).toMatchObject({ status: 'pending', version: 1, kind: 'admission' });
    s = applyExportOutcome(s, { ok: true, at: now.toISOString() });
    expect(s.export.status).toBe('done');
  });

  it('refuses a transition from the wrong role with 403 and the wrong stage with 409', () => {
    const s = initialState(input);
    expect(decide(s, { type: 'transmit' }, enterOnly, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(s, { type: 'validateOpinion' }, enterOnly, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(s, { type: 'confirm' }, candidate, now)).toMatchObject({ ok: false, status: 409 });
    const transmitted = run(s, [[{ type: 'transmit' }, candidate]]);
    expect(decide(transmitted, { type: 'transmit' }, candidate, now)).toMatchObject({ ok: false, status: 409 });
  });

  it('refuses transmission after the return deadline (end of that day in Paris)', () => {
    const s = initialState(input);
    expect(decide(s, { type: 'transmit' }, candidate, new Date('2027-07-15T21:59:59Z')).ok).toBe(true);
    expect(decide(s, { type: 'transmit' }, candidate, new Date('2027-07-15T22:00:00Z'))).toMatchObject({ ok: false, status: 409 });
  });

  it('lets an incomplete file be transmitted again', () => {
    const s = run(initialState(input), [
      [{ type: 'transmit' }, candidate],
      [{ type: 'setDossierStatus', status: 'IN' }, manager],
    ]);
    expect(decide(s, { type: 'transmit' }, candidate, now).ok).toBe(true);
  });

  it('requires a motive for an unfavourable opinion', () => {
    const s = run(initialState(input), [[{ type: 'transmit' }, candidate]]);
    const de = { code: 'AVIS_DEFAVORABLE', kind: 'DE' as const, exportsToSis: false, mailCode: 'AVIS_DEFAVORABLE' };
    expect(decide(s, { type: 'enterOpinion', decisionType: de }, manager, now)).toMatchObject({ ok: false, status: 422 });
    expect(decide(s, { type: 'enterOpinion', decisionType: de, motiveCode: 'CAPACITE' }, manager, now).ok).toBe(true);
  });

  it('hides non-validated opinions from the candidate', () => {
    const s = run(initialState(input), [
      [{ type: 'transmit' }, candidate],
      [{ type: 'enterOpinion', decisionType: favourable, comment: 'très bon dossier' }, enterOnly],
    ]);
    const view = toView(s);
    expect(view.opinion).toMatchObject({ kind: 'FA', validated: false });
    expect(candidateView(view).opinion).toBeNull();
    expect(candidateView(view).opinions).toEqual([]);
  });

  it('refuses confirmation after the deadline but lets a manager with GEST_FEN_CAND confirm', () => {
    const s = decided();
    const late = new Date('2027-02-09T23:00:00Z');
    expect(decide(s, { type: 'confirm' }, candidate, late)).toMatchObject({ ok: false, status: 409 });
    expect(decide(s, { type: 'confirm' }, manager, late).ok).toBe(true);
  });

  it('re-exports a withdrawal after an export, and does not export for a campaign without SIS', () => {
    let s = run(decided(), [[{ type: 'confirm' }, candidate]]);
    s = applyExportOutcome(s, { ok: true, at: now.toISOString() });
    s = run(s, [[{ type: 'withdraw' }, candidate]]);
    expect(stageOf(s)).toBe('withdrawn');
    expect(s.export).toMatchObject({ status: 'pending', version: 2, kind: 'withdrawal' });

    const none = run(initialState({ ...input, campaign: { code: 'X', sisType: 'D' } }), [
      [{ type: 'transmit' }, candidate],
      [{ type: 'enterOpinion', decisionType: favourable }, manager],
      [{ type: 'validateOpinion' }, manager],
      [{ type: 'confirm' }, candidate],
    ]);
    expect(none.export.status).toBe('none');
  });

  it('lets an admin retry a failed export only', () => {
    let s = run(decided(), [[{ type: 'confirm' }, candidate]]);
    expect(decide(s, { type: 'retryExport' }, manager, now)).toMatchObject({ ok: false, status: 409 });
    s = applyExportOutcome(s, { ok: false, error: 'SIS down' });
    expect(s.export.status).toBe('failed');
    expect(decide(s, { type: 'retryExport' }, manager, now).ok).toBe(true);
  });

  it('cancels only before any decision and while AT', () => {
    expect(decide(initialState(input), { type: 'cancel' }, candidate, now).ok).toBe(true);
    const transmitted = run(initialState(input), [[{ type: 'transmit' }, candidate]]);
    expect(decide(transmitted, { type: 'cancel' }, candidate, now)).toMatchObject({ ok: false, status: 409 });
  });

  it('lists the allowed actions per reader', () => {
    const s = initialState(input);
    expect(allowedActions(s, candidate, now)).toEqual(['transmit', 'cancel']);
    // A manager with every right may also act in the candidate's window (GEST_FEN_CAND).
    expect(allowedActions(s, manager, now)).toEqual([
      'transmit',
      'setDossierStatus',
      'changeTraitement',
      'setConfirmationDeadline',
      'setReturnDeadline',
      'setTags',
      'setOpiCode',
      'setRegime',
      'setFees',
    ]);
    expect(allowedActions(s, enterOnly, now)).toEqual([]);
    expect(allowedActions(decided(), candidate, now)).toEqual(['confirm', 'withdraw']);
  });

  it('computes the confirmation deadline from the delay, else the fixed date, else none', () => {
    const validated = new Date('2027-06-30T21:30:00Z'); // 30 June 23:30 in Paris
    expect(confirmationDeadline(input.formation, validated)).toBe('2027-07-08T21:59:59.999Z');
    expect(confirmationDeadline({ ...input.formation, confirmationDelayDays: null }, validated)).toBe('2027-07-20T21:59:59.999Z');
    expect(confirmationDeadline({ ...input.formation, confirmationDelayDays: null, confirmationOn: null }, validated)).toBeNull();
  });
});
