import { TELEMETRY_EVENTS, type TelemetryCounts, type TelemetryStatsResponse } from '@atrium/protocol';
import type { BucketCount } from './telemetry.repository';
import type { TelemetryRange } from './telemetry-range';

const zeros = (): TelemetryCounts => Object.fromEntries(TELEMETRY_EVENTS.map((e) => [e, 0])) as TelemetryCounts;

/** Every bucket of the range with a count for every event (zeros included), plus totals. */
export function toTelemetryStatsResponse(workflowId: string, range: TelemetryRange, counts: BucketCount[]): TelemetryStatsResponse {
  const byStart = new Map(range.starts.map((s) => [s.getTime(), zeros()]));
  const totals = zeros();
  for (const c of counts) {
    const bucket = byStart.get(c.start.getTime());
    if (!bucket) continue;
    bucket[c.event] += c.count;
    totals[c.event] += c.count;
  }
  return {
    workflow_id: workflowId,
    bucket: range.bucket,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    buckets: range.starts.map((s) => ({ start: s.toISOString(), counts: byStart.get(s.getTime()) as TelemetryCounts })),
    totals,
  };
}
