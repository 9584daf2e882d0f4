// Calendar rules in the institution's time zone. French admissions deadlines are dates ("le 15 juillet")
// that end at 23:59:59 Paris time whatever the server's zone; these helpers turn such dates into
// absolute instants. Pure functions: usable in workflows (the sandbox provides Intl and a replayed clock).

export const TIME_ZONE = 'Europe/Paris';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Offset of Paris from UTC at that instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: Date): number {
  const p = parisParts(instant);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in Paris. */
export function parisDate(instant: Date): string {
  const p = parisParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant a Paris wall-clock time happens (handles the DST changes by re-checking the offset). */
export function parisWallClockToInstant(date: string, hours: number, minutes: number, seconds: number, ms = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hours, minutes, seconds, ms);
  let instant = new Date(guess - parisOffsetMs(new Date(guess)));
  instant = new Date(guess - parisOffsetMs(instant));
  return instant;
}

/** Last instant of a date in Paris: a deadline "le D" still accepts actions at 23:59:59.999 that day. */
export function endOfParisDay(date: string): Date {
  return parisWallClockToInstant(date, 23, 59, 59, 999);
}

/** First instant of a date in Paris: an opening "le D" accepts actions from 00:00 that day. */
export function startOfParisDay(date: string): Date {
  return parisWallClockToInstant(date, 0, 0, 0, 0);
}

/** Adds calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** True when `now` falls within the Paris dates [from, to], both days included. */
export function withinParisDates(now: Date, from: string, to: string): boolean {
  return now >= startOfParisDay(from) && now <= endOfParisDay(to);
}

const longDateTime = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
};

/** An instant as a person reads it, Paris time, in both languages ("18 février 2027 à 23:59" / "18 February 2027 at 23:59"). */
export function parisDateTimeText(instant: string | Date): { fr: string; en: string } {
  const at = new Date(instant);
  return { fr: longDateTime.fr.format(at), en: longDateTime.en.format(at) };
}
