import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ThreadStatus } from '@atrium/protocol';
import { WorkflowEntity } from '../../workflows/entities/workflow.entity';

/**
 * A ChatKit thread (`ThreadMetadata` in the protocol). Belongs to one workflow and
 * one owner (`owner_key`, e.g. `user:<uuid>`); every look-up filters on both.
 */
@Entity({ name: 'chat_threads' })
@Index('chat_threads_owner_idx', ['workflowId', 'ownerKey', 'createdAt', 'seq'])
export class ChatThreadEntity {
  /** `thr_` + hex, as the reference's ids. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'workflow_id', type: 'uuid' })
  workflowId: string;

  @ManyToOne(() => WorkflowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id', foreignKeyConstraintName: 'chat_threads_workflow_id_fkey' })
  workflow?: WorkflowEntity;

  @Column({ name: 'owner_key', type: 'varchar', length: 200 })
  ownerKey: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'jsonb' })
  status: ThreadStatus;

  @Column({ name: 'allowed_image_domains', type: 'text', array: true, nullable: true })
  allowedImageDomains: string[] | null;

  /** Server-only thread metadata (the executor may keep state here); never sent to clients. */
  @Column({ type: 'jsonb' })
  metadata: Record<string, unknown>;

  /** Insertion order: breaks `created_at` ties so pages and cursors are exact. */
  @Column({ type: 'bigint', generated: 'increment', select: false, insert: false, update: false })
  seq: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
