import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { TELEMETRY_EVENTS, TELEMETRY_SURFACES, type TelemetryBucket, type TelemetryEventName, type TelemetrySurface } from '@atrium/protocol';

/**
 * One telemetry event. Only these four fields exist: anything else (a message text, a
 * user name) is refused by the global validation pipe (`forbidNonWhitelisted`).
 */
export class TelemetryEventDto {
  @IsUUID('all', { message: 'workflow_id must be a workflow id (UUID)' })
  workflow_id: string;

  @IsIn(TELEMETRY_EVENTS, { message: `event must be one of ${TELEMETRY_EVENTS.join(', ')}` })
  event: TelemetryEventName;

  @IsOptional()
  @IsIn(TELEMETRY_SURFACES, { message: `surface must be one of ${TELEMETRY_SURFACES.join(', ')}` })
  surface?: TelemetrySurface;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'at must be an ISO-8601 date-time' })
  at?: string;
}

export const TELEMETRY_BUCKETS: readonly TelemetryBucket[] = ['day', 'hour'];

export class TelemetryStatsQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'from must be an ISO-8601 date or date-time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'to must be an ISO-8601 date or date-time' })
  to?: string;

  @IsOptional()
  @IsIn(TELEMETRY_BUCKETS, { message: 'bucket must be day or hour' })
  bucket?: TelemetryBucket;
}
