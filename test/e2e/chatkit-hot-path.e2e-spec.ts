import { createTestApp, type TestApp } from '../support/test-app';
import { ChatkitClient, createWorkflow } from '../support/chatkit';
import { BrowserChatClient, publishWorkflow } from '../support/public-chat';

/**
 * What the fast chat turn must keep: a refused message stores nothing, the thread's
 * activity is marked, and the short-lived caches (accounts, workflows) never outlive a
 * change made through this instance.
 */
describe('chat turn fast path', () => {
  let t: TestApp;
  let admin: { id: string; token: string };
  let workflowId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
    workflowId = await createWorkflow(t, admin.token);
  });
  afterAll(() => t.close());

  const itemCount = async (threadId: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM chat_items WHERE thread_id = $1`, [threadId]))[0].n);
  const updatedAt = async (threadId: string) => (await t.dataSource.query(`SELECT updated_at FROM chat_threads WHERE id = $1`, [threadId]))[0].updated_at as Date;

  it('a message to a thread that is not active, or not the caller’s, is refused and stores nothing', async () => {
    const owner = new ChatkitClient(t, { token: (await t.userWithToken('employee')).token, workflowId });
    const other = new ChatkitClient(t, { token: (await t.userWithToken('employee')).token, workflowId });
    const threadId = (await owner.create('hello')).events[0].thread.id;
    const stored = await itemCount(threadId);

    const foreign = await other.addMessage(threadId, 'let me in');
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('chatkit.thread.not_found');

    await t.dataSource.query(`UPDATE chat_threads SET status = '{"type":"closed"}' WHERE id = $1`, [threadId]);
    const closed = await owner.addMessage(threadId, 'anyone?');
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: 'chatkit.thread.not_active', details: { status: { type: 'closed' } } });
    expect(await itemCount(threadId)).toBe(stored);
  });

  it('each turn stores its items in order and marks the thread’s activity', async () => {
    const c = new ChatkitClient(t, { token: admin.token, workflowId });
    const created = await c.create('add task Fast path');
    const threadId = created.events[0].thread.id;
    const before = await updatedAt(threadId);
    await new Promise((r) => setTimeout(r, 20));
    const next = await c.addMessage(threadId, 'show my tasks');
    expect(next.status).toBe(200);
    expect((await updatedAt(threadId)).getTime()).toBeGreaterThan(before.getTime());
    const items = (await c.send({ type: 'items.list', params: { thread_id: threadId, order: 'asc' } })).json.data;
    expect(items.map((i: { type: string }) => i.type)).toEqual(['user_message', 'assistant_message', 'user_message', 'widget', 'assistant_message']);
  });

  it('a deactivation or a role change through the API applies to the very next chat request', async () => {
    const u = await t.userWithToken('employee');
    const c = new ChatkitClient(t, { token: u.token, workflowId });
    expect((await c.send({ type: 'threads.list', params: {} })).status).toBe(200); // the account is now cached

    await t.http.patch(`/api/users/${u.id}`).set('Authorization', `Bearer ${admin.token}`).send({ is_active: false }).expect(200);
    const refused = await c.send({ type: 'threads.list', params: {} });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('auth.invalid_token');

    const v = await t.userWithToken('employee');
    await t.http.get('/api/audit').set('Authorization', `Bearer ${v.token}`).expect(403); // cached as employee
    await t.http.patch(`/api/users/${v.id}`).set('Authorization', `Bearer ${admin.token}`).send({ role: 'auditor' }).expect(200);
    await t.http.get('/api/audit').set('Authorization', `Bearer ${v.token}`).expect(200);
  });

  it('revoking a published workflow closes it to visitors at once, and a definition change applies to the next turn', async () => {
    const id = await createWorkflow(t, admin.token, {}, 'Public for a moment');
    await publishWorkflow(t, admin.token, id);
    const visitor = new BrowserChatClient(t, id);
    expect((await visitor.create('hi')).status).toBe(200); // the workflow is now cached

    await t.http.post(`/api/workflows/${id}/publish/revoke`).set('Authorization', `Bearer ${admin.token}`).send({}).expect(200);
    const refused = await visitor.list();
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('chatkit.auth.not_published');

    // Drop the tasks pack: the next turn (same cached workflow id) no longer knows task commands.
    const c = new ChatkitClient(t, { token: admin.token, workflowId: id });
    const answer = async () =>
      (await c.create('add task Cached')).events.find((e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message')?.item.content[0].text as string;
    expect(await answer()).toMatch(/Task created/);
    await t.http.patch(`/api/workflows/${id}`).set('Authorization', `Bearer ${admin.token}`).send({ definition: { tool_packs: [] } }).expect(200);
    expect(await answer()).not.toMatch(/Task created/);
  });
});
