/**
 * One poll run: sync the feeds file, fetch every due feed concurrently, parse, enrich, store.
 * Each feed fails alone and its status is recorded; the run itself only fails on a fatal error.
 */
import type { FeedDefinition } from '../core/types.js';
import type { FetchRequest, FetchResult } from '../feeds/fetchFeed.js';
import type { Logger } from '../log.js';
import type { FeedState, FeedStore, SyncReport } from '../storage/feedStore.js';
import type { PreparedItem, StoryStore } from '../storage/storyStore.js';
import { nextPollAfterFailure } from './backoff.js';
import { mapConcurrent } from './concurrency.js';
import type { Enricher } from './enrich.js';
import { type FeedProcessor, inThreadProcessor } from './feedProcessor.js';

/** Items stored per write transaction: ~7 ms typically, so that a slow commit (FTS5 merging its segments) or a GC pause still keeps the longest under 50 ms. */
const INGEST_CHUNK = 25;

export type FeedOutcome =
  | 'ok'
  | 'not-modified'
  | 'http-error'
  | 'network-error'
  | 'parse-error'
  | 'store-error';

/** Outcomes that count as the feed failing (everything but a good answer or a 304). */
export function isFailedOutcome(outcome: FeedOutcome): boolean {
  return outcome !== 'ok' && outcome !== 'not-modified';
}

export interface FeedPollResult {
  feedId: string;
  name: string;
  outcome: FeedOutcome;
  /** Items stored by this run (new to this feed). */
  newItems: number;
  /** Stories that may be posted (new, not backlog). */
  newStoryIds: number[];
  /** True when this was the feed's first successful poll: its items are backlog. */
  baseline: boolean;
  error?: string;
  durationMs: number;
}

export interface PollReport {
  startedAt: number;
  finishedAt: number;
  sync: SyncReport;
  feeds: FeedPollResult[];
  newItems: number;
  newStoryIds: number[];
  failed: number;
  /** True when the run was stopped early (shutdown); feeds not reached were left for the next run. */
  aborted: boolean;
}

export interface PollDeps {
  feeds: FeedStore;
  stories: StoryStore;
  /** Loads the feeds file; called at the start of every run so edits apply without a restart. */
  loadFeeds: () => FeedDefinition[];
  fetch: (request: FetchRequest) => Promise<FetchResult>;
  enrich: Enricher;
  /** Where parsing and enrichment run (worker threads, jobs/feedWorkers.ts); default: this thread, with `enrich`. */
  processor?: FeedProcessor;
  clock: () => number;
  log: Logger;
  userAgent: string;
  concurrency: number;
  limits?: FetchRequest['limits'];
  /** Stops the run: in-flight fetches are aborted, nothing new starts. */
  signal?: AbortSignal;
  random?: () => number;
}

/** Runs one poll over every due feed. Throws only when the feeds file or the database is unusable. */
export async function pollFeeds(deps: PollDeps): Promise<PollReport> {
  const startedAt = deps.clock();
  const definitions = deps.loadFeeds();
  const sync = deps.feeds.sync(definitions, startedAt);
  if (sync.added.length + sync.updated.length + sync.deactivated.length + sync.reactivated.length > 0) {
    deps.log.info({ ...sync }, 'feeds synced');
  }
  const due = deps.feeds.due(startedAt);
  const processor = deps.processor ?? inThreadProcessor(deps.enrich);
  const results = await mapConcurrent(due, deps.concurrency, (feed) => pollOne(feed, deps, processor));
  const feeds = results.filter((r): r is FeedPollResult => r !== undefined);
  const report: PollReport = {
    startedAt,
    finishedAt: deps.clock(),
    sync,
    feeds,
    newItems: feeds.reduce((n, r) => n + r.newItems, 0),
    newStoryIds: feeds.flatMap((r) => r.newStoryIds),
    failed: feeds.filter((r) => isFailedOutcome(r.outcome)).length,
    aborted: deps.signal?.aborted ?? false,
  };
  deps.log.info(
    {
      feeds: feeds.length,
      failed: report.failed,
      newItems: report.newItems,
      newStories: report.newStoryIds.length,
      ms: report.finishedAt - startedAt,
    },
    'poll run finished',
  );
  return report;
}

