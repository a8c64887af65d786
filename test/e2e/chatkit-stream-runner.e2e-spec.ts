import express from 'express';
import request from 'supertest';
import type { ThreadMetadata, ThreadStreamEvent } from '@atrium/protocol';
import { ChatkitStreamRunner, type StreamJob } from '../../server/src/chatkit/chatkit-stream';
import { ChatkitStore, type ThreadScope } from '../../server/src/chatkit/chatkit.store';
import type { RunContext } from '../../server/src/workflows/executor/workflow-executor.types';
import { WorkflowsService } from '../../server/src/workflows/workflows.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { collectText, createWorkflow, eventKinds, nullPaths, parseSse } from '../support/chatkit';

/**
 * The stream runner's persistence rules (§4.3) for events the builtin executor never
 * produces (hidden context, removals, replacements, thread metadata, duplicate ids),
 * driven over real HTTP against the real database with a scripted event producer.
 */
describe('chatkit stream runner', () => {
  let t: TestApp;
  let runner: ChatkitStreamRunner;
  let store: ChatkitStore;
  let scope: ThreadScope;
  let workflow: Awaited<ReturnType<WorkflowsService['getEntity']>>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    runner = t.app.get(ChatkitStreamRunner);
    store = t.app.get(ChatkitStore);
    const workflowId = await createWorkflow(t, (await t.userWithToken('admin')).token);
    workflow = await t.app.get(WorkflowsService).getEntity(workflowId);
    scope = { workflowId, ownerKey: 'user:runner-test' };
  });
  afterAll(() => t.close());

  async function newThread(): Promise<ThreadMetadata> {
    const thread: ThreadMetadata = { id: `thr_runner${++counter}`, created_at: new Date().toISOString(), status: { type: 'active' }, metadata: {} };
    await store.insertThread(thread, scope);
    return thread;
  }

  /** Runs `produce` through the runner behind a real HTTP endpoint; returns the SSE events. */
  async function run(thread: ThreadMetadata, produce: (run: RunContext) => AsyncIterable<ThreadStreamEvent>) {
    const job: StreamJob = {
      scope,
      run: { workflow, thread, owner: { kind: 'user', id: 'runner-test', key: scope.ownerKey }, history: [], newItemId: (k) => `${k}_${++counter}` },
      preface: [],
      input: null,
      produce,
    };
    const server = express().post('/run', (_req, res) => void runner.run(res, job));
    const res = await request(server).post('/run').buffer(true).parse(collectText);
    expect(res.status).toBe(200);
    return parseSse(res.body as string);
  }

  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

  it('stores hidden context without sending it, applies removed/replaced, broadcasts thread changes without metadata', async () => {
    const thread = await newThread();
    const events = await run(thread, async function* (r) {
      yield { type: 'thread.item.done', item: { type: 'hidden_context_item', id: 'hcx_1', thread_id: r.thread.id, created_at: at(0), content: { secret: 'never sent' } } };
      yield {
        type: 'thread.item.done',
        item: { type: 'widget', id: 'msg_w1', thread_id: 'thr_somebody_else', created_at: at(1), widget: { type: 'Card', children: [{ type: 'Text', value: 'v1' }] } },
      };
      yield { type: 'thread.item.done', item: { type: 'assistant_message', id: 'msg_a1', thread_id: r.thread.id, created_at: at(2), content: [{ type: 'output_text', text: 'bye', annotations: [] }] } };
      yield { type: 'thread.item.removed', item_id: 'msg_a1' };
      yield {
        type: 'thread.item.replaced',
        item: { type: 'widget', id: 'msg_w1', thread_id: r.thread.id, created_at: at(1), widget: { type: 'Card', children: [{ type: 'Text', value: 'v2' }] }, copy_text: 'v2' },
      };
      r.thread.metadata = { previous_response_id: 'resp_1' };
      yield { type: 'progress_update', text: 'Working…' };
      r.thread.title = 'Set by the run';
    });

    expect(nullPaths(events)).toEqual([]);
    expect(eventKinds(events)).toEqual([
      'stream_options',
      'thread.item.done:widget',
      'thread.item.done:assistant_message',
      'thread.item.removed',
      'thread.item.replaced:widget',
      'progress_update',
      'thread.updated',
      'thread.updated',
    ]);
    expect(JSON.stringify(events)).not.toContain('never sent');
    expect(events[1].item.thread_id).toBe(thread.id);
    expect(events[6].thread.metadata).toEqual({});
    expect(events[7].thread).toMatchObject({ title: 'Set by the run', metadata: {} });

    const rows = await t.dataSource.query(`SELECT id, type, payload FROM chat_items WHERE thread_id = $1 ORDER BY created_at, seq`, [thread.id]);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['hcx_1', 'msg_w1']);
    expect(rows[1].payload).toMatchObject({ copy_text: 'v2', widget: { children: [{ value: 'v2' }] } });
    const saved = await store.loadThread(thread.id, scope);
    expect(saved).toMatchObject({ title: 'Set by the run', metadata: { previous_response_id: 'resp_1' } });
  });

  it('an item id produced twice fails the run with stream.error (the first copy stays), the stream still ends cleanly', async () => {
    const thread = await newThread();
    const item = { type: 'end_of_turn' as const, id: 'msg_dup', thread_id: thread.id, created_at: at(0) };
    const events = await run(thread, async function* () {
      yield { type: 'thread.item.done', item };
      yield { type: 'thread.item.done', item };
      yield { type: 'notice', level: 'info', message: 'not reached' };
    });
    expect(eventKinds(events)).toEqual(['stream_options', 'thread.item.done:end_of_turn', 'error']);
    expect(events[2]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(await t.dataSource.query(`SELECT id FROM chat_items WHERE thread_id = $1`, [thread.id])).toEqual([{ id: 'msg_dup' }]);
  });

  it('refuses to overwrite an item of another thread through thread.item.replaced', async () => {
    const mine = await newThread();
    const theirs = await newThread();
    await store.insertItem(theirs.id, { type: 'end_of_turn', id: 'msg_theirs', thread_id: theirs.id, created_at: at(0) });
    const events = await run(mine, async function* (r) {
      yield { type: 'thread.item.replaced', item: { type: 'assistant_message', id: 'msg_theirs', thread_id: r.thread.id, created_at: at(0), content: [] } };
    });
    expect(events[events.length - 1]).toEqual({ type: 'error', code: 'stream.error', allow_retry: true });
    expect(await t.dataSource.query(`SELECT thread_id, type FROM chat_items WHERE id = 'msg_theirs'`)).toEqual([{ thread_id: theirs.id, type: 'end_of_turn' }]);
  });
});
