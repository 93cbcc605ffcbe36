/**
 * The benchmark's service process: the bot's own work (ingest, /news queries, a poll, matching,
 * posting) against a database already holding the seeded stories, in a process of its own so that
 * its peak resident memory is the bot's, not the harness's (seeding, feed servers, the fake
 * Discord). Started by bench/run.ts with one JSON argument (`AppConfig`); prints one JSON line
 * (`AppReport`) on stdout, progress on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { indexByTopic, matchStories } from '../src/core/match.js';
import type { FeedDefinition } from '../src/core/types.js';
import { createTokenPoster } from '../src/discord/poster.js';
import { fetchFeed } from '../src/feeds/fetchFeed.js';
import { createDefaultEnricher } from '../src/intelligence.js';
import { drainQueue, queueNewStories } from '../src/jobs/dispatch.js';
import { createFeedWorkers, defaultWorkerScript, workerLimitsFor } from '../src/jobs/feedWorkers.js';
import { findNews } from '../src/jobs/news.js';
import { pollFeeds } from '../src/jobs/pollFeeds.js';
import { openDatabase } from '../src/storage/database.js';
import { createSqliteDeliveryStore } from '../src/storage/deliveryStore.js';
import { createSqliteFeedStore } from '../src/storage/feedStore.js';
import { createSqliteStoryStore } from '../src/storage/storyStore.js';
import { createSqliteSubscriptionStore } from '../src/storage/subscriptionStore.js';
import { generateStory, prng } from './generate.js';

export interface AppConfig {
  work: string;
  /** The seeded database. */
  db: string;
  now: number;
  quiet: boolean;
  /** Feeds 0…feeds-1 are measured; the next warmupFeeds are ingested first, unmeasured. */
  ingest: { port: number; feeds: number; warmupFeeds: number; items: number };
  poll: { port: number; feeds: number; latencyMs: number; concurrency: number };
  post: { apiUrl: string; token: string; guildId: string; channelIds: string[]; perChannel: number };
}

