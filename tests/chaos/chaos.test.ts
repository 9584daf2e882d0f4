// The chaos suite (tests/chaos/harness.ts): candidatures in flight while the worker is killed -9,
// the SIS simulators fail (5xx, timeouts, 429), the Temporal dev server, the api and PostgreSQL are
// restarted; at the end every candidature is confirmed with its export done, exported exactly once
// as the simulators count it, every mail received exactly once, no workflow failed.
// In `npm test`: CHAOS_SIZE (default 30) candidatures, a 15 s SIS outage. `npm run test:chaos`:
// 500 candidatures and a one-minute outage (CHAOS_SIZE, CHAOS_SIS_WINDOW_S, CHAOS_CONCURRENCY).
import { describe, expect, it } from 'vitest';
import { runChaos } from './harness.ts';

const size = Number(process.env.CHAOS_SIZE ?? 30);
const sisWindowMs = Number(process.env.CHAOS_SIS_WINDOW_S ?? (size >= 200 ? 60 : 15)) * 1000;
const concurrency = Number(process.env.CHAOS_CONCURRENCY ?? (size >= 200 ? 40 : 10));

describe('chaos: faults while candidatures are in flight', () => {
  it(
    `${size} candidatures through a worker kill -9, a SIS outage, Temporal, api and PostgreSQL restarts: each ends confirmed, exported once, every mail once`,
    { timeout: Math.max(600_000, size * 6_000) },
    async () => {
      const report = await runChaos({ size, concurrency, sisWindowMs, log: (l) => console.log(`[chaos] ${l}`) });
      console.log(report.summary);
      expect(report.faults.map((f) => f.name)).toEqual(['worker kill -9', 'SIS outage', 'Temporal restart', 'api kill -9', 'PostgreSQL restart']);
      for (const f of report.faults) expect(f.inFlight, `${f.name} struck candidatures in flight`).toBeGreaterThan(0);
      expect(report.faults.find((f) => f.name === 'SIS outage')?.hits, 'SIS calls failed during the outage').toBeGreaterThan(0);
      expect(report.driverErrors).toEqual([]);
      expect(report.wrongState).toEqual([]);
      expect(report.exports.problems).toEqual([]);
      expect(report.exports.apogee + report.exports.pegase).toBe(size);
      expect(report.mails.problems).toEqual([]);
      expect(report.mails.duplicates).toBe(0);
      expect(report.mails.received).toBe(report.mails.expected);
      expect(report.workflows.failed).toEqual([]);
      // The clients did meet the faults (and retried through them).
      expect(report.requests.retried).toBeGreaterThan(0);
    },
  );
});
