import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import type { OffsetPage, WorkflowResponse, WorkflowVersionResponse } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
import { canonicalJson } from '../common/canonical-json';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import type { Caller } from '../logging/request-context';
import { WorkflowEntity } from './entities/workflow.entity';
import { WorkflowVersionEntity } from './entities/workflow-version.entity';
import type { CreateWorkflowDto, ListWorkflowsQuery, UpdateWorkflowDto } from './dto/workflow.dto';
import { checkDefinition, normalizeDefinition } from './workflow-definition';
import { auditSnapshot, publishSnapshot, toWorkflowResponse, toWorkflowVersionResponse } from './workflow.response';
import { ToolPackRegistry } from './tool-packs/tool-pack.registry';

/**
 * A change of a workflow's publication: publish (or update the settings of a
 * published workflow; omitted settings keep their value), or revoke.
 */
export type PublishPatch = { isPublic: true; requireLogin?: boolean; allowedOrigins?: string[] } | { isPublic: false };

/** What `setPublishState` did; `unchanged` writes nothing and audits nothing. */
export type PublishChange = 'published' | 'publish_updated' | 'unpublished' | 'unchanged';

/** How long a workflow read for a chat request may be reused (see getEntityCached). */
export const WORKFLOW_CACHE_TTL_MS = 2_000;
const WORKFLOW_CACHE_MAX = 1_000;

@Injectable()
export class WorkflowsService {
  private readonly cached = new Map<string, { workflow: WorkflowEntity; version: number; until: number }>();
  private version = 0;

  constructor(
    @InjectRepository(WorkflowEntity) private readonly repo: Repository<WorkflowEntity>,
    @InjectRepository(WorkflowVersionEntity) private readonly versions: Repository<WorkflowVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly toolPacks: ToolPackRegistry,
    private readonly config: AppConfig,
  ) {}

  /** The API shape of a workflow (with its share URL while published). */
  toResponse(w: WorkflowEntity): WorkflowResponse {
    return toWorkflowResponse(w, this.config.publicBaseUrl);
  }

