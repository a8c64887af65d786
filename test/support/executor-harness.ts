import { randomBytes, randomUUID } from 'node:crypto';
import type { ThreadItem, ThreadMetadata, ThreadStreamEvent, UserMessageItem, WidgetItem } from '@atrium/protocol';
import type { CreateWorkflowDto } from '../../server/src/workflows/dto/workflow.dto';
import type { WorkflowEntity } from '../../server/src/workflows/entities/workflow.entity';
import { WorkflowExecutor } from '../../server/src/workflows/executor/workflow-executor';
import type { RunContext, ThreadOwner, WidgetAction } from '../../server/src/workflows/executor/workflow-executor.types';
import { WorkflowsService } from '../../server/src/workflows/workflows.service';
import type { TestApp } from './test-app';

const PREFIX = { message: 'msg', tool_call: 'tc', workflow: 'wf', task: 'tsk', sdk_hidden_context: 'shcx' } as const;

export const newItemId = (kind: keyof typeof PREFIX): string => `${PREFIX[kind]}_${randomBytes(4).toString('hex')}`;

export function userOwner(id: string = randomUUID()): ThreadOwner {
  return { kind: 'user', id, key: `user:${id}` };
}

export async function createWorkflow(t: TestApp, dto: CreateWorkflowDto): Promise<WorkflowEntity> {
  const svc = t.app.get(WorkflowsService);
  const created = await svc.create(dto);
  return svc.getEntity(created.id);
}

export async function collect(events: AsyncIterable<ThreadStreamEvent>): Promise<ThreadStreamEvent[]> {
  const out: ThreadStreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export function userMessage(threadId: string, text: string): UserMessageItem {
  return {
    type: 'user_message',
    id: newItemId('message'),
    thread_id: threadId,
    created_at: new Date().toISOString(),
    content: [{ type: 'input_text', text }],
    attachments: [],
    inference_options: {},
  };
}

/** Texts of the assistant messages completed in `events`. */
export function assistantTexts(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'thread.item.done' && e.item.type === 'assistant_message' ? [e.item.content.map((c) => c.text).join('')] : []));
}

export function widgetItems(events: ThreadStreamEvent[]): WidgetItem[] {
  return events.flatMap((e) => (e.type === 'thread.item.done' && e.item.type === 'widget' ? [e.item] : []));
}

/**
 * Drives the executor the way the chatkit layer does: keeps the thread's items
 * (insert on item.done, upsert on item.replaced, delete on item.removed) and passes
 * them as `run.history` on the next turn.
 */
export class Conversation {
  readonly items: ThreadItem[] = [];
  readonly thread: ThreadMetadata;

  constructor(
    private readonly t: TestApp,
    readonly workflow: WorkflowEntity,
    readonly owner: ThreadOwner = userOwner(),
  ) {
    this.thread = { id: `thr_${randomBytes(4).toString('hex')}`, created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} };
  }

  get executor(): WorkflowExecutor {
    return this.t.app.get(WorkflowExecutor);
  }

  run(signal: AbortSignal = new AbortController().signal): RunContext {
    return { workflow: this.workflow, thread: this.thread, owner: this.owner, history: [...this.items], signal, newItemId };
  }

  apply(events: ThreadStreamEvent[]): ThreadStreamEvent[] {
    for (const e of events) {
      if (e.type === 'thread.item.done') this.items.push(e.item);
      if (e.type === 'thread.item.replaced') {
        const i = this.items.findIndex((x) => x.id === e.item.id);
        if (i >= 0) this.items[i] = e.item;
        else this.items.push(e.item);
      }
      if (e.type === 'thread.item.removed') {
        const i = this.items.findIndex((x) => x.id === e.item_id);
        if (i >= 0) this.items.splice(i, 1);
      }
    }
    return events;
  }

  async say(text: string): Promise<ThreadStreamEvent[]> {
    const input = userMessage(this.thread.id, text);
    this.items.push(input);
    return this.apply(await collect(this.executor.respond(this.run(), input)));
  }

  async click(action: WidgetAction, sender: WidgetItem | null): Promise<ThreadStreamEvent[]> {
    return this.apply(await collect(this.executor.action(this.run(), action, sender)));
  }

  lastWidget(): WidgetItem {
    const w = [...this.items].reverse().find((i): i is WidgetItem => i.type === 'widget');
    if (!w) throw new Error('no widget item in the thread');
    return w;
  }
}

/** Every action config found in a widget tree, with the label of the button carrying it. */
export function findActions(node: unknown, out: { label?: string; action: { type: string; payload?: any; handler?: string } }[] = []) {
  if (Array.isArray(node)) node.forEach((n) => findActions(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, any>;
    if (n.onClickAction) out.push({ label: n.label, action: n.onClickAction });
    for (const v of Object.values(n)) if (v && typeof v === 'object') findActions(v, out);
  }
  return out;
}

/** All string values of a widget tree (what the user reads). */
export function widgetText(node: unknown): string {
  const parts: string[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      for (const k of ['value', 'label']) if (typeof o[k] === 'string') parts.push(o[k] as string);
      if (o.children) visit(o.children);
    }
  };
  visit(node);
  return parts.join(' | ');
}
