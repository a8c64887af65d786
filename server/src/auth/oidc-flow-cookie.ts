import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What the login route remembers until the provider sends the browser back. */
export interface OidcFlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const VERSION = 'v1';

/**
 * Seals the flow state into a cookie value with AES-256-GCM: the browser carries it
 * but can neither read the PKCE verifier nor alter the return path.
 */
export function sealFlowState(key: Buffer, state: OidcFlowState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The flow state, or undefined when the value was altered, sealed with another key, or has expired. */
export function openFlowState(key: Buffer, value: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): OidcFlowState | undefined {
  if (!value) return undefined;
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  try {
    const [, iv, body, tag] = parts.map((p, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(p, 'base64url')));
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    const json = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(json) as Partial<OidcFlowState>;
    const ok =
      typeof parsed.state === 'string' &&
      typeof parsed.nonce === 'string' &&
      typeof parsed.codeVerifier === 'string' &&
      typeof parsed.returnTo === 'string' &&
      typeof parsed.exp === 'number';
    if (!ok || parsed.exp! < nowSeconds) return undefined;
    return parsed as OidcFlowState;
  } catch {
    return undefined;
  }
}
