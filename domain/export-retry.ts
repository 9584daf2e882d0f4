// The SIS export's retry schedule, defined once: the exportToSis activity policy of the candidature
// workflow (workflows/candidature.ts) and the activity itself (activities/sis-export.ts), which waits
// at least this long even when the SIS asks for less (429/503 Retry-After): a SIS throttling for a
// minute must not use up the attempts in a few seconds. Ten attempts span about 13 minutes: an SIS
// down for a few minutes, or PostgreSQL restarting during the last attempts (every failure counts,
// tests/chaos met it with six), leaves no export "failed" for an admin to retry by hand.
export const EXPORT_RETRY = { initialSeconds: 2, backoffCoefficient: 2, maximumSeconds: 300, maximumAttempts: 10 } as const;

/** Seconds the policy waits after failed attempt `attempt` (1-based): 2, 4, 8, 16, 32… up to 5 minutes. */
export function exportBackoffSeconds(attempt: number): number {
  return Math.min(EXPORT_RETRY.initialSeconds * EXPORT_RETRY.backoffCoefficient ** Math.max(0, attempt - 1), EXPORT_RETRY.maximumSeconds);
}
