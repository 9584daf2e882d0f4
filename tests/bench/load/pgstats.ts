// PostgreSQL's own count of the work it was asked for: transactions committed or rolled back in the
// application's database (each statement outside an explicit transaction is one), to see how many a
// candidature costs. The statistics are flushed by the backends about once a second.
import type pg from 'pg';
import { sleep } from '../../../infra/processes.ts';

export async function pgTransactions(db: pg.Pool): Promise<number> {
  await sleep(1500); // let the backends flush their counters
  const { rows } = await db.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}
