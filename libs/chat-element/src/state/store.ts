/**
 * Thread state: the current thread's metadata and its items in order, and the rules
 * that apply ChatKit stream events and item updates to them (§4 of the protocol:
 * assistant content parts, widget updates, workflow tasks, generated images). No DOM.
 * Every mutation returns what changed so the view can patch just that.
 */
import type {
  AssistantMessageContent,
  ClientThreadItem,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  WidgetComponent,
  WidgetRoot,
} from '../../../protocol/src/index.js';

export type Change =
  | { kind: 'reset' }
  | { kind: 'thread' }
  | { kind: 'item'; id: string }
  /** Streamed text was appended to a widget Text/Markdown node (patch it in place). */
  | { kind: 'widget-text'; id: string; componentId: string; value: string; markdown: boolean }
  | { kind: 'removed'; id: string };

const HIDDEN = new Set(['hidden_context_item', 'sdk_hidden_context']);

export function isVisible(item: ThreadItem): item is ClientThreadItem {
  return !HIDDEN.has(item.type);
}

type AnyNode = { type: string; id?: string; value?: string; children?: unknown };

/** Depth-first search of a widget tree for the node with `id`. */
export function findNode(root: unknown, id: string): AnyNode | undefined {
  if (!root || typeof root !== 'object') return undefined;
  const node = root as AnyNode;
  if (node.id === id) return node;
  const kids = node.children;
  for (const child of Array.isArray(kids) ? kids : kids ? [kids] : []) {
    const hit = findNode(child, id);
    if (hit) return hit;
  }
  return undefined;
}

/** Returns a copy of the tree with the node `id` replaced. */
function replaceNode<T>(root: T, id: string, next: WidgetComponent): T {
  if (!root || typeof root !== 'object') return root;
  const node = root as unknown as AnyNode;
  if (node.id === id) return next as unknown as T;
  const kids = node.children;
  if (Array.isArray(kids)) return { ...node, children: kids.map((c) => replaceNode(c, id, next)) } as unknown as T;
  if (kids && typeof kids === 'object') return { ...node, children: replaceNode(kids, id, next) } as unknown as T;
  return root;
}

const emptyPart = (): AssistantMessageContent => ({ type: 'output_text', text: '', annotations: [] });

export class ThreadStore {
  thread: ThreadMetadata | null = null;
  #order: string[] = [];
  #byId = new Map<string, ClientThreadItem>();
  /** Ids of items added but not yet done (streaming). */
  readonly pending = new Set<string>();
  /** Cursor for older items (`items.list`, desc) and whether there are more. */
  olderCursor: string | undefined;
  hasOlder = false;

  get threadId(): string | null {
    return this.thread?.id ?? null;
  }

  get items(): ClientThreadItem[] {
    return this.#order.map((id) => this.#byId.get(id) as ClientThreadItem);
  }

  get(id: string): ClientThreadItem | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  indexOf(id: string): number {
    return this.#order.indexOf(id);
  }

  /** Replaces everything (new or loaded thread). `items` oldest first. */
  reset(thread: ThreadMetadata | null, items: ThreadItem[] = []): Change {
    this.thread = thread;
    this.#order = [];
    this.#byId.clear();
    this.pending.clear();
    this.olderCursor = undefined;
    this.hasOlder = false;
    for (const item of items) if (isVisible(item)) this.#put(item);
    return { kind: 'reset' };
  }

  setThread(thread: ThreadMetadata): Change {
    this.thread = thread;
    return { kind: 'thread' };
  }

