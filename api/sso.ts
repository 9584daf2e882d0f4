// Staff single sign-on: the OpenID Connect client (openid-client v6, authorization code flow with
// PKCE, state and nonce). The provider's metadata is discovered once, at the first sign-in (a
// failed discovery is retried at the next one). What the browser must bring back to the callback
// (PKCE verifier, state, nonce, where to go afterwards) travels in a short-lived encrypted cookie,
// so that nothing is kept in the API process. routes/sso.ts drives it and opens the session.
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as oidc from 'openid-client';
import type { AppConfig } from '../infra/config.ts';

export type OidcSettings = NonNullable<AppConfig['oidc']>;

/** How long a sign-in may take at the provider before its cookie (hence the callback) is refused. */
export const SSO_PENDING_TTL_S = 10 * 60;
/** Network timeout of each call to the provider (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_S = 10;

/** What the start of a sign-in hands to its callback, sealed in a cookie. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** Same-site path to go to once signed in. */
  returnTo: string;
  /** The redirect_uri sent to the provider (the token request must repeat it). */
  redirectUri: string;
}

/** Who the provider says signed in: `login` is the configured claim, null when the provider sent none. */
export interface SignedIn {
  login: string | null;
  sub: string;
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    /** Whether an http:// issuer is accepted (never in production). */
    private readonly allowHttp: boolean,
  ) {}

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = this.allowHttp && new URL(issuer).protocol === 'http:';
      // A confidential client authenticates with HTTP Basic (the default of client registration);
      // without a secret it is a public client, which PKCE protects.
      const auth = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
      const config = await oidc.discovery(new URL(issuer), clientId, clientSecret ? { client_secret: clientSecret } : undefined, auth, {
        timeout: PROVIDER_TIMEOUT_S,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      config.timeout = PROVIDER_TIMEOUT_S;
      return config;
    })();
    this.configuration.catch(() => {
      this.configuration = null; // provider unreachable: try again at the next sign-in
    });
    return this.configuration;
  }

  /** The provider's authorization URL for a new sign-in, and what its callback will need. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scope,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, pending: { codeVerifier, state, nonce, returnTo, redirectUri } };
  }

  /**
   * Completes a sign-in from the callback's query string: checks the provider's answer (error,
   * state, issuer), exchanges the code (PKCE), checks the ID token (signature, audience, nonce) and
   * reads the login claim from it, else from userinfo. Throws on anything the provider refused or
   * that does not match.
   */
  async finish(query: string, pending: PendingSignIn): Promise<SignedIn> {
    const config = await this.discover();
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = query;
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    const claim = this.settings.loginClaim;
    let login = typeof claims[claim] === 'string' ? claims[claim] : null;
    if (login === null && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      login = typeof info[claim] === 'string' ? info[claim] : null;
    }
    return { login, sub: claims.sub };
  }
}

/** Seals and opens the pending sign-in cookie (JWE, A256GCM, with a key derived from the session secret). */
export class PendingSignInSeal {
  private readonly key: Uint8Array;

  constructor(sessionSecret: string) {
    this.key = new Uint8Array(hkdfSync('sha256', sessionSecret, 'ecandidat', 'sso pending sign-in', 32));
  }

  seal(pending: PendingSignIn): Promise<string> {
    return new EncryptJWT({ ...pending })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${SSO_PENDING_TTL_S}s`)
      .encrypt(this.key);
  }

  /** The pending sign-in, or null when the cookie is missing, expired or was not sealed here. */
  async open(sealed: string | undefined): Promise<PendingSignIn | null> {
    if (!sealed) return null;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      const { codeVerifier, state, nonce, returnTo, redirectUri } = payload;
      if ([codeVerifier, state, nonce, returnTo, redirectUri].some((v) => typeof v !== 'string')) return null;
      return { codeVerifier, state, nonce, returnTo, redirectUri } as PendingSignIn;
    } catch {
      return null;
    }
  }
}

/**
 * The path to go to after signing in: only a same-site absolute path (`/…`, not `//host` nor
 * `/\host`, which browsers read as another host), else `fallback`.
 */
export function safeReturnTo(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return fallback;
  try {
    const base = new URL('http://same.invalid');
    const url = new URL(value, base);
    return url.origin === base.origin ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}
