/**
 * A small ChatKit endpoint for browser tests (node:http on 127.0.0.1, random port) that
 * speaks the self-hosted ChatKit wire protocol: `POST /api/chatkit` with
 * `{type, params, metadata}`, answered with JSON or `data: <json>\n\n` SSE frames. Each
 * operation type answers from a per-test script; every request is recorded.
 *
 * It also serves the built element (`/dist/chat-element/…`), the browser fixtures
 * (`/test/browser/fixtures/…`) and any extra files a test registers, so pages load
 * from the same origin as the API.
 *
 *   const server = await FakeChatKitServer.start();
 *   server.on('threads.create', (req) => sse([...events]));
 *   await page.goto(server.harnessUrl({ workflow: 'wf_1' }));
 *   ...
 *   await server.close();
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const STATIC_PREFIXES = ['/dist/chat-element/', '/test/browser/fixtures/'];
const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface RecordedRequest {
  type: string;
  params: any;
  metadata: any;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface RecordedUpload {
  id: string;
  method: string;
  contentType: string;
  bytes: number;
  headers: IncomingHttpHeaders;
}

/** One SSE step: an event, a pause, or dropping the connection. */
export type SseStep = Record<string, unknown> | { delay: number } | { drop: true } | { hang: true };

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'sse'; steps: SseStep[] };

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ kind: 'json', status, body, headers });
export const sse = (steps: SseStep[]): Reply => ({ kind: 'sse', steps });
export const apiError = (status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): Reply =>
  json({ error: { code, message, ...(details === undefined ? {} : { details }), request_id: `req_${randomBytes(4).toString('hex')}` } }, status, headers);

type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export class FakeChatKitServer {
  readonly requests: RecordedRequest[] = [];
  readonly uploads: RecordedUpload[] = [];
  /** Streams the client closed before the server finished them. */
  abortedStreams = 0;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly files = new Map<string, { type: string; body: string; status?: number }>();
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(private readonly server: Server, readonly origin: string) {}

  static async start(): Promise<FakeChatKitServer> {
    const ref: { self?: FakeChatKitServer } = {};
    const server = createServer((req, res) => {
      (ref.self as FakeChatKitServer).route(req, res).catch((e) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(e?.stack ?? e));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const self = new FakeChatKitServer(server, `http://127.0.0.1:${port}`);
    ref.self = self;
    server.on('connection', (s) => {
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    return self;
  }

  get apiUrl(): string {
    return `${this.origin}/api/chatkit`;
  }

  /** The manual-check harness page, pointed at this server. */
  harnessUrl(params: Record<string, string> = {}): string {
    const q = new URLSearchParams({ api: this.apiUrl, ...params });
    return `${this.origin}/test/browser/fixtures/element-harness.html?${q}`;
  }

  /**
   * Scripts answers for an operation type. Handlers are used in order; the last one
   * keeps answering once the others are used up.
   */
  on(type: string, ...handlers: (Handler | Reply)[]): this {
    const list = this.handlers.get(type) ?? [];
    for (const h of handlers) list.push(typeof h === 'function' ? h : () => h);
    this.handlers.set(type, list);
    return this;
  }

  /** Serves `body` at `path` (e.g. a fake ChatKit.js). */
  file(path: string, type: string, body: string, status = 200): this {
    this.files.set(path, { type, body, status });
    return this;
  }

  requestsOf(type: string): RecordedRequest[] {
    return this.requests.filter((r) => r.type === type);
  }

  async waitFor(type: string, count = 1, timeoutMs = 5000): Promise<RecordedRequest[]> {
    const until = Date.now() + timeoutMs;
    while (this.requestsOf(type).length < count) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${count} × ${type}; got ${this.requests.map((r) => r.type).join(', ') || 'nothing'}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.requestsOf(type);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'GET') return this.serveStatic(url.pathname, res);
    if (req.method === 'POST' && url.pathname === '/api/chatkit') return this.chatkit(req, res, url);
    const upload = /^\/api\/chatkit\/attachments\/([^/]+)\/upload$/.exec(url.pathname);
    if (upload && (req.method === 'POST' || req.method === 'PUT')) return this.upload(upload[1], req, res);
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'route.not_found', message: 'Not found', request_id: 'req_x' } }));
  }

  private async serveStatic(path: string, res: ServerResponse): Promise<void> {
    const extra = this.files.get(path);
    if (extra) {
      res.writeHead(extra.status ?? 200, { 'Content-Type': extra.type }).end(extra.body);
      return;
    }
    const clean = normalize(path);
    if (!STATIC_PREFIXES.some((p) => clean.startsWith(p)) || clean.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(ROOT, clean));
      res.writeHead(200, { 'Content-Type': MIME[extname(clean)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  }

  private async body(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  private async upload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await this.body(req);
    this.uploads.push({ id, method: req.method ?? '', contentType: String(req.headers['content-type'] ?? ''), bytes: bytes.length, headers: req.headers });
    const handler = this.handlers.get(`upload:${id}`)?.[0];
    if (handler) return this.answer(await handler({ type: 'upload', params: { id }, metadata: {}, query: new URLSearchParams(), headers: req.headers }, 0), req, res);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, name: 'upload', mime_type: 'application/octet-stream', type: 'file' }));
  }

  private async chatkit(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = (await this.body(req)).toString('utf8');
    let parsed: { type?: string; params?: unknown; metadata?: unknown };
    try {
      parsed = JSON.parse(raw);
    } catch {
      return this.answer(apiError(400, 'request.malformed_json', 'Body is not JSON'), req, res);
    }
    const rec: RecordedRequest = { type: String(parsed.type), params: parsed.params, metadata: parsed.metadata, query: url.searchParams, headers: req.headers };
    this.requests.push(rec);
    const list = this.handlers.get(rec.type);
    const index = this.requestsOf(rec.type).length - 1;
    if (!list?.length) return this.answer(apiError(500, 'internal', `fake server: nothing scripted for ${rec.type}`), req, res);
    const handler = list[Math.min(index, list.length - 1)];
    await this.answer(await handler(rec, index), req, res);
  }

  private async answer(reply: Reply, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (reply.kind === 'json') {
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
      return;
    }
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        this.abortedStreams++;
      }
    });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    for (const step of reply.steps) {
      if (closed) return;
      if ('delay' in step && typeof step.delay === 'number' && Object.keys(step).length === 1) {
        await new Promise((r) => setTimeout(r, step.delay as number));
      } else if ('drop' in step && Object.keys(step).length === 1) {
        req.socket.destroy();
        return;
      } else if ('hang' in step && Object.keys(step).length === 1) {
        await new Promise<void>((r) => res.on('close', () => r()));
        return;
      } else {
        res.write(`data: ${JSON.stringify(step)}\n\n`);
      }
    }
    res.end();
  }
}

