// The password-guessing brake of POST /api/session (api/login-throttle.ts): the boundaries of its window.
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../api/login-throttle.ts';

const minute = 60_000;

describe('login throttle', () => {
  it('holds a login after the maximum of failures within the window, until the oldest one leaves it', () => {
    const throttle = new LoginThrottle(3, 15 * minute);
    const t0 = Date.UTC(2026, 10, 30, 12);
    throttle.recordFailure('Scol', t0);
    throttle.recordFailure('scol', t0 + minute);
    expect(throttle.retryAfterSeconds('scol', t0 + 2 * minute)).toBe(0);
    throttle.recordFailure(' SCOL ', t0 + 2 * minute);
    // Three failures: held until the first is 15 minutes old (13 minutes from now).
    expect(throttle.retryAfterSeconds('scol', t0 + 2 * minute)).toBe(13 * 60);
    expect(throttle.retryAfterSeconds('scol', t0 + 15 * minute - 1)).toBe(1);
    expect(throttle.retryAfterSeconds('scol', t0 + 15 * minute)).toBe(0);
    // Another login is not concerned.
    expect(throttle.retryAfterSeconds('admin', t0 + 2 * minute)).toBe(0);
  });

  it('forgets the failures of a login that succeeds', () => {
    const throttle = new LoginThrottle(2, 15 * minute);
    throttle.recordFailure('centre', 0);
    throttle.recordSuccess('centre');
    throttle.recordFailure('centre', 1);
    expect(throttle.retryAfterSeconds('centre', 2)).toBe(0);
  });
});
