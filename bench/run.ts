/**
 * `npm run bench`: performance of the whole pipeline at scale, each target measured against its
 * baseline in the same run (these machines drift). `-- --quick` for 100,000 stories instead of
 * 1,000,000; `-- --json` prints one JSON object and nothing else on stdout.
 *
 * Phases: seed the database → ingest end to end vs rss-parser parse-only → /news query shapes →
 * a poll of 300 slow feeds → matching 100 stories against 10,000 subscriptions → posting a
 * backlog to a fake Discord that enforces Discord's limits. Peak RSS covers the whole run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REST } from 'discord.js';
import pino from 'pino';
import Parser from 'rss-parser';
import { indexByTopic, matchStories } from '../src/core/match.js';
import type { FeedDefinition } from '../src/core/types.js';
import { createDiscordPoster } from '../src/discord/poster.js';
import { fetchFeed } from '../src/feeds/fetchFeed.js';
import { createDefaultEnricher } from '../src/intelligence.js';
import { drainQueue, queueNewStories } from '../src/jobs/dispatch.js';
import { findNews } from '../src/jobs/news.js';
import { pollFeeds } from '../src/jobs/pollFeeds.js';
import { openDatabase } from '../src/storage/database.js';
import { createSqliteDeliveryStore } from '../src/storage/deliveryStore.js';
import { createSqliteFeedStore } from '../src/storage/feedStore.js';
import { createSqliteStoryStore, type PreparedItem } from '../src/storage/storyStore.js';
import { createSqliteSubscriptionStore } from '../src/storage/subscriptionStore.js';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import { generateFeedXml, generateStory, prng } from './generate.js';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, stories: { type: 'string' } },
  strict: true,
});
const STORIES = args.stories ? Number(args.stories) : args.quick ? 100_000 : 1_000_000;
const say = (text: string) => {
  if (!args.json)
    process.stderr.write(`${text}  [rss ${Math.round(process.memoryUsage().rss / 1048576)} MB]\n`);
};
const silent = pino({ level: 'silent' });
const DAY = 86_400_000;
const NOW = Date.now();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function startFeedServer(
  dir: string,
  latencyMs: number,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'feedServer.js'), dir, String(latencyMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
  });
  return { port, child };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'policywire-bench-'));
  const children: ChildProcess[] = [];
  try {
    // ---- seed ------------------------------------------------------------------------------------
    const writes: number[] = [];
    const db = openDatabase(join(work, 'bench.db'));
    const feeds = createSqliteFeedStore(db);
    const stories = createSqliteStoryStore(db, { onWrite: (_what, ms) => writes.push(ms) });
    const seedFeeds: FeedDefinition[] = Array.from({ length: 40 }, (_, i) => ({
      id: `seed-${i}`,
      name: `Seed outlet ${i}`,
      url: `https://seed${i}.example/feed`,
      kind: i % 3 === 0 ? 'regulator' : 'media',
      jurisdictions: [],
    }));
    feeds.sync(seedFeeds, NOW);
    say(`seeding ${STORIES.toLocaleString('en')} stories…`);
    const seedStart = performance.now();
    const random = prng(42);
    const BATCH = 2000;
    for (let n = 0; n < STORIES; n += BATCH) {
      const batch: PreparedItem[] = [];
      for (let i = n; i < Math.min(STORIES, n + BATCH); i++) {
        // Spread over the retention window, newest last.
        const story = generateStory(random, i, NOW - 180 * DAY + Math.floor((i / STORIES) * 180 * DAY));
        batch.push({
          item: story.item,
          summary: story.summary,
          classification: { topics: story.topics, policy: story.policy, relevance: story.policy ? 1 : 0 },
        });
      }
      stories.ingest(`seed-${(n / BATCH) % 40}`, batch, { now: NOW, backlog: true });
    }
    db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('optimize')");
    const seedMs = performance.now() - seedStart;
    say(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
    writes.length = 0; // seeding uses 2,000-story batches; only the pipeline's own writes count below

    // ---- ingest: end to end vs parse-only ----------------------------------------------------------
    const INGEST_FEEDS = args.quick ? 10 : 20;
    const PER_FEED = 250;
    const feedDir = join(work, 'feeds');
    mkdirSync(feedDir);
    const xmlDocs: string[] = [];
    const feedRandom = prng(7);
    for (let f = 0; f < INGEST_FEEDS; f++) {
      const xml = generateFeedXml(feedRandom, f + 1, PER_FEED, NOW);
      xmlDocs.push(xml);
      writeFileSync(join(feedDir, `${f}.xml`), xml);
    }
    const items = INGEST_FEEDS * PER_FEED;
    say(`ingest: ${items} items, parse-only baseline…`);
    const parser = new Parser();
    let parseOnlyMs = Number.POSITIVE_INFINITY;
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      for (const xml of xmlDocs) await parser.parseString(xml);
      parseOnlyMs = Math.min(parseOnlyMs, performance.now() - t);
    }
    const ingestServer = await startFeedServer(feedDir, 0);
    children.push(ingestServer.child);
    const ingestDefs: FeedDefinition[] = Array.from({ length: INGEST_FEEDS }, (_, f) => ({
      id: `ingest-${f}`,
      name: `Ingest ${f}`,
      url: `http://127.0.0.1:${ingestServer.port}/feed/${f}`,
      kind: 'media',
      jurisdictions: [],
    }));
    const enrich = createDefaultEnricher();
    say('ingest: end to end…');
    const ingestStart = performance.now();
    const ingestReport = await pollFeeds({
      feeds,
      stories,
      // Only the loopback feeds: the seed outlets' hosts do not exist (they become inactive, their stories stay).
      loadFeeds: () => ingestDefs,
      fetch: (request) => fetchFeed(request),
      enrich,
      clock: Date.now,
      log: silent,
      userAgent: 'policywire-bench',
      concurrency: 8,
    });
    const ingestMs = performance.now() - ingestStart;
    if (ingestReport.newItems !== items)
      throw new Error(
        `ingest stored ${ingestReport.newItems} of ${items} items: ${JSON.stringify(ingestReport.feeds.filter((f) => f.outcome !== 'ok'))}`,
      );
    // Pruning at this size is part of every poll run: its batches are write transactions too.
    stories.prune(NOW - 179 * DAY);
    const ingest = {
      items,
      itemsPerSec: Math.round(items / (ingestMs / 1000)),
      parseOnlyItemsPerSec: Math.round(items / (parseOnlyMs / 1000)),
      storiesInDb: stories.count(),
      maxWriteTxnMs: round(Math.max(0, ...writes)),
    };
    say(
      `  ${ingest.itemsPerSec} items/s end to end, ${ingest.parseOnlyItemsPerSec} items/s parse-only (${(ingest.itemsPerSec / ingest.parseOnlyItemsPerSec).toFixed(2)}×), max write txn ${ingest.maxWriteTxnMs} ms`,
    );

    // ---- /news query shapes ----------------------------------------------------------------------
    say('queries…');
    const shapes: Record<string, () => unknown> = {
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
      const found = run() as { stories: unknown[] };
      if (found.stories.length === 0) throw new Error(`query shape ${name} found nothing`);
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
    const POLL_FEEDS = 300;
    const LATENCY = 50;
    const CONCURRENCY = 8;
    const pollDir = join(work, 'poll');
    mkdirSync(pollDir);
    const pollRandom = prng(9);
    for (let f = 0; f < POLL_FEEDS; f++)
      writeFileSync(join(pollDir, `${f}.xml`), generateFeedXml(pollRandom, 1000 + f, 20, NOW));
    const pollServer = await startFeedServer(pollDir, LATENCY);
    children.push(pollServer.child);
    const pollDb = openDatabase(join(work, 'poll.db'));
    const pollDeps = {
      feeds: createSqliteFeedStore(pollDb),
      stories: createSqliteStoryStore(pollDb),
      loadFeeds: () =>
        Array.from(
          { length: POLL_FEEDS },
          (_, f): FeedDefinition => ({
            id: `poll-${f}`,
            name: `Poll ${f}`,
            url: `http://127.0.0.1:${pollServer.port}/feed/${f}`,
            kind: 'media',
            jurisdictions: [],
          }),
        ),
      fetch: (request: Parameters<typeof fetchFeed>[0]) => fetchFeed(request),
      enrich,
      clock: Date.now,
      log: silent,
      userAgent: 'policywire-bench',
      concurrency: CONCURRENCY,
    };
    say('poll: 300 feeds × 50 ms…');
    await pollFeeds(pollDeps); // first poll: stores the backlog
    const cpuBefore = process.cpuUsage();
    const pollStart = performance.now();
    const pollReport = await pollFeeds(pollDeps); // steady state: every feed answers, nothing new
    const cycleMs = performance.now() - pollStart;
    const cpu = process.cpuUsage(cpuBefore);
    if (pollReport.feeds.length !== POLL_FEEDS || pollReport.failed > 0)
      throw new Error(`poll: ${pollReport.failed} of ${pollReport.feeds.length} feeds failed`);
    pollDb.close();
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

    // ---- matching 100 new stories against 10,000 subscriptions ------------------------------------
    say('dispatch: 100 stories × 10,000 subscriptions…');
    const dispatchDb = openDatabase(join(work, 'dispatch.db'));
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
    const insertSubs = dispatchDb.transaction(() => {
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
    });
    insertSubs();
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
    const CHANNELS = args.quick ? 40 : 100;
    const PER_CHANNEL = 5;
    say(`post: ${CHANNELS * PER_CHANNEL} messages to ${CHANNELS} channels…`);
    const fake = await startFakeDiscord();
    const guild = fake.addGuild({
      botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
      channels: Array.from({ length: CHANNELS }, (_, i) => ({ name: `c${i}` })),
    });
    const postDb = openDatabase(join(work, 'post.db'));
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
    for (let c = 0; c < CHANNELS; c++) {
      const channelId = guild.channel(`c${c}`).id;
      const sub = pSubs.upsert(
        { guildId: guild.id, channelId, topic: 'us', mode: 'instant' },
        NOW,
      ).subscription;
      pDeliveries.enqueueMatches(
        postIds.map((storyId) => ({
          channelId,
          guildId: guild.id,
          storyId,
          subscriptionId: sub.id,
          mode: 'instant' as const,
        })),
        NOW,
      );
    }
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const postStart = performance.now();
    const result = await drainQueue({
      stories: pStories,
      subscriptions: pSubs,
      deliveries: pDeliveries,
      poster: createDiscordPoster(rest),
      clock: Date.now,
      log: silent,
      concurrency: 16,
    });
    const postMs = performance.now() - postStart;
    const total = CHANNELS * PER_CHANNEL;
    if (result.sent !== total) throw new Error(`post: sent ${result.sent} of ${total}`);
    // Allowed: 50 requests/s globally; each channel's 5-per-5 s bucket lets its 5 go at once.
    const limitPerSec = 50;
    const post = {
      messages: total,
      channels: CHANNELS,
      limitPerSec,
      achievedPerSec: round(total / (postMs / 1000), 1),
      avoidable429: fake.stats.rateLimitedAvoidable,
      rateLimited: fake.stats.rateLimited,
    };
    await fake.close();
    postDb.close();
    say(`  ${post.achievedPerSec}/s of ${limitPerSec}/s allowed, ${post.avoidable429} avoidable 429s`);

    db.close();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const report = {
      stories: STORIES,
      seedMs: Math.round(seedMs),
      ingest,
      query,
      poll,
      dispatch,
      post,
      peakRssMb,
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    const rows: Array<[string, string, string, boolean]> = [
      [
        'ingest end to end vs parse-only',
        `${ingest.itemsPerSec} vs ${ingest.parseOnlyItemsPerSec} items/s = ${(ingest.itemsPerSec / ingest.parseOnlyItemsPerSec).toFixed(2)}×`,
        '≥ 0.35×',
        ingest.itemsPerSec >= 0.35 * ingest.parseOnlyItemsPerSec,
      ],
      ['longest write transaction', `${ingest.maxWriteTxnMs} ms`, '≤ 50 ms', ingest.maxWriteTxnMs <= 50],
      ...Object.entries(query.shapes).map(([k, v]): [string, string, string, boolean] => [
        `/news ${k} p99 (p50)`,
        `${v.p99Ms} ms (${v.p50Ms} ms)`,
        '≤ 5 ms',
        v.p99Ms <= 5,
      ]),
      [
        'poll of 300 feeds × 50 ms',
        `${poll.cycleMs} ms vs ideal ${poll.idealMs} ms = ${(poll.cycleMs / poll.idealMs).toFixed(2)}×`,
        '≤ 1.4×',
        poll.cycleMs <= 1.4 * poll.idealMs,
      ],
      ['match 100 stories × 10,000 subscriptions', `${dispatch.planMs} ms`, '≤ 50 ms', dispatch.planMs <= 50],
      [
        'post backlog',
        `${post.achievedPerSec}/s of ${limitPerSec}/s, ${post.avoidable429} avoidable 429`,
        '≥ 90 %, 0',
        post.achievedPerSec >= 0.9 * limitPerSec && post.avoidable429 === 0,
      ],
      ['peak RSS', `${peakRssMb} MB`, '≤ 200 MB', peakRssMb <= 200],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    const v = Math.max(...rows.map((r) => r[1].length));
    process.stdout.write(
      `\npolicywire benchmark — ${STORIES.toLocaleString('en')} stories in the database (seeded in ${(seedMs / 1000).toFixed(0)} s)\n\n`,
    );
    for (const [name, value, target, ok] of rows)
      process.stdout.write(
        `${name.padEnd(w)}  ${value.padEnd(v)}  ${target.padEnd(10)}  ${ok ? 'ok' : 'MISSED'}\n`,
      );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
