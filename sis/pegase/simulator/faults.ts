// Faults injected into the Pégase simulator at run time (`POST /__admin/faults`), so that tests and
// demos show how the adapter and the export workflow behave when Pégase misbehaves. A fault targets
// the calls whose path matches a pattern (`*` = any characters, e.g. `/api/ins/v1/*`; optionally
// one method) and fires `count` times (null: until cleared), oldest first.

export const FAULT_KINDS = [
  /** Answer after `ms` milliseconds (the call itself then runs normally). */
  'latency',
  /** Answer HTTP `status` (default 503) with the Pégase error body: a server or gateway error. */
  'http5xx',
  /** Answer 429 with `Retry-After: retryAfter` seconds (default 2). */
  'tooMany',
  /** Never answer (until the simulator stops or faults are cleared): the caller's timeout must fire. */
  'hang',
  /** Answer 403 as for an expired token, whatever the token. */
  'expiredToken',
  /** Answer 200 with a truncated body the caller cannot parse. */
  'malformed',
  /** Close the connection without answering. */
  'drop',
  /** Do the work, then answer `status` (default 503): the caller does not know its call succeeded. */
  'lostResponse',
  /** admis/import: the job ends STOP (interrupted by an operator) without importing anything. */
  'jobStop',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Path pattern (`*` wildcard) matched against the path without query string. */
  path: string;
  method?: string;
  kind: FaultKind;
  /** How many calls it affects; null = every call until cleared. Default 1. */
  count?: number | null;
  ms?: number;
  status?: number;
  retryAfter?: number;
}

export interface Fault {
  id: number;
  path: string;
  method: string | null;
  kind: FaultKind;
  remaining: number | null;
  ms: number;
  status: number;
  retryAfter: number;
  /** How many calls it has affected so far. */
  fired: number;
}

function matcher(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export class FaultBoard {
  private faults: (Fault & { re: RegExp })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (!spec.path || typeof spec.path !== 'string') throw new Error('path is required (a path pattern, * for any characters)');
    const fault = {
      id: this.nextId++,
      path: spec.path,
      method: spec.method ? spec.method.toUpperCase() : null,
      kind: spec.kind,
      remaining: spec.count === null ? null : (spec.count ?? 1),
      ms: spec.ms ?? 2000,
      status: spec.status ?? (spec.kind === 'expiredToken' ? 403 : 503),
      retryAfter: spec.retryAfter ?? 2,
      fired: 0,
      re: matcher(spec.path),
    };
    this.faults.push(fault);
    return this.strip(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => this.strip(f));
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the next fault for this call among `kinds`, consuming one of its shots. */
  take(method: string, path: string, kinds: readonly FaultKind[]): Fault | null {
    const fault = this.faults.find((f) => f.remaining !== 0 && kinds.includes(f.kind) && (!f.method || f.method === method) && f.re.test(path));
    if (!fault) return null;
    fault.fired++;
    if (fault.remaining !== null) fault.remaining--;
    return this.strip(fault);
  }

  private strip(f: Fault & { re: RegExp }): Fault {
    const { re: _re, ...rest } = f;
    return { ...rest };
  }
}
