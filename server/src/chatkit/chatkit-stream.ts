import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  isHiddenThreadItem,
  type AssistantMessageContent,
  type AssistantMessageItem,
  type ThreadItem,
  type ThreadItemUpdatedEvent,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
} from '@atrium/protocol';
import { toStreamErrorEvent } from '../workflows/executor/executor.errors';
import type { RunContext } from '../workflows/executor/workflow-executor.types';
import { newChatkitId } from './chatkit-ids';
import { wireEvent, wireThread } from './chatkit-wire';
import { ChatkitStore, type ThreadScope } from './chatkit.store';
import { SseStream } from './sse';

/** What a streaming operation has prepared (and validated) before the 200 is sent. */
export interface StreamJob {
  scope: ThreadScope;
  /** The run the executor gets; `signal` is supplied by the runner. */
  run: Omit<RunContext, 'signal'>;
  /** Events already persisted, written before `stream_options` (thread.created, the user message). */
  preface: ThreadStreamEvent[];
  /** Events already persisted, written right after `stream_options` (the answered structured input). */
  lead?: ThreadStreamEvent[];
  /** The user message the run answers, for the thread title. */
  input: UserMessageItem | null;
  /** The executor's events (respond or action). */
  produce: (run: RunContext) => AsyncIterable<ThreadStreamEvent>;
}

/** Whether the newest write of a run also marked the thread's activity. */
interface WriteState {
  touched: boolean;
}

class StreamCancelled extends Error {
  constructor() {
    super('The client closed the stream.');
    this.name = 'AbortError';
  }
}

const TITLE_MAX = 60;
export const CANCELLED_NOTE = 'The user cancelled the stream. Stop responding to the prior request.';

