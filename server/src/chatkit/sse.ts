import type { Response } from 'express';

/**
 * Server-Sent Events as the ChatKit reference writes them: one `data: <json>\n\n`
 * frame per event, no `event:`/`id:` fields, no heartbeat, no terminal sentinel.
 *
 * Each frame is one `res.write` and is flushed as soon as it is produced: frames
 * written while the same piece of work runs (the headers and the events that follow
 * them synchronously, an assistant message's first events…) leave in one socket write
 * at the end of that tick (`cork` now, `uncork` on `process.nextTick`), instead of one
 * write — one TCP segment — per frame. Nothing waits for a timer or for more events.
 * Nagle is off, so a flushed frame is sent at once.
 */
export class SseStream {
  private opened = false;
  private corked = false;

  constructor(private readonly res: Response) {}

  /** Commits the 200 and the streaming headers. Everything that can fail with a 4xx must run before this. */
  open(): void {
    const res = this.res;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: proxies and compression middleware must not buffer or re-encode the stream.
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.removeHeader('Content-Length');
    res.socket?.setNoDelay(true);
    this.cork();
    res.flushHeaders();
    this.opened = true;
  }

  /** False once the client went away (or the stream was ended). */
  get writable(): boolean {
    return this.opened && !this.res.writableEnded && !this.res.destroyed;
  }

  /** Writes one event; silently drops it when the client is gone (cancellation is handled by the caller). */
  send(json: string): void {
    if (!this.writable) return;
    this.cork();
    this.res.write(`data: ${json}\n\n`);
  }

  /** Sends what is held now, without waiting for the end of the tick (the first events of a stream). */
  flush(): void {
    this.uncork();
  }

  end(): void {
    if (this.writable) this.res.end();
    this.uncork();
  }

  /** Holds writes until the current tick's work is done (see the class comment). */
  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.res.cork();
    process.nextTick(() => this.uncork());
  }

  private uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.res.uncork();
  }
}
