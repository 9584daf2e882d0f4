// api/plugins/errors.ts `isDependencyOutage`: PostgreSQL restarting or Temporal unreachable answer 503
// (the client retries), not 500 — what the chaos suite (tests/chaos) meets when it restarts them.
import { describe, expect, it } from 'vitest';
import { isDependencyOutage } from '../../api/plugins/errors.ts';

const prismaRaw = (sqlState: string) =>
  Object.assign(new Error('Raw query failed'), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code: sqlState, originalCode: sqlState } } },
  });

describe('isDependencyOutage', () => {
  it('recognises a database shutting down, crashed or starting up, and one that cannot be reached', () => {
    expect(isDependencyOutage(prismaRaw('57P01'))).toBe(true); // terminating connection due to administrator command
    expect(isDependencyOutage(prismaRaw('57P03'))).toBe(true); // the database system is starting up / shutting down
    expect(isDependencyOutage(prismaRaw('08006'))).toBe(true);
    expect(isDependencyOutage(Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }))).toBe(true);
    expect(isDependencyOutage(Object.assign(new Error("Can't reach database server"), { code: 'P1001' }))).toBe(true);
    expect(isDependencyOutage(new Error('wrapped', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe(true);
  });

  it('recognises a database too busy to hand out a connection or start a transaction in time (a burst of applications)', () => {
    expect(isDependencyOutage(Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' }))).toBe(
      true,
    );
    expect(isDependencyOutage(Object.assign(new Error('Timed out fetching a new connection from the connection pool.'), { code: 'P2024' }))).toBe(true);
  });

  it('recognises Temporal unreachable (gRPC UNAVAILABLE, transport error)', () => {
    expect(isDependencyOutage(Object.assign(new Error('Workflow Update failed: transport error'), { name: 'ServiceError' }))).toBe(true);
    expect(isDependencyOutage(new Error('Workflow Update failed', { cause: Object.assign(new Error('unavailable'), { code: 14 }) }))).toBe(true);
  });

  it('leaves real bugs and data errors alone (they stay 500s)', () => {
    expect(isDependencyOutage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDependencyOutage(prismaRaw('23505'))).toBe(false); // unique violation
    expect(isDependencyOutage(Object.assign(new Error('not found'), { code: 'P2025' }))).toBe(false);
    expect(isDependencyOutage(null)).toBe(false);
  });
});
