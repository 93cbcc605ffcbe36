/**
 * Stories and the feed items that carried them. One story per canonical URL; each feed's item is a
 * row of its own pointing at the story, so a story knows all its sources.
 */
import type { Classification, NormalizedItem } from '../core/types.js';
import type { Db } from './database.js';

/** An item ready to store: cleaned, classified, summarised. */
export interface PreparedItem {
  item: NormalizedItem;
  summary: string;
  classification: Classification;
}

export interface IngestOptions {
  now: number;
  /** Backlog from a feed's first poll: stored, never posted. */
  backlog: boolean;
}

export interface IngestResult {
  /** Stories created by this call (not backlog), oldest first: what may be posted. */
  newStoryIds: number[];
  /** Items stored (new rows in `items`), including those that joined an existing story. */
  newItems: number;
  /** Items that joined a story another feed (or an earlier item) had already brought. */
  joined: number;
}

export interface StoryView {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  body: string;
  /** Name of the feed that brought the story first. */
  source: string;
  /** Names of every feed that carried it, first first. */
  sources: string[];
  feedIds: string[];
  publishedAt: number;
  firstSeenAt: number;
  topics: string[];
  policy: boolean;
  relevance: number;
  backlog: boolean;
}

export interface NewsQuery {
  limit: number;
  /** Only policy stories (default true). */
  policyOnly?: boolean;
  /** Only stories published at or after this time. */
  since?: number;
}

export interface StoryStore {
  /** Which of `keys` this feed has not stored yet. */
  unknownKeys(feedId: string, keys: readonly string[]): Set<string>;
  /** Stores new items in one transaction: all of them or none. */
  ingest(feedId: string, items: readonly PreparedItem[], options: IngestOptions): IngestResult;
  news(query: NewsQuery): StoryView[];
  byIds(ids: readonly number[]): StoryView[];
  count(): number;
  /**
   * Deletes stories published and first seen before `cutoff`, except those still waiting for
   * delivery, in batches so no write transaction runs long. Returns how many were deleted.
   */
  prune(cutoff: number, batchSize?: number): number;
}

interface StoryRow {
  id: number;
  canonical_url: string | null;
  title: string;
  body: string;
  summary: string;
  published_at: number;
  first_seen_at: number;
  topics: string;
  policy: number;
  relevance: number;
  backlog: number;
  feed_id: string;
}

interface SourceRow {
  story_id: number;
  feed_id: string;
  name: string;
}

const KEY_CHUNK = 500;

