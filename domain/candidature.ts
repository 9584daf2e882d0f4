// The candidature process, as pure functions: where every transition is DECIDED.
// The workflow (workflows/candidature.ts) only sequences them: its update validators call `decide`,
// its handlers call `decide` again and keep the new state, then run the side effects it lists
// (projection, mails, SIS export). The same `decide` tells the API and the web app which actions
// are allowed now (`allowedActions`). Rules and codes follow ecandidat-domain.md §3.2.
import type { DossierStatus, Functionality, MailCode, OpinionKind, SisType, Traitement } from './codes.ts';
import { DOSSIER_STATUSES } from './codes.ts';
import { addDays, endOfParisDay, parisDate } from './time.ts';
import type { Actor, CandidatureView, ConfirmationAnswer, ExportStatus, OpinionEntryView, Stage } from './view.ts';

// ---------------------------------------------------------------------------------------------
// Input and state

/** Everything the workflow needs to know at start; resolved by the API from the database. */
export interface CandidatureInput {
  candidatureId: string;
  campaign: { code: string; sisType: SisType };
  formation: {
    code: string;
    label: string;
    commissionCode: string;
    traitement: Traitement;
    /** Dossier return deadline (YYYY-MM-DD, Paris): the candidate cannot transmit after it. */
    returnDeadline: string | null;
    /** Fixed confirmation date (YYYY-MM-DD) used when no delay is set. */
    confirmationOn: string | null;
    /** Days after the validation of a favourable opinion the candidate has to confirm. */
    confirmationDelayDays: number | null;
  };
  candidate: { accountId: number; dossierNumber: string; firstName: string; lastName: string };
  createdAt: string;
  createdBy: Actor;
}

/** A decision type as the API resolved it from the configuration when the opinion was entered. */
export interface DecisionTypeRef {
  code: string;
  kind: OpinionKind;
  exportsToSis: boolean;
  mailCode: string;
}

interface OpinionEntry extends OpinionEntryView {
  exportsToSis: boolean;
  mailCode: string;
}

export interface CandidatureState {
  input: CandidatureInput;
  dossierStatus: DossierStatus;
  traitement: { code: Traitement; validated: boolean };
  opinions: OpinionEntry[];
  confirmation: { deadline: string | null; answer: ConfirmationAnswer | null; answeredAt: string | null; answeredBy: string | null };
  export: { status: ExportStatus; at: string | null; error: string | null; version: number; kind: 'admission' | 'withdrawal' | null };
  dates: CandidatureView['dates'];
  seq: number;
}

