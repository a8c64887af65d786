import { Injectable, Logger } from '@nestjs/common';
import type { NoticeEvent, SyncCustomActionResponse, ThreadStreamEvent, UserMessageItem, WidgetItem } from '@atrium/protocol';
import { checkWidgetSize, validateWidget, type IconName, type WidgetRoot } from '@atrium/widgets';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors/domain-error';
import type { ModelMessage, ModelProvider, ModelToolCall } from '../providers/model-provider';
import { ModelProviders } from '../providers/model-providers';
import { ToolPackRegistry } from '../tool-packs/tool-pack.registry';
import { ToolError, type PackActionContext, type ToolContext, type ToolDefinition, type WidgetStreamHandle } from '../tool-packs/tool-pack';
import { validateToolArguments } from '../tool-packs/tool-arguments';
import { AssistantMessageStream, assistantMessageDone } from './assistant-message';
import { EventChannel } from './event-channel';
import { abortError, isAbortError } from './executor.errors';
import { buildModelInput } from './model-input';
import { WidgetItemStream } from './widget-stream';
import type { RunContext, WidgetAction, WorkflowExecutorPort } from './workflow-executor.types';

type WidgetCheck =
  | { ok: true; widget: WidgetRoot }
  | { ok: false; reason: 'invalid' | 'too_large'; detail: string; bytes?: number };

const TITLE_MAX = 60;
const ACTION_TYPE = /^[A-Za-z0-9_.:-]{1,100}$/;

/** A problem the user caused or can fix; its message is safe to show. */
function userFacingMessage(e: unknown): string | undefined {
  if (e instanceof ToolError) return e.message;
  if (e instanceof DomainError && e.status < 500) return e.message;
  return undefined;
}

/**
 * Runs agent workflows for the chatkit module (WorkflowExecutorPort): builds model
 * input from the workflow and thread history, streams the model's answer as ChatKit
 * events, runs tool calls of the enabled tool packs (bounded by
 * ATRIUM_MAX_TOOL_ROUNDS), shows validated widgets, and handles widget actions.
 *
 * Failures: a model failure is thrown as `ModelProviderError` (turn it into an `error`
 * event with `toStreamErrorEvent`); cancellation through `run.signal` ends the
 * iteration with an `AbortError`; tool and widget problems never end the stream
 * (friendly answers, notices and structured logs instead).
 */
@Injectable()
export class WorkflowExecutor implements WorkflowExecutorPort {
  private readonly logger = new Logger(WorkflowExecutor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: ToolPackRegistry,
    private readonly providers: ModelProviders,
  ) {}

  // ---------------------------------------------------------------------------
  // respond
  // ---------------------------------------------------------------------------

  async *respond(run: RunContext, input: UserMessageItem | null): AsyncGenerator<ThreadStreamEvent> {
    const definition = run.workflow.definition;
    const packs = this.registry.packsFor(definition.tool_packs);
    const tools = packs.flatMap((p) => p.tools);
    const provider = this.providers.for(definition.model);
    // Title the thread from its first message right away, so the chatkit layer broadcasts it before the answer.
    if (input && !run.thread.title) {
      const title = titleFrom(input);
      if (title) run.thread.title = title;
    }

    const messages = buildModelInput({
      instructions: definition.instructions,
      packs,
      history: run.history,
      input,
      limit: this.config.historyItems,
    });

    let toolRounds = 0;
    for (;;) {
      const turn = yield* this.modelTurn(run, provider, messages, tools);
      if (!turn.toolCalls.length) return;
      if (toolRounds >= this.config.maxToolRounds) {
        this.logger.warn({ thread_id: run.thread.id, workflow_id: run.workflow.id, max_tool_rounds: this.config.maxToolRounds }, 'Tool round limit reached');
        yield assistantMessageDone(
          run.newItemId('message'),
          run.thread.id,
          `I had to stop here: this request needed more steps than I’m allowed to take in one answer (${this.config.maxToolRounds}). `
            + 'Try asking for one thing at a time.',
        );
        return;
      }
      toolRounds++;
      messages.push({ role: 'assistant', content: turn.text, tool_calls: turn.toolCalls });
      for (const call of turn.toolCalls) {
        if (run.signal.aborted) throw abortError(run.signal);
        const output = yield* this.runTool(run, tools, call);
        messages.push({ role: 'tool', tool_call_id: call.id, content: output });
      }
    }
  }

