/**
 * Public option, method and event types of `<atrium-chat>`. They mirror ChatKit.js
 * (`@openai/chatkit` types, chatkit-protocol.md §9) so code written for
 * `<openai-chatkit>` carries over; Atrium additions are marked.
 */
import type {
  Action,
  Attachment,
  ClientThreadItem,
  IconName,
  UserMessageContent,
  WidgetItem,
} from '../../protocol/src/index.js';

export type ColorScheme = 'light' | 'dark';

export interface ThemeOption {
  colorScheme?: ColorScheme;
  radius?: 'pill' | 'round' | 'soft' | 'sharp';
  density?: 'compact' | 'normal' | 'spacious';
  typography?: { baseSize?: number; fontFamily?: string; fontFamilyMono?: string };
  color?: {
    grayscale?: { hue: number; tint?: number; shade?: number };
    accent?: { primary: string; level?: number };
    surface?: { background: string; foreground: string };
  };
}

/** Upload strategies of ChatKit.js (`api.uploadStrategy`). */
export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Self-hosted ("custom API") configuration. */
export interface CustomApiConfig {
  url: string;
  /** Required by ChatKit.js (domain allowlist); only used by `renderer: "openai"`. */
  domainKey?: string;
  /** Used instead of the global fetch for every protocol request (add auth headers here). */
  fetch?: FetchLike;
  uploadStrategy?: UploadStrategy;
  /**
   * Atrium: headers for attachment uploads, which go through XMLHttpRequest (for progress)
   * rather than `fetch`. Not needed with {@link createSessionFetch}, whose fetch exposes them.
   */
  uploadHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
}

/** Hosted mode of ChatKit.js; only usable with `renderer: "openai"`. */
export interface HostedApiConfig {
  getClientSecret(current: string | null): Promise<string>;
}

export interface HeaderAction {
  icon: IconName | string;
  onClick: () => void;
  /** Atrium: accessible name (defaults to the icon name). */
  label?: string;
}

export interface StartScreenPrompt {
  label: string;
  prompt: string | UserMessageContent[];
  icon?: IconName | string;
}

/** `accept`: MIME type → extensions (ChatKit.js), or a plain list of MIME types / extensions. */
export type AttachmentAccept = Record<string, string[]> | string[];

export interface AttachmentsOption {
  enabled: boolean;
  /** Bytes; a number, or per-MIME limits (`{"image/*": 5e6, "application/pdf": 2e7}`). Default 100 MB. */
  maxSize?: number | Record<string, number>;
  /** Default 10. */
  maxCount?: number;
  accept?: AttachmentAccept;
}

export interface ClientToolCall {
  name: string;
  params: Record<string, unknown>;
}

export interface AtriumChatOptions {
  api: CustomApiConfig | HostedApiConfig;
  /** Atrium: the workflow to talk to; sent as `metadata.workflow_id` and `?workflow_id=`. */
  workflowId?: string;
  /** Atrium: `"builtin"` (default) or `"openai"` (load ChatKit.js, fall back to builtin). */
  renderer?: 'builtin' | 'openai';
  /** Atrium: where ChatKit.js is loaded from with `renderer: "openai"`. */
  openaiScriptUrl?: string;
  locale?: string;
  frameTitle?: string;
  initialThread?: string | null;
  theme?: ColorScheme | ThemeOption;
  header?: {
    enabled?: boolean;
    title?: { enabled?: boolean; text?: string };
    leftAction?: HeaderAction;
    rightAction?: HeaderAction;
  };
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean };
  startScreen?: { greeting?: string; prompts?: StartScreenPrompt[] };
  composer?: { placeholder?: string; attachments?: AttachmentsOption };
  threadItemActions?: { feedback?: boolean; retry?: boolean };
  disclaimer?: { text: string; highContrast?: boolean };
  widgets?: { onAction?: (action: Action, widgetItem: WidgetItem) => void | Promise<void> };
  thread?: { autoScroll?: boolean };
  onClientTool?: (toolCall: ClientToolCall) => unknown | Promise<unknown>;
}

export interface SendUserMessageParams {
  text?: string;
  content?: UserMessageContent[];
  reply?: string;
  /** Already uploaded attachments (objects or ids). */
  attachments?: (Attachment | string)[];
  newThread?: boolean;
  toolChoice?: string;
  model?: string;
}

export interface SetComposerValueParams {
  text?: string;
  content?: UserMessageContent[];
  reply?: string;
  attachments?: Attachment[];
  files?: File[];
  selectedToolId?: string | null;
  selectedModelId?: string | null;
}

/** `detail` of each DOM event the element dispatches. */
export interface AtriumChatEventMap {
  'chatkit.ready': undefined;
  'chatkit.error': { error: Error };
  'chatkit.effect': { name: string; data?: Record<string, unknown> };
  'chatkit.response.start': undefined;
  'chatkit.response.end': undefined;
  'chatkit.thread.change': { threadId: string | null };
  'chatkit.thread.load.start': { threadId: string };
  'chatkit.thread.load.end': { threadId: string };
  'chatkit.log': { name: string; data?: Record<string, unknown> };
  'chatkit.history.open': undefined;
  'chatkit.history.close': undefined;
  /** Atrium: a client-handled widget action (also given to `widgets.onAction`). */
  'chatkit.widget.action': { action: Action; item: WidgetItem };
}

export type AtriumChatEventName = keyof AtriumChatEventMap;

/** Items the element renders (hidden context never reaches a client). */
export type Item = ClientThreadItem;
