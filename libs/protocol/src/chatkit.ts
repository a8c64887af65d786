/**
 * ChatKit wire protocol (self-hosted "custom API" mode), field for field as
 * chatkit-python's `chatkit/types.py` (openai-chatkit 1.6.5) puts it on the wire.
 * Mirrors the reference implementation (openai/chatkit-python) field by field.
 *
 * Conventions, as the reference serializer (`exclude_none=True`):
 * - snake_case field names; widget trees (from `@atrium/widgets`) are camelCase;
 * - `?` fields are omitted when unset, never `null`;
 * - fields with a default are always present on output, so they are required here
 *   (e.g. `attachments`, `annotations`, `allow_retry`, `status`, `metadata`). Request
 *   types are the *parsed* form: defaults (`metadata: {}`, `order: "desc"`, ...) are
 *   filled in by `parseChatKitRequest`; see `ChatKitRequestInput` for what a client
 *   may send.
 *
 * This file is types plus a few tiny constants: the browser element can import it
 * without pulling in zod (the validator lives in `chatkit.schema.ts`).
 */
import type { IsoDateTime } from './api';
import type { IconName, WidgetComponent, WidgetRoot } from '@atrium/widgets';

export type {
  ActionConfig,
  ActionHandler,
  IconName,
  LoadingBehavior,
  ResolvedActionConfig,
  WidgetComponent,
  WidgetRoot,
} from '@atrium/widgets';

// ===========================================================================
// Pagination
// ===========================================================================

/** ChatKit page (`Page[T]` in the reference). `after` = id of the last row; absent when unset. */
export interface ChatKitPage<T> {
  data: T[];
  has_more: boolean;
  after?: string;
}

// ===========================================================================
// Threads
// ===========================================================================

export interface ActiveStatus {
  type: 'active';
}
/** Composer visible but disabled; `reason` shown as its placeholder. */
export interface LockedStatus {
  type: 'locked';
  reason?: string;
}
/** Composer replaced by a banner. */
export interface ClosedStatus {
  type: 'closed';
  reason?: string;
}
export type ThreadStatus = ActiveStatus | LockedStatus | ClosedStatus;
export type ThreadStatusType = ThreadStatus['type'];

export interface ThreadMetadata {
  id: string;
  title?: string;
  created_at: IsoDateTime;
  /** Default `{type: "active"}`. */
  status: ThreadStatus;
  allowed_image_domains?: string[];
  /** Server-only; always serialized as `{}` in responses. */
  metadata: Record<string, unknown>;
}

export interface Thread extends ThreadMetadata {
  items: ChatKitPage<ThreadItem>;
}

// ===========================================================================
// Thread items
// ===========================================================================

export interface ThreadItemBase {
  id: string;
  thread_id: string;
  created_at: IsoDateTime;
}

export interface UserMessageItem extends ThreadItemBase {
  type: 'user_message';
  content: UserMessageContent[];
  /** Resolved attachment objects (with `thread_id`), default `[]`. */
  attachments: Attachment[];
  quoted_text?: string;
  /** Required; may be `{}`. */
  inference_options: InferenceOptions;
}

export interface AssistantMessageItem extends ThreadItemBase {
  type: 'assistant_message';
  content: AssistantMessageContent[];
}

export interface ClientToolCallItem extends ThreadItemBase {
  type: 'client_tool_call';
  /** Default `"pending"`. */
  status: 'pending' | 'completed';
  call_id: string;
  name: string;
  arguments: Record<string, unknown>;
  output?: unknown;
}

export interface WidgetItem extends ThreadItemBase {
  type: 'widget';
  widget: WidgetRoot;
  /** Text put on the clipboard by the copy button. */
  copy_text?: string;
}

export interface GeneratedImage {
  id: string;
  url: string;
}

export interface GeneratedImageItem extends ThreadItemBase {
  type: 'generated_image';
  /** Absent while generating. */
  image?: GeneratedImage;
}

export interface StructuredInputItem extends ThreadItemBase {
  type: 'structured_input';
  /** Default `"pending"`. */
  status: 'pending' | 'answered' | 'skipped';
  inputs: StructuredInput[];
}

