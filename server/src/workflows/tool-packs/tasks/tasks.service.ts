import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { poolOf, run, statement } from '../../../database/sql';
import type { TaskEntity, TaskStatus } from './task.entity';

export const TASK_TITLE_MAX = 200;
/** Keeps one owner (possibly an anonymous visitor) from filling the table. */
export const TASKS_PER_OWNER_MAX = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a task list shows (cards, tool results): no timestamps to read and parse. */
export type TaskSummary = Pick<TaskEntity, 'id' | 'title' | 'status'>;

interface TaskRow {
  id: string;
  owner_key: string;
  title: string;
  status: TaskStatus;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const TASK_COLUMNS = `"id", "owner_key", "title", "status", "created_at", "updated_at", "completed_at"`;

function toTask(r: TaskRow): TaskEntity {
  return { id: r.id, ownerKey: r.owner_key, title: r.title, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at, completedAt: r.completed_at };
}

// The statements of the tasks tool pack (prepared once per connection). The schema is
// TaskEntity's (migrations/…-tasks.ts); every statement filters on the owner.

/** The cap check and the insert in one statement (one round trip, one commit); no row when the owner is at the cap. */
const ADD = statement(
  'tasks_add',
  `INSERT INTO "tasks" ("owner_key", "title", "status", "completed_at")
   SELECT $1::varchar, $2::varchar, 'open', NULL WHERE (SELECT count(*) FROM "tasks" WHERE "owner_key" = $1::varchar) < $3::int
   RETURNING ${TASK_COLUMNS}`,
);
const LIST_ALL = statement('tasks_list', `SELECT ${TASK_COLUMNS} FROM "tasks" WHERE "owner_key" = $1::varchar ORDER BY "created_at" ASC, "id" ASC LIMIT $2::int`);
const LIST_BY_STATUS = statement(
  'tasks_list_status',
  `SELECT ${TASK_COLUMNS} FROM "tasks" WHERE "owner_key" = $1::varchar AND "status" = $2::varchar ORDER BY "created_at" ASC, "id" ASC LIMIT $3::int`,
);
/** Summaries come back as one JSON array (one value to parse instead of up to 500 rows). */
const SUMMARIES = statement(
  'tasks_summaries',
  `SELECT coalesce(json_agg(json_build_object('id', "id", 'title', "title", 'status', "status") ORDER BY "created_at", "id"), '[]'::json) AS "tasks"
   FROM (SELECT "id", "title", "status", "created_at" FROM "tasks" WHERE "owner_key" = $1::varchar AND ($2::varchar IS NULL OR "status" = $2::varchar)
         ORDER BY "created_at" ASC, "id" ASC LIMIT $3::int) "t"`,
);
const GET = statement('tasks_get', `SELECT ${TASK_COLUMNS} FROM "tasks" WHERE "id" = $1::uuid AND "owner_key" = $2::varchar`);
const FIND_BY_TITLE = statement(
  'tasks_find_by_title',
  `SELECT ${TASK_COLUMNS} FROM "tasks" WHERE "owner_key" = $1::varchar AND "title" ILIKE $2::varchar ESCAPE '\\' AND ($4::varchar IS NULL OR "status" = $4::varchar)
   ORDER BY CASE WHEN lower("title") = lower($3::varchar) THEN 0 ELSE 1 END ASC, "created_at" ASC LIMIT 50`,
);
const SET_STATUS = statement(
  'tasks_set_status',
  `UPDATE "tasks" SET "status" = $3::varchar, "completed_at" = CASE WHEN $3::varchar = 'done' THEN now() ELSE NULL END, "updated_at" = now()
   WHERE "id" = $1::uuid AND "owner_key" = $2::varchar RETURNING ${TASK_COLUMNS}`,
);
const RENAME = statement('tasks_rename', `UPDATE "tasks" SET "title" = $3::varchar, "updated_at" = now() WHERE "id" = $1::uuid AND "owner_key" = $2::varchar RETURNING ${TASK_COLUMNS}`);
const DELETE = statement('tasks_delete', `DELETE FROM "tasks" WHERE "id" = $1::uuid AND "owner_key" = $2::varchar`);

/** How a tool names a task: by id (what the model gets from list/find) or by (part of) its title. */
export interface TaskRef {
  taskId?: string;
  title?: string;
}

/** Trims, collapses whitespace and strips surrounding quotes; throws `task.invalid` if nothing is left or it is too long. */
export function normalizeTaskTitle(raw: string): string {
  const title = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .trim();
  if (!title) throw new DomainError('task.invalid', 'A task needs a title.');
  if (title.length > TASK_TITLE_MAX) throw new DomainError('task.invalid', `A task title can have at most ${TASK_TITLE_MAX} characters.`);
  return title;
}

/**
 * Tasks of the `tasks` tool pack. Every method takes the owner key the server
 * derived from the thread's owner; a task of another owner is "not found".
 */
@Injectable()
export class TasksService {
  private readonly pool: Pool;

