import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TelemetryEventName, TelemetrySurface } from '@atrium/protocol';
import { WorkflowEntity } from '../../workflows/entities/workflow.entity';

/**
 * One usage event of a chat surface (the public page, the embedded bubble, the admin's
 * Canvas bubble): opened, closed, a response failed, a session token could not be
 * refreshed. Never message content, never who it was: only the workflow and the time.
 */
@Entity({ name: 'telemetry_events' })
@Check('telemetry_events_event_check', `"event" IN ('open', 'close', 'response_failed', 'token_refresh_failed')`)
@Check('telemetry_events_surface_check', `"surface" IS NULL OR "surface" IN ('page', 'bubble', 'canvas')`)
@Index('telemetry_events_workflow_time_idx', ['workflowId', 'occurredAt'])
export class TelemetryEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workflow_id', type: 'uuid' })
  workflowId: string;

  @ManyToOne(() => WorkflowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id', foreignKeyConstraintName: 'telemetry_events_workflow_id_fkey' })
  workflow?: WorkflowEntity;

  @Column({ type: 'varchar', length: 32 })
  event: TelemetryEventName;

  @Column({ type: 'varchar', length: 16, nullable: true })
  surface: TelemetrySurface | null;

  /** When it happened on the client (clamped to a plausible window), else when it arrived. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