  async list(query: ListWorkflowsQuery): Promise<OffsetPage<WorkflowResponse>> {
    const qb = this.repo.createQueryBuilder('w').orderBy('w.updated_at', 'DESC').addOrderBy('w.id', 'ASC');
    if (query.q) qb.andWhere('(w.name ILIKE :q OR w.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.status === 'published') qb.andWhere('w.is_public = true');
    if (query.status === 'draft') qb.andWhere('w.is_public = false');
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { data: rows.map((w) => this.toResponse(w)), total, limit: query.limit, offset: query.offset };
  }

  /** The entity, for modules that run or publish workflows. */
  async getEntity(id: string, em?: EntityManager): Promise<WorkflowEntity> {
    const w = await (em ?? this.dataSource.manager).findOne(WorkflowEntity, { where: { id } });
    if (!w) throw DomainError.notFound('workflow.not_found', 'Workflow');
    return w;
  }

  /**
   * {@link getEntity} for the chat hot path (every chat request needs its workflow),
   * cached for {@link WORKFLOW_CACHE_TTL_MS}. A change made through this service
   * (update, publish or revoke, delete) drops the cache at once; a change made by
   * another instance takes effect within the TTL. Unknown ids are never cached. The
   * entity is shared between requests: treat it as read-only.
   */
  async getEntityCached(id: string): Promise<WorkflowEntity> {
    const now = Date.now();
    const version = this.version;
    const hit = this.cached.get(id);
    if (hit && hit.until > now && hit.version === version) return hit.workflow;
    const workflow = await this.getEntity(id);
    if (this.cached.size >= WORKFLOW_CACHE_MAX) this.cached.clear();
    this.cached.set(id, { workflow, version, until: now + WORKFLOW_CACHE_TTL_MS });
    return workflow;
  }

  /** Runs a change of workflows; cached entities read before or during it are dropped. */
  private async changing<T>(change: () => Promise<T>): Promise<T> {
    this.version++;
    try {
      return await change();
    } finally {
      // Again after the commit: a read that ran meanwhile may have seen the old row.
      this.version++;
    }
  }

  async get(id: string): Promise<WorkflowResponse> {
    return this.toResponse(await this.getEntity(id));
  }

  async create(dto: CreateWorkflowDto, actor?: Caller): Promise<WorkflowResponse> {
    const kind = dto.kind ?? 'agent';
    const definition = normalizeDefinition(dto.definition);
    this.assertValid(checkDefinition(definition, kind, this.toolPacks.list()));
    return this.dataSource.transaction(async (m) => {
      const w = m.create(WorkflowEntity, {
        name: dto.name,
        description: dto.description ?? '',
        kind,
        definition,
        version: 1,
        createdBy: actor?.id ?? null,
        updatedBy: actor?.id ?? null,
      });
      await m.save(w);
      await this.saveVersion(m, w, actor);
      await this.audit.record(m, { action: 'workflow.created', targetType: 'workflow', targetId: w.id, workflowId: w.id, summary: { after: auditSnapshot(w) }, actor });
      return this.toResponse(w);
    });
  }

  async update(id: string, dto: UpdateWorkflowDto, actor: Caller): Promise<WorkflowResponse> {
    return this.changing(() => this.dataSource.transaction(async (m) => {
      const w = await m.findOne(WorkflowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!w) throw DomainError.notFound('workflow.not_found', 'Workflow');
      if (dto.expected_version !== undefined && dto.expected_version !== w.version) {
        throw new DomainError('workflow.version_conflict', `The workflow changed since you loaded it (now version ${w.version}). Reload and try again.`, { current_version: w.version });
      }
      const before = auditSnapshot(w);
      const definition = normalizeDefinition(dto.definition, w.definition);
      this.assertValid(checkDefinition(definition, w.kind, this.toolPacks.list()));
      const changed =
        (dto.name !== undefined && dto.name !== w.name) ||
        (dto.description !== undefined && dto.description !== w.description) ||
        canonicalJson(definition) !== canonicalJson(w.definition);
      if (!changed) return this.toResponse(w);
      w.name = dto.name ?? w.name;
      w.description = dto.description ?? w.description;
      w.definition = definition;
      w.version += 1;
      w.updatedBy = actor.id;
      await m.save(w);
      await this.saveVersion(m, w, actor);
      await this.audit.record(m, { action: 'workflow.updated', targetType: 'workflow', targetId: w.id, workflowId: w.id, summary: { before, after: auditSnapshot(w) }, actor });
      return this.toResponse(w);
    }));
  }

  /**
   * Publishes, updates the publication settings of, or revokes a workflow, in one
   * transaction with its audit row (`workflow.published`, `workflow.publish_updated`,
   * `workflow.unpublished`; before/after publication settings). A request that
   * changes nothing writes nothing. Revoking clears every publication field.
   */
  async setPublishState(id: string, patch: PublishPatch, actor: Caller): Promise<{ workflow: WorkflowResponse; change: PublishChange }> {
    return this.changing(() => this.dataSource.transaction(async (m) => {
      const w = await m.findOne(WorkflowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!w) throw DomainError.notFound('workflow.not_found', 'Workflow');
      const before = publishSnapshot(w);
      let change: PublishChange;
      if (patch.isPublic) {
        const requireLogin = patch.requireLogin ?? w.requireLogin;
        const allowedOrigins = patch.allowedOrigins ?? w.allowedOrigins;
        const settingsChanged = requireLogin !== w.requireLogin || allowedOrigins.join('\n') !== w.allowedOrigins.join('\n');
        if (w.isPublic && !settingsChanged) return { workflow: this.toResponse(w), change: 'unchanged' as const };
        change = w.isPublic ? 'publish_updated' : 'published';
        if (!w.isPublic) {
          w.isPublic = true;
          w.publishedAt = new Date();
          w.publishedBy = actor.id;
        }
        w.requireLogin = requireLogin;
        w.allowedOrigins = [...allowedOrigins];
      } else {
        if (!w.isPublic) return { workflow: this.toResponse(w), change: 'unchanged' as const };
        change = 'unpublished';
        w.isPublic = false;
        w.publishedAt = null;
        w.publishedBy = null;
        w.requireLogin = false;
        w.allowedOrigins = [];
      }
      await m.save(w);
      const action = change === 'published' ? 'workflow.published' : change === 'publish_updated' ? 'workflow.publish_updated' : 'workflow.unpublished';
      await this.audit.record(m, { action, targetType: 'workflow', targetId: w.id, workflowId: w.id, summary: { name: w.name, before, after: publishSnapshot(w) }, actor });
      return { workflow: this.toResponse(w), change };
    }));
  }

  async remove(id: string, actor: Caller): Promise<void> {
    await this.changing(() => this.dataSource.transaction(async (m) => {
      const w = await m.findOne(WorkflowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!w) throw DomainError.notFound('workflow.not_found', 'Workflow');
      await m.delete(WorkflowEntity, { id });
      await this.audit.record(m, { action: 'workflow.deleted', targetType: 'workflow', targetId: id, workflowId: id, summary: { before: auditSnapshot(w) }, actor });
    }));
  }

  async listVersions(id: string): Promise<{ data: WorkflowVersionResponse[] }> {
    await this.getEntity(id);
    const rows = await this.versions.find({ where: { workflowId: id }, order: { version: 'DESC' } });
    return { data: rows.map(toWorkflowVersionResponse) };
  }

  async getVersion(id: string, version: number): Promise<WorkflowVersionResponse> {
    const row = await this.versions.findOne({ where: { workflowId: id, version } });
    if (!row) throw DomainError.notFound('workflow.version_not_found', `Version ${version} of this workflow`);
    return toWorkflowVersionResponse(row);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  private async saveVersion(m: EntityManager, w: WorkflowEntity, actor?: Caller): Promise<void> {
    await m.insert(WorkflowVersionEntity, {
      workflowId: w.id,
      version: w.version,
      name: w.name,
      description: w.description,
      definition: w.definition,
      createdBy: actor?.id ?? null,
    });
  }

  private assertValid(errors: { field: string; message: string }[]): void {
    if (errors.length) {
      throw new DomainError('workflow.definition_invalid', `Invalid workflow definition: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { fields: errors });
    }
  }
}
