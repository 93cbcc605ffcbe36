/**
 * The composition shared by `npm start` and the `policywire` CLI: settings → database and
 * migrations → stores → pipeline. Discord is added on top by main.ts when a token is set.
 */
import type { Config } from './config.js';
import type { FeedDefinition } from './core/types.js';
import { loadFeedsFile } from './feeds/feedsFile.js';
import { type FetchFn, fetchFeed } from './feeds/fetchFeed.js';
import { createDefaultEnricher } from './intelligence.js';
import { mapConcurrent } from './jobs/concurrency.js';
import type { Enricher } from './jobs/enrich.js';
import { type FeedProcessor, inThreadProcessor, withFallback } from './jobs/feedProcessor.js';
import {
  createFeedWorkers,
  defaultWorkerScript,
  FeedWorkerStartError,
  type FeedWorkers,
  workerLimitsFor,
} from './jobs/feedWorkers.js';
import { type PollReport, pollFeeds } from './jobs/pollFeeds.js';
import type { Logger } from './log.js';
import { type Db, openDatabase } from './storage/database.js';
import { createSqliteDeliveryStore, type DeliveryStore } from './storage/deliveryStore.js';
import { createSqliteFeedStore, type FeedStore } from './storage/feedStore.js';
import { createSqliteStoryStore, type StoryStore } from './storage/storyStore.js';
import { createSqliteSubscriptionStore, type SubscriptionStore } from './storage/subscriptionStore.js';
import { createSqliteSummaryCache, createSqliteUsageStore } from './storage/summaryStore.js';
import { createOpenAiSummariser } from './summary/openAiSummariser.js';
import { createExtractiveSummariser, type Summariser } from './summary/summariser.js';

export interface App {
  config: Config;
  log: Logger;
  db: Db;
  feeds: FeedStore;
  stories: StoryStore;
  deliveries: DeliveryStore;
  subscriptions: SubscriptionStore;
  clock: () => number;
  /** Validated feed definitions from the feeds file (re-read on every call). */
  loadFeeds: () => FeedDefinition[];
  /** One poll run; `signal` stops it early. Prunes old stories afterwards. */
  poll: (signal?: AbortSignal) => Promise<PollReport>;
  close: () => void;
}

export interface AppOptions {
  fetch?: FetchFn;
  clock?: () => number;
  enrich?: Enricher;
  /** The HTTP client of the LLM summariser (tests). */
  llmFetch?: FetchFn;
  /** The compiled feed worker script (tests running from sources point at dist/). */
  workerScript?: URL;
}

/** Opens the database (running migrations) and wires the stores and the pipeline. */
export function openApp(config: Config, log: Logger, options: AppOptions = {}): App {
  const loadFeeds = () => loadFeedsFile(config.feedsFile);
  // Validate the feeds file before touching the database: a bad file starts nothing.
  loadFeeds();
  const db = openDatabase(config.dbPath);
  const feeds = createSqliteFeedStore(db);
  const stories = createSqliteStoryStore(db);
  const deliveries = createSqliteDeliveryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const clock = options.clock ?? Date.now;
  const enrich = options.enrich ?? createDefaultEnricher();
  // Parsing and enrichment in worker threads (ADR 10). They run the default enricher, so a custom
  // one (tests) and running from TypeScript sources (no compiled worker script) parse in this thread.
  const workerScript = options.workerScript ?? defaultWorkerScript();
  let workers: FeedWorkers | undefined;
  let processor: FeedProcessor | undefined;
  if (config.parseWorkers > 0 && !options.enrich && workerScript) {
    workers = createFeedWorkers({
      size: config.parseWorkers,
      script: workerScript,
      log,
      resourceLimits: workerLimitsFor(config.fetchMaxBytes),
    });
    // If the workers cannot start at all, parse here rather than fail every feed.
    processor = withFallback(
      workers,
      inThreadProcessor(enrich),
      (error) => error instanceof FeedWorkerStartError,
      (error) =>
        log.error(
          { error: error.message },
          'feed workers unavailable: parsing in the main thread until restart',
        ),
    );
  } else if (config.parseWorkers > 0) {
    log.debug('feeds are parsed in the main thread (custom enricher or no compiled worker script)');
  }
  const limits = { timeoutMs: config.fetchTimeoutMs, maxBytes: config.fetchMaxBytes };
  // The offline extractive summary is made at ingest; a model summary, when configured, replaces
  // it for new policy stories right after the poll, before they are posted.
  const llm: Summariser | undefined =
    config.summaryProvider === 'openai'
      ? createOpenAiSummariser({
          baseUrl: config.openaiBaseUrl,
          apiKey: config.openaiApiKey,
          model: config.summaryModel,
          timeoutMs: config.summaryTimeoutMs,
          dailyBudget: config.summaryDailyBudget,
          cache: createSqliteSummaryCache(db, stories),
          usage: createSqliteUsageStore(db),
          fallback: createExtractiveSummariser(),
          now: clock,
          log,
          ...(options.llmFetch ? { fetch: options.llmFetch } : {}),
        })
      : undefined;
  let closed = false;
  return {
    config,
    log,
    db,
    feeds,
    stories,
    deliveries,
    subscriptions,
    clock,
    loadFeeds,
    async poll(signal) {
      const report = await pollFeeds({
        feeds,
        stories,
        loadFeeds,
        fetch: (request) => fetchFeed(request, options.fetch),
        enrich,
        ...(processor ? { processor } : {}),
        clock,
        log,
        userAgent: config.userAgent,
        concurrency: config.pollConcurrency,
        limits,
        ...(signal ? { signal } : {}),
      });
      if (llm && !report.aborted) {
        const fresh = stories.byIds(report.newStoryIds, { body: true }).filter((s) => s.policy);
        await mapConcurrent(fresh, 4, (story) =>
          llm.summarise({ storyId: story.id, title: story.title, body: story.body ?? '' }),
        );
      }
      if (!report.aborted) {
        const now = clock();
        const pruned = stories.prune(now - config.retentionDays * 86_400_000, undefined, now);
        if (pruned > 0) log.info({ pruned, retentionDays: config.retentionDays }, 'old stories pruned');
      }
      return report;
    },
    close() {
      if (closed) return;
      closed = true;
      // Idle workers do not keep the process alive; stopping them is not worth waiting for.
      void workers?.close();
      db.close();
    },
  };
}
