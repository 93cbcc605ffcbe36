/**
 * `npm run bench`: performance of the whole pipeline at scale, each target measured against its
 * baseline in the same run (these machines drift). `-- --quick` for 100,000 stories instead of
 * 1,000,000; `-- --json` prints one JSON object and nothing else on stdout.
 *
 * This process is the harness: it seeds the database, writes the feeds, measures rss-parser's
 * parse-only baseline, and serves feeds (child processes) and the fake Discord. The bot's own work
 * runs in a service process (bench/app.ts): ingest end to end → /news query shapes → a poll of
 * 300 slow feeds → matching 100 stories against 10,000 subscriptions → posting a backlog to a
 * fake Discord that enforces Discord's limits. `peakRssMb` is that process's peak resident memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { fingerprintFromLede } from '../src/core/cluster/storySimilarity.js';
import type { FeedDefinition } from '../src/core/types.js';
import { openDatabase } from '../src/storage/database.js';
import { createSqliteFeedStore } from '../src/storage/feedStore.js';
import { createSqliteStoryStore, type PreparedItem } from '../src/storage/storyStore.js';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import type { AppConfig, AppReport } from './app.js';
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
const DAY = 86_400_000;
const NOW = Date.now();
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

/** The V8 heap flags `npm start` runs the bot with: the service process gets the same. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--max-'));
}

/** Runs the service process and returns its report (its progress lines go to our stderr). */
async function runService(config: AppConfig): Promise<AppReport> {
  const child = spawn(
    process.execPath,
    [...startFlags(), join(import.meta.dirname, 'app.js'), JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the service process exited with ${code}`);
  return JSON.parse(out.trim()) as AppReport;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'policywire-bench-'));
  const children: ChildProcess[] = [];
  try {
    // ---- seed ------------------------------------------------------------------------------------
    const db = openDatabase(join(work, 'bench.db'));
    const feeds = createSqliteFeedStore(db);
    const stories = createSqliteStoryStore(db);
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
          // The last week's stories are clustering candidates, as the bot's own would be: the
          // service loads their band keys into memory on its first write.
          ...(story.item.publishedAt >= NOW - 7 * DAY
            ? { fingerprint: fingerprintFromLede(story.item.title, story.summary) }
            : {}),
        });
      }
      stories.ingest(`seed-${(n / BATCH) % 40}`, batch, { now: NOW, backlog: true });
    }
    stories.optimizeSearchIndex();
    const seedMs = performance.now() - seedStart;
    say(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);

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
    // Two more feeds of other items, which the service ingests first, unmeasured: the baseline below
    // is the best of three warm runs, so the pipeline is measured warm too (a bot runs for days).
    const WARMUP_FEEDS = 2;
    const warmRandom = prng(8);
    for (let f = INGEST_FEEDS; f < INGEST_FEEDS + WARMUP_FEEDS; f++)
      writeFileSync(join(feedDir, `${f}.xml`), generateFeedXml(warmRandom, 100 + f, PER_FEED, NOW));
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
    const seededStories = stories.count();
    db.close();

    // The poll's 300 feeds, answering after 50 ms.
    const POLL_FEEDS = 300;
    const pollDir = join(work, 'poll');
    mkdirSync(pollDir);
    const pollRandom = prng(9);
    for (let f = 0; f < POLL_FEEDS; f++)
      writeFileSync(join(pollDir, `${f}.xml`), generateFeedXml(pollRandom, 1000 + f, 20, NOW));
    const pollServer = await startFeedServer(pollDir, 50);
    children.push(pollServer.child);

    // The fake Discord the posting phase talks to: 50 requests/s global, 5 per 5 s per channel.
    const CHANNELS = args.quick ? 40 : 100;
    const fake = await startFakeDiscord();
    const guild = fake.addGuild({
      botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks'],
      channels: Array.from({ length: CHANNELS }, (_, i) => ({ name: `c${i}` })),
    });

    let service: AppReport;
    try {
      service = await runService({
        work,
        db: join(work, 'bench.db'),
        now: NOW,
        quiet: Boolean(args.json),
        ingest: { port: ingestServer.port, feeds: INGEST_FEEDS, warmupFeeds: WARMUP_FEEDS, items },
        poll: { port: pollServer.port, feeds: POLL_FEEDS, latencyMs: 50, concurrency: 8 },
        post: {
          apiUrl: fake.apiUrl,
          token: fake.token,
          guildId: guild.id,
          channelIds: Array.from({ length: CHANNELS }, (_, c) => guild.channel(`c${c}`).id),
          perChannel: 5,
        },
      });
    } finally {
      await fake.close();
    }
    const ingest = {
      ...service.ingest,
      parseOnlyItemsPerSec: Math.round(items / (parseOnlyMs / 1000)),
      seededStories,
    };
    const { query, poll, dispatch } = service;
    // Allowed: 50 requests/s globally; each channel's 5-per-5 s bucket lets its 5 go at once.
    const limitPerSec = 50;
    const post = {
      messages: service.post.messages,
      channels: CHANNELS,
      limitPerSec,
      achievedPerSec: round(service.post.messages / (service.post.postMs / 1000), 1),
      avoidable429: fake.stats.rateLimitedAvoidable,
      rateLimited: fake.stats.rateLimited,
    };
    say(
      `  ingest ${(ingest.itemsPerSec / ingest.parseOnlyItemsPerSec).toFixed(2)}× parse-only; posted ${post.achievedPerSec}/s of ${limitPerSec}/s, ${post.avoidable429} avoidable 429s`,
    );
    const peakRssMb = service.peakRssMb;
    const harnessPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const report = {
      stories: STORIES,
      seedMs: Math.round(seedMs),
      ingest,
      query,
      poll,
      dispatch,
      post,
      peakRssMb,
      harnessPeakRssMb,
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
      ['peak RSS of the service process', `${peakRssMb} MB`, '≤ 200 MB', peakRssMb <= 200],
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
