/**
 * One chat surface: the `<atrium-chat>` element plus the full-area states shown
 * instead of it (sign in, session expired, not available, rate limited, server
 * unreachable, …). The public page, the embedded bubble and the admin's Canvas
 * bubble all run this class; they differ only in how requests authenticate
 * (cookies or session tokens), how sign-in opens (same window or a popup) and
 * where the surface sits.
 *
 * Errors come from the element's `chatkit.error` events (duck-typed: the element
 * is a separate bundle, so `instanceof ChatKitError` would not hold) and from the
 * surface's own probe of the chat endpoint, used to learn whether a login-only chat
 * can start. Response failures are reported to telemetry.
 */
import type { AtriumChatElement } from '../../chat-element/src/element.js';
import type { AtriumChatOptions, FetchLike } from '../../chat-element/src/types.js';
import type { StarterPrompt } from '../../protocol/src/index';
import { h } from './dom';
import type { StateCopyContext, SurfaceState } from './state-copy';
import { renderState, type RenderedState } from './states';
import type { Telemetry } from './telemetry';

export interface SurfaceConfig {
  workflowId: string;
  name: string;
  greeting: string;
  prompts: StarterPrompt[];
  requireLogin: boolean;
  /** Where to sign in (it returns to the chat); null: no identity provider is configured. */
  loginUrl: string | null;
  /** The chat's own page (absolute). */
  chatUrl: string | null;
  supportContact: string | null;
}

export interface ChatSurfaceOptions {
  /** Where the chat and its states go (emptied). */
  host: HTMLElement;
  config: SurfaceConfig;
  /** Atrium's origin for API calls, `''` when the surface runs on Atrium's own origin. */
  base: string;
  /** The fetch the element and the probe use (cookies included, or session tokens). */
  fetch: FetchLike;
  /** Makes sure `<atrium-chat>` is defined. */
  loadElement(): Promise<unknown>;
  telemetry: Telemetry | null;
  /** Remembers the open thread across reloads (null: nothing remembered). */
  storage: Storage | null;
  /** Key prefix in `storage` (surfaces on one origin keep separate threads). */
  storageKey: string;
  /** How sign-in runs: return true when handled (popup); false follows the link. */
  signIn(loginUrl: string): boolean;
  signInTarget: '_self' | '_blank';
  /** Session-token surfaces (Canvas): "reconnect" gets a new token instead of signing in. */
  reconnect?: () => Promise<unknown>;
  /** Runs first on every start (the bubble loads its configuration here); a state stops the start. */
  prepare?: () => Promise<SurfaceState | null>;
  /** Adjusts the element's options (header actions, theme). */
  customize?: (options: AtriumChatOptions) => AtriumChatOptions;
  onState?: (state: SurfaceState) => void;
}

/** An error as the surface sees it (the element's ChatKitError, or an HTTP error body). */
export interface SurfaceError {
  kind?: string;
  code?: string;
  status?: number;
  details?: unknown;
  retryAfterSeconds?: number;
}

/** Reads a ChatKitError-shaped value (kind, code, status, extra.{details, retryAfterSeconds}). */
export function toSurfaceError(e: unknown): SurfaceError {
  if (!e || typeof e !== 'object') return { kind: 'client' };
  const o = e as { kind?: unknown; code?: unknown; status?: unknown; extra?: { status?: unknown; details?: unknown; retryAfterSeconds?: unknown } };
  const status = typeof o.status === 'number' ? o.status : typeof o.extra?.status === 'number' ? o.extra.status : undefined;
  return {
    kind: typeof o.kind === 'string' ? o.kind : e instanceof TypeError ? 'network' : 'client',
    code: typeof o.code === 'string' ? o.code : undefined,
    status,
    details: o.extra?.details,
    retryAfterSeconds: typeof o.extra?.retryAfterSeconds === 'number' ? o.extra.retryAfterSeconds : undefined,
  };
}

