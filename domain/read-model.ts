// What is indexed of a candidature outside its workflow, derived from its state only: the read-model
// columns the lists filter and sort on (table `candidature`, beside the state itself) and the facts
// Temporal's search attributes carry (contracts/search-attributes.ts).
import { admissionOf, lastOpinion, stageOf, type CandidatureState } from './candidature.ts';

/** The facts lists and searches filter on. */
export function indexedFacts(s: CandidatureState) {
  const last = lastOpinion(s);
  return {
    stage: stageOf(s),
    dossierStatus: s.dossierStatus,
    opinionKind: last?.kind ?? null,
    exportStatus: s.export.status,
    confirmationDeadline: s.confirmation.deadline,
  };
}
export type IndexedFacts = ReturnType<typeof indexedFacts>;

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** The read-model columns of table `candidature` (prisma/schema.prisma) for this state. */
export function readModelColumns(s: CandidatureState) {
  const last = lastOpinion(s);
  const facts = indexedFacts(s);
  return {
    stage: facts.stage,
    dossierStatus: facts.dossierStatus,
    traitement: s.traitement.code,
    traitementValidated: s.traitement.validated,
    opinionKind: facts.opinionKind,
    opinionDecisionType: last?.decisionType ?? null,
    opinionValidated: last?.validated ?? false,
    confirmationDeadline: date(facts.confirmationDeadline),
    confirmationAnswer: s.confirmation.answer,
    answeredAt: date(s.confirmation.answeredAt),
    answeredBy: s.confirmation.answeredBy,
    cancelledAt: date(s.dates.cancelledAt),
    transmittedAt: date(s.dates.transmittedAt),
    receivedAt: date(s.dates.receivedAt),
    completedAt: date(s.dates.completedAt),
    incompleteAt: date(s.dates.incompleteAt),
    statusChangedAt: date(s.dates.statusChangedAt),
    exportStatus: facts.exportStatus,
    exportedAt: date(s.export.at),
    proposition: s.input.proposition ?? false,
    ...admissionOf(s),
    seq: s.seq,
  };
}
export type ReadModelColumns = ReturnType<typeof readModelColumns>;

/** Largest id a tag may have (table `tag`'s int4 key). */
const TAG_ID_MAX = 2_147_483_647;

/**
 * The state's tags that are tag ids (table `tag`), for the read model's `candidature_tag` rows. Tags
 * entered as free text before tags had a setup are not: they stay in the state and the view only.
 */
export function tagIdsOf(s: CandidatureState): number[] {
  const ids = (s.tags ?? []).filter((t) => /^[1-9]\d{0,9}$/.test(t)).map(Number);
  return [...new Set(ids.filter((id) => id <= TAG_ID_MAX))];
}
