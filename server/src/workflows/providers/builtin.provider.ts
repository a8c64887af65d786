import { Injectable } from '@nestjs/common';
import { setImmediate as nextTick } from 'node:timers/promises';
import { abortError } from '../executor/executor.errors';
import { decide } from './builtin-router';
import type { ModelProvider, ModelRequest, ModelStreamEvent } from './model-provider';

/** Words per text delta of a builtin answer. */
const WORDS_PER_DELTA = 3;
/**
 * Deltas between two yields to the event loop. A builtin answer is computed at once;
 * yielding after every delta only cut it into more socket writes, while yielding now
 * and then still keeps a long answer from holding the event loop.
 */
const DELTAS_PER_YIELD = 16;

/** Splits an answer into deltas of a few words (whitespace kept), like a model stream. */
export function textDeltas(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_DELTA) out.push(words.slice(i, i + WORDS_PER_DELTA).join(''));
  return out;
}

/**
 * The default provider when no API key is configured: deterministic routing of a
 * message to a tool by each tool's declared patterns, then an answer made from the
 * tool's result; otherwise a help answer. Rules: BUILTIN.md beside this file.
 */
@Injectable()
export class BuiltinProvider implements ModelProvider {
  readonly name = 'builtin' as const;

  async *stream(request: ModelRequest): AsyncGenerator<ModelStreamEvent> {
    if (request.signal.aborted) throw abortError(request.signal);
    const decision = decide(request.messages, request.tools);
    if (decision.kind === 'tool_call') {
      const id = `call_builtin_${request.messages.length}`;
      yield { type: 'tool_call', call: { id, name: decision.tool, arguments: JSON.stringify(decision.args) } };
      yield { type: 'done', finishReason: 'tool_calls' };
      return;
    }
    const deltas = textDeltas(decision.text);
    for (let i = 0; i < deltas.length; i++) {
      // Yield to the event loop before the answer and every few deltas, as a network stream would.
      if (i % DELTAS_PER_YIELD === 0) await nextTick();
      if (request.signal.aborted) throw abortError(request.signal);
      yield { type: 'text_delta', delta: deltas[i] };
    }
    yield { type: 'done', finishReason: 'stop' };
  }
}
