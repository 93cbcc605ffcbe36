import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NormalizedItem } from '../../src/core/types.js';
import { DatabaseError, type Db, openDatabase } from '../../src/storage/database.js';
import { createSqliteDeliveryStore } from '../../src/storage/deliveryStore.js';
import { createSqliteFeedStore } from '../../src/storage/feedStore.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';
import { createSqliteStoryStore, type PreparedItem } from '../../src/storage/storyStore.js';
import { tempDir } from '../helpers/tempDir.js';

const T0 = Date.parse('2025-11-20T12:00:00Z');
const feedDef = (id: string, url = `https://${id}.example/feed`) => ({
  id,
  name: `Feed ${id}`,
  url,
  kind: 'media' as const,
  jurisdictions: [],
});
const item = (key: string, url: string | null, extra: Partial<NormalizedItem> = {}): PreparedItem => ({
  item: {
    key,
    url,
    title: `Title ${key}`,
    body: `Body ${key}`,
    author: null,
    categories: [],
    publishedAt: T0,
    undated: false,
    ...extra,
  },
  summary: `Summary ${key}`,
  classification: { topics: ['us'], policy: true, relevance: 1 },
});

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('openDatabase', () => {
  it('runs every migration and sets WAL on a file database', () => {
    const dir = tempDir();
    const file = openDatabase(dir.file('sub/dir/p.db'));
    expect(file.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(file.pragma('foreign_keys', { simple: true })).toBe(1);
    file.close();
    dir.cleanup();
  });

  it('is idempotent: reopening does not re-run migrations', () => {
    const dir = tempDir();
    openDatabase(dir.file('p.db')).close();
    const again = openDatabase(dir.file('p.db'));
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
    dir.cleanup();
  });

  it('refuses a database from a newer version, and a file that is not a database', () => {
    const dir = tempDir();
    const newer = new Database(dir.file('newer.db'));
    newer.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    newer.close();
    expect(() => openDatabase(dir.file('newer.db'))).toThrow(DatabaseError);
    writeFileSync(dir.file('junk.db'), 'this is not sqlite at all, not even close'.repeat(100));
    expect(() => openDatabase(dir.file('junk.db'))).toThrow(/unusable|cannot be opened/);
    dir.cleanup();
  });
});

describe('FeedStore', () => {
  it('adds, updates and deactivates feeds from the feeds file, keeping their stories', () => {
    const feeds = createSqliteFeedStore(db);
    const stories = createSqliteStoryStore(db);
    expect(feeds.sync([feedDef('a'), feedDef('b')], T0)).toEqual({
      added: ['a', 'b'],
      updated: [],
      deactivated: [],
      reactivated: [],
    });
    stories.ingest('b', [item('1', 'https://b.example/1')], { now: T0, backlog: false });
    expect(feeds.sync([{ ...feedDef('a'), name: 'Renamed' }], T0)).toEqual({
      added: [],
      updated: ['a'],
      deactivated: ['b'],
      reactivated: [],
    });
    expect(feeds.get('a')?.name).toBe('Renamed');
    expect(feeds.get('b')).toMatchObject({ active: false, status: 'inactive' });
    expect(stories.count()).toBe(1);
    expect(feeds.due(T0).map((f) => f.id)).toEqual(['a']);
    expect(feeds.sync([feedDef('a'), feedDef('b')], T0).reactivated).toEqual(['b']);
  });

  it('treats a changed URL as a new source: validators and baseline reset', () => {
    const feeds = createSqliteFeedStore(db);
    feeds.sync([feedDef('a')], T0);
    feeds.recordSuccess('a', { now: T0, etag: '"x"', lastModified: 'yesterday', nextPollAt: T0 });
    expect(feeds.get('a')).toMatchObject({ etag: '"x"', baselineDone: true, status: 'ok' });
    feeds.sync([feedDef('a', 'https://a.example/new-feed')], T0);
    expect(feeds.get('a')).toMatchObject({
      etag: null,
      lastModified: null,
      baselineDone: false,
      url: 'https://a.example/new-feed',
    });
  });

  it('records failures with the last error and keeps the feed', () => {
    const feeds = createSqliteFeedStore(db);
    feeds.sync([feedDef('a')], T0);
    feeds.recordFailure('a', { now: T0, error: 'HTTP 500', nextPollAt: T0 + 1000 });
    feeds.recordFailure('a', { now: T0 + 1000, error: 'HTTP 503', nextPollAt: T0 + 5000 });
    expect(feeds.get('a')).toMatchObject({
      status: 'failing',
      lastError: 'HTTP 503',
      consecutiveFailures: 2,
      failingSince: T0,
    });
    expect(feeds.due(T0 + 2000)).toEqual([]);
    expect(feeds.due(T0 + 5000).map((f) => f.id)).toEqual(['a']);
  });
});

describe('StoryStore', () => {
  beforeEach(() => createSqliteFeedStore(db).sync([feedDef('a'), feedDef('b')], T0));

  it('makes one story with two sources when two feeds carry the same canonical URL', () => {
    const stories = createSqliteStoryStore(db);
    const first = stories.ingest('a', [item('a1', 'https://news.example/s')], { now: T0, backlog: false });
    const second = stories.ingest('b', [item('b1', 'https://news.example/s')], {
      now: T0 + 1,
      backlog: false,
    });
    expect(first.newStoryIds).toHaveLength(1);
    expect(second).toEqual({ newStoryIds: [], newItems: 1, joined: 1, merged: [] });
    const [story] = stories.news({ limit: 10 });
    expect(story).toMatchObject({ source: 'Feed a', sources: ['Feed a', 'Feed b'], feedIds: ['a', 'b'] });
    expect(stories.count()).toBe(1);
  });

  it('doubles nothing when the same items are ingested again', () => {
    const stories = createSqliteStoryStore(db);
    const batch = [item('1', 'https://a.example/1'), item('2', null)];
    stories.ingest('a', batch, { now: T0, backlog: false });
    expect(stories.ingest('a', batch, { now: T0, backlog: false })).toEqual({
      newStoryIds: [],
      newItems: 0,
      joined: 0,
      merged: [],
    });
    expect(stories.count()).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 2 });
  });

  it('enforces (feed, key) uniqueness in the database itself', () => {
    const stories = createSqliteStoryStore(db);
    stories.ingest('a', [item('1', 'https://a.example/1')], { now: T0, backlog: false });
    expect(() =>
      db
        .prepare(
          "INSERT INTO items (feed_id, item_key, story_id, title, published_at, first_seen_at) VALUES ('a', '1', 1, 't', 0, 0)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('marks backlog stories as not to be posted', () => {
    const stories = createSqliteStoryStore(db);
    const result = stories.ingest('a', [item('1', 'https://a.example/1')], { now: T0, backlog: true });
    expect(result.newStoryIds).toEqual([]);
    expect(stories.news({ limit: 5 })[0]?.backlog).toBe(true);
  });

  it('rolls back the whole batch when one item fails', () => {
    const stories = createSqliteStoryStore(db);
    const bad = item('2', 'https://a.example/2');
    (bad.item as { title: unknown }).title = null; // violates NOT NULL
    expect(() =>
      stories.ingest('a', [item('1', 'https://a.example/1'), bad], { now: T0, backlog: false }),
    ).toThrow();
    expect(stories.count()).toBe(0);
  });

  it('reports which keys a feed has not stored yet', () => {
    const stories = createSqliteStoryStore(db);
    stories.ingest('a', [item('1', 'https://a.example/1')], { now: T0, backlog: false });
    const keys = Array.from({ length: 1200 }, (_, i) => String(i));
    const unknown = stories.unknownKeys('a', keys);
    expect(unknown.size).toBe(1199);
    expect(unknown.has('1')).toBe(false);
    expect(stories.unknownKeys('b', ['1']).has('1')).toBe(true);
  });

  it('lists policy stories newest first, and everything with policyOnly false', () => {
    const stories = createSqliteStoryStore(db);
    const old = item('old', 'https://a.example/old', { publishedAt: T0 - 10_000 });
    const nonPolicy = {
      ...item('np', 'https://a.example/np', { publishedAt: T0 + 5 }),
      classification: { topics: [], policy: false, relevance: 0 },
    };
    stories.ingest('a', [old, item('new', 'https://a.example/new'), nonPolicy], { now: T0, backlog: false });
    expect(stories.news({ limit: 10 }).map((s) => s.title)).toEqual(['Title new', 'Title old']);
    expect(stories.news({ limit: 10, policyOnly: false }).map((s) => s.title)).toEqual([
      'Title np',
      'Title new',
      'Title old',
    ]);
    expect(stories.news({ limit: 10, since: T0 - 1 }).map((s) => s.title)).toEqual(['Title new']);
  });

  it('prunes old stories but never one still waiting for delivery', () => {
    const stories = createSqliteStoryStore(db);
    const deliveries = createSqliteDeliveryStore(db);
    const day = 86_400_000;
    const oldItems = Array.from({ length: 1100 }, (_, i) =>
      item(`o${i}`, `https://a.example/o${i}`, { publishedAt: T0 - 200 * day }),
    );
    const { newStoryIds } = stories.ingest('a', [...oldItems, item('fresh', 'https://a.example/fresh')], {
      now: T0 - 200 * day,
      backlog: false,
    });
    deliveries.enqueue('123', [newStoryIds[0] as number], T0);
    expect(stories.prune(T0 - 180 * day, 100)).toBe(1099);
    expect(stories.count()).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 2 });
  });
});

