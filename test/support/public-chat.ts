import type { Response } from 'supertest';
import type { TestApp } from './test-app';
import { collectText, parseSse, userInput, type ChatkitCall } from './chatkit';

/** Publishes a workflow through the publish API (`POST /api/workflows/:id/publish`, as an admin). */
export async function publishWorkflow(
  t: TestApp,
  adminToken: string,
  workflowId: string,
  opts: { requireLogin?: boolean; allowedOrigins?: string[] } = {},
): Promise<void> {
  const res = await t.http
    .post(`/api/workflows/${workflowId}/publish`)
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ require_login: opts.requireLogin ?? false, allowed_origins: opts.allowedOrigins ?? [] });
  if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** `name=value` of a Set-Cookie header for `name`, with its attributes, or undefined. */
export function setCookieOf(res: { headers: Record<string, unknown> }, name: string): { value: string; attributes: string[] } | undefined {
  const header = res.headers['set-cookie'];
  const list = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  const line = list.find((c) => c.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((s) => s.trim());
  return { value: decodeURIComponent(pair.slice(name.length + 1)), attributes };
}

/**
 * A browser-like ChatKit client without a bearer token: keeps the cookies the server
 * sets (visitor, login session) and can send an `Origin`.
 */
export class BrowserChatClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly t: TestApp,
    readonly workflowId: string,
    readonly opts: { origin?: string; token?: string } = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  remember(res: Response): void {
    const header = res.headers['set-cookie'] as unknown;
    const list = Array.isArray(header) ? (header as string[]) : [];
    for (const line of list) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      const expired = attrs.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(body: unknown): Promise<ChatkitCall> {
    let req = this.t.http.post(`/api/chatkit?workflow_id=${this.workflowId}`).set('Content-Type', 'application/json');
    if (this.cookies.size) req = req.set('Cookie', this.cookieHeader());
    if (this.opts.origin) req = req.set('Origin', this.opts.origin);
    if (this.opts.token) req = req.set('Authorization', `Bearer ${this.opts.token}`);
    const res = await req.send(JSON.stringify(body)).buffer(true).parse(collectText);
    this.remember(res);
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

  create(text: string): Promise<ChatkitCall> {
    return this.send({ type: 'threads.create', params: { input: userInput(text) } });
  }

  list(): Promise<ChatkitCall> {
    return this.send({ type: 'threads.list', params: {} });
  }

  get(threadId: string): Promise<ChatkitCall> {
    return this.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
  }
}
