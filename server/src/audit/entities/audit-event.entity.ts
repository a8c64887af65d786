import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of the append-only, hash-chained audit trail. A database trigger
 * (see the migration) refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_seq_key', ['seq'], { unique: true })
@Index('audit_events_at_idx', ['at'])
@Index('audit_events_action_idx', ['action', 'seq'])
@Index('audit_events_workflow_idx', ['workflowId', 'seq'])
@Index('audit_events_actor_idx', ['actorId', 'seq'])
@Index('audit_events_target_idx', ['targetType', 'targetId', 'seq'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Gap-free position in the chain (assigned under an advisory lock). */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 320, nullable: true })
  actorEmail: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 50 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 200, nullable: true })
  targetId: string | null;

  @Column({ name: 'workflow_id', type: 'uuid', nullable: true })
  workflowId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
