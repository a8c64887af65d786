import type { ThreadMetadata, WidgetItem } from '@atrium/protocol';
import type { IconName, WidgetRoot } from '@atrium/widgets';
import type { WorkflowEntity } from '../entities/workflow.entity';
import type { ThreadOwner } from '../executor/workflow-executor.types';

/**
 * Tool packs: named sets of server-side tools a workflow definition may enable
 * (`definition.tool_packs`). Each tool is declared once and serves both model
 * providers: `openai` sends name + description + JSON-schema parameters as a
 * function tool; `builtin` routes a message to a tool with the declared
 * `patterns` and lists the `examples` in its help answer (see providers/BUILTIN.md).
 */

/** The JSON Schema subset tool parameters use (what function tools accept everywhere). */
export interface ToolParameterSchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description?: string;
  enum?: readonly string[];
  format?: 'uuid';
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: ToolParameterSchema;
  minItems?: number;
  maxItems?: number;
}

export interface ToolParameters {
  type: 'object';
  properties: Record<string, ToolParameterSchema>;
  required?: readonly string[];
  additionalProperties: false;
}

/**
 * A rule of the builtin router. The regex is tested against the whole user message
 * (trimmed, trailing punctuation removed; use `^…$` and the `i` flag). Named groups
 * become arguments of the same name unless `args` maps them.
 */
export interface ToolPattern {
  regex: RegExp;
  args?: (groups: Readonly<Record<string, string | undefined>>) => Record<string, unknown>;
  /**
   * For a command without its main argument ("add a task"): instead of calling the
   * tool, the builtin provider asks `question`, and takes the user's next message as
   * the value of `argument` (if its previous answer was exactly that question),
   * passed through `args` when the pattern has one (`args({[argument]: message})`).
   */
  ask?: { question: string; argument: string };
}

export interface ToolDefinition {
  /** Unique across all packs; `[a-z][a-z0-9_]*` (a function name for the model). */
  name: string;
  /** Short label for people ("Add a task"); the builtin help answer lists it. */
  title: string;
  /** What the tool does, for the model. */
  description: string;
  parameters: ToolParameters;
  /** Example user messages; the builtin provider's help answer shows the first one. */
  examples: readonly string[];
  /** Builtin router rules, tried in order. */
  patterns: readonly ToolPattern[];
  /** Text of the `progress_update` event shown while the tool runs. */
  progress: string;
  icon?: IconName;
  /**
   * Runs the tool. `args` already passed `parameters` validation. Throw
   * {@link ToolError} for problems the user should read ("No task matches …").
   */
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

export interface ToolResult {
  /** One short line for the user ("✓ Task created: Buy groceries"); the model sees it too. */
  message: string;
  /** Structured facts for the model (ids, counts); never shown as is. */
  data?: unknown;
  /** A widget to show (validated and size-capped by the executor before it is shown). */
  widget?: unknown;
  /** Clipboard text of the widget's copy button. */
  copyText?: string;
}

/** A problem the user should read; the executor turns it into a friendly answer. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** A widget shown while a tool works: `thread.item.added`, then updates, then `thread.item.done`. */
export interface WidgetStreamHandle {
  /** Shows the next state (diffed against the previous one, ChatKit §6.4). */
  update(next: WidgetRoot): void;
  /** Finishes the item with its final state (default: the last state shown). */
  done(final?: WidgetRoot): void;
}

export interface ToolContext {
  owner: ThreadOwner;
  thread: ThreadMetadata;
  workflow: WorkflowEntity;
  signal: AbortSignal;
  /** Starts a streaming widget item with its first state. */
  streamWidget(first: WidgetRoot, options?: { copyText?: string }): WidgetStreamHandle;
  /** Emits a `progress_update` event. */
  progress(text: string, icon?: IconName): void;
}

export interface PackActionContext {
  owner: ThreadOwner;
  thread: ThreadMetadata;
  workflow: WorkflowEntity;
  /** The widget item whose button sent the action (null for `sendCustomAction` without an item). */
  sender: WidgetItem | null;
  signal: AbortSignal;
}

export interface PackActionResult {
  /** New widget for the sender item (replaced in place). */
  widget?: WidgetRoot;
  /** Short confirmation for the user. */
  message?: string;
  /** New clipboard text for the replaced widget item. */
  copyText?: string;
}

/**
 * Handles one widget action type. `payload` is untrusted client input: validate it
 * (throw {@link ToolError} with a friendly message when it is unusable).
 */
export type PackActionHandler = (payload: unknown, ctx: PackActionContext) => Promise<PackActionResult>;

export interface ToolPack {
  /** Name used in `definition.tool_packs`; also the prefix of its action types (`tasks.complete`). */
  name: string;
  title: string;
  description: string;
  /** Added to the system prompt when the pack is enabled. */
  instructions: string;
  tools: readonly ToolDefinition[];
  /** Widget action handlers keyed by full action type (`<pack>.<verb>`). */
  actions: Readonly<Record<string, PackActionHandler>>;
}
