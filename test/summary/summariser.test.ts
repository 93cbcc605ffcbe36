import { describe, expect, it } from 'vitest';
import {
  createExtractiveSummariser,
  createMemorySummaryCache,
  createMemoryUsageStore,
} from '../../src/summary/summariser.js';
import { xiBlockchainItem, xiBlockchainSummary } from '../core/summary/fixtures/xiBlockchain.js';

describe('createExtractiveSummariser', () => {
  it('summarises offline with the extractive summariser', async () => {
    const summariser = createExtractiveSummariser();
    expect(summariser.name).toBe('extractive');
    expect(await summariser.summarise({ storyId: 1, ...xiBlockchainItem, language: 'en' })).toBe(
      xiBlockchainSummary,
    );
  });
});

describe('memory stores', () => {
  it('cache returns what was set, per story', () => {
    const cache = createMemorySummaryCache();
    expect(cache.get(1)).toBeUndefined();
    cache.set(1, 'one');
    cache.set(2, 'two');
    expect(cache.get(1)).toBe('one');
    expect(cache.get(2)).toBe('two');
  });

  it('usage store counts per day', () => {
    const usage = createMemoryUsageStore();
    usage.increment('2024-05-23');
    usage.increment('2024-05-23');
    usage.increment('2024-05-24');
    expect(usage.usedOn('2024-05-23')).toBe(2);
    expect(usage.usedOn('2024-05-24')).toBe(1);
    expect(usage.usedOn('2024-05-25')).toBe(0);
  });
});