export function initialState(input: CandidatureInput): CandidatureState {
  // Reference §3.2.1: AC is validated at once; AD stays "en attente" until a manager validates it.
  const traitement: CandidatureState['traitement'] =
    input.formation.traitement === 'AC'
      ? { code: 'AC', validated: true }
      : { code: input.formation.traitement === 'AD' ? 'AT' : input.formation.traitement, validated: false };
  return {
    input,
    dossierStatus: 'AT',
    traitement,
    opinions: [],
    confirmation: { deadline: null, answer: null, answeredAt: null, answeredBy: null },
    export: { status: 'none', at: null, error: null, version: 0, kind: null },
    dates: {
      createdAt: input.createdAt,
      transmittedAt: null,
      receivedAt: null,
      completedAt: null,
      incompleteAt: null,
      statusChangedAt: null,
      cancelledAt: null,
    },
    seq: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Commands (one per workflow update)

/** Who acts, with the functionalities the API found in the staff member's scope for this candidature. */
export interface ActingUser extends Actor {
  rights?: Functionality[];
}

export type Command =
  | { type: 'transmit' }
  | { type: 'cancel' }
  | { type: 'setDossierStatus'; status: DossierStatus }
  | { type: 'enterOpinion'; decisionType: DecisionTypeRef; comment?: string | null; motiveCode?: string | null; lcRank?: number | null; appeal?: boolean }
  | { type: 'validateOpinion' }
  | { type: 'confirm' }
  | { type: 'withdraw' }
  | { type: 'retryExport' };

/** Events the workflow applies after a SIS export attempt (not user commands: no validation). */
export type ExportOutcome = { ok: true; at: string } | { ok: false; error: string };

export type SideEffect =
  { type: 'mail'; code: MailCode | string; to: 'candidate' | 'commission'; variables?: Record<string, string | number | null> } | { type: 'export' };

export type Decision = { ok: true; state: CandidatureState; effects: SideEffect[] } | { ok: false; status: 403 | 409 | 422; reason: string };

const forbidden = (reason: string): Decision => ({ ok: false, status: 403, reason });
const conflict = (reason: string): Decision => ({ ok: false, status: 409, reason });
const invalid = (reason: string): Decision => ({ ok: false, status: 422, reason });

function hasRight(actor: ActingUser, right: Functionality): boolean {
  return actor.kind === 'staff' && (actor.rights ?? []).includes(right);
}

// ---------------------------------------------------------------------------------------------
// Derived facts

export function isCancelled(s: CandidatureState): boolean {
  return s.dates.cancelledAt !== null;
}

export function lastOpinion(s: CandidatureState): OpinionEntry | undefined {
  return s.opinions[s.opinions.length - 1];
}

/** The last validated opinion: the only one a candidate ever sees. */
export function lastValidatedOpinion(s: CandidatureState): OpinionEntry | undefined {
  for (let i = s.opinions.length - 1; i >= 0; i--) if (s.opinions[i]!.validated) return s.opinions[i];
  return undefined;
}

export function stageOf(s: CandidatureState): Stage {
  if (isCancelled(s)) return 'cancelled';
  if (s.confirmation.answer === 'withdrawn') return 'withdrawn';
  if (s.confirmation.answer === 'confirmed') return 'confirmed';
  if (lastValidatedOpinion(s)) return 'decided';
  if (s.dates.transmittedAt !== null || s.dossierStatus !== 'AT') return 'transmitted';
  return 'draft';
}

/**
 * Confirmation deadline of a favourable decision validated at `validatedAt` (reference §3.2.9):
 * validation date + the formation's delay in days, else the formation's confirmation date; the
 * deadline is the end of that day in Paris. Null when the formation sets neither.
 */
export function confirmationDeadline(formation: CandidatureInput['formation'], validatedAt: Date): string | null {
  if (formation.confirmationDelayDays !== null) return endOfParisDay(addDays(parisDate(validatedAt), formation.confirmationDelayDays)).toISOString();
  if (formation.confirmationOn !== null) return endOfParisDay(formation.confirmationOn).toISOString();
  return null;
}

/** A validated favourable opinion waiting for (or having received) the candidate's answer. */
function favourableOffer(s: CandidatureState): OpinionEntry | undefined {
  const last = lastValidatedOpinion(s);
  return last && last.kind === 'FA' && last === lastOpinion(s) ? last : undefined;
}

// ---------------------------------------------------------------------------------------------
// The rules: decide(state, command, actor, now) → new state + side effects, or a refusal

export function decide(s: CandidatureState, cmd: Command, actor: ActingUser, now: Date): Decision {
  const at = now.toISOString();
  const next = (patch: Partial<CandidatureState>, effects: SideEffect[]): Decision => ({ ok: true, state: { ...s, ...patch, seq: s.seq + 1 }, effects });

  switch (cmd.type) {
    case 'transmit': {
      if (actor.kind !== 'candidate') return forbidden('Seul le candidat transmet son dossier.');
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      if (s.dossierStatus !== 'AT' && s.dossierStatus !== 'IN') return conflict(`Le dossier a déjà été transmis (statut ${s.dossierStatus}).`);
      const deadline = s.input.formation.returnDeadline;
      if (deadline !== null && now > endOfParisDay(deadline)) return conflict(`La date limite de retour du dossier (${deadline}) est dépassée.`);
      return next({ dossierStatus: 'RE', dates: { ...s.dates, transmittedAt: at, receivedAt: at, statusChangedAt: at } }, [
        { type: 'mail', code: 'STATUT_RE', to: 'candidate' },
        { type: 'mail', code: 'COMMISSION_ALERT_TRANSMISSION', to: 'commission' },
      ]);
    }

    case 'cancel': {
      if (actor.kind !== 'candidate') return forbidden('Seul le candidat peut annuler sa candidature.');
      if (isCancelled(s)) return conflict('La candidature est déjà annulée.');
      if (s.opinions.length > 0) return conflict('Une décision a déjà été saisie : la candidature ne peut plus être annulée.');
      if (s.dossierStatus !== 'AT') return conflict('Le dossier a déjà été transmis : la candidature ne peut plus être annulée.');
      return next({ dates: { ...s.dates, cancelledAt: at } }, [
        { type: 'mail', code: 'CANDIDATURE_ANNULATION', to: 'candidate' },
        { type: 'mail', code: 'COMMISSION_ALERT_ANNULATION', to: 'commission' },
      ]);
    }

    case 'setDossierStatus': {
      if (!hasRight(actor, 'EDIT_STATUT_DOSSIER')) return forbidden('Droit « saisie du statut du dossier » (EDIT_STATUT_DOSSIER) requis.');
      if (!DOSSIER_STATUSES.includes(cmd.status)) return invalid(`Statut de dossier inconnu : ${String(cmd.status)}.`);
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      if (s.dossierStatus === cmd.status) return conflict(`Le dossier est déjà au statut ${cmd.status}.`);
      const dateField = ({ AT: null, RE: 'receivedAt', IN: 'incompleteAt', CO: 'completedAt' } as const)[cmd.status];
      const dates = { ...s.dates, statusChangedAt: at, ...(dateField ? { [dateField]: at } : {}) };
      return next({ dossierStatus: cmd.status, dates }, [{ type: 'mail', code: `STATUT_${cmd.status}`, to: 'candidate' }]);
    }

    case 'enterOpinion': {
      if (!hasRight(actor, 'EDIT_AVIS')) return forbidden('Droit « saisie des avis » (EDIT_AVIS) requis.');
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      if (s.dates.transmittedAt === null && s.dossierStatus === 'AT') return conflict("Le dossier n'a pas encore été transmis ni réceptionné.");
      if (s.confirmation.answer !== null) return conflict('Le candidat a déjà répondu à la décision publiée.');
      if (cmd.decisionType.kind === 'DE' && !cmd.motiveCode) return invalid('Un avis défavorable exige une motivation (motiveCode).');
      if (cmd.lcRank != null && cmd.decisionType.kind !== 'LC') return invalid('Un rang (lcRank) ne se saisit que pour un avis liste complémentaire.');
      const entry: OpinionEntry = {
        index: s.opinions.length,
        decisionType: cmd.decisionType.code,
        kind: cmd.decisionType.kind,
        exportsToSis: cmd.decisionType.exportsToSis,
        mailCode: cmd.decisionType.mailCode,
        comment: cmd.comment ?? null,
        motiveCode: cmd.motiveCode ?? null,
        lcRank: cmd.lcRank ?? null,
        appeal: cmd.appeal ?? false,
        enteredAt: at,
        enteredBy: actor.login,
        validated: false,
        validatedAt: null,
        validatedBy: null,
      };
      return next({ opinions: [...s.opinions, entry] }, []);
    }

    case 'validateOpinion': {
      if (!hasRight(actor, 'VALID_AVIS')) return forbidden('Droit « validation des avis » (VALID_AVIS) requis.');
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      const last = lastOpinion(s);
      if (!last) return conflict("Aucun avis n'a été saisi.");
      if (last.validated) return conflict('Le dernier avis est déjà validé.');
      const validated: OpinionEntry = { ...last, validated: true, validatedAt: at, validatedBy: actor.login };
      const confirmation =
        last.kind === 'FA' ? { deadline: confirmationDeadline(s.input.formation, now), answer: null, answeredAt: null, answeredBy: null } : s.confirmation;
      return next({ opinions: [...s.opinions.slice(0, -1), validated], confirmation }, [
        { type: 'mail', code: last.mailCode, to: 'candidate', variables: { commentaire: last.comment, motif: last.motiveCode, rang: last.lcRank } },
      ]);
    }

    case 'confirm': {
      const actingForCandidate = hasRight(actor, 'GEST_FEN_CAND');
      if (actor.kind !== 'candidate' && !actingForCandidate) return forbidden('Seul le candidat (ou un gestionnaire habilité GEST_FEN_CAND) confirme.');
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      const offer = favourableOffer(s);
      if (!offer) return conflict("Aucun avis favorable validé n'attend de confirmation.");
      if (s.confirmation.answer !== null) return conflict(`Le candidat a déjà répondu (${s.confirmation.answer === 'confirmed' ? 'confirmé' : 'désisté'}).`);
      if (actor.kind === 'candidate' && s.confirmation.deadline !== null && now > new Date(s.confirmation.deadline))
        return conflict(`La date limite de confirmation (${s.confirmation.deadline}) est dépassée.`);
      const exports = offer.exportsToSis && s.input.campaign.sisType !== 'D';
      return next(
        {
          confirmation: { ...s.confirmation, answer: 'confirmed', answeredAt: at, answeredBy: actor.login },
          export: exports ? { status: 'pending', at: null, error: null, version: s.export.version + 1, kind: 'admission' } : s.export,
        },
        [{ type: 'mail', code: 'CANDIDATURE_CONFIRM', to: 'candidate' }, ...(exports ? [{ type: 'export' } as const] : [])],
      );
    }

    case 'withdraw': {
      if (actor.kind !== 'candidate') return forbidden('Le désistement appartient au candidat.');
      if (isCancelled(s)) return conflict('La candidature est annulée.');
      if (!favourableOffer(s)) return conflict("Aucun avis favorable validé : il n'y a rien dont se désister.");
      if (s.confirmation.answer === 'withdrawn') return conflict('Le candidat s’est déjà désisté.');
      if (s.confirmation.answer === null && s.confirmation.deadline !== null && now > new Date(s.confirmation.deadline))
        return conflict(`La date limite de réponse (${s.confirmation.deadline}) est dépassée.`);
      // An admission already sent (or on its way) to the SIS is followed by its withdrawal (reference §3.2.10).
      const reexport = s.export.status !== 'none';
      return next(
        {
          confirmation: { ...s.confirmation, answer: 'withdrawn', answeredAt: at, answeredBy: actor.login },
          export: reexport ? { status: 'pending', at: null, error: null, version: s.export.version + 1, kind: 'withdrawal' } : s.export,
        },
        [
          { type: 'mail', code: 'CANDIDATURE_DESIST', to: 'candidate' },
          { type: 'mail', code: 'COMMISSION_ALERT_DESISTEMENT', to: 'commission' },
          ...(reexport ? [{ type: 'export' } as const] : []),
        ],
      );
    }

    case 'retryExport': {
      if (!(actor.kind === 'staff' && (actor.rights ?? []).includes('GEST_NUM_OPI'))) return forbidden('Droit « gestion des OPI » (GEST_NUM_OPI) requis.');
      if (s.export.status !== 'failed') return conflict(`Aucun export en échec à relancer (statut ${s.export.status}).`);
      return next({ export: { ...s.export, status: 'pending', error: null } }, [{ type: 'export' }]);
    }
  }
}

/** Applies the outcome of a SIS export attempt for the current export version. */
export function applyExportOutcome(s: CandidatureState, outcome: ExportOutcome): CandidatureState {
  const exp = outcome.ok
    ? { ...s.export, status: 'done' as const, at: outcome.at, error: null }
    : { ...s.export, status: 'failed' as const, error: outcome.error };
  return { ...s, export: exp, seq: s.seq + 1 };
}

// ---------------------------------------------------------------------------------------------
// Views

/** Actions named as the API names them, tried in this order for `allowedActions`. */
const PROBES: { action: string; cmd: Command }[] = [
  { action: 'transmit', cmd: { type: 'transmit' } },
  { action: 'cancel', cmd: { type: 'cancel' } },
  { action: 'setDossierStatus', cmd: { type: 'setDossierStatus', status: 'CO' } },
  { action: 'enterOpinion', cmd: { type: 'enterOpinion', decisionType: { code: 'probe', kind: 'FA', exportsToSis: false, mailCode: '' } } },
  { action: 'validateOpinion', cmd: { type: 'validateOpinion' } },
  { action: 'confirm', cmd: { type: 'confirm' } },
  { action: 'withdraw', cmd: { type: 'withdraw' } },
  { action: 'retryExport', cmd: { type: 'retryExport' } },
];

/** The transitions this actor may attempt now (a status change counts if any status is possible). */
export function allowedActions(s: CandidatureState, actor: ActingUser, now: Date): string[] {
  return PROBES.filter(({ action, cmd }) => {
    if (action === 'setDossierStatus') return DOSSIER_STATUSES.some((status) => decide(s, { type: 'setDossierStatus', status }, actor, now).ok);
    return decide(s, cmd, actor, now).ok;
  }).map((p) => p.action);
}

function publicEntry(e: OpinionEntry): OpinionEntryView {
  const { exportsToSis: _e, mailCode: _m, ...view } = e;
  return view;
}

/** The full view (staff). `allowedActions` is filled by the caller for its reader. */
export function toView(s: CandidatureState, workflowId: string): CandidatureView {
  const last = lastOpinion(s);
  return {
    id: s.input.candidatureId,
    workflowId,
    campaignCode: s.input.campaign.code,
    sisType: s.input.campaign.sisType,
    formationCode: s.input.formation.code,
    formationLabel: s.input.formation.label,
    commissionCode: s.input.formation.commissionCode,
    candidate: s.input.candidate,
    stage: stageOf(s),
    dossierStatus: s.dossierStatus,
    traitement: s.traitement,
    opinion: last
      ? { kind: last.kind, decisionType: last.decisionType, validated: last.validated, comment: last.comment, validatedAt: last.validatedAt }
      : null,
    opinions: s.opinions.map(publicEntry),
    confirmation: s.confirmation,
    export: { status: s.export.status, at: s.export.at, error: s.export.error, version: s.export.version },
    dates: s.dates,
    allowedActions: [],
    seq: s.seq,
  };
}

/** What a candidate may see: only validated opinions, no history, no internal comment when hidden. */
export function candidateView(view: CandidatureView): CandidatureView {
  const validated = [...view.opinions].reverse().find((o) => o.validated);
  return {
    ...view,
    opinion: validated
      ? { kind: validated.kind, decisionType: validated.decisionType, validated: true, comment: validated.comment, validatedAt: validated.validatedAt }
      : null,
    opinions: [],
  };
}
