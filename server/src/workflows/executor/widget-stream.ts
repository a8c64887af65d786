import type { ThreadStreamEvent, WidgetItem, WidgetRootUpdated, WidgetStreamingTextValueDelta } from '@atrium/protocol';
import { WIDGET_COMPONENT_TYPES, WIDGET_ROOT_TYPES, type WidgetRoot } from '@atrium/widgets';

type Json = Record<string, unknown>;
export type WidgetDiff = WidgetStreamingTextValueDelta | WidgetRootUpdated;

const NODE_TYPES: ReadonlySet<string> = new Set<string>([...WIDGET_ROOT_TYPES, ...WIDGET_COMPONENT_TYPES]);

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNode = (v: unknown): v is Json => isObject(v) && typeof v.type === 'string' && NODE_TYPES.has(v.type);
const isStreamingText = (v: unknown): v is Json & { value: string } =>
  isNode(v) && (v.type === 'Text' || v.type === 'Markdown') && typeof v.value === 'string';

/** Whether `after` cannot be reached from `before` by appending to Text/Markdown values. */
function nodeNeedsReplace(before: Json, after: Json): boolean {
  if (before.type !== after.type || before.id !== after.id || before.key !== after.key) return true;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'value' && isStreamingText(before) && isStreamingText(after) && after.value.startsWith(before.value)) continue;
    if (valueNeedsReplace(before[k], after[k])) return true;
  }
  return false;
}

function valueNeedsReplace(before: unknown, after: unknown): boolean {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return true;
    return before.some((b, i) => valueNeedsReplace(b, after[i]));
  }
  if (isNode(before) && isNode(after)) return nodeNeedsReplace(before, after);
  return !jsonEqual(before, after);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Text/Markdown nodes with an id, reached through `children`. */
function streamingTextNodes(root: unknown): Map<string, Json & { value: string }> {
  const out = new Map<string, Json & { value: string }>();
  const visit = (n: unknown) => {
    if (!isObject(n)) return;
    if (isStreamingText(n) && typeof n.id === 'string' && n.id) out.set(n.id, n);
    const children = n.children;
    if (Array.isArray(children)) children.forEach(visit);
    else if (isObject(children)) visit(children);
  };
  visit(root);
  return out;
}

/**
 * The ChatKit diff between two states of a streamed widget (chatkit-python
 * `diff_widget`, protocol §6.4): when only Text/Markdown `value`s grew by appending,
 * one `widget.streaming_text.value_delta` per grown node with an `id`
 * (`done = !node.streaming`); any other change (props, types, ids, keys, list
 * lengths, non-append edits) → one `widget.root.updated` with the whole new root.
 * Where the reference raises (an id'd node missing from the first state), this falls
 * back to `widget.root.updated`.
 */
export function diffWidget(before: WidgetRoot, after: WidgetRoot): WidgetDiff[] {
  const rootUpdate: WidgetDiff[] = [{ type: 'widget.root.updated', widget: after }];
  if (nodeNeedsReplace(before as unknown as Json, after as unknown as Json)) return rootUpdate;
  const beforeNodes = streamingTextNodes(before);
  const deltas: WidgetDiff[] = [];
  for (const [id, node] of streamingTextNodes(after)) {
    const prev = beforeNodes.get(id);
    if (!prev || !node.value.startsWith(prev.value)) return rootUpdate;
    if (node.value !== prev.value) {
      deltas.push({ type: 'widget.streaming_text.value_delta', component_id: id, delta: node.value.slice(prev.value.length), done: !node.streaming });
    }
  }
  return deltas;
}

/**
 * Events of one streamed widget item: `thread.item.added` with the first state,
 * `thread.item.updated` per change (see {@link diffWidget}), `thread.item.done` with
 * the final state. Persisting happens on `done` only (chatkit layer, §4.3).
 */
export class WidgetItemStream {
  private last: WidgetRoot;
  private finished = false;
  private readonly createdAt = new Date().toISOString();

  constructor(
    readonly itemId: string,
    private readonly threadId: string,
    first: WidgetRoot,
    private readonly copyText?: string,
  ) {
    this.last = first;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  item(widget: WidgetRoot = this.last): WidgetItem {
    return {
      type: 'widget',
      id: this.itemId,
      thread_id: this.threadId,
      created_at: this.createdAt,
      widget,
      ...(this.copyText !== undefined ? { copy_text: this.copyText } : {}),
    };
  }

  added(): ThreadStreamEvent {
    return { type: 'thread.item.added', item: this.item() };
  }

  update(next: WidgetRoot): ThreadStreamEvent[] {
    if (this.finished) return [];
    const events: ThreadStreamEvent[] = diffWidget(this.last, next).map((update) => ({ type: 'thread.item.updated', item_id: this.itemId, update }));
    this.last = next;
    return events;
  }

  done(final?: WidgetRoot): ThreadStreamEvent[] {
    if (this.finished) return [];
    const events = final ? this.update(final) : [];
    this.finished = true;
    events.push({ type: 'thread.item.done', item: this.item() });
    return events;
  }
}

/**
 * Streams an async sequence of widget states as thread events (the reference's
 * `stream_widget` for generators): added → updated… → done.
 */
export async function* streamWidgetStates(
  states: AsyncIterable<WidgetRoot>,
  ids: { itemId: string; threadId: string },
  copyText?: string,
): AsyncGenerator<ThreadStreamEvent> {
  let stream: WidgetItemStream | undefined;
  for await (const state of states) {
    if (!stream) {
      stream = new WidgetItemStream(ids.itemId, ids.threadId, state, copyText);
      yield stream.added();
    } else {
      yield* stream.update(state);
    }
  }
  if (stream) yield* stream.done();
}
