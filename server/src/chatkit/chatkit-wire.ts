import {
  isHiddenThreadItem,
  type Attachment,
  type ChatKitPage,
  type Thread,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
} from '@atrium/protocol';

/**
 * What goes on the wire, as the reference's serializer
 * (`model_dump_json(by_alias=True, exclude_none=True, context={"exclude_metadata": True})`):
 * no `null`/`undefined` members, ISO-8601 times, attachment `metadata` stripped,
 * thread `metadata` always `{}`, hidden context items never included.
 */

/** Drops object members that are null or undefined, recursively (array elements are kept). */
export function withoutNulls<T>(value: T): T {
  return strip(value) as T;
}

/**
 * Whether `value` holds what {@link withoutNulls} would change for JSON: a `null`
 * object member (undefined members and Dates serialise the same either way). Walks
 * without allocating, so the common case (nothing to drop) is serialised as is.
 */
function hasNullMember(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  if (depth > 64) return true; // let strip() handle (and fail on) absurd nesting as before
  if (Array.isArray(value)) {
    for (const v of value) if (hasNullMember(v, depth + 1)) return true;
    return false;
  }
  for (const k in value as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    if (v === null || hasNullMember(v, depth + 1)) return true;
  }
  return false;
}

/** `JSON.stringify(withoutNulls(value))`, without copying when there is nothing to drop. */
function stringifyWithoutNulls(value: unknown): string {
  return JSON.stringify(hasNullMember(value) ? strip(value) : value);
}

function strip(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : strip(v)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[k] = strip(v);
  }
  return out;
}

/** ISO-8601 for whatever a producer put in a `created_at` (Date or string); now when unusable. */
export function isoTime(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return new Date().toISOString();
}

export function wireAttachment(att: Attachment): Attachment {
  const { metadata: _metadata, ...rest } = att;
  return withoutNulls(rest) as Attachment;
}

export function wireItem(item: ThreadItem): ThreadItem {
  const withTime = { ...item, created_at: isoTime(item.created_at) } as ThreadItem;
  // Items rarely hold nulls: copy them only when there is something to drop.
  const out = (hasNullMember(withTime) ? withoutNulls(withTime) : withTime) as ThreadItem;
  if (out.type === 'user_message') {
    out.attachments = (out.attachments ?? []).map(wireAttachment);
  }
  return out;
}

export function emptyPage<T>(): ChatKitPage<T> {
  return { data: [], has_more: false };
}

/** The reference's `_to_thread_response`: metadata dropped (`{}`), hidden items filtered out. */
export function wireThread(thread: ThreadMetadata, items: ChatKitPage<ThreadItem> = emptyPage()): Thread {
  return withoutNulls({
    title: thread.title,
    id: thread.id,
    created_at: isoTime(thread.created_at),
    status: thread.status,
    allowed_image_domains: thread.allowed_image_domains,
    metadata: {},
    items: wirePage(items),
  });
}

/** A page of items as sent: hidden items removed *after* pagination (so a page may be short). */
export function wirePage(page: ChatKitPage<ThreadItem>): ChatKitPage<ThreadItem> {
  const out: ChatKitPage<ThreadItem> = { data: page.data.filter((i) => !isHiddenThreadItem(i)).map(wireItem), has_more: page.has_more };
  if (page.after !== undefined) out.after = page.after;
  return out;
}

/** Serializes one stream event, normalising the items it carries. */
export function wireEvent(event: ThreadStreamEvent): string {
  switch (event.type) {
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced': {
      // The item is normalised once (wireItem); the event around it only has `type`.
      const { item, ...rest } = event;
      return JSON.stringify({ ...withoutNulls(rest), item: wireItem(item) });
    }
    case 'thread.created':
    case 'thread.updated':
      return JSON.stringify({ ...event, thread: withoutNulls(event.thread) });
    default:
      return stringifyWithoutNulls(event);
  }
}
