import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { TaskEntity, type TaskStatus } from './task.entity';

export const TASK_TITLE_MAX = 200;
/** Keeps one owner (possibly an anonymous visitor) from filling the table. */
export const TASKS_PER_OWNER_MAX = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  constructor(@InjectRepository(TaskEntity) private readonly repo: Repository<TaskEntity>) {}

  async add(ownerKey: string, rawTitle: string): Promise<TaskEntity> {
    const title = normalizeTaskTitle(rawTitle);
    if ((await this.repo.countBy({ ownerKey })) >= TASKS_PER_OWNER_MAX) {
      throw new DomainError('task.invalid', `You already have ${TASKS_PER_OWNER_MAX} tasks. Delete some before adding more.`);
    }
    return this.repo.save(this.repo.create({ ownerKey, title, status: 'open', completedAt: null }));
  }

  /** Oldest first (the order they were added). */
  list(ownerKey: string, status?: TaskStatus): Promise<TaskEntity[]> {
    return this.repo.find({
      where: status ? { ownerKey, status } : { ownerKey },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: TASKS_PER_OWNER_MAX,
    });
  }

  async get(ownerKey: string, id: string): Promise<TaskEntity> {
    const task = UUID.test(id) ? await this.repo.findOneBy({ id, ownerKey }) : null;
    if (!task) throw new DomainError('task.not_found', 'That task no longer exists.');
    return task;
  }

  /** Tasks whose title contains `query` (case-insensitive); exact matches first. */
  async findByTitle(ownerKey: string, query: string, status?: TaskStatus): Promise<TaskEntity[]> {
    const q = query.replace(/\s+/g, ' ').trim().replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '').trim();
    if (!q) return [];
    const qb = this.repo
      .createQueryBuilder('t')
      .where('t.owner_key = :ownerKey', { ownerKey })
      .andWhere(`t.title ILIKE :pattern ESCAPE '\\'`, { pattern: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
      .orderBy('CASE WHEN lower(t.title) = lower(:q) THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('t.created_at', 'ASC')
      .setParameter('q', q)
      .take(50);
    if (status) qb.andWhere('t.status = :status', { status });
    return qb.getMany();
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
    task.status = status;
    task.completedAt = status === 'done' ? new Date() : null;
    return { task: await this.repo.save(task), changed: true };
  }

  async rename(ownerKey: string, id: string, rawTitle: string): Promise<TaskEntity> {
    const task = await this.get(ownerKey, id);
    task.title = normalizeTaskTitle(rawTitle);
    return this.repo.save(task);
  }

  /** Deletes and returns the deleted task. */
  async delete(ownerKey: string, id: string): Promise<TaskEntity> {
    const task = await this.get(ownerKey, id);
    await this.repo.delete({ id: task.id, ownerKey });
    return task;
  }
}