export interface WorkflowItem extends ThreadItemBase {
  type: 'workflow';
  workflow: Workflow;
}

export interface TaskItem extends ThreadItemBase {
  type: 'task';
  task: Task;
}

/** Marker: the assistant ends its turn. */
export interface EndOfTurnItem extends ThreadItemBase {
  type: 'end_of_turn';
}

/** Stored in the thread, never sent to the client. */
export interface HiddenContextItem extends ThreadItemBase {
  type: 'hidden_context_item';
  content: unknown;
}

/** SDK-internal context (e.g. "the user cancelled"); never sent to the client. */
export interface SdkHiddenContextItem extends ThreadItemBase {
  type: 'sdk_hidden_context';
  content: string;
}

export type ThreadItem =
  | UserMessageItem
  | AssistantMessageItem
  | ClientToolCallItem
  | WidgetItem
  | GeneratedImageItem
  | StructuredInputItem
  | WorkflowItem
  | TaskItem
  | HiddenContextItem
  | SdkHiddenContextItem
  | EndOfTurnItem;
export type ThreadItemType = ThreadItem['type'];

/** Item types that are persisted but never sent to the client (events, threads, item pages). */
export const HIDDEN_THREAD_ITEM_TYPES = ['hidden_context_item', 'sdk_hidden_context'] as const;
export type HiddenThreadItem = HiddenContextItem | SdkHiddenContextItem;
/** Items a client can receive. */
export type ClientThreadItem = Exclude<ThreadItem, HiddenThreadItem>;

export function isHiddenThreadItem(item: ThreadItem): item is HiddenThreadItem {
  return (HIDDEN_THREAD_ITEM_TYPES as readonly string[]).includes(item.type);
}

// ===========================================================================
// User input
// ===========================================================================

export interface UserMessageTextContent {
  type: 'input_text';
  text: string;
}

/** An @-mention of an entity. */
export interface UserMessageTagContent {
  type: 'input_tag';
  id: string;
  text: string;
  data: Record<string, unknown>;
  group?: string;
  /** Default `false`. */
  interactive: boolean;
}

export type UserMessageContent = UserMessageTextContent | UserMessageTagContent;

export interface ToolChoice {
  id: string;
}

/** From the composer's tool menu and model picker. */
export interface InferenceOptions {
  tool_choice?: ToolChoice;
  model?: string;
}

/** The request-side message: attachments are ids. */
export interface UserMessageInput {
  content: UserMessageContent[];
  /** Attachment ids; required, may be `[]`. */
  attachments: string[];
  quoted_text?: string;
  /** Required; may be `{}`. */
  inference_options: InferenceOptions;
}

// ===========================================================================
// Attachments
// ===========================================================================

/** Two-phase upload instructions; omitted once uploaded or for direct uploads. */
export interface AttachmentUploadDescriptor {
  url: string;
  method: 'POST' | 'PUT';
  /** Default `{}`. */
  headers: Record<string, string>;
}

export interface AttachmentBase {
  id: string;
  name: string;
  mime_type: string;
  upload_descriptor?: AttachmentUploadDescriptor;
  /** Set when the user message carrying it is saved. */
  thread_id?: string;
  /** Integration-only; stripped from every response. */
  metadata?: Record<string, unknown>;
}

export interface FileAttachment extends AttachmentBase {
  type: 'file';
}

export interface ImageAttachment extends AttachmentBase {
  type: 'image';
  /** Required for images; may be a short-lived signed URL. */
  preview_url: string;
}

export type Attachment = FileAttachment | ImageAttachment;

// ===========================================================================
// Assistant content, annotations, sources
// ===========================================================================

export interface AssistantMessageContent {
  type: 'output_text';
  /** GitHub-flavoured Markdown. */
  text: string;
  /** Default `[]`. */
  annotations: Annotation[];
}

export interface Annotation {
  type: 'annotation';
  source: Source;
  /** Character offset of the footnote marker in the text. */
  index?: number;
}

export interface SourceBase {
  title: string;
  description?: string;
  timestamp?: string;
  group?: string;
}

