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

// ---- health ----

export interface HealthResponse {
  status: 'ok';
}

export interface ReadinessResponse {
  status: 'ready' | 'not_ready';
  database: 'up' | 'down';
  migrations: 'applied' | 'pending' | 'unknown';
}
