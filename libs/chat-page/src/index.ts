/**
 * The chat surfaces around `<atrium-chat>`: the embeddable bubble (also the admin's
 * Canvas bubble), the shared surface with its full-area states, and telemetry.
 * `page.ts` and `embed.ts` are the entry points of `/chat-assets/page.js` and `/embed.js`.
 */
export { mountChatBubble, type ChatBubble, type ChatBubbleOptions } from './bubble';
export { ChatSurface, errorOfResponse, toSurfaceError, type ChatSurfaceOptions, type SurfaceConfig, type SurfaceError } from './chat-surface';
export { contactLink, type ContactLink } from './contact';
export { describeState, type StateDescription, type SurfaceState } from './state-copy';
export { createTelemetry, type Telemetry, type TelemetryOptions } from './telemetry';
export { loadElementScript } from './element-loader';
