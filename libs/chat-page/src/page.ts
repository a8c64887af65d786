/**
 * The public chat page's script (`/chat-assets/page.js`, loaded by `GET /chat/:id`).
 * The server renders the page and its state (chat, sign in, not available) and
 * passes its configuration in a JSON data block; this script starts the chat in it
 * and takes over the states that only show up while chatting (session expired,
 * rate limited, server unreachable). No inline script: the page's CSP forbids it.
 */
import { ChatSurface, type SurfaceConfig } from './chat-surface';
import { h } from './dom';
import { createTelemetry } from './telemetry';
import type { StarterPrompt } from '../../protocol/src/index';

/** The JSON in `<script type="application/json" id="atrium-page-config">`. */
export interface PageConfig {
  /** What the server rendered: the chat's placeholder, or the sign-in card (no login session). */
  state: 'chat' | 'login';
  workflowId: string;
  name: string;
  greeting: string;
  prompts: StarterPrompt[];
  requireLogin: boolean;
  /** The server saw a live login session. */
  signedIn: boolean;
  loginUrl: string | null;
  chatUrl: string;
  supportContact: string | null;
  /** The element's module (versioned URL). */
  elementUrl: string;
}

function readConfig(): PageConfig | null {
  const el = document.getElementById('atrium-page-config');
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as PageConfig;
  } catch {
    return null;
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The sign-in window opened by a bubble comes back here: tell the bubble and close. */
function finishPopupSignIn(cfg: PageConfig): void {
  if (!new URLSearchParams(location.search).has('signed_in') || !window.opener) return;
  try {
    (window.opener as Window).postMessage({ type: 'atrium:signed-in', workflowId: cfg.workflowId }, '*');
    window.close();
  } catch {
    // the opener is gone: this page just shows the chat
  }
}

function showSignOut(): void {
  const bar = document.querySelector('.topbar');
  if (!bar || bar.querySelector('[data-sign-out]')) return;
  const button = h('button', {
    class: 'btn secondary',
    text: 'Sign out',
    attrs: { type: 'button', 'data-sign-out': true },
    on: {
      click: () => {
        button.disabled = true;
        void fetch('/api/auth/oidc/logout', { method: 'POST' }).finally(() => location.reload());
      },
    },
  });
  bar.appendChild(button);
}

async function main(): Promise<void> {
  const cfg = readConfig();
  const main = document.getElementById('atrium-main');
  if (!cfg || !main) return;
  finishPopupSignIn(cfg);

  const telemetry = createTelemetry({ url: '/api/telemetry', workflowId: cfg.workflowId, surface: 'page' });
  let opened = false;
  const config: SurfaceConfig = {
    workflowId: cfg.workflowId,
    name: cfg.name,
    greeting: cfg.greeting,
    prompts: cfg.prompts,
    requireLogin: cfg.requireLogin,
    loginUrl: cfg.loginUrl,
    chatUrl: cfg.chatUrl,
    supportContact: cfg.supportContact,
  };
  const host = h('div', { class: 'surface' });
  const surface = new ChatSurface({
    host,
    config,
    base: '',
    // Same origin: the visitor and login cookies go along (spelled out, as on the bubble).
    fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
    loadElement: () => import(cfg.elementUrl).then(() => customElements.whenDefined('atrium-chat')),
    telemetry,
    storage: safeStorage(),
    storageKey: `atrium-chat:page:${cfg.workflowId}`,
    signIn: () => false,
    signInTarget: '_self',
    onState: (s) => {
      if (s.kind === 'chat' && !opened) {
        opened = true;
        telemetry.send('open');
      }
    },
  });
  window.addEventListener('pagehide', () => {
    if (opened) telemetry.send('close');
  });
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && opened) telemetry.send('open');
  });

  // Not signed in to a login-only chat: the server's sign-in card (a plain link) is all there is.
  if (cfg.state === 'login') return;
  main.replaceChildren(host);
  await surface.start({ signedIn: cfg.signedIn });
  if (cfg.signedIn) showSignOut();
}

void main();
