import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/feeds/fetchFeed.js';
import { createDefaultEnricher } from '../../src/intelligence.js';
import { BACKOFF_CAP_MS } from '../../src/jobs/backoff.js';
import { inThreadProcessor } from '../../src/jobs/feedProcessor.js';
import { pollFeeds } from '../../src/jobs/pollFeeds.js';
import { openDatabase } from '../../src/storage/database.js';
import { createSqliteFeedStore } from '../../src/storage/feedStore.js';
import { createSqliteStoryStore } from '../../src/storage/storyStore.js';
import { type FeedServer, rss, startFeedServer } from '../helpers/feedServer.js';
import { fixture } from '../helpers/fixtures.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let server: FeedServer;
let app: TestApp | undefined;
let now = Date.parse('2025-11-20T12:00:00Z');
const clock = () => now;

beforeEach(async () => {
  server = await startFeedServer();
  now = Date.parse('2025-11-20T12:00:00Z');
});
afterEach(async () => {
  app?.cleanup();
  app = undefined;
  await server.close();
});

describe('pollFeeds', () => {
  it('stores the first poll as backlog and counts only later items as new', async () => {
    server.route('/sec.xml', { body: fixture('feeds/sec-press.xml') });
    app = createTestApp(
      [{ id: 'sec-press', url: server.url('/sec.xml'), kind: 'regulator', jurisdictions: ['us'] }],
      { clock },
    );
    const first = await app.poll();
    expect(first.feeds[0]).toMatchObject({
      feedId: 'sec-press',
      outcome: 'ok',
      newItems: 3,
      baseline: true,
      newStoryIds: [],
    });
    expect(app.stories.news({ limit: 10, policyOnly: false }).every((s) => s.backlog)).toBe(true);

    const doc = fixture('feeds/sec-press.xml')
      .toString()
      .replace(
        '<item>',
        '<item><title>SEC Approves New Crypto Rule</title><link>https://www.sec.gov/newsroom/press-releases/2025-102</link><guid isPermaLink="false">2025-102</guid><pubDate>Thu, 20 Nov 2025 10:00:00 -0500</pubDate></item><item>',
      );
    server.route('/sec.xml', { body: doc });
    now += 600_000;
    const second = await app.poll();
    expect(second.feeds[0]).toMatchObject({ outcome: 'ok', newItems: 1, baseline: false });
    expect(second.newStoryIds).toHaveLength(1);
    const [story] = app.stories.byIds(second.newStoryIds);
    expect(story).toMatchObject({
      title: 'SEC Approves New Crypto Rule',
      backlog: false,
      sources: ['sec-press'],
    });
  });

  it('makes one story of the same article under utm-tagged URLs from two feeds', async () => {
    const a = rss([
      {
        title: 'MiCA enters into force',
        link: 'https://news.example/mica?utm_source=feed-a',
        guid: 'a-1',
        pubDate: 'Thu, 20 Nov 2025 09:00:00 GMT',
      },
    ]);
    const b = rss([
      {
        title: 'MiCA enters into force',
        link: 'https://news.example/mica?utm_source=feed-b&utm_medium=rss#top',
        guid: 'b-9',
        pubDate: 'Thu, 20 Nov 2025 09:05:00 GMT',
      },
    ]);
    server.route('/a.xml', { body: a });
    server.route('/b.xml', { body: b });
    app = createTestApp(
      [
        { id: 'feed-a', url: server.url('/a.xml') },
        { id: 'feed-b', url: server.url('/b.xml') },
      ],
      { clock },
    );
    await app.poll();
    const stories = app.stories.news({ limit: 10, policyOnly: false });
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({
      url: 'https://news.example/mica',
      sources: expect.arrayContaining(['feed-a', 'feed-b']),
    });
  });

  it('uses conditional GET on the next poll, and a 304 changes nothing', async () => {
    const body = fixture('feeds/sec-press.xml');
    server.route('/c.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"abc"', 'content-type': 'application/rss+xml' }).end(body);
    });
    app = createTestApp([{ id: 'c', url: server.url('/c.xml') }], { clock });
    await app.poll();
    now += 600_000;
    const second = await app.poll();
    expect(second.feeds[0]).toMatchObject({ outcome: 'not-modified', newItems: 0 });
    expect(server.hits('/c.xml').at(-1)?.headers['if-none-match']).toBe('"abc"');
    expect(app.feeds.get('c')).toMatchObject({ status: 'ok', etag: '"abc"' });
  });

  it('records each failing feed with its error and never lets it stop the others', async () => {
    server.route('/ok.xml', { body: fixture('feeds/sec-press.xml') });
    server.route('/html', {
      body: fixture('feeds/not-a-feed.html'),
      headers: { 'content-type': 'text/html' },
    });
    server.route('/500', { status: 500 });
    app = createTestApp(
      [
        { id: 'ok', url: server.url('/ok.xml') },
        { id: 'html', url: server.url('/html') },
        { id: 'broken', url: server.url('/500') },
        { id: 'refused', url: 'http://127.0.0.1:9/feed' },
      ],
      { clock },
    );
    const report = await app.poll();
    expect(report.failed).toBe(3);
    const byId = Object.fromEntries(report.feeds.map((f) => [f.feedId, f]));
    expect(byId.ok).toMatchObject({ outcome: 'ok', newItems: 3 });
    expect(byId.html).toMatchObject({ outcome: 'parse-error', error: expect.stringMatching(/HTML page/) });
    expect(byId.broken).toMatchObject({ outcome: 'http-error', error: 'HTTP 500 Internal Server Error' });
    expect(byId.refused).toMatchObject({ outcome: 'network-error' });
    expect(app.feeds.get('broken')).toMatchObject({
      status: 'failing',
      lastError: 'HTTP 500 Internal Server Error',
    });
  });

  it('backs off a failing feed exponentially, still retries it, and never drops it', async () => {
    server.route('/500', { status: 500 });
    app = createTestApp([{ id: 'broken', url: server.url('/500') }], { clock });
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      await app.poll();
      const state = app.feeds.get('broken');
      delays.push((state?.nextPollAt ?? 0) - now);
      now = state?.nextPollAt ?? now;
    }
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_CAP_MS * 1.2);
    expect(server.hits('/500')).toHaveLength(12);
    // After a day of failures the feed is still listed, failing, with its last error.
    expect(app.feeds.list()[0]).toMatchObject({
      id: 'broken',
      status: 'failing',
      consecutiveFailures: 12,
      lastError: 'HTTP 500 Internal Server Error',
    });
    // Recovery resets the backoff.
    server.route('/500', { body: fixture('feeds/sec-press.xml') });
    await app.poll();
    expect(app.feeds.get('broken')).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null });
  });

  it('honours Retry-After on 429', async () => {
    server.route('/429', { status: 429, headers: { 'retry-after': '7200' } });
    app = createTestApp([{ id: 'limited', url: server.url('/429') }], { clock });
    await app.poll();
    expect((app.feeds.get('limited')?.nextPollAt ?? 0) - now).toBeGreaterThanOrEqual(7_200_000);
  });

  it('keeps undated items, dated at first sight', async () => {
    server.route('/u.xml', { body: fixture('feeds/undated.xml') });
    app = createTestApp([{ id: 'u', url: server.url('/u.xml') }], { clock });
    await app.poll();
    const stories = app.stories.news({ limit: 10, policyOnly: false });
    expect(stories).toHaveLength(3);
    expect(stories.every((s) => s.publishedAt === now)).toBe(true);
  });

  it('stores a long feed in short write transactions of at most 25 items', async () => {
    server.route('/long.xml', {
      body: rss(
        Array.from({ length: 60 }, (_, i) => ({
          title: `Regulator notice number ${i} about licensing`,
          link: `https://long.example/${i}`,
        })),
      ),
    });
    const db = openDatabase(':memory:');
    const ingests: number[] = [];
    const stories = createSqliteStoryStore(db, { onWrite: (what) => what === 'ingest' && ingests.push(1) });
    const report = await pollFeeds({
      feeds: createSqliteFeedStore(db),
      stories,
      loadFeeds: () => [
        { id: 'long', name: 'Long', url: server.url('/long.xml'), kind: 'regulator', jurisdictions: [] },
      ],
      fetch: (request) => fetchFeed(request),
      enrich: createDefaultEnricher(),
      clock,
      log: pino({ level: 'silent' }),
      userAgent: 'test',
      concurrency: 1,
    });
    expect(report.newItems).toBe(60);
    expect(stories.count()).toBe(60);
    expect(ingests).toHaveLength(3); // 25 + 25 + 10
    db.close();
  });

  it('stops between parsing and enriching when the run is aborted, leaving the feed as it was', async () => {
    server.route('/a.xml', { body: rss([{ title: 'SEC sues Binance', link: 'https://a.example/1' }]) });
    const db = openDatabase(':memory:');
    const feeds = createSqliteFeedStore(db);
    const controller = new AbortController();
    const enrich = inThreadProcessor(createDefaultEnricher());
    let enriched = 0;
    const report = await pollFeeds({
      feeds,
      stories: createSqliteStoryStore(db),
      loadFeeds: () => [{ id: 'a', name: 'A', url: server.url('/a.xml'), kind: 'media', jurisdictions: [] }],
      fetch: (request) => fetchFeed(request),
      enrich: createDefaultEnricher(),
      processor: {
        // SIGTERM arrives while the document is being parsed.
        parse: async (body, options) => {
          controller.abort();
          return enrich.parse(body, options);
        },
        enrich: async (items, feed) => {
          enriched++;
          return enrich.enrich(items, feed);
        },
      },
      clock,
      log: pino({ level: 'silent' }),
      userAgent: 'test',
      concurrency: 1,
      signal: controller.signal,
    });
    expect(report).toMatchObject({ aborted: true, feeds: [], newItems: 0 });
    expect(enriched).toBe(0);
    expect(feeds.list()[0]).toMatchObject({ id: 'a', lastSuccessAt: null, consecutiveFailures: 0 });
    db.close();
  });

  it('fetches at most POLL_CONCURRENCY feeds at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    for (let i = 0; i < 12; i++) {
      server.route(`/f${i}.xml`, (_req, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight--;
          res
            .writeHead(200, { 'content-type': 'application/rss+xml' })
            .end(rss([{ title: `t${i}`, link: `https://c.example/${i}` }]));
        }, 40);
      });
    }
    app = createTestApp(
      Array.from({ length: 12 }, (_, i) => ({ id: `f${i}`, url: server.url(`/f${i}.xml`) })),
      { clock, env: { POLL_CONCURRENCY: '3' } },
    );
    const report = await app.poll();
    expect(report.feeds.filter((f) => f.outcome === 'ok')).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('re-reads the feeds file each run: removed feeds become inactive, their stories stay', async () => {
    server.route('/a.xml', { body: rss([{ title: 'A story', link: 'https://a.example/1' }]) });
    server.route('/b.xml', { body: rss([{ title: 'B story', link: 'https://b.example/1' }]) });
    app = createTestApp(
      [
        { id: 'a', url: server.url('/a.xml') },
        { id: 'b', url: server.url('/b.xml') },
      ],
      { clock },
    );
    await app.poll();
    app.writeFeeds([{ id: 'a', url: server.url('/a.xml') }]);
    const report = await app.poll();
    expect(report.sync.deactivated).toEqual(['b']);
    expect(report.feeds.map((f) => f.feedId)).toEqual(['a']);
    expect(app.feeds.get('b')?.status).toBe('inactive');
    expect(app.stories.count()).toBe(2);
  });

  it('prunes stories older than RETENTION_DAYS after each poll', async () => {
    const day = 86_400_000;
    server.route('/r.xml', {
      body: rss([
        { title: 'Old rule', link: 'https://r.example/old', pubDate: new Date(now - 3 * day).toUTCString() },
        {
          title: 'New rule',
          link: 'https://r.example/new',
          pubDate: new Date(now - 3_600_000).toUTCString(),
        },
      ]),
    });
    app = createTestApp([{ id: 'r', url: server.url('/r.xml') }], { clock, env: { RETENTION_DAYS: '2' } });
    await app.poll();
    // Stored first, then pruned in the same run: only stories first seen more than 2 days ago go.
    expect(app.stories.count()).toBe(2);
    now += 3 * day;
    server.route('/r.xml', {
      body: rss([
        {
          title: 'Fresh rule',
          link: 'https://r.example/fresh',
          pubDate: new Date(now - 3_600_000).toUTCString(),
        },
      ]),
    });
    await app.poll();
    expect(app.stories.news({ limit: 10, policyOnly: false }).map((s) => s.title)).toEqual(['Fresh rule']);
  });

  it('stops early when aborted, leaving unreached feeds untouched', async () => {
    server.route('/hang', () => {});
    app = createTestApp([{ id: 'slow', url: server.url('/hang') }], { clock });
    const controller = new AbortController();
    const pending = app.poll(controller.signal);
    setTimeout(() => controller.abort(), 100);
    const report = await pending;
    expect(report.aborted).toBe(true);
    expect(app.feeds.get('slow')).toMatchObject({ status: 'never-fetched', consecutiveFailures: 0 });
  });
});
