// Custom search attributes of the candidature workflows. The dev server registers them at start
// (infra/temporal-dev-server.ts); the API sets them at start and the workflow upserts those that change, so that admins
// can search in the Temporal Web UI (e.g. `CandidatureStage = "transmitted" AND CampaignCode = "2026"`).
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';

export const CandidatureStageKey = defineSearchAttributeKey('CandidatureStage', SearchAttributeType.KEYWORD);
export const DossierStatusKey = defineSearchAttributeKey('DossierStatus', SearchAttributeType.KEYWORD);
export const OpinionKindKey = defineSearchAttributeKey('OpinionKind', SearchAttributeType.KEYWORD);
export const CampaignCodeKey = defineSearchAttributeKey('CampaignCode', SearchAttributeType.KEYWORD);
export const FormationCodeKey = defineSearchAttributeKey('FormationCode', SearchAttributeType.KEYWORD);
export const CommissionCodeKey = defineSearchAttributeKey('CommissionCode', SearchAttributeType.KEYWORD);
export const ConfirmationDeadlineKey = defineSearchAttributeKey('ConfirmationDeadline', SearchAttributeType.DATETIME);
export const ExportStatusKey = defineSearchAttributeKey('ExportStatus', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_KEYS = [
  CandidatureStageKey,
  DossierStatusKey,
  OpinionKindKey,
  CampaignCodeKey,
  FormationCodeKey,
  CommissionCodeKey,
  ConfirmationDeadlineKey,
  ExportStatusKey,
] as const;

/** `Name=Type` pairs in the form `temporal server start-dev --search-attribute` expects. */
export function searchAttributeFlags(): string[] {
  const cliType: Record<string, string> = {
    KEYWORD: 'Keyword',
    DATETIME: 'Datetime',
    TEXT: 'Text',
    INT: 'Int',
    BOOL: 'Bool',
    DOUBLE: 'Double',
    KEYWORD_LIST: 'KeywordList',
  };
  return SEARCH_ATTRIBUTE_KEYS.map((k) => `${k.name}=${cliType[k.type]}`);
}

/** The search attributes that follow a candidature's state (the others are set at start and never change). */
export function stateSearchAttributes(facts: {
  stage: string;
  dossierStatus: string;
  opinionKind: string | null;
  exportStatus: string;
  confirmationDeadline: string | null;
}): SearchAttributeUpdatePair[] {
  return [
    { key: CandidatureStageKey, value: facts.stage },
    { key: DossierStatusKey, value: facts.dossierStatus },
    { key: OpinionKindKey, value: facts.opinionKind },
    { key: ExportStatusKey, value: facts.exportStatus },
    { key: ConfirmationDeadlineKey, value: facts.confirmationDeadline ? new Date(facts.confirmationDeadline) : null },
  ];
}
