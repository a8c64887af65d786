import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChatThreadEntity } from './chat-thread.entity';

/**
 * One thread item. `payload` holds the item's fields except `id`, `thread_id`,
 * `type` and `created_at`, which are columns (so the item is rebuilt from both).
 * Items are ordered by (`created_at`, `seq`) like the reference orders by created_at.
 */
@Entity({ name: 'chat_items' })
@Index('chat_items_thread_idx', ['threadId', 'createdAt', 'seq'])
export class ChatItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'thread_id', type: 'varchar', length: 64 })
  threadId: string;

  @ManyToOne(() => ChatThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'chat_items_thread_id_fkey' })
  thread?: ChatThreadEntity;

  @Column({ type: 'varchar', length: 50 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;
}
