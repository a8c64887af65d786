/**
 * Attachment uploads. Two-phase (default): `attachments.create` answers an Attachment with
 * an `upload_descriptor`; the bytes go there as multipart `file` with XMLHttpRequest so
 * the composer can show progress. Direct: multipart POST to `uploadStrategy.uploadUrl`,
 * answered with the Attachment. Sizes, counts and types are checked before any request.
 */
import type { Attachment } from '../../../protocol/src/index.js';
import type { AttachmentAccept, AttachmentsOption, FetchLike } from '../types.js';
import { ChatKitError, errorFromResponse } from './errors.js';

export const DEFAULT_MAX_SIZE = 100 * 1024 * 1024;
export const DEFAULT_MAX_COUNT = 10;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 ? Math.round(v) : Math.round(v * 10) / 10} ${units[i]}`;
}

function mimeMatches(pattern: string, mime: string): boolean {
  const p = pattern.toLowerCase().trim();
  const m = mime.toLowerCase();
  if (p === '*' || p === '*/*') return true;
  if (p.endsWith('/*')) return m.startsWith(p.slice(0, -1));
  return p === m;
}

/** The size limit that applies to a file (per-MIME maps pick the most specific match). */
export function maxSizeFor(maxSize: AttachmentsOption['maxSize'], mime: string): number {
  if (typeof maxSize === 'number') return maxSize;
  if (!maxSize) return DEFAULT_MAX_SIZE;
  let best: number | undefined;
  let bestScore = -1;
  for (const [pattern, limit] of Object.entries(maxSize)) {
    if (!mimeMatches(pattern, mime)) continue;
    const score = pattern.includes('*') ? (pattern.startsWith('*') ? 0 : 1) : 2;
    if (score > bestScore) {
      best = limit;
      bestScore = score;
    }
  }
  return best ?? DEFAULT_MAX_SIZE;
}

/** Value for `<input type=file accept>`. */
export function acceptAttribute(accept: AttachmentAccept | undefined): string | undefined {
  if (!accept) return undefined;
  const parts = Array.isArray(accept) ? accept : Object.entries(accept).flatMap(([mime, exts]) => [mime, ...exts]);
  return parts.join(',') || undefined;
}

export function isAccepted(accept: AttachmentAccept | undefined, file: { name: string; type: string }): boolean {
  if (!accept) return true;
  const parts = Array.isArray(accept) ? accept : Object.entries(accept).flatMap(([mime, exts]) => [mime, ...exts]);
  if (parts.length === 0) return true;
  const name = file.name.toLowerCase();
  return parts.some((p) => (p.startsWith('.') ? name.endsWith(p.toLowerCase()) : mimeMatches(p, file.type || 'application/octet-stream')));
}

/** A user-facing reason the file cannot be attached, or undefined when it can. */
export function checkFile(
  option: AttachmentsOption,
  file: { name: string; size: number; type: string },
  countSoFar: number,
): string | undefined {
  const maxCount = option.maxCount ?? DEFAULT_MAX_COUNT;
  if (countSoFar >= maxCount) return `You can attach at most ${maxCount} file${maxCount === 1 ? '' : 's'}.`;
  if (!isAccepted(option.accept, file)) return `${file.name} cannot be attached: this file type is not accepted.`;
  const limit = maxSizeFor(option.maxSize, file.type);
  if (file.size > limit) return `${file.name} is too large (${formatBytes(file.size)}). The limit is ${formatBytes(limit)}.`;
  return undefined;
}

export interface UploadHandle {
  promise: Promise<Attachment | undefined>;
  abort(): void;
}

/**
 * Sends the bytes with XHR (progress events). On 401/403, and when a fetch hook exists,
 * retries once through that hook (it may refresh credentials), without progress.
 */
export function uploadBytes(opts: {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  file: File;
  onProgress: (fraction: number) => void;
  fallbackFetch?: FetchLike;
}): UploadHandle {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const ctrl = new AbortController();
  const body = (): FormData => {
    const form = new FormData();
    form.append('file', opts.file, opts.file.name);
    return form;
  };
  const parse = (text: string): Attachment | undefined => {
    try {
      const v = JSON.parse(text) as Attachment;
      return v && typeof v === 'object' && typeof v.id === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const viaXhr = new Promise<{ status: number; text: string }>((resolve, reject) => {
    xhr.open(opts.method, opts.url);
    for (const [k, v] of Object.entries(opts.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ChatKitError('network', 'network', 'The upload failed: the connection was lost.', { allowRetry: true }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(body());
  });
  const promise = viaXhr.then(async ({ status, text }) => {
    if (status >= 200 && status < 300) {
      opts.onProgress(1);
      return parse(text);
    }
    if ((status === 401 || status === 403) && opts.fallbackFetch && !aborted) {
      const res = await opts.fallbackFetch(opts.url, { method: opts.method, headers: opts.headers, body: body(), signal: ctrl.signal });
      if (!res.ok) throw await errorFromResponse(res);
      opts.onProgress(1);
      return parse(await res.text());
    }
    throw await errorFromResponse(new Response(text, { status, headers: { 'Content-Type': 'application/json' } }));
  });
  return {
    promise,
    abort() {
      aborted = true;
      xhr.abort();
      ctrl.abort();
    },
  };
}

