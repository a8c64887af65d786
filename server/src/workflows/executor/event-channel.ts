/**
 * A single-consumer async queue: producers `push()` (never blocking), the consumer
 * iterates until `close()` and the queue is drained. Lets a running tool emit
 * thread events while the executor's generator forwards them.
 */
export class EventChannel<T> implements AsyncIterable<T> {
  private readonly queue: T[] = [];
  private wake?: () => void;
  private closed = false;

  push(value: T): void {
    if (this.closed) return;
    this.queue.push(value);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.queue.length) {
        yield this.queue.shift()!;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
