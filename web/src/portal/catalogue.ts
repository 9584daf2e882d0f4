// How the catalogue pages word a formation: its application period as a badge, its access mode, the
// labels it has in English, the dates a candidate cares about (only those set), and whether the
// reader may apply to it here.
import { useI18n } from 'vue-i18n';
import type { ApplicationPeriod, CatalogueFormation } from '../../../contracts/catalogue.ts';
import { useFormat } from '../format.ts';
import type { BadgeType } from '../labels.ts';

export function useCatalogueWords() {
  const { t, locale } = useI18n();
  const fmt = useFormat();
  const en = () => locale.value === 'en';

  /** An object's label in the reader's language (its English one when it has one). */
  const named = (x: { label: string; labelEn?: string | null }) => (en() && x.labelEn) || x.label;
  /** A text given in both languages (the English one when there is one). */
  const bilingual = (fr: string | null, english: string | null) => (en() && english) || fr;

  const PERIOD_BADGE: Record<ApplicationPeriod, BadgeType | undefined> = { open: 'success', upcoming: 'info', closed: undefined };
  /** "Candidatures ouvertes jusqu'au 30 juin 2026", "Ouverture le 2 mai 2026", "Candidatures closes". */
  const period = (f: CatalogueFormation) => ({
    type: PERIOD_BADGE[f.period],
    label:
      f.period === 'open'
        ? t('portal.catalogue.period.open')
        : f.period === 'upcoming'
          ? t('portal.catalogue.period.upcoming', { date: fmt.day(f.dates.applicationStartsOn) })
          : t('portal.catalogue.period.closed'),
  });

  /** The dates set for this formation, in the order of the year, each with its label. */
  function dates(f: CatalogueFormation): { key: string; label: string; value: string }[] {
    const d = f.dates;
    const rows: { key: string; value: string | null }[] = [
      { key: 'applications', value: t('portal.catalogue.dates.fromTo', { from: fmt.day(d.applicationStartsOn), to: fmt.day(d.applicationEndsOn) }) },
      { key: 'returnDeadline', value: d.returnDeadline ? fmt.day(d.returnDeadline) : null },
      { key: 'preselection', value: d.preselection?.on ? preselection(d.preselection) : null },
      { key: 'analysisOn', value: d.analysisOn ? fmt.day(d.analysisOn) : null },
      { key: 'juryOn', value: d.juryOn ? fmt.day(d.juryOn) : null },
      { key: 'publicationOn', value: d.publicationOn ? fmt.day(d.publicationOn) : null },
      { key: 'confirmation', value: confirmation(d.confirmationOn, d.confirmationDelayDays) },
      { key: 'lcConfirmation', value: confirmation(d.lcConfirmationOn, d.lcConfirmationDelayDays) },
    ];
    return rows.filter((r): r is { key: string; value: string } => r.value !== null).map((r) => ({ ...r, label: t(`portal.catalogue.dates.${r.key}`) }));
  }

  function preselection(p: { on: string | null; time: string | null; place: string | null }): string {
    return [fmt.day(p.on), p.time ? t('portal.catalogue.dates.at', { time: p.time }) : '', p.place ? `(${p.place})` : ''].filter(Boolean).join(' ');
  }
  function confirmation(on: string | null, delayDays: number | null): string | null {
    if (on) return fmt.day(on);
    if (delayDays !== null) return t('portal.catalogue.dates.delay', { days: delayDays }, delayDays);
    return null;
  }

  const accessMode = (f: CatalogueFormation) => t(`portal.catalogue.accessMode.${f.accessMode}`);

  return { named, bilingual, period, dates, accessMode, day: fmt.day };
}
