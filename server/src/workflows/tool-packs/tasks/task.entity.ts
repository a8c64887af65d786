import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A to-do of the `tasks` tool pack. Tasks belong to a chat owner (`user:<uuid>` or
 * `visitor:<id>`, see ThreadOwner.key); the server supplies the owner, never the model.
 */
@Entity({ name: 'tasks' })
@Check('tasks_status_check', `"status" IN ('open', 'done')`)
@Index('tasks_owner_created_idx', ['ownerKey', 'createdAt'])
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_key', type: 'varchar', length: 200 })
  ownerKey: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: TaskStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
