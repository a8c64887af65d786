import type { AddressInfo } from 'node:net';
import { FakeOpenAIServer, reply } from '../fixtures/fake-openai-server';
import { createTestApp, type TestApp } from '../support/test-app';
import { ChatkitClient, createWorkflow, eventKinds, nullPaths, parseSse, userInput } from '../support/chatkit';

const CANCELLED_NOTE = 'The user cancelled the stream. Stop responding to the prior request.';

/**
 * Streaming behaviour that needs a slow or failing model: the workflow uses the
 * OpenAI provider against a real local OpenAI-compatible server (test/fixtures).
 */
describe('chatkit streaming: cancellation and failures', () => {
  let fake: FakeOpenAIServer;
  let t: TestApp;
  let base: string;
  let token: string;
  let workflowId: string;
  let client: ChatkitClient;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: 'sk-test' });
    t = await createTestApp({ captureLogs: true, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await t.userWithToken('admin');
    workflowId = await createWorkflow(t, admin.token, { model: { provider: 'openai', model: 'fake-model' }, tool_packs: [] });
    token = (await t.userWithToken('employee')).token;
    client = new ChatkitClient(t, { token, workflowId });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** Starts a streaming request with fetch and reads events until `until` holds. */
  async function openStream(body: unknown, until: (events: Record<string, any>[]) => boolean) {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/chatkit?workflow_id=${workflowId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events = () => parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2));
    while (!until(events())) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    return {
      events,
      abort: () => controller.abort(),
      /** Reads to the end of the stream. */
      async finish(): Promise<string> {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return text;
          text += decoder.decode(value, { stream: true });
        }
      },
    };
  }

  async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const deltas = (events: Record<string, any>[]) => events.filter((e) => e.update?.type === 'assistant_message.content_part.text_delta').length;

  it('a client disconnect aborts the model call, keeps the partial answer and notes the cancellation for the next turn', async () => {
    const firstRequest = fake.chatRequests().length;
    fake.chat(reply.stall(['Once upon ', 'a time'], 20_000, [' and never more']));
    const stream = await openStream({ type: 'threads.create', params: { input: userInput('tell me a story') } }, (ev) => deltas(ev) >= 2);
    const threadId = stream.events()[0].thread.id;
    // Events arrived one by one while the model was still stalling: the stream is flushed per event.
    expect(eventKinds(stream.events()).slice(0, 3)).toEqual(['thread.created', 'thread.item.done:user_message', 'stream_options']);
    stream.abort();

    // The model request is aborted, not left running.
    const index = fake.requests.indexOf(fake.chatRequests()[firstRequest]);
    await fake.waitForAbort(index);

    const note = await waitFor(async () => {
      const rows = await t.dataSource.query(`SELECT payload FROM chat_items WHERE thread_id = $1 AND type = 'sdk_hidden_context'`, [threadId]);
      return rows[0]?.payload as { content: string } | undefined;
    }, 'the cancellation note');
    expect(note.content).toBe(CANCELLED_NOTE);

    const items = (await client.send({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } })).json.data;
    expect(items.map((i: { type: string }) => i.type)).toEqual(['user_message', 'assistant_message']);
    expect(items[1].content).toEqual([{ type: 'output_text', text: 'Once upon a time', annotations: [] }]);
    const get = await client.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    expect(get.json.title).toBe('tell me a story');
    expect(JSON.stringify(get.json)).not.toContain(CANCELLED_NOTE);

    // The next turn sees the partial answer and the hidden note (history includes hidden context).
    fake.chat(reply.text(['Sure.']));
    const next = await client.addMessage(threadId, 'go on');
    expect(next.status).toBe(200);
    expect(next.events[next.events.length - 1].item.content[0].text).toBe('Sure.');
    const sent = JSON.stringify(fake.chatRequests()[firstRequest + 1].body.messages);
    expect(sent).toContain('Once upon a time');
    expect(sent).toContain(CANCELLED_NOTE);
  });

  it('a model failure becomes an error event (custom message, retry allowed), the stream ends cleanly and it is logged', async () => {
    fake.chat(reply.error(500, 'upstream exploded'));
    const res = await client.create('hello there');
    expect(res.status).toBe(200);
    expect(nullPaths(res.events)).toEqual([]);
    expect(eventKinds(res.events)).toEqual(['thread.created', 'thread.item.done:user_message', 'stream_options', 'error', 'thread.updated']);
    expect(res.events[3]).toEqual({ type: 'error', code: 'custom', message: expect.stringContaining('model provider'), allow_retry: true });
    expect(res.events[4].thread.title).toBe('hello there');
    const threadId = res.events[0].thread.id;
    const items = (await client.send({ type: 'items.list', params: { thread_id: threadId } })).json.data;
    expect(items.map((i: { type: string }) => i.type)).toEqual(['user_message']);

    const failures = t.logs!.records().filter((r) => r.msg === 'Run failed; sent an error event' && r.thread_id === threadId);
    expect(failures).toHaveLength(1);
    expect(failures[0].level).toBe('error');
    expect(t.logs!.text).not.toContain(token);
  });

  it('an unexpected failure mid-run (the thread was deleted meanwhile) is a stream.error event, never a broken stream', async () => {
    fake.chat(reply.stall(['Hello '], 1500, ['world']));
    const stream = await openStream({ type: 'threads.create', params: { input: userInput('hi') } }, (ev) => deltas(ev) >= 1);
    const threadId = stream.events()[0].thread.id;
    const del = await client.send({ type: 'threads.delete', params: { thread_id: threadId } });
    expect(del.status).toBe(200);
    const text = await stream.finish();
    const events = parseSse(text);
    expect(events[events.length - 1]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(eventKinds(events)).not.toContain('thread.item.done:assistant_message');
  });

  it('a model that answers normally streams to the end (control for the cases above)', async () => {
    fake.chat(reply.text(['Hi', ' there']));
    const res = await client.send({ type: 'threads.create', params: { input: userInput('greet me') } });
    expect(eventKinds(res.events)).toEqual([
      'thread.created',
      'thread.item.done:user_message',
      'stream_options',
      'thread.item.added:assistant_message',
      'thread.updated',
      'thread.item.updated:assistant_message.content_part.added',
      'thread.item.updated:assistant_message.content_part.text_delta',
      'thread.item.updated:assistant_message.content_part.text_delta',
      'thread.item.updated:assistant_message.content_part.done',
      'thread.item.done:assistant_message',
    ]);
  });
});
