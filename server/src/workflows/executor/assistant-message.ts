import type { AssistantMessageContent, AssistantMessageItem, ThreadStreamEvent } from '@atrium/protocol';

const part = (text: string): AssistantMessageContent => ({ type: 'output_text', text, annotations: [] });

/**
 * Streams one assistant message exactly as the reference does (§4.2):
 * `thread.item.added` (content []) → `content_part.added` (index 0, empty text) →
 * `text_delta`×N → `content_part.done` (full text) → `thread.item.done` (full content).
 */
export class AssistantMessageStream {
  private text = '';
  private started = false;
  private finished = false;
  private readonly createdAt = new Date().toISOString();

  constructor(
    readonly itemId: string,
    private readonly threadId: string,
  ) {}

  get hasStarted(): boolean {
    return this.started;
  }

  get fullText(): string {
    return this.text;
  }

  private item(content: AssistantMessageContent[]): AssistantMessageItem {
    return { type: 'assistant_message', id: this.itemId, thread_id: this.threadId, created_at: this.createdAt, content };
  }

  /** Events for one delta (the first delta also opens the message). */
  delta(delta: string): ThreadStreamEvent[] {
    if (this.finished || !delta) return [];
    const events: ThreadStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push(
        { type: 'thread.item.added', item: this.item([]) },
        { type: 'thread.item.updated', item_id: this.itemId, update: { type: 'assistant_message.content_part.added', content_index: 0, content: part('') } },
      );
    }
    this.text += delta;
    events.push({ type: 'thread.item.updated', item_id: this.itemId, update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta } });
    return events;
  }

  /** Closing events (none when no text was streamed). */
  finish(): ThreadStreamEvent[] {
    if (this.finished || !this.started) return [];
    this.finished = true;
    return [
      { type: 'thread.item.updated', item_id: this.itemId, update: { type: 'assistant_message.content_part.done', content_index: 0, content: part(this.text) } },
      { type: 'thread.item.done', item: this.item([part(this.text)]) },
    ];
  }
}

/** A complete assistant message as one `thread.item.done` (a non-streamed item). */
export function assistantMessageDone(itemId: string, threadId: string, text: string): ThreadStreamEvent {
  return {
    type: 'thread.item.done',
    item: { type: 'assistant_message', id: itemId, thread_id: threadId, created_at: new Date().toISOString(), content: [part(text)] },
  };
}
