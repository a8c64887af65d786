import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  isStreamingRequest,
  parseChatKitRequest,
  type Attachment,
  type ChatKitPage,
  type ChatKitRequest,
  type ChatKitRequestOf,
  type NonStreamingChatKitRequest,
  type StreamingChatKitRequest,
  type StructuredInputItem,
  type StructuredInputSubmission,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageInput,
  type UserMessageItem,
  type WidgetItem,
} from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { requestContext } from '../logging/request-context';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import { WorkflowExecutor } from '../workflows/executor/workflow-executor';
import type { RunContext, ThreadOwner, WorkflowExecutorPort } from '../workflows/executor/workflow-executor.types';
import { WorkflowsService } from '../workflows/workflows.service';
import { ChatkitAttachmentsService } from './chatkit-attachments.service';
import { ChatkitAuth, scopeOf, type ChatkitRequest } from './chatkit-auth';
import { BodyTooLargeError, readRawBody } from './chatkit-body';
import { newChatkitId } from './chatkit-ids';
import { ChatkitStreamRunner, type StreamJob } from './chatkit-stream';
import { wireEvent, wireItem, wirePage, wireThread, withoutNulls } from './chatkit-wire';
import { ChatkitStore, assertActive, type PageQuery, type ThreadScope } from './chatkit.store';
import { SseStream } from './sse';

/** Largest protocol envelope accepted (attachments travel through the upload route, not here). */
export const CHATKIT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** NUL and unpaired surrogates: valid in JSON, refused by PostgreSQL text and jsonb. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (or key) PostgreSQL cannot store, if any. */
function unstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (UNSTORABLE.test(k)) return here;
      const found = unstorableText(v, here);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Everything a request was resolved to before it is dispatched. */
interface Call {
  workflow: WorkflowEntity;
  owner: ThreadOwner;
  scope: ThreadScope;
}

/**
 * `POST /api/chatkit`: the self-hosted ChatKit protocol (chatkit-python's
 * `ChatKitServer.process`). Parses and validates the envelope, resolves workflow and
 * owner, does every look-up that can fail with a 4xx, then answers JSON or hands a
 * prepared stream to the runner.
 */
@Injectable()
export class ChatkitService {
  private readonly logger = new Logger('Chatkit');

  constructor(
    private readonly store: ChatkitStore,
    private readonly runner: ChatkitStreamRunner,
    private readonly attachments: ChatkitAttachmentsService,
    private readonly auth: ChatkitAuth,
    private readonly workflows: WorkflowsService,
    // Only the port is used; WorkflowsModule provides the implementation.
    @Inject(WorkflowExecutor) private readonly executor: WorkflowExecutorPort,
    private readonly config: AppConfig,
  ) {}

  async handle(req: ChatkitRequest, res: Response): Promise<void> {
    const request = await this.parse(req);
    const params = request.params as { thread_id?: unknown };
    requestContext.assign({ action: request.type, ...(typeof params.thread_id === 'string' ? { threadId: params.thread_id.slice(0, 200) } : {}) });

    const workflow = await this.resolveWorkflow(req.query.workflow_id, request.metadata);
    const owner = await this.auth.resolveOwner(req, workflow);
    const call: Call = { workflow, owner, scope: scopeOf(workflow.id, owner) };

    if (isStreamingRequest(request)) {
      const job = await this.prepare(request, call);
      if (job === 'not_a_widget') return this.refuseAction(res);
      await this.runner.run(res, job);
      return;
    }
    const body = await this.answer(request, call, res);
    res.status(200).type('application/json').send(JSON.stringify(body));
  }

  // ---------------------------------------------------------------------------
  // envelope
  // ---------------------------------------------------------------------------

