/**
 * `<atrium-chat>`: a ChatKit-compatible chat UI as a plain custom element with Shadow
 * DOM. Options, methods and DOM events mirror ChatKit.js (`<openai-chatkit>`); it talks
 * to a self-hosted ChatKit endpoint (chatkit-protocol.md) through ChatKitClient, keeps
 * the thread in a ThreadStore and renders with the modules in render/.
 */
import type {
  Action,
  ActionConfig,
  Attachment,
  ClientToolCallItem,
  NoticeEvent,
  ProgressUpdateEvent,
  StreamingChatKitRequest,
  StructuredInputItem,
  StructuredInputSubmission,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '../../protocol/src/index.js';
import { resolveActionConfig } from '../../widgets/src/actions.js';
import { ChatKitClient } from './api/client.js';
import { ChatKitError, errorFromStreamEvent, isAbortError, toChatKitError } from './api/errors.js';
import { createSessionFetch, type SessionFetch } from './api/session-fetch.js';
import { uploadBytes, type UploadHandle } from './api/uploads.js';
import { icon } from './icons.js';
import { FORWARDED_EVENTS, loadOpenAIChatKit, OPENAI_CHATKIT_SCRIPT_URL, toOpenAIOptions, type OpenAIChatKitElement } from './openai-renderer.js';
import { applyTheme, disclaimerView, errorView, type ErrorViewState, headerActionButton, noticeView, progressView, skeleton, startScreen } from './render/chrome.js';
import { Composer } from './render/composer.js';
import { clear, h } from './render/dom.js';
import { collectFields, fieldValue, mergeFormValues } from './state/forms.js';
import { HistoryPanel } from './render/history.js';
import { markdownToText, renderMarkdown } from './render/markdown.js';
import { assistantText, type FeedbackKind, type ItemContext, renderItem } from './render/messages.js';
import { patchWidgetText, type ActionSource, type WidgetContext } from './render/widgets.js';
import { type Change, ThreadStore } from './state/store.js';
import { STYLES } from './styles.js';
import type {
  AtriumChatEventMap,
  AtriumChatEventName,
  AtriumChatOptions,
  CustomApiConfig,
  SendUserMessageParams,
  SetComposerValueParams,
  StartScreenPrompt,
} from './types.js';

type StreamType = StreamingChatKitRequest['type'];

/** Book-keeping for one streaming request. */
interface Run {
  type: StreamType;
  params: Record<string, unknown>;
  /** Optimistic user message not yet confirmed by `thread.item.done`. */
  optimisticId?: string;
  /** The confirmed user message that started this turn. */
  userItemId?: string;
  streamError?: ChatKitError;
  toolCall?: ClientToolCallItem;
}

const OLDER_PAGE = 30;
let sheet: CSSStyleSheet | undefined;

export class AtriumChatElement extends HTMLElement {
  /** `createSessionFetch` for classic-script hosts (no other global is defined). */
  static createSessionFetch = createSessionFetch;

  #opts: AtriumChatOptions | null = null;
  readonly #shadow: ShadowRoot;
  readonly #root: HTMLElement;
  readonly #header: HTMLElement;
  readonly #titleEl: HTMLElement;
  readonly #historyBtn: HTMLButtonElement;
  readonly #threadEl: HTMLElement;
  readonly #itemsEl: HTMLElement;
  readonly #olderEl: HTMLElement;
  readonly #startEl: HTMLElement;
  readonly #transientEl: HTMLElement;
  readonly #disclaimerEl: HTMLElement;
  readonly #liveEl: HTMLElement;
  readonly #composer: Composer;
  readonly #history: HistoryPanel;
  readonly #store = new ThreadStore();
  readonly #client = new ChatKitClient(() => {
    const api = this.#customApi();
    return { url: api.url, fetch: api.fetch, workflowId: this.#opts?.workflowId, locale: this.#opts?.locale };
  });
  readonly #itemEls = new Map<string, HTMLElement>();
  readonly #local = new Map<string, { state: 'sending' | 'failed'; input: UserMessageInput }>();
  readonly #feedbackGiven = new Map<string, FeedbackKind>();
  /** Items that arrived during this session (autoFocus allowed). */
  readonly #liveIds = new Set<string>();
  readonly #dirty = new Set<string>();
  #frame = 0;
  #stream: { ctrl: AbortController; allowCancel: boolean } | null = null;
  #progress: ProgressUpdateEvent | null = null;
  #notices: NoticeEvent[] = [];
  #errorState: ErrorViewState | null = null;
  #errorTimer = 0;
  #loading = false;
  #loadGen = 0;
  #started = false;
  #readyFired = false;
  #scheme: 'light' | 'dark' = 'light';
  #mode: 'builtin' | 'pending' | 'openai' = 'builtin';
  #openaiEl: OpenAIChatKitElement | null = null;
  #olderObserver: IntersectionObserver | undefined;
  #localSeq = 0;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in Document.prototype && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
      sheet ??= new CSSStyleSheet();
      if (sheet.cssRules.length === 0) sheet.replaceSync(STYLES);
      this.#shadow.adoptedStyleSheets = [sheet];
    } else {
      this.#shadow.appendChild(h('style', { text: STYLES }));
    }

    this.#titleEl = h('h1');
    this.#historyBtn = h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Show history', 'aria-expanded': 'false', title: 'History' }, on: { click: () => (this.#history.isOpen ? this.hideHistory() : this.showHistory()) } }, icon('history'));
    this.#header = h('header', { class: 'head' });
    this.#olderEl = h('div', { class: 'older', attrs: { hidden: true } });
    this.#itemsEl = h('ol', { class: 'items', attrs: { 'aria-label': 'Messages' } });
    this.#startEl = h('div');
    this.#transientEl = h('div', { class: 'transient' });
    this.#threadEl = h('div', { class: 'thread', attrs: { role: 'region', 'aria-label': 'Conversation', tabindex: 0 } }, this.#startEl, this.#olderEl, this.#itemsEl, this.#transientEl);
    this.#composer = new Composer({
      submit: (input) => this.#submitFromComposer(input),
      stop: () => this.stopResponse(),
      upload: (file, onProgress) => this.#upload(file, onProgress),
      discard: (att) => void this.#client.json('attachments.delete', { attachment_id: att.id }).catch((e) => this.#log('attachment.delete_failed', { id: att.id, message: String(e) })),
    });
    this.#history = new HistoryPanel({
      client: () => this.#client,
      currentThreadId: () => this.#store.threadId,
      select: (id) => {
        this.hideHistory(false);
        void this.setThreadId(id).then(() => this.#composer.focus());
      },
      deleted: (id) => {
        if (id === this.#store.threadId) void this.setThreadId(null);
      },
      renamed: (t) => {
        if (t.id === this.#store.threadId) {
          this.#store.setThread(t);
          this.#renderHeader();
        }
      },
      error: (e) => this.#reportError(toChatKitError(e)),
      close: () => this.hideHistory(),
      showDelete: () => this.#opts?.history?.showDelete !== false,
      showRename: () => this.#opts?.history?.showRename !== false,
      locale: () => this.#opts?.locale,
    });
    this.#disclaimerEl = h('div', { class: 'disclaimer', attrs: { hidden: true } });
    this.#composer.el.appendChild(this.#disclaimerEl);
    this.#liveEl = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });
    this.#root = h('div', { class: 'root', attrs: { hidden: true } },
      this.#header, h('div', { class: 'body' }, this.#threadEl, this.#history.el), this.#composer.el, this.#liveEl);
    this.#shadow.appendChild(this.#root);
  }

  // ---------------------------------------------------------------------------
  // lifecycle and options
  // ---------------------------------------------------------------------------

  connectedCallback(): void {
    if (!this.#opts && this.getAttribute('api-url')) {
      this.setOptions({ api: { url: this.getAttribute('api-url') as string }, workflowId: this.getAttribute('workflow-id') ?? undefined });
      return;
    }
    this.#maybeStart();
  }

  /** The options last given to `setOptions` (replaced, never merged). */
  get options(): AtriumChatOptions | null {
    return this.#opts;
  }

  setOptions(options: AtriumChatOptions): void {
    if (!options || typeof options !== 'object' || !options.api) throw new TypeError('setOptions: `api` is required');
    const first = this.#opts === null;
    this.#opts = options;
    if (this.#mode === 'openai') {
      this.#openaiEl?.setOptions(toOpenAIOptions(options));
      return;
    }
    if (first && options.renderer === 'openai') {
      this.#mountOpenAI(options);
      return;
    }
    if (!('url' in options.api)) {
      this.#reportError(new ChatKitError('client', 'config', 'The built-in renderer needs `api.url` (hosted mode requires renderer: "openai").'));
    }
    this.#applyOptions();
    this.#maybeStart();
  }

  #customApi(): CustomApiConfig {
    const api = this.#opts?.api;
    if (!api || !('url' in api)) throw new ChatKitError('client', 'config', 'No api.url configured.');
    return api;
  }

  #applyOptions(): void {
    const o = this.#opts as AtriumChatOptions;
    this.#scheme = applyTheme(this.#root, o.theme);
    if (o.frameTitle) this.#root.setAttribute('aria-label', o.frameTitle);
    this.#composer.configure({ placeholder: o.composer?.placeholder, attachments: o.composer?.attachments });
    disclaimerView(this.#disclaimerEl, o, this.#md);
    this.#renderHeader();
    this.#renderStart();
    // Scheme and item actions affect every item.
    for (const id of this.#itemEls.keys()) this.#dirty.add(id);
    this.#flush();
  }

  #maybeStart(): void {
    if (this.#started || !this.#opts || !this.isConnected || this.#mode !== 'builtin') return;
    this.#started = true;
    this.#root.hidden = false;
    const initial = this.#opts.initialThread;
    if (initial) void this.setThreadId(initial);
    else this.#renderAll();
    if (!this.#readyFired) {
      this.#readyFired = true;
      queueMicrotask(() => this.#emit('chatkit.ready', undefined));
    }
  }

  #mountOpenAI(options: AtriumChatOptions): void {
    this.#mode = 'pending';
    const url = options.openaiScriptUrl ?? OPENAI_CHATKIT_SCRIPT_URL;
    loadOpenAIChatKit(url).then(
      () => {
        const el = document.createElement('openai-chatkit') as OpenAIChatKitElement;
        el.style.display = 'block';
        el.style.height = '100%';
        for (const name of FORWARDED_EVENTS) {
          el.addEventListener(name, (e) => {
            e.stopPropagation();
            this.dispatchEvent(new CustomEvent(name, { detail: (e as CustomEvent).detail, bubbles: true, composed: true }));
          });
        }
        this.#shadow.appendChild(el);
        this.#openaiEl = el;
        this.#mode = 'openai';
        el.setOptions(toOpenAIOptions(this.#opts as AtriumChatOptions));
        this.#log('renderer.openai', { scriptUrl: url });
      },
      (err: unknown) => {
        this.#mode = 'builtin';
        this.#log('renderer.fallback', { reason: err instanceof Error ? err.message : String(err), scriptUrl: url });
        this.#applyOptions();
        this.#maybeStart();
      },
    );
  }

  /** `renderer: "openai"`: methods go to `<openai-chatkit>` (and fail while ChatKit.js loads). */
  #delegate(method: string, args: unknown[]): unknown {
    if (this.#mode === 'pending') throw new ChatKitError('client', 'busy', 'ChatKit.js is still loading.');
    const fn = this.#openaiEl?.[method];
    if (typeof fn !== 'function') throw new Error(`<openai-chatkit> has no ${method}()`);
    return (fn as (...a: unknown[]) => unknown).apply(this.#openaiEl, args);
  }

  // ---------------------------------------------------------------------------
  // events
  // ---------------------------------------------------------------------------

  #emit<K extends AtriumChatEventName>(name: K, detail: AtriumChatEventMap[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #log(name: string, data?: Record<string, unknown>): void {
    this.#emit('chatkit.log', { name, data });
  }

  #reportError(error: Error): void {
    this.#emit('chatkit.error', { error });
  }

  #announce(text: string): void {
    const t = text.length > 1200 ? `${text.slice(0, 1200)}…` : text;
    this.#liveEl.textContent = '';
    requestAnimationFrame(() => (this.#liveEl.textContent = t));
  }

  readonly #md = (value: string): DocumentFragment => renderMarkdown(value, { allowedImageDomains: this.#store.thread?.allowed_image_domains });

  // ---------------------------------------------------------------------------
  // public methods (ChatKit.js)
  // ---------------------------------------------------------------------------

  focusComposer(): void {
    if (this.#mode !== 'builtin') return void this.#delegate('focusComposer', []);
    this.#composer.focus();
  }

  async setThreadId(threadId: string | null): Promise<void> {
    if (this.#mode !== 'builtin') return void (await this.#delegate('setThreadId', [threadId]));
    if (this.#stream) this.stopResponse();
    this.#clearError();
    this.#notices = [];
    this.#progress = null;
    const gen = ++this.#loadGen;
    if (threadId === null) {
      const changed = this.#store.threadId !== null;
      this.#store.reset(null);
      this.#loading = false;
      this.#renderAll();
      if (changed) this.#emit('chatkit.thread.change', { threadId: null });
      return;
    }
    await this.#loadThread(threadId, gen, false);
  }

  /** Re-reads the current thread (changes made outside this element). */
  async fetchUpdates(): Promise<void> {
    if (this.#mode !== 'builtin') return void (await this.#delegate('fetchUpdates', []));
    const id = this.#store.threadId;
    if (!id) return;
    if (this.#stream) throw new ChatKitError('client', 'busy', 'A response is streaming.');
    await this.#loadThread(id, ++this.#loadGen, true);
  }

  async #loadThread(threadId: string, gen: number, quiet: boolean): Promise<void> {
    const previous = this.#store.threadId;
    this.#loading = true;
    if (!quiet) this.#renderAll();
    this.#emit('chatkit.thread.load.start', { threadId });
    try {
      const thread = await this.#client.json('threads.get_by_id', { thread_id: threadId });
      let items = thread.items?.data ?? [];
      let older: { after?: string; hasMore: boolean } = { hasMore: false };
      if (thread.items?.has_more) {
        // The reference answers the oldest page; show the newest and page backwards on scroll.
        const page = await this.#client.json('items.list', { thread_id: threadId, order: 'desc', limit: OLDER_PAGE });
        items = [...page.data].reverse();
        older = { after: page.after ?? page.data[page.data.length - 1]?.id, hasMore: page.has_more };
      }
      if (gen !== this.#loadGen) return;
      this.#local.clear();
      this.#store.reset(thread, items);
      this.#store.olderCursor = older.after;
      this.#store.hasOlder = older.hasMore && !!older.after;
      this.#loading = false;
      this.#renderAll();
      this.#scrollToBottom();
      if (previous !== threadId) this.#emit('chatkit.thread.change', { threadId });
    } catch (e) {
      if (gen !== this.#loadGen) return;
      this.#loading = false;
      const err = toChatKitError(e);
      if (!quiet) this.#store.reset(null);
      this.#renderAll();
      this.#showError(err, () => void this.setThreadId(threadId));
      this.#reportError(err);
    } finally {
      this.#emit('chatkit.thread.load.end', { threadId });
    }
  }

  async sendUserMessage(params: SendUserMessageParams): Promise<void> {
    if (this.#mode !== 'builtin') return void (await this.#delegate('sendUserMessage', [params]));
    if (this.#loading) throw new ChatKitError('client', 'busy', 'A thread is loading.');
    if (this.#stream) throw new ChatKitError('client', 'busy', 'A response is streaming.');
    const content = params.content ?? (params.text !== undefined ? [{ type: 'input_text' as const, text: params.text }] : []);
    const objects = (params.attachments ?? []).filter((a): a is Attachment => typeof a === 'object');
    const input: UserMessageInput = {
      content,
      attachments: (params.attachments ?? []).map((a) => (typeof a === 'string' ? a : a.id)),
      ...(params.reply ? { quoted_text: params.reply } : {}),
      inference_options: { ...(params.toolChoice ? { tool_choice: { id: params.toolChoice } } : {}), ...(params.model ? { model: params.model } : {}) },
    };
    await this.#send(input, objects, params.newThread === true);
  }

  setComposerValue(params: SetComposerValueParams): void {
    if (this.#mode !== 'builtin') return void this.#delegate('setComposerValue', [params]);
    const text = params.text ?? params.content?.map((c) => (c.type === 'input_text' ? c.text : `@${c.text}`)).join('');
    this.#composer.setValue({ text, reply: params.reply, attachments: params.attachments, files: params.files });
  }

  async sendCustomAction(action: Action, itemId?: string): Promise<void> {
    if (this.#mode !== 'builtin') return void (await this.#delegate('sendCustomAction', [action, itemId]));
    const threadId = this.#store.threadId;
    if (!threadId) throw new ChatKitError('client', 'no_thread', 'There is no thread to send the action to.');
    if (this.#stream) throw new ChatKitError('client', 'busy', 'A response is streaming.');
    await this.#runStream({ type: 'threads.custom_action', params: { thread_id: threadId, ...(itemId ? { item_id: itemId } : {}), action } });
  }

  showHistory(): void {
    if (this.#mode !== 'builtin') return void this.#delegate('showHistory', []);
    if (this.#history.isOpen) return;
    this.#history.open();
    this.#historyBtn.setAttribute('aria-expanded', 'true');
    this.#emit('chatkit.history.open', undefined);
    requestAnimationFrame(() => this.#history.focusFirst());
  }

  hideHistory(restoreFocus = true): void {
    if (this.#mode !== 'builtin') return void this.#delegate('hideHistory', []);
    if (!this.#history.isOpen) return;
    this.#history.close();
    this.#historyBtn.setAttribute('aria-expanded', 'false');
    this.#emit('chatkit.history.close', undefined);
    if (restoreFocus) this.#historyBtn.focus();
  }

  // ---------------------------------------------------------------------------
  // sending and streaming
  // ---------------------------------------------------------------------------

  #submitFromComposer(input: { text: string; attachments: Attachment[]; reply?: string }): boolean {
    if (this.#stream || this.#loading || this.#mode !== 'builtin') return false;
    void this.#send(
      {
        content: input.text ? [{ type: 'input_text', text: input.text }] : [],
        attachments: input.attachments.map((a) => a.id),
        ...(input.reply ? { quoted_text: input.reply } : {}),
        inference_options: {},
      },
      input.attachments,
      false,
    );
    return true;
  }

  async #send(input: UserMessageInput, attachments: Attachment[], newThread: boolean): Promise<void> {
    if (newThread && this.#store.threadId) await this.setThreadId(null);
    this.hideHistory(false);
    const id = `local_${++this.#localSeq}`;
    const optimistic: UserMessageItem = {
      type: 'user_message',
      id,
      thread_id: this.#store.threadId ?? '',
      created_at: new Date().toISOString(),
      content: input.content,
      attachments,
      ...(input.quoted_text ? { quoted_text: input.quoted_text } : {}),
      inference_options: input.inference_options,
    };
    this.#local.set(id, { state: 'sending', input });
    this.#store.upsert(optimistic);
    this.#renderStart();
    this.#renderItemNow(id);
    this.#scrollToBottom();
    const threadId = this.#store.threadId;
    await this.#runStream({
      type: threadId ? 'threads.add_user_message' : 'threads.create',
      params: threadId ? { thread_id: threadId, input } : { input },
      optimisticId: id,
    });
  }

  /** Re-sends a message that never reached the server ("Not sent · Retry"). */
  #resend(item: UserMessageItem): void {
    const entry = this.#local.get(item.id);
    if (!entry || this.#stream) return;
    this.#local.delete(item.id);
    this.#store.remove(item.id);
    this.#itemEls.get(item.id)?.remove();
    this.#itemEls.delete(item.id);
    this.#clearError();
    void this.#send(entry.input, item.attachments, false);
  }

  #retryAfter(userItemId: string): void {
    const threadId = this.#store.threadId;
    if (!threadId || this.#stream) return;
    for (const gone of this.#store.removeAfter(userItemId)) {
      this.#itemEls.get(gone)?.remove();
      this.#itemEls.delete(gone);
    }
    void this.#runStream({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: userItemId }, userItemId });
  }

  stopResponse(): void {
    this.#stream?.ctrl.abort();
  }

  async #runStream(run: Run): Promise<void> {
    if (this.#stream) throw new ChatKitError('client', 'busy', 'A response is streaming.');
    const ctrl = new AbortController();
    this.#stream = { ctrl, allowCancel: false };
    this.#clearError();
    this.#progress = null;
    this.#composer.setStreaming(true, false);
    this.#itemsEl.setAttribute('aria-busy', 'true');
    this.#renderTransient();
    this.#emit('chatkit.response.start', undefined);
    let failure: ChatKitError | null = null;
    let cancelled = false;
    try {
      await this.#client.stream(
        run.type,
        run.params as never,
        (ev) => {
          try {
            this.#handleEvent(ev, run);
          } catch (e) {
            console.error('atrium-chat: failed to apply event', ev.type, e);
          }
        },
        ctrl.signal,
        (data) => this.#log('stream.unreadable_event', { data: data.slice(0, 200) }),
      );
    } catch (e) {
      if (isAbortError(e) || ctrl.signal.aborted) cancelled = true;
      else failure = toChatKitError(e);
    } finally {
      this.#stream = null;
      this.#progress = null;
      for (const id of this.#store.settle()) this.#dirty.add(id);
      this.#composer.setStreaming(false, false);
      this.#itemsEl.removeAttribute('aria-busy');
    }
    if (cancelled) this.#log('response.cancelled', { type: run.type });
    if (run.optimisticId) {
      // The server never confirmed the message: keep it, marked "Not sent", with retry.
      const entry = this.#local.get(run.optimisticId);
      if (entry) entry.state = 'failed';
      this.#dirty.add(run.optimisticId);
      if (!failure && !cancelled && !run.streamError) failure = new ChatKitError('network', 'stream.empty', 'The response ended before the message was saved.', { allowRetry: true });
    }
    this.#flush();
    const err = failure ?? run.streamError ?? null;
    if (err) {
      this.#showError(err, this.#retryFor(run, err));
      this.#reportError(err);
    }
    this.#renderTransient();
    this.#emit('chatkit.response.end', undefined);
    if (run.toolCall && !failure && !cancelled) await this.#runClientTool(run.toolCall);
  }

  #retryFor(run: Run, err: ChatKitError): (() => void) | undefined {
    if (err.kind !== 'network' && !err.extra.allowRetry) return undefined;
    if (run.optimisticId) {
      const id = run.optimisticId;
      return () => {
        const item = this.#store.get(id);
        if (item?.type === 'user_message') this.#resend(item);
      };
    }
    const user = run.userItemId ?? (run.type === 'threads.add_user_message' || run.type === 'threads.create' ? this.#store.lastUserMessageId() : undefined);
    if (user && this.#store.has(user)) return () => this.#retryAfter(user);
    return () => void this.#runStream({ type: run.type, params: run.params }).catch(() => {});
  }

  #handleEvent(ev: ThreadStreamEvent, run: Run): void {
    switch (ev.type) {
      case 'thread.created':
      case 'thread.updated': {
        const previous = this.#store.threadId;
        this.#store.setThread(ev.thread);
        this.#renderHeader();
        this.#composer.setThreadStatus(ev.thread.status);
        if (previous !== ev.thread.id) this.#emit('chatkit.thread.change', { threadId: ev.thread.id });
        break;
      }
      case 'thread.item.added':
      case 'thread.item.done':
      case 'thread.item.replaced': {
        const item = ev.item;
        if (item.type === 'user_message' && run.optimisticId && ev.type === 'thread.item.done') {
          const old = run.optimisticId;
          this.#store.swap(old, item);
          this.#local.delete(old);
          const el = this.#itemEls.get(old);
          this.#itemEls.delete(old);
          if (el) this.#itemEls.set(item.id, el);
          run.optimisticId = undefined;
          run.userItemId = item.id;
        } else {
          const streaming = ev.type === 'thread.item.added' || (ev.type === 'thread.item.replaced' && this.#store.pending.has(item.id));
          if (!this.#store.upsert(item, streaming)) break;
        }
        if (ev.type !== 'thread.item.replaced') this.#liveIds.add(item.id);
        if (ev.type === 'thread.item.done' && item.type === 'assistant_message') this.#announce(markdownToText(assistantText(item)));
        if (ev.type === 'thread.item.done' && item.type === 'client_tool_call' && item.status === 'pending') run.toolCall = item;
        if (ev.type !== 'thread.item.replaced') this.#progress = null;
        this.#schedule(item.id);
        this.#renderTransient();
        break;
      }
      case 'thread.item.updated':
        this.#applyChange(this.#store.applyUpdate(ev.item_id, ev.update));
        break;
      case 'thread.item.removed':
        this.#applyChange(this.#store.remove(ev.item_id));
        break;
      case 'stream_options':
        if (this.#stream) this.#stream.allowCancel = ev.stream_options?.allow_cancel === true;
        this.#composer.setStreaming(true, this.#stream?.allowCancel ?? false);
        break;
      case 'progress_update':
        this.#progress = ev;
        this.#renderTransient();
        break;
      case 'client_effect':
        this.#emit('chatkit.effect', { name: ev.name, data: ev.data ?? {} });
        break;
      case 'notice':
        this.#notices.push(ev);
        this.#renderTransient();
        break;
      case 'error':
        run.streamError = errorFromStreamEvent(ev);
        break;
      default:
        this.#log('stream.unknown_event', { type: (ev as { type: string }).type });
    }
  }

  #applyChange(change: Change | null): void {
    if (!change) return;
    if (change.kind === 'removed') {
      this.#itemEls.get(change.id)?.remove();
      this.#itemEls.delete(change.id);
    } else if (change.kind === 'widget-text') {
      const el = this.#itemEls.get(change.id);
      const keepBottom = this.#atBottom();
      if (!el || !patchWidgetText(el, change.componentId, change.value, change.markdown, this.#md)) this.#schedule(change.id);
      else if (keepBottom) this.#scrollToBottom();
    } else if (change.kind === 'item') this.#schedule(change.id);
  }

  // ---------------------------------------------------------------------------
  // client tools, structured input, feedback, actions, uploads
  // ---------------------------------------------------------------------------

  async #runClientTool(call: ClientToolCallItem): Promise<void> {
    const threadId = this.#store.threadId;
    if (!threadId) return;
    let result: unknown;
    const handler = this.#opts?.onClientTool;
    if (!handler) {
      this.#log('client_tool.unhandled', { name: call.name });
      result = { error: `No client tool handler is configured for ${call.name}.` };
    } else {
      try {
        result = (await handler({ name: call.name, params: call.arguments ?? {} })) ?? {};
      } catch (e) {
        const err = toChatKitError(e);
        this.#reportError(err);
        result = { error: err.message || 'The client tool failed.' };
      }
    }
    const item = this.#store.get(call.id);
    if (item?.type === 'client_tool_call') {
      item.status = 'completed';
      item.output = result;
      this.#schedule(item.id);
    }
    if (this.#store.threadId !== threadId) return;
    await this.#runStream({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } });
  }

  #onStructuredInput(item: StructuredInputItem, input: StructuredInputSubmission): void {
    const threadId = this.#store.threadId;
    if (!threadId || this.#stream) return;
    void this.#runStream({ type: 'threads.add_structured_input', params: { thread_id: threadId, item_id: item.id, input } });
  }

  async #onFeedback(itemId: string, kind: FeedbackKind): Promise<void> {
    const threadId = this.#store.threadId;
    if (!threadId || this.#feedbackGiven.has(itemId)) return;
    this.#feedbackGiven.set(itemId, kind);
    this.#renderItemNow(itemId);
    try {
      await this.#client.json('items.feedback', { thread_id: threadId, item_ids: [itemId], kind });
      this.#announce('Thanks for the feedback.');
    } catch (e) {
      this.#feedbackGiven.delete(itemId);
      this.#renderItemNow(itemId);
      this.#reportError(toChatKitError(e));
    }
  }

  async #onWidgetAction(itemId: string, action: ActionConfig, el: HTMLElement, source: ActionSource): Promise<void> {
    const item = this.#store.get(itemId);
    if (!item || item.type !== 'widget') return;
    const cfg = resolveActionConfig(action);
    const form = el.closest('form');
    let values = form ? collectFields(form) : {};
    const field = el as HTMLInputElement;
    if (!form && source === 'change' && field.name) values = { [field.name]: fieldValue(field) };
    const payload = mergeFormValues(cfg.payload, values);
    const act: Action = payload === undefined ? { type: cfg.type } : { type: cfg.type, payload };

    const behaviour = cfg.loadingBehavior === 'auto'
      ? source === 'change' ? 'none' : source === 'button' || source === 'item' ? 'self' : 'container'
      : cfg.loadingBehavior;
    const container = el.closest<HTMLElement>('.widget');
    const start = (): void => {
      if (behaviour === 'self') {
        el.setAttribute('aria-busy', 'true');
        if (el instanceof HTMLButtonElement) el.disabled = true;
      } else if (behaviour === 'container' && container) {
        container.classList.add('busy');
        container.setAttribute('aria-busy', 'true');
        container.inert = true;
      }
    };
    const end = (): void => {
      el.removeAttribute('aria-busy');
      if (el instanceof HTMLButtonElement) el.disabled = false;
      if (container) {
        container.classList.remove('busy');
        container.removeAttribute('aria-busy');
        container.inert = false;
      }
    };

    if (cfg.handler === 'client') {
      this.#emit('chatkit.widget.action', { action: act, item });
      const fn = this.#opts?.widgets?.onAction;
      if (!fn) return;
      start();
      try {
        await fn(act, item);
      } catch (e) {
        this.#reportError(toChatKitError(e));
      } finally {
        end();
      }
      return;
    }
    const threadId = this.#store.threadId;
    if (!threadId) return;
    if (!cfg.streaming) {
      start();
      try {
        const res = await this.#client.json('threads.sync_custom_action', { thread_id: threadId, item_id: itemId, action: act });
        if (res.updated_item) {
          this.#store.upsert(res.updated_item);
          this.#renderItemNow(res.updated_item.id);
        }
      } catch (e) {
        const err = toChatKitError(e);
        this.#showError(err, undefined);
        this.#reportError(err);
      } finally {
        end();
      }
      return;
    }
    if (this.#stream) {
      this.#log('action.blocked', { type: act.type, reason: 'A response is streaming.' });
      return;
    }
    start();
    try {
      await this.#runStream({ type: 'threads.custom_action', params: { thread_id: threadId, item_id: itemId, action: act } });
    } finally {
      end();
    }
  }

  async #uploadHeaders(target: string): Promise<Record<string, string>> {
    const api = this.#customApi();
    // Credentials only ever go to the API's own origin (never to a third-party upload URL).
    const same = new URL(target, document.baseURI).origin === new URL(api.url, document.baseURI).origin;
    if (!same) return {};
    if (api.uploadHeaders) return await api.uploadHeaders();
    const sessionFetch = api.fetch as SessionFetch | undefined;
    return typeof sessionFetch?.authHeaders === 'function' ? await sessionFetch.authHeaders() : {};
  }

  #upload(file: File, onProgress: (fraction: number) => void): { promise: Promise<Attachment>; abort(): void } {
    let handle: UploadHandle | undefined;
    let aborted = false;
    const abortError = (): DOMException => new DOMException('Upload cancelled', 'AbortError');
    const promise = (async (): Promise<Attachment> => {
      const api = this.#customApi();
      const strategy = api.uploadStrategy ?? { type: 'two_phase' as const };
      const sameOriginFetch = api.fetch;
      if (strategy.type === 'direct') {
        handle = uploadBytes({ url: strategy.uploadUrl, method: 'POST', headers: await this.#uploadHeaders(strategy.uploadUrl), file, onProgress, fallbackFetch: sameOriginFetch });
        const att = await handle.promise;
        if (!att) throw new ChatKitError('http', 'bad_response', 'The upload response was not an attachment.');
        return att;
      }
      const created = await this.#client.json('attachments.create', { name: file.name, size: file.size, mime_type: file.type || 'application/octet-stream' });
      if (aborted) {
        void this.#client.json('attachments.delete', { attachment_id: created.id }).catch(() => {});
        throw abortError();
      }
      const d = created.upload_descriptor;
      if (!d) return created;
      const own = new URL(d.url, document.baseURI).origin === new URL(api.url, document.baseURI).origin;
      handle = uploadBytes({
        url: d.url,
        method: d.method === 'PUT' ? 'PUT' : 'POST',
        headers: { ...(await this.#uploadHeaders(d.url)), ...(d.headers ?? {}) },
        file,
        onProgress,
        fallbackFetch: own ? sameOriginFetch : undefined,
      });
      const uploaded = await handle.promise;
      const { upload_descriptor: _d, ...rest } = uploaded ?? created;
      return rest as Attachment;
    })();
    return {
      promise,
      abort: () => {
        aborted = true;
        handle?.abort();
      },
    };
  }

  // ---------------------------------------------------------------------------
  // rendering
  // ---------------------------------------------------------------------------

  #renderHeader(): void {
    const o = this.#opts;
    clear(this.#header);
    if (!o || o.header?.enabled === false) {
      this.#header.hidden = true;
      return;
    }
    this.#header.hidden = false;
    const title = o.header?.title?.text ?? this.#store.thread?.title ?? 'New chat';
    this.#titleEl.textContent = title;
    this.#titleEl.hidden = o.header?.title?.enabled === false;
    const historyOn = o.history?.enabled !== false;
    this.#header.append(...[
      o.header?.leftAction ? headerActionButton(o.header.leftAction) : null,
      historyOn ? this.#historyBtn : null,
      this.#titleEl,
      h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'New chat', title: 'New chat' }, on: { click: () => void this.setThreadId(null).then(() => this.#composer.focus()) } }, icon('compose')),
      o.header?.rightAction ? headerActionButton(o.header.rightAction) : null,
    ].filter((x): x is HTMLElement => !!x));
  }

  #renderStart(): void {
    clear(this.#startEl);
    const show = !!this.#opts && !this.#loading && !this.#store.thread && this.#store.items.length === 0;
    if (this.#loading) this.#startEl.appendChild(skeleton());
    else if (show) this.#startEl.appendChild(startScreen(this.#opts as AtriumChatOptions, (p) => this.#onPrompt(p)));
  }

  #onPrompt(p: StartScreenPrompt): void {
    const params: SendUserMessageParams = typeof p.prompt === 'string' ? { text: p.prompt } : { content: p.prompt };
    this.sendUserMessage(params).catch((e) => this.#reportError(toChatKitError(e)));
  }

  #renderAll(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#dirty.clear();
    clear(this.#itemsEl);
    this.#itemEls.clear();
    for (const item of this.#store.items) this.#renderItemNow(item.id);
    this.#renderStart();
    this.#renderOlder();
    this.#renderHeader();
    this.#composer.setThreadStatus(this.#store.thread?.status);
    this.#renderTransient();
  }

  #renderOlder(): void {
    this.#olderObserver?.disconnect();
    clear(this.#olderEl);
    this.#olderEl.hidden = !this.#store.hasOlder || this.#loading;
    if (this.#olderEl.hidden) return;
    const btn = h('button', { class: 'btn v-ghost c-secondary', attrs: { type: 'button' }, text: 'Load earlier messages', on: { click: () => void this.#loadOlder() } });
    this.#olderEl.appendChild(btn);
    this.#olderObserver = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.#loadOlder();
    }, { root: this.#threadEl });
    this.#olderObserver.observe(this.#olderEl);
  }

  #olderLoading = false;

  async #loadOlder(): Promise<void> {
    const threadId = this.#store.threadId;
    if (!threadId || !this.#store.hasOlder || this.#olderLoading) return;
    this.#olderLoading = true;
    try {
      const page = await this.#client.json('items.list', { thread_id: threadId, order: 'desc', limit: OLDER_PAGE, after: this.#store.olderCursor });
      if (this.#store.threadId !== threadId) return;
      const before = this.#threadEl.scrollHeight;
      const top = this.#threadEl.scrollTop;
      this.#store.prepend([...page.data].reverse());
      this.#store.olderCursor = page.after ?? page.data[page.data.length - 1]?.id;
      this.#store.hasOlder = page.has_more && !!this.#store.olderCursor;
      this.#threadEl.style.overflowAnchor = 'none';
      for (const item of this.#store.items) if (!this.#itemEls.has(item.id)) this.#renderItemNow(item.id);
      this.#renderOlder();
      this.#threadEl.scrollTop = top + (this.#threadEl.scrollHeight - before);
      this.#threadEl.style.overflowAnchor = '';
    } catch (e) {
      this.#reportError(toChatKitError(e));
    } finally {
      this.#olderLoading = false;
    }
  }

  #renderTransient(): void {
    clear(this.#transientEl);
    const keep = this.#atBottom();
    for (const n of this.#notices) {
      this.#transientEl.appendChild(noticeView(n, this.#md, () => {
        this.#notices = this.#notices.filter((x) => x !== n);
        this.#renderTransient();
      }));
    }
    // A progress line is shown while nothing else indicates activity.
    if (this.#progress) this.#transientEl.appendChild(progressView(this.#progress));
    else if (this.#stream && this.#store.pending.size === 0) this.#transientEl.appendChild(h('div', { class: 'progress' }, h('span', { class: 'typing', attrs: { 'aria-label': 'Assistant is responding' } }, h('i'), h('i'), h('i'))));
    if (this.#errorState) {
      const view = errorView(this.#errorState, (s) => this.#rateLimitText(s));
      this.#transientEl.appendChild(view.el);
      clearInterval(this.#errorTimer);
      if (view.tick()) {
        this.#errorTimer = window.setInterval(() => {
          if (!view.el.isConnected || !view.tick()) clearInterval(this.#errorTimer);
        }, 1000);
      }
    }
    if (keep) this.#scrollToBottom();
  }

  #rateLimitText(seconds: number): string {
    if (seconds <= 0) return 'You were sending messages too quickly. You can try again now.';
    return `You’re sending messages too quickly. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  }

  #friendly(err: ChatKitError): string {
    if (err.status === 429) {
      return err.extra.retryAfterSeconds !== undefined ? this.#rateLimitText(err.extra.retryAfterSeconds) : 'You’re sending messages too quickly. Please wait a moment and try again.';
    }
    if (err.kind === 'network') return 'The connection was lost. Check your network and try again — your message is kept.';
    if (err.kind === 'stream') return err.code === 'custom' && err.message ? err.message : 'Something went wrong while generating the response.';
    if (err.status === 401) return 'Your session has expired. Sign in again to continue.';
    if (err.status === 403) return err.message || 'You don’t have access to this conversation.';
    if (err.status !== undefined && err.status >= 500) return 'The server ran into a problem. Please try again.';
    return err.message || 'Something went wrong.';
  }

  #showError(err: ChatKitError, retry: (() => void) | undefined): void {
    const retryAt = err.status === 429 && err.extra.retryAfterSeconds ? Date.now() + err.extra.retryAfterSeconds * 1000 : undefined;
    this.#errorState = {
      message: this.#friendly(err),
      reference: err.extra.requestId,
      retryAt,
      retry: retry
        ? () => {
            this.#clearError();
            retry();
            this.#composer.focus();
          }
        : undefined,
    };
    this.#renderTransient();
  }

  #clearError(): void {
    clearInterval(this.#errorTimer);
    if (!this.#errorState) return;
    this.#errorState = null;
    this.#renderTransient();
  }

  #itemContext(id: string): ItemContext {
    const o = this.#opts;
    return {
      pending: this.#store.pending.has(id),
      local: this.#local.get(id)?.state,
      feedback: o?.threadItemActions?.feedback !== false,
      retry: o?.threadItemActions?.retry !== false,
      feedbackGiven: this.#feedbackGiven.get(id),
      markdown: this.#md,
      widgetContext: (item: WidgetItem): WidgetContext => ({
        scheme: this.#scheme,
        live: this.#liveIds.has(item.id),
        markdown: this.#md,
        onAction: (action, el, source) => void this.#onWidgetAction(item.id, action, el, source),
      }),
      onFeedback: (item, kind) => void this.#onFeedback(item.id, kind),
      onRetry: (item) => {
        const user = this.#store.lastUserMessageId(item.id);
        if (user && !this.#stream) this.#retryAfter(user);
      },
      onResend: (item) => this.#resend(item),
      onCopy: (text, button) => {
        void navigator.clipboard?.writeText(text).then(() => {
          button.replaceChildren(icon('check'));
          this.#announce('Copied.');
          setTimeout(() => button.replaceChildren(icon('copy')), 1500);
        }, () => {});
      },
      onStructuredInput: (item, input) => this.#onStructuredInput(item, input),
      onInvalidWidget: (item, reason) => this.#log('widget.invalid', { itemId: item.id, reason }),
    };
  }

  /** Renders (or re-renders) one item in place, keeping the thread order. */
  #renderItemNow(id: string): void {
    this.#dirty.delete(id);
    const item = this.#store.get(id);
    const existing = this.#itemEls.get(id);
    if (!item) {
      existing?.remove();
      this.#itemEls.delete(id);
      return;
    }
    const keep = this.#atBottom();
    const el = renderItem(item, this.#itemContext(id)) ?? h('article', { class: 'item empty', attrs: { 'data-id': id, hidden: true } });
    const li = h('li', null, el);
    if (existing) {
      existing.replaceWith(li);
    } else {
      const items = this.#store.items;
      let next: HTMLElement | undefined;
      for (let i = this.#store.indexOf(id) + 1; i < items.length && !next; i++) next = this.#itemEls.get(items[i].id);
      this.#itemsEl.insertBefore(li, next ?? null);
    }
    this.#itemEls.set(id, li);
    if (keep) this.#scrollToBottom();
  }

  /** Coalesces re-renders of streaming items into one per frame. */
  #schedule(id: string): void {
    this.#dirty.add(id);
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
  }

  #flush(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const id of [...this.#dirty]) this.#renderItemNow(id);
  }

  #atBottom(): boolean {
    const t = this.#threadEl;
    return t.scrollHeight - t.scrollTop - t.clientHeight < 48;
  }

  #scrollToBottom(): void {
    if (this.#opts?.thread?.autoScroll === false) return;
    this.#threadEl.scrollTop = this.#threadEl.scrollHeight;
  }
}

export function defineAtriumChat(tag = 'atrium-chat'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, tag === 'atrium-chat' ? AtriumChatElement : class extends AtriumChatElement {});
}
