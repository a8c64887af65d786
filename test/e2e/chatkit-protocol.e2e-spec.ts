import { createTestApp, type TestApp } from '../support/test-app';
import { ChatkitClient, createWorkflow, eventKinds, nullPaths, userInput } from '../support/chatkit';

const THREAD_ID = /^thr_[0-9a-f]{16}$/;
const MESSAGE_ID = /^msg_[0-9a-f]{16}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * POST /api/chatkit against the real executor (builtin provider + tasks tool pack, no
 * OpenAI key): wire format, event order, persistence and pagination.
 */
describe('chatkit protocol', () => {
  let t: TestApp;
  let adminToken: string;
  let workflowId: string;

  beforeAll(async () => {
    // Many users sign in here; the login rate limit is not what this suite tests.
    t = await createTestApp({ env: { ATRIUM_LOGIN_RATE_LIMIT: '10000' } });
    adminToken = (await t.userWithToken('admin')).token;
    workflowId = await createWorkflow(t, adminToken);
  });
  afterAll(() => t.close());

  /** A fresh employee with a client for the shared workflow. */
  async function employee(): Promise<ChatkitClient> {
    const u = await t.userWithToken('employee');
    return new ChatkitClient(t, { token: u.token, workflowId });
  }

  /** Inserts a stored item directly (for item types the builtin executor never produces). */
  async function insertItem(threadId: string, item: Record<string, unknown>, createdAt = new Date()): Promise<void> {
    const { id, type, ...payload } = item;
    await t.dataSource.query(`INSERT INTO chat_items (id, thread_id, type, payload, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
      id,
      threadId,
      type,
      JSON.stringify(payload),
      createdAt,
    ]);
  }

  describe('threads.create', () => {
    it('streams thread.created → user message → stream_options → the answer → thread.updated, as SSE frames', async () => {
      const c = await employee();
      const res = await c.create('add task Buy milk');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(res.headers['cache-control']).toContain('no-cache');
      expect(res.headers['x-accel-buffering']).toBe('no');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.text).toMatch(/^(data: [^\n]+\n\n)+$/);
      expect(nullPaths(res.events)).toEqual([]);

      expect(eventKinds(res.events)).toEqual([
        'thread.created',
        'thread.item.done:user_message',
        'stream_options',
        'progress_update',
        'thread.updated',
        'thread.item.added:assistant_message',
        'thread.item.updated:assistant_message.content_part.added',
        'thread.item.updated:assistant_message.content_part.text_delta',
        'thread.item.updated:assistant_message.content_part.text_delta',
        'thread.item.updated:assistant_message.content_part.done',
        'thread.item.done:assistant_message',
      ]);
      const [created, userDone, options, , updated, added, , d1, d2, partDone, done] = res.events;

      expect(created.thread).toEqual({
        id: expect.stringMatching(THREAD_ID),
        created_at: expect.stringMatching(ISO),
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      });
      const threadId = created.thread.id;
      expect(userDone.item).toEqual({
        id: expect.stringMatching(MESSAGE_ID),
        thread_id: threadId,
        created_at: expect.stringMatching(ISO),
        type: 'user_message',
        content: [{ type: 'input_text', text: 'add task Buy milk' }],
        attachments: [],
        inference_options: {},
      });
      expect(options).toEqual({ type: 'stream_options', stream_options: { allow_cancel: true } });
      expect(updated.thread).toMatchObject({ id: threadId, title: 'add task Buy milk', metadata: {}, items: { data: [], has_more: false } });
      expect(added.item).toMatchObject({ type: 'assistant_message', thread_id: threadId, content: [] });
      expect(d1.item_id).toBe(added.item.id);
      expect(d1.update.delta + d2.update.delta).toBe('✓ Task created: Buy milk');
      expect(partDone.update.content).toEqual({ type: 'output_text', text: '✓ Task created: Buy milk', annotations: [] });
      expect(done.item).toEqual({
        type: 'assistant_message',
        id: added.item.id,
        thread_id: threadId,
        created_at: expect.stringMatching(ISO),
        content: [{ type: 'output_text', text: '✓ Task created: Buy milk', annotations: [] }],
      });
    });

    it('persists the items: threads.get_by_id after the stream shows them, oldest first, with the title', async () => {
      const c = await employee();
      const res = await c.create('add task Call mum');
      const threadId = res.events[0].thread.id;
      const get = await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(get.status).toBe(200);
      expect(get.headers['content-type']).toMatch(/^application\/json/);
      expect(nullPaths(get.json)).toEqual([]);
      expect(get.json).toMatchObject({ id: threadId, title: 'add task Call mum', status: { type: 'active' }, metadata: {} });
      expect(get.json.items.has_more).toBe(false);
      expect(get.json.items.after).toBeUndefined();
      expect(get.json.items.data.map((i: { type: string }) => i.type)).toEqual(['user_message', 'assistant_message']);
      expect(get.json.items.data[0]).toEqual(res.events[1].item);
      expect(get.json.items.data[1]).toEqual(res.events[res.events.length - 1].item);
    });

    it('takes the workflow from metadata.workflow_id and a JSON body sent as text/plain', async () => {
      const u = await t.userWithToken('employee');
      const c = new ChatkitClient(t, { token: u.token });
      const res = await c.send(
        { type: 'threads.create', params: { input: userInput('hello') }, metadata: { workflow_id: workflowId } },
        { query: false, contentType: 'text/plain' },
      );
      expect(res.status).toBe(200);
      expect(eventKinds(res.events).slice(0, 3)).toEqual(['thread.created', 'thread.item.done:user_message', 'stream_options']);
      expect(res.events[res.events.length - 1]).toMatchObject({ type: 'thread.item.done', item: { type: 'assistant_message' } });
    });

    it('keeps quoted_text, tags and inference options on the stored user message', async () => {
      const c = await employee();
      const input = {
        content: [
          { type: 'input_text', text: 'show my tasks ' },
          { type: 'input_tag', id: 'ent_1', text: 'Alice', data: { team: 'ops' } },
        ],
        attachments: [],
        quoted_text: 'earlier answer',
        inference_options: { tool_choice: { id: 'tasks' }, model: 'fast' },
        surprise: 'ignored',
      };
      const res = await c.send({ type: 'threads.create', params: { input } });
      expect(res.status).toBe(200);
      const item = res.events[1].item;
      expect(item.content).toEqual([
        { type: 'input_text', text: 'show my tasks ' },
        { type: 'input_tag', id: 'ent_1', text: 'Alice', data: { team: 'ops' }, interactive: false },
      ]);
      expect(item.quoted_text).toBe('earlier answer');
      expect(item.inference_options).toEqual({ tool_choice: { id: 'tasks' }, model: 'fast' });
      expect(item.surprise).toBeUndefined();
      expect(nullPaths(res.events)).toEqual([]);
    });
  });

  describe('threads.add_user_message', () => {
    it('streams the user message, stream_options and the answer; no thread.created, no thread.updated when nothing changed', async () => {
      const c = await employee();
      const threadId = (await c.create('add task Water plants')).events[0].thread.id;
      const res = await c.addMessage(threadId, 'show my tasks');
      expect(res.status).toBe(200);
      expect(nullPaths(res.events)).toEqual([]);
      const kinds = eventKinds(res.events);
      expect(kinds.slice(0, 4)).toEqual(['thread.item.done:user_message', 'stream_options', 'progress_update', 'thread.item.done:widget']);
      expect(kinds[kinds.length - 1]).toBe('thread.item.done:assistant_message');
      expect(kinds).not.toContain('thread.created');
      expect(kinds).not.toContain('thread.updated');
      const widget = res.events[3].item;
      expect(widget.widget).toMatchObject({ type: 'Card' });
      expect(JSON.stringify(widget.widget)).toContain('onClickAction'); // camelCase inside widget trees
      expect(widget.copy_text).toBe('[ ] Water plants');

      const items = await c.send({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
      expect(items.json.data.map((i: { type: string }) => i.type)).toEqual(['user_message', 'assistant_message', 'user_message', 'widget', 'assistant_message']);
      expect(items.json.data[3]).toEqual(widget);
    });

    it('refuses a locked thread with 409 chatkit.thread.not_active before streaming', async () => {
      const c = await employee();
      const threadId = (await c.create('hello')).events[0].thread.id;
      await t.dataSource.query(`UPDATE chat_threads SET status = '{"type":"locked","reason":"Read only"}' WHERE id = $1`, [threadId]);
      const res = await c.addMessage(threadId, 'hello again');
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('chatkit.thread.not_active');
      const get = await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(get.json.status).toEqual({ type: 'locked', reason: 'Read only' });
    });
  });

  describe('history and retries', () => {
    it('threads.retry_after_item drops everything after the user message (without removal events) and answers it again', async () => {
      const c = await employee();
      const created = await c.create('add task Buy bread');
      const threadId = created.events[0].thread.id;
      const firstMessage = created.events[1].item;
      await c.addMessage(threadId, 'show my tasks');
      expect((await c.send({ type: 'items.list', params: { thread_id: threadId } })).json.data).toHaveLength(5);

      const res = await c.send({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: firstMessage.id } });
      expect(res.status).toBe(200);
      const kinds = eventKinds(res.events);
      expect(kinds[0]).toBe('stream_options');
      expect(kinds).not.toContain('thread.item.removed');
      expect(kinds).not.toContain('thread.item.done:user_message');
      expect(res.events[res.events.length - 1].item.content[0].text).toBe('✓ Task created: Buy bread');

      const items = (await c.send({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } })).json.data;
      expect(items.map((i: { type: string }) => i.type)).toEqual(['user_message', 'assistant_message']);
      expect(items[0]).toEqual(firstMessage);
      expect(items[1].id).toBe(res.events[res.events.length - 1].item.id);
    });

    it('threads.retry_after_item needs a user message of the thread', async () => {
      const c = await employee();
      const created = await c.create('hello');
      const threadId = created.events[0].thread.id;
      const assistant = created.events[created.events.length - 1].item;
      const wrong = await c.send({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: assistant.id } });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error.code).toBe('chatkit.item.wrong_type');
      const missing = await c.send({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: 'msg_0000000000000000' } });
      expect(missing.status).toBe(404);
      expect(missing.json.error.code).toBe('chatkit.item.not_found');
    });
  });

  describe('threads.list, threads.update, threads.delete', () => {
    it('lists only the caller’s threads of the workflow, newest first, 20 by default, with exact cursors', async () => {
      const c = await employee();
      const ids: string[] = [];
      for (const text of ['one', 'two', 'three']) ids.push((await c.create(text)).events[0].thread.id);
      const other = await employee();
      await other.create('not mine');

      const all = await c.send({ type: 'threads.list', params: {} });
      expect(all.status).toBe(200);
      expect(nullPaths(all.json)).toEqual([]);
      expect(all.json).toEqual({ data: expect.any(Array), has_more: false });
      expect(all.json.data.map((th: { id: string }) => th.id)).toEqual([...ids].reverse());
      for (const th of all.json.data) {
        expect(th).toEqual({
          id: expect.stringMatching(THREAD_ID),
          title: expect.any(String),
          created_at: expect.stringMatching(ISO),
          status: { type: 'active' },
          metadata: {},
          items: { data: [], has_more: false },
        });
      }

      const p1 = await c.send({ type: 'threads.list', params: { limit: 2 } });
      expect(p1.json.data.map((th: { id: string }) => th.id)).toEqual([ids[2], ids[1]]);
      expect(p1.json.has_more).toBe(true);
      expect(p1.json.after).toBe(ids[1]);
      const p2 = await c.send({ type: 'threads.list', params: { limit: 2, after: p1.json.after } });
      expect(p2.json.data.map((th: { id: string }) => th.id)).toEqual([ids[0]]);
      expect(p2.json.has_more).toBe(false);
      expect('after' in p2.json).toBe(false);

      const asc = await c.send({ type: 'threads.list', params: { order: 'asc', limit: 0, after: null } });
      expect(asc.json.data.map((th: { id: string }) => th.id)).toEqual(ids);

      const badCursor = await c.send({ type: 'threads.list', params: { after: 'thr_0000000000000000' } });
      expect(badCursor.status).toBe(404);
      expect(badCursor.json.error.code).toBe('chatkit.thread.not_found');
    });

    it('orders threads with the same created_at by creation, so pages never skip or repeat', async () => {
      const c = await employee();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await c.create(`same ${i}`)).events[0].thread.id);
      await t.dataSource.query(`UPDATE chat_threads SET created_at = '2026-01-01T00:00:00Z' WHERE id = ANY($1)`, [ids]);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 5; page++) {
        const res = await c.send({ type: 'threads.list', params: { limit: 2, order: 'asc', ...(after ? { after } : {}) } });
        seen.push(...res.json.data.map((th: { id: string }) => th.id));
        if (!res.json.has_more) break;
        after = res.json.after;
      }
      expect(seen).toEqual(ids);
    });

    it('threads.update renames (items empty, metadata {}); threads.delete answers {} and removes items and feedback', async () => {
      const c = await employee();
      const created = await c.create('add task Rename me');
      const threadId = created.events[0].thread.id;
      const assistantId = created.events[created.events.length - 1].item.id;
      await c.send({ type: 'items.feedback', params: { thread_id: threadId, item_ids: [assistantId], kind: 'positive' } });

      const upd = await c.send({ type: 'threads.update', params: { thread_id: threadId, title: 'Groceries' } });
      expect(upd.status).toBe(200);
      expect(upd.json).toEqual({
        title: 'Groceries',
        id: threadId,
        created_at: created.events[0].thread.created_at,
        status: { type: 'active' },
        metadata: {},
        items: { data: [], has_more: false },
      });
      expect((await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } })).json.title).toBe('Groceries');

      const del = await c.send({ type: 'threads.delete', params: { thread_id: threadId } });
      expect(del.status).toBe(200);
      expect(del.text).toBe('{}');
      expect((await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } })).status).toBe(404);
      for (const table of ['chat_items', 'chat_feedback']) {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE thread_id = $1`, [threadId]);
        expect({ table, n }).toEqual({ table, n: 0 });
      }
      expect((await c.send({ type: 'threads.delete', params: { thread_id: threadId } })).json.error.code).toBe('chatkit.thread.not_found');
    });
  });

  describe('items.list and threads.get_by_id pagination', () => {
    it('pages items (limit/after/order), filters hidden context after paginating, and keeps following `after`', async () => {
      const c = await employee();
      const created = await c.create('hello');
      const threadId = created.events[0].thread.id;
      const base = Date.now() + 60_000;
      await insertItem(threadId, { id: 'msg_p1', type: 'assistant_message', content: [{ type: 'output_text', text: 'p1', annotations: [] }] }, new Date(base));
      await insertItem(threadId, { id: 'shcx_hidden', type: 'sdk_hidden_context', content: 'secret note' }, new Date(base + 1));
      await insertItem(threadId, { id: 'msg_p2', type: 'hidden_context_item', content: { any: 'thing' } }, new Date(base + 2));
      await insertItem(threadId, { id: 'msg_p3', type: 'end_of_turn' }, new Date(base + 3));

      // Newest first by default: p3, (p2 hidden), (shcx hidden), p1, ...
      const first = await c.send({ type: 'items.list', params: { thread_id: threadId, limit: 2 } });
      expect(first.json.data.map((i: { id: string }) => i.id)).toEqual(['msg_p3']);
      expect(first.json).toMatchObject({ has_more: true, after: 'msg_p2' });
      const second = await c.send({ type: 'items.list', params: { thread_id: threadId, limit: 1, after: 'msg_p2' } });
      expect(second.json).toEqual({ data: [], has_more: true, after: 'shcx_hidden' });
      const third = await c.send({ type: 'items.list', params: { thread_id: threadId, limit: 1, after: second.json.after } });
      expect(third.json.data.map((i: { id: string }) => i.id)).toEqual(['msg_p1']);
      expect(JSON.stringify([first.json, second.json, third.json])).not.toContain('secret note');

      const asc = await c.send({ type: 'items.list', params: { thread_id: threadId, order: 'asc', limit: 100 } });
      expect(asc.json.data.map((i: { id: string }) => i.id)).toEqual([created.events[1].item.id, created.events[created.events.length - 1].item.id, 'msg_p1', 'msg_p3']);
      expect(asc.json.has_more).toBe(false);

      const get = await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(get.json.items.data.map((i: { id: string }) => i.id)).not.toContain('shcx_hidden');
      expect(JSON.stringify(get.json)).not.toContain('secret note');

      const unknownCursor = await c.send({ type: 'items.list', params: { thread_id: threadId, after: 'msg_nope' } });
      expect(unknownCursor.status).toBe(404);
      expect(unknownCursor.json.error.code).toBe('chatkit.item.not_found');
    });

    it('threads.get_by_id gives the oldest 20 items ascending; items with one timestamp page exactly', async () => {
      const c = await employee();
      const threadId = (await c.create('hello')).events[0].thread.id;
      await t.dataSource.query(`DELETE FROM chat_items WHERE thread_id = $1`, [threadId]);
      const at = new Date('2026-02-01T00:00:00Z');
      const ids = Array.from({ length: 25 }, (_, i) => `msg_same_${String(i).padStart(2, '0')}_${threadId.slice(4, 10)}`).reverse();
      for (const id of ids) await insertItem(threadId, { id, type: 'end_of_turn' }, at);

      const get = await c.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(get.json.items.data.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 20));
      expect(get.json.items).toMatchObject({ has_more: true, after: ids[19] });

      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const res = await c.send({ type: 'items.list', params: { thread_id: threadId, limit: 4, order: 'desc', ...(after ? { after } : {}) } });
        seen.push(...res.json.data.map((i: { id: string }) => i.id));
        if (!res.json.has_more) break;
        after = res.json.after;
      }
      expect(seen).toEqual([...ids].reverse());
    });
  });

  describe('client tool output and structured input', () => {
    it('threads.add_client_tool_output completes the pending call (no event for it) and runs the executor', async () => {
      const c = await employee();
      const threadId = (await c.create('hello')).events[0].thread.id;
      await insertItem(threadId, { id: 'tc_call1', type: 'client_tool_call', status: 'pending', call_id: 'call_1', name: 'share', arguments: { x: 1 } }, new Date(Date.now() + 60_000));

      const res = await c.send({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: { ok: true, message: 'Shared with the team.' } } });
      expect(res.status).toBe(200);
      expect(nullPaths(res.events)).toEqual([]);
      const kinds = eventKinds(res.events);
      expect(kinds[0]).toBe('stream_options');
      expect(kinds[kinds.length - 1]).toBe('thread.item.done:assistant_message');
      expect(res.events[res.events.length - 1].item.content[0].text).toBe('Shared with the team.');
      expect(JSON.stringify(res.events)).not.toContain('tc_call1');

      const [row] = await t.dataSource.query(`SELECT payload FROM chat_items WHERE id = 'tc_call1'`);
      expect(row.payload).toMatchObject({ status: 'completed', output: { ok: true, message: 'Shared with the team.' }, call_id: 'call_1' });

      const again = await c.send({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: {} } });
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('chatkit.item.not_pending');
    });

    it('threads.add_structured_input answers a pending item: stream_options, thread.item.replaced, then the run', async () => {
      const c = await employee();
      const created = await c.create('hello');
      const threadId = created.events[0].thread.id;
      await insertItem(
        threadId,
        {
          id: 'msg_si1',
          type: 'structured_input',
          status: 'pending',
          inputs: [
            { id: 'color', type: 'multiple_choice', question: 'Colour?', options: [{ value: 'red' }, { value: 'blue' }], multiple: false },
            { id: 'notes', type: 'freeform', question: 'Notes?' },
            { id: 'size', type: 'multiple_choice', question: 'Sizes?', options: [{ value: 's' }, { value: 'm' }], multiple: true },
          ],
        },
        new Date(Date.now() + 60_000),
      );
      const res = await c.send({
        type: 'threads.add_structured_input',
        params: { thread_id: threadId, item_id: 'msg_si1', input: { answers: { color: { values: ['blue', 'red'] }, size: { values: ['s', 'm'] }, bogus: { values: ['x'] } } } },
      });
      expect(res.status).toBe(200);
      expect(eventKinds(res.events).slice(0, 2)).toEqual(['stream_options', 'thread.item.replaced:structured_input']);
      const replaced = res.events[1].item;
      expect(replaced.status).toBe('answered');
      expect(replaced.inputs.map((q: { answer: unknown }) => q.answer)).toEqual([
        { values: ['blue'], skipped: false },
        { values: [], skipped: true },
        { values: ['s', 'm'], skipped: false },
      ]);
      const [row] = await t.dataSource.query(`SELECT payload FROM chat_items WHERE id = 'msg_si1'`);
      expect(row.payload.status).toBe('answered');

      const again = await c.send({ type: 'threads.add_structured_input', params: { thread_id: threadId, item_id: 'msg_si1', input: {} } });
      expect(again.json.error.code).toBe('chatkit.item.not_pending');
      const wrongType = await c.send({ type: 'threads.add_structured_input', params: { thread_id: threadId, item_id: created.events[1].item.id, input: {} } });
      expect(wrongType.status).toBe(400);
      expect(wrongType.json.error.code).toBe('chatkit.item.wrong_type');
    });
  });

  describe('widget actions', () => {
    async function threadWithTaskCard(c: ChatkitClient) {
      const threadId = (await c.create('add task Feed the cat')).events[0].thread.id;
      const shown = await c.addMessage(threadId, 'show my tasks');
      const widget = shown.events.find((e) => e.type === 'thread.item.done' && e.item.type === 'widget')!.item;
      const button = JSON.stringify(widget.widget).match(/"onClickAction":\{"type":"tasks\.complete","payload":(\{[^}]*\})/);
      return { threadId, widget, payload: JSON.parse(button![1]) as { task_id: string; view: string }, assistant: shown.events[shown.events.length - 1].item };
    }

    it('threads.custom_action streams stream_options → thread.item.replaced (sender) → answer, and persists the replacement', async () => {
      const c = await employee();
      const { threadId, widget, payload } = await threadWithTaskCard(c);
      const res = await c.send({ type: 'threads.custom_action', params: { thread_id: threadId, item_id: widget.id, action: { type: 'tasks.complete', payload } } });
      expect(res.status).toBe(200);
      expect(nullPaths(res.events)).toEqual([]);
      expect(eventKinds(res.events)).toEqual(['stream_options', 'thread.item.replaced:widget', 'thread.item.done:assistant_message']);
      expect(res.events[1].item.id).toBe(widget.id);
      expect(JSON.stringify(res.events[1].item.widget)).toContain('"label":"Done"');

      const items = (await c.send({ type: 'items.list', params: { thread_id: threadId } })).json.data;
      const stored = items.find((i: { id: string }) => i.id === widget.id);
      expect(stored).toEqual(res.events[1].item);
    });

    it('threads.custom_action from a non-widget item is a single stream.error event; an unknown item is a 404', async () => {
      const c = await employee();
      const { threadId, assistant } = await threadWithTaskCard(c);
      const res = await c.send({ type: 'threads.custom_action', params: { thread_id: threadId, item_id: assistant.id, action: { type: 'tasks.complete' } } });
      expect(res.status).toBe(200);
      expect(res.events).toEqual([{ type: 'error', code: 'stream.error', allow_retry: false }]);
      const missing = await c.send({ type: 'threads.custom_action', params: { thread_id: threadId, item_id: 'msg_missing', action: { type: 'x' } } });
      expect(missing.status).toBe(404);
      expect(missing.json.error.code).toBe('chatkit.item.not_found');
    });

    it('threads.sync_custom_action answers JSON {updated_item} and saves the updated widget', async () => {
      const c = await employee();
      const { threadId, widget, payload, assistant } = await threadWithTaskCard(c);
      const res = await c.send({ type: 'threads.sync_custom_action', params: { thread_id: threadId, item_id: widget.id, action: { type: 'tasks.complete', payload } } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(nullPaths(res.json)).toEqual([]);
      expect(res.json.updated_item).toMatchObject({ id: widget.id, type: 'widget', thread_id: threadId });
      expect(JSON.stringify(res.json.updated_item.widget)).toContain('"label":"Done"');
      const stored = (await c.send({ type: 'items.list', params: { thread_id: threadId } })).json.data.find((i: { id: string }) => i.id === widget.id);
      expect(stored.widget).toEqual(res.json.updated_item.widget);

      const notWidget = await c.send({ type: 'threads.sync_custom_action', params: { thread_id: threadId, item_id: assistant.id, action: { type: 'tasks.complete', payload } } });
      expect(notWidget.status).toBe(400);
      expect(notWidget.json.error.code).toBe('chatkit.item.wrong_type');
      const unknownAction = await c.send({ type: 'threads.sync_custom_action', params: { thread_id: threadId, item_id: widget.id, action: { type: 'tasks.fly' } } });
      expect(unknownAction.status).toBe(400);
      expect(unknownAction.json.error.code).toBe('workflow.action.unknown');
    });
  });

  describe('items.feedback and input.transcribe', () => {
    it('stores one feedback row per item and owner (the last vote wins) and answers {}', async () => {
      const c = await employee();
      const created = await c.create('hello');
      const threadId = created.events[0].thread.id;
      const assistantId = created.events[created.events.length - 1].item.id;
      const up = await c.send({ type: 'items.feedback', params: { thread_id: threadId, item_ids: [assistantId, assistantId], kind: 'positive' } });
      expect(up.status).toBe(200);
      expect(up.text).toBe('{}');
      await c.send({ type: 'items.feedback', params: { thread_id: threadId, item_ids: [assistantId], kind: 'negative' } });
      const rows = await t.dataSource.query(`SELECT item_id, kind, owner_key FROM chat_feedback WHERE thread_id = $1`, [threadId]);
      expect(rows).toEqual([{ item_id: assistantId, kind: 'negative', owner_key: expect.stringMatching(/^user:/) }]);

      const unknown = await c.send({ type: 'items.feedback', params: { thread_id: threadId, item_ids: ['msg_nope'], kind: 'positive' } });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('chatkit.item.not_found');
      const badKind = await c.send({ type: 'items.feedback', params: { thread_id: threadId, item_ids: [assistantId], kind: 'meh' } });
      expect(badKind.status).toBe(400);
      expect(badKind.json.error.details.fields[0].field).toBe('params.kind');
    });

    it('input.transcribe answers 501 chatkit.transcribe.not_supported', async () => {
      const c = await employee();
      const res = await c.send({ type: 'input.transcribe', params: { audio_base64: 'AAAA', mime_type: 'audio/webm;codecs=opus' } });
      expect(res.status).toBe(501);
      expect(res.json.error).toMatchObject({ code: 'chatkit.transcribe.not_supported', request_id: expect.any(String) });
    });
  });

  describe('malformed requests (400, never 500)', () => {
    const cases: [string, string, string][] = [
      ['bad JSON', '{"type": "threads.list", "params": {', '(body)'],
      ['empty body', '', '(body)'],
      ['a JSON array', '[1,2]', '(body)'],
      ['unknown type', JSON.stringify({ type: 'threads.explode', params: {} }), 'type'],
      ['missing type', JSON.stringify({ params: {} }), 'type'],
      ['missing params', JSON.stringify({ type: 'threads.list' }), 'params'],
      ['missing input', JSON.stringify({ type: 'threads.create', params: {} }), 'params.input'],
      ['wrong type of thread_id', JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: 42 } }), 'params.thread_id'],
      ['wrong content item', JSON.stringify({ type: 'threads.create', params: { input: { content: [{ type: 'input_text' }], attachments: [], inference_options: {} } } }), 'params.input.content[0].text'],
      ['negative limit', JSON.stringify({ type: 'items.list', params: { thread_id: 'thr_x', limit: -1 } }), 'params.limit'],
      ['non-integer limit', JSON.stringify({ type: 'threads.list', params: { limit: 'ten' } }), 'params.limit'],
      ['bad order', JSON.stringify({ type: 'threads.list', params: { order: 'sideways' } }), 'params.order'],
    ];
    it.each(cases)('%s → 400 chatkit.request.invalid naming %s', async (_name, body, field) => {
      const c = await employee();
      const res = await c.send(undefined, { rawBody: body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json.error.code).toBe('chatkit.request.invalid');
      expect(res.json.error.request_id).toBe(res.headers['x-request-id']);
      expect(res.json.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('text PostgreSQL cannot store (NUL, unpaired surrogates) is a 400, wherever it is', async () => {
      const c = await employee();
      const cases: [unknown, string][] = [
        [{ type: 'threads.get_by_id', params: { thread_id: 'thr_\u0000' } }, 'params.thread_id'],
        [{ type: 'threads.create', params: { input: userInput('a\u0000b') } }, 'params.input.content[0].text'],
        [{ type: 'threads.create', params: { input: userInput('a\ud800b') } }, 'params.input.content[0].text'],
        [{ type: 'threads.create', params: { input: { ...userInput('x'), inference_options: { model: '\udc00' } } } }, 'params.input.inference_options.model'],
      ];
      for (const [body, field] of cases) {
        const res = await c.send(body);
        expect({ field, status: res.status, code: res.json.error.code }).toEqual({ field, status: 400, code: 'chatkit.request.invalid' });
        expect(res.json.error.details.fields[0].field).toBe(field);
      }
      const emoji = await c.create('ok 👍');
      expect(emoji.status).toBe(200);
      expect(emoji.events[1].item.content[0].text).toBe('ok 👍');
    });

    it('a streaming type with an unknown thread is a JSON 404 before any stream starts', async () => {
      const c = await employee();
      for (const body of [
        { type: 'threads.add_user_message', params: { thread_id: 'thr_0000000000000000', input: userInput('hi') } },
        { type: 'threads.add_client_tool_output', params: { thread_id: 'thr_0000000000000000', result: null } },
        { type: 'threads.retry_after_item', params: { thread_id: 'thr_0000000000000000', item_id: 'msg_x' } },
        { type: 'threads.custom_action', params: { thread_id: 'thr_0000000000000000', action: { type: 'x' } } },
        { type: 'threads.add_structured_input', params: { thread_id: 'thr_0000000000000000', item_id: 'msg_x', input: {} } },
      ]) {
        const res = await c.send(body);
        expect({ type: body.type, status: res.status, code: res.json?.error?.code }).toEqual({ type: body.type, status: 404, code: 'chatkit.thread.not_found' });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      }
    });

    it('names the workflow: missing → 400 chatkit.workflow_id.missing, unknown → 404 workflow.not_found', async () => {
      const u = await t.userWithToken('employee');
      const none = new ChatkitClient(t, { token: u.token });
      const list = { type: 'threads.list', params: {} };
      const missing = await none.send(list);
      expect(missing.status).toBe(400);
      expect(missing.json.error.code).toBe('chatkit.workflow_id.missing');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await new ChatkitClient(t, { token: u.token, workflowId: id }).send(list);
        expect({ id, status: res.status, code: res.json.error.code }).toEqual({ id, status: 404, code: 'workflow.not_found' });
      }
      const conflicting = await new ChatkitClient(t, { token: u.token, workflowId }).send({ ...list, metadata: { workflow_id: '00000000-0000-4000-8000-000000000000' } });
      expect(conflicting.status).toBe(400);
    });

    it('refuses anonymous callers of an unpublished workflow (403) and an oversized body (413)', async () => {
      const anonymous = await t.http.post(`/api/chatkit?workflow_id=${workflowId}`).send({ type: 'threads.list', params: {} });
      expect(anonymous.status).toBe(403);
      expect(anonymous.body.error.code).toBe('chatkit.auth.not_published');
      const c = await employee();
      const big = await c.send(undefined, { rawBody: JSON.stringify({ type: 'threads.list', params: {}, metadata: { pad: 'x'.repeat(1_100_000) } }) });
      expect(big.status).toBe(413);
      expect(big.json.error.code).toBe('request.payload_too_large');
    });
  });

  describe('scoping', () => {
    it('another user’s thread is a 404 for every operation and is not listed', async () => {
      const owner = await employee();
      const created = await owner.create('add task Private');
      const threadId = created.events[0].thread.id;
      const itemId = created.events[1].item.id;
      const stranger = await employee();
      const ops = [
        { type: 'threads.get_by_id', params: { thread_id: threadId } },
        { type: 'threads.add_user_message', params: { thread_id: threadId, input: userInput('hi') } },
        { type: 'items.list', params: { thread_id: threadId } },
        { type: 'threads.update', params: { thread_id: threadId, title: 'mine now' } },
        { type: 'threads.delete', params: { thread_id: threadId } },
        { type: 'items.feedback', params: { thread_id: threadId, item_ids: [itemId], kind: 'negative' } },
        { type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: itemId } },
        { type: 'threads.custom_action', params: { thread_id: threadId, action: { type: 'tasks.complete' } } },
        { type: 'threads.sync_custom_action', params: { thread_id: threadId, action: { type: 'tasks.complete' } } },
      ];
      for (const op of ops) {
        const res = await stranger.send(op);
        expect({ type: op.type, status: res.status, code: res.json?.error?.code }).toEqual({ type: op.type, status: 404, code: 'chatkit.thread.not_found' });
      }
      expect((await stranger.send({ type: 'threads.list', params: {} })).json.data).toEqual([]);
      // Nothing changed for the owner.
      const get = await owner.send({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      expect(get.json.title).toBe('add task Private');
      expect(get.json.items.data).toHaveLength(2);
    });

    it('a thread belongs to its workflow: the same user reaches it only through that workflow', async () => {
      const u = await t.userWithToken('employee');
      const here = new ChatkitClient(t, { token: u.token, workflowId });
      const otherWorkflow = await createWorkflow(t, adminToken, {}, 'Other workflow');
      const there = new ChatkitClient(t, { token: u.token, workflowId: otherWorkflow });
      const threadId = (await here.create('hello')).events[0].thread.id;
      expect((await there.send({ type: 'threads.get_by_id', params: { thread_id: threadId } })).status).toBe(404);
      expect((await there.send({ type: 'threads.list', params: {} })).json.data).toEqual([]);
      expect((await here.send({ type: 'threads.list', params: {} })).json.data.map((th: { id: string }) => th.id)).toEqual([threadId]);
    });
  });
});
