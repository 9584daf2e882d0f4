// Staff single sign-on (issue 9, point 4) against a real OpenID Connect provider started here
// (`oidc-provider`, its development login and consent forms), driven over HTTP like a browser:
// manual redirects through the provider and the API, one cookie jar for both. Data owned here:
// the staff user `sso-inactive` (deactivated).
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- oidc-provider ships no type declarations
import Provider from 'oidc-provider';
import { freePort } from '../../infra/ports.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const CLIENT_ID = 'ecandidat-test';
const CLIENT_SECRET = 'a-client-secret-for-the-tests-only-0123456789';

/** A browser's cookies, enough for these two servers: keyed by host (cookies ignore ports), path-scoped. */
class CookieJar {
  private readonly cookies = new Map<string, { host: string; name: string; value: string; path: string }>();

  store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes
          .find((a) => a.toLowerCase().startsWith(`${key}=`))
          ?.split('=')
          .slice(1)
          .join('=');
      const path = attr('path') ?? '/';
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const key = `${url.hostname} ${path} ${name}`;
      const gone = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(key);
      else this.cookies.set(key, { host: url.hostname, name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }
}

/** One request as a browser sends it (cookies from the jar, redirects not followed). */
async function browse(jar: CookieJar, url: URL, init: { method?: string; form?: Record<string, string> } = {}) {
  const cookie = jar.header(url);
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  });
  jar.store(url, res);
  const location = res.headers.get('location');
  return { res, body: await res.text(), next: location ? new URL(location, url) : null };
}

interface SignInResult {
  /** Where the browser ends: the first redirect to a page of the web app (not /api/…), or the last URL. */
  landed: URL;
  /** Every Set-Cookie of the API's callback answer. */
  callbackCookies: string[];
  jar: CookieJar;
}

/**
 * Signs in through the provider as account `login` (its id there), starting at `startPath` of the
 * API. At the provider's login form it posts `login`; at its consent form, consents. `beforeCallback` may rewrite the
 * provider's redirect to the API's callback (a forged state). `abort`: the user cancels at the
 * provider's login form instead.
 */
