// Password guessing: after `maxFailures` failed logins for one login name within `windowMs`, that
// login is refused — the right password included — until the oldest of those failures leaves the
// window. Counted per login name (not per address: guesses spread over many addresses still count),
// in PostgreSQL (table login_failure), so every API replica counts the same failures and a restart
// forgets none. The clock is the database's (now()), which all replicas share. A success clears
// the login's failures; expired rows are deleted now and then.
//
// An attempt is counted before the password is checked (`attempt`), under a lock on the login name,
// and only taken back once the password proves right: a burst of concurrent guesses, on one replica
// or several, gets no more checks than the brake allows.
import type { Db } from '../infra/prisma.ts';

/** The advisory lock class of the brake (pg_advisory_xact_lock(class, hashtext(login))). */
const LOCK_CLASS = 0x4c47_4e46; // "LGNF"
/**
 * How long an attempt may wait for a pooled connection (maxWait) and last (timeout, the lock's wait
 * included): a burst of logins waits rather than fails, where Prisma's defaults (2 s, 5 s) would 500.
 */
const TRANSACTION_LIMITS = { maxWait: 15_000, timeout: 15_000 };
/** How often one process deletes the expired failures. */
const PRUNE_EVERY_MS = 60_000;

/** What `attempt` answers: the login is held (seconds until it may be tried), or this attempt is counted (its row). */
export type LoginAttempt = { held: true; retryAfterSeconds: number } | { held: false; id: bigint };

/** The login name as the brake counts it: trimmed and lower-cased. */
export const throttleKey = (login: string) => login.trim().toLowerCase().slice(0, 255);

export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /**
   * Whether this login may be tried now; if so, the attempt is recorded as a failure until
   * `succeeded` or `withdraw` takes it back. Concurrent attempts on one login wait for each other.
   */
  async attempt(login: string): Promise<LoginAttempt> {
    const key = throttleKey(login);
    const result = await this.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${key}))`;
      const wait = await retryAfter(tx, key, this.maxFailures, this.windowMs);
      if (wait > 0) return { held: true as const, retryAfterSeconds: wait };
      const [row] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO login_failure (login, at) VALUES (${key}, now() AT TIME ZONE 'UTC') RETURNING id`;
      return { held: false as const, id: row!.id };
    }, TRANSACTION_LIMITS);
    await this.pruneNowAndThen();
    return result;
  }

  /** The password was right: the login's failures are forgotten. */
  async succeeded(login: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM login_failure WHERE login = ${throttleKey(login)}`;
  }

  /** The attempt was not a wrong password after all (an account not validated yet): not counted. */
  async withdraw(attempt: { id: bigint }): Promise<void> {
    await this.db.$executeRaw`DELETE FROM login_failure WHERE id = ${attempt.id}`;
  }

  /** Deletes the failures that left the window, at most once a minute per process. */
  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.db.$executeRaw`
      DELETE FROM login_failure WHERE at <= (now() AT TIME ZONE 'UTC') - ${this.windowMs}::int * interval '1 millisecond'`;
  }
}

type Queryable = Pick<Db, '$queryRaw'>;

/** Seconds until the `maxFailures`-th most recent failure of the window leaves it; 0 when fewer are in it. */
async function retryAfter(db: Queryable, key: string, maxFailures: number, windowMs: number): Promise<number> {
  const [row] = await db.$queryRaw<{ wait: number }[]>`
    SELECT GREATEST(1, ceil(extract(epoch FROM at + ${windowMs}::int * interval '1 millisecond' - (now() AT TIME ZONE 'UTC'))))::int AS wait
      FROM login_failure
     WHERE login = ${key} AND at > (now() AT TIME ZONE 'UTC') - ${windowMs}::int * interval '1 millisecond'
     ORDER BY at DESC
    OFFSET ${Math.max(0, maxFailures - 1)}::int LIMIT 1`;
  return row?.wait ?? 0;
}