  constructor(@InjectDataSource() ds: DataSource) {
    this.pool = poolOf(ds);
  }

  async add(ownerKey: string, rawTitle: string): Promise<TaskEntity> {
    const title = normalizeTaskTitle(rawTitle);
    const { rows } = await run<TaskRow>(this.pool, ADD, [ownerKey, title, TASKS_PER_OWNER_MAX]);
    if (!rows.length) throw new DomainError('task.invalid', `You already have ${TASKS_PER_OWNER_MAX} tasks. Delete some before adding more.`);
    return toTask(rows[0]);
  }

  /** Oldest first (the order they were added). */
  async list(ownerKey: string, status?: TaskStatus): Promise<TaskEntity[]> {
    const { rows } = status
      ? await run<TaskRow>(this.pool, LIST_BY_STATUS, [ownerKey, status, TASKS_PER_OWNER_MAX])
      : await run<TaskRow>(this.pool, LIST_ALL, [ownerKey, TASKS_PER_OWNER_MAX]);
    return rows.map(toTask);
  }

  /** {@link list} with only what a list shows (id, title, status). */
  async listSummaries(ownerKey: string, status?: TaskStatus): Promise<TaskSummary[]> {
    const { rows } = await run<{ tasks: TaskSummary[] }>(this.pool, SUMMARIES, [ownerKey, status ?? null, TASKS_PER_OWNER_MAX]);
    return rows[0].tasks;
  }

  async get(ownerKey: string, id: string): Promise<TaskEntity> {
    const rows = UUID.test(id) ? (await run<TaskRow>(this.pool, GET, [id, ownerKey])).rows : [];
    if (!rows.length) throw new DomainError('task.not_found', 'That task no longer exists.');
    return toTask(rows[0]);
  }

  /** Tasks whose title contains `query` (case-insensitive); exact matches first. */
  async findByTitle(ownerKey: string, query: string, status?: TaskStatus): Promise<TaskEntity[]> {
    const q = query.replace(/\s+/g, ' ').trim().replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '').trim();
    if (!q) return [];
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await run<TaskRow>(this.pool, FIND_BY_TITLE, [ownerKey, pattern, q, status ?? null]);
    return rows.map(toTask);
  }

  /**
   * The one task a reference names. A title picks the exact (case-insensitive) match,
   * else the only task containing it; several candidates → `task.ambiguous`.
   */
  async resolve(ownerKey: string, ref: TaskRef, preferStatus?: TaskStatus): Promise<TaskEntity> {
    if (ref.taskId) return this.get(ownerKey, ref.taskId);
    const title = ref.title?.trim();
    if (!title) throw new DomainError('task.invalid', 'Tell me which task: its title or id.');
    let matches = await this.findByTitle(ownerKey, title);
    if (!matches.length) throw new DomainError('task.not_found', `No task matches “${title}”.`);
    const exact = matches.filter((t) => t.title.toLowerCase() === title.replace(/^["'“”]+|["'“”]+$/g, '').toLowerCase());
    if (exact.length) matches = exact;
    if (matches.length > 1 && preferStatus) {
      const preferred = matches.filter((t) => t.status === preferStatus);
      if (preferred.length) matches = preferred;
    }
    if (matches.length > 1) {
      const names = matches.slice(0, 5).map((t) => `“${t.title}”`).join(', ');
      throw new DomainError('task.ambiguous', `Several tasks match “${title}”: ${names}. Which one do you mean?`, {
        candidates: matches.slice(0, 5).map((t) => ({ id: t.id, title: t.title, status: t.status })),
      });
    }
    return matches[0];
  }

  async setStatus(ownerKey: string, id: string, status: TaskStatus): Promise<{ task: TaskEntity; changed: boolean }> {
    const task = await this.get(ownerKey, id);
    if (task.status === status) return { task, changed: false };
    const { rows } = await run<TaskRow>(this.pool, SET_STATUS, [task.id, ownerKey, status]);
    if (!rows.length) throw new DomainError('task.not_found', 'That task no longer exists.');
    return { task: toTask(rows[0]), changed: true };
  }

  async rename(ownerKey: string, id: string, rawTitle: string): Promise<TaskEntity> {
    const task = await this.get(ownerKey, id);
    const { rows } = await run<TaskRow>(this.pool, RENAME, [task.id, ownerKey, normalizeTaskTitle(rawTitle)]);
    if (!rows.length) throw new DomainError('task.not_found', 'That task no longer exists.');
    return toTask(rows[0]);
  }

  /** Deletes and returns the deleted task. */
  async delete(ownerKey: string, id: string): Promise<TaskEntity> {
    const task = await this.get(ownerKey, id);
    await run(this.pool, DELETE, [task.id, ownerKey]);
    return task;
  }
}