async function signIn(
  t: TestApp,
  startPath: string,
  login: string,
  opts: { beforeCallback?: (url: URL) => URL; abort?: boolean; jar?: CookieJar } = {},
): Promise<SignInResult> {
  const jar = opts.jar ?? new CookieJar();
  const app = new URL(t.server.url);
  let url = new URL(startPath, app);
  let callbackCookies: string[] = [];
  for (let step = 0; step < 20; step++) {
    if (url.origin === app.origin && !url.pathname.startsWith('/api/')) return { landed: url, callbackCookies, jar };
    if (url.origin === app.origin && url.pathname === '/api/session/sso/callback' && opts.beforeCallback) url = opts.beforeCallback(url);
    const { res, body, next } = await browse(jar, url);
    if (url.pathname === '/api/session/sso/callback') callbackCookies = res.headers.getSetCookie();
    if (next) {
      url = next;
      continue;
    }
    // A page of the provider's development interactions: its form.
    expect(res.status, `${url.href}: ${body.slice(0, 300)}`).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(body)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(body)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url.href}: ${body.slice(0, 300)}`);
    if (prompt === 'login' && opts.abort) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    const posted = await browse(jar, new URL(action.replaceAll('&amp;', '&'), url), {
      method: 'POST',
      form: prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt },
    });
    if (!posted.next) throw new Error(`the ${prompt} form answered ${posted.res.status}: ${posted.body.slice(0, 300)}`);
    url = posted.next;
  }
  throw new Error(`sign-in did not end; last URL ${url.href}`);
}

/** Whether a Set-Cookie list opens a session (a non-empty ecandidat_session). */
const opensSession = (setCookies: string[]) => setCookies.some((c) => /^ecandidat_session=[^;]+/.test(c));

describe('staff single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let providerServer: Server;
  let issuer: string;

  beforeAll(async () => {
    const [providerPort, appPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    const redirectUri = `http://127.0.0.1:${appPort}/api/session/sso/callback`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // The development login form accepts any account id (it becomes `sub`). This directory's ids are
      // `uid-<login>` and the login is `preferred_username`, which the API must read (from userinfo:
      // the ID token carries only `sub`).
      findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, preferred_username: id.replace(/^uid-/, '') }) }),
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      pkce: { required: () => true },
      cookies: { keys: ['oidc-test-cookie-key-0123456789abcdef'] },
      ttl: { Session: 600, Grant: 600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
      features: { devInteractions: { enabled: true } },
    });
    providerServer = await new Promise<Server>((resolve) => {
      const server: Server = provider.listen(providerPort, '127.0.0.1', () => resolve(server));
    });
    t = await startTestApp({
      port: appPort,
      oidc: {
        issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri,
        loginClaim: 'preferred_username',
        scope: 'openid profile',
        label: 'Compte Université de démonstration',
      },
    });
    await t.db.staffUser.upsert({
      where: { login: 'sso-inactive' },
      update: { active: false },
      create: { login: 'sso-inactive', displayName: 'Compte désactivé', email: 'sso-inactive@demo.test', passwordHash: '-', active: false },
    });
  });

  afterAll(async () => {
    await t?.stop();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  it('tells the login page that single sign-on is on, with its label', async () => {
    const res = await t.api('GET', '/api/config');
    expect(res.status).toBe(200);
    expect(res.body.sso).toEqual({ label: 'Compte Université de démonstration' });
  });

  it('signs a staff member in: the provider login maps to the staff account, the session works, the browser lands on returnTo', async () => {
    const centre = await t.db.staffUser.findUniqueOrThrow({ where: { login: 'centre' } });
    const before = await t.db.auditEvent.count({ where: { action: 'session.sso', subject: `staff:${centre.id}` } });

    let callback: URL | null = null;
    const { landed, callbackCookies, jar } = await signIn(t, '/api/session/sso?returnTo=%2Fgestion%2Fformations%3Fq%3Dx', 'uid-centre', {
      beforeCallback: (url) => (callback = url),
    });
    expect(landed.pathname + landed.search).toBe('/gestion/formations?q=x');
    expect(opensSession(callbackCookies)).toBe(true);
    expect(callbackCookies.find((c) => c.startsWith('ecandidat_session='))).toMatch(/HttpOnly/i);

    const token = jar.get('ecandidat_session');
    expect(token).toBeTruthy();
    const session = await t.api('GET', '/api/session', { headers: { cookie: `ecandidat_session=${token}` } });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ kind: 'staff', login: 'centre' });
    expect(session.body.user.profiles.length).toBeGreaterThan(0);

    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'session.sso', subject: `staff:${centre.id}` }, orderBy: { id: 'desc' } });
    expect(audit.actor).toBe('centre');
    expect(audit.details).toMatchObject({ issuer, sub: 'uid-centre' });
    expect(await t.db.auditEvent.count({ where: { action: 'session.sso', subject: `staff:${centre.id}` } })).toBe(before + 1);

    // The pending sign-in is spent: the same callback again, in the same browser, opens nothing.
    expect(jar.get('ecandidat_sso')).toBeUndefined();
    const again = await browse(jar, callback!);
    expect(again.next?.pathname + (again.next?.search ?? '')).toBe('/connexion?sso=error');
    expect(opensSession(again.res.headers.getSetCookie())).toBe(false);
  });

  it('refuses a provider login without a staff account, a deactivated one and one that differs by case: login page, no session', async () => {
    for (const login of ['uid-nobody-here', 'uid-sso-inactive', 'uid-CENTRE']) {
      const { landed, callbackCookies, jar } = await signIn(t, '/api/session/sso', login);
      expect(landed.pathname + landed.search, login).toBe('/connexion?sso=refused');
      expect(opensSession(callbackCookies), login).toBe(false);
      expect(jar.get('ecandidat_session'), login).toBeUndefined();
    }
  });

  it('refuses a forged state, a callback replayed without its sign-in cookie, and a sign-in cancelled at the provider', async () => {
    let replay: URL | null = null;
    const forged = await signIn(t, '/api/session/sso', 'uid-centre', {
      beforeCallback: (url) => {
        replay = new URL(url);
        const tampered = new URL(url);
        tampered.searchParams.set('state', 'forged-state-value');
        return tampered;
      },
    });
    expect(forged.landed.pathname + forged.landed.search).toBe('/connexion?sso=error');
    expect(opensSession(forged.callbackCookies)).toBe(false);
    expect(forged.jar.get('ecandidat_session')).toBeUndefined();

    // The genuine callback URL, in a browser that never started the sign-in (login CSRF): refused.
    expect(replay).not.toBeNull();
    const stranger = await browse(new CookieJar(), replay!);
    expect(stranger.res.status).toBe(302);
    expect(stranger.next?.pathname + (stranger.next?.search ?? '')).toBe('/connexion?sso=error');
    expect(opensSession(stranger.res.headers.getSetCookie())).toBe(false);

    const cancelled = await signIn(t, '/api/session/sso', 'uid-centre', { abort: true });
    expect(cancelled.landed.pathname + cancelled.landed.search).toBe('/connexion?sso=error');
    expect(opensSession(cancelled.callbackCookies)).toBe(false);
  });

  it('ignores a returnTo that leaves the site: the staff home instead', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example/x', '/\\evil.example']) {
      const { landed, callbackCookies } = await signIn(t, `/api/session/sso?returnTo=${encodeURIComponent(returnTo)}`, 'uid-centre');
      expect(landed.origin, returnTo).toBe(new URL(t.server.url).origin);
      expect(landed.pathname + landed.search, returnTo).toBe('/gestion');
      expect(opensSession(callbackCookies)).toBe(true);
    }
  });

  it('documents both routes in the OpenAPI document, under session', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const path of ['/api/session/sso', '/api/session/sso/callback']) {
      expect(doc.body.paths[path]?.get?.tags, path).toEqual(['session']);
      expect(doc.body.paths[path]?.get?.summary, path).toBeTruthy();
    }
  });
});

describe('staff single sign-on not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ oidc: null });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 404 problem+json on both routes, and the login page offers no button', async () => {
    for (const path of ['/api/session/sso?returnTo=%2Fgestion', '/api/session/sso/callback?code=x&state=y']) {
      const res = await t.api('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/application\/problem\+json/);
      expect(res.body.detail, path).toMatch(/non configurée/);
    }
    expect((await t.api('GET', '/api/config')).body.sso).toBeNull();
  });
});
