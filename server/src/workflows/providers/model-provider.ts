import type { ToolDefinition } from '../tool-packs/tool-pack';

/**
 * Provider-neutral model conversation, shaped like Chat Completions messages (which
 * every OpenAI-compatible server speaks), so the `openai` provider maps it 1:1 and
 * the `builtin` provider can read it.
 */
export interface ModelToolCall {
  /** Call id, echoed by the matching `tool` message. */
  id: string;
  name: string;
  /** JSON text, as models send it (may be invalid JSON: the executor checks). */
  arguments: string;
}

export type ModelMessage =
  | { role: 'system'; content: string }
  /** `context: true` marks text the server added (widget descriptions, hidden context, quotes), not typed by the user. */
  | { role: 'user'; content: string; context?: boolean }
  | { role: 'assistant'; content: string; tool_calls?: ModelToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ModelRequest {
  model: string;
  temperature?: number;
  maxOutputTokens?: number;
  messages: readonly ModelMessage[];
  /** Tools of the workflow's enabled packs. */
  tools: readonly ToolDefinition[];
  /** Aborted when the client goes away; providers stop their work promptly. */
  signal: AbortSignal;
}

export type ModelStreamEvent =
  | { type: 'text_delta'; delta: string }
  /** A complete tool call (streamed argument fragments are already joined). */
  | { type: 'tool_call'; call: ModelToolCall }
  | { type: 'done'; finishReason: string };

/**
 * A model backend. `stream()` yields text deltas and complete tool calls for ONE model
 * turn; the executor runs the tools and calls again with their results. Failures are
 * thrown as `ModelProviderError` (executor/executor.errors.ts); an aborted signal ends
 * the iteration with an `AbortError`.
 */
export interface ModelProvider {
  readonly name: 'openai' | 'builtin';
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
}
