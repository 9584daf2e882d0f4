// The timeline's entries in words (web/src/locales/admin-*.ts): their title, actor, outcome badge and
// details; codes of the domain lists through the shared labels (web/src/labels.ts).
import { useI18n } from 'vue-i18n';
import type { TimelineDetail, TimelineEntry } from '../../../../contracts/admin.ts';
import type { DossierStatus, ExportStatus, OpinionKind, PieceStatus } from '../../../../domain/codes.ts';
import { useFormat } from '../../format.ts';
import { useLabels, type BadgeType } from '../../labels.ts';

const OUTCOME_BADGE: Record<string, BadgeType> = {
  applied: 'success',
  ok: 'success',
  sent: 'success',
  done: 'success',
  completed: 'success',
  refused: 'error',
  failed: 'error',
  terminated: 'error',
  skipped: 'warning',
  retry: 'warning',
};
const INSTANTS = new Set(['fireAt', 'sentAt']);

export function useTimelineText() {
  const { t, te, locale } = useI18n();
  const labels = useLabels();
  const fmt = useFormat();
  const lang = () => (locale.value === 'en' ? 'en' : 'fr');

  const transitionName = (name: string | null) => (name && te(`admin.transition.${name}`) ? t(`admin.transition.${name}`) : (name ?? ''));
  const purposeOf = (e: TimelineEntry) => {
    const p = e.details.find((d) => d.key === 'purpose')?.value ?? 'deadline';
    return te(`admin.purpose.${p}`) ? t(`admin.purpose.${p}`) : p;
  };

  function title(e: TimelineEntry): string {
    switch (e.event) {
      case 'transition':
        return transitionName(e.transition);
      case 'timerSet':
      case 'timerFired':
      case 'timerCancelled':
        return t(`admin.event.${e.event}`, { purpose: purposeOf(e) });
      case 'mail': {
        const subject = e.details.find((d) => d.key === 'subject')?.value || e.details.find((d) => d.key === 'mailCode')?.value || '';
        return t('admin.event.mail', { subject });
      }
      default:
        return t(`admin.event.${e.event}`);
    }
  }

  function actor(e: TimelineEntry): string {
    const { kind, login } = e.actor;
    if (kind === 'candidate') return t('admin.actor.candidate', { login: login ?? '' });
    if (kind === 'staff') return t('admin.actor.staff', { login: login ?? '' });
    if (kind === 'timer') return t('admin.actor.timer');
    return login ? t('admin.actor.systemUser', { login }) : t('admin.actor.system');
  }

  function outcome(e: TimelineEntry): { label: string; type: BadgeType } | null {
    if (!e.outcome) return null;
    const key = `admin.outcome.${e.outcome}`;
    return { label: te(key) ? t(key) : e.outcome, type: OUTCOME_BADGE[e.outcome] ?? 'info' };
  }

  function detailValue(d: TimelineDetail): string {
    if (d.text) return `${d.text[lang()]} (${d.value})`;
    switch (d.list) {
      case 'dossierStatus':
        return labels.dossierStatus(d.value as DossierStatus);
      case 'pieceStatus':
        return labels.pieceStatus(d.value as PieceStatus);
      case 'opinionKind':
        return labels.opinionKind(d.value as OpinionKind);
      case 'traitement':
        return labels.traitement(d.value);
      case 'exportStatus':
        return labels.exportStatus(d.value as ExportStatus);
      case 'transition':
        return transitionName(d.value);
      default:
        break;
    }
    if (INSTANTS.has(d.key)) return fmt.dateTime(d.value);
    if (d.key === 'recipientRole' && te(`admin.role.${d.value}`)) return t(`admin.role.${d.value}`);
    if (d.value === 'true') return t('admin.yes');
    return d.value;
  }

  /** The details worth a line (the timer's purpose is in its title already). */
  function details(e: TimelineEntry): { key: string; label: string; value: string }[] {
    return e.details
      .filter((d) => !(d.key === 'purpose' || (e.event === 'mail' && d.key === 'subject')))
      .map((d) => ({ key: d.key, label: te(`admin.detail.${d.key}`) ? t(`admin.detail.${d.key}`) : d.key, value: detailValue(d) }));
  }

  const reason = (e: TimelineEntry): string | null => (e.reason ? e.reason[lang()] || e.reason.fr : null);

  return { title, actor, outcome, details, reason, transitionName };
}
