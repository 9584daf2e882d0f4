// How the Pégase adapter talks to Pégase (reference sis-apis.md §1, §2.1, §5): a JWT from the CAS
// tickets endpoint, cached until shortly before its `exp` and fetched again once when a call answers
// 401/403; every call bounded by a timeout; failures sorted into what a retry may fix
// (SisTransientError: network, timeout, 5xx, 429, unreadable answer) and what it cannot
// (SisValidationError: Pégase's refusal, with its message).
import { decodeJwt } from 'jose';
import { SisTransientError, SisValidationError } from '../port.ts';

export interface PegaseUrls {
  /** CAS tickets endpoint (auth.url). */
  auth: string;
  /** REF, ODF ext, IDT, INS ext, COC publication and INS (admissions import) base URLs, ending with "/". */
  ref: string;
  odf: string;
  idt: string;
  insExt: string;
  coc: string;
  ins: string;
}

/** The module URLs of a Pégase whose modules share one host (and of the simulator). */
export function pegaseUrls(base: string): PegaseUrls {
  const b = base.replace(/\/+$/, '');
  return {
    auth: `${b}/cas/v1/tickets`,
    ref: `${b}/api/v1/ref/`,
    odf: `${b}/api/odf/ext/v1/`,
    idt: `${b}/api/idt/v1/`,
    insExt: `${b}/api/ins/ext/v2/`,
    coc: `${b}/api/coc/publication/v2/`,
    ins: `${b}/api/ins/v1/`,
  };
}

export interface PegaseHttpOptions {
  urls: PegaseUrls;
  /** The establishment's structure code (pegase.etablissement), in most paths. */
  etab: string;
  username: string;
  password: string;
  /** Pre-V31 CAS: credentials and token=true in the query string, empty body (reference §1). */
  tokenInQuery: boolean;
  timeoutMs: number;
}

/** A call Pégase answered 404: the caller decides whether that means "none". */
export class PegaseNotFound extends SisValidationError {}

type Module = Exclude<keyof PegaseUrls, 'auth'>;

export class PegaseHttp {
  private token: { jwt: string; refreshAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly opts: PegaseHttpOptions) {}

  get etab(): string {
    return this.opts.etab;
  }

  /** GET a JSON document. */
  getJson<T>(module: Module, path: string, operation: string): Promise<T> {
    return this.call(module, path, operation, { method: 'GET', accept: 'application/json' }).then((res) => this.json<T>(res, operation));
  }

  /** GET a text document (CSV report). */
  getText(module: Module, path: string, operation: string): Promise<string> {
    return this.call(module, path, operation, { method: 'GET', accept: 'text/csv, text/plain, */*' }).then((res) => this.text(res, operation));
  }

  /** POST a multipart form (the body is rebuilt on the retry after a token refresh). */
  postForm<T>(module: Module, path: string, operation: string, form: () => FormData): Promise<T> {
    return this.call(module, path, operation, { method: 'POST', accept: 'application/json', body: form }).then((res) => this.json<T>(res, operation));
  }

  /** Drops the cached token (tests; or when the credentials change). */
  forgetToken(): void {
    this.token = null;
  }

  private async call(module: Module, path: string, operation: string, req: { method: string; accept: string; body?: () => FormData }): Promise<Response> {
    const url = `${this.opts.urls[module]}${path}`;
    for (let attempt = 1; ; attempt++) {
      const jwt = await this.jwt();
      const res = await this.fetch(url, operation, {
        method: req.method,
        headers: { authorization: `Bearer ${jwt}`, accept: req.accept },
        ...(req.body ? { body: req.body() } : {}),
      });
      // An expired or revoked token: fetch a new one and try once more (eCandidat does not; a
      // token can expire between our clock check and Pégase's).
      if ((res.status === 401 || res.status === 403) && attempt === 1) {
        await res.body?.cancel();
        if (this.token?.jwt === jwt) this.token = null;
        continue;
      }
      if (res.ok) return res;
      throw await this.failure(res, operation);
    }
  }

