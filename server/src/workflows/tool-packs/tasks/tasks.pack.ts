import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import { ToolError, type PackActionContext, type PackActionResult, type ToolDefinition, type ToolPack, type ToolPattern } from '../tool-pack';
import type { TaskEntity, TaskStatus } from './task.entity';
import { TASK_TITLE_MAX, TasksService, type TaskSummary } from './tasks.service';
import { TASK_ACTIONS, TASK_LIST_VIEWS, bulkAddCard, taskListCard, taskListCopyText, type TaskListView } from './tasks.widgets';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BULK_MAX = 20;

/** `a, b and c` / `a; b` / one per line → ['a', 'b', 'c']. */
export function splitTitles(list: string): string[] {
  return list
    .split(/\s*(?:[,;\n]|\band\b)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

const TASK_WORD = '(?:task|to-?do)';
const TASKS_WORD = '(?:tasks|to-?dos|to-?do list|task list|list)';
const re = (source: string) => new RegExp(`^${source}$`, 'i');

function statusOf(word: string | undefined): TaskListView {
  if (!word) return 'all';
  return /^(open|pending|remaining|outstanding|unfinished)$/i.test(word) ? 'open' : /^(done|completed|finished|closed)$/i.test(word) ? 'done' : 'all';
}

const taskSummary = (t: TaskSummary) => ({ id: t.id, title: t.title, status: t.status });

/** Picks the task a tool call names, by `task_id` or `title`. */
function refOf(args: Record<string, unknown>): { taskId?: string; title?: string } {
  const taskId = typeof args.task_id === 'string' ? args.task_id : undefined;
  const title = typeof args.title === 'string' ? args.title : undefined;
  if (!taskId && !title) throw new ToolError('Tell me which task: its title or its id.');
  return { taskId, title };
}

const TASK_REF_PARAMS = {
  task_id: { type: 'string', format: 'uuid', description: 'The task id (from list_tasks or find_task_by_name). Preferred when known.' },
  title: { type: 'string', minLength: 1, maxLength: TASK_TITLE_MAX, description: 'The task title (or a unique part of it), when the id is not known.' },
} as const;

/** Payload of the task card buttons; untrusted (it comes back from the browser). */
function parseActionPayload(payload: unknown): { taskId: string; view: TaskListView } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new ToolError('This button sent no task.');
  const p = payload as Record<string, unknown>;
  if (typeof p.task_id !== 'string' || !UUID.test(p.task_id)) throw new ToolError('This button does not name a valid task.');
  const view = p.view === undefined ? 'all' : p.view;
  if (typeof view !== 'string' || !(TASK_LIST_VIEWS as readonly string[]).includes(view)) throw new ToolError('This button names an unknown task list.');
  return { taskId: p.task_id, view: view as TaskListView };
}

/**
 * The `tasks` tool pack: a to-do list per chat owner, stored in PostgreSQL.
 * The owner always comes from the run (`ctx.owner.key`), never from tool arguments.
 */
@Injectable()
export class TasksToolPack implements ToolPack {
  readonly name = 'tasks';
  readonly title = 'Tasks';
  readonly description = 'A personal to-do list: add, list, find, complete, rename and delete tasks.';
  readonly instructions = [
    'You manage the user\'s personal task list with the task tools.',
    'Call list_tasks to show tasks: it displays an interactive card (with Complete and Delete buttons), so do not repeat the list in your answer; summarise in one sentence instead.',
    'Use task ids from tool results when you have them. Confirm changes briefly.',
  ].join(' ');

  readonly tools: readonly ToolDefinition[];
  readonly actions: Readonly<Record<string, (payload: unknown, ctx: PackActionContext) => Promise<PackActionResult>>>;

  constructor(private readonly tasks: TasksService) {
    this.tools = [
      this.addTasksTool(),
      this.addTaskTool(),
      this.listTasksTool(),
      this.findTaskTool(),
      this.completeTaskTool(),
      this.deleteTaskTool(),
      this.updateTaskTool(),
    ];
    this.actions = {
      [TASK_ACTIONS.complete]: (payload, ctx) => this.statusAction(payload, ctx, 'done'),
      [TASK_ACTIONS.reopen]: (payload, ctx) => this.statusAction(payload, ctx, 'open'),
      [TASK_ACTIONS.delete]: (payload, ctx) => this.deleteAction(payload, ctx),
    };
  }

  // ---- tools ----

  private addTaskTool(): ToolDefinition {
    const patterns: ToolPattern[] = [
      { regex: re(`(?:please\\s+)?(?:add|create|new)\\s+(?:a\\s+)?(?:new\\s+)?${TASK_WORD}`), ask: { question: 'What is the task? Tell me its title, for example “Buy groceries”.', argument: 'title' } },
      { regex: re(`(?:please\\s+)?(?:add|create|new)\\s+(?:a\\s+)?(?:new\\s+)?${TASK_WORD}(?:\\s*[:\\-–]\\s*|\\s+(?:to\\s+|called\\s+|named\\s+)?)(?<title>.+)`) },
      { regex: re(`(?:please\\s+)?add\\s+(?<title>.+?)\\s+to\\s+(?:my\\s+|the\\s+)?${TASKS_WORD}`) },
      { regex: re(`(?:please\\s+)?remind\\s+me\\s+to\\s+(?<title>.+)`) },
    ];
    return {
      name: 'add_task',
      title: 'Add a task',
      description: 'Add one task to the user\'s task list.',
      parameters: {
        type: 'object',
        properties: { title: { type: 'string', minLength: 1, maxLength: TASK_TITLE_MAX, description: 'Short title of the task, e.g. "Buy groceries".' } },
        required: ['title'],
        additionalProperties: false,
      },
      examples: ['Add task Buy groceries', 'Remind me to call the dentist'],
      patterns,
      progress: 'Adding the task…',
      icon: 'plus',
      run: async (args, ctx) => {
        const task = await this.tasks.add(ctx.owner.key, String(args.title));
        return { message: `✓ Task created: ${task.title}`, data: { task: taskSummary(task) } };
      },
    };
  }

  /** Bulk add: shows a progress card that grows while each task is stored (a streaming widget). */
  private addTasksTool(): ToolDefinition {
    return {
      name: 'add_tasks',
      title: 'Add several tasks',
      description: `Add several tasks at once (up to ${BULK_MAX}); shows a progress card while adding.`,
      parameters: {
        type: 'object',
        properties: {
          titles: { type: 'array', minItems: 1, maxItems: BULK_MAX, items: { type: 'string', minLength: 1, maxLength: TASK_TITLE_MAX }, description: 'The task titles.' },
        },
        required: ['titles'],
        additionalProperties: false,
      },
      examples: ['Add tasks: milk, eggs and bread'],
      patterns: [
        {
          regex: re(`(?:please\\s+)?(?:add|create)\\s+(?:some\\s+|several\\s+|multiple\\s+)?(?:tasks|to-?dos)`),
          args: (g) => ({ titles: splitTitles(g.titles ?? '') }),
          ask: { question: 'Which tasks should I add? List them separated by commas, for example “milk, eggs and bread”.', argument: 'titles' },
        },
        { regex: re(`(?:please\\s+)?(?:add|create)\\s+(?:these\\s+|the\\s+following\\s+)?(?:tasks|to-?dos)\\s*:?\\s*(?<titles>.+)`), args: (g) => ({ titles: splitTitles(g.titles ?? '') }) },
      ],
      progress: 'Adding tasks…',
      icon: 'plus',
      run: async (args, ctx) => {
        const titles = (args.titles as string[]).map((t) => t.trim()).filter(Boolean);
        if (!titles.length) throw new ToolError('Tell me the titles of the tasks to add.');
        const lines: string[] = [];
        const created: TaskEntity[] = [];
        const stream = ctx.streamWidget(bulkAddCard(titles.length, lines, false));
        try {
          for (const raw of titles) {
            if (ctx.signal.aborted) break;
            try {
              const task = await this.tasks.add(ctx.owner.key, raw);
              created.push(task);
              lines.push(`✓ ${task.title}`);
            } catch (e) {
              if (!(e instanceof DomainError) || e.status >= 500) throw e;
              lines.push(`✗ ${raw.trim().slice(0, 80)} — ${e.message}`);
            }
            stream.update(bulkAddCard(titles.length, lines, false));
          }
        } finally {
          stream.done(bulkAddCard(titles.length, lines, true, created.length));
        }
        const names = created.map((t) => t.title).join(', ');
        const message = created.length === titles.length
          ? `✓ Added ${created.length} task${created.length === 1 ? '' : 's'}: ${names}`
          : `Added ${created.length} of ${titles.length} tasks${created.length ? `: ${names}` : ''}. See the card for what went wrong.`;
        return { message, data: { tasks: created.map(taskSummary), failed: titles.length - created.length } };
      },
    };
  }

  private listTasksTool(): ToolDefinition {
    const statusWord = '(?<status>open|pending|remaining|outstanding|unfinished|done|completed|finished|closed)';
    return {
      name: 'list_tasks',
      title: 'Show your tasks',
      description: 'Show the user\'s tasks as an interactive card (title, status, Complete and Delete buttons).',
      parameters: {
        type: 'object',
        properties: { status: { type: 'string', enum: TASK_LIST_VIEWS, description: 'Which tasks: all (default), open or done.' } },
        additionalProperties: false,
      },
      examples: ['Show my tasks', 'Show my open tasks'],
      patterns: [
        { regex: re(`(?:please\\s+)?(?:show|list|display|view|see|get|give)(?:\\s+me)?(?:\\s+(?:all|all of))?(?:\\s+(?:my|the))?(?:\\s+${statusWord})?\\s+${TASKS_WORD}`), args: (g) => ({ status: statusOf(g.status) }) },
        { regex: re(`(?:what\\s+are|what's\\s+on|whats\\s+on|what\\s+is\\s+on)\\s+my(?:\\s+${statusWord})?\\s+${TASKS_WORD}`), args: (g) => ({ status: statusOf(g.status) }) },
        { regex: re(`(?:my\\s+)?(?:${statusWord}\\s+)?${TASKS_WORD}`), args: (g) => ({ status: statusOf(g.status) }) },
        { regex: re(`what\\s+(?:do\\s+i\\s+(?:still\\s+)?have|is\\s+left|remains)\\s+to\\s+do`), args: () => ({ status: 'open' }) },
      ],
      progress: 'Loading your tasks…',
      icon: 'check-circle',
      run: async (args, ctx) => {
        const view = (args.status as TaskListView | undefined) ?? 'all';
        const tasks = await this.tasks.listSummaries(ctx.owner.key, view === 'all' ? undefined : view);
        const open = tasks.filter((t) => t.status === 'open').length;
        const message = !tasks.length
          ? (view === 'all' ? 'You have no tasks yet.' : view === 'open' ? 'You have no open tasks.' : 'You have no completed tasks.')
          : view === 'all'
            ? `Here are your tasks: ${open} open, ${tasks.length - open} done.`
            : `Here are your ${view} tasks (${tasks.length}).`;
        return {
          message,
          data: { view, total: tasks.length, tasks: tasks.map(taskSummary) },
          widget: taskListCard(tasks, view),
          copyText: taskListCopyText(tasks),
        };
      },
    };
  }

  private findTaskTool(): ToolDefinition {
    return {
      name: 'find_task_by_name',
      title: 'Find a task',
      description: 'Find tasks whose title contains the given text (case-insensitive). Returns their ids.',
      parameters: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: TASK_TITLE_MAX, description: 'Text to look for in task titles.' } },
        required: ['name'],
        additionalProperties: false,
      },
      examples: ['Find task groceries'],
      patterns: [
        { regex: re(`(?:find|search|look\\s+for|look\\s+up)\\s+(?:a\\s+|the\\s+|my\\s+)?${TASK_WORD}s?`), ask: { question: 'Which task should I look for? Tell me a word from its title.', argument: 'name' } },
        { regex: re(`(?:find|search|look\\s+for|look\\s+up)\\s+(?:a\\s+|the\\s+|my\\s+)?${TASK_WORD}s?\\s*(?:for|about|named|called|with|:)?\\s+(?<name>.+)`) },
        { regex: re(`(?:search|find)\\s+(?:in\\s+)?(?:my\\s+)?tasks\\s+for\\s+(?<name>.+)`) },
        { regex: re(`do\\s+i\\s+have\\s+(?:a\\s+)?${TASK_WORD}s?\\s+(?:about|for|called|named|to)\\s+(?<name>.+)`) },
      ],
      progress: 'Searching your tasks…',
      icon: 'search',
      run: async (args, ctx) => {
        const name = String(args.name);
        const found = await this.tasks.findByTitle(ctx.owner.key, name);
        if (!found.length) throw new ToolError(`No task matches “${name.trim()}”.`);
        const list = found.slice(0, 10).map((t) => `“${t.title}” (${t.status})`).join(', ');
        return {
          message: `Found ${found.length} task${found.length === 1 ? '' : 's'} matching “${name.trim()}”: ${list}${found.length > 10 ? ', …' : ''}.`,
          data: { tasks: found.map(taskSummary) },
        };
      },
    };
  }

  private completeTaskTool(): ToolDefinition {
    return {
      name: 'complete_task',
      title: 'Complete a task',
      description: 'Mark a task as done. Identify it by task_id (preferred) or title.',
      parameters: { type: 'object', properties: { ...TASK_REF_PARAMS }, additionalProperties: false },
      examples: ['Complete task Buy groceries', 'Mark Buy groceries as done'],
      patterns: [
        { regex: re(`(?:complete|finish|close|check\\s+off|tick\\s+off)\\s+(?:a\\s+|the\\s+)?${TASK_WORD}`), ask: { question: 'Which task should I mark as done? Tell me its title.', argument: 'title' } },
        { regex: re(`mark\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+?)\\s+as\\s+(?:done|complete|completed|finished)`) },
        { regex: re(`(?:complete|finish|close|check\\s+off|tick\\s+off)\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+)`) },
      ],
      progress: 'Completing the task…',
      icon: 'check',
      run: async (args, ctx) => {
        const task = await this.tasks.resolve(ctx.owner.key, refOf(args), 'open');
        const { task: updated, changed } = await this.tasks.setStatus(ctx.owner.key, task.id, 'done');
        return {
          message: changed ? `✓ Task completed: ${updated.title}` : `“${updated.title}” was already done.`,
          data: { task: taskSummary(updated) },
        };
      },
    };
  }

  private deleteTaskTool(): ToolDefinition {
    return {
      name: 'delete_task',
      title: 'Delete a task',
      description: 'Delete a task for good. Identify it by task_id (preferred) or title.',
      parameters: { type: 'object', properties: { ...TASK_REF_PARAMS }, additionalProperties: false },
      examples: ['Delete task Buy groceries'],
      patterns: [
        { regex: re(`(?:delete|remove|drop|cancel)\\s+(?:a\\s+|the\\s+)?${TASK_WORD}`), ask: { question: 'Which task should I delete? Tell me its title.', argument: 'title' } },
        { regex: re(`(?:delete|remove|drop)\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+?)\\s+from\\s+(?:my\\s+|the\\s+)?${TASKS_WORD}`) },
        { regex: re(`(?:delete|remove|drop|cancel)\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+)`) },
      ],
      progress: 'Deleting the task…',
      icon: 'write-alt',
      run: async (args, ctx) => {
        const task = await this.tasks.resolve(ctx.owner.key, refOf(args));
        const deleted = await this.tasks.delete(ctx.owner.key, task.id);
        return { message: `✓ Task deleted: ${deleted.title}`, data: { deleted: taskSummary(deleted) } };
      },
    };
  }

  private updateTaskTool(): ToolDefinition {
    return {
      name: 'update_task',
      title: 'Rename or reopen a task',
      description: 'Rename a task and/or change its status (open or done). Identify it by task_id (preferred) or title.',
      parameters: {
        type: 'object',
        properties: {
          ...TASK_REF_PARAMS,
          new_title: { type: 'string', minLength: 1, maxLength: TASK_TITLE_MAX, description: 'The new title.' },
          status: { type: 'string', enum: ['open', 'done'], description: 'The new status.' },
        },
        additionalProperties: false,
      },
      examples: ['Rename task Buy groceries to Buy groceries and flowers', 'Reopen task Buy groceries'],
      patterns: [
        { regex: re(`(?:rename|change|update|edit)\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+?)\\s+(?:to|into|as)\\s+(?<new_title>.+)`) },
        { regex: re(`(?:reopen|re-open|uncomplete|un-complete)\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+)`), args: (g) => ({ title: g.title, status: 'open' }) },
        { regex: re(`mark\\s+(?:the\\s+)?(?:${TASK_WORD}\\s*:?\\s*)?(?<title>.+?)\\s+as\\s+(?:open|not\\s+done|undone|todo|to\\s+do)`), args: (g) => ({ title: g.title, status: 'open' }) },
      ],
      progress: 'Updating the task…',
      icon: 'write',
      run: async (args, ctx) => {
        const newTitle = typeof args.new_title === 'string' ? args.new_title : undefined;
        const status = args.status as TaskStatus | undefined;
        if (newTitle === undefined && status === undefined) throw new ToolError('Tell me what to change: a new title or a status (open or done).');
        let task = await this.tasks.resolve(ctx.owner.key, refOf(args), status === 'open' ? 'done' : status === 'done' ? 'open' : undefined);
        const before = task.title;
        const changes: string[] = [];
        if (newTitle !== undefined) {
          task = await this.tasks.rename(ctx.owner.key, task.id, newTitle);
          if (task.title !== before) changes.push(`renamed “${before}” → “${task.title}”`);
        }
        if (status !== undefined) {
          const r = await this.tasks.setStatus(ctx.owner.key, task.id, status);
          task = r.task;
          if (r.changed) changes.push(status === 'done' ? 'marked done' : 'reopened');
        }
        return {
          message: changes.length ? `✓ Task updated: ${task.title} (${changes.join(', ')})` : `“${task.title}” already looks like that.`,
          data: { task: taskSummary(task) },
        };
      },
    };
  }

  // ---- widget actions ----

  private async statusAction(payload: unknown, ctx: PackActionContext, status: TaskStatus): Promise<PackActionResult> {
    const { taskId, view } = parseActionPayload(payload);
    const { task, changed } = await this.tasks.setStatus(ctx.owner.key, taskId, status);
    const message = status === 'done'
      ? (changed ? `✓ Task completed: ${task.title}` : `“${task.title}” was already done.`)
      : (changed ? `✓ Task reopened: ${task.title}` : `“${task.title}” is already open.`);
    return { ...(await this.renderList(ctx.owner.key, view)), message };
  }

  private async deleteAction(payload: unknown, ctx: PackActionContext): Promise<PackActionResult> {
    const { taskId, view } = parseActionPayload(payload);
    const deleted = await this.tasks.delete(ctx.owner.key, taskId);
    return { ...(await this.renderList(ctx.owner.key, view)), message: `✓ Task deleted: ${deleted.title}` };
  }

  /** The refreshed list card for the sender item (same view as the card that was clicked). */
  private async renderList(ownerKey: string, view: TaskListView): Promise<Pick<PackActionResult, 'widget' | 'copyText'>> {
    const tasks = await this.tasks.listSummaries(ownerKey, view === 'all' ? undefined : view);
    return { widget: taskListCard(tasks, view), copyText: taskListCopyText(tasks) };
  }
}
