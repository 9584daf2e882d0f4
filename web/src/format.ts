// Dates are instants (ISO strings from the API) shown in Paris time, as the national platforms do:
// "30 juin 2026 à 23 h 59 (heure de Paris)" / "30 June 2026 at 23:59 (Paris time)".
import { useI18n } from 'vue-i18n';
import type { Locale } from './i18n.ts';

const TZ = 'Europe/Paris';
const INTL: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

function valid(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  const d = valid(iso);
  if (!d) return '';
  const text = new Intl.DateTimeFormat(INTL[locale], {
    timeZone: TZ,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d);
  return ordinalFirst(text, locale);
}

/** French writes the first day of a month as an ordinal: "1er septembre 2026". */
const ordinalFirst = (text: string, locale: Locale) => (locale === 'fr' ? text.replace(/^1 /, '1er ') : text);

export function formatTime(iso: string | null | undefined, locale: Locale, seconds = false): string {
  const d = valid(iso);
  if (!d) return '';
  const parts = new Intl.DateTimeFormat(INTL[locale], {
    timeZone: TZ,
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  if (locale === 'fr') {
    // French typography: "23 h 59", with seconds "23 h 59 min 07 s" (non-breaking spaces).
    return `${get('hour')}\u00a0h\u00a0${get('minute')}${seconds ? `\u00a0min\u00a0${get('second')}\u00a0s` : ''}`;
  }
  return `${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
}

/** Composable: `dateTime(iso)` → "30 juin 2026 à 23 h 59 (heure de Paris)", `date(iso)` → "30 juin 2026". */
export function useFormat() {
  const { t, locale } = useI18n();
  const loc = () => locale.value as Locale;
  return {
    date: (iso: string | null | undefined) => formatDate(iso, loc()),
    /** A calendar date (YYYY-MM-DD, already a Paris date): "30 juin 2026", no time-zone shift. */
    day: (ymd: string | null | undefined) => {
      const d = ymd ? new Date(`${ymd.slice(0, 10)}T12:00:00Z`) : null;
      if (!d || Number.isNaN(d.getTime())) return '';
      return ordinalFirst(new Intl.DateTimeFormat(INTL[loc()], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d), loc());
    },
    /** Compact, for tables: "12/06/2026 14:03" (Paris time, said in the column header). */
    short: (iso: string | null | undefined) => {
      const d = valid(iso);
      if (!d) return '';
      return new Intl.DateTimeFormat(INTL[loc()], {
        timeZone: TZ,
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(d);
    },
    dateTime: (iso: string | null | undefined, seconds = false) => {
      if (!valid(iso)) return '';
      return t('date.dateTime', {
        date: formatDate(iso, loc()),
        time: formatTime(iso, loc(), seconds),
      });
    },
  };
}
