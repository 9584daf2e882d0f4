// Labels of codes and the DSFR badge colour that goes with each. The code lists are domain/codes.ts;
// their labels are the catalogs' `labels.<list>.<code>` (web/src/locales, typed by those lists).
import { useI18n } from 'vue-i18n';
import type { ConfirmationAnswer, DossierStatus, ExportStatus, OpinionKind, PieceStatus, Stage } from '../../domain/codes.ts';

export { DOSSIER_STATUSES, PIECE_STATUSES, STAGES, TRAITEMENTS } from '../../domain/codes.ts';

export type BadgeType = 'success' | 'error' | 'new' | 'info' | 'warning';

const STAGE_BADGE: Record<Stage, BadgeType> = {
  draft: 'new',
  transmitted: 'info',
  decided: 'warning',
  confirmed: 'success',
  withdrawn: 'error',
  cancelled: 'error',
};
const DOSSIER_BADGE: Record<DossierStatus, BadgeType> = {
  AT: 'new',
  RE: 'info',
  IN: 'warning',
  CO: 'success',
};
const PIECE_BADGE: Record<PieceStatus, BadgeType> = {
  AT: 'new',
  TR: 'info',
  VA: 'success',
  RE: 'error',
  NC: 'info',
};
const OPINION_BADGE: Record<OpinionKind, BadgeType> = {
  FA: 'success',
  DE: 'error',
  LA: 'warning',
  LC: 'warning',
  PR: 'info',
};
const EXPORT_BADGE: Record<ExportStatus, BadgeType> = {
  none: 'new',
  pending: 'info',
  done: 'success',
  failed: 'error',
};

export function useLabels() {
  const { t, te } = useI18n();
  const label = (group: string, code: string | null | undefined): string => {
    if (!code) return t('app.none');
    const key = `labels.${group}.${code}`;
    return te(key) ? t(key) : code;
  };
  return {
    stage: (s: Stage | null | undefined) => label('stage', s),
    dossierStatus: (s: DossierStatus | null | undefined) => label('dossierStatus', s),
    opinionKind: (k: OpinionKind | null | undefined) => label('opinionKind', k),
    pieceStatus: (s: PieceStatus | null | undefined) => label('pieceStatus', s),
    traitement: (c: string | null | undefined) => label('traitement', c),
    exportStatus: (s: ExportStatus | null | undefined) => label('exportStatus', s),
    confirmation: (a: ConfirmationAnswer | null | undefined) => label('confirmation', a),
    stageBadge: (s: Stage) => STAGE_BADGE[s] ?? 'info',
    dossierBadge: (s: DossierStatus) => DOSSIER_BADGE[s] ?? 'info',
    opinionBadge: (k: OpinionKind) => OPINION_BADGE[k] ?? 'info',
    pieceBadge: (s: PieceStatus) => PIECE_BADGE[s] ?? 'info',
    exportBadge: (s: ExportStatus) => EXPORT_BADGE[s] ?? 'info',
  };
}
