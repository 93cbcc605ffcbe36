/**
 * Stories and the feed items that carried them. One story per canonical URL; each feed's item is a
 * row of its own pointing at the story, so a story knows all its sources.
 */
import { BandIndex, bandHash } from '../core/cluster/bandIndex.js';
import { FINGERPRINT_VERSION, isSameStory, type StoryFingerprint } from '../core/cluster/storySimilarity.js';
import type { Classification, NormalizedItem } from '../core/types.js';
import { type Db, statementCache } from './database.js';
import { buildFtsQuery, CJK_RE, SearchQueryError } from './ftsQuery.js';

export { SearchQueryError };

/** An item ready to store: cleaned, classified, summarised, fingerprinted for clustering. */
export interface PreparedItem {
  item: NormalizedItem;
  summary: string;
  classification: Classification;
  /** When present, the item may join a similar story from another outlet within CLUSTER_WINDOW_MS. */
  fingerprint?: StoryFingerprint;
}

/** Stories this close in time (either way) may be the same story from several outlets. */
export const CLUSTER_WINDOW_MS = 72 * 3_600_000;
/**
 * Band keys carry the fingerprint version, and stored fingerprints too (`story_fingerprints.version`):
 * keys and tokens made by another tokeniser are neither indexed nor compared.
 */
function bandHashes(bands: readonly string[]): number[] {
  return bands.map((band) => bandHash(`${FINGERPRINT_VERSION}/${band}`));
}

/** Per band key, only the newest stories are candidates: a very common key cannot make ingest slow. */
const PER_BAND_CANDIDATES = 32;
/** At most this many candidate stories are compared with a new item. */
const MAX_CLUSTER_CANDIDATES = 8;
/** Parsed fingerprints kept in memory (~5 KB each with their comparison data): a few hours of a busy instance's stories. */
const FINGERPRINT_CACHE = 512;
/** Band keys and fingerprints are only needed while a story can still be joined; older ones are dropped. */
const BAND_RETENTION_MS = 7 * 86_400_000;
/** Free-text search looks at this many newest matches at most: a common word never ranks all of history. */
export const SEARCH_WINDOW = 500;

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
  /** Items joined to a story by title and content similarity (not by URL): worth a log line for review. */
  merged: Array<{ storyId: number; title: string }>;
}

export interface StoryView {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  /** The full text; only present on stories read by `byIds(…, { body: true })`. */
  body?: string;
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
  /** Only stories tagged with this topic slug. */
  topic?: string;
  /** Free-text search (words, "quoted phrases", OR, -excluded); matches newest first. */
  text?: string;
}

export interface StoryStore {
  /** Which of `keys` this feed has not stored yet. */
  unknownKeys(feedId: string, keys: readonly string[]): Set<string>;
  /** Stores new items in one transaction: all of them or none. */
  ingest(feedId: string, items: readonly PreparedItem[], options: IngestOptions): IngestResult;
  news(query: NewsQuery): StoryView[];
  /** The stories with these ids, in that order; the body (up to 20,000 characters) only when asked for. */
  byIds(ids: readonly number[], options?: { body?: boolean }): StoryView[];
  count(): number;
  /** Number of stories per topic slug (policy stories only unless `policyOnly` is false). */
  topicCounts(policyOnly?: boolean): Map<string, number>;
  /** Replaces a story's summary (e.g. with an LLM summary) and re-indexes it for search. */
  updateSummary(storyId: number, summary: string, source: string): void;
  /**
   * Deletes stories published and first seen before `cutoff`, except those still waiting for
   * delivery, in batches so no write transaction runs long; and clustering fingerprints older than
   * 7 days before `now` (default: the system clock). Returns how many stories were deleted.
   */
  prune(cutoff: number, batchSize?: number, now?: number): number;
  /** Merges the full-text index into one segment: after a bulk load (benchmark seeding), not in normal running. */
  optimizeSearchIndex(): void;
}

