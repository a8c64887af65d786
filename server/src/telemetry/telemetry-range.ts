import type { TelemetryBucket } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const BUCKET_MS: Readonly<Record<TelemetryBucket, number>> = { hour: HOUR_MS, day: DAY_MS };
/** Most buckets one stats request may span: a year of days, a month of hours. */
export const MAX_BUCKETS: Readonly<Record<TelemetryBucket, number>> = { day: 366, hour: 31 * 24 };
/** Range when `from` is not given: the last 30 days, or the last 24 hours. */
const DEFAULT_SPAN_MS: Readonly<Record<TelemetryBucket, number>> = { day: 30 * DAY_MS, hour: DAY_MS };

export interface TelemetryRange {
  bucket: TelemetryBucket;
  /** Start of the first bucket (UTC bucket boundary). */
  from: Date;
  /** End of the last bucket, exclusive (UTC bucket boundary). */
  to: Date;
  /** Start of every bucket, in order. */
  starts: Date[];
}

/** Rounds down to a UTC bucket boundary (hours and days both divide the epoch evenly). */
const floor = (t: number, size: number) => Math.floor(t / size) * size;
const ceil = (t: number, size: number) => Math.ceil(t / size) * size;

/**
 * The buckets of a stats request: `from`/`to` widened to whole UTC buckets (`to`
 * defaults to now, `from` to 30 days / 24 hours before `to`). Refuses an empty or
 * reversed range and one with more than MAX_BUCKETS buckets (400 request.invalid).
 */
export function telemetryRange(query: { from?: string; to?: string; bucket?: TelemetryBucket }, now = Date.now()): TelemetryRange {
  const bucket = query.bucket ?? 'day';
  const size = BUCKET_MS[bucket];
  const toMs = query.to === undefined ? now : Date.parse(query.to);
  const fromMs = query.from === undefined ? toMs - DEFAULT_SPAN_MS[bucket] : Date.parse(query.from);
  if (!(fromMs < toMs)) throw DomainError.invalid([{ field: 'from', message: 'must be before to' }], 'The range is empty: from must be before to.');
  const from = floor(fromMs, size);
  const to = Math.max(ceil(toMs, size), from + size);
  const count = (to - from) / size;
  if (count > MAX_BUCKETS[bucket]) {
    throw DomainError.invalid(
      [{ field: 'from', message: `the range spans ${count} ${bucket}s; at most ${MAX_BUCKETS[bucket]} are allowed` }],
      `The range is too long for ${bucket} buckets (at most ${MAX_BUCKETS[bucket]}).`,
    );
  }
  const starts: Date[] = [];
  for (let t = from; t < to; t += size) starts.push(new Date(t));
  return { bucket, from: new Date(from), to: new Date(to), starts };
}

/** How far back a client's `at` may lie before the server uses its own clock instead. */
export const MAX_CLIENT_AGE_MS = DAY_MS;

/**
 * When an event happened: the client's `at` if it is plausible (not in the future and
 * at most a day old — clocks on laptops drift), else the time it arrived.
 */
export function occurredAt(at: string | undefined, now = Date.now()): Date {
  if (at === undefined) return new Date(now);
  const t = Date.parse(at);
  return Number.isFinite(t) && t <= now && now - t <= MAX_CLIENT_AGE_MS ? new Date(t) : new Date(now);
}
