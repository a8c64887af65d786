import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TelemetryBucket, TelemetryEventName, TelemetrySurface } from '@atrium/protocol';
import { Repository } from 'typeorm';
import { TelemetryEventEntity } from './entities/telemetry-event.entity';

export interface BucketCount {
  start: Date;
  event: TelemetryEventName;
  count: number;
}

/** The telemetry module's queries (module-private). */
@Injectable()
export class TelemetryRepository {
  constructor(@InjectRepository(TelemetryEventEntity) private readonly repo: Repository<TelemetryEventEntity>) {}

  async insert(row: { workflowId: string; event: TelemetryEventName; surface: TelemetrySurface | null; occurredAt: Date }): Promise<void> {
    await this.repo.insert(row);
  }

  /** Events of one workflow in [from, to), counted per UTC bucket and event (empty buckets absent). */
  async countByBucket(workflowId: string, bucket: TelemetryBucket, from: Date, to: Date): Promise<BucketCount[]> {
    const rows = await this.repo.query(
      `SELECT date_trunc($2, "occurred_at", 'UTC') AS "start", "event", count(*)::int AS "count"
         FROM "telemetry_events"
        WHERE "workflow_id" = $1 AND "occurred_at" >= $3 AND "occurred_at" < $4
        GROUP BY 1, 2`,
      [workflowId, bucket, from, to],
    );
    return (rows as { start: Date; event: TelemetryEventName; count: number }[]).map((r) => ({ start: new Date(r.start), event: r.event, count: Number(r.count) }));
  }
}