  /** One model call: streams its text as an assistant message; returns text and tool calls. */
  private async *modelTurn(
    run: RunContext,
    provider: ModelProvider,
    messages: readonly ModelMessage[],
    tools: readonly ToolDefinition[],
  ): AsyncGenerator<ThreadStreamEvent, { text: string; toolCalls: ModelToolCall[] }> {
    const definition = run.workflow.definition;
    const message = new AssistantMessageStream(run.newItemId('message'), run.thread.id);
    const toolCalls: ModelToolCall[] = [];
    for await (const event of provider.stream({
      model: definition.model.model,
      temperature: definition.model.temperature,
      maxOutputTokens: definition.model.max_output_tokens,
      messages: [...messages],
      tools,
      signal: run.signal,
    })) {
      if (event.type === 'text_delta') yield* message.delta(event.delta);
      else if (event.type === 'tool_call') toolCalls.push(event.call);
    }
    if (run.signal.aborted) throw abortError(run.signal);
    yield* message.finish();
    return { text: message.fullText, toolCalls };
  }

  /**
   * Runs one tool call and returns the tool output the model reads next:
   * `{"ok":true,"message":…,"data"?:…,"widget"?:"shown"|"unavailable"}` or `{"ok":false,"error":…}`.
   */
  private async *runTool(run: RunContext, tools: readonly ToolDefinition[], call: ModelToolCall): AsyncGenerator<ThreadStreamEvent, string> {
    const fail = (error: string) => JSON.stringify({ ok: false, error });
    const tool = tools.find((t) => t.name === call.name);
    if (!tool) return fail(`There is no tool named "${call.name}".`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.arguments || '{}');
    } catch {
      return fail('The arguments were not valid JSON.');
    }
    const check = validateToolArguments(tool.parameters, parsed);
    if (!check.ok) return fail(`Invalid arguments: ${check.errors.join('; ')}.`);

    yield { type: 'progress_update', text: tool.progress, ...(tool.icon ? { icon: tool.icon } : {}) };

    const channel = new EventChannel<ThreadStreamEvent>();
    const streams: WidgetItemStream[] = [];
    const ctx: ToolContext = {
      owner: run.owner,
      thread: run.thread,
      workflow: run.workflow,
      signal: run.signal,
      streamWidget: (first, options) => this.startWidgetStream(run, channel, streams, first, options?.copyText),
      progress: (text: string, icon?: IconName) => channel.push({ type: 'progress_update', text, ...(icon ? { icon } : {}) }),
    };
    const settled = tool
      .run(check.args, ctx)
      .then((result) => ({ ok: true as const, result }), (error: unknown) => ({ ok: false as const, error }))
      .finally(() => {
        // A widget the tool left open is finished with its last state.
        for (const s of streams) for (const e of s.done()) channel.push(e);
        channel.close();
      });
    for await (const event of channel) yield event;
    const outcome = await settled;

    if (!outcome.ok) {
      if (isAbortError(outcome.error) || run.signal.aborted) throw abortError(run.signal);
      const friendly = userFacingMessage(outcome.error);
      if (friendly) return fail(friendly);
      this.logger.error({ err: outcome.error, thread_id: run.thread.id, workflow_id: run.workflow.id, tool: tool.name }, 'Tool failed');
      return fail(`Sorry, “${tool.title}” failed unexpectedly. Please try again later.`);
    }

