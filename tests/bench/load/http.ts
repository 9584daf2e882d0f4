// The bench's HTTP client: JSON calls to the API with a bearer token, timed from the first byte sent
// to the whole body read, as a browser or a script would see them.
import { performance } from 'node:perf_hooks';

export interface ApiAnswer {
  status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  body: any;
  /** Size of the response body in bytes. */
  bytes: number;
  /** Milliseconds from the request to the end of the body. */
  ms: number;
  /** performance.now() when the body was read. */
  at: number;
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<ApiAnswer> {
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    const at = performance.now();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, bytes: Buffer.byteLength(text), ms: at - started, at };
  }

  /** POST /api/session; the session token. */
  async login(login: string, password: string): Promise<string> {
    const res = await this.call('POST', '/api/session', { body: { login, password } });
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${describe(res.body)}`);
    return (res.body as { token: string }).token;
  }
}

export const ok = (status: number) => status >= 200 && status < 300;

/** A body for an error message, short. */
export function describe(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
