/**
 * The default enricher: tagging and the policy decision from core/topics, the offline extractive
 * summary from core/summary, the clustering fingerprint from core/cluster.
 */
import { fingerprintFromLede } from './core/cluster/storySimilarity.js';
import { extractiveSummary } from './core/summary/extractiveSummary.js';
import { classify } from './core/topics/index.js';
import { createEnricher, type Enricher } from './jobs/enrich.js';

export function createDefaultEnricher(): Enricher {
  return createEnricher({
    classify,
    summarise: (input) => extractiveSummary(input),
    // The extractive summary is the lede that clustering compares: reuse it instead of finding it twice.
    fingerprint: fingerprintFromLede,
  });
}
