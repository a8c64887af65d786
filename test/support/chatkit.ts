import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/** Collects the whole response body as text (SSE or JSON alike). */
export function collectText(res: any, cb: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => cb(null, text));
  res.on('error', (e: Error) => cb(e, text));
}

/** Splits an SSE body into events, failing on anything but `data: <json>\n\n` frames. */
export function parseSse(body: string): Record<string, any>[] {
  if (body === '') return [];
  if (!body.endsWith('\n\n')) throw new Error(`SSE body does not end with a blank line: ${JSON.stringify(body.slice(-50))}`);
  return body
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n')) throw new Error(`not a single-line data frame: ${JSON.stringify(frame.slice(0, 80))}`);
      return JSON.parse(frame.slice('data: '.length)) as Record<string, any>;
    });
}

/** Paths of every `null` in a JSON value (the reference never sends one). */
export function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullPaths(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`));
  return [];
}

/** Event types, with the item type for item events (`thread.item.done:user_message`). */
export function eventKinds(events: Record<string, any>[]): string[] {
  return events.map((e) => (e.item?.type ? `${e.type}:${e.item.type}` : e.update?.type ? `${e.type}:${e.update.type}` : e.type));
}

export interface ChatkitCall {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON (non-streaming answers and errors). */
  json: any;
  /** Parsed SSE events (streaming answers). */
  events: Record<string, any>[];
  raw: Response;
}

export interface ChatkitClientOptions {
  workflowId?: string;
  token: string;
}

/** A signed-in ChatKit client for one workflow: `send(body)` posts an envelope to /api/chatkit. */
export class ChatkitClient {
  constructor(
    private readonly t: TestApp,
    readonly opts: ChatkitClientOptions,
  ) {}

  async send(body: unknown, options: { query?: boolean; rawBody?: string; contentType?: string } = {}): Promise<ChatkitCall> {
    const useQuery = options.query ?? true;
    const url = useQuery && this.opts.workflowId ? `/api/chatkit?workflow_id=${this.opts.workflowId}` : '/api/chatkit';
    const res = await this.t.http
      .post(url)
      .set('Authorization', `Bearer ${this.opts.token}`)
      .set('Content-Type', options.contentType ?? 'application/json')
      .send(options.rawBody ?? JSON.stringify(body))
      .buffer(true)
      .parse(collectText);
    const text = res.body as string;
    const isSse = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
    return {
      status: res.status,
      headers: res.headers as Record<string, string>,
      text,
      json: !isSse && text ? JSON.parse(text) : undefined,
      events: isSse ? parseSse(text) : [],
      raw: res,
    };
  }

  create(text: string, extra: { attachments?: string[] } = {}): Promise<ChatkitCall> {
    return this.send({ type: 'threads.create', params: { input: userInput(text, extra.attachments) } });
  }

  addMessage(threadId: string, text: string, extra: { attachments?: string[] } = {}): Promise<ChatkitCall> {
    return this.send({ type: 'threads.add_user_message', params: { thread_id: threadId, input: userInput(text, extra.attachments) } });
  }
}

export function userInput(text: string, attachments: string[] = []) {
  return { content: [{ type: 'input_text', text }], attachments, inference_options: {} };
}

/** Creates a workflow through the API (as an admin) and returns its id. */
export async function createWorkflow(t: TestApp, adminToken: string, definition: Record<string, unknown> = {}, name = 'Chat test'): Promise<string> {
  const res = await t.http
    .post('/api/workflows')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ name, definition: { model: { provider: 'builtin' }, tool_packs: ['tasks'], ...definition } });
  if (res.status !== 201) throw new Error(`workflow create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
