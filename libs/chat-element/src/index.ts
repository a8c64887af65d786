/**
 * `<atrium-chat>` entry point (ES module and classic script). Importing or loading it
 * defines the element; the module also exports the class, `createSessionFetch` and the
 * option/event types. Classic-script hosts reach `createSessionFetch` as
 * `customElements.get('atrium-chat').createSessionFetch` (no other global is created).
 */
import { AtriumChatElement, defineAtriumChat } from './element.js';

export { AtriumChatElement, defineAtriumChat };
export { createSessionFetch, jwtExpiry, type SessionFetch, type SessionFetchOptions } from './api/session-fetch.js';
export { ChatKitError } from './api/errors.js';
export type * from './types.js';

defineAtriumChat();

declare global {
  interface HTMLElementTagNameMap {
    'atrium-chat': AtriumChatElement;
  }
}
