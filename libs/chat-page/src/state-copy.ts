/**
 * What each full-area state of a chat surface says and offers, as data: the server
 * renders it to HTML (the page's states work without any script) and the browser
 * renders it to DOM (states.ts), so both always show the same copy. No DOM here.
 */
import { contactLink } from './contact';
import type { IconName } from './icons';

export type SurfaceState =
  | { kind: 'loading' }
  | { kind: 'chat' }
  /** The workflow requires login; `loginUrl` null: no identity provider is configured. */
  | { kind: 'login'; loginUrl: string | null }
  /** Bubble: the sign-in window is open. */
  | { kind: 'login_waiting'; loginUrl: string }
  /** Bubble: still no session after signing in (e.g. the browser keeps the sign-in cookie from this site). */
  | { kind: 'login_blocked'; loginUrl: string }
  /** A sign-in (or, on the Canvas, a chat session) that worked has run out. */
  | { kind: 'expired'; loginUrl: string | null }
  | { kind: 'unavailable' }
  /** The embedding page's origin is not among the workflow's allowed origins. */
  | { kind: 'origin'; origin: string }
  | { kind: 'rate_limited'; retryAt: number }
  | { kind: 'unreachable' }
  /** Anything else that keeps the chat from starting (script failed to load, server error). */
  | { kind: 'failed' };

export type StateKind = SurfaceState['kind'];

/** A piece of a paragraph: text, a link, or the live "n seconds" of a countdown. */
export type Inline = string | { text: string; href: string; external?: boolean } | { countdownTo: number };

/** One paragraph; `contact` marks the support-contact line (smaller type). */
export interface Paragraph {
  parts: Inline[];
  contact?: boolean;
}

export interface StateAction {
  label: string;
  primary: boolean;
  /** A link (sign-in, the chat page). */
  href?: string;
  external?: boolean;
  /** `sign_in`: the surface may run it in a window of its own; `retry`: leave the state / start again. */
  does?: 'sign_in' | 'retry';
  /** Rate limit: enabled once the countdown reaches zero. */
  disabledUntil?: number;
}

export interface StateDescription {
  kind: StateKind;
  icon: IconName;
  title: string;
  paragraphs: Paragraph[];
  actions: StateAction[];
  /** Shown with the warning colour. */
  warn: boolean;
}

export interface StateCopyContext {
  /** The workflow's name. */
  name: string;
  supportContact: string | null;
  /** The chat's own page (offered by the bubble when sign-in cannot work where it is embedded). */
  chatUrl: string | null;
  /** Canvas chats run on session tokens: they "reconnect" rather than "sign in". */
  sessionTokens: boolean;
}

function contact(ctx: StateCopyContext, fallback: string): Paragraph {
  if (!ctx.supportContact) return { parts: [fallback], contact: true };
  const c = contactLink(ctx.supportContact);
  return { parts: ['Need help? Contact ', c.href ? { text: c.text, href: c.href, external: c.href.startsWith('http') } : c.text, '.'], contact: true };
}

const para = (...parts: Inline[]): Paragraph => ({ parts });

const retry = (label: string, primary = true): StateAction => ({ label, primary, does: 'retry' });
const signIn = (label: string, href: string): StateAction => ({ label, primary: true, href, does: 'sign_in' });

/** The copy of every state but `loading` and `chat` (which show a spinner / the chat). */
export function describeState(state: Exclude<SurfaceState, { kind: 'loading' } | { kind: 'chat' }>, ctx: StateCopyContext): StateDescription {
  const base = { kind: state.kind, warn: false };
  switch (state.kind) {
    case 'login':
      return state.loginUrl
        ? { ...base, icon: 'lock', title: 'Sign in to chat', paragraphs: [para(`${ctx.name} is available to signed-in employees. Sign in with your company account to continue.`)], actions: [signIn('Sign in', state.loginUrl)] }
        : {
            ...base,
            icon: 'lock',
            title: 'Sign-in isn’t set up yet',
            paragraphs: [para(`${ctx.name} is only for signed-in employees, but sign-in hasn’t been configured on this server yet.`), contact(ctx, 'Please let your administrator know.')],
            actions: [],
          };
    case 'login_waiting':
      return {
        ...base,
        icon: 'lock',
        title: 'Finish signing in',
        paragraphs: [para('Complete the sign-in in the window that opened. The chat starts here as soon as you’re signed in.')],
        actions: [retry('I’ve signed in'), { label: 'Open sign-in again', primary: false, href: state.loginUrl, does: 'sign_in' }],
      };
    case 'login_blocked':
      return {
        ...base,
        icon: 'shield',
        title: 'Still not signed in',
        paragraphs: [para('If you already signed in, your browser may be keeping the sign-in from this site. You can use the chat on its own page instead.')],
        actions: [
          ctx.chatUrl ? { label: 'Open the chat page', primary: true, href: ctx.chatUrl, external: true } : signIn('Sign in', state.loginUrl),
          retry('Try again', false),
        ],
      };
    case 'expired':
      if (ctx.sessionTokens) {
        return { ...base, icon: 'clock', title: 'The chat session ended', paragraphs: [para('Your chat session could not be renewed. Reconnect to continue — your conversation is saved.')], actions: [retry('Reconnect')] };
      }
      return {
        ...base,
        icon: 'clock',
        title: 'Your session has expired',
        paragraphs: [para('For your security, sign-ins expire after a while. Sign in again to pick up where you left off — your conversation is saved.')],
        actions: [state.loginUrl ? signIn('Sign in again', state.loginUrl) : retry('Try again')],
      };
    case 'unavailable':
      return {
        ...base,
        icon: 'unavailable',
        title: 'This chat isn’t available',
        paragraphs: [para('It may have been taken offline, or the link may be incomplete.'), contact(ctx, 'If you think this is a mistake, ask the person who shared it with you.')],
        actions: [],
      };
    case 'origin':
      return {
        ...base,
        warn: true,
        icon: 'shield',
        title: 'This chat can’t be used on this site',
        paragraphs: [para(`The chat’s settings don’t allow it on ${state.origin}. An administrator can add this site to the workflow’s allowed origins.`), contact(ctx, 'Please let your administrator know.')],
        actions: [],
      };
    case 'rate_limited':
      return {
        ...base,
        icon: 'clock',
        title: 'Let’s slow down a little',
        paragraphs: [para('You’re sending messages faster than this chat allows. You can continue in ', { countdownTo: state.retryAt }, '.')],
        actions: [{ ...retry('Back to the chat'), disabledUntil: state.retryAt }],
      };
    case 'unreachable':
      return {
        ...base,
        warn: true,
        icon: 'offline',
        title: 'Can’t reach the chat right now',
        paragraphs: [para('Check your internet connection. We’ll reconnect automatically as soon as the chat server answers.')],
        actions: [retry('Try again')],
      };
    case 'failed':
      return {
        ...base,
        warn: true,
        icon: 'alert',
        title: 'The chat couldn’t start',
        paragraphs: [para('Something went wrong while starting the chat. Please try again in a moment.'), contact(ctx, 'If it keeps happening, let your administrator know.')],
        actions: [retry('Try again')],
      };
  }
}

/** "1 second", "12 seconds". */
export function secondsText(n: number): string {
  return `${n} second${n === 1 ? '' : 's'}`;
}
