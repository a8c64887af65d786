import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Keys whose values never reach a log line, wherever they are nested. pino's own
 * `redact` only knows fixed paths, so this walks the object once more by key name.
 */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|client_secret|private[-_]?key/i;

export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown, depth = 0): unknown {
  return redactIn(value, depth);
}

/**
 * {@link redactSecrets} for a log call's object (pino's `formatters.log`), except the
 * request and response objects pino-http passes with every request line: what of them
 * is logged is decided by the `req`/`res` serializers (method, redacted URL, address;
 * status), which run after this formatter. Walking (and copying) a whole ServerResponse
 * eight levels deep — socket, parser, request, server… — only to hand the copy to a
 * serializer that reads `statusCode` was most of the cost of a request's log line.
 */
export function redactLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(obj)) return redactIn(obj, 0) as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    const r = (k === 'res' && v instanceof ServerResponse) || (k === 'req' && v instanceof IncomingMessage) ? v : SECRET_KEY.test(k) ? REDACTED : redactIn(v, 1);
    if (out) out[k] = r;
    else if (r !== v) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
      out[k] = r;
    }
  }
  return out ?? obj;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Copy-on-write: a value with nothing to redact comes back as is (a log line's object
 * is not copied for nothing). Other objects than plain ones, arrays and errors are
 * always copied as their own enumerable members, as the redaction always did.
 */
function redactIn(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const r = redactIn(v, depth + 1);
      if (out) out.push(r);
      else if (r !== v) out = [...value.slice(0, i), r];
    }
    return out ?? value;
  }
  const plain = isPlainObject(value);
  let out: Record<string, unknown> | undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    const r = SECRET_KEY.test(k) ? REDACTED : redactIn(v, depth + 1);
    if (out) out[k] = r;
    else if (r !== v || !plain) {
      out = {};
      for (let j = 0; j < i; j++) out[entries[j][0]] = entries[j][1];
      out[k] = r;
    }
  }
  if (out) return out;
  return plain ? value : {};
}

/**
 * Query parameters that are credentials only in URLs: an OAuth authorization `code`
 * and its `state` (the OIDC callback). As object keys they are harmless (error codes).
 */
const SECRET_QUERY_PARAM = /^(code|state|session_state)$/i;

/** Removes credentials from a URL's query string (`?token=…`, `?client_secret=…`, `?code=…`). */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url || !url.includes('?')) return url;
  const [path, query] = url.split('?', 2);
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_KEY.test(key) || SECRET_QUERY_PARAM.test(key)) params.set(key, REDACTED);
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
