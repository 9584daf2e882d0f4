// The tokens of the account links (validation of an address, password reset): signed (jose, HS256)
// with a key derived from the session secret, so that neither kind of token can pass for the other,
// bound to their purpose (the audience), expiring, and single use: each carries a `jti` the account
// stores (validation_key / reset_password_key) and clears when the link is followed.
import { createHmac, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export type AccountTokenPurpose = 'validation' | 'password-reset';

const ISSUER = 'ecandidat-accounts';

export interface AccountTokenClaims {
  accountId: number;
  jti: string;
  /** The address a validation token validates (the account's, or the new one of an e-mail change). */
  email: string | null;
}

export class AccountTokens {
  private readonly key: Uint8Array;

  constructor(sessionSecret: string) {
    this.key = new Uint8Array(createHmac('sha256', sessionSecret).update('account-link-tokens').digest());
  }

  /** A new token and its `jti` (to store on the account), valid until `expiresAt`. */
  async issue(purpose: AccountTokenPurpose, accountId: number, expiresAt: Date, email: string | null = null): Promise<{ token: string; jti: string }> {
    const jti = randomUUID();
    const token = await new SignJWT(email ? { email } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(purpose)
      .setSubject(String(accountId))
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, jti };
  }

  /** The claims of a well-signed, unexpired token of this purpose; null for anything else. */
  async read(purpose: AccountTokenPurpose, token: string): Promise<AccountTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: purpose });
      const accountId = Number(payload.sub);
      if (!Number.isInteger(accountId) || !payload.jti) return null;
      return { accountId, jti: payload.jti, email: typeof payload.email === 'string' ? payload.email : null };
    } catch {
      return null;
    }
  }
}
