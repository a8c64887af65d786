import type { ThreadItem, UserMessageItem } from '@atrium/protocol';
import { card, text } from '@atrium/widgets';
import type { ToolPack } from '../tool-packs/tool-pack';
import { buildModelInput, DEFAULT_INSTRUCTIONS, hiddenContextText, threadItemToInput } from './model-input';

const base = { thread_id: 'thr_1', created_at: '2026-11-22T10:00:00.000Z' };
const user = (id: string, t: string, extra: Partial<UserMessageItem> = {}): UserMessageItem => ({
  ...base, id, type: 'user_message', content: [{ type: 'input_text', text: t }], attachments: [], inference_options: {}, ...extra,
});
const assistant = (id: string, t: string): ThreadItem => ({ ...base, id, type: 'assistant_message', content: [{ type: 'output_text', text: t, annotations: [] }] });
const pack = { name: 'p', instructions: 'Use the p tools.' } as ToolPack;

describe('model input (ThreadItemConverter)', () => {
  it('starts with the instructions plus each enabled pack\'s instructions', () => {
    const m = buildModelInput({ instructions: 'Be brief.', packs: [pack], history: [], input: user('u1', 'hi'), limit: 20 });
    expect(m[0]).toEqual({ role: 'system', content: 'Be brief.\n\nUse the p tools.' });
    expect(m[1]).toEqual({ role: 'user', content: 'hi' });
    expect(buildModelInput({ instructions: '  ', packs: [], history: [], input: null, limit: 20 })[0].content).toBe(DEFAULT_INSTRUCTIONS);
  });

  it('keeps only the newest `limit` items, oldest first, and does not repeat the input', () => {
    const history: ThreadItem[] = [];
    for (let i = 0; i < 30; i++) history.push(i % 2 ? assistant(`a${i}`, `answer ${i}`) : user(`u${i}`, `question ${i}`));
    const input = history[28] as UserMessageItem;
    const m = buildModelInput({ instructions: 'x', packs: [], history, input, limit: 5 });
    expect(m.slice(1).map((x) => x.content)).toEqual(['answer 25', 'question 26', 'answer 27', 'question 28', 'answer 29']);
    const appended = buildModelInput({ instructions: 'x', packs: [], history: history.slice(0, 4), input: user('new', 'latest'), limit: 3 });
    expect(appended.slice(1).map((x) => x.content)).toEqual(['question 2', 'answer 3', 'latest']);
  });

  it('describes widgets as JSON, as the reference does', () => {
    const widget = card([text('Hello', { id: 't' })]);
    expect(threadItemToInput({ ...base, id: 'msg_w', type: 'widget', widget }, false)).toEqual([
      { role: 'user', context: true, content: `The following graphical UI widget (id: msg_w) was displayed to the user:${JSON.stringify(widget)}` },
    ]);
  });

  it('wraps hidden context in a <HiddenContext> user message (strings as is, other values as JSON)', () => {
    expect(threadItemToInput({ ...base, id: 'h1', type: 'hidden_context_item', content: 'User pressed the red button' }, false)).toEqual([
      { role: 'user', context: true, content: 'Hidden context for the agent (not shown to the user):\n<HiddenContext>\nUser pressed the red button\n</HiddenContext>' },
    ]);
    expect(hiddenContextText({ a: 1 })).toContain('<HiddenContext>\n{"a":1}\n</HiddenContext>');
    expect(threadItemToInput({ ...base, id: 'h2', type: 'sdk_hidden_context', content: 'The user cancelled the stream.' }, false)[0].content).toContain('The user cancelled the stream.');
  });

  it('turns completed client tool calls into a call and its output, and skips pending ones', () => {
    const done: ThreadItem = { ...base, id: 'tc1', type: 'client_tool_call', status: 'completed', call_id: 'call_1', name: 'get_location', arguments: { precise: true }, output: { city: 'Oslo' } };
    expect(threadItemToInput(done, false)).toEqual([
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', name: 'get_location', arguments: '{"precise":true}' }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"city":"Oslo"}' },
    ]);
    expect(threadItemToInput({ ...done, status: 'pending', output: undefined }, false)).toEqual([]);
  });

  it('renders tags, quoted text (last message only) and attachments as context', () => {
    const item = user('u1', 'ignored', {
      content: [{ type: 'input_text', text: 'Ask ' }, { type: 'input_tag', id: 'p1', text: 'Ada', data: { team: 'R&D' }, interactive: false }],
      quoted_text: 'the Q3 numbers',
      attachments: [{ type: 'file', id: 'atc_1', name: 'q3.pdf', mime_type: 'application/pdf' }],
    });
    const last = threadItemToInput(item, true);
    expect(last[0]).toEqual({ role: 'user', content: 'Ask @Ada' });
    expect(last.map((m) => m.content).join('\n')).toContain('The user is referring to this in particular: \nthe Q3 numbers');
    expect(last.map((m) => m.content).join('\n')).toContain('q3.pdf (application/pdf)');
    expect(last.map((m) => m.content).join('\n')).toContain('@Ada: {"id":"p1","data":{"team":"R&D"}}');
    expect(threadItemToInput(item, false).map((m) => m.content).join('\n')).not.toContain('referring to this');
  });

  it('describes custom tasks and workflows, skips end-of-turn markers', () => {
    expect(threadItemToInput({ ...base, id: 't', type: 'task', task: { type: 'custom', title: 'Searched', content: 'docs', status_indicator: 'none' } }, false)[0].content)
      .toBe('A message was displayed to the user that the following task was performed:\n<Task>\nSearched: docs\n</Task>');
    expect(threadItemToInput({ ...base, id: 'e', type: 'end_of_turn' }, false)).toEqual([]);
  });
});
