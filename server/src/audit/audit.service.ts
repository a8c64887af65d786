import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AuditAction, AuditEventResponse, AuditVerifyResponse, Page } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
import { requestContext, type Caller } from '../logging/request-context';
import { AuditEventEntity } from './entities/audit-event.entity';
import { auditRowHash, GENESIS_HASH } from './audit-hash';
import { toAuditEventResponse } from './audit-event.response';
import type { AuditFilterQuery, AuditListQuery } from './dto/audit-query.dto';

export interface AuditRecordInput {
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  workflowId?: string | null;
  summary?: Record<string, unknown>;
  /** Defaults to the signed-in caller of the current request. */
  actor?: Caller;
}

/** One lock id for the whole chain: appends are serialised so each row links to the last. */
const CHAIN_LOCK = 0x41_75_64_69; // "Audi"
const EXPORT_BATCH = 500;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an audit row inside the caller's transaction, so the row exists if and
   * only if the change it describes committed.
   */
  async record(em: EntityManager, input: AuditRecordInput): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('AuditService.record must run inside a transaction');
    const ctx = requestContext.get();
    const actor = input.actor ?? ctx?.caller;
    await em.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = (await em.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')) as { seq: string; hash: string }[];
    const row = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: new Date(),
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      actorRole: actor?.role ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      workflowId: input.workflowId ?? null,
      summary: input.summary ?? {},
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
      userAgent: ctx?.userAgent?.slice(0, 512) ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await em.save(em.create(AuditEventEntity, { ...row, hash: auditRowHash(row) }));
  }

  async list(query: AuditListQuery): Promise<Page<AuditEventResponse>> {
    const qb = this.filtered(query).orderBy('e.seq', 'DESC').take(query.limit + 1);
    if (query.cursor) qb.andWhere('e.seq < :before', { before: decodeCursor(query.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    return {
      data: page.map(toAuditEventResponse),
      ...(rows.length > query.limit ? { next_cursor: encodeCursor(page[page.length - 1].seq) } : {}),
    };
  }

  /** Yields the filtered set oldest first, in batches, without loading it all. */
  async *iterate(filter: AuditFilterQuery): AsyncGenerator<AuditEventEntity> {
    let after = 0;
    for (;;) {
      const batch = await this.filtered(filter).andWhere('e.seq > :after', { after }).orderBy('e.seq', 'ASC').take(EXPORT_BATCH).getMany();
      for (const row of batch) yield row;
      if (batch.length < EXPORT_BATCH) return;
      after = batch[batch.length - 1].seq;
    }
  }

  /** Recomputes every hash from the first row; reports the first row that does not verify. */
  async verify(): Promise<AuditVerifyResponse> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let after = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .take(EXPORT_BATCH)
        .getMany();
      for (const row of batch) {
        const broken = (reason: NonNullable<AuditVerifyResponse['broken_at']>['reason']): AuditVerifyResponse => ({
          intact: false,
          checked,
          broken_at: { seq: row.seq, id: row.id, reason },
        });
        if (row.seq !== expectedSeq) return { ...broken('sequence_gap'), broken_at: { seq: expectedSeq, reason: 'sequence_gap' } };
        if (row.prevHash !== prevHash) return broken('prev_hash_mismatch');
        if (auditRowHash(row) !== row.hash) return broken('hash_mismatch');
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
      if (batch.length < EXPORT_BATCH) break;
      after = batch[batch.length - 1].seq;
    }
    return { intact: true, checked, ...(checked > 0 ? { head_hash: prevHash } : {}) };
  }

  private filtered(f: AuditFilterQuery): SelectQueryBuilder<AuditEventEntity> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (f.action?.length) qb.andWhere('e.action IN (:...actions)', { actions: f.action });
    if (f.actor_id) qb.andWhere('e.actor_id = :actorId', { actorId: f.actor_id });
    if (f.actor_email) qb.andWhere('e.actor_email = :actorEmail', { actorEmail: f.actor_email.toLowerCase() });
    if (f.target_type) qb.andWhere('e.target_type = :targetType', { targetType: f.target_type });
    if (f.target_id) qb.andWhere('e.target_id = :targetId', { targetId: f.target_id });
    if (f.workflow_id) qb.andWhere('e.workflow_id = :workflowId', { workflowId: f.workflow_id });
    if (f.from) qb.andWhere('e.at >= :from', { from: new Date(f.from) });
    if (f.to) qb.andWhere('e.at < :to', { to: new Date(f.to) });
    return qb;
  }
}

function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new DomainError('audit.cursor_invalid', 'The cursor is not valid; start again from the first page.');
  return Number(m[1]);
}
