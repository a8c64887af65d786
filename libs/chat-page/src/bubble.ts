/**
 * The chat bubble: a floating button that opens a chat panel. `/embed.js` mounts it
 * on any allowed intranet page (cookies: visitor or login session, sent
 * cross-origin with credentials); the admin's Canvas mounts the same code with
 * short-lived chat session tokens (`getClientSecret`, refreshed 30 s before expiry
 * and on 401 by `createSessionFetch`).
 *
 *   const bubble = mountChatBubble({ workflowId, serverUrl: 'https://atrium.example' });
 *   bubble.open();
 *
 * The panel lazy-loads `<atrium-chat>` from the server the first time it opens,
 * remembers whether it was open (localStorage, per workflow) and the open thread,
 * and reports open/close and failures to telemetry.
 */
import { createSessionFetch, type SessionFetch } from '../../chat-element/src/api/session-fetch.js';
import type { FetchLike } from '../../chat-element/src/types.js';
import type { EmbedConfigResponse, StarterPrompt } from '../../protocol/src/index';
import { ChatSurface, errorOfResponse, type SurfaceConfig } from './chat-surface';
import { h, icon } from './dom';
import { loadElementScript } from './element-loader';
import type { SurfaceState } from './state-copy';
import { BUBBLE_CSS } from './styles';
import { createTelemetry } from './telemetry';

export interface ChatBubbleOptions {
  workflowId: string;
  /** Atrium's URL (its origin is used); default: this page's origin. */
  serverUrl?: string;
  /** Default: `canvas` with `getClientSecret`, else `bubble`. */
  surface?: 'bubble' | 'canvas';
  /**
   * Chat session tokens (`POST /api/workflows/:id/chatkit/session` → `client_secret`)
   * instead of cookies: the Canvas, where the workflow may be unpublished.
   */
  getClientSecret?: (current: string | null) => Promise<string>;
  /**
   * What the panel shows (name, greeting, starter prompts). Default: fetched from
   * `GET /api/embed/:workflowId`, which also checks this page's origin. Required when
   * the workflow is not published (the Canvas).
   */
  config?: { name: string; greeting?: string; starter_prompts?: StarterPrompt[]; require_login?: boolean };
  /** Where the bubble is added (default: document.body). */
  container?: HTMLElement;
  position?: 'right' | 'left';
  /** Open at once (default: as the visitor left it on their last visit). */
  open?: boolean;
  /** Remember open/closed per workflow in localStorage (default true). */
  rememberOpen?: boolean;
  /** Accessible name of the button (default: "Chat with <name>"). */
  label?: string;
  /** Report open/close/failures to `POST /api/telemetry` (default true). */
  telemetry?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export interface ChatBubble {
  open(): void;
  close(): void;
  toggle(): void;
  readonly isOpen: boolean;
  /** The `<atrium-chat>` element once the panel has started it. */
  readonly element: HTMLElement | null;
  /** Removes the bubble (and reports a close when it was open). */
  destroy(): void;
}

let instances = 0;

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function store(storage: Storage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // storage full or blocked: the state is just not remembered
  }
}