async function pollOne(
  feed: FeedState,
  deps: PollDeps,
  processor: FeedProcessor,
): Promise<FeedPollResult | undefined> {
  if (deps.signal?.aborted) return undefined;
  const log = deps.log.child({ feedId: feed.id });
  const started = deps.clock();
  const base = {
    feedId: feed.id,
    name: feed.name,
    newItems: 0,
    newStoryIds: [] as number[],
    baseline: !feed.baselineDone,
  };
  const fail = (outcome: FeedOutcome, error: string, retryAfterMs: number | null = null): FeedPollResult => {
    const now = deps.clock();
    deps.feeds.recordFailure(feed.id, {
      now,
      error,
      nextPollAt: nextPollAfterFailure(now, feed.consecutiveFailures + 1, retryAfterMs, deps.random),
    });
    log.warn({ outcome, error, failures: feed.consecutiveFailures + 1 }, 'feed failed');
    return { ...base, outcome, error, durationMs: now - started };
  };

  const fetched = await deps.fetch({
    url: feed.url,
    userAgent: deps.userAgent,
    etag: feed.etag,
    lastModified: feed.lastModified,
    limits: deps.limits,
    signal: deps.signal,
  });
  // A shutdown abort is not the feed's fault: leave its state as it was.
  if (deps.signal?.aborted) return undefined;
  if (fetched.status === 'not-modified') {
    const now = deps.clock();
    deps.feeds.recordNotModified(feed.id, {
      now,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      nextPollAt: now,
    });
    log.debug('not modified');
    return { ...base, baseline: false, outcome: 'not-modified', durationMs: now - started };
  }
  if (fetched.status === 'http-error') return fail('http-error', fetched.message, fetched.retryAfterMs);
  if (fetched.status === 'network-error') return fail('network-error', fetched.message);

  // Stopping: leave the rest for the next run rather than queue more parsing behind the worker.
  if (deps.signal?.aborted) return undefined;
  let parsed: Awaited<ReturnType<FeedProcessor['parse']>>;
  try {
    parsed = await processor.parse(fetched.body, {
      contentType: fetched.contentType,
      baseUrl: fetched.finalUrl,
      now: deps.clock(),
      ...(deps.limits?.maxBytes !== undefined ? { maxBytes: deps.limits.maxBytes } : {}),
    });
  } catch (error) {
    // The worker parsing it died (out of memory, too slow): this document is the cause. (Workers
    // that cannot start at all fall back to this thread before this: see app.ts.)
    return fail('parse-error', (error as Error).message);
  }
  if (!parsed.ok) return fail('parse-error', parsed.reason);

  const backlog = !feed.baselineDone;
  let unknown: Set<string>;
  try {
    unknown = deps.stories.unknownKeys(
      feed.id,
      parsed.feed.items.map((i) => i.key),
    );
  } catch (error) {
    return fail('store-error', (error as Error).message);
  }
  const seen = new Set<string>();
  const fresh = parsed.feed.items.filter((i) => unknown.has(i.key) && !seen.has(i.key) && seen.add(i.key));
  if (deps.signal?.aborted) return undefined;
  let prepared: PreparedItem[];
  try {
    prepared = await processor.enrich(fresh, feed);
  } catch (error) {
    return fail('parse-error', `items could not be enriched: ${(error as Error).message}`);
  }
  try {
    const now = deps.clock();
    // Bounded write transactions: a feed of hundreds of items is stored a chunk at a time. Each
    // chunk is atomic and items are unique per feed, so a crash between chunks loses nothing
    // committed and the next run (which refetches: the validators are saved last) stores the rest.
    const stored = { newItems: 0, newStoryIds: [] as number[] };
    for (let i = 0; i < prepared.length; i += INGEST_CHUNK) {
      const chunk = deps.stories.ingest(feed.id, prepared.slice(i, i + INGEST_CHUNK), { now, backlog });
      stored.newItems += chunk.newItems;
      stored.newStoryIds.push(...chunk.newStoryIds);
      // A wrong merge hides a story from readers: every similarity merge is logged for review.
      for (const m of chunk.merged)
        log.info({ storyId: m.storyId, title: m.title }, 'item joined a similar story from another outlet');
    }
    deps.feeds.recordSuccess(feed.id, {
      now,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      nextPollAt: now,
    });
    log.info(
      {
        items: parsed.feed.items.length,
        newItems: stored.newItems,
        newStories: stored.newStoryIds.length,
        backlog,
        repaired: parsed.feed.repaired || undefined,
      },
      'feed polled',
    );
    return {
      ...base,
      outcome: 'ok',
      newItems: stored.newItems,
      newStoryIds: stored.newStoryIds,
      durationMs: now - started,
    };
  } catch (error) {
    // A database error on one feed (disk full, locked too long) is recorded like any failure;
    // the transaction rolled back, so the next run retries the same items.
    return fail('store-error', (error as Error).message);
  }
}
