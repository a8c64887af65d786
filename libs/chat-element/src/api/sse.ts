/**
 * Reads a ChatKit SSE body (`data: <json>\n\n` per event, no sentinel) from fetch's
 * ReadableStream with eventsource-parser and hands each parsed event to `onEvent`.
 */
import { createParser } from 'eventsource-parser';
import type { ThreadStreamEvent } from '../../../protocol/src/index.js';

export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ThreadStreamEvent) => void,
  onBadEvent: (data: string) => void,
): Promise<void> {
  const parser = createParser({
    onEvent(message) {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        onBadEvent(message.data);
        return;
      }
      if (event && typeof event === 'object' && typeof (event as { type?: unknown }).type === 'string') {
        onEvent(event as ThreadStreamEvent);
      } else {
        onBadEvent(message.data);
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}
