import type { ThreadStreamEvent } from '@atrium/protocol';
import { card, text, validateWidget } from '@atrium/widgets';
import { DomainError } from '../../server/src/common/errors/domain-error';
import { ModelProviderError, toStreamErrorEvent } from '../../server/src/workflows/executor/executor.errors';
import type { WorkflowEntity } from '../../server/src/workflows/entities/workflow.entity';
import { SeedService } from '../../server/src/seed/seed.service';
import { TasksService, TASKS_PER_OWNER_MAX } from '../../server/src/workflows/tool-packs/tasks/tasks.service';
import { WorkflowsService } from '../../server/src/workflows/workflows.service';
import { ToolPackRegistry } from '../../server/src/workflows/tool-packs/tool-pack.registry';
import type { ToolPack } from '../../server/src/workflows/tool-packs/tool-pack';
import { createTestApp, type TestApp } from '../support/test-app';
import { assistantTexts, collect, Conversation, createWorkflow, findActions, userOwner, widgetItems, widgetText } from '../support/executor-harness';

const TASKS_DEFINITION = {
  instructions: 'You keep the user\'s tasks.',
  model: { provider: 'builtin' as const },
  tool_packs: ['tasks'],
};

/** A pack whose tools return widgets the executor must refuse (or accept). */
const widgetLab: ToolPack = {
  name: 'widget-lab',
  title: 'Widget lab',
  description: 'Test widgets',
  instructions: '',
  tools: [
    {
      name: 'show_broken',
      title: 'Show a broken widget',
      description: 'x',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      examples: ['show broken widget'],
      patterns: [{ regex: /^show broken widget$/i }],
      progress: 'Drawing…',
      run: async () => ({ message: 'Here is the chart.', widget: { type: 'Card', children: [{ type: 'Blink', value: 'x' }] } }),
    },
    {
      name: 'show_huge',
      title: 'Show a huge widget',
      description: 'x',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      examples: ['show huge widget'],
      patterns: [{ regex: /^show huge widget$/i }],
      progress: 'Drawing…',
      run: async () => ({ message: 'Here is the report.', widget: card([text('x'.repeat(3000))]) }),
    },
  ],
  actions: {
    'widget-lab.explode': async () => {
      throw new Error('kaboom');
    },
  },
};

const types = (events: ThreadStreamEvent[]) => events.map((e) => (e.type === 'thread.item.updated' ? `updated:${e.update.type}` : e.type === 'thread.item.done' || e.type === 'thread.item.added' ? `${e.type}:${e.item.type}` : e.type));