function recall(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function mountChatBubble(options: ChatBubbleOptions): ChatBubble {
  const workflowId = options.workflowId;
  const base = new URL(options.serverUrl ?? location.href, location.href).origin;
  const kind = options.surface ?? (options.getClientSecret ? 'canvas' : 'bubble');
  const storage = safeStorage();
  const storageKey = `atrium-chat:${kind}:${workflowId}`;
  const remember = options.rememberOpen !== false;
  const telemetry = options.telemetry === false ? null : createTelemetry({ url: `${base}/api/telemetry`, workflowId, surface: kind });
  const n = ++instances;

  // ---- requests: cookies across origins, or session tokens ----
  const withCookies: FetchLike = (input, init) => fetch(input, { ...init, credentials: 'include' });
  let surface: ChatSurface | null = null;
  let sessionFetch: SessionFetch | null = null;
  if (options.getClientSecret) {
    const getSecret = options.getClientSecret;
    sessionFetch = createSessionFetch({
      refreshBeforeSeconds: 30,
      getClientSecret: async (current) => {
        try {
          return await getSecret(current);
        } catch (e) {
          telemetry?.send('token_refresh_failed');
          surface?.markTokenFailure();
          throw e;
        }
      },
    });
  }

  // ---- DOM: a shadow root keeps the host page's styles out (and ours in) ----
  const host = h('div', { attrs: { 'data-atrium-chat-bubble': workflowId } });
  const shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BUBBLE_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(h('style', { text: BUBBLE_CSS }));
  }
  const panelId = `atrium-chat-panel-${n}`;
  const titleId = `atrium-chat-title-${n}`;
  const title = h('h2', { text: options.config?.name ?? 'Chat', attrs: { id: titleId } });
  const closeBtn = h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Close chat', title: 'Close chat' }, on: { click: () => close() } }, icon('close'));
  const head = h('div', { class: 'panel-head' }, title, closeBtn);
  const body = h('div', { class: 'surface' });
  const panel = h('section', { class: 'panel', attrs: { id: panelId, role: 'dialog', 'aria-labelledby': titleId, hidden: true } }, head, body);
  const launcher = h('button', { class: 'launcher', attrs: { type: 'button', 'aria-controls': panelId, 'aria-expanded': 'false' }, on: { click: () => toggle() } });
  const root = h('div', { class: `root${options.position === 'left' ? ' left' : ''}` }, panel, launcher);
  shadow.appendChild(root);
  panel.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Escape' && !(e as KeyboardEvent).defaultPrevented) {
      e.preventDefault();
      close();
    }
  });

  let name = options.config?.name ?? '';
  const setLauncher = (open: boolean): void => {
    const label = open ? 'Close chat' : (options.label ?? (name ? `Chat with ${name}` : 'Open chat'));
    launcher.replaceChildren(icon(open ? 'close' : 'chat'));
    launcher.setAttribute('aria-label', label);
    launcher.title = label;
    launcher.setAttribute('aria-expanded', String(open));
  };
  setLauncher(false);

  // ---- configuration: given (Canvas) or fetched (embed, checks this page's origin) ----
  const given = options.config;
  let config: SurfaceConfig = {
    workflowId,
    name: given?.name ?? 'Chat',
    greeting: given?.greeting ?? '',
    prompts: given?.starter_prompts ?? [],
    requireLogin: given?.require_login ?? false,
    loginUrl: null,
    chatUrl: kind === 'bubble' ? `${base}/chat/${encodeURIComponent(workflowId)}` : null,
    supportContact: null,
  };
  let elementScript = `${base}/chat-assets/atrium-chat.iife.js`;
  let configured = !!given;

  const loadConfig = async (): Promise<SurfaceState | null> => {
    if (configured) return null;
    let res: Response;
    try {
      res = await fetch(`${base}/api/embed/${encodeURIComponent(workflowId)}`, { credentials: 'omit', headers: { Accept: 'application/json' } });
    } catch {
      return { kind: 'unreachable' };
    }
    if (!res.ok) {
      const err = await errorOfResponse(res);
      if (err.code === 'chatkit.auth.origin_not_allowed') return { kind: 'origin', origin: location.origin };
      if (res.status === 404) return { kind: 'unavailable' };
      if (res.status === 429) return { kind: 'rate_limited', retryAt: Date.now() + (err.retryAfterSeconds ?? 30) * 1000 };
      return { kind: 'failed' };
    }
    const c = (await res.json()) as EmbedConfigResponse;
    config = {
      workflowId,
      name: c.name,
      greeting: c.greeting,
      prompts: c.starter_prompts,
      requireLogin: c.require_login,
      loginUrl: c.login_url,
      chatUrl: c.chat_url,
      supportContact: c.support_contact,
    };
    elementScript = new URL(c.element_script, base).href;
    name = c.name;
    title.textContent = c.name;
    setLauncher(isOpen);
    configured = true;
    surface?.setConfig(config);
    return null;
  };

  // ---- sign-in for login-only chats: a popup, then try again ----
  let stopWatching: (() => void) | null = null;
  const signIn = (url: string): boolean => {
    const w = 500;
    const ht = 640;
    const left = Math.max(0, Math.round((window.screenX || 0) + ((window.outerWidth || w) - w) / 2));
    const top = Math.max(0, Math.round((window.screenY || 0) + ((window.outerHeight || ht) - ht) / 2));
    const popup = window.open(url, 'atrium-sign-in', `popup=yes,width=${w},height=${ht},left=${left},top=${top}`);
    surface?.show({ kind: 'login_waiting', loginUrl: url });
    watchSignIn(popup);
    return popup !== null;
  };
  const watchSignIn = (popup: Window | null): void => {
    stopWatching?.();
    const done = (final: boolean) => {
      if (surface?.state.kind !== 'login_waiting') return cleanup();
      if (final) cleanup();
      void surface.afterSignIn(final);
    };
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: unknown; workflowId?: unknown } | null;
      if (e.origin === base && data?.type === 'atrium:signed-in' && data.workflowId === workflowId) done(true);
    };
    const onFocus = () => done(false);
    const timer = setInterval(() => {
      if (popup?.closed) done(true);
    }, 1000);
    const cleanup = () => {
      clearInterval(timer);
      window.removeEventListener('message', onMessage);
      window.removeEventListener('focus', onFocus);
      stopWatching = null;
    };
    window.addEventListener('message', onMessage);
    window.addEventListener('focus', onFocus);
    stopWatching = cleanup;
  };

  const ensureSurface = (): ChatSurface => {
    surface ??= new ChatSurface({
      host: body,
      config,
      base,
      fetch: sessionFetch ?? withCookies,
      loadElement: () => loadElementScript(elementScript),
      telemetry,
      storage,
      storageKey,
      signIn,
      signInTarget: '_blank',
      reconnect: sessionFetch ? () => (sessionFetch as SessionFetch).refresh() : undefined,
      prepare: loadConfig,
      customize: (o) => ({
        ...o,
        header: { enabled: true, title: { text: config.name }, rightAction: { icon: 'close', label: 'Close chat', onClick: () => close() } },
      }),
      onState: (s) => {
        head.hidden = s.kind === 'chat';
        if (s.kind !== 'login_waiting') stopWatching?.();
      },
    });
    return surface;
  };

  // ---- open / close ----
  let isOpen = false;
  const open = (): void => {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    root.classList.add('open');
    setLauncher(true);
    if (remember) store(storage, `${storageKey}:open`, '1');
    telemetry?.send('open');
    options.onOpenChange?.(true);
    const s = ensureSurface();
    if (s.state.kind === 'loading' && !s.element) void s.start().then(() => isOpen && s.focus());
    else s.focus();
  };
  const close = (): void => {
    if (!isOpen) return;
    isOpen = false;
    const hadFocus = !!shadow.activeElement && shadow.activeElement !== launcher;
    panel.hidden = true;
    root.classList.remove('open');
    setLauncher(false);
    if (remember) store(storage, `${storageKey}:open`, '0');
    telemetry?.send('close');
    options.onOpenChange?.(false);
    if (hadFocus) launcher.focus();
  };
  const toggle = (): void => (isOpen ? close() : open());
  const onPageHide = () => {
    if (isOpen) telemetry?.send('close');
  };
  window.addEventListener('pagehide', onPageHide);

  (options.container ?? document.body).appendChild(host);
  const startOpen = options.open ?? (remember && recall(storage, `${storageKey}:open`) === '1');
  if (startOpen) open();

  return {
    open,
    close,
    toggle,
    get isOpen() {
      return isOpen;
    },
    get element() {
      return surface?.element ?? null;
    },
    destroy() {
      if (isOpen) telemetry?.send('close');
      stopWatching?.();
      window.removeEventListener('pagehide', onPageHide);
      surface?.destroy();
      host.remove();
    },
  };
}