  private async parse(req: ChatkitRequest): Promise<ChatKitRequest> {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, CHATKIT_BODY_LIMIT);
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw new DomainError('request.payload_too_large', `ChatKit requests are limited to ${CHATKIT_BODY_LIMIT} bytes.`);
      throw e;
    }
    const parsed = parseChatKitRequest(raw);
    if (!parsed.ok) {
      const fields = parsed.errors.map((f) => ({ field: f.field || '(body)', message: f.message }));
      const summary = fields.slice(0, 3).map((f) => `${f.field}: ${f.message}`).join('; ');
      throw new DomainError('chatkit.request.invalid', `Invalid ChatKit request: ${summary}${fields.length > 3 ? '; …' : ''}`, { fields });
    }
    const bad = unstorableText(parsed.request);
    if (bad !== undefined) {
      throw new DomainError('chatkit.request.invalid', `Invalid ChatKit request: ${bad}: contains a NUL character or an unpaired surrogate`, {
        fields: [{ field: bad, message: 'contains a NUL character or an unpaired surrogate' }],
      });
    }
    return parsed.request;
  }

  /** `workflow_id` from the query string or `metadata.workflow_id`. */
  private async resolveWorkflow(fromQuery: unknown, metadata: Record<string, unknown>): Promise<WorkflowEntity> {
    const fromMetadata = metadata.workflow_id;
    if (fromQuery !== undefined && typeof fromQuery !== 'string') {
      throw new DomainError('chatkit.request.invalid', 'workflow_id must be given once.', { fields: [{ field: 'workflow_id', message: 'Expected one string' }] });
    }
    if (fromMetadata !== undefined && fromMetadata !== null && typeof fromMetadata !== 'string') {
      throw new DomainError('chatkit.request.invalid', 'metadata.workflow_id must be a string.', { fields: [{ field: 'metadata.workflow_id', message: 'Expected string' }] });
    }
    if (fromQuery && fromMetadata && fromQuery !== fromMetadata) {
      throw new DomainError('chatkit.request.invalid', 'workflow_id in the query string and in metadata differ.', {
        fields: [{ field: 'metadata.workflow_id', message: 'differs from the workflow_id query parameter' }],
      });
    }
    const id = fromQuery || fromMetadata;
    if (!id) throw new DomainError('chatkit.workflow_id.missing', 'Name the workflow: add ?workflow_id=<id> or metadata.workflow_id.');
    if (!UUID.test(id)) throw DomainError.notFound('workflow.not_found', 'Workflow');
    // Cached for a moment (WORKFLOW_CACHE_TTL_MS; dropped at once when changed through this instance).
    const workflow = await this.workflows.getEntityCached(id);
    requestContext.assign({ workflowId: workflow.id });
    return workflow;
  }

  // ---------------------------------------------------------------------------
  // streaming operations: validate and persist what precedes the stream, then run
  // ---------------------------------------------------------------------------

  private async prepare(request: StreamingChatKitRequest, call: Call): Promise<StreamJob | 'not_a_widget'> {
    switch (request.type) {
      case 'threads.create': {
        const thread: ThreadMetadata = { id: newChatkitId('thread'), created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} };
        const message = await this.buildUserMessage(request.params.input, thread.id, call.scope);
        if (message.attachments.length) {
          await this.store.transaction(async (em) => {
            await this.store.insertThread(thread, call.scope, em);
            await this.store.bindAttachments(message.attachments.map((a) => a.id), thread.id, em);
            await this.store.insertItem(thread.id, message, em);
          });
        } else {
          await this.store.createThreadWithItem(thread, call.scope, message);
        }
        const created: ThreadStreamEvent = { type: 'thread.created', thread: wireThread(thread) };
        // The new thread holds only the message: that is the history.
        return this.job(call, thread, [created, { type: 'thread.item.done', item: message }], message, (run) => this.executor.respond(run, message), [message]);
      }
      case 'threads.add_user_message': {
        if (!request.params.input.attachments.length) {
          // One statement: scoped thread look-up, active check, insert and history.
          const message = await this.buildUserMessage(request.params.input, request.params.thread_id, call.scope);
          const { thread, history } = await this.store.appendToActiveThread(request.params.thread_id, call.scope, message, Math.max(0, this.config.historyItems - 1));
          history.push(message);
          return this.job(call, thread, [{ type: 'thread.item.done', item: message }], message, (run) => this.executor.respond(run, message), history);
        }
        const thread = await this.activeThread(request.params.thread_id, call.scope);
        const message = await this.buildUserMessage(request.params.input, thread.id, call.scope);
        await this.store.transaction(async (em) => {
          await this.store.bindAttachments(message.attachments.map((a) => a.id), thread.id, em);
          await this.store.insertItem(thread.id, message, em);
        });
        return this.job(call, thread, [{ type: 'thread.item.done', item: message }], message, (run) => this.executor.respond(run, message));
      }
      case 'threads.add_client_tool_output': {
        const thread = await this.activeThread(request.params.thread_id, call.scope);
        const [newest] = (await this.store.loadItems(thread.id, { limit: 1, order: 'desc' })).data;
        if (!newest || newest.type !== 'client_tool_call' || newest.status !== 'pending') {
          throw new DomainError('chatkit.item.not_pending', 'The thread is not waiting for a client tool result: its newest item is not a pending client tool call.');
        }
        await this.store.saveItem(thread.id, { ...newest, output: request.params.result, status: 'completed' });
        // As the reference: drop any other client tool call left pending among the last items.
        for (const item of (await this.store.loadItems(thread.id, { limit: DEFAULT_PAGE_SIZE, order: 'desc' })).data) {
          if (item.type === 'client_tool_call' && item.status === 'pending') {
            this.logger.warn({ thread_id: thread.id, item_id: item.id }, 'Client tool call was never completed; removed');
            await this.store.deleteItem(thread.id, item.id);
          }
        }
        return this.job(call, thread, [], null, (run) => this.executor.respond(run, null));
      }
      case 'threads.add_structured_input': {
        const thread = await this.activeThread(request.params.thread_id, call.scope);
        const item = await this.store.loadItem(thread.id, request.params.item_id);
        if (item.type !== 'structured_input') throw new DomainError('chatkit.item.wrong_type', `Item ${item.id} is not a structured input (it is ${item.type}).`);
        if (item.status !== 'pending') throw new DomainError('chatkit.item.not_pending', `Structured input ${item.id} was already ${item.status}.`);
        const answered = this.answerStructuredInput(item, request.params.input);
        await this.store.saveItem(thread.id, answered);
        const job = await this.job(call, thread, [], null, (run) => this.executor.respond(run, null));
        job.lead = [{ type: 'thread.item.replaced', item: answered }];
        return job;
      }
      case 'threads.retry_after_item': {
        const thread = await this.activeThread(request.params.thread_id, call.scope);
        const item = await this.store.loadItem(thread.id, request.params.item_id);
        if (item.type !== 'user_message') throw new DomainError('chatkit.item.wrong_type', `Item ${item.id} is not a user message (it is ${item.type}).`);
        // As the reference: everything after the message goes, without thread.item.removed events.
        await this.store.deleteItemsAfter(thread.id, item.id);
        return this.job(call, thread, [], item, (run) => this.executor.respond(run, item));
      }
      case 'threads.custom_action': {
        const thread = await this.store.loadThread(request.params.thread_id, call.scope);
        const sender = request.params.item_id === undefined ? null : await this.store.loadItem(thread.id, request.params.item_id);
        if (sender && sender.type !== 'widget') return 'not_a_widget';
        const action = request.params.action;
        return this.job(call, thread, [], null, (run) => this.executor.action(run, action, sender as WidgetItem | null));
      }
    }
  }

  private async job(
    call: Call,
    thread: ThreadMetadata,
    preface: ThreadStreamEvent[],
    input: UserMessageItem | null,
    produce: StreamJob['produce'],
    history?: ThreadItem[],
  ): Promise<StreamJob> {
    return { scope: call.scope, run: await this.runContext(call, thread, history), preface, input, produce };
  }

  /** `history`: the thread's newest items when the caller already has them (as stored when the run starts). */
  private async runContext(call: Call, thread: ThreadMetadata, history?: ThreadItem[]): Promise<Omit<RunContext, 'signal'>> {
    return {
      workflow: call.workflow,
      thread,
      owner: call.owner,
      history: history ?? (await this.store.recentItems(thread.id, this.config.historyItems)),
      newItemId: (kind) => newChatkitId(kind),
    };
  }

  /** A custom action whose sender is not a widget: one `error` event, as the reference. */
  private refuseAction(res: Response): void {
    const sse = new SseStream(res);
    sse.open();
    sse.send(wireEvent({ type: 'error', code: 'stream.error', allow_retry: false }));
    sse.end();
  }

  private async activeThread(id: string, scope: ThreadScope): Promise<ThreadMetadata> {
    const thread = await this.store.loadThread(id, scope);
    assertActive(thread);
    return thread;
  }

  /** The reference's `_build_user_message_item`: attachment ids become stored Attachment objects with the thread id. */
  private async buildUserMessage(input: UserMessageInput, threadId: string, scope: ThreadScope): Promise<UserMessageItem> {
    const attachments: Attachment[] = await this.attachments.resolveForMessage(input.attachments, scope, threadId);
    const message: UserMessageItem = {
      id: newChatkitId('message'),
      thread_id: threadId,
      created_at: new Date().toISOString(),
      type: 'user_message',
      content: input.content,
      attachments,
      inference_options: input.inference_options,
    };
    if (input.quoted_text !== undefined) message.quoted_text = input.quoted_text;
    return message;
  }

  /** The reference's `_apply_structured_input_submission`. */
  private answerStructuredInput(item: StructuredInputItem, submission: StructuredInputSubmission): StructuredInputItem {
    const updated = structuredClone(item);
    const known = new Set(updated.inputs.map((q) => q.id));
    const unknown = Object.keys(submission.answers).filter((id) => !known.has(id));
    if (unknown.length) this.logger.warn({ item_id: item.id, unknown_ids: unknown.slice(0, 20) }, 'Structured input answers for unknown questions ignored');
    for (const question of updated.inputs) {
      const answer = Object.prototype.hasOwnProperty.call(submission.answers, question.id) ? submission.answers[question.id] : undefined;
      if (submission.status === 'skipped' || !answer || answer.skipped || !answer.values.length) {
        question.answer = { values: [], skipped: true };
        continue;
      }
      const values = question.type === 'multiple_choice' && !question.multiple ? answer.values.slice(0, 1) : answer.values;
      question.answer = { values, skipped: false };
    }
    updated.status = submission.status;
    return updated;
  }

  // ---------------------------------------------------------------------------
  // JSON operations
  // ---------------------------------------------------------------------------

  private async answer(request: NonStreamingChatKitRequest, call: Call, res: Response): Promise<unknown> {
    const scope = call.scope;
    switch (request.type) {
      case 'threads.get_by_id': {
        const thread = await this.store.loadThread(request.params.thread_id, scope);
        const items = await this.store.loadItems(thread.id, { limit: DEFAULT_PAGE_SIZE, order: 'asc' });
        return wireThread(thread, items);
      }
      case 'threads.list': {
        const page = await this.store.listThreads(scope, this.pageQuery(request.params));
        const out: ChatKitPage<unknown> = { data: page.data.map((t) => wireThread(t)), has_more: page.has_more };
        if (page.after !== undefined) out.after = page.after;
        return out;
      }
      case 'threads.update': {
        const thread = await this.store.loadThread(request.params.thread_id, scope);
        thread.title = request.params.title;
        await this.store.saveThread(thread, scope);
        return wireThread(thread);
      }
      case 'threads.delete':
        await this.store.deleteThread(request.params.thread_id, scope);
        return {};
      case 'items.list': {
        const thread = await this.store.loadThread(request.params.thread_id, scope);
        return wirePage(await this.store.loadItems(thread.id, this.pageQuery(request.params)));
      }
      case 'items.feedback':
        await this.feedback(request, call);
        return {};
      case 'attachments.create':
        return this.attachments.create(request.params, scope);
      case 'attachments.delete':
        await this.attachments.delete(request.params.attachment_id, scope);
        return {};
      case 'input.transcribe':
        throw new DomainError('chatkit.transcribe.not_supported', 'Dictation is not supported by this server; type your message instead.');
      case 'threads.sync_custom_action':
        return this.syncAction(request, call, res);
    }
  }

  private pageQuery(params: { limit?: number; order: 'asc' | 'desc'; after?: string }): PageQuery {
    const limit = params.limit && params.limit > 0 ? Math.min(params.limit, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return { limit, order: params.order, ...(params.after !== undefined ? { after: params.after } : {}) };
  }

  private async feedback(request: ChatKitRequestOf<'items.feedback'>, call: Call): Promise<void> {
    const thread = await this.store.loadThread(request.params.thread_id, call.scope);
    const ids = [...new Set(request.params.item_ids)];
    const existing = await this.store.existingItemIds(thread.id, ids);
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length) throw new DomainError('chatkit.item.not_found', `Item ${missing[0]} was not found.`, { item_ids: missing.slice(0, 50) });
    await this.store.upsertFeedback(thread.id, ids, call.owner.key, request.params.kind);
  }

  /** `threads.sync_custom_action`: the executor's `syncAction`; `updated_item` is saved if it is an item of the thread. */
  private async syncAction(request: ChatKitRequestOf<'threads.sync_custom_action'>, call: Call, res: Response): Promise<unknown> {
    const thread = await this.store.loadThread(request.params.thread_id, call.scope);
    const sender = request.params.item_id === undefined ? null : await this.store.loadItem(thread.id, request.params.item_id);
    if (sender && sender.type !== 'widget') throw new DomainError('chatkit.item.wrong_type', `Item ${sender.id} is not a widget (it is ${sender.type}).`);

    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    const before = JSON.stringify([thread.title ?? null, thread.status, thread.allowed_image_domains ?? null, thread.metadata]);
    try {
      const run: RunContext = { ...(await this.runContext(call, thread)), signal: controller.signal };
      const result = await this.executor.syncAction(run, request.params.action, sender);
      if (JSON.stringify([thread.title ?? null, thread.status, thread.allowed_image_domains ?? null, thread.metadata]) !== before) {
        await this.store.saveThread(thread, call.scope);
      }
      if (!result.updated_item) return {};
      const updated: ThreadItem = { ...result.updated_item, thread_id: thread.id };
      if (!(await this.store.updateExistingItem(thread.id, updated))) {
        this.logger.warn({ thread_id: thread.id, item_id: updated.id }, 'sync action returned an item that is not in the thread; not saved');
      }
      return withoutNulls({ updated_item: wireItem(updated) });
    } finally {
      res.off('close', onClose);
    }
  }
}
