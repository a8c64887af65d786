/**
 * Widget size accounting: the UTF-8 byte length of a tree's JSON encoding, which is
 * what a widget item adds to the stored thread and to each SSE event carrying it.
 */
import type { WidgetValidationError } from './validate';

/** UTF-8 byte length of a string, without allocating an encoded copy. */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // surrogate pair = one astral code point
      i++;
    } else n += 3; // BMP (a lone surrogate becomes U+FFFD, also 3 bytes)
  }
  return n;
}

/**
 * UTF-8 bytes of `JSON.stringify(root)` (0 when `root` has no JSON encoding, e.g. `undefined`).
 * Throws like `JSON.stringify` for circular structures or BigInt values.
 */
export function widgetByteSize(root: unknown): number {
  const json = JSON.stringify(root);
  return json === undefined ? 0 : utf8ByteLength(json);
}

export type WidgetSizeCheck =
  | { ok: true; bytes: number }
  | { ok: false; /** Absent when the tree could not be serialised. */ bytes?: number; errors: WidgetValidationError[] };

/** Checks a tree against a byte cap; never throws (unserialisable input fails the check). */
export function checkWidgetSize(root: unknown, maxBytes: number): WidgetSizeCheck {
  let bytes: number;
  try {
    bytes = widgetByteSize(root);
  } catch {
    return { ok: false, errors: [{ path: '', message: 'Widget is not JSON-serialisable' }] };
  }
  return bytes <= maxBytes
    ? { ok: true, bytes }
    : { ok: false, bytes, errors: [{ path: '', message: `Widget is ${bytes} bytes; the limit is ${maxBytes} bytes` }] };
}
