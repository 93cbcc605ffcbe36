/**
 * Enrichment: what the intelligence layer adds to a cleaned item before it is stored
 * (classification and summary). The pipeline depends on this seam only.
 */
import type { StoryFingerprint } from '../core/cluster/storySimilarity.js';
import type { Classification, FeedDefinition, NormalizedItem, StoryText } from '../core/types.js';
import type { PreparedItem } from '../storage/storyStore.js';

export type Enricher = (item: NormalizedItem, feed: FeedDefinition) => Promise<PreparedItem>;

export interface EnricherParts {
  classify: (text: StoryText) => Classification;
  summarise: (input: { title: string; body: string; language?: string }) => string | Promise<string>;
  /** Computes the clustering fingerprint from the title and the summary (the lede); without it, stories only merge by URL. */
  fingerprint?: (title: string, summary: string) => StoryFingerprint;
}

/** Builds the enricher from a classifier and a summariser. */
export function createEnricher(parts: EnricherParts): Enricher {
  return async (item, feed) => {
    const text: StoryText = {
      title: item.title,
      body: item.body,
      categories: item.categories,
      feed: { kind: feed.kind, jurisdictions: feed.jurisdictions, language: feed.language },
    };
    const classification = parts.classify(text);
    const summary = await parts.summarise({
      title: item.title,
      body: item.body,
      ...(feed.language ? { language: feed.language } : {}),
    });
    const fingerprint = parts.fingerprint?.(item.title, summary);
    return { item, summary, classification, ...(fingerprint ? { fingerprint } : {}) };
  };
}
