import { describe, expect, it } from 'vitest';
import { BandIndex, bandHash } from '../../../src/core/cluster/bandIndex.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const all = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY, perBand: 32, limit: 8 };

describe('bandHash', () => {
  it('is a stable 32-bit hash that is never 0 (0 marks an empty slot)', () => {
    expect(bandHash('1/3:1x9k2a')).toBe(bandHash('1/3:1x9k2a'));
    expect(bandHash('1/3:1x9k2a')).not.toBe(bandHash('1/3:1x9k2b'));
    for (let i = 0; i < 10_000; i++) {
      const h = bandHash(`k${i}`);
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('BandIndex', () => {
  it('ranks stories by shared keys, then newest id', () => {
    const index = new BandIndex(WEEK);
    index.add(1, T0, [10, 11, 12]);
    index.add(2, T0, [10, 11]);
    index.add(3, T0, [10]);
    index.add(4, T0, [99]);
    expect(index.candidates([10, 11, 12, 13], all)).toEqual([1, 2, 3]);
    expect(index.candidates([10, 11, 12], { ...all, limit: 2 })).toEqual([1, 2]);
    expect(index.candidates([13, 14], all)).toEqual([]);
    // A key listed twice counts once: 1 and 2 tie on two keys, the newer id first.
    expect(index.candidates([10, 10, 10, 11], all)).toEqual([2, 1, 3]);
  });

  it('only counts stories published within the window', () => {
    const index = new BandIndex(WEEK);
    index.add(1, T0 - 4 * DAY, [10]);
    index.add(2, T0, [10]);
    index.add(3, T0 + 4 * DAY, [10]);
    index.add(4, T0 + DAY, [20]);
    expect(index.candidates([10, 20], { ...all, from: T0 - 3 * DAY, to: T0 + 3 * DAY })).toEqual([4, 2]);
  });

  it('takes only the newest stories of a common key, whatever order they were added in', () => {
    const index = new BandIndex(WEEK);
    const order = Array.from({ length: 100 }, (_, i) => i + 1).sort(
      (a, b) => ((a * 37) % 101) - ((b * 37) % 101),
    );
    for (const id of order) index.add(id, T0 + id * 60_000, [7]);
    // Newest 5 in the window: the window ends at story 60's time.
    expect(index.candidates([7], { ...all, to: T0 + 60 * 60_000, perBand: 5 }).sort((a, b) => a - b)).toEqual(
      [56, 57, 58, 59, 60],
    );
    expect(index.size).toBe(100);
  });

  it('keeps every entry as it grows, and adding the same story twice is one entry', () => {
    const index = new BandIndex(WEEK);
    for (let id = 1; id <= 20_000; id++) index.add(id, T0, [bandHash(`a${id}`), bandHash(`b${id % 100}`)]);
    index.add(5, T0, [bandHash('a5')]);
    expect(index.size).toBe(40_000);
    expect(index.candidates([bandHash('a12345')], all)).toEqual([12345]);
    // 12345 shares two keys when every story of b45 counts (perBand 500)…
    expect(index.candidates([bandHash('a12345'), bandHash('b45')], { ...all, perBand: 500 })[0]).toBe(12345);
    // …but with the default 32, only b45's newest stories count, and 12345 is not among them.
    expect(index.candidates([bandHash('b45')], all)).toEqual([
      19945, 19845, 19745, 19645, 19545, 19445, 19345, 19245,
    ]);
    expect(index.maxStoryId).toBe(20_000);
  });

  it('drops entries older than the retention when time moves on', () => {
    const index = new BandIndex(WEEK);
    index.add(1, T0, [10, 11]);
    index.add(2, T0 + 5 * DAY, [10]);
    index.expire(T0 + 6 * DAY);
    expect(index.size).toBe(3);
    index.expire(T0 + 8 * DAY);
    expect(index.size).toBe(1);
    expect(index.candidates([10, 11], all)).toEqual([2]);
    // Still usable after the rebuild.
    index.add(3, T0 + 8 * DAY, [11]);
    expect(index.candidates([10, 11], all)).toEqual([3, 2]);
  });
});
