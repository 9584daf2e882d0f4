// Deadline calculators of the candidature process (reference ecandidat-domain.md §3.2): pure
// functions of the formation's dates, the per-candidature overrides and the Paris calendar. The
// reducer (domain/candidature.ts) stores their results in the state; the workflow sleeps until them.
import { addDays, endOfParisDay, parisDate, parisWallClockToInstant, startOfParisDay } from './time.ts';

/** The formation dates a deadline depends on (YYYY-MM-DD, Paris days). */
export interface FormationDates {
  /** Dossier return date (dat_retour): the candidate cannot edit or transmit after its end. */
  returnDeadline: string | null;
  /** Fixed confirmation date (dat_confirm_form), used when no delay is set. */
  confirmationOn: string | null;
  /** Days after the validation of the favourable opinion (delai_confirm_form). */
  confirmationDelayDays: number | null;
  /** The same two for candidates promoted from the complementary list (…_list_comp_form). */
  lcConfirmationOn?: string | null;
  lcConfirmationDelayDays?: number | null;
}

/**
 * An override as managers enter it: an instant (ISO 8601 with time) or a Paris day (YYYY-MM-DD,
 * meaning the end of that day). Returns the instant, or null when the text is neither.
 */
export function overrideInstant(text: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = endOfParisDay(text);
    // A day that does not exist (2027-02-30) would roll over: refuse it instead.
    return Number.isNaN(d.getTime()) || parisDate(d) !== text ? null : d;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The dossier return deadline (§3.2.2): the per-candidature override (dat_new_retour_cand) when it
 * is not before the formation's date, else the formation's date (end of day, Paris). Null: none.
 */
export function returnDeadline(formation: FormationDates, override: string | null): string | null {
  const formationEnd = formation.returnDeadline ? endOfParisDay(formation.returnDeadline) : null;
  if (override !== null && (formationEnd === null || new Date(override) >= formationEnd)) return override;
  return formationEnd ? formationEnd.toISOString() : null;
}

/**
 * The confirmation deadline of a favourable decision validated at `validatedAt` (§3.2.9): the
 * override (dat_new_confirm_cand) if set; else validation day + the formation's delay; else the
 * formation's fixed date; promotions from the complementary list use the LC delay and date
 * (§3.2.11). The deadline is the end of that Paris day. Null when nothing sets one.
 */
export function confirmationDeadline(
  formation: FormationDates,
  validatedAt: Date,
  opts: { override?: string | null; promotion?: boolean } = {},
): string | null {
  if (opts.override) return opts.override;
  const delay = opts.promotion ? (formation.lcConfirmationDelayDays ?? null) : formation.confirmationDelayDays;
  const fixed = opts.promotion ? (formation.lcConfirmationOn ?? null) : formation.confirmationOn;
  if (delay !== null) return endOfParisDay(addDays(parisDate(validatedAt), delay)).toISOString();
  if (fixed !== null) return endOfParisDay(fixed).toISOString();
  return null;
}

/**
 * When the reminder of an unanswered favourable decision is due (§3.2.13, BATCH_RELANCE_FAVO: the
 * day that is `daysBefore` days before the deadline's day), at the start of that Paris day. Null
 * when that moment is not after the publication (the decision mail was just sent: no reminder).
 */
export function reminderAt(deadline: string, daysBefore: number, publishedAt: string): string | null {
  const at = startOfParisDay(addDays(parisDate(new Date(deadline)), -daysBefore));
  return at > new Date(publishedAt) ? at.toISOString() : null;
}

/**
 * The next batched SIS export after `now` (OPI_IS_IMMEDIAT = N): every day at `time` (HH:MM, Paris).
 */
export function nextExportBatchAt(now: Date, time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const today = parisWallClockToInstant(parisDate(now), h, m, 0);
  return (today > now ? today : parisWallClockToInstant(addDays(parisDate(now), 1), h, m, 0)).toISOString();
}