/** The error of a non-2xx answer of the chat endpoint (`{"error": {code, details}}` and Retry-After). */
export async function errorOfResponse(res: Response): Promise<SurfaceError> {
  let code: string | undefined;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; details?: unknown } };
    if (typeof body?.error?.code === 'string') code = body.error.code;
    details = body?.error?.details;
  } catch {
    // not JSON
  }
  const header = Number(res.headers.get('Retry-After'));
  const fromDetails = (details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  const retryAfterSeconds = Number.isFinite(header) && header > 0 ? header : typeof fromDetails === 'number' ? fromDetails : undefined;
  return { kind: 'http', code, status: res.status, details, retryAfterSeconds };
}

const RECONNECT_EVERY_MS = 5000;
const REACHABLE_TIMEOUT_MS = 5000;
const DEFAULT_RETRY_AFTER_SECONDS = 30;

export class ChatSurface {
  readonly #o: ChatSurfaceOptions;
  #config: SurfaceConfig;
  readonly #chatEl: HTMLElement;
  readonly #stateEl: HTMLElement;
  #element: AtriumChatElement | null = null;
  #state: SurfaceState = { kind: 'loading' };
  #rendered: RenderedState | null = null;
  /** A login-only chat let us in: a later "login required" means the sign-in expired. */
  #signedIn = false;
  /** The session-token provider failed (Canvas): show "session ended". */
  #tokenFailed = false;
  /** The remembered thread is being opened (a 404 just forgets it). */
  #restoring = false;
  #reconnectTimer: ReturnType<typeof setInterval> | undefined;
  #starting: Promise<void> | null = null;
  readonly #onOnline = () => void this.#reconnectIfReachable();

