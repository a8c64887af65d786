import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChatKitPage, FeedbackKind, ThreadItem, ThreadMetadata, ThreadStatus } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
import { isoSql, poolOf, run, statement } from '../database/sql';
import { isoTime } from './chatkit-wire';
import { ChatAttachmentEntity } from './entities/chat-attachment.entity';

/** Which threads a request may see: one workflow, one owner. Every thread look-up filters on both. */
export interface ThreadScope {
  workflowId: string;
  ownerKey: string;
}

export interface PageQuery {
  limit: number;
  order: 'asc' | 'desc';
  after?: string;
}

interface ThreadRow {
  id: string;
  title: string | null;
  status: ThreadStatus;
  allowed_image_domains: string[] | null;
  metadata: Record<string, unknown> | null;
  /** ISO-8601 text (see isoSql). */
  created_at: string;
}

interface ItemRow {
  id: string;
  thread_id: string;
  type: string;
  payload: Record<string, unknown>;
  /** ISO-8601 text (see isoSql). */
  created_at: string;
}

/**
 * Times are read as the ISO text the wire uses, so no Date is parsed and formatted again
 * per row. The alias hides the column in ORDER BY: order by the qualified column.
 */
const THREAD_COLUMNS = `"id", "title", "status", "allowed_image_domains", "metadata", ${isoSql('"created_at"')} AS "created_at"`;
const ITEM_COLUMNS = `"id", "thread_id", "type", "payload", ${isoSql('"created_at"')} AS "created_at"`;

function toThread(row: ThreadRow): ThreadMetadata {
  const t: ThreadMetadata = {
    id: row.id,
    created_at: row.created_at,
    status: row.status ?? { type: 'active' },
    metadata: row.metadata ?? {},
  };
  if (row.title !== null) t.title = row.title;
  if (row.allowed_image_domains !== null) t.allowed_image_domains = row.allowed_image_domains;
  return t;
}

function toItem(row: ItemRow): ThreadItem {
  return { id: row.id, thread_id: row.thread_id, created_at: row.created_at, type: row.type, ...row.payload } as ThreadItem;
}

/** Splits an item into its columns and the jsonb payload (everything else). */
function itemColumns(threadId: string, item: ThreadItem): { id: string; threadId: string; type: string; payload: string; createdAt: string } {
  const { id, thread_id: _threadId, type, created_at, ...payload } = item as ThreadItem & Record<string, unknown>;
  return { id, threadId, type, payload: JSON.stringify(payload), createdAt: isoTime(created_at) };
}

function threadValues(thread: ThreadMetadata, scope: ThreadScope): unknown[] {
  return [
    thread.id,
    scope.workflowId,
    scope.ownerKey,
    thread.title ?? null,
    JSON.stringify(thread.status),
    thread.allowed_image_domains ?? null,
    JSON.stringify(thread.metadata ?? {}),
    thread.created_at,
  ];
}

// ---- the statements of a chat turn (prepared once per connection) ----

const INSERT_THREAD_SQL = `INSERT INTO "chat_threads" ("id", "workflow_id", "owner_key", "title", "status", "allowed_image_domains", "metadata", "created_at", "updated_at")
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $8)`;
const INSERT_THREAD = statement('chat_insert_thread', INSERT_THREAD_SQL);

