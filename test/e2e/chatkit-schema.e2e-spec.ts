import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ChatAttachmentEntity } from '../../server/src/chatkit/entities/chat-attachment.entity';
import { ChatFeedbackEntity } from '../../server/src/chatkit/entities/chat-feedback.entity';
import { ChatItemEntity } from '../../server/src/chatkit/entities/chat-item.entity';
import { ChatThreadEntity } from '../../server/src/chatkit/entities/chat-thread.entity';
import { WorkflowVersionEntity } from '../../server/src/workflows/entities/workflow-version.entity';
import { WorkflowEntity } from '../../server/src/workflows/entities/workflow.entity';
import { createTestDatabase } from '../support/test-database';

const CHAT_TABLES = ['chat_threads', 'chat_items', 'chat_attachments', 'chat_feedback'];

describe('chatkit storage schema', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [WorkflowEntity, WorkflowVersionEntity, ChatThreadEntity, ChatItemEntity, ChatAttachmentEntity, ChatFeedbackEntity],
      migrations: MIGRATIONS,
      migrationsTableName: 'migrations',
      synchronize: false,
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      logging: false,
    });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const tables = async (): Promise<string[]> =>
    (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'chat\\_%' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);

  it('the migration creates exactly what the chatkit entities describe', async () => {
    expect(await tables()).toEqual([...CHAT_TABLES].sort());
    const sql = await ds.driver.createSchemaBuilder().log();
    // Every chatkit table, index and constraint is named chat_…
    const touchingChat = sql.upQueries.map((q) => q.query).filter((q) => q.includes('"chat_'));
    expect(touchingChat).toEqual([]);
  });

  it('orders items of one timestamp by insertion and cascades thread deletion', async () => {
    const [{ id: workflowId }] = await ds.query(`INSERT INTO "workflows" ("name", "definition") VALUES ('w', '{}') RETURNING "id"`);
    await ds.query(`INSERT INTO "chat_threads" ("id", "workflow_id", "owner_key", "status", "metadata") VALUES ('thr_x', $1, 'user:1', '{"type":"active"}', '{}')`, [workflowId]);
    const at = new Date('2026-01-01T00:00:00Z');
    for (const id of ['msg_c', 'msg_a', 'msg_b']) {
      await ds.query(`INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at") VALUES ($1, 'thr_x', 'end_of_turn', '{}', $2)`, [id, at]);
    }
    const order = await ds.query(`SELECT "id" FROM "chat_items" WHERE "thread_id" = 'thr_x' ORDER BY "created_at", "seq"`);
    expect(order.map((r: { id: string }) => r.id)).toEqual(['msg_c', 'msg_a', 'msg_b']);
    await ds.query(`INSERT INTO "chat_feedback" ("thread_id", "item_id", "owner_key", "kind") VALUES ('thr_x', 'msg_a', 'user:1', 'positive')`);
    await ds.query(`INSERT INTO "chat_attachments" ("id", "thread_id", "owner_key", "workflow_id", "name", "mime_type", "size") VALUES ('atc_x', 'thr_x', 'user:1', $1, 'a.txt', 'text/plain', 1)`, [workflowId]);
    await expect(ds.query(`INSERT INTO "chat_feedback" ("thread_id", "item_id", "owner_key", "kind") VALUES ('thr_x', 'msg_b', 'user:1', 'meh')`)).rejects.toThrow(/chat_feedback_kind_check/);

    await ds.query(`DELETE FROM "chat_threads" WHERE "id" = 'thr_x'`);
    for (const t of ['chat_items', 'chat_feedback', 'chat_attachments']) {
      expect((await ds.query(`SELECT count(*)::int AS n FROM "${t}"`))[0].n).toBe(0);
    }
  });

  it('down() removes the chatkit tables and up() can run again', async () => {
    // Undo the chatkit migration and every migration added after it.
    const newer = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'Chatkit1763950000000');
    for (let i = 0; i < newer; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual([...CHAT_TABLES].sort());
  });
});
