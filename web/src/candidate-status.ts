// Statuses as a candidate reads them (issue 10, "words and care"): one situation per candidature,
// with a colour that matches its meaning — favourable or confirmed green, unfavourable red, waiting
// blue, something to do orange, over (cancelled, withdrawn) grey — and a supporting document
// uploaded but not yet sent reads "uploaded (not sent)", not "sent". Staff pages keep labels.ts.
import { useI18n } from 'vue-i18n';
import type { CandidatureView, PieceView } from './api.ts';
import type { BadgeType } from './labels.ts';

/** A status to show: its text and its DSFR badge type (none: the neutral grey badge). */
export interface Status {
  label: string;
  badge: BadgeType | undefined;
}

/** The published (validated) opinion of the view, if any. */
export const publishedOpinion = (v: CandidatureView) => (v.opinion?.validated ? v.opinion : null);

/** A piece uploaded after the last transmission (or before any) has not reached the commission yet. */
export function depositedNotSent(v: CandidatureView, p: PieceView): boolean {
  if (p.status !== 'TR') return false;
  const sent = v.dates.transmittedAt;
  return sent === null || (p.at !== null && p.at > sent);
}

export function useCandidateStatus() {
  const { t } = useI18n();
  const k = (key: string) => t(`candidaturePage.${key}`);
  return {
    situation(v: CandidatureView): Status {
      const opinion = publishedOpinion(v);
      switch (v.stage) {
        case 'cancelled':
          return { label: k('situation.cancelled'), badge: undefined };
        case 'withdrawn':
          return { label: k('situation.withdrawn'), badge: undefined };
        case 'confirmed':
          return { label: k('situation.confirmed'), badge: 'success' };
        case 'draft':
          return { label: k('situation.draft'), badge: 'new' };
      }
      if (opinion) {
        const badge: BadgeType = opinion.kind === 'FA' ? 'success' : opinion.kind === 'DE' ? 'error' : 'info';
        return { label: k(`situation.decision.${opinion.kind}`), badge };
      }
      if (v.dossierStatus === 'IN') return { label: k('situation.incomplete'), badge: 'warning' };
      if (v.dossierStatus === 'CO') return { label: k('situation.complete'), badge: 'info' };
      if (v.dossierStatus === 'RE') return { label: k('situation.received'), badge: 'info' };
      return { label: k('situation.transmitted'), badge: 'info' };
    },
    /** The published decision alone (the list's column), or null before any. */
    decision(v: CandidatureView): Status | null {
      const opinion = publishedOpinion(v);
      if (!opinion) return null;
      return { label: k(`situation.decision.${opinion.kind}`), badge: opinion.kind === 'FA' ? 'success' : opinion.kind === 'DE' ? 'error' : 'info' };
    },
    piece(v: CandidatureView, p: PieceView): Status {
      if (depositedNotSent(v, p)) return { label: k('pieceStatus.deposited'), badge: 'info' };
      const badge: Record<PieceView['status'], BadgeType | undefined> = { AT: 'warning', TR: 'info', VA: 'success', RE: 'error', NC: undefined };
      return { label: k(`pieceStatus.${p.status}`), badge: badge[p.status] };
    },
    /** The registration sent to the SIS after confirming; null while none applies. */
    registration(v: CandidatureView): Status | null {
      const s = v.export.status;
      if (s === 'none') return null;
      return { label: k(`exportStatus.${s}`), badge: s === 'done' ? 'success' : s === 'failed' ? 'warning' : 'info' };
    },
  };
}
