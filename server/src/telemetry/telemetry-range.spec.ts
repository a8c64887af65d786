import { DomainError } from '../common/errors/domain-error';
import { occurredAt, telemetryRange } from './telemetry-range';

describe('telemetryRange', () => {
  const now = Date.parse('2026-11-22T10:17:00Z');

  it('defaults to the last 30 days in whole UTC days, the current day included', () => {
    const r = telemetryRange({}, now);
    expect(r.bucket).toBe('day');
    expect(r.from.toISOString()).toBe('2026-10-23T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(r.starts).toHaveLength(31);
    expect(r.starts[30].toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('widens an hour range to whole hours', () => {
    const r = telemetryRange({ from: '2026-11-22T08:30:00Z', to: '2026-11-22T10:05:00Z', bucket: 'hour' }, now);
    expect(r.starts.map((d) => d.toISOString())).toEqual(['2026-11-22T08:00:00.000Z', '2026-11-22T09:00:00.000Z', '2026-11-22T10:00:00.000Z']);
    expect(r.to.toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });

  it('refuses reversed and oversized ranges', () => {
    expect(() => telemetryRange({ from: '2026-11-22T00:00:00Z', to: '2026-11-21T00:00:00Z' }, now)).toThrow(DomainError);
    expect(() => telemetryRange({ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', bucket: 'hour' }, now)).toThrow(/at most 744/);
  });
});

describe('occurredAt', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('keeps a plausible client time and replaces future or stale ones by the arrival time', () => {
    expect(occurredAt('2026-11-22T09:59:00Z', now).toISOString()).toBe('2026-11-22T09:59:00.000Z');
    expect(occurredAt('2026-11-22T10:05:00Z', now).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(occurredAt('2026-11-10T10:00:00Z', now).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(occurredAt(undefined, now).toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });
});
