import { TasksToolPack } from '../tool-packs/tasks/tasks.pack';
import type { TasksService } from '../tool-packs/tasks/tasks.service';
import { decide, helpText, NO_MODEL_NO_TOOLS, normalizeCommand, routeMessage, toolResultText } from './builtin-router';
import { textDeltas } from './builtin.provider';
import type { ModelMessage } from './model-provider';

// Routing only reads the tool declarations; no tool runs here (the e2e tests run them against PostgreSQL).
const tools = new TasksToolPack({} as TasksService).tools;

const call = (tool: string, args: Record<string, unknown>) => ({ kind: 'tool_call', tool, args });

describe('builtin router: tasks commands', () => {
  it.each([
    ['add task Buy groceries', call('add_task', { title: 'Buy groceries' })],
    ['Add a task: Buy groceries', call('add_task', { title: 'Buy groceries' })],
    ['create a todo to call mom', call('add_task', { title: 'call mom' })],
    ['please add a new task - Water the plants!', call('add_task', { title: 'Water the plants' })],
    ['add milk to my list', call('add_task', { title: 'milk' })],
    ['Remind me to call the dentist.', call('add_task', { title: 'call the dentist' })],
    ['add tasks: milk, eggs and bread', call('add_tasks', { titles: ['milk', 'eggs', 'bread'] })],
    ['add tasks milk; eggs', call('add_tasks', { titles: ['milk', 'eggs'] })],
    ['Show my tasks', call('list_tasks', { status: 'all' })],
    ['list tasks', call('list_tasks', { status: 'all' })],
    ['show me my open tasks', call('list_tasks', { status: 'open' })],
    ['show completed tasks', call('list_tasks', { status: 'done' })],
    ["what's on my list?", call('list_tasks', { status: 'all' })],
    ['my tasks', call('list_tasks', { status: 'all' })],
    ['What do I have to do?', call('list_tasks', { status: 'open' })],
    ['find task groceries', call('find_task_by_name', { name: 'groceries' })],
    ['search my tasks for milk', call('find_task_by_name', { name: 'milk' })],
    ['do I have a task about the dentist', call('find_task_by_name', { name: 'the dentist' })],
    ['complete task Buy groceries', call('complete_task', { title: 'Buy groceries' })],
    ['Mark Buy groceries as done', call('complete_task', { title: 'Buy groceries' })],
    ['finish the task "Buy groceries"', call('complete_task', { title: '"Buy groceries"' })],
    ['check off milk', call('complete_task', { title: 'milk' })],
    ['delete task Buy groceries', call('delete_task', { title: 'Buy groceries' })],
    ['remove milk from my list', call('delete_task', { title: 'milk' })],
    ['rename task Buy groceries to Buy groceries and flowers', call('update_task', { title: 'Buy groceries', new_title: 'Buy groceries and flowers' })],
    ['change milk to oat milk', call('update_task', { title: 'milk', new_title: 'oat milk' })],
    ['reopen task Buy groceries', call('update_task', { title: 'Buy groceries', status: 'open' })],
    ['mark milk as not done', call('update_task', { title: 'milk', status: 'open' })],
  ])('%s', (message, expected) => {
    expect(routeMessage(message, tools)).toEqual(expected);
  });

  it('asks for the missing argument of a bare command', () => {
    expect(routeMessage('Add a task', tools)).toEqual({ kind: 'answer', reason: 'ask', text: 'What is the task? Tell me its title, for example “Buy groceries”.' });
    expect(routeMessage('complete a task', tools)).toMatchObject({ kind: 'answer', reason: 'ask', text: expect.stringContaining('Which task should I mark as done?') });
    expect(routeMessage('delete task', tools)).toMatchObject({ kind: 'answer', reason: 'ask', text: expect.stringContaining('Which task should I delete?') });
    expect(routeMessage('add tasks', tools)).toMatchObject({ kind: 'answer', reason: 'ask', text: expect.stringContaining('Which tasks should I add?') });
  });

  it('takes the next message as the missing argument after asking for it', () => {
    const question = (routeMessage('Add a task', tools) as { text: string }).text;
    expect(routeMessage('Buy groceries', tools, question)).toEqual(call('add_task', { title: 'Buy groceries' }));
    const bulk = (routeMessage('add tasks', tools) as { text: string }).text;
    expect(routeMessage('milk, eggs and bread', tools, bulk)).toEqual(call('add_tasks', { titles: ['milk', 'eggs', 'bread'] }));
    // Not a follow-up when the previous answer was something else.
    expect(routeMessage('Buy groceries', tools, 'Here are your tasks: 1 open, 0 done.')).toMatchObject({ kind: 'answer', reason: 'not_understood' });
  });

  it('rejects arguments that break the tool schema with a readable answer', () => {
    const long = `add task ${'x'.repeat(300)}`;
    expect(routeMessage(long, tools)).toMatchObject({ kind: 'answer', reason: 'ask', text: expect.stringContaining('at most 200 characters') });
  });

  it('answers help and greetings with the command list and says no model is configured', () => {
    for (const m of ['help', 'Hi!', 'what can you do?', '']) {
      const d = routeMessage(m, tools);
      expect(d).toMatchObject({ kind: 'answer', reason: 'help' });
      const text = (d as { text: string }).text;
      expect(text).toContain('No AI model is configured');
      expect(text).toContain('**Add a task**: “Add task Buy groceries”');
      expect(text).toContain('**Show your tasks**: “Show my tasks”');
      expect(text).toContain('**Complete a task**');
      expect(text).toContain('**Delete a task**');
    }
  });

  it('answers an unknown message with the commands it understands', () => {
    const d = routeMessage('What is the capital of France?', tools);
    expect(d).toEqual({ kind: 'answer', reason: 'not_understood', text: helpText(tools, false) });
    expect((d as { text: string }).text).toMatch(/^Sorry, I didn’t understand that\. No AI model is configured/);
  });

  it('without tools, says that no model is configured', () => {
    expect(routeMessage('add task x', [])).toEqual({ kind: 'answer', reason: 'no_tools', text: NO_MODEL_NO_TOOLS });
  });

  it('normalises commands', () => {
    expect(normalizeCommand('  show   my tasks?!  ')).toBe('show my tasks');
  });
});

