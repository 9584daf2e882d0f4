// Faults injected into the simulator at run time (`POST /__admin/faults`), so that tests and demos
// can show how the adapter and the export workflow behave when Apogée misbehaves. Each fault
// targets one operation (a SOAP operation name, a REST route name, or `*`) and fires `count` times
// (null: until cleared), oldest first.

export const FAULT_KINDS = [
  /** Answer after `ms` milliseconds (the call itself then runs normally). */
  'latency',
  /** Answer with HTTP `status` (default 503) and a plain-text body: a proxy or server error. */
  'http5xx',
  /** Answer HTTP 429 with `Retry-After: retryAfter` seconds (default: `ms` rounded up to seconds, 2 s). */
  'http429',
  /** A business refusal: WebBaseException with `message` (REST: the JSON error shape). */
  'soapFault',
  /** Never answer (until the simulator stops or faults are cleared): the caller's timeout must fire. */
  'hang',
  /** Answer 200 with a truncated body the caller cannot parse. */
  'malformed',
  /** Close the connection without answering. */
  'drop',
  /** OpiMetier: Apogée files the OPI under its own code (the candidate "already had an OPI"). */
  'changedOpiCode',
  /** OpiMetier: IND_OPI is filled but VOEUX_INS stays empty (esup-ecandidat issue #90). */
  'issue90',
  /** OpiMetier: the call answers OK but nothing reaches IND_OPI (yet): the verification must retry. */
  'notFiled',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  operation: string;
  kind: FaultKind;
  /** How many calls it affects; null = every call until cleared. Default 1. */
  count?: number | null;
  ms?: number;
  status?: number;
  message?: string;
  /** http429: seconds of the Retry-After header. */
  retryAfter?: number;
}

export interface Fault extends Required<Pick<FaultSpec, 'operation' | 'kind'>> {
  id: number;
  remaining: number | null;
  ms: number;
  status: number;
  message: string;
  retryAfter: number;
  /** How many calls it has affected so far. */
  fired: number;
}

export class FaultBoard {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (!spec.operation) throw new Error('operation is required (an operation name or *)');
    const fault: Fault = {
      id: this.nextId++,
      operation: spec.operation,
      kind: spec.kind,
      remaining: spec.count === null ? null : (spec.count ?? 1),
      ms: spec.ms ?? 2000,
      status: spec.status ?? 503,
      message: spec.message ?? 'technical.data.nullretrieve.simulated',
      retryAfter: spec.retryAfter ?? Math.ceil((spec.ms ?? 2000) / 1000),
      fired: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the next fault for this operation among `kinds`, consuming one of its shots. */
  take(operation: string, kinds: readonly FaultKind[]): Fault | null {
    const fault = this.faults.find((f) => (f.operation === operation || f.operation === '*') && kinds.includes(f.kind) && f.remaining !== 0);
    if (!fault) return null;
    fault.fired++;
    if (fault.remaining !== null) fault.remaining--;
    return { ...fault };
  }
}