// ---------------------------------------------------------------------------
// Protocol object builders (shapes as the reference serializer emits them)
// ---------------------------------------------------------------------------

let seq = 0;
export const newId = (prefix: string): string => `${prefix}_${(++seq).toString(16).padStart(8, '0')}`;
const now = (): string => new Date().toISOString();

export function thread(id: string, title?: string): any {
  return { id, created_at: now(), status: { type: 'active' }, metadata: {}, ...(title ? { title } : {}), items: { data: [], has_more: false } };
}

/** The stored user message; attachment ids resolve from `known` (else a generic file). */
export function userItem(threadId: string, input: any, id = newId('msg'), known: any[] = []): any {
  return {
    type: 'user_message', id, thread_id: threadId, created_at: now(), content: input.content,
    attachments: (input.attachments ?? []).map((a: string) => ({ ...(known.find((k) => k.id === a) ?? { id: a, type: 'file', name: `${a}.bin`, mime_type: 'application/octet-stream' }), thread_id: threadId })),
    ...(input.quoted_text ? { quoted_text: input.quoted_text } : {}), inference_options: input.inference_options ?? {},
  };
}

export function assistantItem(threadId: string, text: string, id = newId('msg')): any {
  return { type: 'assistant_message', id, thread_id: threadId, created_at: now(), content: [{ type: 'output_text', text, annotations: [] }] };
}

/** added → content_part.added → text_delta × n → content_part.done → done. */
export function assistantStream(threadId: string, chunks: string[], opts: { id?: string; delay?: number } = {}): SseStep[] {
  const id = opts.id ?? newId('msg');
  const text = chunks.join('');
  const empty = { type: 'output_text', text: '', annotations: [] };
  const steps: SseStep[] = [
    { type: 'thread.item.added', item: { ...assistantItem(threadId, '', id), content: [] } },
    { type: 'thread.item.updated', item_id: id, update: { type: 'assistant_message.content_part.added', content_index: 0, content: empty } },
  ];
  for (const delta of chunks) {
    if (opts.delay) steps.push({ delay: opts.delay });
    steps.push({ type: 'thread.item.updated', item_id: id, update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta } });
  }
  steps.push({ type: 'thread.item.updated', item_id: id, update: { type: 'assistant_message.content_part.done', content_index: 0, content: { type: 'output_text', text, annotations: [] } } });
  steps.push({ type: 'thread.item.done', item: assistantItem(threadId, text, id) });
  return steps;
}

export function widgetItem(threadId: string, widget: unknown, id = newId('msg'), copyText?: string): any {
  return { type: 'widget', id, thread_id: threadId, created_at: now(), widget, ...(copyText ? { copy_text: copyText } : {}) };
}

/** The opening of a threads.create stream: thread.created, the stored user message, stream_options. */
export function createOpening(req: RecordedRequest, threadId: string, opts: { allowCancel?: boolean; userId?: string; attachments?: any[] } = {}): SseStep[] {
  return [
    { type: 'thread.created', thread: thread(threadId) },
    { type: 'thread.item.done', item: userItem(threadId, req.params.input, opts.userId, opts.attachments) },
    { type: 'stream_options', stream_options: { allow_cancel: opts.allowCancel ?? true } },
  ];
}

/** The opening of a threads.add_user_message stream. */
export function addOpening(req: RecordedRequest, opts: { allowCancel?: boolean; userId?: string } = {}): SseStep[] {
  return [
    { type: 'thread.item.done', item: userItem(req.params.thread_id, req.params.input, opts.userId) },
    { type: 'stream_options', stream_options: { allow_cancel: opts.allowCancel ?? true } },
  ];
}
