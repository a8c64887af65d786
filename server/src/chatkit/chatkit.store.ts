import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChatKitPage, FeedbackKind, ThreadItem, ThreadMetadata, ThreadStatus } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
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
  created_at: Date;
}

interface ItemRow {
  id: string;
  thread_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

const THREAD_COLUMNS = `"id", "title", "status", "allowed_image_domains", "metadata", "created_at"`;
const ITEM_COLUMNS = `"id", "thread_id", "type", "payload", "created_at"`;

function toThread(row: ThreadRow): ThreadMetadata {
  const t: ThreadMetadata = {
    id: row.id,
    created_at: row.created_at.toISOString(),
    status: row.status ?? { type: 'active' },
    metadata: row.metadata ?? {},
  };
  if (row.title !== null) t.title = row.title;
  if (row.allowed_image_domains !== null) t.allowed_image_domains = row.allowed_image_domains;
  return t;
}

function toItem(row: ItemRow): ThreadItem {
  return { id: row.id, thread_id: row.thread_id, created_at: row.created_at.toISOString(), type: row.type, ...row.payload } as ThreadItem;
}

/** Splits an item into its columns and the jsonb payload (everything else). */
function itemColumns(threadId: string, item: ThreadItem): { id: string; threadId: string; type: string; payload: string; createdAt: string } {
  const { id, thread_id: _threadId, type, created_at, ...payload } = item as ThreadItem & Record<string, unknown>;
  return { id, threadId, type, payload: JSON.stringify(payload), createdAt: isoTime(created_at) };
}

/**
 * Persistence of the chatkit module (module-private; other modules use ChatkitService).
 * Threads and items are ordered by (`created_at`, `seq`): `seq` is a per-table sequence
 * that breaks timestamp ties, so pages never skip or repeat rows and a cursor (the id
 * of the last row) is exact.
 */
@Injectable()
export class ChatkitStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  // ---- threads ----

  async insertThread(thread: ThreadMetadata, scope: ThreadScope, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(
      `INSERT INTO "chat_threads" ("id", "workflow_id", "owner_key", "title", "status", "allowed_image_domains", "metadata", "created_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8, $8)`,
      [
        thread.id,
        scope.workflowId,
        scope.ownerKey,
        thread.title ?? null,
        JSON.stringify(thread.status),
        thread.allowed_image_domains ?? null,
        JSON.stringify(thread.metadata ?? {}),
        thread.created_at,
      ],
    );
  }

  /** The thread if it belongs to the scope; `chatkit.thread.not_found` otherwise (whoever owns it). */
  async loadThread(id: string, scope: ThreadScope): Promise<ThreadMetadata> {
    const rows: ThreadRow[] = await this.ds.query(
      `SELECT ${THREAD_COLUMNS} FROM "chat_threads" WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`,
      [id, scope.workflowId, scope.ownerKey],
    );
    if (!rows.length) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${id}`);
    return toThread(rows[0]);
  }

  /** Saves what a run or `threads.update` may change: title, status, image domains, metadata. */
  async saveThread(thread: ThreadMetadata, scope: ThreadScope): Promise<void> {
    const result: [unknown[], number] = await this.ds.query(
      `UPDATE "chat_threads" SET "title" = $4, "status" = $5::jsonb, "allowed_image_domains" = $6, "metadata" = $7::jsonb, "updated_at" = now()
       WHERE "id" = $1 AND "workflow_id" = $2 AND "owner_key" = $3`,
      [
        thread.id,
        scope.workflowId,
        scope.ownerKey,
        thread.title ?? null,
        JSON.stringify(thread.status),
        thread.allowed_image_domains ?? null,
        JSON.stringify(thread.metadata ?? {}),
      ],
    );
    if (!result[1]) throw DomainError.notFound('chatkit.thread.not_found', `Thread ${thread.id}`);
  }

  /** Marks activity on a thread (newest `updated_at`). */
  async touchThread(id: string): Promise<void> {
    await this.ds.query(`UPDATE "chat_threads" SET "updated_at" = now() WHERE "id" = $1`, [id]);
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
       ORDER BY "created_at" ${dir}, "seq" ${dir} LIMIT $${params.length}`,
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
       ORDER BY "created_at" ${dir}, "seq" ${dir} LIMIT $${params.length}`,
      params,
    );
    return pageOf(rows.map(toItem), page.limit);
  }

  /** The newest `count` items, oldest first (hidden context included). */
  async recentItems(threadId: string, count: number): Promise<ThreadItem[]> {
    const rows: ItemRow[] = await this.ds.query(
      `SELECT ${ITEM_COLUMNS} FROM "chat_items" WHERE "thread_id" = $1 ORDER BY "created_at" DESC, "seq" DESC LIMIT $2`,
      [threadId, count],
    );
    return rows.reverse().map(toItem);
  }

  async findItem(threadId: string, itemId: string): Promise<ThreadItem | undefined> {
    const rows: ItemRow[] = await this.ds.query(`SELECT ${ITEM_COLUMNS} FROM "chat_items" WHERE "id" = $1 AND "thread_id" = $2`, [itemId, threadId]);
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
  async insertItem(threadId: string, item: ThreadItem, em: EntityManager = this.ds.manager): Promise<void> {
    const c = itemColumns(threadId, item);
    const rows: unknown[] = await em.query(
      `INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at") VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
      [c.id, c.threadId, c.type, c.payload, c.createdAt],
    );
    if (!rows.length) throw new Error(`Thread item ${c.id} already exists; item ids must be unique`);
  }

  /**
   * `thread.item.replaced`: upsert. An existing item keeps its place in the thread; an
   * id that belongs to another thread is refused (never overwritten).
   */
  async saveItem(threadId: string, item: ThreadItem): Promise<void> {
    const c = itemColumns(threadId, item);
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO "chat_items" ("id", "thread_id", "type", "payload", "created_at") VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT ("id") DO UPDATE SET "type" = EXCLUDED."type", "payload" = EXCLUDED."payload"
       WHERE "chat_items"."thread_id" = EXCLUDED."thread_id" RETURNING "id"`,
      [c.id, c.threadId, c.type, c.payload, c.createdAt],
    );
    if (!rows.length) throw new Error(`Thread item ${c.id} belongs to another thread`);
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
    await this.ds.query(`DELETE FROM "chat_items" WHERE "id" = $1 AND "thread_id" = $2`, [itemId, threadId]);
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

function pageOf<T extends { id: string }>(rows: T[], limit: number): ChatKitPage<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const page: ChatKitPage<T> = { data, has_more: hasMore };
  if (hasMore) page.after = data[data.length - 1].id;
  return page;
}

