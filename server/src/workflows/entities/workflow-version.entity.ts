import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkflowDefinition } from '@atrium/protocol';
import { WorkflowEntity } from './workflow.entity';

/** Immutable snapshot of a workflow at each version; the history the admin diffs. */
@Entity({ name: 'workflow_versions' })
@Index('workflow_versions_workflow_version_key', ['workflowId', 'version'], { unique: true })
export class WorkflowVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workflow_id', type: 'uuid' })
  workflowId: string;

  @ManyToOne(() => WorkflowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id', foreignKeyConstraintName: 'workflow_versions_workflow_id_fkey' })
  workflow?: WorkflowEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb' })
  definition: WorkflowDefinition;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
