import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkflowEntity } from '../../workflows/entities/workflow.entity';
import { ChatThreadEntity } from './chat-thread.entity';

/**
 * An attachment and its bytes (kept in PostgreSQL). Created by `attachments.create`
 * (two-phase upload), filled by the upload route, bound to a thread when a user
 * message carrying it is stored.
 */
@Entity({ name: 'chat_attachments' })
@Index('chat_attachments_thread_idx', ['threadId'])
@Index('chat_attachments_owner_idx', ['workflowId', 'ownerKey'])
export class ChatAttachmentEntity {
  /** `atc_` + hex. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'thread_id', type: 'varchar', length: 64, nullable: true })
  threadId: string | null;

  @ManyToOne(() => ChatThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'chat_attachments_thread_id_fkey' })
  thread?: ChatThreadEntity;

  @Column({ name: 'owner_key', type: 'varchar', length: 200 })
  ownerKey: string;

  @Column({ name: 'workflow_id', type: 'uuid' })
  workflowId: string;

  @ManyToOne(() => WorkflowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id', foreignKeyConstraintName: 'chat_attachments_workflow_id_fkey' })
  workflow?: WorkflowEntity;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 255 })
  mimeType: string;

  /** Declared size until uploaded, then the stored byte count. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  /** Never loaded unless asked for (`addSelect`). */
  @Column({ type: 'bytea', nullable: true, select: false })
  bytes: Buffer | null;

  @Column({ type: 'boolean', default: false })
  uploaded: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