  /** The cached JWT, or a new one when it is (nearly) expired; one fetch at a time. */
  private async jwt(): Promise<string> {
    if (this.token && Date.now() < this.token.refreshAt) return this.token.jwt;
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { auth } = this.opts.urls;
    const fields = new URLSearchParams({ username: this.opts.username, password: this.opts.password, token: 'true' });
    const res = this.opts.tokenInQuery
      ? await this.fetch(`${auth}${auth.includes('?') ? '&' : '?'}${fields}`, 'CAS tickets', { method: 'POST' })
      : await this.fetch(auth, 'CAS tickets', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
    if (!res.ok) {
      if (res.status === 401 || res.status === 403)
        throw new SisValidationError(
          `Pégase refuse le compte de service ${this.opts.username} (CAS : HTTP ${res.status}) : vérifier PEGASE_USER/PEGASE_PASSWORD.`,
        );
      throw await this.failure(res, 'CAS tickets');
    }
    const jwt = (await this.text(res, 'CAS tickets')).trim();
    let exp: number | undefined;
    let iat: number | undefined;
    try {
      ({ exp, iat } = decodeJwt(jwt));
    } catch (err) {
      throw new SisTransientError('Pégase : jeton JWT illisible (CAS tickets)', { cause: err });
    }
    const now = Date.now();
    // Refresh a little before `exp` (a tenth of the lifetime, at most 60 s), so that a call does not
    // leave with a token that expires on the way. Without `exp`, keep it an hour (eCandidat's rhythm).
    const expMs = exp ? exp * 1000 : now + 3_600_000;
    const lifetime = expMs - (iat ? iat * 1000 : now);
    this.token = { jwt, refreshAt: expMs - Math.min(60_000, Math.max(0, lifetime / 10)) };
    return jwt;
  }

  private async fetch(url: string, operation: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const e = err as Error;
      const reason = e.name === 'TimeoutError' ? `pas de réponse en ${this.opts.timeoutMs} ms` : ((e.cause as Error | undefined)?.message ?? e.message);
      throw new SisTransientError(`Pégase injoignable (${operation} : ${reason})`, { cause: err });
    }
  }

  private async text(res: Response, operation: string): Promise<string> {
    try {
      return await res.text();
    } catch (err) {
      // The body is read under the same timeout signal: a stalled body is a timeout too.
      throw new SisTransientError(`Pégase : réponse interrompue (${operation})`, { cause: err });
    }
  }

  private async json<T>(res: Response, operation: string): Promise<T> {
    const body = await this.text(res, operation);
    try {
      return JSON.parse(body) as T;
    } catch (err) {
      throw new SisTransientError(`Pégase : réponse illisible (${operation} : ${body.slice(0, 80)})`, { cause: err, status: res.status });
    }
  }

  /** The error a non-2xx answer stands for, with Pégase's own messages when it gave some. */
  private async failure(res: Response, operation: string): Promise<Error> {
    const body = await res.text().catch(() => '');
    let messages: string[] = [];
    let errors: unknown = null;
    try {
      const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string; champ?: string }[] };
      errors = parsed.errors ?? null;
      messages = (parsed.errors ?? []).map((e) => [e.champ, e.message ?? e.code].filter(Boolean).join(' : '));
    } catch {
      if (body) messages = [body.slice(0, 200)];
    }
    const said = messages.length ? ` : ${messages.join(' ; ')}` : '';
    if (res.status === 429 || res.status >= 500) {
      const retryAfterSeconds = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : null;
      const wait = retryAfterSeconds !== null ? ` ; Pégase demande d'attendre ${retryAfterSeconds} s (Retry-After)` : '';
      return new SisTransientError(`Pégase indisponible (${operation} : HTTP ${res.status}${said}${wait})`, { status: res.status, retryAfterSeconds });
    }
    if (res.status === 404) return new PegaseNotFound(`Pégase : introuvable (${operation}${said})`, { status: 404, errors });
    return new SisValidationError(`Pégase refuse ${operation} (HTTP ${res.status}${said})`, { status: res.status, errors });
  }
}

/** Retry-After in seconds, given as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
