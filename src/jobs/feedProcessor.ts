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