describe('builtin router: conversation', () => {
  const system: ModelMessage = { role: 'system', content: 'x' };

  it('routes the newest typed message and ignores server-added context', () => {
    const messages: ModelMessage[] = [
      system,
      { role: 'user', content: 'show my tasks' },
      { role: 'user', content: 'The following graphical UI widget (id: msg_1) was displayed to the user:{}', context: true },
    ];
    expect(decide(messages, tools)).toEqual(call('list_tasks', { status: 'all' }));
  });

  it('answers with the messages of the tool results that end the conversation', () => {
    const messages: ModelMessage[] = [
      system,
      { role: 'user', content: 'add task a' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'c1', name: 'add_task', arguments: '{"title":"a"}' }] },
      { role: 'tool', tool_call_id: 'c1', content: JSON.stringify({ ok: true, message: '✓ Task created: a', data: { task: { id: 'x' } } }) },
    ];
    expect(decide(messages, tools)).toEqual({ kind: 'answer', reason: 'tool_result', text: '✓ Task created: a' });
    messages[3] = { role: 'tool', tool_call_id: 'c1', content: JSON.stringify({ ok: false, error: 'No task matches “a”.' }) };
    expect(decide(messages, tools)).toMatchObject({ text: 'No task matches “a”.' });
  });

  it('has nothing to say when the last message is already answered', () => {
    expect(decide([system, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }], tools)).toMatchObject({ reason: 'nothing_to_answer', text: '' });
  });

  it('reads tool outputs it does not know as "Done."', () => {
    expect(toolResultText('{"weather":"sunny"}')).toBe('Done.');
    expect(toolResultText('not json')).toBe('Done.');
  });

  it('streams answers in several deltas that add up to the text', () => {
    const text = '✓ Task created: Buy groceries for the weekend';
    const deltas = textDeltas(text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
  });
});