export interface UrlSource extends SourceBase {
  type: 'url';
  url: string;
  attribution?: string;
}

export interface FileSource extends SourceBase {
  type: 'file';
  filename: string;
}

export interface EntitySource extends SourceBase {
  type: 'entity';
  id: string;
  icon?: IconName;
  /** Label next to the icon in the default hover header. */
  label?: string;
  /** Label of the inline annotation (icon when absent). */
  inline_label?: string;
  /** Default `false`. */
  interactive: boolean;
  /** Default `{}`; passed to client entity callbacks. */
  data: Record<string, unknown>;
  /** @deprecated ignored by clients; use `entities.onRequestPreview`. */
  preview?: 'lazy';
}

export type Source = UrlSource | FileSource | EntitySource;

// ===========================================================================
// Workflows and tasks
// ===========================================================================

export interface CustomSummary {
  title: string;
  icon?: IconName;
}

export interface DurationSummary {
  /** Seconds. */
  duration: number;
}

export type WorkflowSummary = CustomSummary | DurationSummary;

export interface Workflow {
  type: 'custom' | 'reasoning';
  tasks: Task[];
  summary?: WorkflowSummary;
  /** Default `false`. */
  expanded: boolean;
}

export type TaskStatusIndicator = 'none' | 'loading' | 'complete';

export interface TaskBase {
  /** Default `"none"`; only used when rendered inside a workflow. */
  status_indicator: TaskStatusIndicator;
}

export interface CustomTask extends TaskBase {
  type: 'custom';
  title?: string;
  icon?: IconName;
  content?: string;
}

export interface SearchTask extends TaskBase {
  type: 'web_search';
  title?: string;
  title_query?: string;
  /** Default `[]`. */
  queries: string[];
  /** Default `[]`. */
  sources: UrlSource[];
}

export interface ThoughtTask extends TaskBase {
  type: 'thought';
  title?: string;
  content: string;
}

export interface FileTask extends TaskBase {
  type: 'file';
  title?: string;
  /** Default `[]`. */
  sources: FileSource[];
}

export interface ImageTask extends TaskBase {
  type: 'image';
  title?: string;
}

export type Task = CustomTask | SearchTask | ThoughtTask | FileTask | ImageTask;

// ===========================================================================
// Structured input
// ===========================================================================

export interface StructuredInputAnswer {
  /** Default `[]`. */
  values: string[];
  /** Default `false`. */
  skipped: boolean;
}

export interface StructuredInputBase {
  id: string;
  question: string;
  answer?: StructuredInputAnswer;
}

export interface StructuredInputMultipleChoiceOption {
  value: string;
}

export interface StructuredInputMultipleChoice extends StructuredInputBase {
  type: 'multiple_choice';
  options: StructuredInputMultipleChoiceOption[];
  /** Default `false`. */
  multiple: boolean;
}

export interface StructuredInputFreeform extends StructuredInputBase {
  type: 'freeform';
  description?: string;
}

export type StructuredInput = StructuredInputMultipleChoice | StructuredInputFreeform;

/** One answer in `threads.add_structured_input`. */
export interface StructuredInputAnswerSubmission {
  /** Default `[]`. */
  values: string[];
  /** Default `false`. */
  skipped: boolean;
}

export interface StructuredInputSubmission {
  /** Default `"answered"`. */
  status: 'answered' | 'skipped';
  /** Keyed by structured input id; default `{}`. */
  answers: Record<string, StructuredInputAnswerSubmission>;
}

// ===========================================================================
// Actions (custom actions sent by the client)
// ===========================================================================

/** What the client sends in `threads.custom_action` / `threads.sync_custom_action`. */
export interface Action<TType extends string = string, TPayload = unknown> {
  type: TType;
  /** Untrusted (and merged with form values when fired inside a form). */
  payload?: TPayload;
}

export type FeedbackKind = 'positive' | 'negative';

// ===========================================================================
// Requests
// ===========================================================================

export interface ChatKitRequestBase<TType extends string, TParams> {
  type: TType;
  params: TParams;
  /** Free-form; default `{}`. The reference parses but never uses it. */
  metadata: Record<string, unknown>;
}

