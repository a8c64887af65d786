import type { StarterPrompt } from '@atrium/protocol';
import { ICON_PATHS, type IconName } from '../../../libs/chat-page/src/icons';
import { describeState, type Inline, type StateCopyContext, type StateDescription } from '../../../libs/chat-page/src/state-copy';
import { PAGE_CSS } from '../../../libs/chat-page/src/styles';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * JSON for a `<script type="application/json">` data block: `<` is escaped so no
 * value can close the element, and U+2028/2029 for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function iconSvg(name: IconName, className = 'icon'): string {
  return `<svg class="${className}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICON_PATHS[name].map((d) => `<path d="${d}"/>`).join('')}</svg>`;
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('countdownTo' in part) return '';
  const external = part.external ? ' target="_blank" rel="noopener"' : '';
  return `<a href="${escapeHtml(part.href)}"${external}>${escapeHtml(part.text)}</a>`;
}

/**
 * A state card (the same copy the browser renders: libs/chat-page/src/state-copy.ts).
 * Without a script, "try again" actions are links to `retryHref` (reload), or left out.
 */
export function stateCardHtml(d: StateDescription, retryHref?: string): string {
  const titleId = `atrium-state-title-${d.kind}`;
  const paragraphs = d.paragraphs.map((p) => `<p${p.contact ? ' class="contact"' : ''}>${p.parts.map(inlineHtml).join('')}</p>`).join('\n      ');
  const actions = d.actions
    .map((a) => ({ ...a, href: a.href ?? (a.does === 'retry' ? retryHref : undefined) }))
    .filter((a) => a.href)
    .map((a) => `<a class="${a.primary ? 'btn' : 'btn secondary'}" href="${escapeHtml(a.href as string)}"${a.external ? ' target="_blank" rel="noopener"' : ''}>${escapeHtml(a.label)}</a>`)
    .join('');
  return `<section class="state${d.warn ? ' warn' : ''}" data-state="${d.kind}" aria-labelledby="${titleId}" tabindex="-1">
      <div class="state-icon">${iconSvg(d.icon)}</div>
      <h2 id="${titleId}">${escapeHtml(d.title)}</h2>
      ${paragraphs}${actions ? `\n      <div class="actions">${actions}</div>` : ''}
    </section>`;
}

/** What the page's script reads from its JSON data block (libs/chat-page/src/page.ts `PageConfig`). */
export interface PageScriptConfig {
  state: 'chat' | 'login';
  workflowId: string;
  name: string;
  greeting: string;
  prompts: StarterPrompt[];
  requireLogin: boolean;
  signedIn: boolean;
  loginUrl: string | null;
  chatUrl: string;
  supportContact: string | null;
  elementUrl: string;
}

export type ChatPageModel =
  /** A published workflow: the chat (with a placeholder until the script starts it) or the sign-in card. */
  | { kind: 'chat' | 'login'; config: PageScriptConfig; pageScriptUrl: string }
  /** Unknown, unpublished, or publishing switched off. */
  | { kind: 'unavailable'; supportContact: string | null }
  /** The chat scripts are not built on this server. */
  | { kind: 'failed'; name: string; supportContact: string | null; pageUrl: string };

function documentHtml(title: string, head: string, topbarTitle: string, main: string, tail = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>${head}
</head>
<body>
<div class="page">
  <header class="topbar">
    <span class="mark">${iconSvg('chat')}</span>
    <h1>${escapeHtml(topbarTitle)}</h1>
  </header>
  <main id="atrium-main" class="main">
    ${main}
  </main>
  <footer class="footer">Powered by Atrium</footer>
</div>${tail}
</body>
</html>
`;
}

const copy = (name: string, supportContact: string | null): StateCopyContext => ({ name, supportContact, chatUrl: null, sessionTokens: false });

/** The whole page for each state of `/chat/:workflowId`. */
export function renderChatPage(model: ChatPageModel): string {
  if (model.kind === 'unavailable') {
    const card = stateCardHtml(describeState({ kind: 'unavailable' }, copy('This chat', model.supportContact)));
    return documentHtml('Chat not available · Atrium', '', 'Atrium', `<div class="surface"><div class="surface-state">${card}</div></div>`);
  }
  if (model.kind === 'failed') {
    const card = stateCardHtml(describeState({ kind: 'failed' }, copy(model.name, model.supportContact)), model.pageUrl);
    return documentHtml(`${model.name} · Atrium`, '', model.name, `<div class="surface"><div class="surface-state">${card}</div></div>`);
  }
  const c = model.config;
  const head = `
<link rel="modulepreload" href="${escapeHtml(c.elementUrl)}">
<script type="module" src="${escapeHtml(model.pageScriptUrl)}"></script>`;
  const tail = `\n<script type="application/json" id="atrium-page-config">${jsonForScript(c)}</script>`;
  if (model.kind === 'login') {
    const card = stateCardHtml(describeState({ kind: 'login', loginUrl: c.loginUrl }, copy(c.name, c.supportContact)));
    return documentHtml(`${c.name} · Atrium`, head, c.name, `<div class="surface"><div class="surface-state">${card}</div></div>`, tail);
  }
  const placeholder = `<div class="placeholder">
      ${c.greeting ? `<p class="greeting">${escapeHtml(c.greeting)}</p>` : ''}
      <p class="loading" role="status">Loading the chat…</p>
      <noscript><p>This chat needs JavaScript. Turn it on in your browser’s settings, then reload the page.</p></noscript>
    </div>`;
  return documentHtml(`${c.name} · Atrium`, head, c.name, placeholder, tail);
}