  /** Adds older items (oldest first) in front of the current ones; skips known ids. */
  prepend(items: ThreadItem[]): void {
    const fresh = items.filter((i) => isVisible(i) && !this.#byId.has(i.id)) as ClientThreadItem[];
    for (const item of fresh) this.#byId.set(item.id, item);
    this.#order = [...fresh.map((i) => i.id), ...this.#order];
  }

  #put(item: ClientThreadItem): void {
    if (!this.#byId.has(item.id)) this.#order.push(item.id);
    this.#byId.set(item.id, item);
  }

  /** `thread.item.added` / `done` / `replaced`, and JSON results (`updated_item`). */
  upsert(item: ThreadItem, streaming = false): Change | null {
    if (!isVisible(item)) return null;
    this.#put(item);
    if (streaming) this.pending.add(item.id);
    else this.pending.delete(item.id);
    return { kind: 'item', id: item.id };
  }

  /** Swaps an optimistic item for the server's one at the same position. */
  swap(oldId: string, item: ClientThreadItem): void {
    const i = this.#order.indexOf(oldId);
    if (i < 0) {
      this.#put(item);
      return;
    }
    this.#byId.delete(oldId);
    if (this.#byId.has(item.id)) {
      this.#order.splice(i, 1);
    } else {
      this.#order[i] = item.id;
    }
    this.#byId.set(item.id, item);
  }

  remove(id: string): Change | null {
    if (!this.#byId.delete(id)) return null;
    this.#order = this.#order.filter((x) => x !== id);
    this.pending.delete(id);
    return { kind: 'removed', id };
  }

  /** Removes every item after `id` (retry: the reference deletes them without events). */
  removeAfter(id: string): string[] {
    const i = this.#order.indexOf(id);
    if (i < 0) return [];
    const gone = this.#order.slice(i + 1);
    for (const g of gone) {
      this.#byId.delete(g);
      this.pending.delete(g);
    }
    this.#order = this.#order.slice(0, i + 1);
    return gone;
  }

  /** Marks streaming items as finished (stream ended or was cancelled). */
  settle(): string[] {
    const ids = [...this.pending];
    this.pending.clear();
    return ids;
  }

  /** `thread.item.updated`. Unknown items are ignored (returns null). */
  applyUpdate(itemId: string, update: ThreadItemUpdate): Change | null {
    const item = this.#byId.get(itemId);
    if (!item) return null;
    switch (update.type) {
      case 'assistant_message.content_part.added':
      case 'assistant_message.content_part.done':
      case 'assistant_message.content_part.text_delta':
      case 'assistant_message.content_part.annotation_added': {
        if (item.type !== 'assistant_message') return null;
        const content = item.content;
        while (content.length <= update.content_index) content.push(emptyPart());
        const part = content[update.content_index];
        if (update.type === 'assistant_message.content_part.text_delta') {
          part.text += update.delta;
        } else if (update.type === 'assistant_message.content_part.annotation_added') {
          const list = (part.annotations ??= []);
          if (update.annotation_index >= list.length) list.push(update.annotation);
          else list.splice(update.annotation_index, 0, update.annotation);
        } else {
          content[update.content_index] = { ...emptyPart(), ...update.content };
        }
        return { kind: 'item', id: itemId };
      }
      case 'widget.streaming_text.value_delta': {
        if (item.type !== 'widget') return null;
        const node = findNode(item.widget, update.component_id);
        if (!node || (node.type !== 'Text' && node.type !== 'Markdown')) return { kind: 'item', id: itemId };
        node.value = (node.value ?? '') + update.delta;
        if (update.done) (node as { streaming?: boolean }).streaming = false;
        return { kind: 'widget-text', id: itemId, componentId: update.component_id, value: node.value, markdown: node.type === 'Markdown' };
      }
      case 'widget.root.updated':
        if (item.type !== 'widget') return null;
        item.widget = update.widget as WidgetRoot;
        return { kind: 'item', id: itemId };
      case 'widget.component.updated':
        if (item.type !== 'widget') return null;
        item.widget = replaceNode(item.widget, update.component_id, update.component);
        return { kind: 'item', id: itemId };
      case 'workflow.task.added':
      case 'workflow.task.updated': {
        if (item.type !== 'workflow') return null;
        const tasks = item.workflow.tasks;
        if (update.type === 'workflow.task.added' && update.task_index >= tasks.length) tasks.push(update.task);
        else if (update.type === 'workflow.task.added') tasks.splice(update.task_index, 0, update.task);
        else tasks[update.task_index] = update.task;
        return { kind: 'item', id: itemId };
      }
      case 'generated_image.updated':
        if (item.type !== 'generated_image') return null;
        item.image = update.image;
        (item as { progress?: number }).progress = update.progress;
        return { kind: 'item', id: itemId };
      default:
        return null;
    }
  }

  /** Newest user message at or before `beforeId` (or overall). */
  lastUserMessageId(beforeId?: string): string | undefined {
    const end = beforeId ? this.#order.indexOf(beforeId) : this.#order.length - 1;
    for (let i = end; i >= 0; i--) {
      const it = this.#byId.get(this.#order[i]);
      if (it?.type === 'user_message') return it.id;
    }
    return undefined;
  }
}