const DAY = 86_400_000;
const silent = pino({ level: 'silent' });
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Peak resident set of this process in MB: VmHWM where /proc has it, else getrusage's maxrss. */
function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function main(config: AppConfig): Promise<void> {
  const NOW = config.now;
  const say = (text: string) => {
    if (!config.quiet) {
      const m = process.memoryUsage();
      process.stderr.write(
        `${text}  [service rss ${Math.round(m.rss / 1048576)} heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} ext ${Math.round(m.external / 1048576)} MB, peak ${peakRssMb()} MB]\n`,
      );
    }
  };

  // The bot's database and its story store (with its band index) only live through these phases,
  // as in the bot, which has one; the matching and posting phases use small databases of their own.
  const { ingest, query, poll } = await (async () => {
    // ---- ingest: end to end ------------------------------------------------------------------------
    const writes: number[] = [];
    /** Longest write transaction per kind (ingest chunks, prune batches). */
    const longest: Record<string, number> = {};
    const db = openDatabase(config.db);
    const feeds = createSqliteFeedStore(db);
    const stories = createSqliteStoryStore(db, {
      onWrite: (what, ms) => {
        writes.push(ms);
        longest[what] = round(Math.max(longest[what] ?? 0, ms));
      },
    });
    const feedDef = (f: number): FeedDefinition => ({
      id: `ingest-${f}`,
      name: `Ingest ${f}`,
      url: `http://127.0.0.1:${config.ingest.port}/feed/${f}`,
      kind: 'media',
      jurisdictions: [],
    });
    const enrich = createDefaultEnricher();
    // As the bot runs: PARSE_WORKERS (default 1, or as set in the environment) worker threads.
    const settings = loadConfig();
    const parseWorkers = settings.parseWorkers;
    const script = defaultWorkerScript();
    const workers =
      parseWorkers > 0 && script
        ? createFeedWorkers({
            size: parseWorkers,
            script,
            log: silent,
            resourceLimits: workerLimitsFor(settings.fetchMaxBytes),
          })
        : undefined;
    const processor = workers ? { processor: workers } : {};
    const ingestRun = (defs: FeedDefinition[]) =>
      pollFeeds({
        feeds,
        stories,
        // Only the loopback feeds: the seed outlets' hosts do not exist (they become inactive, their stories stay).
        loadFeeds: () => defs,
        fetch: (request) => fetchFeed(request),
        enrich,
        ...processor,
        clock: Date.now,
        log: silent,
        userAgent: 'policywire-bench',
        concurrency: 8,
      });
    say('ingest: warming up…');
    await ingestRun(
      Array.from({ length: config.ingest.warmupFeeds }, (_, f) => feedDef(config.ingest.feeds + f)),
    );
    writes.length = 0;
    for (const kind of Object.keys(longest)) delete longest[kind];
    say('ingest: end to end…');
    const ingestStart = performance.now();
    const ingestReport = await ingestRun(Array.from({ length: config.ingest.feeds }, (_, f) => feedDef(f)));
    const ingestMs = performance.now() - ingestStart;
    if (ingestReport.newItems !== config.ingest.items)
      throw new Error(
        `ingest stored ${ingestReport.newItems} of ${config.ingest.items} items: ${JSON.stringify(ingestReport.feeds.filter((f) => f.outcome !== 'ok'))}`,
      );
    // Pruning at this size is part of every poll run: its batches are write transactions too.
    stories.prune(NOW - 179 * DAY);
    const ingest = {
      parseWorkers: workers ? parseWorkers : 0,
      items: config.ingest.items,
      itemsPerSec: Math.round(config.ingest.items / (ingestMs / 1000)),
      storiesInDb: stories.count(),
      maxWriteTxnMs: round(Math.max(0, ...writes)),
      maxWriteTxnMsByKind: { ...longest },
    };
    say(`  ${ingest.itemsPerSec} items/s end to end, max write txn ${ingest.maxWriteTxnMs} ms`);

    // ---- /news query shapes ----------------------------------------------------------------------
    say('queries…');
    const shapes: Record<string, () => { stories: unknown[] }> = {
      topic: () => findNews(stories, { subject: 'china', limit: 5 }),
      alias: () => findNews(stories, { subject: 'pboc', limit: 5 }),
      text: () => findNews(stories, { subject: 'stablecoin issuers rules', limit: 5 }),
      textCommon: () => findNews(stories, { subject: 'crypto', limit: 5 }),
      since: () => findNews(stories, { since: NOW - 7 * DAY, limit: 5 }),
    };
    const query: { stories: number; shapes: Record<string, { p50Ms: number; p99Ms: number }> } = {
      stories: stories.count(),
      shapes: {},
    };
    for (const [name, run] of Object.entries(shapes)) {
      if (run().stories.length === 0) throw new Error(`query shape ${name} found nothing`);
      for (let i = 0; i < 20; i++) run();
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        const t = performance.now();
        run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      query.shapes[name] = { p50Ms: round(percentile(times, 50), 3), p99Ms: round(percentile(times, 99), 3) };
    }
    say(
      `  ${Object.entries(query.shapes)
        .map(([k, v]) => `${k} p99 ${v.p99Ms} ms`)
        .join(', ')}`,
    );

    // ---- a poll of 300 feeds answering after 50 ms ------------------------------------------------
    // On the same database as the bot's (1,000,000 stories), as the bot polls it.
    const { feeds: POLL_FEEDS, latencyMs: LATENCY, concurrency: CONCURRENCY } = config.poll;
    const pollDefs = Array.from(
      { length: POLL_FEEDS },
      (_, f): FeedDefinition => ({
        id: `poll-${f}`,
        name: `Poll ${f}`,
        url: `http://127.0.0.1:${config.poll.port}/feed/${f}`,
        kind: 'media',
        jurisdictions: [],
      }),
    );
    const pollDeps = {
      feeds,
      stories,
      loadFeeds: () => pollDefs,
      fetch: (request: Parameters<typeof fetchFeed>[0]) => fetchFeed(request),
      enrich,
      ...processor,
      clock: Date.now,
      log: silent,
      userAgent: 'policywire-bench',
      concurrency: CONCURRENCY,
    };
    say(`poll: ${POLL_FEEDS} feeds × ${LATENCY} ms…`);
    await pollFeeds(pollDeps); // first poll: stores the backlog
    const cpuBefore = process.cpuUsage();
    const pollStart = performance.now();
    const pollReport = await pollFeeds(pollDeps); // steady state: every feed answers, nothing new
    const cycleMs = performance.now() - pollStart;
    const cpu = process.cpuUsage(cpuBefore);
    if (pollReport.feeds.length !== POLL_FEEDS || pollReport.failed > 0)
      throw new Error(`poll: ${pollReport.failed} of ${pollReport.feeds.length} feeds failed`);
    db.close();
    await workers?.close();
    const poll = {
      feeds: POLL_FEEDS,
      latencyMs: LATENCY,
      concurrency: CONCURRENCY,
      cycleMs: Math.round(cycleMs),
      idealMs: Math.ceil(POLL_FEEDS / CONCURRENCY) * LATENCY,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    say(
      `  cycle ${poll.cycleMs} ms vs ideal ${poll.idealMs} ms (${(poll.cycleMs / poll.idealMs).toFixed(2)}×), CPU ${poll.cpuMs} ms`,
    );
    return { ingest, query, poll };
  })();

  // ---- matching 100 new stories against 10,000 subscriptions ------------------------------------
  say('dispatch: 100 stories × 10,000 subscriptions…');
  const dispatchDb = openDatabase(join(config.work, 'dispatch.db'));
  const dStories = createSqliteStoryStore(dispatchDb);
  const dSubs = createSqliteSubscriptionStore(dispatchDb);
  const dDeliveries = createSqliteDeliveryStore(dispatchDb);
  createSqliteFeedStore(dispatchDb).sync(
    [{ id: 'd', name: 'D', url: 'https://d.example/', kind: 'media', jurisdictions: [] }],
    NOW,
  );
  const topics = [
    'us',
    'eu',
    'uk',
    'china',
    'hong-kong',
    'japan',
    'south-korea',
    'singapore',
    'india',
    'uae',
    'international',
    'stablecoins',
    'cbdc',
    'tax',
    'aml',
    'securities',
    'enforcement',
    'licensing',
    'etf',
    'sanctions',
    'defi',
    'custody',
  ];
  const subRandom = prng(11);
  dispatchDb.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      dSubs.upsert(
        {
          guildId: `g${i % 2500}`,
          channelId: `c${i % 6000}`,
          topic: topics[Math.floor(subRandom() * topics.length)] as string,
          mode: i % 10 === 0 ? 'digest' : 'instant',
          digestTime: '09:00',
          timezone: 'UTC',
        },
        NOW,
      );
    }
  })();
  const newStories = dStories.ingest(
    'd',
    Array.from({ length: 100 }, (_, i) => {
      const s = generateStory(subRandom, 5_000_000 + i, NOW - 3_600_000);
      return {
        item: s.item,
        summary: s.summary,
        classification: { topics: s.topics.length ? s.topics : ['us'], policy: true, relevance: 1 },
      };
    }),
    { now: NOW, backlog: false },
  ).newStoryIds;
  const planTimes: number[] = [];
  let matches = 0;
  for (let rep = 0; rep < 20; rep++) {
    const t = performance.now();
    const loaded = dStories.byIds(newStories);
    matches = matchStories(loaded, indexByTopic(dSubs.active()), NOW).length;
    planTimes.push(performance.now() - t);
  }
  planTimes.sort((a, b) => a - b);
  const queueStart = performance.now();
  const queued = queueNewStories(
    {
      stories: dStories,
      subscriptions: dSubs,
      deliveries: dDeliveries,
      poster: { post: async () => ({ status: 'sent', messageId: null }) },
      clock: () => NOW,
      log: silent,
    },
    newStories,
  );
  const queueMs = performance.now() - queueStart;
  dispatchDb.close();
  const dispatch = {
    subscriptions: 10_000,
    newStories: 100,
    matches,
    planMs: round(percentile(planTimes, 50)),
    queueMs: round(queueMs),
    queued,
  };
  say(`  plan ${dispatch.planMs} ms (${matches} matches), queueing them ${dispatch.queueMs} ms`);

  // ---- posting a backlog to a fake that enforces Discord's limits --------------------------------
  const { channelIds, perChannel: PER_CHANNEL, guildId } = config.post;
  say(`post: ${channelIds.length * PER_CHANNEL} messages to ${channelIds.length} channels…`);
  const postDb = openDatabase(join(config.work, 'post.db'));
  const pStories = createSqliteStoryStore(postDb);
  const pSubs = createSqliteSubscriptionStore(postDb);
  const pDeliveries = createSqliteDeliveryStore(postDb);
  createSqliteFeedStore(postDb).sync(
    [{ id: 'p', name: 'P', url: 'https://p.example/', kind: 'media', jurisdictions: [] }],
    NOW,
  );
  const postRandom = prng(13);
  const postIds = pStories.ingest(
    'p',
    Array.from({ length: PER_CHANNEL }, (_, i) => {
      const s = generateStory(postRandom, 6_000_000 + i, NOW - 3_600_000);
      return {
        item: s.item,
        summary: s.summary,
        classification: { topics: ['us'], policy: true, relevance: 1 },
      };
    }),
    { now: NOW, backlog: false },
  ).newStoryIds;
  for (const channelId of channelIds) {
    const sub = pSubs.upsert({ guildId, channelId, topic: 'us', mode: 'instant' }, NOW).subscription;
    pDeliveries.enqueueMatches(
      postIds.map((storyId) => ({
        channelId,
        guildId,
        storyId,
        subscriptionId: sub.id,
        mode: 'instant' as const,
      })),
      NOW,
    );
  }
  const postStart = performance.now();
  const result = await drainQueue({
    stories: pStories,
    subscriptions: pSubs,
    deliveries: pDeliveries,
    poster: createTokenPoster(config.post.token, config.post.apiUrl),
    clock: Date.now,
    log: silent,
    concurrency: 16,
  });
  const postMs = performance.now() - postStart;
  const total = channelIds.length * PER_CHANNEL;
  if (result.sent !== total) throw new Error(`post: sent ${result.sent} of ${total}`);
  postDb.close();

  const report = { ingest, query, poll, dispatch, post: { messages: total, postMs }, peakRssMb: peakRssMb() };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

export type AppReport = {
  ingest: {
    parseWorkers: number;
    items: number;
    itemsPerSec: number;
    storiesInDb: number;
    maxWriteTxnMs: number;
  };
  query: { stories: number; shapes: Record<string, { p50Ms: number; p99Ms: number }> };
  poll: {
    feeds: number;
    latencyMs: number;
    concurrency: number;
    cycleMs: number;
    idealMs: number;
    cpuMs: number;
  };
  dispatch: {
    subscriptions: number;
    newStories: number;
    matches: number;
    planMs: number;
    queueMs: number;
    queued: number;
  };
  post: { messages: number; postMs: number };
  peakRssMb: number;
};

main(JSON.parse(process.argv[2] ?? '{}') as AppConfig).catch((error: unknown) => {
  process.stderr.write(`bench service: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
