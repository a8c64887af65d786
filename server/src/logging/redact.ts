/**
 * Keys whose values never reach a log line, wherever they are nested. pino's own
 * `redact` only knows fixed paths, so this walks the object once more by key name.
 */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|client_secret|private[-_]?key/i;

export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
}

/** Removes credentials from a URL's query string (`?token=…`, `?client_secret=…`). */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url || !url.includes('?')) return url;
  const [path, query] = url.split('?', 2);
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_KEY.test(key)) params.set(key, REDACTED);
  return `${path}?${params.toString()}`;
}

/** Masks the password in a connection string such as `postgres://u:p@h/db`. */
export function redactConnectionString(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}