export interface ThreadCreateParams {
  input: UserMessageInput;
}
export interface ThreadAddUserMessageParams {
  thread_id: string;
  input: UserMessageInput;
}
export interface ThreadAddClientToolOutputParams {
  thread_id: string;
  /** Required key; any JSON (including `null`). */
  result: unknown;
}
export interface ThreadAddStructuredInputParams {
  thread_id: string;
  item_id: string;
  input: StructuredInputSubmission;
}
export interface ThreadRetryAfterItemParams {
  thread_id: string;
  /** Must be a user message. */
  item_id: string;
}
export interface ThreadCustomActionParams {
  thread_id: string;
  /** The sending widget item, if any. */
  item_id?: string;
  action: Action;
}
export interface ThreadGetByIdParams {
  thread_id: string;
}
export interface ThreadListParams {
  /** Default 20 (also when 0). */
  limit?: number;
  /** Default `"desc"`. */
  order: 'asc' | 'desc';
  after?: string;
}
export interface ThreadUpdateParams {
  thread_id: string;
  title: string;
}
export interface ThreadDeleteParams {
  thread_id: string;
}
export interface ItemsListParams {
  thread_id: string;
  /** Default 20 (also when 0). */
  limit?: number;
  /** Default `"desc"`. */
  order: 'asc' | 'desc';
  after?: string;
}
export interface ItemFeedbackParams {
  thread_id: string;
  item_ids: string[];
  kind: FeedbackKind;
}
export interface AttachmentCreateParams {
  name: string;
  /** Bytes. */
  size: number;
  mime_type: string;
}
export interface AttachmentDeleteParams {
  attachment_id: string;
}
export interface InputTranscribeParams {
  audio_base64: string;
  /** Raw MIME type, e.g. `audio/webm;codecs=opus`. */
  mime_type: string;
}

export type ThreadsCreateRequest = ChatKitRequestBase<'threads.create', ThreadCreateParams>;
export type ThreadsAddUserMessageRequest = ChatKitRequestBase<'threads.add_user_message', ThreadAddUserMessageParams>;
export type ThreadsAddClientToolOutputRequest = ChatKitRequestBase<'threads.add_client_tool_output', ThreadAddClientToolOutputParams>;
export type ThreadsAddStructuredInputRequest = ChatKitRequestBase<'threads.add_structured_input', ThreadAddStructuredInputParams>;
export type ThreadsRetryAfterItemRequest = ChatKitRequestBase<'threads.retry_after_item', ThreadRetryAfterItemParams>;
export type ThreadsCustomActionRequest = ChatKitRequestBase<'threads.custom_action', ThreadCustomActionParams>;
export type ThreadsSyncCustomActionRequest = ChatKitRequestBase<'threads.sync_custom_action', ThreadCustomActionParams>;
export type ThreadsGetByIdRequest = ChatKitRequestBase<'threads.get_by_id', ThreadGetByIdParams>;
export type ThreadsListRequest = ChatKitRequestBase<'threads.list', ThreadListParams>;
export type ThreadsUpdateRequest = ChatKitRequestBase<'threads.update', ThreadUpdateParams>;
export type ThreadsDeleteRequest = ChatKitRequestBase<'threads.delete', ThreadDeleteParams>;
export type ItemsListRequest = ChatKitRequestBase<'items.list', ItemsListParams>;
export type ItemsFeedbackRequest = ChatKitRequestBase<'items.feedback', ItemFeedbackParams>;
export type AttachmentsCreateRequest = ChatKitRequestBase<'attachments.create', AttachmentCreateParams>;
export type AttachmentsDeleteRequest = ChatKitRequestBase<'attachments.delete', AttachmentDeleteParams>;
export type InputTranscribeRequest = ChatKitRequestBase<'input.transcribe', InputTranscribeParams>;

/** Requests answered with an SSE stream of {@link ThreadStreamEvent}s. */
export type StreamingChatKitRequest =
  | ThreadsCreateRequest
  | ThreadsAddUserMessageRequest
  | ThreadsAddClientToolOutputRequest
  | ThreadsAddStructuredInputRequest
  | ThreadsRetryAfterItemRequest
  | ThreadsCustomActionRequest;

