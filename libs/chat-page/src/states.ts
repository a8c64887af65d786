/**
 * Renders a chat surface's full-area state (state-copy.ts) to DOM: a focusable card
 * with a heading, the copy, and its actions wired to the surface. The rate-limit
 * card counts down and enables "Back to the chat" when the wait is over.
 */
import { h, icon } from './dom';
import { describeState, secondsText, type StateCopyContext, type SurfaceState } from './state-copy';

export interface StateHandlers {
  /** Leave the state (rate limit over, server back, signed in) or start again. */
  retry(): void;
  /**
   * Runs a sign-in. Return true when handled (e.g. a popup opened); false lets the
   * link navigate (the page) or open in a new tab (`target` set by the caller).
   */
  signIn(loginUrl: string): boolean;
  /** Where sign-in links open when `signIn` does not handle them: this window or a new tab. */
  signInTarget: '_self' | '_blank';
}

export interface RenderedState {
  el: HTMLElement;
  /** Stops timers (countdowns). */
  dispose(): void;
}

const leftSeconds = (at: number) => Math.max(0, Math.ceil((at - Date.now()) / 1000));

export function renderState(state: SurfaceState, ctx: StateCopyContext, handlers: StateHandlers): RenderedState {
  if (state.kind === 'chat') return { el: h('div'), dispose: () => {} };
  if (state.kind === 'loading') {
    return {
      el: h('section', { class: 'state', attrs: { 'data-state': 'loading', role: 'status', tabindex: -1 } }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('p', { text: 'Starting the chat…' })),
      dispose: () => {},
    };
  }
  const d = describeState(state, ctx);
  const ticking: Array<() => boolean> = [];
  const titleId = `atrium-state-title-${d.kind}`;

  const paragraphs = d.paragraphs.map((para) =>
    h('p', { class: para.contact ? 'contact' : undefined },
      ...para.parts.map((part) => {
        if (typeof part === 'string') return part;
        if ('countdownTo' in part) {
          const span = h('span', { class: 'countdown', text: secondsText(leftSeconds(part.countdownTo)) });
          ticking.push(() => {
            const left = leftSeconds(part.countdownTo);
            span.textContent = secondsText(left);
            return left > 0;
          });
          return span;
        }
        return h('a', { text: part.text, attrs: { href: part.href, target: part.external ? '_blank' : undefined, rel: part.external ? 'noopener' : undefined } });
      }),
    ),
  );

  const live = h('p', { class: 'sr-only', attrs: { role: 'status' } });
  const actions = d.actions.map((a) => {
    const cls = a.primary ? 'btn' : 'btn secondary';
    if (a.href) {
      const target = a.does === 'sign_in' ? handlers.signInTarget : a.external ? '_blank' : undefined;
      const link = h('a', { class: cls, text: a.label, attrs: { href: a.href, target, rel: target === '_blank' ? 'noopener' : undefined } });
      if (a.does === 'sign_in') {
        link.addEventListener('click', (e) => {
          if (handlers.signIn(a.href as string)) e.preventDefault();
        });
      }
      return link;
    }
    const button = h('button', { class: cls, text: a.label, attrs: { type: 'button', disabled: a.disabledUntil !== undefined && leftSeconds(a.disabledUntil) > 0 }, on: { click: () => handlers.retry() } });
    if (a.disabledUntil !== undefined) {
      const until = a.disabledUntil;
      ticking.push(() => {
        if (leftSeconds(until) > 0) return true;
        if (button.disabled) {
          button.disabled = false;
          live.textContent = 'You can continue now.';
        }
        return false;
      });
    }
    return button;
  });

  const el = h(
    'section',
    { class: `state${d.warn ? ' warn' : ''}`, attrs: { 'data-state': d.kind, 'aria-labelledby': titleId, tabindex: -1 } },
    h('div', { class: 'state-icon' }, icon(d.icon)),
    h('h2', { text: d.title, attrs: { id: titleId } }),
    ...paragraphs,
    actions.length ? h('div', { class: 'actions' }, ...actions) : null,
    live,
  );

  let timer: ReturnType<typeof setInterval> | undefined;
  if (ticking.length) {
    timer = setInterval(() => {
      const running = ticking.map((t) => t()).some(Boolean);
      if (!running) clearInterval(timer);
    }, 1000);
  }
  return { el, dispose: () => clearInterval(timer) };
}