    const result = outcome.result;
    let widget: 'shown' | 'unavailable' | undefined;
    if (result.widget !== undefined) {
      const w = this.checkWidget(result.widget);
      if (w.ok) {
        const item: WidgetItem = {
          type: 'widget',
          id: run.newItemId('message'),
          thread_id: run.thread.id,
          created_at: new Date().toISOString(),
          widget: w.widget,
          ...(result.copyText !== undefined ? { copy_text: result.copyText } : {}),
        };
        yield { type: 'thread.item.done', item };
        widget = 'shown';
      } else {
        yield this.skipWidget(run, w);
        widget = 'unavailable';
      }
    }
    return JSON.stringify({
      ok: true,
      message: result.message,
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(widget ? { widget } : {}),
    });
  }

  private startWidgetStream(
    run: RunContext,
    channel: EventChannel<ThreadStreamEvent>,
    streams: WidgetItemStream[],
    first: WidgetRoot,
    copyText?: string,
  ): WidgetStreamHandle {
    const initial = this.checkWidget(first);
    if (!initial.ok) {
      channel.push(this.skipWidget(run, initial));
      return { update: () => undefined, done: () => undefined };
    }
    const stream = new WidgetItemStream(run.newItemId('message'), run.thread.id, initial.widget, copyText);
    streams.push(stream);
    channel.push(stream.added());
    const accept = (state: WidgetRoot): WidgetRoot | undefined => {
      const c = this.checkWidget(state);
      if (c.ok) return c.widget;
      // The item keeps its previous state; the user already sees it.
      this.logger.warn({ thread_id: run.thread.id, workflow_id: run.workflow.id, reason: c.reason, detail: c.detail }, 'Skipping widget payload');
      return undefined;
    };
    return {
      update: (next) => {
        const w = accept(next);
        if (w) for (const e of stream.update(w)) channel.push(e);
      },
      done: (final) => {
        const w = final === undefined ? undefined : accept(final);
        for (const e of stream.done(w)) channel.push(e);
      },
    };
  }

  /** Validates a widget from a tool against the widget schema and the size cap. */
  checkWidget(widget: unknown): WidgetCheck {
    const size = checkWidgetSize(widget, this.config.widgetMaxBytes);
    if (!size.ok) {
      return size.bytes === undefined
        ? { ok: false, reason: 'invalid', detail: size.errors[0]?.message ?? 'not JSON-serialisable' }
        : { ok: false, reason: 'too_large', detail: `${size.bytes} bytes > ${this.config.widgetMaxBytes} bytes`, bytes: size.bytes };
    }
    const v = validateWidget(widget);
    if (!v.ok) {
      return { ok: false, reason: 'invalid', detail: v.errors.slice(0, 3).map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ') };
    }
    return { ok: true, widget: v.widget };
  }

  /** The notice shown instead of an unusable widget, plus the structured warning. */
  private skipWidget(run: RunContext, check: Extract<WidgetCheck, { ok: false }>): NoticeEvent {
    this.logger.warn(
      {
        thread_id: run.thread.id,
        workflow_id: run.workflow.id,
        reason: check.reason,
        detail: check.detail,
        ...(check.bytes !== undefined ? { bytes: check.bytes, max_bytes: this.config.widgetMaxBytes } : {}),
      },
      'Skipping widget payload',
    );
    return check.reason === 'too_large'
      ? { type: 'notice', level: 'warning', title: 'Widget too large', message: 'Widget too large: part of this answer was too big to display.' }
      : { type: 'notice', level: 'warning', title: 'Widget unavailable', message: 'Widget unavailable: part of this answer could not be displayed.' };
  }

  // ---------------------------------------------------------------------------
  // widget actions
  // ---------------------------------------------------------------------------

  /**
   * A streaming widget action (`threads.custom_action`): on success the sender item is
   * replaced in place (`thread.item.replaced`, persisted by the chatkit layer) and a
   * short confirmation follows as an assistant message. Unknown actions and failures
   * produce a `notice` (and a log line), never silence.
   */
  async *action(run: RunContext, action: WidgetAction, sender: WidgetItem | null): AsyncGenerator<ThreadStreamEvent> {
    const type = actionType(action);
    const handler = type ? this.registry.actionHandler(type, run.workflow.definition.tool_packs) : undefined;
    if (!type || !handler) {
      this.logger.warn({ thread_id: run.thread.id, workflow_id: run.workflow.id, action_type: type ?? String((action as { type?: unknown })?.type) }, 'Unknown widget action');
      yield { type: 'notice', level: 'warning', title: 'Action not available', message: 'This button does not do anything in this assistant.' };
      return;
    }
    let result;
    try {
      result = await handler(action.payload, this.actionContext(run, sender));
    } catch (e) {
      if (isAbortError(e) || run.signal.aborted) throw abortError(run.signal);
      this.logActionFailure(run, type, e);
      const friendly = userFacingMessage(e);
      yield friendly
        ? { type: 'notice', level: 'warning', title: 'That didn’t work', message: friendly }
        : { type: 'notice', level: 'danger', title: 'That didn’t work', message: 'Something went wrong while handling this button. Please try again.' };
      return;
    }
    if (result.widget && sender) {
      const w = this.checkWidget(result.widget);
      if (w.ok) {
        yield { type: 'thread.item.replaced', item: replaceWidget(sender, w.widget, result.copyText) };
      } else {
        yield this.skipWidget(run, w);
      }
    }
    if (result.message) yield assistantMessageDone(run.newItemId('message'), run.thread.id, result.message);
  }

  /**
   * A non-streaming widget action (`threads.sync_custom_action`): returns the
   * replaced sender item as `updated_item`; the chatkit layer persists it (save_item).
   * It cannot stream a notice, so unknown actions and failures are thrown as
   * DomainErrors with user-facing messages (`workflow.action.unknown`, the handler's
   * own 4xx error, or `workflow.action.failed`).
   */
  async syncAction(run: RunContext, action: WidgetAction, sender: WidgetItem | null): Promise<SyncCustomActionResponse> {
    const type = actionType(action);
    const handler = type ? this.registry.actionHandler(type, run.workflow.definition.tool_packs) : undefined;
    if (!type || !handler) {
      this.logger.warn({ thread_id: run.thread.id, workflow_id: run.workflow.id, action_type: type ?? null }, 'Unknown widget action');
      throw new DomainError('workflow.action.unknown', 'This button does not do anything in this assistant.', { action_type: type ?? null });
    }
    let result;
    try {
      result = await handler(action.payload, this.actionContext(run, sender));
    } catch (e) {
      if (isAbortError(e) || run.signal.aborted) throw abortError(run.signal);
      this.logActionFailure(run, type, e);
      if (e instanceof DomainError && e.status < 500) throw e;
      if (e instanceof ToolError) throw new DomainError('workflow.action.invalid', e.message, { action_type: type });
      throw new DomainError('workflow.action.failed', 'Something went wrong while handling this button. Please try again.', { action_type: type });
    }
    if (!result.widget || !sender) return {};
    const w = this.checkWidget(result.widget);
    if (!w.ok) {
      this.skipWidget(run, w);
      return {};
    }
    return { updated_item: replaceWidget(sender, w.widget, result.copyText) };
  }

  private actionContext(run: RunContext, sender: WidgetItem | null): PackActionContext {
    return { owner: run.owner, thread: run.thread, workflow: run.workflow, sender, signal: run.signal };
  }

  private logActionFailure(run: RunContext, type: string, e: unknown): void {
    const expected = userFacingMessage(e) !== undefined;
    this.logger.error(
      {
        thread_id: run.thread.id,
        workflow_id: run.workflow.id,
        action_type: type,
        ...(e instanceof DomainError ? { error_code: e.code } : {}),
        ...(expected ? { reason: (e as Error).message } : { err: e }),
      },
      'Widget action failed',
    );
  }
}

function actionType(action: WidgetAction | null | undefined): string | undefined {
  const type = (action as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && ACTION_TYPE.test(type) ? type : undefined;
}

function replaceWidget(sender: WidgetItem, widget: WidgetRoot, copyText?: string): WidgetItem {
  return { ...sender, widget, ...(copyText !== undefined ? { copy_text: copyText } : {}) };
}

/** A thread title from the first user message: its text on one line, at most 60 characters. */
function titleFrom(input: UserMessageItem): string | undefined {
  const text = input.content
    .map((p) => (p.type === 'input_text' ? p.text : `@${p.text}`))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1).trimEnd()}…` : text;
}
