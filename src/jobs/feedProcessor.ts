/**
 * The CPU-heavy half of a poll: turning a fetched document into items (parse, normalise) and new
 * items into stored-ready ones (classify, summarise, fingerprint). The poll depends on this seam
 * only; it runs in this thread (`inThreadProcessor`) or in worker threads (jobs/feedWorkers.ts),
 * so that parsing never blocks the Discord client's event loop.
 */
import type { FeedDefinition, NormalizedItem } from '../core/types.js';
import { type ParseOptions, type ParseOutcome, parseFeedBytes } from '../feeds/parseFeed.js';
import type { PreparedItem } from '../storage/storyStore.js';
import type { Enricher } from './enrich.js';

export interface FeedProcessor {
  parse(body: Uint8Array, options: ParseOptions): Promise<ParseOutcome>;
  /** Enriches a feed's new items, in order. */
  enrich(items: readonly NormalizedItem[], feed: FeedDefinition): Promise<PreparedItem[]>;
}

/** Parses and enriches in the calling thread. */
export function inThreadProcessor(enrich: Enricher): FeedProcessor {
  return {
    parse: (body, options) => parseFeedBytes(body, options),
    async enrich(items, feed) {
      const prepared: PreparedItem[] = [];
      for (const item of items) prepared.push(await enrich(item, feed));
      return prepared;
    },
  };
}

/**
 * Uses `primary` (the workers), and `fallback` (this thread) for as long as `unavailable(error)`
 * says the primary cannot work at all — so a broken worker install degrades the bot instead of
 * failing every feed, and no feed is blamed for it.
 */
export function withFallback(
  primary: FeedProcessor,
  fallback: FeedProcessor,
  unavailable: (error: unknown) => boolean,
  onFallback: (error: Error) => void,
): FeedProcessor {
  let usePrimary = true;
  const run = async <T>(call: (p: FeedProcessor) => Promise<T>): Promise<T> => {
    if (usePrimary) {
      try {
        return await call(primary);
      } catch (error) {
        if (!unavailable(error)) throw error;
        usePrimary = false;
        onFallback(error as Error);
      }
    }
    return call(fallback);
  };
  return {
    parse: (body, options) => run((p) => p.parse(body, options)),
    enrich: (items, feed) => run((p) => p.enrich(items, feed)),
  };
}