export function createSqliteStoryStore(db: Db): StoryStore {
  const itemExists = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM items WHERE feed_id = ? AND item_key = ?');
  const storyByUrl = db.prepare<[string], { id: number }>('SELECT id FROM stories WHERE canonical_url = ?');
  const insertStory = db.prepare(
    `INSERT INTO stories (canonical_url, title, body, summary, author, categories, published_at, first_seen_at, feed_id, backlog, topics, policy, relevance)
     VALUES (@url, @title, @body, @summary, @author, @categories, @publishedAt, @now, @feedId, @backlog, @topics, @policy, @relevance)`,
  );
  const insertItem = db.prepare(
    `INSERT OR IGNORE INTO items (feed_id, item_key, story_id, url, title, published_at, first_seen_at)
     VALUES (@feedId, @key, @storyId, @url, @title, @publishedAt, @now)`,
  );
  const selectNews = db.prepare<{ limit: number; since: number }, StoryRow>(
    'SELECT * FROM stories WHERE published_at >= @since ORDER BY published_at DESC, id DESC LIMIT @limit',
  );
  const selectPolicyNews = db.prepare<{ limit: number; since: number }, StoryRow>(
    'SELECT * FROM stories WHERE policy = 1 AND published_at >= @since ORDER BY published_at DESC, id DESC LIMIT @limit',
  );
  const countStories = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stories');
  const pruneBatch = db.prepare<{ cutoff: number; limit: number }>(
    `DELETE FROM stories WHERE id IN (
       SELECT s.id FROM stories s
       WHERE s.published_at < @cutoff AND s.first_seen_at < @cutoff
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.story_id = s.id AND d.status = 'pending')
       ORDER BY s.published_at LIMIT @limit)`,
  );

  const ingest = db.transaction((feedId: string, items: readonly PreparedItem[], options: IngestOptions): IngestResult => {
    const result: IngestResult = { newStoryIds: [], newItems: 0, joined: 0 };
    // Oldest first, so story ids follow publication order within a poll.
    const ordered = [...items].sort((a, b) => a.item.publishedAt - b.item.publishedAt);
    for (const { item, summary, classification } of ordered) {
      if (itemExists.get(feedId, item.key)) continue;
      let storyId = item.url ? storyByUrl.get(item.url)?.id : undefined;
      if (storyId === undefined) {
        const info = insertStory.run({
          url: item.url,
          title: item.title,
          body: item.body,
          summary,
          author: item.author,
          categories: JSON.stringify(item.categories),
          publishedAt: item.publishedAt,
          now: options.now,
          feedId,
          backlog: options.backlog ? 1 : 0,
          topics: JSON.stringify(classification.topics),
          policy: classification.policy ? 1 : 0,
          relevance: classification.relevance,
        });
        storyId = Number(info.lastInsertRowid);
        if (!options.backlog) result.newStoryIds.push(storyId);
      } else {
        result.joined++;
      }
      const inserted = insertItem.run({ feedId, key: item.key, storyId, url: item.url, title: item.title, publishedAt: item.publishedAt, now: options.now });
      result.newItems += inserted.changes;
    }
    return result;
  });

  function withSources(rows: StoryRow[]): StoryView[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const sources = db
      .prepare<number[], SourceRow>(
        `SELECT i.story_id, i.feed_id, f.name FROM items i JOIN feeds f ON f.id = i.feed_id
         WHERE i.story_id IN (${ids.map(() => '?').join(',')}) ORDER BY i.first_seen_at, i.id`,
      )
      .all(...ids);
    const byStory = new Map<number, SourceRow[]>();
    for (const s of sources) {
      const list = byStory.get(s.story_id) ?? [];
      if (!list.some((x) => x.feed_id === s.feed_id)) list.push(s);
      byStory.set(s.story_id, list);
    }
    return rows.map((row) => {
      const list = byStory.get(row.id) ?? [];
      const names = list.map((s) => s.name);
      return {
        id: row.id,
        title: row.title,
        url: row.canonical_url,
        summary: row.summary,
        body: row.body,
        source: names[0] ?? row.feed_id,
        sources: names,
        feedIds: list.map((s) => s.feed_id),
        publishedAt: row.published_at,
        firstSeenAt: row.first_seen_at,
        topics: JSON.parse(row.topics) as string[],
        policy: row.policy === 1,
        relevance: row.relevance,
        backlog: row.backlog === 1,
      };
    });
  }

  return {
    unknownKeys(feedId, keys) {
      const unknown = new Set<string>();
      for (let i = 0; i < keys.length; i += KEY_CHUNK) {
        const chunk = keys.slice(i, i + KEY_CHUNK);
        const known = new Set(
          db
            .prepare<unknown[], { item_key: string }>(`SELECT item_key FROM items WHERE feed_id = ? AND item_key IN (${chunk.map(() => '?').join(',')})`)
            .all(feedId, ...chunk)
            .map((r) => r.item_key),
        );
        for (const key of chunk) if (!known.has(key)) unknown.add(key);
      }
      return unknown;
    },
    ingest: (feedId, items, options) => ingest.immediate(feedId, items, options),
    news(query) {
      const params = { limit: query.limit, since: query.since ?? 0 };
      const rows = query.policyOnly === false ? selectNews.all(params) : selectPolicyNews.all(params);
      return withSources(rows);
    },
    byIds(ids) {
      if (ids.length === 0) return [];
      const rows = db.prepare<number[], StoryRow>(`SELECT * FROM stories WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids);
      const order = new Map(ids.map((id, i) => [id, i]));
      return withSources(rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)));
    },
    count: () => countStories.get()?.n ?? 0,
    prune(cutoff, batchSize = 500) {
      let total = 0;
      for (;;) {
        const { changes } = db.transaction(() => pruneBatch.run({ cutoff, limit: batchSize })).immediate();
        total += changes;
        if (changes < batchSize) return total;
      }
    },
  };
}
