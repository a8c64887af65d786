import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FeedbackKind } from '@atrium/protocol';
import { ChatItemEntity } from './chat-item.entity';
import { ChatThreadEntity } from './chat-thread.entity';

/** Thumbs up/down on a thread item; one row per item and owner (the last vote wins). */
@Entity({ name: 'chat_feedback' })
@Check('chat_feedback_kind_check', `"kind" IN ('positive', 'negative')`)
@Index('chat_feedback_item_owner_key', ['itemId', 'ownerKey'], { unique: true })
@Index('chat_feedback_thread_idx', ['threadId'])
export class ChatFeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'varchar', length: 64 })
  threadId: string;

  @ManyToOne(() => ChatThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'chat_feedback_thread_id_fkey' })
  thread?: ChatThreadEntity;

  @Column({ name: 'item_id', type: 'varchar', length: 64 })
  itemId: string;

  @ManyToOne(() => ChatItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'chat_feedback_item_id_fkey' })
  item?: ChatItemEntity;

  @Column({ name: 'owner_key', type: 'varchar', length: 200 })
  ownerKey: string;

  @Column({ type: 'varchar', length: 10 })
  kind: FeedbackKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
