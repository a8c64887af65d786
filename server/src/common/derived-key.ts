import { hkdfSync } from 'node:crypto';

/**
 * A 32-byte key for one purpose, derived from the app secret (HKDF-SHA256). Each use
 * (visitor cookies, OIDC flow cookies, …) gets its own key, so a value made for one
 * can never be accepted as another, and none of them is the JWT signing key itself.
 */
export function deriveKey(appSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'atrium', `atrium:${purpose}`, 32));
}
