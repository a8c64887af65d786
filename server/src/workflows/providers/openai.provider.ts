import { Injectable } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { AppConfig } from '../../config/app-config';
import { ModelProviderError, abortError } from '../executor/executor.errors';
import type { ModelMessage, ModelProvider, ModelRequest, ModelStreamEvent, ModelToolCall } from './model-provider';

const UPSTREAM_MESSAGE_MAX = 300;

/**
 * Any OpenAI-compatible server through the official SDK, with Chat Completions in
 * streaming mode and function tools. Settings: OPENAI_API_KEY, OPENAI_BASE_URL (for
 * compatible servers), ATRIUM_MODEL_TIMEOUT_MS.
 *
 * - The SDK's own timeout only covers the wait for response headers, so the stream
 *   also has an idle timeout: no chunk for ATRIUM_MODEL_TIMEOUT_MS → `model.timeout`.
 * - No automatic retries (`maxRetries: 0`): one attempt per turn, bounded by the
 *   timeout; retryable failures reach the user as an error with `allow_retry: true`.
 * - `run.signal` aborts the HTTP request; the iteration then ends with an AbortError.
 */
@Injectable()
export class OpenAIProvider implements ModelProvider {
  readonly name = 'openai' as const;
  private client?: OpenAI;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.openaiApiKey);
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    const client = this.getClient();
    if (request.signal.aborted) throw abortError(request.signal);

    const idle = new AbortController();
    const timeoutMs = this.config.modelTimeoutMs;
    let timer = setTimeout(() => idle.abort(), timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), timeoutMs);
    };
    const signal = AbortSignal.any([request.signal, idle.signal]);
    const fail = (e: unknown): Error => this.mapError(e, request.signal, idle.signal);

    try {
      let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
      try {
        stream = await client.chat.completions.create(this.params(request), { signal, timeout: timeoutMs, maxRetries: 0 });
      } catch (e) {
        throw fail(e);
      }

      const calls = new Map<number, { id: string; name: string; args: string }>();
      let finishReason = 'stop';
      try {
        for await (const chunk of stream) {
          touch();
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta;
          if (typeof delta?.content === 'string' && delta.content.length > 0) {
            yield { type: 'text_delta', delta: delta.content };
          }
          for (const tc of delta?.tool_calls ?? []) {
            const slot = calls.get(tc.index) ?? { id: '', name: '', args: '' };
            if (tc.id) slot.id = tc.id;
            if (tc.function?.name) slot.name += tc.function.name;
            if (tc.function?.arguments) slot.args += tc.function.arguments;
            calls.set(tc.index, slot);
          }
          if (choice.finish_reason) finishReason = choice.finish_reason;
        }
      } catch (e) {
        throw fail(e);
      }
      // The SDK ends the iteration quietly when its signal aborts: find out why.
      if (request.signal.aborted) throw abortError(request.signal);
      if (idle.signal.aborted) throw this.timeoutError();

      const ordered = [...calls.entries()].sort(([a], [b]) => a - b);
      for (const [index, c] of ordered) {
        if (!c.name) throw new ModelProviderError('model.bad_response', 'The model sent a tool call without a tool name.', true);
        const call: ModelToolCall = { id: c.id || `call_${index}`, name: c.name, arguments: c.args || '{}' };
        yield { type: 'tool_call', call };
      }
      yield { type: 'done', finishReason };
    } finally {
      clearTimeout(timer);
    }
  }

  private getClient(): OpenAI {
    const apiKey = this.config.openaiApiKey;
    if (!apiKey) {
      throw new ModelProviderError(
        'model.not_configured',
        'This assistant is set to use an OpenAI model, but the server has no API key configured. Ask an administrator to set OPENAI_API_KEY.',
        false,
      );
    }
    this.client ??= new OpenAI({ apiKey, baseURL: this.config.openaiBaseUrl, timeout: this.config.modelTimeoutMs, maxRetries: 0 });
    return this.client;
  }

  private params(request: ModelRequest): ChatCompletionCreateParamsStreaming {
    const tools: ChatCompletionTool[] = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters as unknown as Record<string, unknown> },
    }));
    return {
      model: request.model,
      messages: request.messages.map(toChatMessage),
      stream: true,
      ...(tools.length ? { tools } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxOutputTokens !== undefined ? { max_completion_tokens: request.maxOutputTokens } : {}),
    };
  }

  private timeoutError(): ModelProviderError {
    return new ModelProviderError('model.timeout', `The model did not answer within ${Math.round(this.config.modelTimeoutMs / 1000)} seconds. Try again.`, true);
  }

  private mapError(e: unknown, runSignal: AbortSignal, idleSignal: AbortSignal): Error {
    if (e instanceof ModelProviderError) return e;
    if (runSignal.aborted) return abortError(runSignal);
    if (idleSignal.aborted || e instanceof APIConnectionTimeoutError) return this.timeoutError();
    if (e instanceof APIUserAbortError) return abortError(runSignal);
    if (e instanceof APIConnectionError) {
      return new ModelProviderError('model.unavailable', 'Could not reach the model provider. Try again in a moment.', true, undefined, { cause: e });
    }
    if (e instanceof APIError) {
      const status = e.status;
      const detail = upstreamMessage(e);
      if (status === 401 || status === 403) {
        return new ModelProviderError('model.auth_failed', 'The model provider refused the server\'s credentials. An administrator needs to check OPENAI_API_KEY.', false, status, { cause: e });
      }
      if (status === 429) {
        if (e.code === 'insufficient_quota') {
          return new ModelProviderError('model.rate_limited', 'The model provider\'s quota is used up. An administrator needs to check the account.', false, status, { cause: e });
        }
        return new ModelProviderError('model.rate_limited', 'The model provider is busy right now (rate limit reached). Try again in a moment.', true, status, { cause: e });
      }
      if (status !== undefined && status >= 400 && status < 500) {
        return new ModelProviderError('model.request_rejected', `The model provider rejected the request${detail ? `: ${detail}` : '.'}`, false, status, { cause: e });
      }
      return new ModelProviderError(
        'model.unavailable',
        `The model provider had a problem${status ? ` (HTTP ${status})` : ''}. Try again in a moment.`,
        true,
        status,
        { cause: e },
      );
    }
    return new ModelProviderError('model.bad_response', 'The model provider sent a response the server could not read. Try again.', true, undefined, { cause: e });
  }
}

function upstreamMessage(e: APIError): string {
  const body = e.error as { message?: unknown } | undefined;
  const msg = typeof body?.message === 'string' ? body.message : '';
  return msg.length > UPSTREAM_MESSAGE_MAX ? `${msg.slice(0, UPSTREAM_MESSAGE_MAX)}…` : msg;
}

function toChatMessage(m: ModelMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      return { role: 'user', content: m.content };
    case 'assistant':
      return m.tool_calls?.length
        ? {
            role: 'assistant',
            content: m.content || null,
            tool_calls: m.tool_calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
          }
        : { role: 'assistant', content: m.content };
    case 'tool':
      return { role: 'tool', tool_call_id: m.tool_call_id, content: m.content };
  }
}
