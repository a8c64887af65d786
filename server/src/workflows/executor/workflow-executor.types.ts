import type {
  Action,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
  SyncCustomActionResponse,
} from '@atrium/protocol';
import type { WorkflowEntity } from '../entities/workflow.entity';

/**
 * The contract between the ChatKit protocol layer (chatkit module) and the
 * workflow executor (this module). It mirrors chatkit-python's ChatKitServer:
 * the executor yields thread stream events; the protocol layer persists them
 * (insert on item.done, upsert on item.replaced, delete on item.removed) and
 * writes them to the wire.
 */

/**
 * Who the thread belongs to. Tasks and other per-person data are keyed by `key`.
 * `user`: an Atrium account (access token or chat session token); `oidc`: someone
 * signed in through the OpenID provider (`oidc:<issuer-hash>:<sub>`); `visitor`: an
 * anonymous visitor of a published workflow (signed cookie).
 */
export interface ThreadOwner {
  kind: 'user' | 'oidc' | 'visitor';
  id: string;
  /** Stable storage key, e.g. `user:<uuid>`, `oidc:<issuer-hash>:<sub>` or `visitor:<id>`. */
  key: string;
}

export interface RunContext {
  workflow: WorkflowEntity;
  /** Mutable: the executor may set `title` (or status); the protocol layer persists and broadcasts it. */
  thread: ThreadMetadata;
  owner: ThreadOwner;
  /** The newest items of the thread (oldest first, hidden context included), at most ATRIUM_HISTORY_ITEMS. */
  history: ThreadItem[];
  /** Aborted when the client disconnects; pass it to model calls. */
  signal: AbortSignal;
  /** Id factory with the reference's prefixes (msg_, tc_, wf_, tsk_, shcx_ …). */
  newItemId(kind: 'message' | 'tool_call' | 'workflow' | 'task' | 'sdk_hidden_context'): string;
}

/** The action of `threads.custom_action` / `threads.sync_custom_action`; `payload` is untrusted. */
export type WidgetAction = Action;

export interface WorkflowExecutorPort {
  respond(run: RunContext, input: UserMessageItem | null): AsyncIterable<ThreadStreamEvent>;
  action(run: RunContext, action: WidgetAction, sender: WidgetItem | null): AsyncIterable<ThreadStreamEvent>;
  syncAction(run: RunContext, action: WidgetAction, sender: WidgetItem | null): Promise<SyncCustomActionResponse>;
}