/** Requests answered with one JSON document (see {@link ChatKitJsonResponses}). */
export type NonStreamingChatKitRequest =
  | ThreadsGetByIdRequest
  | ThreadsListRequest
  | ItemsListRequest
  | ItemsFeedbackRequest
  | AttachmentsCreateRequest
  | AttachmentsDeleteRequest
  | ThreadsUpdateRequest
  | ThreadsDeleteRequest
  | InputTranscribeRequest
  | ThreadsSyncCustomActionRequest;

export type ChatKitRequest = StreamingChatKitRequest | NonStreamingChatKitRequest;
export type ChatKitRequestType = ChatKitRequest['type'];
export type StreamingChatKitRequestType = StreamingChatKitRequest['type'];
export type NonStreamingChatKitRequestType = NonStreamingChatKitRequest['type'];
/** The request of a given type. */
export type ChatKitRequestOf<T extends ChatKitRequestType> = Extract<ChatKitRequest, { type: T }>;

/** Operation types answered with `text/event-stream` (fixed by type name). */
export const CHATKIT_STREAMING_REQUEST_TYPES = [
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
] as const satisfies readonly StreamingChatKitRequestType[];

/** Operation types answered with `application/json`. */
export const CHATKIT_NON_STREAMING_REQUEST_TYPES = [
  'threads.get_by_id',
  'threads.list',
  'threads.update',
  'threads.delete',
  'items.list',
  'items.feedback',
  'attachments.create',
  'attachments.delete',
  'input.transcribe',
  'threads.sync_custom_action',
] as const satisfies readonly NonStreamingChatKitRequestType[];

/** Every operation type of the protocol. */
export const CHATKIT_REQUEST_TYPES = [
  ...CHATKIT_STREAMING_REQUEST_TYPES,
  ...CHATKIT_NON_STREAMING_REQUEST_TYPES,
] as const;

