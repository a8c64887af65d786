import type { Response } from 'express';

/**
 * Server-Sent Events as the ChatKit reference writes them: one `data: <json>\n\n`
 * frame per event, no `event:`/`id:` fields, no heartbeat, no terminal sentinel.
 * Each frame is written (and so flushed) as soon as it is produced.
 */
export class SseStream {
  private opened = false;

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
    this.res.write(`data: ${json}\n\n`);
  }

  end(): void {
    if (this.writable) this.res.end();
  }
}