/** A thread title from a user message: its text, whitespace collapsed, at most 60 characters. */
export function titleFromMessage(message: UserMessageItem): string | undefined {
  const text = message.content
    .map((c) => c.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  if (text.length <= TITLE_MAX) return text;
  const cut = text.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What of a thread is persisted and broadcast when a run changes it. */
function threadSnapshot(t: ThreadMetadata): string {
  return JSON.stringify([t.title ?? null, t.status, t.allowed_image_domains ?? null, t.metadata ?? {}]);
}

/** `it.next()`, unless the signal aborts first. */
function nextUnlessAborted<T>(it: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  if (signal.aborted) return Promise.reject(new StreamCancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new StreamCancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    it.next().then(
      (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Runs one streaming operation, as the reference's `_process_events`:
 * writes the SSE stream (preface → `stream_options` → the executor's events →
 * `thread.updated` when the run changed the thread), persists items as they complete
 * (insert on `thread.item.done`, upsert on `replaced`, delete on `removed`; hidden
 * context stored but never sent), turns failures into an `error` event, and on client
 * disconnect aborts the run, keeps partial assistant text and notes the cancellation.
 */
@Injectable()
export class ChatkitStreamRunner {
  private readonly logger = new Logger('Chatkit');

  constructor(private readonly store: ChatkitStore) {}

  async run(res: Response, job: StreamJob): Promise<void> {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new StreamCancelled());
    };
    res.on('close', onClose);
    // The client may have left while the request was being prepared.
    if (res.destroyed || res.socket?.destroyed) controller.abort(new StreamCancelled());
    const sse = new SseStream(res);
    sse.open();

    const run: RunContext = { ...job.run, signal: controller.signal };
    const thread = run.thread;
    const threadId = thread.id;
    let last = threadSnapshot(thread);
    const pending = new Map<string, ThreadItem>();
    // Whether the newest write of this run already marked the thread's activity (updated_at);
    // if not, the run ends with a touch.
    const writes: WriteState = { touched: false };

    const syncThread = async (broadcast: boolean) => {
      const now = threadSnapshot(thread);
      if (now === last) return;
      last = now;
      await this.store.saveThread(thread, job.scope);
      writes.touched = true;
      if (broadcast) sse.send(wireEvent({ type: 'thread.updated', thread: wireThread(thread) }));
    };
    const applyTitle = () => {
      if (thread.title !== undefined || !job.input) return;
      const title = titleFromMessage(job.input);
      if (title) thread.title = title;
    };

    try {
      for (const event of job.preface) sse.send(wireEvent(event));
      sse.send(wireEvent({ type: 'stream_options', stream_options: { allow_cancel: true } }));
      for (const event of job.lead ?? []) sse.send(wireEvent(event));
      // Headers and these first events leave now, before the run starts its work (time to first event).
      sse.flush();

      try {
        const iterator = job.produce(run)[Symbol.asyncIterator]();
        let finished = false;
        try {
          while (true) {
            const step = await nextUnlessAborted(iterator, controller.signal);
            if (step.done) {
              finished = true;
              break;
            }
            const event = this.ownedBy(step.value, threadId);
            await this.persist(event, threadId, pending, writes);
            if (controller.signal.aborted) throw new StreamCancelled();
            if (!this.isHidden(event)) sse.send(wireEvent(event));
            await syncThread(true);
          }
        } finally {
          if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
        }
        applyTitle();
        await syncThread(true);
      } catch (e) {
        if (controller.signal.aborted) {
          this.logger.log({ thread_id: threadId }, 'Stream cancelled by the client');
          await this.cancelled(threadId, pending, writes);
          applyTitle();
          await syncThread(false);
        } else {
          this.logger.error({ err: e, thread_id: threadId }, 'Run failed; sent an error event');
          sse.send(wireEvent(toStreamErrorEvent(e)));
          applyTitle();
          await syncThread(true);
        }
      }
    } catch (e) {
      // Persistence failed while finishing up; the stream is already committed, so log and end it.
      this.logger.error({ err: e, thread_id: threadId }, 'Could not finish the stream');
    } finally {
      res.off('close', onClose);
      if (!writes.touched) {
        await this.store.touchThread(threadId).catch((e: unknown) => this.logger.error({ err: e, thread_id: threadId }, 'Could not touch the thread'));
      }
      sse.end();
    }
  }

  /** Items the executor yields always belong to the running thread. */
  private ownedBy(event: ThreadStreamEvent, threadId: string): ThreadStreamEvent {
    if ((event.type === 'thread.item.added' || event.type === 'thread.item.done' || event.type === 'thread.item.replaced') && event.item.thread_id !== threadId) {
      return { ...event, item: { ...event.item, thread_id: threadId } };
    }
    return event;
  }

  private isHidden(event: ThreadStreamEvent): boolean {
    return (event.type === 'thread.item.done' || event.type === 'thread.item.added' || event.type === 'thread.item.replaced') && isHiddenThreadItem(event.item);
  }

  private async persist(event: ThreadStreamEvent, threadId: string, pending: Map<string, ThreadItem>, writes: WriteState): Promise<void> {
    switch (event.type) {
      case 'thread.item.added':
        // Kept (as a copy) in case the stream is cancelled before the item is done.
        pending.set(event.item.id, structuredClone(event.item));
        return;
      case 'thread.item.updated':
        this.applyUpdate(pending, event);
        return;
      case 'thread.item.done':
        // Insert and mark the thread's activity: one statement, one commit.
        await this.store.addItem(threadId, event.item);
        writes.touched = true;
        pending.delete(event.item.id);
        return;
      case 'thread.item.replaced':
        await this.store.saveItem(threadId, event.item, { touch: true });
        writes.touched = true;
        pending.delete(event.item.id);
        return;
      case 'thread.item.removed':
        await this.store.deleteItem(threadId, event.item_id);
        writes.touched = false;
        pending.delete(event.item_id);
        return;
      default:
        return;
    }
  }

  /** Keeps pending assistant messages and workflows current (the reference's `_update_pending_items`). */
  private applyUpdate(pending: Map<string, ThreadItem>, event: ThreadItemUpdatedEvent): void {
    const item = pending.get(event.item_id);
    if (!item) return;
    const update = event.update;
    if (item.type === 'assistant_message') {
      const content = item.content;
      if (!('content_index' in update)) return;
      while (content.length <= update.content_index) content.push({ type: 'output_text', text: '', annotations: [] });
      const part: AssistantMessageContent = content[update.content_index];
      switch (update.type) {
        case 'assistant_message.content_part.added':
        case 'assistant_message.content_part.done':
          content[update.content_index] = structuredClone(update.content);
          return;
        case 'assistant_message.content_part.text_delta':
          part.text += update.delta;
          return;
        case 'assistant_message.content_part.annotation_added':
          part.annotations ??= [];
          if (update.annotation_index <= part.annotations.length) part.annotations.splice(update.annotation_index, 0, update.annotation);
          else part.annotations.push(update.annotation);
          return;
        default:
          return;
      }
    }
    if (item.type === 'workflow') {
      if (update.type === 'workflow.task.added') item.workflow.tasks.push(structuredClone(update.task));
      else if (update.type === 'workflow.task.updated') item.workflow.tasks[update.task_index] = structuredClone(update.task);
    }
  }

  /**
   * The reference's `handle_stream_cancelled`: pending assistant messages with text are
   * kept (pending widgets and workflows are not), then a hidden note tells the next turn
   * that the user stopped this one.
   */
  private async cancelled(threadId: string, pending: Map<string, ThreadItem>, writes: WriteState): Promise<void> {
    for (const item of pending.values()) {
      if (item.type !== 'assistant_message') continue;
      const message: AssistantMessageItem = item;
      if (message.content.some((c) => c.text.trim() !== '')) await this.store.addItem(threadId, message);
    }
    await this.store.addItem(threadId, {
      type: 'sdk_hidden_context',
      id: newChatkitId('sdk_hidden_context'),
      thread_id: threadId,
      created_at: new Date().toISOString(),
      content: CANCELLED_NOTE,
    });
    writes.touched = true;
  }
}
