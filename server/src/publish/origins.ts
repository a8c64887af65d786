import type { FieldError } from '@atrium/protocol';

/** More than this many embedding origins is almost certainly a mistake (and a big header). */
export const MAX_ALLOWED_ORIGINS = 50;

const ORIGIN_SHAPE = /^(https?):\/\/([^/?#@\s\\]+)$/i;

export type OriginCheck = { ok: true; origin: string } | { ok: false; message: string };

/**
 * Checks one embedding origin and returns its normal form (`new URL(...).origin`:
 * lower-case scheme and host, punycode, no default port). Only `http(s)://host[:port]`
 * is accepted: no path (not even `/`), query, fragment, credentials or wildcard.
 */
export function normalizeOrigin(input: string): OriginCheck {
  const value = input.trim();
  const hint = 'must be an origin such as https://intranet.example.com (scheme://host[:port], no path, query or wildcard)';
  if (value === '') return { ok: false, message: `is empty; it ${hint}` };
  if (value.includes('*')) return { ok: false, message: `"${value}" contains a wildcard; list each origin explicitly (it ${hint})` };
  const shape = ORIGIN_SHAPE.exec(value);
  if (!shape) return { ok: false, message: `"${value}" ${hint}` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `"${value}" is not a valid origin; it ${hint}` };
  }
  if (!url.hostname || url.origin === 'null') return { ok: false, message: `"${value}" ${hint}` };
  return { ok: true, origin: url.origin };
}

/**
 * Normalises a list of origins (duplicates after normalisation are dropped, order kept).
 * Returns the field errors (`allowed_origins[i]`) when any entry is invalid.
 */
export function normalizeOrigins(inputs: readonly string[], field = 'allowed_origins'): { origins: string[]; errors: FieldError[] } {
  const origins: string[] = [];
  const errors: FieldError[] = [];
  if (inputs.length > MAX_ALLOWED_ORIGINS) {
    errors.push({ field, message: `must list at most ${MAX_ALLOWED_ORIGINS} origins` });
    return { origins, errors };
  }
  inputs.forEach((input, i) => {
    const check = normalizeOrigin(input);
    if (!check.ok) errors.push({ field: `${field}[${i}]`, message: check.message });
    else if (!origins.includes(check.origin)) origins.push(check.origin);
  });
  return { origins, errors };
}