export function isStreamingRequestType(type: string): type is StreamingChatKitRequestType {
  return (CHATKIT_STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
}

export function isStreamingRequest(request: ChatKitRequest): request is StreamingChatKitRequest {
  return isStreamingRequestType(request.type);
}

// ===========================================================================
// JSON responses
// ===========================================================================

/** Body of `threads.delete`, `items.feedback`, `attachments.delete`: literally `{}`. */
export type ChatKitEmptyResponse = Record<string, never>;

export interface TranscriptionResult {
  text: string;
}

export interface SyncCustomActionResponse {
  /** Omitted when there is nothing to update; not persisted by the framework. */
  updated_item?: ThreadItem;
}

/** Response body per non-streaming operation. */
export interface ChatKitJsonResponses {
  'threads.get_by_id': Thread;
  'threads.list': ChatKitPage<Thread>;
  'threads.update': Thread;
  'threads.delete': ChatKitEmptyResponse;
  'items.list': ChatKitPage<ThreadItem>;
  'items.feedback': ChatKitEmptyResponse;
  'attachments.create': Attachment;
  'attachments.delete': ChatKitEmptyResponse;
  'input.transcribe': TranscriptionResult;
  'threads.sync_custom_action': SyncCustomActionResponse;
}

// ===========================================================================
// Thread item updates (`thread.item.updated.update`)
// ===========================================================================

export interface AssistantMessageContentPartAdded {
  type: 'assistant_message.content_part.added';
  content_index: number;
  content: AssistantMessageContent;
}
export interface AssistantMessageContentPartTextDelta {
  type: 'assistant_message.content_part.text_delta';
  content_index: number;
  delta: string;
}
export interface AssistantMessageContentPartAnnotationAdded {
  type: 'assistant_message.content_part.annotation_added';
  content_index: number;
  annotation_index: number;
  annotation: Annotation;
}
export interface AssistantMessageContentPartDone {
  type: 'assistant_message.content_part.done';
  content_index: number;
  content: AssistantMessageContent;
}
/** Appends to the `value` of the Text/Markdown node with `id === component_id`. */
export interface WidgetStreamingTextValueDelta {
  type: 'widget.streaming_text.value_delta';
  component_id: string;
  delta: string;
  done: boolean;
}
/** Defined by the protocol; never emitted by the reference diff. */
export interface WidgetComponentUpdated {
  type: 'widget.component.updated';
  component_id: string;
  component: WidgetComponent;
}
export interface WidgetRootUpdated {
  type: 'widget.root.updated';
  widget: WidgetRoot;
}
export interface WorkflowTaskAdded {
  type: 'workflow.task.added';
  task_index: number;
  task: Task;
}
export interface WorkflowTaskUpdated {
  type: 'workflow.task.updated';
  task_index: number;
  task: Task;
}
export interface GeneratedImageUpdated {
  type: 'generated_image.updated';
  image: GeneratedImage;
  /** 0..1 */
  progress?: number;
}

export type ThreadItemUpdate =
  | AssistantMessageContentPartAdded
  | AssistantMessageContentPartTextDelta
  | AssistantMessageContentPartAnnotationAdded
  | AssistantMessageContentPartDone
  | WidgetStreamingTextValueDelta
  | WidgetComponentUpdated
  | WidgetRootUpdated
  | WorkflowTaskAdded
  | WorkflowTaskUpdated
  | GeneratedImageUpdated;
export type ThreadItemUpdateType = ThreadItemUpdate['type'];

// ===========================================================================
// Thread stream events (SSE: `data: <json>\n\n`, no sentinel)
// ===========================================================================

export interface ThreadCreatedEvent {
  type: 'thread.created';
  thread: Thread;
}
export interface ThreadUpdatedEvent {
  type: 'thread.updated';
  thread: Thread;
}
/** Streaming started for an item; not persisted. */
export interface ThreadItemAddedEvent {
  type: 'thread.item.added';
  item: ThreadItem;
}
export interface ThreadItemUpdatedEvent {
  type: 'thread.item.updated';
  item_id: string;
  update: ThreadItemUpdate;
}
/** Item complete; persisted (insert). */
export interface ThreadItemDoneEvent {
  type: 'thread.item.done';
  item: ThreadItem;
}
export interface ThreadItemRemovedEvent {
  type: 'thread.item.removed';
  item_id: string;
}
/** Item replaced; persisted (upsert). */
export interface ThreadItemReplacedEvent {
  type: 'thread.item.replaced';
  item: ThreadItem;
}
export interface StreamOptions {
  /** Allow the client to cancel mid-stream (by aborting the request). */
  allow_cancel: boolean;
}
/** Emitted once per stream, just before the handler's events. */
export interface StreamOptionsEvent {
  type: 'stream_options';
  stream_options: StreamOptions;
}
/** Transient status text; not stored. */
export interface ProgressUpdateEvent {
  type: 'progress_update';
  icon?: IconName;
  text: string;
}
/** Fire-and-forget effect for the page (`chatkit.effect`); not stored. */
export interface ClientEffectEvent {
  type: 'client_effect';
  name: string;
  /** Default `{}`. */
  data: Record<string, unknown>;
}
/** Error codes the reference models accept. */
export type StreamErrorCode = 'stream.error' | 'custom';
/**
 * `error` event (`ErrorEvent` in the reference; renamed to avoid the DOM global).
 * `stream.error` carries no message (the UI shows a localized text); `custom` carries yours.
 */
export interface StreamErrorEvent {
  type: 'error';
  /** Default `"custom"`. */
  code: StreamErrorCode;
  message?: string;
  /** Default `false`. */
  allow_retry: boolean;
}
/** User-facing banner; `message` is markdown. */
export interface NoticeEvent {
  type: 'notice';
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string;
}

export type ThreadStreamEvent =
  | ThreadCreatedEvent
  | ThreadUpdatedEvent
  | ThreadItemDoneEvent
  | ThreadItemAddedEvent
  | ThreadItemUpdatedEvent
  | ThreadItemRemovedEvent
  | ThreadItemReplacedEvent
  | StreamOptionsEvent
  | ProgressUpdateEvent
  | ClientEffectEvent
  | StreamErrorEvent
  | NoticeEvent;
export type ThreadStreamEventType = ThreadStreamEvent['type'];
