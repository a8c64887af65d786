import type { Role, Permission } from './roles';

/** ISO-8601 timestamp string. */
export type IsoDateTime = string;

export interface Page<T> {
  data: T[];
  total?: number;
  /** Opaque cursor for the next page; absent on the last page. */
  next_cursor?: string;
}

export interface OffsetPage<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
}

// ---- auth & users ----

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: Role;
  is_active: boolean;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  last_login_at?: IsoDateTime;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  user: UserResponse;
}

export interface MeResponse {
  user: UserResponse;
  permissions: Permission[];
}

export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  is_active?: boolean;
  password?: string;
}

// ---- workflows ----

export const WORKFLOW_KINDS = ['agent', 'hosted'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

export const MODEL_PROVIDERS = ['auto', 'builtin', 'openai'] as const;
export type ModelProviderName = (typeof MODEL_PROVIDERS)[number];

export interface ModelSettings {
  /** `auto` picks `openai` when an API key is configured, else `builtin`. */
  provider: ModelProviderName;
  model: string;
  temperature?: number;
  max_output_tokens?: number;
}

export interface StarterPrompt {
  label: string;
  prompt: string;
  icon?: string;
}

export interface WorkflowDefinition {
  instructions: string;
  model: ModelSettings;
  tool_packs: string[];
  greeting: string;
  starter_prompts: StarterPrompt[];
  /** For `hosted` workflows: the OpenAI Agent Builder workflow id. */
  hosted_workflow_id?: string;
}

export interface WorkflowPublishState {
  is_public: boolean;
  published_at?: IsoDateTime;
  published_by?: string;
  require_login: boolean;
  allowed_origins: string[];
}

export interface WorkflowResponse extends WorkflowPublishState {
  id: string;
  name: string;
  description: string;
  kind: WorkflowKind;
  version: number;
  definition: WorkflowDefinition;
  created_at: IsoDateTime;
  created_by?: string;
  updated_at: IsoDateTime;
  updated_by?: string;
  /** The public chat page (`<PUBLIC_BASE_URL>/chat/<id>`), present while published. */
  share_url?: string;
}

export interface WorkflowVersionResponse {
  workflow_id: string;
  version: number;
  name: string;
  description: string;
  definition: WorkflowDefinition;
  created_at: IsoDateTime;
  created_by?: string;
}

export interface CreateWorkflowRequest {
  name: string;
  description?: string;
  kind?: WorkflowKind;
  definition: Partial<WorkflowDefinition>;
}

export interface UpdateWorkflowRequest {
  name?: string;
  description?: string;
  definition?: Partial<WorkflowDefinition>;
  /** Optimistic concurrency: the version the edit was based on. */
  expected_version?: number;
}

// ---- audit ----

export interface AuditEventResponse {
  id: string;
  seq: number;
  at: IsoDateTime;
  actor_id?: string;
  actor_email?: string;
  actor_role?: string;
  action: string;
  target_type: string;
  target_id?: string;
  workflow_id?: string;
  summary: { before?: unknown; after?: unknown; [key: string]: unknown };
  request_id?: string;
  ip?: string;
  user_agent?: string;
  hash: string;
  prev_hash: string;
}

export interface AuditVerifyResponse {
  intact: boolean;
  checked: number;
  head_hash?: string;
  /** Present when the chain is broken: the first row that does not verify. */
  broken_at?: { seq: number; id?: string; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };
}

// ---- publish & features ----

/** `POST /api/workflows/:id/publish`: publishes, or updates the settings of a published workflow. */
export interface PublishWorkflowRequest {
  require_login?: boolean;
  /** Origins (`scheme://host[:port]`) allowed to embed the chat bubble. */
  allowed_origins?: string[];
}

export interface PublishStateResponse extends WorkflowPublishState {
  /** The public chat page (`<PUBLIC_BASE_URL>/chat/<id>`), present while published. */
  share_url?: string;
}

/** Answer of `POST /api/workflows/:id/publish` and `POST /api/workflows/:id/publish/revoke`. */
export interface PublishWorkflowResponse {
  workflow: WorkflowResponse;
  publish: PublishStateResponse;
  message: string;
}

/** `GET /api/features` (public): which optional parts of Atrium are switched on. */
export interface FeaturesResponse {
  chatkit_publish_enabled: boolean;
  chatkit_canvas_enabled: boolean;
  oidc_enabled: boolean;
  hosted_enabled: boolean;
}

/** `GET /api/public/workflows/:id` (public): what the public chat page needs, for published workflows only. */
export interface PublicWorkflowResponse {
  id: string;
  name: string;
  kind: WorkflowKind;
  greeting: string;
  starter_prompts: StarterPrompt[];
  require_login: boolean;
  /** Where to send the visitor to sign in (`/api/auth/oidc/login?return_to=/chat/<id>`). */
  login_url: string;
}

/** `POST /api/workflows/:id/chatkit/session`: a short-lived chat token bound to the workflow and the user. */
export interface ChatSessionResponse {
  /** A JWT to send as `Authorization: Bearer …` to the ChatKit endpoint. */
  client_secret: string;
  expires_at: IsoDateTime;
}

/** `POST /api/chatkit/sessions {workflow_id}`: a session of OpenAI's hosted ChatKit backend. */
export interface HostedChatkitSessionRequest {
  workflow_id: string;
}

export interface HostedChatkitSessionResponse {
  status: 'success';
  data: {
    /** The ChatKit.js `getClientSecret()` value. */
    client_secret: string;
    session_id: string;
    expires_at: IsoDateTime;
  };
}

// ---- health ----

export interface HealthResponse {
  status: 'ok';
}

export interface ReadinessResponse {
  status: 'ready' | 'not_ready';
  database: 'up' | 'down';
  migrations: 'applied' | 'pending' | 'unknown';
}

// ---- chat telemetry ----

/** What the chat surfaces report (never message content). */
export const TELEMETRY_EVENTS = ['open', 'close', 'response_failed', 'token_refresh_failed'] as const;
export type TelemetryEventName = (typeof TELEMETRY_EVENTS)[number];

/** Where the chat ran: the public page, the embedded bubble or the admin's Canvas bubble. */
export const TELEMETRY_SURFACES = ['page', 'bubble', 'canvas'] as const;
export type TelemetrySurface = (typeof TELEMETRY_SURFACES)[number];

/**
 * `POST /api/telemetry` (no sign-in; JSON, or the same JSON as `text/plain` so
 * `navigator.sendBeacon` can send it cross-origin). Any other field is refused.
 */
export interface TelemetryEventRequest {
  workflow_id: string;
  event: TelemetryEventName;
  surface?: TelemetrySurface;
  /** When it happened (ISO-8601; default: when the server received it). */
  at?: IsoDateTime;
}

export type TelemetryBucket = 'day' | 'hour';

/** `GET /api/workflows/:id/telemetry?from&to&bucket=day|hour`. */
export interface TelemetryStatsQuery {
  from?: IsoDateTime;
  to?: IsoDateTime;
  bucket?: TelemetryBucket;
}

export type TelemetryCounts = Record<TelemetryEventName, number>;

/** Counts per event per bucket (UTC), every bucket of the range present (zeros included). */
export interface TelemetryStatsResponse {
  workflow_id: string;
  bucket: TelemetryBucket;
  /** Start of the first bucket. */
  from: IsoDateTime;
  /** End (exclusive) of the last bucket. */
  to: IsoDateTime;
  buckets: { start: IsoDateTime; counts: TelemetryCounts }[];
  totals: TelemetryCounts;
}

// ---- chat bubble ----

/**
 * `GET /api/embed/:workflowId`: what the embedded chat bubble shows before the chat
 * starts. No cookies; `Access-Control-Allow-Origin: *`, so the bubble can read the
 * answer on any site — including `403 chatkit.auth.origin_not_allowed` when the
 * embedding page's origin is not among the workflow's allowed origins.
 */
export interface EmbedConfigResponse {
  id: string;
  name: string;
  greeting: string;
  starter_prompts: StarterPrompt[];
  require_login: boolean;
  /** Absolute sign-in URL returning to `/chat/<id>?signed_in=1` (the bubble's sign-in window); null without an identity provider. */
  login_url: string | null;
  /** The chat's own page (absolute). */
  chat_url: string;
  /** Path of the `<atrium-chat>` classic script on this server (versioned). */
  element_script: string;
  /** `ATRIUM_SUPPORT_CONTACT`, or null. */
  support_contact: string | null;
}