  constructor(options: ChatSurfaceOptions) {
    this.#o = options;
    this.#config = options.config;
    this.#chatEl = h('div', { class: 'surface-chat', attrs: { hidden: true } });
    this.#stateEl = h('div', { class: 'surface-state' });
    options.host.replaceChildren(this.#chatEl, this.#stateEl);
  }

  get state(): SurfaceState {
    return this.#state;
  }

  get element(): AtriumChatElement | null {
    return this.#element;
  }

  get config(): SurfaceConfig {
    return this.#config;
  }

  setConfig(config: SurfaceConfig): void {
    this.#config = config;
    if (this.#element) this.#element.setOptions(this.#elementOptions(this.#element.options?.initialThread ?? null));
  }

  /** The session-token provider failed: the next error shows "session ended". */
  markTokenFailure(): void {
    this.#tokenFailed = true;
  }

  /**
   * Starts the chat: prepares (bubble configuration), asks the chat endpoint whether
   * a login-only chat lets this browser in (unless `signedIn` is already known),
   * loads the element and shows it, or shows the state that keeps it from starting.
   */
  start(opts: { signedIn?: boolean } = {}): Promise<void> {
    this.#starting ??= this.#start(opts).finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #start(opts: { signedIn?: boolean }): Promise<void> {
    this.show({ kind: 'loading' });
    const prepared = await this.#o.prepare?.();
    if (prepared) return this.show(prepared);
    if (opts.signedIn) this.#signedIn = true;
    if (this.#config.requireLogin && !this.#o.reconnect && !this.#signedIn) {
      const probe = await this.probe();
      if (probe !== 'ok') return this.show(probe);
    }
    await this.#mount();
  }

  /**
   * Asks the chat endpoint for one thread: 'ok' when this browser may chat, else the
   * state to show (sign in, not available, rate limited, unreachable…).
   */
  async probe(): Promise<'ok' | SurfaceState> {
    const id = this.#config.workflowId;
    let res: Response;
    try {
      res = await this.#o.fetch(`${this.#o.base}/api/chatkit?workflow_id=${encodeURIComponent(id)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ type: 'threads.list', params: { limit: 1, order: 'desc' }, metadata: { workflow_id: id } }),
      });
    } catch {
      if (this.#tokenFailed) return { kind: 'expired', loginUrl: null };
      if (!(await this.#reachable())) return { kind: 'unreachable' };
      // The server answers but the browser refused the answer: CORS, i.e. this origin is not allowed.
      return this.#o.base && this.#o.base !== location.origin ? { kind: 'origin', origin: location.origin } : { kind: 'failed' };
    }
    if (res.ok) {
      this.#signedIn = this.#config.requireLogin;
      return 'ok';
    }
    return (await this.#stateFor(await errorOfResponse(res))) ?? { kind: 'failed' };
  }

  /** After the sign-in window: start when the chat lets us in; `final`: stop waiting if not. */
  async afterSignIn(final: boolean): Promise<void> {
    const probe = await this.probe();
    if (probe === 'ok') {
      if (this.#element) {
        this.show({ kind: 'chat' });
        await this.#element.fetchUpdates().catch(() => {});
      } else {
        await this.#mount();
      }
      return;
    }
    const waiting = this.#state;
    if (probe.kind === 'login' && (waiting.kind === 'login_waiting' || waiting.kind === 'login_blocked')) {
      if (final) this.show({ kind: 'login_blocked', loginUrl: waiting.loginUrl });
      return;
    }
    this.show(probe);
  }

  focus(): void {
    if (this.#state.kind === 'chat') this.#element?.focusComposer();
    else this.#stateEl.querySelector<HTMLElement>('.state')?.focus();
  }

  show(state: SurfaceState): void {
    this.#rendered?.dispose();
    this.#rendered = null;
    this.#stopReconnecting();
    const root = this.#o.host.getRootNode() as Document | ShadowRoot;
    const hadFocus = !!root.activeElement && this.#o.host.contains(root.activeElement);
    this.#state = state;
    const chat = state.kind === 'chat';
    this.#chatEl.hidden = !chat;
    this.#stateEl.hidden = chat;
    if (chat) {
      this.#stateEl.replaceChildren();
    } else {
      this.#rendered = renderState(state, this.#copyContext(), {
        retry: () => void this.#resume(),
        signIn: (url) => this.#o.signIn(url),
        signInTarget: this.#o.signInTarget,
      });
      this.#stateEl.replaceChildren(this.#rendered.el);
      if (hadFocus) this.#rendered.el.focus();
    }
    if (state.kind === 'unreachable') this.#startReconnecting();
    this.#o.onState?.(state);
  }

  destroy(): void {
    this.#rendered?.dispose();
    this.#stopReconnecting();
    this.#element?.remove();
    this.#element = null;
    this.#o.host.replaceChildren();
  }

  #copyContext(): StateCopyContext {
    return { name: this.#config.name, supportContact: this.#config.supportContact, chatUrl: this.#config.chatUrl, sessionTokens: !!this.#o.reconnect };
  }

  async #mount(): Promise<void> {
    if (!this.#element) {
      try {
        await this.#o.loadElement();
      } catch {
        return this.show({ kind: 'failed' });
      }
      const el = document.createElement('atrium-chat') as AtriumChatElement;
      el.addEventListener('chatkit.error', (e) => void this.#onError((e as CustomEvent<{ error?: unknown }>).detail?.error));
      el.addEventListener('chatkit.thread.change', (e) => this.#remember((e as CustomEvent<{ threadId: string | null }>).detail?.threadId ?? null));
      el.addEventListener('chatkit.thread.load.end', () => (this.#restoring = false));
      const remembered = this.#recall();
      this.#restoring = remembered !== null;
      this.#chatEl.replaceChildren(el);
      this.#element = el;
      el.setOptions(this.#elementOptions(remembered));
    }
    this.show({ kind: 'chat' });
  }

  #elementOptions(initialThread: string | null): AtriumChatOptions {
    const c = this.#config;
    const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
    const options: AtriumChatOptions = {
      api: { url: `${this.#o.base}/api/chatkit`, fetch: this.#o.fetch },
      workflowId: c.workflowId,
      frameTitle: c.name,
      theme: dark ? 'dark' : 'light',
      header: { enabled: true },
      history: { enabled: true },
      startScreen: { greeting: c.greeting, prompts: c.prompts.map((p) => ({ label: p.label, prompt: p.prompt, ...(p.icon ? { icon: p.icon } : {}) })) },
      composer: { placeholder: `Message ${c.name}` },
      initialThread,
    };
    return this.#o.customize ? this.#o.customize(options) : options;
  }

  async #onError(raw: unknown): Promise<void> {
    const err = toSurfaceError(raw);
    if (this.#restoring && (err.code === 'chatkit.thread.not_found' || err.status === 404)) {
      // The remembered thread is gone (deleted, or another visitor): start afresh.
      this.#restoring = false;
      this.#remember(null);
      void this.#element?.setThreadId(null);
      return;
    }
    if (err.kind !== 'client' && err.code !== 'chatkit.auth.login_required') this.#o.telemetry?.send('response_failed');
    const next = await this.#stateFor(err);
    if (next) this.show(next);
  }

  /** The full-area state an error calls for; null: the element's inline message is enough. */
  async #stateFor(err: SurfaceError): Promise<SurfaceState | null> {
    const loginUrl = this.#config.loginUrl ?? loginUrlOf(err.details);
    if (this.#tokenFailed) return { kind: 'expired', loginUrl: null };
    switch (err.code) {
      case 'chatkit.auth.login_required':
        return this.#signedIn ? { kind: 'expired', loginUrl } : { kind: 'login', loginUrl };
      case 'auth.token_expired':
      case 'auth.invalid_token':
        return { kind: 'expired', loginUrl };
      case 'chatkit.auth.not_published':
      case 'workflow.not_found':
      case 'feature.disabled':
        return { kind: 'unavailable' };
      case 'chatkit.auth.origin_not_allowed':
        return { kind: 'origin', origin: location.origin };
    }
    if (err.status === 429) return { kind: 'rate_limited', retryAt: Date.now() + (err.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) * 1000 };
    if (err.kind === 'network' && !(await this.#reachable())) return { kind: 'unreachable' };
    return null;
  }

  /** "Try again", "Back to the chat", "Reconnect", "I've signed in". */
  async #resume(): Promise<void> {
    const state = this.#state;
    if (state.kind === 'login_waiting' || state.kind === 'login_blocked') return this.afterSignIn(true);
    if (state.kind === 'expired' && this.#o.reconnect) {
      try {
        await this.#o.reconnect();
        this.#tokenFailed = false;
      } catch {
        return this.show({ kind: 'expired', loginUrl: null });
      }
    }
    if (state.kind === 'unreachable' && !(await this.#reachable())) return;
    if (this.#element && state.kind !== 'expired' && state.kind !== 'login') return this.show({ kind: 'chat' });
    if (state.kind === 'expired' || state.kind === 'login') this.#signedIn = false;
    await this.start();
  }

  /** Whether Atrium answers at all (an opaque no-cors request: no CORS needed). */
  async #reachable(): Promise<boolean> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), REACHABLE_TIMEOUT_MS);
    try {
      await fetch(`${this.#o.base}/api/health`, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: ctrl.signal });
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  #startReconnecting(): void {
    this.#reconnectTimer = setInterval(() => void this.#reconnectIfReachable(), RECONNECT_EVERY_MS);
    window.addEventListener('online', this.#onOnline);
  }

  #stopReconnecting(): void {
    clearInterval(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    window.removeEventListener('online', this.#onOnline);
  }

  async #reconnectIfReachable(): Promise<void> {
    if (this.#state.kind === 'unreachable' && (await this.#reachable()) && this.#state.kind === 'unreachable') await this.#resume();
  }

  #recall(): string | null {
    try {
      return this.#o.storage?.getItem(`${this.#o.storageKey}:thread`) ?? null;
    } catch {
      return null;
    }
  }

  #remember(threadId: string | null): void {
    try {
      if (threadId) this.#o.storage?.setItem(`${this.#o.storageKey}:thread`, threadId);
      else this.#o.storage?.removeItem(`${this.#o.storageKey}:thread`);
    } catch {
      // storage full or blocked: the thread is still in the history panel
    }
  }
}

function loginUrlOf(details: unknown): string | null {
  const url = (details as { login_url?: unknown } | undefined)?.login_url;
  return typeof url === 'string' ? url : null;
}
