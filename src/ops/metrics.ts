/**
 * Prometheus metrics: one registry per `createMetrics()` call (never prom-client's global default
 * registry), so a process has exactly the metrics its composition root made and tests can create
 * as many as they like.
 *
 * Label cardinality is bounded on purpose: `feed` comes from the operator's feeds file, `outcome`
 * and `result` from fixed lists, `code` is normalised and capped. Nothing is ever labelled by story,
 * channel, guild, user or URL — one time series per such value would grow without limit.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isFailedOutcome, type PollReport } from '../jobs/pollFeeds.js';

/** Every metric name starts with this. */
export const METRIC_PREFIX = 'policywire_';

/** What became of one delivery attempt. `paused`: the subscription was paused (missing access, unknown channel). */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'paused';

/** Distinct Discord error codes kept as their own label value; later new ones are counted as `other`. */
export const MAX_DISCORD_ERROR_CODES = 50;

/** Poll run durations in seconds: a 304-only run takes well under a second, a slow feed up to its timeout. */
const POLL_DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/** The process's metrics and the only ways the rest of the code changes them. */
export interface Metrics {
  /** This process's registry; `/metrics` serialises it. */
  registry: Registry;
  /**
   * Records one poll run: run count by result, duration, items stored, new stories, per-feed
   * outcomes and failures, and the time of the last successful run.
   */
  recordPoll(report: PollReport): void;
  /** Counts one delivery attempt by its outcome. */
  recordDelivery(outcome: DeliveryOutcome): void;
  /** Sets the number of pending deliveries (the outbox's length). */
  setQueueDepth(n: number): void;
  /** Counts one error answer from Discord, e.g. `'429'`, `'50013'`, `'5xx'`. */
  recordDiscordError(code: string): void;
}

/**
 * Creates a fresh registry with policywire's metrics and Node's default process metrics
 * (`policywire_process_cpu_seconds_total`, `policywire_nodejs_eventloop_lag_seconds`, …).
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];

  const polls = new Counter({
    name: `${METRIC_PREFIX}polls_total`,
    help: 'Poll runs, by result: completed, or aborted (stopped early by a shutdown).',
    labelNames: ['result'] as const,
    registers,
  });
  const pollDuration = new Histogram({
    name: `${METRIC_PREFIX}poll_duration_seconds`,
    help: 'Wall-clock duration of completed poll runs, in seconds.',
    buckets: POLL_DURATION_BUCKETS,
    registers,
  });
  const itemsStored = new Counter({
    name: `${METRIC_PREFIX}items_stored_total`,
    help: 'Feed items stored (new to their feed), backlog included.',
    registers,
  });
  const newStories = new Counter({
    name: `${METRIC_PREFIX}new_stories_total`,
    help: 'New stories that may be posted (first-poll backlog excluded).',
    registers,
  });
  const feedPolls = new Counter({
    name: `${METRIC_PREFIX}feed_polls_total`,
    help: 'Feed fetches, by outcome: ok, not-modified, http-error, network-error, parse-error, store-error.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const feedFailures = new Counter({
    name: `${METRIC_PREFIX}feed_failures_total`,
    help: 'Failed feed fetches, by feed id (from the feeds file) and outcome.',
    labelNames: ['feed', 'outcome'] as const,
    registers,
  });
  const lastSuccess = new Gauge({
    name: `${METRIC_PREFIX}last_successful_poll_timestamp_seconds`,
    help: 'Unix time at which the last successful poll run finished (completed, and not every fetched feed failed). 0 before the first.',
    registers,
  });
  const deliveries = new Counter({
    name: `${METRIC_PREFIX}deliveries_total`,
    help: 'Delivery attempts, by outcome: sent, retry (kept pending), failed (given up), paused (subscription paused).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const queueDepth = new Gauge({
    name: `${METRIC_PREFIX}delivery_queue_depth`,
    help: 'Pending deliveries in the outbox.',
    registers,
  });
  const discordErrors = new Counter({
    name: `${METRIC_PREFIX}discord_errors_total`,
    help: 'Error answers from Discord, by code (HTTP status such as 429, Discord JSON code such as 50013, or 5xx; anything else: other).',
    labelNames: ['code'] as const,
    registers,
  });

  // Label values exist from the start, so a rate() over them has a zero to start from.
  for (const result of ['completed', 'aborted']) polls.inc({ result }, 0);
  for (const outcome of ['ok', 'not-modified', 'http-error', 'network-error', 'parse-error', 'store-error'])
    feedPolls.inc({ outcome }, 0);
  for (const outcome of ['sent', 'retry', 'failed', 'paused']) deliveries.inc({ outcome }, 0);
  const seenCodes = new Set<string>();

  return {
    registry,
    recordPoll(report) {
      polls.inc({ result: report.aborted ? 'aborted' : 'completed' });
      itemsStored.inc(report.newItems);
      newStories.inc(report.newStoryIds.length);
      for (const feed of report.feeds) {
        feedPolls.inc({ outcome: feed.outcome });
        if (isFailedOutcome(feed.outcome)) feedFailures.inc({ feed: feed.feedId, outcome: feed.outcome });
      }
      if (report.aborted) return;
      pollDuration.observe(Math.max(0, report.finishedAt - report.startedAt) / 1000);
      // A run in which every fetched feed failed (network down, disk full) is not a success:
      // this gauge is what an alert on "nothing polled for an hour" watches.
      const allFailed = report.feeds.length > 0 && report.failed >= report.feeds.length;
      if (!allFailed) lastSuccess.set(report.finishedAt / 1000);
    },
    recordDelivery(outcome) {
      deliveries.inc({ outcome });
    },
    setQueueDepth(n) {
      queueDepth.set(Number.isFinite(n) && n >= 0 ? n : 0);
    },
    recordDiscordError(code) {
      discordErrors.inc({ code: normaliseCode(code, seenCodes) });
    },
  };
}

/**
 * Keeps the `code` label bounded: only short numeric codes or `Nxx` classes are kept as they are,
 * and at most MAX_DISCORD_ERROR_CODES distinct ones; everything else is `other`.
 */
function normaliseCode(code: string, seen: Set<string>): string {
  const value = code.trim().toLowerCase();
  if (!/^(\d{3,6}|[1-5]xx)$/.test(value)) return 'other';
  if (seen.has(value)) return value;
  if (seen.size >= MAX_DISCORD_ERROR_CODES) return 'other';
  seen.add(value);
  return value;
}
