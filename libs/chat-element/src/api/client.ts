/**
 * The ChatKit protocol client: every operation is a POST of `{type, params, metadata}`
 * to `api.url` (with `?workflow_id=` when the element names a workflow). JSON
 * operations resolve with the parsed body; streaming operations feed each SSE event
 * to a callback. `api.fetch`, when given, replaces the global fetch.
 */
import type {
  ChatKitJsonResponses,
  NonStreamingChatKitRequest,
  StreamingChatKitRequest,
  ThreadStreamEvent,
} from '../../../protocol/src/index.js';
import type { FetchLike } from '../types.js';
import { ChatKitError, errorFromResponse } from './errors.js';
import { readEventStream } from './sse.js';

export interface ClientConfig {
  url: string;
  fetch?: FetchLike;
  workflowId?: string;
  locale?: string;
}

type JsonType = keyof ChatKitJsonResponses;
type ParamsOf<T extends string, U> = U extends { type: T; params: infer P } ? P : never;
/** Params as a client may send them (parsed defaults such as `order` may be left out). */
type Loose<P> = P extends { order: unknown } ? Omit<P, 'order'> & { order?: 'asc' | 'desc' } : P;

export function withWorkflowId(url: string, workflowId: string | undefined): string {
  if (!workflowId) return url;
  const [base, hash = ''] = url.split('#', 2);
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}workflow_id=${encodeURIComponent(workflowId)}${hash ? `#${hash}` : ''}`;
}

export class ChatKitClient {
  constructor(private readonly config: () => ClientConfig) {}

  private async post(type: string, params: unknown, accept: string, signal?: AbortSignal): Promise<Response> {
    const cfg = this.config();
    const metadata: Record<string, unknown> = cfg.workflowId ? { workflow_id: cfg.workflowId } : {};
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: accept };
    const lang = cfg.locale || (typeof navigator !== 'undefined' ? navigator.language : '');
    if (lang) headers['Accept-Language'] = lang;
    const doFetch: FetchLike = cfg.fetch ?? ((input, init) => fetch(input, init));
    const res = await doFetch(withWorkflowId(cfg.url, cfg.workflowId), {
      method: 'POST',
      headers,
      body: JSON.stringify({ type, params, metadata }),
      signal,
    });
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  async json<T extends JsonType>(
    type: T,
    params: Loose<ParamsOf<T, NonStreamingChatKitRequest>>,
    signal?: AbortSignal,
  ): Promise<ChatKitJsonResponses[T]> {
    const res = await this.post(type, params, 'application/json', signal);
    try {
      return (await res.json()) as ChatKitJsonResponses[T];
    } catch {
      throw new ChatKitError('http', 'bad_response', 'The server sent a response that could not be read.', { status: res.status });
    }
  }

  /** Resolves when the stream ends; rejects on HTTP errors, network drops and aborts. */
  async stream<T extends StreamingChatKitRequest['type']>(
    type: T,
    params: ParamsOf<T, StreamingChatKitRequest>,
    onEvent: (event: ThreadStreamEvent) => void,
    signal: AbortSignal,
    onBadEvent: (data: string) => void = () => {},
  ): Promise<void> {
    const res = await this.post(type, params, 'text/event-stream', signal);
    const contentType = res.headers.get('Content-Type') ?? '';
    if (!res.body || !contentType.includes('text/event-stream')) {
      throw new ChatKitError('http', 'bad_response', 'The server did not answer with an event stream.', { status: res.status, allowRetry: true });
    }
    await readEventStream(res.body, onEvent, onBadEvent);
  }
}
