// Password guessing: after `maxFailures` failed logins for one login name within `windowMs`, that
// login is refused — the right password included — until the oldest failure leaves the window.
// Counted per login name (not per address: guesses spread over many addresses still count), in
// this API process's memory (several API instances each count their own). A success clears it.
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  private key = (login: string) => login.trim().toLowerCase();

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until this login may be tried again; 0 when it may now. */
  retryAfterSeconds(login: string, now = Date.now()): number {
    const recent = this.recent(this.key(login), now);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.maxFailures]! + this.windowMs - now) / 1000));
  }

  recordFailure(login: string, now = Date.now()): void {
    const key = this.key(login);
    this.failures.set(key, [...this.recent(key, now), now]);
    // Random login names must not grow the map for ever: drop what has expired now and then.
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k, now);
  }

  recordSuccess(login: string): void {
    this.failures.delete(this.key(login));
  }
}
