import { DomainError } from '../common/errors/domain-error';

const MAX_LENGTH = 2000;

/**
 * Where to send the browser after signing in: only a same-site relative path
 * (`/chat/<id>`, `/`), never another host. `//evil.test`, `/\evil.test`, absolute
 * URLs and control characters are refused with `auth.oidc.return_to_invalid`.
 */
export function safeReturnPath(raw: unknown, publicBaseUrl: string): string {
  if (raw === undefined || raw === '') return '/';
  const invalid = () => new DomainError('auth.oidc.return_to_invalid', 'return_to must be a path on this site, such as /chat/<workflow id>.');
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) throw invalid();
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) throw invalid();
  const base = new URL(publicBaseUrl);
  let target: URL;
  try {
    target = new URL(raw, base);
  } catch {
    throw invalid();
  }
  if (target.origin !== base.origin) throw invalid();
  return `${target.pathname}${target.search}${target.hash}`;
}