describe('workflow executor (builtin provider, tasks pack, PostgreSQL)', () => {
  let t: TestApp;
  let workflow: WorkflowEntity;
  let tasks: TasksService;

  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true, env: { ATRIUM_WIDGET_MAX_BYTES: '2048' } });
    // First start: the demo content is seeded into the empty database.
    expect((await t.app.get(SeedService).seed()).demoWorkflows).toBeGreaterThan(0);
    t.app.get(ToolPackRegistry).register(widgetLab);
    workflow = await createWorkflow(t, { name: 'Tasks', definition: TASKS_DEFINITION });
    tasks = t.app.get(TasksService);
  });
  afterAll(() => t.close());

  const logsWith = (msg: string) => t.logs!.records().filter((r) => r.msg === msg);

  it('adds a task from a command and streams the confirmation like a model answer', async () => {
    const c = new Conversation(t, workflow);
    const events = await c.say('add task Buy groceries');
    const seq = types(events);
    expect(seq[0]).toBe('progress_update');
    expect(seq.slice(1, 3)).toEqual(['thread.item.added:assistant_message', 'updated:assistant_message.content_part.added']);
    expect(seq.slice(-2)).toEqual(['updated:assistant_message.content_part.done', 'thread.item.done:assistant_message']);
    const deltas = events.filter((e) => e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(seq.slice(3, -2).every((s) => s === 'updated:assistant_message.content_part.text_delta')).toBe(true);
    expect(events[1]).toMatchObject({ item: { type: 'assistant_message', content: [], thread_id: c.thread.id } });
    expect(assistantTexts(events)).toEqual(['✓ Task created: Buy groceries']);

    const rows = await t.dataSource.query('SELECT owner_key, title, status, completed_at FROM tasks WHERE owner_key = $1', [c.owner.key]);
    expect(rows).toEqual([{ owner_key: c.owner.key, title: 'Buy groceries', status: 'open', completed_at: null }]);
    expect(c.thread.title).toBe('add task Buy groceries');
  });

  it('asks for the title of a bare "Add a task" and takes the next message as the title', async () => {
    const c = new Conversation(t, workflow);
    expect(assistantTexts(await c.say('Add a task'))).toEqual(['What is the task? Tell me its title, for example “Buy groceries”.']);
    expect(assistantTexts(await c.say('Water the plants'))).toEqual(['✓ Task created: Water the plants']);
    expect((await tasks.list(c.owner.key)).map((x) => x.title)).toEqual(['Water the plants']);
  });

  it('lists tasks as a valid card with status badges and server-handled Complete/Delete buttons', async () => {
    const c = new Conversation(t, workflow);
    await c.say('add task Buy milk');
    await c.say('add task Call mom');
    await c.say('complete task Call mom');
    const events = await c.say('Show my tasks');
    const [item] = widgetItems(events);
    expect(item).toBeDefined();
    expect(validateWidget(item.widget).ok).toBe(true);
    expect(item.widget.type).toBe('Card');
    const list = (item.widget.children as { type: string; children?: { type: string; key?: string }[] }[]).find((n) => n.type === 'ListView');
    expect(list?.children?.map((n) => n.type)).toEqual(['ListViewItem', 'ListViewItem']);
    const shown = widgetText(item.widget);
    expect(shown).toContain('Buy milk');
    expect(shown).toContain('Call mom');
    expect(shown).toContain('Open');
    expect(shown).toContain('Done');
    expect(item.copy_text).toBe('[ ] Buy milk\n[x] Call mom');
    const [milk, mom] = await tasks.list(c.owner.key);
    expect(list?.children?.map((n) => n.key)).toEqual([milk.id, mom.id]);
    expect(findActions(item.widget)).toEqual([
      { label: 'Complete', action: { type: 'tasks.complete', payload: { task_id: milk.id, view: 'all' }, handler: 'server' } },
      { label: 'Delete', action: { type: 'tasks.delete', payload: { task_id: milk.id, view: 'all' }, handler: 'server' } },
      { label: 'Reopen', action: { type: 'tasks.reopen', payload: { task_id: mom.id, view: 'all' }, handler: 'server' } },
      { label: 'Delete', action: { type: 'tasks.delete', payload: { task_id: mom.id, view: 'all' }, handler: 'server' } },
    ]);
    // The card comes before the one-line summary, after the progress update.
    expect(types(events)[0]).toBe('progress_update');
    expect(assistantTexts(events)).toEqual(['Here are your tasks: 1 open, 1 done.']);
  });

  it('shows an empty list as a card saying there are no tasks', async () => {
    const c = new Conversation(t, workflow);
    const events = await c.say('show my tasks');
    const [item] = widgetItems(events);
    expect(validateWidget(item.widget).ok).toBe(true);
    expect(widgetText(item.widget)).toContain('You have no tasks yet.');
    expect(findActions(item.widget)).toEqual([]);
    expect(assistantTexts(events)).toEqual(['You have no tasks yet.']);
  });

  it('finds, completes, renames, reopens and deletes tasks by name, with friendly errors', async () => {
    const c = new Conversation(t, workflow);
    await c.say('add tasks: Buy milk, Milk the cow and Pay rent');
    expect(assistantTexts(await c.say('find task milk'))).toEqual(['Found 2 tasks matching “milk”: “Buy milk” (open), “Milk the cow” (open).']);
    expect(assistantTexts(await c.say('complete task milk'))).toEqual(['Several tasks match “milk”: “Buy milk”, “Milk the cow”. Which one do you mean?']);
    expect(assistantTexts(await c.say('mark buy milk as done'))).toEqual(['✓ Task completed: Buy milk']);
    expect(assistantTexts(await c.say('complete task Buy milk'))).toEqual(['“Buy milk” was already done.']);
    expect(assistantTexts(await c.say('rename task Pay rent to Pay rent (May)'))).toEqual(['✓ Task updated: Pay rent (May) (renamed “Pay rent” → “Pay rent (May)”)']);
    expect(assistantTexts(await c.say('reopen task buy milk'))).toEqual(['✓ Task updated: Buy milk (reopened)']);
    expect(assistantTexts(await c.say('delete task Milk the cow'))).toEqual(['✓ Task deleted: Milk the cow']);
    expect(assistantTexts(await c.say('delete task Walk the dog'))).toEqual(['No task matches “Walk the dog”.']);
    expect(assistantTexts(await c.say('find task dog'))).toEqual(['No task matches “dog”.']);
    const rows = await tasks.list(c.owner.key);
    expect(rows.map((r) => [r.title, r.status])).toEqual([['Buy milk', 'open'], ['Pay rent (May)', 'open']]);
  });

  it('answers help, and unknown messages, with the commands it understands', async () => {
    const c = new Conversation(t, workflow);
    const [help] = assistantTexts(await c.say('help'));
    expect(help).toContain('No AI model is configured for this assistant');
    expect(help).toContain('“Add task Buy groceries”');
    expect(help).toContain('“Show my tasks”');
    const [unknown] = assistantTexts(await c.say('What is the meaning of life?'));
    expect(unknown).toMatch(/^Sorry, I didn’t understand that/);
    expect(await tasks.list(c.owner.key)).toEqual([]);
  });

  it('says that no model is configured when the workflow has no tools', async () => {
    const plain = await createWorkflow(t, { name: 'Helpdesk', definition: { model: { provider: 'auto' } } });
    const [answer] = assistantTexts(await new Conversation(t, plain).say('How do I reset my VPN?'));
    expect(answer).toContain('No AI model is configured for this assistant yet');
    expect(answer).toContain('OPENAI_API_KEY');
  });

  it('keeps each owner\'s tasks apart', async () => {
    const alice = new Conversation(t, workflow, userOwner());
    const bob = new Conversation(t, workflow, { kind: 'visitor', id: 'v-123', key: 'visitor:v-123' });
    await alice.say('add task Alice secret plan');
    await alice.say('show my tasks');
    const aliceCard = alice.lastWidget();

    expect(widgetText(widgetItems(await bob.say('show my tasks'))[0].widget)).toContain('You have no tasks yet.');
    expect(assistantTexts(await bob.say('complete task Alice secret plan'))).toEqual(['No task matches “Alice secret plan”.']);
    expect(assistantTexts(await bob.say('find task secret'))).toEqual(['No task matches “secret”.']);
    // Even with Alice's task id (from her card), Bob's click changes nothing.
    const complete = findActions(aliceCard.widget).find((a) => a.label === 'Complete')!.action;
    const events = await bob.click(complete, aliceCard);
    expect(events).toEqual([{ type: 'notice', level: 'warning', title: 'That didn’t work', message: 'That task no longer exists.' }]);
    await expect(tasks.list(bob.owner.key)).resolves.toEqual([]);
    expect((await tasks.list(alice.owner.key)).map((x) => x.status)).toEqual(['open']);
    await expect(tasks.get(bob.owner.key, (await tasks.list(alice.owner.key))[0].id)).rejects.toMatchObject({ code: 'task.not_found' });
  });

  it('streams a progress card while adding several tasks (added → value deltas → root update → done)', async () => {
    const c = new Conversation(t, workflow);
    const events = await c.say('add tasks: milk, eggs and bread');
    const widgetEvents = events.filter((e) => (e.type === 'thread.item.added' || e.type === 'thread.item.done') ? e.item.type === 'widget' : e.type === 'thread.item.updated' && e.update.type.startsWith('widget.'));
    expect(types(widgetEvents)).toEqual([
      'thread.item.added:widget',
      'updated:widget.streaming_text.value_delta',
      'updated:widget.streaming_text.value_delta',
      'updated:widget.streaming_text.value_delta',
      'updated:widget.root.updated',
      'thread.item.done:widget',
    ]);
    const deltas = widgetEvents.flatMap((e) => (e.type === 'thread.item.updated' && e.update.type === 'widget.streaming_text.value_delta' ? [e.update] : []));
    expect(deltas.map((d) => d.delta)).toEqual(['- ✓ milk\n', '- ✓ eggs\n', '- ✓ bread\n']);
    expect(new Set(deltas.map((d) => d.component_id)).size).toBe(1);
    const added = widgetEvents[0] as Extract<ThreadStreamEvent, { type: 'thread.item.added' }>;
    const done = widgetEvents[5] as Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;
    expect(done.item.id).toBe(added.item.id);
    expect(widgetText(done.item.type === 'widget' ? done.item.widget : null)).toContain('Added 3 of 3 tasks');
    expect(assistantTexts(events)).toEqual(['✓ Added 3 tasks: milk, eggs, bread']);
    expect((await tasks.list(c.owner.key)).map((x) => x.title)).toEqual(['milk', 'eggs', 'bread']);
    // The streamed item is persisted once, in its final state.
    expect(c.items.filter((i) => i.type === 'widget')).toHaveLength(1);
  });

  describe('widget actions', () => {
    it('completes a task from the card: the card is replaced in place and a confirmation follows', async () => {
      const c = new Conversation(t, workflow);
      await c.say('add task Buy stamps');
      await c.say('show my tasks');
      const cardItem = c.lastWidget();
      const complete = findActions(cardItem.widget).find((a) => a.label === 'Complete')!.action;

      const events = await c.click(complete, cardItem);
      expect(types(events)).toEqual(['thread.item.replaced', 'thread.item.done:assistant_message']);
      const replaced = events[0] as Extract<ThreadStreamEvent, { type: 'thread.item.replaced' }>;
      expect(replaced.item).toMatchObject({ id: cardItem.id, thread_id: cardItem.thread_id, created_at: cardItem.created_at, type: 'widget' });
      const widget = replaced.item.type === 'widget' ? replaced.item.widget : undefined;
      expect(validateWidget(widget).ok).toBe(true);
      expect(widgetText(widget)).toContain('Done');
      expect(findActions(widget).map((a) => a.label)).toEqual(['Reopen', 'Delete']);
      expect(assistantTexts(events)).toEqual(['✓ Task completed: Buy stamps']);
      const [row] = await t.dataSource.query('SELECT status, completed_at FROM tasks WHERE owner_key = $1', [c.owner.key]);
      expect(row.status).toBe('done');
      expect(row.completed_at).toBeInstanceOf(Date);

      // Delete through the non-streaming path: the updated item comes back for the chatkit layer to save.
      const del = findActions(c.lastWidget().widget).find((a) => a.label === 'Delete')!.action;
      const res = await c.executor.syncAction(c.run(), del, c.lastWidget());
      expect(res.updated_item).toMatchObject({ id: cardItem.id, type: 'widget' });
      expect(widgetText(res.updated_item?.type === 'widget' ? res.updated_item.widget : null)).toContain('You have no tasks yet.');
      expect(await tasks.list(c.owner.key)).toEqual([]);
    });

    it('answers an unknown action type with a notice, not silence', async () => {
      const c = new Conversation(t, workflow);
      expect(await c.click({ type: 'tasks.archive', payload: {} }, null)).toEqual([
        { type: 'notice', level: 'warning', title: 'Action not available', message: 'This button does not do anything in this assistant.' },
      ]);
      // An action of a pack the workflow does not enable is unknown too.
      const other = await createWorkflow(t, { name: 'No tasks', definition: { model: { provider: 'builtin' } } });
      const events = await new Conversation(t, other).click({ type: 'tasks.complete', payload: { task_id: '00000000-0000-4000-8000-000000000000' } }, null);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'notice', level: 'warning' });
      await expect(c.executor.syncAction(c.run(), { type: 'tasks.archive' }, null)).rejects.toMatchObject({ code: 'workflow.action.unknown' });
    });

    it('treats the payload as untrusted: a bad payload gets a notice and a structured error log', async () => {
      const c = new Conversation(t, workflow);
      const events = await c.click({ type: 'tasks.complete', payload: { task_id: "1' OR '1'='1" } }, null);
      expect(events).toEqual([{ type: 'notice', level: 'warning', title: 'That didn’t work', message: 'This button does not name a valid task.' }]);
      await new Promise((r) => setTimeout(r, 50));
      const line = logsWith('Widget action failed').find((r) => r.thread_id === c.thread.id);
      expect(line).toMatchObject({ level: 'error', thread_id: c.thread.id, workflow_id: workflow.id, action_type: 'tasks.complete' });
      await expect(c.executor.syncAction(c.run(), { type: 'tasks.delete', payload: 'nope' }, null)).rejects.toBeInstanceOf(DomainError);
    });

    it('logs an unexpected action failure with the error and shows a danger notice', async () => {
      const lab = await createWorkflow(t, { name: 'Lab', definition: { model: { provider: 'builtin' }, tool_packs: ['widget-lab'] } });
      const c = new Conversation(t, lab);
      const events = await c.click({ type: 'widget-lab.explode' }, null);
      expect(events).toEqual([{ type: 'notice', level: 'danger', title: 'That didn’t work', message: 'Something went wrong while handling this button. Please try again.' }]);
      await new Promise((r) => setTimeout(r, 50));
      const line = logsWith('Widget action failed').find((r) => r.thread_id === c.thread.id);
      expect(line).toMatchObject({ level: 'error', workflow_id: lab.id, action_type: 'widget-lab.explode' });
      expect(JSON.stringify(line)).toContain('kaboom');
      await expect(c.executor.syncAction(c.run(), { type: 'widget-lab.explode' }, null)).rejects.toMatchObject({ code: 'workflow.action.failed' });
    });
  });

  describe('widgets from tool results', () => {
    let lab: WorkflowEntity;
    beforeAll(async () => {
      lab = await createWorkflow(t, { name: 'Lab widgets', definition: { model: { provider: 'builtin' }, tool_packs: ['widget-lab'] } });
    });

    it('skips an invalid widget with a notice and a warning log, and the chat goes on', async () => {
      const c = new Conversation(t, lab);
      const events = await c.say('show broken widget');
      expect(widgetItems(events)).toEqual([]);
      expect(events).toContainEqual({ type: 'notice', level: 'warning', title: 'Widget unavailable', message: 'Widget unavailable: part of this answer could not be displayed.' });
      expect(assistantTexts(events)).toEqual(['Here is the chart.']);
      await new Promise((r) => setTimeout(r, 50));
      const line = logsWith('Skipping widget payload').find((r) => r.thread_id === c.thread.id);
      expect(line).toMatchObject({ level: 'warn', thread_id: c.thread.id, workflow_id: lab.id, reason: 'invalid' });
      expect(String(line!.detail)).toContain('Blink');
    });

    it('skips a widget over ATRIUM_WIDGET_MAX_BYTES with a "too large" notice and a warning log', async () => {
      const c = new Conversation(t, lab);
      const events = await c.say('show huge widget');
      expect(widgetItems(events)).toEqual([]);
      expect(events).toContainEqual({ type: 'notice', level: 'warning', title: 'Widget too large', message: 'Widget too large: part of this answer was too big to display.' });
      expect(assistantTexts(events)).toEqual(['Here is the report.']);
      await new Promise((r) => setTimeout(r, 50));
      const line = logsWith('Skipping widget payload').find((r) => r.thread_id === c.thread.id);
      expect(line).toMatchObject({ level: 'warn', thread_id: c.thread.id, workflow_id: lab.id, reason: 'too_large', max_bytes: 2048 });
      expect(line!.bytes).toBeGreaterThan(2048);
    });
  });

  it('fails with model.not_configured when a workflow asks for OpenAI and the server has no key', async () => {
    const wf = await createWorkflow(t, { name: 'Needs OpenAI', definition: { model: { provider: 'openai' } } });
    const c = new Conversation(t, wf);
    const error = await collect(c.executor.respond(c.run(), null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ code: 'model.not_configured', allowRetry: false });
    expect(toStreamErrorEvent(error)).toMatchObject({ type: 'error', code: 'custom', allow_retry: false, message: expect.stringContaining('OPENAI_API_KEY') });
  });

  it('seeds a ready "Task assistant" demo that adds, lists, completes and deletes tasks without a model', async () => {
    const svc = t.app.get(WorkflowsService);
    const listed = await svc.list({ q: 'Task assistant', limit: 10, offset: 0 });
    expect(listed.data).toHaveLength(1);
    const demo = listed.data[0];
    expect(demo.definition).toMatchObject({
      tool_packs: ['tasks'],
      model: { provider: 'auto' },
      starter_prompts: [{ label: 'Add a task', prompt: 'Add a task' }, { label: 'Show my tasks', prompt: 'Show my tasks' }],
    });
    expect(demo.definition.greeting).not.toBe('');
    const c = new Conversation(t, await svc.getEntity(demo.id));

    // The two starter prompts, then the card's buttons.
    expect(assistantTexts(await c.say(demo.definition.starter_prompts[0].prompt))[0]).toContain('What is the task?');
    expect(assistantTexts(await c.say('Buy groceries'))).toEqual(['✓ Task created: Buy groceries']);
    const shown = await c.say(demo.definition.starter_prompts[1].prompt);
    expect(widgetText(widgetItems(shown)[0].widget)).toContain('Buy groceries');
    const cardItem = c.lastWidget();
    await c.click(findActions(cardItem.widget).find((a) => a.label === 'Complete')!.action, cardItem);
    expect(widgetText(c.lastWidget().widget)).toContain('Done');
    await c.click(findActions(c.lastWidget().widget).find((a) => a.label === 'Delete')!.action, c.lastWidget());
    expect(widgetText(c.lastWidget().widget)).toContain('You have no tasks yet.');
    expect(c.lastWidget().id).toBe(cardItem.id);
    expect(await tasks.list(c.owner.key)).toEqual([]);
  });

  describe('tasks service', () => {
    it('normalises titles and refuses empty or too long ones', async () => {
      const owner = userOwner().key;
      expect((await tasks.add(owner, '  “Plan   the offsite”  ')).title).toBe('Plan the offsite');
      await expect(tasks.add(owner, '   ')).rejects.toMatchObject({ code: 'task.invalid' });
      await expect(tasks.add(owner, 'x'.repeat(201))).rejects.toMatchObject({ code: 'task.invalid' });
    });

    it('matches titles literally (LIKE wildcards are escaped)', async () => {
      const owner = userOwner().key;
      await tasks.add(owner, 'Raise budget by 10%');
      await tasks.add(owner, 'Review Q3_report');
      await tasks.add(owner, 'Call Bob');
      expect((await tasks.findByTitle(owner, '%')).map((x) => x.title)).toEqual(['Raise budget by 10%']);
      expect((await tasks.findByTitle(owner, '_')).map((x) => x.title)).toEqual(['Review Q3_report']);
      expect((await tasks.findByTitle(owner, 'BOB')).map((x) => x.title)).toEqual(['Call Bob']);
    });

    it(`caps an owner at ${TASKS_PER_OWNER_MAX} tasks`, async () => {
      const owner = userOwner().key;
      await t.dataSource.query(`INSERT INTO tasks (owner_key, title) SELECT $1, 'task ' || g FROM generate_series(1, ${TASKS_PER_OWNER_MAX}) g`, [owner]);
      await expect(tasks.add(owner, 'one more')).rejects.toMatchObject({ code: 'task.invalid' });
      await expect(tasks.add(userOwner().key, 'someone else can')).resolves.toMatchObject({ title: 'someone else can' });
    });
  });

  it('stops a run when the signal aborts', async () => {
    const c = new Conversation(t, workflow);
    const ac = new AbortController();
    ac.abort();
    await expect(collect(c.executor.respond(c.run(ac.signal), null))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
