// The complete lifecycle rules of domain/candidature.ts (reference §3.2), one block per rule: each
// shows the transition allowed where it should be, refused with a clear 4xx elsewhere, and that a
// refusal changes nothing (decide is pure: the state passed in is never modified).
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  AUTO_DESIST,
  AUTO_LIST_COMP,
  candidateView,
  decide,
  initialEffects,
  initialState,
  lastValidatedOpinion,
  missingItems,
  nextTimedEvent,
  onWaitingList,
  stageOf,
  toView,
  viewFor,
  type ActingUser,
  type CandidatureInput,
  type CandidatureState,
  type Command,
  type DecisionTypeRef,
} from '../../domain/candidature.ts';
import { FUNCTIONALITIES, type Functionality } from '../../domain/codes.ts';

const input: CandidatureInput = {
  candidatureId: '00000000-0000-4000-8000-000000000002',
  campaign: { code: '2027-P', sisType: 'P' },
  formation: {
    code: 'MINFO',
    label: 'Master Informatique',
    commissionCode: 'C1',
    traitement: 'AC',
    returnDeadline: '2027-03-15',
    confirmationOn: '2027-07-20',
    confirmationDelayDays: 8,
    lcConfirmationOn: null,
    lcConfirmationDelayDays: 3,
    favourableDecisionType: { code: 'AVIS_FAVORABLE', kind: 'FA', exportsToSis: true, mailCode: 'AVIS_FAVORABLE' },
    waitingList: true,
    pieces: [
      { code: 'CV', label: 'Curriculum vitae', conditional: false },
      { code: 'BOURSE', label: 'Notification de bourse', conditional: true },
      { code: 'ID', label: "Pièce d'identité", conditional: false, shared: true },
    ],
    questions: [
      { code: 'PROJET', label: 'Projet professionnel', conditional: false },
      { code: 'HANDICAP', label: 'Aménagements', conditional: true },
    ],
  },
  candidate: { accountId: 7, dossierNumber: 'K7Q2M9ZA', firstName: 'Omar', lastName: 'Benali' },
  createdAt: '2027-02-01T09:00:00.000Z',
  createdBy: { kind: 'candidate', login: 'K7Q2M9ZA' },
};

const candidate: ActingUser = { kind: 'candidate', login: 'K7Q2M9ZA' };
const staff = (...rights: Functionality[]): ActingUser => ({ kind: 'staff', login: 'gest', rights });
const manager = staff(...FUNCTIONALITIES);
const commission = staff('EDIT_AVIS');
const FA: DecisionTypeRef = { code: 'AVIS_FAVORABLE', kind: 'FA', exportsToSis: true, mailCode: 'AVIS_FAVORABLE' };
const DE: DecisionTypeRef = { code: 'AVIS_DEFAVORABLE', kind: 'DE', exportsToSis: false, mailCode: 'AVIS_DEFAVORABLE' };
const LC: DecisionTypeRef = { code: 'AVIS_LISTE_COMP', kind: 'LC', exportsToSis: false, mailCode: 'AVIS_LISTE_COMP' };
const PR: DecisionTypeRef = { code: 'AVIS_PRESELECTION', kind: 'PR', exportsToSis: false, mailCode: 'AVIS_PRESELECTION' };
const LC_FA: DecisionTypeRef = { code: 'AVIS_FAV_LC', kind: 'FA', exportsToSis: true, mailCode: 'AVIS_FAVORABLE' };
const now = new Date('2027-02-10T10:00:00Z');

