// How the Apogée adapter talks to Apogée: the AMUE SOAP services through the `soap` client (WSDL
// read from the service itself), and the REST services (PJ, INES check, and the tables eCandidat
// reads over JDBC, here JSON) through fetch. Every call has a timeout. Failures are sorted once,
// here, into what a retry can fix (SisTransientError: network, timeout, 5xx, 429, unreadable answer;
// with the delay of a Retry-After header when Apogée or its proxy sends one) and what it cannot
// (ApogeeBusinessError: Apogée's own refusal, with its message).
import soap from 'soap';
import { SisTransientError } from '../port.ts';

export interface ApogeeEndpoints {
  etudiantMetier: string;
  pedagogiqueMetier: string;
  opiMetier: string;
  pjOpiMetier: string;
  pj: string;
  checkInes: string;
  /** The JSON face of the tables eCandidat reads over JDBC (simulator's `/db`). */
  db: string;
}

/** The endpoints of an Apogée (or of the simulator) reachable under one base URL. */
export function apogeeEndpoints(baseUrl: string): ApogeeEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  const services = `${base}/apo-commun-servicesMetiers/services`;
  return {
    etudiantMetier: `${services}/EtudiantMetier`,
    pedagogiqueMetier: `${services}/PedagogiqueMetier`,
    opiMetier: `${services}/OpiMetier`,
    pjOpiMetier: `${services}/PjOpiMetier`,
    pj: `${base}/pj`,
    checkInes: `${base}/checkines`,
    db: `${base}/db`,
  };
}

/** Apogée refused the call (WebBaseException, or a REST error JSON): retrying will not help. */
export class ApogeeBusinessError extends Error {
  override readonly name = 'ApogeeBusinessError';
  constructor(
    /** Apogée's message code, e.g. `technical.data.nullretrieve.etudiant`. */
    readonly code: string,
    /** Apogée's longer explanation (lastErrorMsg / erreurDescription) when it differs from the code. */
    readonly detail: string | null,
    readonly operation: string,
  ) {
    super(detail && detail !== code ? `${code} (${detail})` : code);
  }

  /** The "not found" family eCandidat maps to null (reference sis-apis.md §3.3). */
  get notFound(): boolean {
    return /(^|\.)nullretrieve\./.test(this.code) || this.code === 'technical.parameter.noncoherentinput.codEtu';
  }
}

type SoapService = 'etudiantMetier' | 'pedagogiqueMetier' | 'opiMetier' | 'pjOpiMetier';

export class ApogeeTransport {
  private clients = new Map<SoapService, Promise<soap.Client>>();

  constructor(
    readonly endpoints: ApogeeEndpoints,
    private readonly timeoutMs: number,
  ) {}

  private client(service: SoapService): Promise<soap.Client> {
    let client = this.clients.get(service);
    if (!client) {
      const url = this.endpoints[service];
      client = soap.createClientAsync(`${url}?wsdl`, { endpoint: url, wsdl_options: { timeout: this.timeoutMs }, disableCache: true });
      // A WSDL that could not be read is retried on the next call, not remembered as broken.
      client.catch(() => this.clients.delete(service));
      this.clients.set(service, client);
    }
    return client;
  }

  /** Calls a SOAP operation; resolves with the response wrapper's content. */
  async soap<T = any>(service: SoapService, operation: string, args: Record<string, unknown>): Promise<T> {
    let client: soap.Client;
    try {
      client = await this.client(service);
    } catch (err) {
      throw transient(`${service} : WSDL illisible`, err);
    }
    const method = client[`${operation}Async`] as ((a: unknown, o: unknown) => Promise<[T]>) | undefined;
    if (!method) throw new Error(`${service} : opération ${operation} absente du WSDL`);
    try {
      const [result] = await method.call(client, args, { timeout: this.timeoutMs });
      return result;
    } catch (err) {
      const fault = (err as { root?: any }).root?.Envelope?.Body?.Fault;
      if (fault) {
        const detail = firstKey(fault.detail);
        throw new ApogeeBusinessError(String(fault.faultstring ?? 'WebBaseException'), detail?.lastErrorMsg ? String(detail.lastErrorMsg) : null, operation);
      }
      throw transient(`${operation}`, err);
    }
  }

  /** GET or POST a JSON REST resource; `404 + error JSON` is Apogée's refusal, not a failure. */
  async rest<T = unknown>(url: string, opts: { method?: 'GET' | 'POST'; body?: unknown; as?: 'json' | 'text' | 'bytes' } = {}): Promise<T> {
    const operation = `${opts.method ?? 'GET'} ${new URL(url).pathname}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: opts.method ?? 'GET',
        headers: opts.body !== undefined ? { 'content-type': 'application/json' } : {},
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw transient(operation, err);
    }
    if (res.status >= 500 || res.status === 429) throw unavailable(operation, res.status, res.headers.get('retry-after'), null);
    try {
      if (!res.ok) {
        const error = (await res.json().catch(() => null)) as { erreurMsg?: string; erreurDescription?: string } | null;
        throw new ApogeeBusinessError(error?.erreurMsg ?? `HTTP ${res.status}`, error?.erreurDescription ?? null, operation);
      }
      if (opts.as === 'bytes') return Buffer.from(await res.arrayBuffer()) as T;
      if (opts.as === 'text') return (await res.text()) as T;
      return (await res.json()) as T;
    } catch (err) {
      if (err instanceof ApogeeBusinessError) throw err;
      throw transient(operation, err);
    }
  }
}

function firstKey(v: unknown): Record<string, unknown> | null {
  if (!v || typeof v !== 'object') return null;
  const first = Object.values(v)[0];
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : null;
}

/** Retry-After in seconds, given as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** A 5xx or 429 answer: transient, with the delay Apogée asked for (429/503 Retry-After). */
function unavailable(operation: string, status: number, retryAfter: string | null | undefined, cause: unknown): SisTransientError {
  const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : null;
  const wait = retryAfterSeconds !== null ? ` ; Apogée demande d'attendre ${retryAfterSeconds} s (Retry-After)` : '';
  return new SisTransientError(`Apogée indisponible (${operation} : HTTP ${status}${wait})`, {
    status,
    retryAfterSeconds,
    ...(cause === null ? {} : { cause }),
  });
}

function transient(operation: string, err: unknown): SisTransientError {
  const e = err as {
    code?: string;
    name?: string;
    message?: string;
    response?: { status?: number; headers?: Record<string, unknown> & { get?: (name: string) => unknown } };
  };
  // The SOAP client (axios) failed on an HTTP status: sorted like the REST answers.
  const status = e.response?.status;
  if (status && (status >= 500 || status === 429)) {
    const h = e.response!.headers;
    const header = h ? (typeof h.get === 'function' ? h.get('retry-after') : h['retry-after']) : null;
    return unavailable(operation, status, header === null || header === undefined ? null : String(header), err);
  }
  const reason =
    e.name === 'TimeoutError' || e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT'
      ? 'délai dépassé'
      : e.response?.status
        ? `HTTP ${e.response.status}`
        : (e.code ?? e.message ?? String(err));
  return new SisTransientError(`Apogée injoignable (${operation} : ${reason})`, { cause: err });
}
