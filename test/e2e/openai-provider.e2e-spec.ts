import type { ThreadItem, ThreadStreamEvent } from '@atrium/protocol';
import { card, text } from '@atrium/widgets';
import type { WorkflowEntity } from '../../server/src/workflows/entities/workflow.entity';
import { ModelProviderError, toStreamErrorEvent } from '../../server/src/workflows/executor/executor.errors';
import { TasksService } from '../../server/src/workflows/tool-packs/tasks/tasks.service';
import { FakeOpenAIServer, reply } from '../fixtures/fake-openai-server';
import { assistantTexts, Conversation, createWorkflow, newItemId, widgetItems } from '../support/executor-harness';
import { createTestApp, type TestApp } from '../support/test-app';

const API_KEY = 'sk-test-0123456789abcdef';

/** Iterates until the stream ends or fails; returns what arrived before the failure too. */
async function run(events: AsyncIterable<ThreadStreamEvent>): Promise<{ events: ThreadStreamEvent[]; error?: unknown }> {
  const out: ThreadStreamEvent[] = [];
  try {
    for await (const e of events) out.push(e);
    return { events: out };
  } catch (error) {
    return { events: out, error };
  }
}

describe('openai provider (official SDK, real HTTP streaming against a fake OpenAI-compatible server)', () => {
  let fake: FakeOpenAIServer;
  let t: TestApp;
  let workflow: WorkflowEntity;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: API_KEY });
    t = await createTestApp({
      env: {
        OPENAI_API_KEY: API_KEY,
        OPENAI_BASE_URL: fake.baseUrl,
        ATRIUM_MODEL_TIMEOUT_MS: '1000',
        ATRIUM_MAX_TOOL_ROUNDS: '2',
        ATRIUM_HISTORY_ITEMS: '6',
      },
    });
    workflow = await createWorkflow(t, {
      name: 'Tasks (OpenAI)',
      definition: {
        instructions: 'You are the task assistant.',
        model: { provider: 'auto', model: 'gpt-test-mini', temperature: 0.3, max_output_tokens: 500 },
        tool_packs: ['tasks'],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  afterEach(() => {
    expect(fake.pendingChatReplies).toBe(0);
  });

  const requestsSince = (n: number) => fake.chatRequests().slice(n);

  it('streams the model\'s text deltas as one assistant message and sends the workflow\'s settings', async () => {
    const before = fake.chatRequests().length;
    fake.chat(reply.text(['Hello', ' there', '!']));
    const c = new Conversation(t, workflow);
    const events = await c.say('Hi');

    expect(events.map((e) => (e.type === 'thread.item.updated' ? e.update.type : e.type))).toEqual([
      'thread.item.added',
      'assistant_message.content_part.added',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.text_delta',
      'assistant_message.content_part.done',
      'thread.item.done',
    ]);
    const deltas = events.flatMap((e) => (e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta' ? [e.update.delta] : []));
    expect(deltas).toEqual(['Hello', ' there', '!']);
    expect(events[5]).toMatchObject({ update: { content_index: 0, content: { type: 'output_text', text: 'Hello there!', annotations: [] } } });
    expect(assistantTexts(events)).toEqual(['Hello there!']);

    const [req] = requestsSince(before);
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.body).toMatchObject({ model: 'gpt-test-mini', stream: true, temperature: 0.3, max_completion_tokens: 500 });
    expect(req.body.tools.map((x: { function: { name: string } }) => x.function.name)).toEqual([
      'add_tasks', 'add_task', 'list_tasks', 'find_task_by_name', 'complete_task', 'delete_task', 'update_task',
    ]);
    expect(req.body.tools[1]).toMatchObject({ type: 'function', function: { name: 'add_task', parameters: { type: 'object', required: ['title'] } } });
    expect(req.body.messages[0].role).toBe('system');
    expect(req.body.messages[0].content).toContain('You are the task assistant.');
    expect(req.body.messages[0].content).toContain('list_tasks');
    expect(req.body.messages.slice(1)).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('runs a tool call round trip: the model calls add_task, gets the result and answers', async () => {
    const before = fake.chatRequests().length;
    fake.chat(reply.toolCall('add_task', { title: 'Buy oat milk' }, { id: 'call_abc', chunks: 4 }), reply.text(['Added ', '“Buy oat milk”.']));
    const c = new Conversation(t, workflow);
    const events = await c.say('I need to buy oat milk');

    expect(events[0]).toEqual({ type: 'progress_update', text: 'Adding the task…', icon: 'plus' });
    expect(assistantTexts(events)).toEqual(['Added “Buy oat milk”.']);
    const [task] = await t.app.get(TasksService).list(c.owner.key);
    expect(task).toMatchObject({ title: 'Buy oat milk', status: 'open', ownerKey: c.owner.key });

    const [first, second] = requestsSince(before);
    expect(first.body.messages.at(-1)).toEqual({ role: 'user', content: 'I need to buy oat milk' });
    const tail = second.body.messages.slice(-2);
    expect(tail[0]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'add_task', arguments: '{"title":"Buy oat milk"}' } }],
    });
    expect(tail[1].role).toBe('tool');
    expect(tail[1].tool_call_id).toBe('call_abc');
    expect(JSON.parse(tail[1].content)).toEqual({ ok: true, message: '✓ Task created: Buy oat milk', data: { task: { id: task.id, title: 'Buy oat milk', status: 'open' } } });
  });

  it('finishes text the model sent before a tool call, shows the tool\'s widget and tells the model it was shown', async () => {
    const before = fake.chatRequests().length;
    fake.chat(reply.toolCall('list_tasks', {}, { text: ['Let me look.'] }), reply.text('That is your list.'));
    const c = new Conversation(t, workflow);
    const events = await c.say('what do I have?');
    expect(assistantTexts(events)).toEqual(['Let me look.', 'That is your list.']);
    expect(widgetItems(events)).toHaveLength(1);
    const order = events.map((e) => (e.type === 'thread.item.done' ? e.item.type : e.type)).filter((x) => ['assistant_message', 'widget', 'progress_update'].includes(x));
    expect(order).toEqual(['assistant_message', 'progress_update', 'widget', 'assistant_message']);
    const toolMessage = requestsSince(before)[1].body.messages.at(-1);
    expect(JSON.parse(toolMessage.content)).toMatchObject({ ok: true, widget: 'shown', data: { view: 'all', total: 0 } });
  });

  it('feeds invalid tool arguments and unknown tools back to the model as errors', async () => {
    const before = fake.chatRequests().length;
    fake.chat(
      reply.toolCalls([
        { name: 'add_task', arguments: '{"title": 42}', id: 'c1' },
        { name: 'launch_rocket', arguments: {}, id: 'c2' },
        { name: 'add_task', arguments: '{"title": "unterminated', id: 'c3' },
      ]),
      reply.text('Sorry, I could not do that.'),
    );
    const c = new Conversation(t, workflow);
    expect(assistantTexts(await c.say('add 42'))).toEqual(['Sorry, I could not do that.']);
    const results = requestsSince(before)[1].body.messages.filter((m: { role: string }) => m.role === 'tool');
    expect(results.map((m: { tool_call_id: string; content: string }) => [m.tool_call_id, JSON.parse(m.content)])).toEqual([
      ['c1', { ok: false, error: 'Invalid arguments: title: must be a string.' }],
      ['c2', { ok: false, error: 'There is no tool named "launch_rocket".' }],
      ['c3', { ok: false, error: 'The arguments were not valid JSON.' }],
    ]);
    expect(await t.app.get(TasksService).list(c.owner.key)).toEqual([]);
  });

  it('builds the input from the last ATRIUM_HISTORY_ITEMS items, with widgets, hidden context and client tool calls', async () => {
    const before = fake.chatRequests().length;
    fake.chat(reply.text('ok'));
    const c = new Conversation(t, workflow);
    const base = { thread_id: c.thread.id, created_at: new Date().toISOString() };
    const widget = card([text('Sunny', { id: 'w' })]);
    const history: ThreadItem[] = [
      { ...base, id: newItemId('message'), type: 'user_message', content: [{ type: 'input_text', text: 'too old' }], attachments: [], inference_options: {} },
      { ...base, id: newItemId('message'), type: 'assistant_message', content: [{ type: 'output_text', text: 'also too old', annotations: [] }] },
      { ...base, id: newItemId('message'), type: 'user_message', content: [{ type: 'input_text', text: 'weather?' }], attachments: [], inference_options: {} },
      { ...base, id: 'msg_widget1', type: 'widget', widget },
      { ...base, id: newItemId('sdk_hidden_context'), type: 'hidden_context_item', content: 'The user is on the Oslo office page.' },
      { ...base, id: newItemId('tool_call'), type: 'client_tool_call', status: 'completed', call_id: 'call_loc', name: 'get_location', arguments: {}, output: { city: 'Oslo' } },
      { ...base, id: newItemId('tool_call'), type: 'client_tool_call', status: 'pending', call_id: 'call_pending', name: 'get_location', arguments: {} },
    ];
    c.items.push(...history);
    await c.say('and tomorrow?');
    const messages = requestsSince(before)[0].body.messages;
    expect(messages.slice(1)).toEqual([
      { role: 'user', content: 'weather?' },
      { role: 'user', content: `The following graphical UI widget (id: msg_widget1) was displayed to the user:${JSON.stringify(widget)}` },
      { role: 'user', content: 'Hidden context for the agent (not shown to the user):\n<HiddenContext>\nThe user is on the Oslo office page.\n</HiddenContext>' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_loc', type: 'function', function: { name: 'get_location', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_loc', content: '{"city":"Oslo"}' },
      { role: 'user', content: 'and tomorrow?' },
    ]);
  });

  it('stops after ATRIUM_MAX_TOOL_ROUNDS tool rounds with a friendly message', async () => {
    const before = fake.chatRequests().length;
    fake.chat(reply.toolCall('list_tasks', {}), reply.toolCall('list_tasks', {}), reply.toolCall('list_tasks', {}));
    const c = new Conversation(t, workflow);
    const events = await c.say('loop forever');
    expect(requestsSince(before)).toHaveLength(3);
    expect(widgetItems(events)).toHaveLength(2);
    const texts = assistantTexts(events);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('more steps than I’m allowed to take in one answer (2)');
  });

  describe('upstream errors become typed errors the chatkit layer turns into `error` events', () => {
    it.each([
      [401, reply.error(401, 'Incorrect API key provided: sk-wrong.', { code: 'invalid_api_key' }), 'model.auth_failed', false],
      [500, reply.error(500, 'The server had an error while processing your request.'), 'model.unavailable', true],
      [429, reply.error(429, 'Rate limit reached for gpt-test-mini.', { code: 'rate_limit_exceeded' }), 'model.rate_limited', true],
      [429, reply.error(429, 'You exceeded your current quota.', { code: 'insufficient_quota', type: 'insufficient_quota' }), 'model.rate_limited', false],
      [404, reply.error(404, 'The model `gpt-test-mini` does not exist or you do not have access to it.', { code: 'model_not_found' }), 'model.request_rejected', false],
    ])('HTTP %i (case %#) becomes the right typed error', async (status, script, code, allowRetry) => {
      const before = fake.chatRequests().length;
      fake.chat(script);
      const c = new Conversation(t, workflow);
      const { events, error } = await run(c.executor.respond(c.run(), null));
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(ModelProviderError);
      expect(error).toMatchObject({ code, allowRetry, upstreamStatus: status });
      const event = toStreamErrorEvent(error);
      expect(event).toEqual({ type: 'error', code: 'custom', message: (error as Error).message, allow_retry: allowRetry });
      expect(requestsSince(before)).toHaveLength(1); // no silent retries
      expect((error as Error).message).not.toContain(API_KEY);
    });

    it('names the upstream reason for a rejected request', async () => {
      fake.chat(reply.error(404, 'The model `gpt-test-mini` does not exist.', { code: 'model_not_found' }));
      const c = new Conversation(t, workflow);
      const { error } = await run(c.executor.respond(c.run(), null));
      expect((error as Error).message).toBe('The model provider rejected the request: The model `gpt-test-mini` does not exist.');
    });

    it('fails on an error event in the middle of the stream, after the text that came first', async () => {
      fake.chat(reply.streamError(['Partial ', 'answer'], 'The server overloaded.'));
      const c = new Conversation(t, workflow);
      const { events, error } = await run(c.executor.respond(c.run(), null));
      expect(events.map((e) => e.type)).toEqual(['thread.item.added', 'thread.item.updated', 'thread.item.updated', 'thread.item.updated']);
      expect(error).toMatchObject({ code: 'model.unavailable', allowRetry: true });
    });

    it('maps anything unexpected to the generic stream.error', () => {
      expect(toStreamErrorEvent(new Error('db down'))).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    });
  });

  describe('cancellation and timeouts', () => {
    it('aborts a slow response through run.signal: the run ends with an AbortError and the server sees the client go', async () => {
      const index = fake.requests.length;
      fake.chat(reply.slow(10_000, reply.text('too late')));
      const c = new Conversation(t, workflow);
      const ac = new AbortController();
      const started = Date.now();
      const result = run(c.executor.respond(c.run(ac.signal), null));
      await fake.waitFor(() => fake.requests.length > index, 2000, 'the request');
      ac.abort();
      const { events, error } = await result;
      expect(events).toEqual([]);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(Date.now() - started).toBeLessThan(3000);
      await fake.waitForAbort(index);
      expect(fake.requests[index].completed).toBe(false);
    });

    it('aborts in the middle of a stream', async () => {
      const index = fake.requests.length;
      fake.chat(reply.stall(['Thinking'], 10_000, [' done']));
      const c = new Conversation(t, workflow);
      const ac = new AbortController();
      const events: ThreadStreamEvent[] = [];
      let error: unknown;
      try {
        for await (const e of c.executor.respond(c.run(ac.signal), null)) {
          events.push(e);
          if (e.type === 'thread.item.updated' && e.update.type === 'assistant_message.content_part.text_delta') ac.abort();
        }
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(assistantTexts(events)).toEqual([]); // the message never completed
      await fake.waitForAbort(index);
    });

    it('gives up on a stream that stalls longer than ATRIUM_MODEL_TIMEOUT_MS', async () => {
      const index = fake.requests.length;
      fake.chat(reply.stall(['Hel'], 5000, ['lo']));
      const c = new Conversation(t, workflow);
      const started = Date.now();
      const { error } = await run(c.executor.respond(c.run(), null));
      expect(error).toMatchObject({ code: 'model.timeout', allowRetry: true });
      expect(Date.now() - started).toBeLessThan(4000);
      await fake.waitForAbort(index);
    });
  });
});