describe('DeliveryStore', () => {
  it('queues a story at most once per channel and hands out due deliveries', () => {
    createSqliteFeedStore(db).sync([feedDef('a')], T0);
    const { newStoryIds } = createSqliteStoryStore(db).ingest(
      'a',
      [item('1', 'https://a.example/1'), item('2', 'https://a.example/2')],
      { now: T0, backlog: false },
    );
    const deliveries = createSqliteDeliveryStore(db);
    expect(deliveries.enqueue('c1', newStoryIds, T0)).toBe(2);
    expect(deliveries.enqueue('c1', newStoryIds, T0)).toBe(0);
    expect(deliveries.enqueue('c2', newStoryIds, T0)).toBe(2);
    const due = deliveries.due(T0, 10, 'c1');
    expect(due.map((d) => d.storyId)).toEqual(newStoryIds);
    const [first, second] = due;
    if (!first || !second) throw new Error('expected two deliveries');
    deliveries.markSent(first.id, T0);
    deliveries.retryLater(second.id, 'HTTP 500', T0 + 60_000);
    expect(deliveries.due(T0, 10, 'c1')).toEqual([]);
    expect(deliveries.due(T0 + 60_000, 10, 'c1').map((d) => d.attempts)).toEqual([1]);
    expect(deliveries.pendingCount()).toBe(3);
    expect(deliveries.enqueue('c1', newStoryIds, T0)).toBe(0);
  });
});
