// Read-model lag: after a transition's answer (which carries the view's `seq`), how long until the
// candidature's row in PostgreSQL has that seq. Polled every ~2 ms on a sample of transitions, with
// a few probes at most in flight so that the probing itself stays a small load.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { sleep } from '../../../infra/processes.ts';
import { Latencies } from './stats.ts';

export class LagProbe {
  readonly lags: number[] = [];
  /** The same lags by transition name. */
  readonly byName = new Latencies();
  /** Samples not taken because enough probes were already running. */
  skipped = 0;
  /** Probes that never saw the seq within the timeout. */
  timeouts = 0;
  /** SELECTs sent (to leave them out of the application's count of PostgreSQL transactions). */
  queries = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: pg.Pool,
    private readonly maxInFlight = 8,
    private readonly pollMs = 2,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Starts a probe in the background; `answeredAt` is performance.now() when the answer was read. */
  probe(name: string, id: string, seq: number, answeredAt: number): void {
    if (this.running.size >= this.maxInFlight) {
      this.skipped++;
      return;
    }
    const run = this.poll(name, id, seq, answeredAt).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async poll(name: string, id: string, seq: number, answeredAt: number): Promise<void> {
    for (let first = true; ; first = false) {
      this.queries++;
      const { rows } = await this.db.query<{ seq: number }>('SELECT seq FROM candidature WHERE id = $1', [id]);
      const seen = performance.now();
      if ((rows[0]?.seq ?? -Infinity) >= seq) {
        const lag = first ? 0 : seen - answeredAt;
        this.lags.push(lag);
        this.byName.add(name, lag);
        return;
      }
      if (seen - answeredAt > this.timeoutMs) {
        this.timeouts++;
        return;
      }
      await sleep(this.pollMs);
    }
  }
}