interface StoryRow {
  id: number;
  canonical_url: string | null;
  title: string;
  /** Only in rows read by `byIds(…, { body: true })`. */
  body?: string;
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
/** Lists and posts do not need the body (up to 20,000 characters a story); only the LLM summariser reads it. */
const LIST_COLUMNS =
  'id, canonical_url, title, summary, published_at, first_seen_at, topics, policy, relevance, backlog, feed_id';
const LIST_COLUMNS_S = LIST_COLUMNS.split(', ')
  .map((c) => `s.${c}`)
  .join(', ');

export interface StoryStoreOptions {
  /** Observes every write transaction's duration (metrics, benchmarks). */
  onWrite?: (what: 'ingest' | 'prune' | 'summary', ms: number) => void;
}

export function createSqliteStoryStore(db: Db, options: StoryStoreOptions = {}): StoryStore {
  const timed = <T>(what: 'ingest' | 'prune' | 'summary', fn: () => T): T => {
    if (!options.onWrite) return fn();
    const started = performance.now();
    try {
      return fn();
    } finally {
      options.onWrite(what, performance.now() - started);
    }
  };
  const prep = statementCache(db);
  /**
   * Rows for `keys` read KEY_CHUNK at a time, so IN lists stay bounded and each chunk size is one
   * cached statement; `sql` gets the placeholder list, `leading` parameters come before the keys.
   */
  function allIn<K, R>(
    keys: readonly K[],
    sql: (placeholders: string) => string,
    ...leading: unknown[]
  ): R[] {
    const rows: R[] = [];
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const chunk = keys.slice(i, i + KEY_CHUNK);
      rows.push(...prep<unknown[], R>(sql(chunk.map(() => '?').join(','))).all(...leading, ...chunk));
    }
    return rows;
  }
  const itemExists = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM items WHERE feed_id = ? AND item_key = ?',
  );
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
    `SELECT ${LIST_COLUMNS} FROM stories WHERE published_at >= @since ORDER BY published_at DESC, id DESC LIMIT @limit`,
  );
  const selectPolicyNews = db.prepare<{ limit: number; since: number }, StoryRow>(
    `SELECT ${LIST_COLUMNS} FROM stories WHERE policy = 1 AND published_at >= @since ORDER BY published_at DESC, id DESC LIMIT @limit`,
  );
  const countStories = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stories');
  const insertTopic = db.prepare(
    'INSERT OR IGNORE INTO story_topics (topic, story_id, published_at, policy) VALUES (?, ?, ?, ?)',
  );
  const insertCjk = db.prepare('INSERT INTO stories_cjk (rowid, text) VALUES (?, ?)');
  const deleteCjk = db.prepare('DELETE FROM stories_cjk WHERE rowid = ?');
  /** Chinese and Japanese have no spaces: a story with CJK in its title or summary gets a trigram row. */
  const indexCjk = (storyId: number, title: string, summary: string): void => {
    if (CJK_RE.test(title) || CJK_RE.test(summary)) insertCjk.run(storyId, `${title}\n${summary}`);
  };
  const storyText = db.prepare<[number], { id: number; title: string }>(
    'SELECT id, title FROM stories WHERE id = ?',
  );
  const topicPolicy = db.prepare<{ topic: string; since: number; limit: number }, StoryRow>(
    `SELECT ${LIST_COLUMNS_S} FROM story_topics t JOIN stories s ON s.id = t.story_id
     WHERE t.topic = @topic AND t.policy = 1 AND t.published_at >= @since ORDER BY t.published_at DESC, t.story_id DESC LIMIT @limit`,
  );
  const topicAll = db.prepare<{ topic: string; since: number; limit: number }, StoryRow>(
    `SELECT ${LIST_COLUMNS_S} FROM story_topics t JOIN stories s ON s.id = t.story_id
     WHERE t.topic = @topic AND t.published_at >= @since ORDER BY t.published_at DESC, t.story_id DESC LIMIT @limit`,
  );
  const countTopicsPolicy = db.prepare<[], { topic: string; n: number }>(
    'SELECT topic, count(*) AS n FROM story_topics WHERE policy = 1 GROUP BY topic',
  );
  const countTopicsAll = db.prepare<[], { topic: string; n: number }>(
    'SELECT topic, count(*) AS n FROM story_topics GROUP BY topic',
  );
  const setSummary = db.prepare('UPDATE stories SET summary = ?, summary_source = ? WHERE id = ?');
  // Free-text search in one statement: the newest SEARCH_WINDOW matches (FTS5 walks rowids
  // backwards without scoring every match), then filters, order and limit in SQL, light columns.
  const searchSql = (candidates: string) =>
    `SELECT ${LIST_COLUMNS} FROM stories WHERE id IN (${candidates})
       AND policy >= @minPolicy AND published_at >= @since
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM story_topics t WHERE t.topic = @topic AND t.story_id = stories.id))
     ORDER BY published_at DESC, id DESC LIMIT @limit`;
  type SearchParams = {
    minPolicy: number;
    since: number;
    topic: string | null;
    limit: number;
    window: number;
  };
  const ftsSearch = db.prepare<SearchParams & { match: string }, StoryRow>(
    searchSql(
      'SELECT rowid FROM stories_fts WHERE stories_fts MATCH @match ORDER BY rowid DESC LIMIT @window',
    ),
  );
  const cjkSearch = db.prepare<SearchParams & { match: string }, StoryRow>(
    searchSql(
      'SELECT rowid FROM stories_cjk WHERE stories_cjk MATCH @match ORDER BY rowid DESC LIMIT @window',
    ),
  );
  const cjkLike = db.prepare<SearchParams & { pattern: string }, StoryRow>(
    searchSql(
      `SELECT rowid FROM stories_cjk WHERE text LIKE @pattern ESCAPE '\\' ORDER BY rowid DESC LIMIT @window`,
    ),
  );

  const insertFingerprint = db.prepare(
    'INSERT OR REPLACE INTO story_fingerprints (story_id, published_at, fingerprint, version) VALUES (?, ?, ?, ?)',
  );
  const pruneFingerprints = db.prepare(
    'DELETE FROM story_fingerprints WHERE story_id IN (SELECT story_id FROM story_fingerprints WHERE published_at < ? LIMIT ?)',
  );

  // Clustering candidates come from an in-memory index of the recent stories' band keys (ADR 9),
  // filled from story_fingerprints on the first write and kept in step inside every write
  // transaction, including with stories another process (a CLI poll) stored meanwhile.
  let bandIndex = new BandIndex(BAND_RETENTION_MS);
  const newFingerprints = db.prepare<
    [number, number],
    { story_id: number; published_at: number; bands: string }
  >(
    `SELECT story_id, published_at, json_extract(fingerprint, '$.bands') AS bands FROM story_fingerprints
     WHERE story_id > ? AND published_at >= ? AND version = ${FINGERPRINT_VERSION} ORDER BY story_id`,
  );
  const fingerprintPublishedAt = db.prepare<[number], { published_at: number }>(
    'SELECT published_at FROM story_fingerprints WHERE story_id = ?',
  );
  function syncBandIndex(now: number): void {
    // Story ids are reused when the newest rows are deleted (no AUTOINCREMENT): if the newest story
    // the index knows is gone or is another story now, reading "ids above it" would miss stories.
    const newest = bandIndex.maxStoryId;
    if (newest > 0 && fingerprintPublishedAt.get(newest)?.published_at !== bandIndex.maxStoryPublishedAt) {
      bandIndex = new BandIndex(BAND_RETENTION_MS);
      fingerprintCache = new Map();
    }
    bandIndex.expire(now);
    for (const row of newFingerprints.iterate(bandIndex.maxStoryId, now - BAND_RETENTION_MS)) {
      const bands = JSON.parse(row.bands ?? '[]') as unknown;
      if (Array.isArray(bands)) bandIndex.add(row.story_id, row.published_at, bandHashes(bands.map(String)));
    }
  }

  /**
   * A story from another outlet within the window that tells the same story, if any. Candidates
   * are the recent stories sharing the most LSH band keys (near-duplicates share several); only
   * the best few are compared, with their stored fingerprints.
   */
  function findSameStory(prepared: PreparedItem, hashes: readonly number[]): number | undefined {
    const fp = prepared.fingerprint;
    if (!fp || hashes.length === 0) return undefined;
    const at = prepared.item.publishedAt;
    const best = bandIndex.candidates(hashes, {
      from: at - CLUSTER_WINDOW_MS,
      to: at + CLUSTER_WINDOW_MS,
      perBand: PER_BAND_CANDIDATES,
      limit: MAX_CLUSTER_CANDIDATES,
    });
    if (best.length === 0) return undefined;
    const missing = best.filter((id) => !fingerprintCache.has(id));
    for (const row of allIn<number, { story_id: number; published_at: number; fingerprint: string }>(
      missing,
      (qs) =>
        `SELECT story_id, published_at, fingerprint FROM story_fingerprints WHERE version = ${FINGERPRINT_VERSION} AND story_id IN (${qs})`,
    ))
      remember(row.story_id, row.published_at, JSON.parse(row.fingerprint) as StoryFingerprint);
    for (const id of best) {
      const cached = fingerprintCache.get(id);
      if (!cached) continue;
      if (!isSameStory({ title: prepared.item.title, body: '', fp }, { title: '', body: '', fp: cached.fp }))
        continue;
      // The cache may have outlived the story (pruned, maybe by another process): check before joining it.
      if (storyPublishedAt.get(id)?.published_at === cached.publishedAt) return id;
      fingerprintCache.delete(id);
    }
    return undefined;
  }
  /** Parsed fingerprints of the stories stored or compared most recently: most candidates are recent. */
  let fingerprintCache = new Map<number, { publishedAt: number; fp: StoryFingerprint }>();
  function remember(id: number, publishedAt: number, fp: StoryFingerprint): void {
    fingerprintCache.delete(id);
    fingerprintCache.set(id, { publishedAt, fp });
    if (fingerprintCache.size > FINGERPRINT_CACHE) {
      const oldest = fingerprintCache.keys().next();
      if (!oldest.done) fingerprintCache.delete(oldest.value);
    }
  }
  const storyPublishedAt = db.prepare<[number], { published_at: number }>(
    'SELECT published_at FROM stories WHERE id = ?',
  );
  const pruneBatch = db.prepare<{ cutoff: number; limit: number }>(
    `DELETE FROM stories WHERE id IN (
       SELECT s.id FROM stories s
       WHERE s.published_at < @cutoff AND s.first_seen_at < @cutoff
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.story_id = s.id AND d.status = 'pending')
       ORDER BY s.published_at LIMIT @limit)`,
  );

  const ingest = db.transaction(
    (feedId: string, items: readonly PreparedItem[], options: IngestOptions): IngestResult => {
      const result: IngestResult = { newStoryIds: [], newItems: 0, joined: 0, merged: [] };
      syncBandIndex(options.now);
      // Oldest first, so story ids follow publication order within a poll.
      const ordered = [...items].sort((a, b) => a.item.publishedAt - b.item.publishedAt);
      for (const prepared of ordered) {
        const { item, summary, classification } = prepared;
        if (itemExists.get(feedId, item.key)) continue;
        const hashes = prepared.fingerprint ? bandHashes(prepared.fingerprint.bands) : [];
        // URL identity first, then title and content similarity.
        let storyId = item.url ? storyByUrl.get(item.url)?.id : undefined;
        if (storyId === undefined) {
          storyId = findSameStory(prepared, hashes);
          if (storyId !== undefined) result.merged.push({ storyId, title: item.title });
        }
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
          for (const topic of classification.topics)
            insertTopic.run(topic, storyId, item.publishedAt, classification.policy ? 1 : 0);
          if (prepared.fingerprint) {
            insertFingerprint.run(
              storyId,
              item.publishedAt,
              JSON.stringify(prepared.fingerprint),
              FINGERPRINT_VERSION,
            );
            bandIndex.add(storyId, item.publishedAt, hashes);
            remember(storyId, item.publishedAt, prepared.fingerprint);
          }
          indexCjk(storyId, item.title, summary);
          if (!options.backlog) result.newStoryIds.push(storyId);
        } else {
          result.joined++;
        }
        const inserted = insertItem.run({
          feedId,
          key: item.key,
          storyId,
          url: item.url,
          title: item.title,
          publishedAt: item.publishedAt,
          now: options.now,
        });
        result.newItems += inserted.changes;
      }
      return result;
    },
  );

  /**
   * Free-text search, bounded: the newest SEARCH_WINDOW matches are read (in rowid order, which
   * FTS5 walks without scoring every match), then filtered and ordered newest first.
   */
  function search(
    text: string,
    policyOnly: boolean,
    since: number,
    limit: number,
    topic?: string,
  ): StoryRow[] {
    const query = buildFtsQuery(text);
    const params: SearchParams = {
      minPolicy: policyOnly ? 1 : 0,
      since,
      topic: topic ?? null,
      limit,
      window: SEARCH_WINDOW,
    };
    try {
      if (query.kind === 'cjk-like') return cjkLike.all({ ...params, pattern: query.pattern });
      if (query.kind === 'cjk') return cjkSearch.all({ ...params, match: query.match });
      return ftsSearch.all({ ...params, match: query.match });
    } catch (error) {
      throw new SearchQueryError(
        `cannot search for "${text.slice(0, 100)}": ${(error as Error).message.replace(/^fts5: /, '')}. Use plain words, "a phrase", OR, or -word.`,
      );
    }
  }

  function withSources(rows: StoryRow[]): StoryView[] {
    if (rows.length === 0) return [];
    const sources = allIn<number, SourceRow>(
      rows.map((r) => r.id),
      (qs) => `SELECT i.story_id, i.feed_id, f.name FROM items i JOIN feeds f ON f.id = i.feed_id
           WHERE i.story_id IN (${qs}) ORDER BY i.first_seen_at, i.id`,
    );
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
        ...(row.body !== undefined ? { body: row.body } : {}),
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
      const known = new Set(
        allIn<string, { item_key: string }>(
          keys,
          (qs) => `SELECT item_key FROM items WHERE feed_id = ? AND item_key IN (${qs})`,
          feedId,
        ).map((r) => r.item_key),
      );
      return new Set(keys.filter((key) => !known.has(key)));
    },
    ingest: (feedId, items, ingestOptions) => {
      // Nothing to store: no write lock, no transaction.
      if (items.length === 0) return { newStoryIds: [], newItems: 0, joined: 0, merged: [] };
      // Read what is new in story_fingerprints before taking the write lock: after a start that is
      // a week of stories (tens of thousands of rows), which must not lengthen a write transaction.
      // Inside it, the same call reads only what another writer stored in between.
      syncBandIndex(ingestOptions.now);
      return timed('ingest', () => {
        try {
          return ingest.immediate(feedId, items, ingestOptions);
        } catch (error) {
          // Rolled back: the index may hold stories that were never stored. Reload it next time.
          bandIndex = new BandIndex(BAND_RETENTION_MS);
          fingerprintCache = new Map();
          throw error;
        }
      });
    },
    news(query) {
      const params = { limit: query.limit, since: query.since ?? 0 };
      const policyOnly = query.policyOnly !== false;
      if (query.text !== undefined)
        return withSources(search(query.text, policyOnly, params.since, query.limit, query.topic));
      if (query.topic !== undefined)
        return withSources((policyOnly ? topicPolicy : topicAll).all({ ...params, topic: query.topic }));
      return withSources(policyOnly ? selectPolicyNews.all(params) : selectNews.all(params));
    },
    topicCounts(policyOnly = true) {
      return new Map((policyOnly ? countTopicsPolicy : countTopicsAll).all().map((r) => [r.topic, r.n]));
    },
    updateSummary(storyId, summary, source) {
      timed('summary', () =>
        db
          .transaction(() => {
            setSummary.run(summary, source, storyId);
            // The same rule as at ingest, so the old summary's text never stays searchable.
            deleteCjk.run(storyId);
            indexCjk(storyId, storyText.get(storyId)?.title ?? '', summary);
          })
          .immediate(),
      );
    },
    byIds(ids, options = {}) {
      if (ids.length === 0) return [];
      const columns = options.body ? '*' : LIST_COLUMNS;
      const rows = allIn<number, StoryRow>(ids, (qs) => `SELECT ${columns} FROM stories WHERE id IN (${qs})`);
      const order = new Map(ids.map((id, i) => [id, i]));
      return withSources(rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)));
    },
    count: () => countStories.get()?.n ?? 0,
    optimizeSearchIndex: () => db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('optimize')"),
    prune(cutoff, batchSize = 500, now = Date.now()) {
      // Fingerprints outlive their use after the clustering window; keep that table small.
      const bandCutoff = now - BAND_RETENTION_MS;
      while (
        timed('prune', () =>
          db.transaction(() => pruneFingerprints.run(bandCutoff, 2000).changes).immediate(),
        ) === 2000
      );
      let total = 0;
      for (;;) {
        const { changes } = timed('prune', () =>
          db.transaction(() => pruneBatch.run({ cutoff, limit: batchSize })).immediate(),
        );
        total += changes;
        if (changes < batchSize) return total;
      }
    },
  };
}
