import { MemoryThrottlerStorage } from './memory-throttler-storage';

describe('MemoryThrottlerStorage', () => {
  const storage = new MemoryThrottlerStorage();
  afterAll(() => storage.close());

  it('counts hits in a window and blocks the hit after the limit until the block ends', () => {
    const t0 = 1_000_000;
    for (let i = 1; i <= 3; i++) expect(storage.hit('a', 60_000, 3, 60_000, t0 + i)).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    expect(storage.hit('a', 60_000, 3, 60_000, t0 + 10)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(storage.hit('a', 60_000, 3, 60_000, t0 + 30_010)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    // The block has run out: counting starts again.
    expect(storage.hit('a', 60_000, 3, 60_000, t0 + 60_011)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window after the ttl and keeps keys apart', () => {
    const t0 = 5_000_000;
    storage.hit('b', 1_000, 2, 1_000, t0);
    storage.hit('b', 1_000, 2, 1_000, t0 + 1);
    expect(storage.hit('c', 1_000, 2, 1_000, t0 + 2)).toMatchObject({ totalHits: 1 });
    expect(storage.hit('b', 1_000, 2, 1_000, t0 + 1_001)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('sweeps idle windows', () => {
    const s = new MemoryThrottlerStorage();
    s.hit('x', 1_000, 5, 1_000, 0);
    s.hit('y', 1_000, 1, 5_000, 0);
    s.hit('y', 1_000, 1, 5_000, 1);
    s.sweep(2_000);
    expect(s.size).toBe(1); // y is still blocked
    s.sweep(6_000);
    expect(s.size).toBe(0);
    s.close();
  });
});
