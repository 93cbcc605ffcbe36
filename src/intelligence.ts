/**
 * The default enricher: tagging and the policy decision from core/topics, the offline extractive
 * summary from core/summary.
 */
import { truncate } from './core/text.js';
import { createEnricher, type Enricher } from './jobs/enrich.js';

// Interim until the topic classifier lands: the feed's own jurisdictions, every story counted as
// policy, and the lede as summary.
export function createDefaultEnricher(): Enricher {
  return createEnricher({
    classify: (text) => ({ topics: [...text.feed.jurisdictions], policy: true, relevance: 0 }),
    summarise: ({ title, body }) => truncate(body || title, 300),
  });
}
