import { randomBytes } from 'node:crypto';

/** Bearer tokens the stub issued, each valid until its expiry or until all are expired or revoked. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();

  constructor(public lifetimeSeconds: number) {}

  /** A fresh token and its `expires_in`. */
  issue(): { token: string; expiresIn: number } {
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, Date.now() + this.lifetimeSeconds * 1000);
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** Whether an `Authorization` header carries a live token of ours. */
  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
    if (match === null) return false;
    const expiry = this.expiries.get(match[1]!);
    return expiry !== undefined && Date.now() < expiry;
  }

  /** Every token issued so far stops working. */
  invalidateAll(): void {
    this.expiries.clear();
  }
}

/**
 * Whether an `Authorization: Basic …` header names this client. Like the OAuth spec, the id and
 * secret are form-url-encoded before base64 (which changes nothing for plain ones).
 */
export function basicAuthMatches(authorization: string | undefined, clientId: string, clientSecret: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return decode(decoded.slice(0, colon)) === clientId && decode(decoded.slice(colon + 1)) === clientSecret;
}
