/**
 * `renderer: "openai"`: loads the official ChatKit.js (a classic script that defines
 * `<openai-chatkit>`) and maps Atrium's options onto it. The caller falls back to the
 * built-in renderer when the script fails or does not define the element in time.
 */
import { withWorkflowId } from './api/client.js';
import type { AtriumChatOptions } from './types.js';

export const OPENAI_CHATKIT_SCRIPT_URL = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js';
export const OPENAI_LOAD_TIMEOUT_MS = 5000;

/** The part of `<openai-chatkit>` the element drives. */
export interface OpenAIChatKitElement extends HTMLElement {
  setOptions(options: unknown): void;
  [method: string]: unknown;
}

/** Events re-dispatched from `<openai-chatkit>` on `<atrium-chat>`. */
export const FORWARDED_EVENTS = [
  'chatkit.ready', 'chatkit.error', 'chatkit.effect', 'chatkit.deeplink', 'chatkit.response.start',
  'chatkit.response.end', 'chatkit.thread.change', 'chatkit.thread.load.start', 'chatkit.thread.load.end',
  'chatkit.tool.change', 'chatkit.log', 'chatkit.history.open', 'chatkit.history.close',
];

/** Resolves once `<openai-chatkit>` is defined; rejects on a script error or after `timeoutMs`. */
export function loadOpenAIChatKit(url: string, timeoutMs = OPENAI_LOAD_TIMEOUT_MS): Promise<void> {
  if (customElements.get('openai-chatkit')) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`ChatKit.js did not load within ${timeoutMs} ms`)), timeoutMs);
    void customElements.whenDefined('openai-chatkit').then(() => finish());
    let script = [...document.querySelectorAll<HTMLScriptElement>('script[data-atrium-chatkit]')].find((s) => s.src === new URL(url, document.baseURI).href);
    if (!script) {
      script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.setAttribute('data-atrium-chatkit', '');
      document.head.appendChild(script);
    }
    script.addEventListener('error', () => finish(new Error(`ChatKit.js could not be loaded from ${url}`)));
  });
}

/** ChatKit.js options: Atrium-only keys removed, the workflow carried in the URL. */
export function toOpenAIOptions(opts: AtriumChatOptions): Record<string, unknown> {
  const { workflowId, renderer: _r, openaiScriptUrl: _u, api, header, ...rest } = opts;
  const out: Record<string, unknown> = { ...rest };
  if ('url' in api) {
    const { uploadHeaders: _h, ...custom } = api;
    out.api = { ...custom, url: withWorkflowId(api.url, workflowId), domainKey: api.domainKey ?? 'domain_pk_localhost_dev' };
  } else out.api = api;
  if (header) {
    const strip = (a: { icon: string; onClick: () => void; label?: string } | undefined) => (a ? { icon: a.icon, onClick: a.onClick } : undefined);
    out.header = { ...header, leftAction: strip(header.leftAction), rightAction: strip(header.rightAction) };
    for (const k of ['leftAction', 'rightAction']) if ((out.header as Record<string, unknown>)[k] === undefined) delete (out.header as Record<string, unknown>)[k];
  }
  return out;
}
