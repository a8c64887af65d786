/**
 * The element's frame: header (history, title, new chat, host actions), start screen
 * (greeting and starter prompts), loading skeleton, transient area (progress, notices,
 * error with retry), disclaimer, and the theme → CSS custom property mapping.
 */
import type { NoticeEvent, ProgressUpdateEvent } from '../../../protocol/src/index.js';
import { icon } from '../icons.js';
import type { AtriumChatOptions, StartScreenPrompt, ThemeOption } from '../types.js';
import { clear, h } from './dom.js';

export function headerActionButton(a: { icon: string; onClick: () => void; label?: string }): HTMLButtonElement {
  const label = a.label ?? a.icon;
  return h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': label, title: label }, on: { click: () => a.onClick() } }, icon(a.icon));
}

export function startScreen(opts: AtriumChatOptions, onPrompt: (p: StartScreenPrompt) => void): HTMLElement {
  const s = opts.startScreen ?? {};
  const prompts = (s.prompts ?? []).map((p) =>
    h('li', null, h('button', { class: 'prompt', attrs: { type: 'button' }, on: { click: () => onPrompt(p) } }, p.icon ? icon(p.icon) : null, h('span', { text: p.label }))));
  return h('div', { class: 'start' }, h('h2', { text: s.greeting ?? 'What can I help with today?' }), prompts.length ? h('ul', { class: 'prompts', attrs: { 'aria-label': 'Suggested prompts' } }, prompts) : null);
}

export function skeleton(): HTMLElement {
  return h('ul', { class: 'skel-list', attrs: { 'aria-hidden': 'true' } },
    h('li', { class: 'skel user' }), h('li', { class: 'skel w80' }), h('li', { class: 'skel w60' }), h('li', { class: 'skel user' }), h('li', { class: 'skel w80' }));
}

export function progressView(p: ProgressUpdateEvent): HTMLElement {
  return h('div', { class: 'progress', attrs: { role: 'status' } }, p.icon ? icon(p.icon) : h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('span', { text: p.text }));
}

export function noticeView(n: NoticeEvent, md: (v: string) => DocumentFragment, onDismiss: () => void): HTMLElement {
  const body = h('div', { class: 'md' });
  if (n.title) body.appendChild(h('strong', { class: 'notice-title', text: n.title }));
  body.appendChild(md(n.message ?? ''));
  const level = n.level === 'warning' || n.level === 'danger' ? n.level : 'info';
  return h('div', { class: `notice ${level}`, attrs: { role: level === 'info' ? 'status' : 'alert' } },
    icon(level === 'info' ? 'info' : 'warning'), body,
    h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Dismiss' }, on: { click: onDismiss } }, icon('close')));
}

export interface ErrorViewState {
  message: string;
  reference?: string;
  retry?: () => void;
  /** Epoch ms before which retry is disabled (429). */
  retryAt?: number;
}

/** Error box; returns an updater for countdown text. */
export function errorView(state: ErrorViewState, format: (secondsLeft: number) => string): { el: HTMLElement; tick(): boolean } {
  const msg = h('span', { class: 'msg', text: state.message });
  const retry = state.retry
    ? h('button', { class: 'btn v-soft c-secondary', attrs: { type: 'button' }, text: 'Retry', on: { click: () => state.retry?.() } }, icon('reload'))
    : null;
  const el = h('div', { class: 'error-box', attrs: { role: 'alert' } }, icon('warning'), msg,
    state.reference ? h('span', { class: 'sr-only', text: `Reference ${state.reference}` }) : null, retry);
  if (state.reference) el.title = `Reference: ${state.reference}`;
  const tick = (): boolean => {
    if (!state.retryAt) return false;
    const left = Math.ceil((state.retryAt - Date.now()) / 1000);
    msg.textContent = format(Math.max(0, left));
    if (retry) retry.disabled = left > 0;
    return left > 0;
  };
  tick();
  return { el, tick };
}

/** Theme option → class names and CSS custom properties on the root. */
export function applyTheme(root: HTMLElement, theme: AtriumChatOptions['theme']): 'light' | 'dark' {
  const t: ThemeOption = typeof theme === 'string' ? { colorScheme: theme } : theme ?? {};
  const scheme = t.colorScheme === 'dark' ? 'dark' : 'light';
  root.classList.toggle('dark', scheme === 'dark');
  root.classList.toggle('compact', t.density === 'compact');
  root.classList.toggle('spacious', t.density === 'spacious');
  const vars: Record<string, string | undefined> = {
    '--accent': t.color?.accent?.primary,
    '--r': t.radius ? { pill: '18px', round: '12px', soft: '8px', sharp: '2px' }[t.radius] : undefined,
    '--fs': t.typography?.baseSize ? `${Math.min(18, Math.max(14, t.typography.baseSize))}px` : undefined,
    '--font': t.typography?.fontFamily,
    '--mono': t.typography?.fontFamilyMono,
    '--surface': t.color?.surface?.background,
    '--fg': t.color?.surface?.foreground,
  };
  const g = t.color?.grayscale;
  if (g && Number.isFinite(g.hue)) {
    const sat = Math.min(9, Math.max(0, g.tint ?? 2)) * 2;
    const dark = scheme === 'dark';
    vars['--surface-2'] = `hsl(${g.hue} ${sat}% ${dark ? 15 : 96}%)`;
    vars['--surface-3'] = `hsl(${g.hue} ${sat}% ${dark ? 19 : 92}%)`;
    vars['--border'] = `hsl(${g.hue} ${sat}% ${dark ? 24 : 87}%)`;
  }
  for (const [k, v] of Object.entries(vars)) {
    if (v && !/url\(|[;{}<>\\]/i.test(v)) root.style.setProperty(k, v);
    else root.style.removeProperty(k);
  }
  return scheme;
}

export function disclaimerView(el: HTMLElement, opts: AtriumChatOptions, md: (v: string) => DocumentFragment): void {
  clear(el);
  const d = opts.disclaimer;
  el.hidden = !d?.text;
  el.classList.toggle('hc', !!d?.highContrast);
  if (d?.text) el.appendChild(md(d.text));
}