/** threads.create: the thread and its first message in one statement (one commit). */
const CREATE_THREAD_WITH_ITEM = statement(
  'chat_create_thread_with_item',
  `WITH "t" AS (${INSERT_THREAD_SQL} RETURNING "id")
   INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at")
   SELECT $9::varchar, "t"."id", $10::varchar, $11::jsonb, $12::timestamptz FROM "t"
   ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
);

/**
 * threads.add_user_message: the thread (scoped), the message inserted only if the
 * thread is active, and the newest items before it (history) — one statement, one
 * commit. The history is read from the statement's snapshot, so it never contains
 * the message itself.
 */
const APPEND_TO_ACTIVE_THREAD = statement(
  'chat_append_to_active_thread',
  `WITH "t" AS (
     SELECT "id", "title", "status", "allowed_image_domains", "metadata", "created_at" FROM "chat_threads"
     WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3
   ), "ins" AS (
     INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at")
     SELECT $4::varchar, "t"."id", $5::varchar, $6::jsonb, $7::timestamptz FROM "t" WHERE "t"."status"->>'type' = 'active'
     ON CONFLICT ("id") DO NOTHING RETURNING "id"
   )
   SELECT "t"."id", "t"."title", "t"."status", "t"."allowed_image_domains", "t"."metadata", ${isoSql('"t"."created_at"')} AS "created_at",
     (SELECT count(*)::int FROM "ins") AS "inserted",
     (SELECT coalesce(json_agg(json_build_array("h"."id", "h"."type", "h"."payload", ${isoSql('"h"."created_at"')}) ORDER BY "h"."created_at", "h"."seq"), '[]'::json)
        FROM (SELECT "id", "type", "payload", "created_at", "seq" FROM "chat_items" WHERE "thread_id" = $1
              ORDER BY "created_at" DESC, "seq" DESC LIMIT $8) "h") AS "history"
   FROM "t"`,
);

const LOAD_THREAD = statement('chat_load_thread', `SELECT ${THREAD_COLUMNS} FROM "chat_threads" WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`);

const SAVE_THREAD = statement(
  'chat_save_thread',
  `UPDATE "chat_threads" SET "title" = $4, "status" = $5::jsonb, "allowed_image_domains" = $6, "metadata" = $7::jsonb, "updated_at" = now()
   WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`,
);

const TOUCH_THREAD = statement('chat_touch_thread', `UPDATE "chat_threads" SET "updated_at" = now() WHERE "id" = $1`);

/** Uses the (thread_id, created_at, seq) index: newest first, then reversed. */
const RECENT_ITEMS = statement(
  'chat_recent_items',
  `SELECT ${ITEM_COLUMNS} FROM "chat_items" WHERE "thread_id" = $1 ORDER BY "chat_items"."created_at" DESC, "chat_items"."seq" DESC LIMIT $2`,
);

const FIND_ITEM = statement('chat_find_item', `SELECT ${ITEM_COLUMNS} FROM "chat_items" WHERE "id" = $1 AND "thread_id" = $2`);

const INSERT_ITEM_SQL = `INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at") VALUES ($1, $2, $3, $4::jsonb, $5)
  ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
const INSERT_ITEM = statement('chat_insert_item', INSERT_ITEM_SQL);

/** `thread.item.done` during a run: insert, and mark the thread's activity in the same statement (one commit). */
const ADD_ITEM = statement(
  'chat_add_item',
  `WITH "i" AS (${INSERT_ITEM_SQL}),
        "u" AS (UPDATE "chat_threads" SET "updated_at" = now() WHERE "id" = $2 AND EXISTS (SELECT 1 FROM "i"))
   SELECT count(*)::int AS "n" FROM "i"`,
);

const SAVE_ITEM_SQL = `INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at") VALUES ($1, $2, $3, $4::jsonb, $5)
  ON CONFLICT ("id") DO UPDATE SET "type" = EXCLUDED."type", "payload" = EXCLUDED."payload"
  WHERE "chat_items"."thread_id" = EXCLUDED."thread_id" RETURNING "id"`;
const SAVE_ITEM = statement('chat_save_item', SAVE_ITEM_SQL);
const SAVE_ITEM_AND_TOUCH = statement(
  'chat_save_item_and_touch',
  `WITH "i" AS (${SAVE_ITEM_SQL}),
        "u" AS (UPDATE "chat_threads" SET "updated_at" = now() WHERE "id" = $2 AND EXISTS (SELECT 1 FROM "i"))
   SELECT count(*)::int AS "n" FROM "i"`,
);

const DELETE_ITEM = statement('chat_delete_item', `DELETE FROM "chat_items" WHERE "id" = $1 AND "thread_id" = $2`);

/** The thread a user message was appended to, and the items before the message. */
export interface AppendedMessage {
  thread: ThreadMetadata;
  /** The newest items before the message, oldest first (at most the requested count). */
  history: ThreadItem[];
}

/**
 * Persistence of the chatkit module (module-private; other modules use ChatkitService).
 * Threads and items are ordered by (`created_at`, `seq`): `seq` is a per-table sequence
 * that breaks timestamp ties, so pages never skip or repeat rows and a cursor (the id
 * of the last row) is exact.
 */
@Injectable()
export class ChatkitStore {
  private readonly pool: Pool;

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.pool = poolOf(ds);
  }

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  // ---- threads ----

  async insertThread(thread: ThreadMetadata, scope: ThreadScope, em?: EntityManager): Promise<void> {
    if (em) await em.query(INSERT_THREAD.text, threadValues(thread, scope));
    else await run(this.pool, INSERT_THREAD, threadValues(thread, scope));
  }

  /** threads.create without attachments: the thread and its first item, one statement and one commit. */
  async createThreadWithItem(thread: ThreadMetadata, scope: ThreadScope, item: ThreadItem): Promise<void> {
    const c = itemColumns(thread.id, item);
    const { rows } = await run(this.pool, CREATE_THREAD_WITH_ITEM, [...threadValues(thread, scope), c.id, c.type, c.payload, c.createdAt]);
    if (!rows.length) throw new Error(`Thread item ${c.id} already exists; item ids must be unique`);
  }

  /**
   * threads.add_user_message without attachments, in one statement (one commit): loads
   * the thread through its scope (`chatkit.thread.not_found` otherwise), refuses a
   * thread that is not active (`chatkit.thread.not_active`, nothing stored), inserts the
   * item, and returns the newest `historyBefore` items that precede it.
   */
  async appendToActiveThread(threadId: string, scope: ThreadScope, item: ThreadItem, historyBefore: number): Promise<AppendedMessage> {
    const c = itemColumns(threadId, item);
    const { rows } = await run<ThreadRow & { inserted: number; history: [string, string, Record<string, unknown>, string][] }>(
      this.pool,
      APPEND_TO_ACTIVE_THREAD,
      [threadId, scope.workflowId, scope.ownerKey, c.id, c.type, c.payload, c.createdAt, historyBefore],
    );
    if (!rows.length) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${threadId}`);
    const row = rows[0];
    const thread = toThread(row);
    assertActive(thread);
    if (!row.inserted) throw new Error(`Thread item ${c.id} already exists; item ids must be unique`);
    const history = row.history.map(([id, type, payload, createdAt]) => toItem({ id, thread_id: threadId, type, payload, created_at: createdAt }));
    return { thread, history };
  }

  /** The thread if it belongs to the scope; `chatkit.thread.not_found` otherwise (whoever owns it). */
  async loadThread(id: string, scope: ThreadScope): Promise<ThreadMetadata> {
    const { rows } = await run<ThreadRow>(this.pool, LOAD_THREAD, [id, scope.workflowId, scope.ownerKey]);
    if (!rows.length) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${id}`);
    return toThread(rows[0]);
  }

  /** Saves what a run or `threads.update` may change: title, status, image domains, metadata (and marks activity). */
  async saveThread(thread: ThreadMetadata, scope: ThreadScope): Promise<void> {
    const values = threadValues(thread, scope);
    values.pop(); // created_at never changes
    const { rowCount } = await run(this.pool, SAVE_THREAD, values);
    if (!rowCount) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${thread.id}`);
  }

  /** Marks activity on a thread (newest `updated_at`). */
  async touchThread(id: string): Promise<void> {
    await run(this.pool, TOUCH_THREAD, [id]);
  }

  async listThreads(scope: ThreadScope, page: PageQuery): Promise<ChatKitPage<ThreadMetadata>> {
    const params: unknown[] = [scope.workflowId, scope.ownerKey];
    let cursor = '';
    if (page.after !== undefined) {
      const anchor: { created_at: Date; seq: string }[] = await this.ds.query(
        `SELECT "created_at", "seq" FROM "chat_threads" WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`,
        [page.after, scope.workflowId, scope.ownerKey],
      );
      if (!anchor.length) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${page.after} (the "after" cursor)`);
      params.push(anchor[0].created_at, anchor[0].seq);
      cursor = ` AND ("created_at", "seq") ${page.order === 'asc' ? '>' : '<'} ($3, $4)`;
    }
    params.push(page.limit + 1);
    const dir = page.order === 'asc' ? 'ASC' : 'DESC';
    const rows: ThreadRow[] = await this.ds.query(
      `SELECT ${THREAD_COLUMNS} FROM "chat_threads" WHERE "workflow_id" = $1 AND "owner_key" = $2${cursor}
       ORDER BY "chat_threads"."created_at" ${dir}, "chat_threads"."seq" ${dir} LIMIT $${params.length}`,
      params,
    );
    return pageOf(rows.map(toThread), page.limit);
  }

  /** Deletes the thread; items, attachments and feedback go with it (ON DELETE CASCADE). */
  async deleteThread(id: string, scope: ThreadScope): Promise<void> {
    const result: [unknown[], number] = await this.ds.query(
      `DELETE FROM "chat_threads" WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`,
      [id, scope.workflowId, scope.ownerKey],
    );
    if (!result[1]) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${id}`);
  }

  // ---- items (callers have already loaded the thread through its scope) ----

  async loadItems(threadId: string, page: PageQuery): Promise<ChatKitPage<ThreadItem>> {
    const params: unknown[] = [threadId];
    let cursor = '';
    if (page.after !== undefined) {
      const anchor: { created_at: Date; seq: string }[] = await this.ds.query(
        `SELECT "created_at", "seq" FROM "chat_items" WHERE "id" = $1 AND "thread_id" = $2`,
        [page.after, threadId],
      );
      if (!anchor.length) throw DomainError.notFound('chatkit.item.not_found', `Item ${page.after} (the "after" cursor)`);
      params.push(anchor[0].created_at, anchor[0].seq);
      cursor = ` AND ("created_at", "seq") ${page.order === 'asc' ? '>' : '<'} ($2, $3)`;
    }
    params.push(page.limit + 1);
    const dir = page.order === 'asc' ? 'ASC' : 'DESC';
    const rows: ItemRow[] = await this.ds.query(
      `SELECT ${ITEM_COLUMNS} FROM "chat_items" WHERE "thread_id" = $1${cursor}
       ORDER BY "chat_items"."created_at" ${dir}, "chat_items"."seq" ${dir} LIMIT $${params.length}`,
      params,
    );
    return pageOf(rows.map(toItem), page.limit);
  }

  /** The newest `count` items, oldest first (hidden context included). */
  async recentItems(threadId: string, count: number): Promise<ThreadItem[]> {
    const { rows } = await run<ItemRow>(this.pool, RECENT_ITEMS, [threadId, count]);
    return rows.reverse().map(toItem);
  }

  async findItem(threadId: string, itemId: string): Promise<ThreadItem | undefined> {
    const { rows } = await run<ItemRow>(this.pool, FIND_ITEM, [itemId, threadId]);
    return rows.length ? toItem(rows[0]) : undefined;
  }

  async loadItem(threadId: string, itemId: string): Promise<ThreadItem> {
    const item = await this.findItem(threadId, itemId);
    if (!item) throw DomainError.notFound('chatkit.item.not_found', `Item ${itemId}`);
    return item;
  }

  /** Which of `ids` are items of the thread. */
  async existingItemIds(threadId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.ds.query(`SELECT "id" FROM "chat_items" WHERE "thread_id" = $1 AND "id" = ANY($2::varchar[])`, [threadId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** `thread.item.done`: insert. An id that already exists is a producer bug and fails. */
  async insertItem(threadId: string, item: ThreadItem, em?: EntityManager): Promise<void> {
    const c = itemColumns(threadId, item);
    const values = [c.id, c.threadId, c.type, c.payload, c.createdAt];
    const rows: unknown[] = em ? await em.query(INSERT_ITEM.text, values) : (await run(this.pool, INSERT_ITEM, values)).rows;
    if (!rows.length) throw new Error(`Thread item ${c.id} already exists; item ids must be unique`);
  }

  /** {@link insertItem} during a run, marking the thread's activity (`updated_at`) in the same statement. */
  async addItem(threadId: string, item: ThreadItem): Promise<void> {
    const c = itemColumns(threadId, item);
    const { rows } = await run<{ n: number }>(this.pool, ADD_ITEM, [c.id, c.threadId, c.type, c.payload, c.createdAt]);
    if (!rows[0].n) throw new Error(`Thread item ${c.id} already exists; item ids must be unique`);
  }

  /**
   * `thread.item.replaced`: upsert. An existing item keeps its place in the thread; an
   * id that belongs to another thread is refused (never overwritten). `touch` also marks
   * the thread's activity in the same statement.
   */
  async saveItem(threadId: string, item: ThreadItem, options: { touch?: boolean } = {}): Promise<void> {
    const c = itemColumns(threadId, item);
    const values = [c.id, c.threadId, c.type, c.payload, c.createdAt];
    const saved = options.touch ? (await run<{ n: number }>(this.pool, SAVE_ITEM_AND_TOUCH, values)).rows[0].n > 0 : (await run(this.pool, SAVE_ITEM, values)).rows.length > 0;
    if (!saved) throw new Error(`Thread item ${c.id} belongs to another thread`);
  }

  /** Replaces an item only if it already exists in the thread; false otherwise. */
  async updateExistingItem(threadId: string, item: ThreadItem): Promise<boolean> {
    const c = itemColumns(threadId, item);
    const result: [unknown[], number] = await this.ds.query(
      `UPDATE "chat_items" SET "type" = $3, "payload" = $4::jsonb WHERE "id" = $1 AND "thread_id" = $2`,
      [c.id, c.threadId, c.type, c.payload],
    );
    return result[1] > 0;
  }

  async deleteItem(threadId: string, itemId: string): Promise<void> {
    await run(this.pool, DELETE_ITEM, [itemId, threadId]);
  }

  /** Deletes every item that comes after `itemId` in the thread's order (retry). */
  async deleteItemsAfter(threadId: string, itemId: string): Promise<number> {
    const result: [unknown[], number] = await this.ds.query(
      `DELETE FROM "chat_items" WHERE "thread_id" = $1 AND ("created_at", "seq") >
         (SELECT "created_at", "seq" FROM "chat_items" WHERE "id" = $2 AND "thread_id" = $1)`,
      [threadId, itemId],
    );
    return result[1];
  }

  // ---- attachments ----

  async insertAttachment(row: Pick<ChatAttachmentEntity, 'id' | 'ownerKey' | 'workflowId' | 'name' | 'mimeType' | 'size'>): Promise<ChatAttachmentEntity> {
    await this.ds.query(
      `INSERT INTO "chat_attachments" ("id", "owner_key", "workflow_id", "name", "mime_type", "size", "uploaded") VALUES ($1, $2, $3, $4, $5, $6, false)`,
      [row.id, row.ownerKey, row.workflowId, row.name, row.mimeType, row.size],
    );
    const created = await this.findAttachment(row.id);
    if (!created) throw new Error(`Attachment ${row.id} vanished after insert`);
    return created;
  }

  /** Metadata only (never the bytes). Unscoped: callers check the owner. */
  async findAttachment(id: string): Promise<ChatAttachmentEntity | undefined> {
    return (await this.ds.getRepository(ChatAttachmentEntity).findOne({ where: { id } })) ?? undefined;
  }

  async findAttachments(ids: string[]): Promise<ChatAttachmentEntity[]> {
    if (!ids.length) return [];
    return this.ds.getRepository(ChatAttachmentEntity).createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  async storeUpload(id: string, bytes: Buffer): Promise<void> {
    await this.ds.query(`UPDATE "chat_attachments" SET "bytes" = $2, "size" = $3, "uploaded" = true WHERE "id" = $1`, [id, bytes, bytes.length]);
  }

  async readAttachmentBytes(id: string): Promise<Buffer | undefined> {
    const rows: { bytes: Buffer | null }[] = await this.ds.query(`SELECT "bytes" FROM "chat_attachments" WHERE "id" = $1 AND "uploaded"`, [id]);
    return rows[0]?.bytes ?? undefined;
  }

  async deleteAttachment(id: string): Promise<void> {
    await this.ds.query(`DELETE FROM "chat_attachments" WHERE "id" = $1`, [id]);
  }

  /** Binds attachments to the thread of the message that carries them. */
  async bindAttachments(ids: string[], threadId: string, em: EntityManager = this.ds.manager): Promise<void> {
    if (!ids.length) return;
    await em.query(`UPDATE "chat_attachments" SET "thread_id" = $1 WHERE "id" = ANY($2::varchar[])`, [threadId, ids]);
  }

  // ---- feedback ----

  async upsertFeedback(threadId: string, itemIds: string[], ownerKey: string, kind: FeedbackKind): Promise<void> {
    await this.ds.transaction(async (em) => {
      for (const itemId of new Set(itemIds)) {
        await em.query(
          `INSERT INTO "chat_feedback" ("thread_id", "item_id", "owner_key", "kind") VALUES ($1, $2, $3, $4)
           ON CONFLICT ("item_id", "owner_key") DO UPDATE SET "kind" = EXCLUDED."kind", "updated_at" = now()`,
          [threadId, itemId, ownerKey, kind],
        );
      }
    });
  }
}

/** `chatkit.thread.not_active` (409) unless the thread is active. */
export function assertActive(thread: ThreadMetadata): void {
  if (thread.status.type !== 'active') {
    throw new DomainError('chatkit.thread.not_active', `This thread is ${thread.status.type}${thread.status.reason ? `: ${thread.status.reason}` : ''}.`, { status: thread.status });
  }
}

function pageOf<T extends { id: string }>(rows: T[], limit: number): ChatKitPage<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const page: ChatKitPage<T> = { data, has_more: hasMore };
  if (hasMore) page.after = data[data.length - 1].id;
  return page;
}