function run(state: CandidatureState, steps: [Command, ActingUser, Date?][]): CandidatureState {
  for (const [cmd, actor, at] of steps) {
    const d = decide(state, cmd, actor, at ?? now);
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.reason.fr}`);
    state = d.state;
  }
  return state;
}

/** The refusal of a command, checking that the state it was given is untouched. */
function refusal(state: CandidatureState, cmd: Command, actor: ActingUser, at = now) {
  const before = JSON.stringify(state);
  const d = decide(state, cmd, actor, at);
  expect(JSON.stringify(state)).toBe(before);
  if (d.ok) throw new Error(`${cmd.type} was allowed`);
  return d;
}

const effectsOf = (state: CandidatureState, cmd: Command, actor: ActingUser, at = now) => {
  const d = decide(state, cmd, actor, at);
  if (!d.ok) throw new Error(d.reason.fr);
  return d.effects;
};

/** A file ready to transmit: mandatory pieces sent, conditional ones declared not concerned, questions answered. */
const fileReady: [Command, ActingUser][] = [
  [{ type: 'submitPiece', code: 'CV', fileId: 11 }, candidate],
  [{ type: 'declareNotConcerned', code: 'BOURSE', item: 'piece' }, candidate],
  [{ type: 'submitPiece', code: 'ID', fileId: 12 }, candidate],
  [{ type: 'answerQuestion', code: 'PROJET', answer: 'Devenir ingénieure.' }, candidate],
  [{ type: 'declareNotConcerned', code: 'HANDICAP', item: 'question' }, candidate],
];
const transmitted = () => run(initialState(input), [...fileReady, [{ type: 'transmit' }, candidate]]);
const complete = () => run(transmitted(), [[{ type: 'setDossierStatus', status: 'CO' }, manager]]);
const offered = () =>
  run(complete(), [
    [{ type: 'enterOpinion', decisionType: FA }, manager],
    [{ type: 'validateOpinion' }, manager],
  ]);
const waiting = (rank = 2) =>
  run(complete(), [
    [{ type: 'enterOpinion', decisionType: LC, lcRank: rank }, manager],
    [{ type: 'validateOpinion' }, manager],
  ]);

describe('dossier: pieces and questions (§3.2.2–3)', () => {
  it('starts with every piece AT and every question unanswered, which blocks transmission', () => {
    const s = initialState(input);
    expect(s.pieces.map((p) => p.status)).toEqual(['AT', 'AT', 'AT']);
    expect(missingItems(s)).toHaveLength(5);
    const d = refusal(s, { type: 'transmit' }, candidate);
    expect(d.status).toBe(409);
    expect(d.reason.fr).toContain('pièce Curriculum vitae');
    expect(d.reason.fr).toContain('question Projet professionnel');
  });

  it('sets a piece TR on upload, NC only for a conditional one, and transmits when nothing is missing', () => {
    const s = run(initialState(input), fileReady);
    expect(s.pieces.map((p) => [p.code, p.status, p.fileId])).toEqual([
      ['CV', 'TR', 11],
      ['BOURSE', 'NC', null],
      ['ID', 'TR', 12],
    ]);
    expect(refusal(initialState(input), { type: 'declareNotConcerned', code: 'CV', item: 'piece' }, candidate).status).toBe(422);
    expect(refusal(initialState(input), { type: 'declareNotConcerned', code: 'PROJET', item: 'question' }, candidate).status).toBe(422);
    expect(refusal(initialState(input), { type: 'submitPiece', code: 'NOPE', fileId: 1 }, candidate).reason.fr).toContain('NOPE');
    expect(refusal(initialState(input), { type: 'answerQuestion', code: 'PROJET', answer: '  ' }, candidate).status).toBe(422);
    expect(missingItems(s)).toEqual([]);
    expect(stageOf(transmitted())).toBe('transmitted');
    expect(transmitted().dossierStatus).toBe('RE');
  });

  it('lets the manager validate or refuse a piece (a refusal needs a comment); a refused piece blocks transmission', () => {
    const s = run(initialState(input), fileReady);
    expect(refusal(s, { type: 'setPieceStatus', code: 'CV', status: 'RE' }, manager).status).toBe(422);
    expect(refusal(s, { type: 'setPieceStatus', code: 'CV', status: 'VA' }, commission).status).toBe(403);
    const refused = run(s, [[{ type: 'setPieceStatus', code: 'CV', status: 'RE', comment: 'Illisible' }, manager]]);
    expect(refused.pieces[0]).toMatchObject({ status: 'RE', comment: 'Illisible', by: 'gest' });
    expect(refusal(refused, { type: 'transmit' }, candidate).reason.fr).toContain('Curriculum vitae (refusée)');
    const validated = run(s, [[{ type: 'setPieceStatus', code: 'CV', status: 'VA' }, manager]]);
    expect(refusal(validated, { type: 'submitPiece', code: 'CV', fileId: 99 }, candidate).reason.fr).toContain('déjà validée');
  });

  it('lets the candidate delete an uploaded file (the file goes, the piece is to provide again) or undo "not concerned", only before transmission', () => {
    const s = run(initialState(input), fileReady);
    const d = decide(s, { type: 'removePiece', code: 'CV' }, candidate, now);
    if (!d.ok) throw new Error(d.reason.fr);
    expect(d.state.pieces[0]).toMatchObject({ code: 'CV', status: 'AT', fileId: null });
    expect(d.effects).toContainEqual({ type: 'deleteFiles', fileIds: [11] });
    expect(missingItems(d.state).map((m) => m.fr)).toContain('pièce Curriculum vitae');
    const undone = effectsOf(s, { type: 'removePiece', code: 'BOURSE' }, candidate);
    expect(undone.filter((e) => e.type === 'deleteFiles')).toEqual([]);
    expect(refusal(d.state, { type: 'removePiece', code: 'CV' }, candidate).status).toBe(409);
    expect(refusal(s, { type: 'removePiece', code: 'CV' }, commission).status).toBe(403);
    const sent = refusal(transmitted(), { type: 'removePiece', code: 'CV' }, candidate);
    expect(sent.status).toBe(409);
    expect(sent.reason.en).toContain('only replaced');
  });

  it('closes the file once transmitted, and IN reopens it to the candidate', () => {
    const s = transmitted();
    expect(refusal(s, { type: 'submitPiece', code: 'CV', fileId: 13 }, candidate).status).toBe(409);
    const incomplete = run(s, [[{ type: 'setDossierStatus', status: 'IN' }, manager]]);
    expect(allowedActions(incomplete, candidate, now)).toContain('editFile');
    const again = run(incomplete, [
      [{ type: 'submitPiece', code: 'CV', fileId: 13 }, candidate],
      [{ type: 'transmit' }, candidate],
    ]);
    expect(again.dossierStatus).toBe('RE');
    expect(again.pieces[0]!.fileId).toBe(13);
  });

  it('closes edits after the return deadline (end of that day in Paris), unless a later override', () => {
    const s = run(initialState(input), fileReady.slice(0, 4));
    const lastMinute = new Date('2027-03-15T22:59:59Z'); // 23:59:59 in Paris (UTC+1)
    const tooLate = new Date('2027-03-15T23:00:00Z');
    expect(decide(s, { type: 'declareNotConcerned', code: 'HANDICAP', item: 'question' }, candidate, lastMinute).ok).toBe(true);
    expect(refusal(s, { type: 'declareNotConcerned', code: 'HANDICAP', item: 'question' }, candidate, tooLate).reason.fr).toContain('date limite de retour');
    // An override before the formation's date does not shorten it; a later one extends it.
    const earlier = run(s, [[{ type: 'setReturnDeadline', deadline: '2027-03-01' }, manager]]);
    expect(toView(earlier).returnDeadline).toBe('2027-03-15T22:59:59.999Z');
    const later = run(s, [[{ type: 'setReturnDeadline', deadline: '2027-03-31' }, manager]]);
    expect(toView(later).returnDeadline).toBe('2027-03-31T21:59:59.999Z'); // summer time from 28 March
    expect(decide(later, { type: 'declareNotConcerned', code: 'HANDICAP', item: 'question' }, candidate, tooLate).ok).toBe(true);
    expect(refusal(s, { type: 'setReturnDeadline', deadline: '31/03/2027' }, manager).status).toBe(422);
    expect(refusal(s, { type: 'setReturnDeadline', deadline: '2027-03-31' }, commission).status).toBe(403);
  });
});

describe('cancellation (§3.2.4)', () => {
  it('is the candidate’s, only while AT and before any decision; deletes their own files, not shared ones', () => {
    const s = run(initialState(input), fileReady);
    const effects = effectsOf(s, { type: 'cancel' }, candidate);
    expect(effects).toContainEqual({ type: 'deleteFiles', fileIds: [11] });
    expect(effects.filter((e) => e.type === 'mail').map((e) => e.type === 'mail' && e.code)).toEqual(['CANDIDATURE_ANNULATION', 'COMMISSION_ALERT_ANNULATION']);
    expect(refusal(s, { type: 'cancel' }, manager).status).toBe(403);
    expect(refusal(transmitted(), { type: 'cancel' }, candidate).status).toBe(409);
    const cancelled = run(s, [[{ type: 'cancel' }, candidate]]);
    expect(stageOf(cancelled)).toBe('cancelled');
    expect(refusal(cancelled, { type: 'submitPiece', code: 'CV', fileId: 1 }, candidate).reason.fr).toContain('annulée');
  });
});

describe('traitement (§3.2.6)', () => {
  it('downgrades AD to AT at creation; AD validated gives a validated favourable decision with its deadline', () => {
    const ad = initialState({ ...input, formation: { ...input.formation, traitement: 'AD' } });
    expect(ad.traitement).toEqual({ code: 'AT', validated: false });
    expect(refusal(ad, { type: 'changeTraitement', traitement: 'AD' }, commission).status).toBe(403);
    const setAd = run(ad, [[{ type: 'changeTraitement', traitement: 'AD' }, manager]]);
    const effects = effectsOf(setAd, { type: 'validateTraitement' }, manager);
    expect(effects[0]).toMatchObject({ type: 'mail', code: 'TYPE_TRAIT_AD' });
    const validated = run(setAd, [[{ type: 'validateTraitement' }, manager]]);
    expect(lastValidatedOpinion(validated)).toMatchObject({ kind: 'FA', decisionType: 'AVIS_FAVORABLE', validatedBy: 'gest' });
    expect(validated.confirmation.deadline).toBe('2027-02-18T22:59:59.999Z');
    expect(stageOf(validated)).toBe('decided');
    expect(refusal(validated, { type: 'validateTraitement' }, manager).status).toBe(409);
  });

  it('validates AC at once on a change to AC (mail TYPE_TRAIT_AC), AT on validation (TYPE_TRAIT_ATT)', () => {
    const at = initialState({ ...input, formation: { ...input.formation, traitement: 'AT' } });
    expect(effectsOf(at, { type: 'changeTraitement', traitement: 'AC' }, manager)).toEqual([{ type: 'mail', code: 'TYPE_TRAIT_AC', to: 'candidate' }]);
    expect(effectsOf(at, { type: 'validateTraitement' }, manager)).toEqual([{ type: 'mail', code: 'TYPE_TRAIT_ATT', to: 'candidate' }]);
    expect(refusal(at, { type: 'changeTraitement', traitement: 'AT' }, manager).status).toBe(409);
    expect(refusal(offered(), { type: 'changeTraitement', traitement: 'AT' }, manager).reason.fr).toContain('décision est publiée');
  });
});

describe('opinions (§3.2.7–8)', () => {
  it('asks a motive for DE, a rank for LC, the interview for PR', () => {
    const s = complete();
    expect(refusal(s, { type: 'enterOpinion', decisionType: DE }, manager).reason.fr).toContain('motivation');
    expect(refusal(s, { type: 'enterOpinion', decisionType: LC }, manager).reason.fr).toContain('rang');
    expect(refusal(s, { type: 'enterOpinion', decisionType: LC, lcRank: 0 }, manager).status).toBe(422);
    expect(refusal(s, { type: 'enterOpinion', decisionType: PR }, manager).reason.fr).toContain('entretien');
    expect(refusal(s, { type: 'enterOpinion', decisionType: FA, interview: { date: '2027-03-01', time: '10:00', place: 'B12' } }, manager).status).toBe(422);
    const pr = run(s, [[{ type: 'enterOpinion', decisionType: PR, interview: { date: '2027-03-01', time: '10:00', place: 'Salle B12' } }, manager]]);
    const mail = effectsOf(pr, { type: 'validateOpinion' }, manager)[0];
    expect(mail).toMatchObject({ type: 'mail', code: 'AVIS_PRESELECTION', variables: { complementPreselect: '2027-03-01 10:00, Salle B12' } });
    const de = run(s, [[{ type: 'enterOpinion', decisionType: DE, motiveCode: 'CAPACITE' }, manager]]);
    expect(effectsOf(de, { type: 'validateOpinion' }, manager)[0]).toMatchObject({ code: 'AVIS_DEFAVORABLE', variables: { motif: 'CAPACITE' } });
  });

  it('keeps entry and validation apart: the candidate only ever sees the last validated opinion', () => {
    const s = run(offered(), []);
    expect(refusal(run(complete(), [[{ type: 'enterOpinion', decisionType: FA }, commission]]), { type: 'validateOpinion' }, commission).status).toBe(403);
    const preselected = run(complete(), [
      [{ type: 'enterOpinion', decisionType: PR, interview: { date: '2027-03-01', time: '10:00', place: 'B12' } }, manager],
      [{ type: 'validateOpinion' }, manager],
      [{ type: 'enterOpinion', decisionType: FA, comment: 'brouillon' }, manager],
    ]);
    const seen = candidateView(toView(preselected));
    expect(seen.opinion).toMatchObject({ kind: 'PR', validated: true });
    expect(seen.opinions).toEqual([]);
    expect(toView(preselected).opinion).toMatchObject({ kind: 'FA', validated: false });
    expect(stageOf(s)).toBe('decided');
  });

  it('deletes an entry from the history (marked, not erased), never one the candidate answered', () => {
    const s = run(complete(), [
      [{ type: 'enterOpinion', decisionType: FA }, manager],
      [{ type: 'deleteOpinion', index: 0 }, manager],
    ]);
    expect(s.opinions[0]).toMatchObject({ deletedBy: 'gest' });
    expect(toView(s).opinion).toBeNull();
    expect(refusal(s, { type: 'validateOpinion' }, manager).reason.fr).toContain('Aucun avis');
    expect(refusal(s, { type: 'deleteOpinion', index: 0 }, manager).status).toBe(422);
    const confirmed = run(offered(), [[{ type: 'confirm' }, candidate]]);
    expect(refusal(confirmed, { type: 'deleteOpinion', index: 0 }, manager).reason.fr).toContain('a répondu');
  });

  it('blocks a mass entry where a validated opinion exists (GEST_IS_UTILISE_BLOCAGE_MASSE), not a single one', () => {
    const s = waiting();
    expect(refusal(s, { type: 'enterOpinion', decisionType: DE, motiveCode: 'X', mass: true }, manager).reason.fr).toContain('saisie en masse');
    expect(decide(s, { type: 'enterOpinion', decisionType: DE, motiveCode: 'X' }, manager, now).ok).toBe(true);
    expect(decide(complete(), { type: 'enterOpinion', decisionType: FA, mass: true }, manager, now).ok).toBe(true);
    const unblocked = {
      ...s,
      input: { ...s.input, parameters: { reminderDaysBefore: 2, blockMassEntry: false, exportImmediate: true, exportBatchTime: '22:00' } },
    };
    expect(decide(unblocked, { type: 'enterOpinion', decisionType: DE, motiveCode: 'X', mass: true }, manager, now).ok).toBe(true);
  });
});

describe('confirmation, reminder and automatic withdrawal (§3.2.9–13)', () => {
  it('computes the deadline from the formation delay, and a manager override moves it (and the reminder)', () => {
    const s = offered();
    expect(s.confirmation.deadline).toBe('2027-02-18T22:59:59.999Z'); // 10 Feb + 8 days, end of day Paris
    expect(s.confirmation.reminderAt).toBe('2027-02-15T23:00:00.000Z'); // start of 16 Feb in Paris
    const moved = run(s, [[{ type: 'setConfirmationDeadline', deadline: '2027-02-25' }, manager]]);
    expect(moved.confirmation.deadline).toBe('2027-02-25T22:59:59.999Z');
    expect(moved.confirmation.reminderAt).toBe('2027-02-22T23:00:00.000Z');
    const exact = run(s, [[{ type: 'setConfirmationDeadline', deadline: '2027-02-12T15:30:00Z' }, manager]]);
    expect(exact.confirmation.deadline).toBe('2027-02-12T15:30:00.000Z');
    expect(exact.confirmation.reminderAt).toBeNull(); // two days before is before the publication
    const back = run(moved, [[{ type: 'setConfirmationDeadline', deadline: null }, manager]]);
    expect(back.confirmation.deadline).toBe('2027-02-18T22:59:59.999Z');
    expect(refusal(s, { type: 'setConfirmationDeadline', deadline: '2027-02-25' }, commission).status).toBe(403);
  });

  it('an override set before the decision is used when it is published', () => {
    const s = run(complete(), [
      [{ type: 'setConfirmationDeadline', deadline: '2027-04-01' }, manager],
      [{ type: 'enterOpinion', decisionType: FA }, manager],
      [{ type: 'validateOpinion' }, manager],
    ]);
    expect(s.confirmation.deadline).toBe('2027-04-01T21:59:59.999Z');
  });

  it('accepts an answer on the day of the deadline, refuses the candidate after it, lets a manager answer any time', () => {
    const s = offered();
    expect(decide(s, { type: 'confirm' }, candidate, new Date('2027-02-18T22:59:59.999Z')).ok).toBe(true);
    expect(refusal(s, { type: 'confirm' }, candidate, new Date('2027-02-18T23:00:00Z')).reason.fr).toContain('dépassée');
    expect(decide(s, { type: 'confirm' }, manager, new Date('2027-03-18T10:00:00Z')).ok).toBe(true);
    expect(decide(s, { type: 'withdraw' }, manager, new Date('2027-03-18T10:00:00Z')).ok).toBe(true);
    expect(refusal(s, { type: 'confirm' }, commission).status).toBe(403);
  });

  it('times the reminder, then the automatic withdrawal (autoDesist) one millisecond after the deadline', () => {
    const s = offered();
    expect(nextTimedEvent(s)).toMatchObject({ at: '2027-02-15T23:00:00.000Z', cmd: { type: 'remind' } });
    expect(refusal(s, { type: 'remind' }, AUTO_DESIST, new Date('2027-02-15T22:00:00Z')).status).toBe(409);
    const reminded = run(s, [[{ type: 'remind' }, AUTO_DESIST, new Date('2027-02-15T23:00:00Z')]]);
    expect(effectsOf(s, { type: 'remind' }, AUTO_DESIST, new Date('2027-02-16T08:00:00Z'))).toEqual([
      { type: 'mail', code: 'CANDIDATURE_RELANCE_FAVO', to: 'candidate', variables: { dateConfirm: '2027-02-18T22:59:59.999Z' } },
    ]);
    expect(nextTimedEvent(reminded)).toMatchObject({ at: '2027-02-18T23:00:00.000Z', cmd: { type: 'autoWithdraw' }, actor: AUTO_DESIST });
    expect(refusal(reminded, { type: 'autoWithdraw' }, AUTO_DESIST, new Date('2027-02-18T22:59:59.999Z')).status).toBe(409);
    expect(refusal(reminded, { type: 'autoWithdraw' }, candidate, new Date('2027-02-19T00:00:00Z')).status).toBe(403);
    const effects = effectsOf(reminded, { type: 'autoWithdraw' }, AUTO_DESIST, new Date('2027-02-18T23:00:00Z'));
    expect(effects).toEqual([
      { type: 'mail', code: 'CANDIDATURE_DESIST_AUTO', to: 'candidate' },
      { type: 'waitingList', event: 'seatFreed' },
    ]);
    const withdrawn = run(reminded, [[{ type: 'autoWithdraw' }, AUTO_DESIST, new Date('2027-02-18T23:00:00Z')]]);
    expect(withdrawn.confirmation).toMatchObject({ answer: 'withdrawn', answeredBy: 'autoDesist' });
    expect(nextTimedEvent(withdrawn)).toBeNull();
    expect(nextTimedEvent(run(s, [[{ type: 'confirm' }, candidate]]))).toBeNull();
  });

  it('withdraws after confirming: re-exports the withdrawal and frees the seat', () => {
    const confirmed = run(offered(), [[{ type: 'confirm' }, candidate]]);
    const effects = effectsOf(confirmed, { type: 'withdraw' }, candidate);
    expect(effects.map((e) => e.type)).toEqual(['mail', 'mail', 'export', 'waitingList']);
    const withdrawn = run(confirmed, [[{ type: 'withdraw' }, candidate]]);
    expect(withdrawn.export).toMatchObject({ status: 'pending', kind: 'withdrawal', version: 2 });
    expect(refusal(withdrawn, { type: 'withdraw' }, candidate).reason.fr).toContain('déjà désisté');
  });
});

describe('complementary list (§3.2.11)', () => {
  it('joins the list on a validated LC opinion, leaves it on another validated opinion', () => {
    const lcEntered = run(complete(), [[{ type: 'enterOpinion', decisionType: LC, lcRank: 3 }, manager]]);
    expect(effectsOf(lcEntered, { type: 'validateOpinion' }, manager)).toContainEqual({ type: 'waitingList', event: 'joined', rank: 3 });
    const s = waiting(3);
    expect(onWaitingList(s)).toBe(true);
    const de = run(s, [[{ type: 'enterOpinion', decisionType: DE, motiveCode: 'X' }, manager]]);
    expect(onWaitingList(de)).toBe(false); // an entered opinion replaces the current one
    expect(effectsOf(de, { type: 'validateOpinion' }, manager)).toContainEqual({ type: 'waitingList', event: 'left' });
  });

  it('promotes only from the list, as autoListComp, with the LC confirmation delay and the commission alert', () => {
    const s = waiting();
    expect(refusal(s, { type: 'promote', decisionType: LC_FA }, manager).status).toBe(403);
    expect(refusal(offered(), { type: 'promote', decisionType: LC_FA }, AUTO_LIST_COMP).status).toBe(409);
    const effects = effectsOf(s, { type: 'promote', decisionType: LC_FA }, AUTO_LIST_COMP);
    expect(effects.map((e) => e.type === 'mail' && e.code)).toEqual(['AVIS_FAVORABLE', 'COMMISSION_ALERT_LISTE_PRINC']);
    const promoted = run(s, [[{ type: 'promote', decisionType: LC_FA }, AUTO_LIST_COMP]]);
    expect(lastValidatedOpinion(promoted)).toMatchObject({ kind: 'FA', promotion: true, validatedBy: 'autoListComp' });
    expect(promoted.confirmation.deadline).toBe('2027-02-13T22:59:59.999Z'); // LC delay: 3 days
    expect(onWaitingList(promoted)).toBe(false);
    expect(refusal(promoted, { type: 'promote', decisionType: LC_FA }, AUTO_LIST_COMP).status).toBe(409);
    expect(decide(promoted, { type: 'confirm' }, candidate, now).ok).toBe(true);
  });
});

describe('proposition (§3.2.1)', () => {
  it('starts complete with a non-validated favourable opinion and alerts the commission', () => {
    const p = { ...input, proposition: true, createdBy: { kind: 'staff' as const, login: 'scol' } };
    const s = initialState(p);
    expect(s.dossierStatus).toBe('CO');
    expect(toView(s).opinion).toMatchObject({ kind: 'FA', validated: false });
    expect(candidateView(toView(s)).opinion).toBeNull();
    expect(initialEffects(p).map((e) => e.type === 'mail' && e.code)).toEqual(['CANDIDATURE', 'COMMISSION_ALERT_PROPOSITION']);
    expect(initialEffects(input).map((e) => e.type === 'mail' && e.code)).toEqual(['CANDIDATURE']);
    expect(decide(s, { type: 'validateOpinion' }, manager, now).ok).toBe(true);
  });
});

describe('the comment of an opinion', () => {
  it('reaches the candidate only when its decision type shows it (staff always read it)', () => {
    const published = (showsComment?: boolean) =>
      run(complete(), [
        [{ type: 'enterOpinion', decisionType: { ...DE, showsComment }, motiveCode: 'CAPA', comment: 'Dossier court.' }, manager],
        [{ type: 'validateOpinion' }, manager],
      ]);
    expect(viewFor(published(false), candidate, now).opinion).toMatchObject({ kind: 'DE', comment: null });
    expect(viewFor(published(false), manager, now).opinions.at(-1)).toMatchObject({ comment: 'Dossier court.' });
    expect(viewFor(published(true), candidate, now).opinion).toMatchObject({ comment: 'Dossier court.' });
    // Opinions entered before the setting was carried keep showing it, as they did.
    expect(viewFor(published(undefined), candidate, now).opinion).toMatchObject({ comment: 'Dossier court.' });
  });
});

describe('tags and archived campaigns', () => {
  it('sets tags (GEST_TAG), trimmed and deduplicated, hidden from the candidate', () => {
    const s = run(transmitted(), [[{ type: 'setTags', tags: [' boursier ', 'boursier', 'international'] }, manager]]);
    expect(toView(s).tags).toEqual(['boursier', 'international']);
    expect(candidateView(toView(s)).tags).toEqual([]);
    expect(refusal(s, { type: 'setTags', tags: ['x'] }, commission).status).toBe(403);
  });

  it('refuses every transition once the campaign is archived', () => {
    const s = { ...offered(), archived: { at: '2027-09-01T00:00:00Z', formationDates: {} } };
    expect(refusal(s, { type: 'confirm' }, candidate).reason.fr).toContain('archivée');
    expect(refusal(s, { type: 'setDossierStatus', status: 'IN' }, manager).status).toBe(409);
    expect(nextTimedEvent(s)).toBeNull();
    expect(allowedActions(s, manager, now)).toEqual([]);
  });
});
