/**
 * Schema migrations, forward only. Each runs in a transaction and bumps `PRAGMA user_version`.
 * Never edit a migration that has shipped: append a new one.
 */
import type Database from 'better-sqlite3';

export type Migration = (db: Database.Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: feeds, stories and the items that carried them, and the delivery queue.
  (db) => {
    db.exec(`
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('media', 'regulator')),
        jurisdictions TEXT NOT NULL DEFAULT '[]',
        language TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_fetched_at INTEGER,
        last_success_at INTEGER,
        last_status TEXT,
        last_error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        failing_since INTEGER,
        next_poll_at INTEGER NOT NULL DEFAULT 0,
        -- 0 until the first successful poll: what that poll finds is backlog, never posted.
        baseline_done INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        canonical_url TEXT UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        summary TEXT NOT NULL,
        author TEXT,
        categories TEXT NOT NULL DEFAULT '[]',
        published_at INTEGER NOT NULL,
        first_seen_at INTEGER NOT NULL,
        feed_id TEXT NOT NULL REFERENCES feeds(id),
        backlog INTEGER NOT NULL DEFAULT 0,
        topics TEXT NOT NULL DEFAULT '[]',
        policy INTEGER NOT NULL DEFAULT 0,
        relevance REAL NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX stories_by_published ON stories (published_at DESC);
      CREATE INDEX stories_policy_by_published ON stories (policy, published_at DESC);

      -- One row per (feed, item key): the same story carried by two feeds has two items.
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        feed_id TEXT NOT NULL REFERENCES feeds(id),
        item_key TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        url TEXT,
        title TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        first_seen_at INTEGER NOT NULL,
        UNIQUE (feed_id, item_key)
      ) STRICT;
      CREATE INDEX items_by_story ON items (story_id);

      -- Outbox: a row is written before a story is sent anywhere; unique per (channel, story).
      -- channel_id is a Discord channel id, or 'console' for console mode.
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (channel_id, story_id)
      ) STRICT;
      CREATE INDEX deliveries_pending ON deliveries (status, next_attempt_at) WHERE status = 'pending';
      CREATE INDEX deliveries_by_story ON deliveries (story_id);
    `);
  },
  // 2: the intelligence layer: topic index, clustering bands, full-text search, LLM summaries.
  (db) => {
    db.exec(`
      ALTER TABLE stories ADD COLUMN summary_source TEXT NOT NULL DEFAULT 'extractive';

      -- One row per (topic, story): "/news china" reads a short index range, newest first.
      CREATE TABLE story_topics (
        topic TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        published_at INTEGER NOT NULL,
        policy INTEGER NOT NULL,
        PRIMARY KEY (topic, story_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_topics_policy_recent ON story_topics (topic, policy, published_at DESC);
      CREATE INDEX story_topics_recent ON story_topics (topic, published_at DESC);
      CREATE INDEX story_topics_by_story ON story_topics (story_id);

      -- LSH band keys of recent stories: candidates for "the same story from another outlet".
      CREATE TABLE story_bands (
        band TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        published_at INTEGER NOT NULL,
        PRIMARY KEY (band, story_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_bands_by_story ON story_bands (story_id);
      CREATE INDEX story_bands_by_time ON story_bands (published_at);

      -- Full-text search over title, summary and the start of the body. Contentless: the text
      -- lives in stories; rowid = stories.id.
      CREATE VIRTUAL TABLE stories_fts USING fts5(
        title, summary, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Chinese and Japanese have no spaces between words: a trigram index for stories with CJK text.
      CREATE VIRTUAL TABLE stories_cjk USING fts5(text, tokenize = 'trigram');

      CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, substr(new.body, 1, 4000));
      END;
      CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
        DELETE FROM stories_fts WHERE rowid = old.id;
        DELETE FROM stories_cjk WHERE rowid = old.id;
      END;
      CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, summary, body ON stories BEGIN
        DELETE FROM stories_fts WHERE rowid = old.id;
        INSERT INTO stories_fts (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, substr(new.body, 1, 4000));
      END;

      -- LLM calls per UTC day, for SUMMARY_DAILY_BUDGET.
      CREATE TABLE llm_usage (day TEXT PRIMARY KEY, calls INTEGER NOT NULL) STRICT;

      -- Stories of version 1 databases were never indexed: index them now.
      INSERT INTO stories_fts (rowid, title, summary, body) SELECT id, title, summary, substr(body, 1, 4000) FROM stories;
      INSERT INTO story_topics (topic, story_id, published_at, policy)
        SELECT DISTINCT value, s.id, s.published_at, s.policy FROM stories s, json_each(s.topics);
    `);
  },
  // 3: Discord: per-server topic subscriptions, and what the delivery queue needs to send exactly once.
  (db) => {
    db.exec(`
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('instant', 'digest')),
        -- Digest mode: local time HH:MM in an IANA time zone.
        digest_time TEXT,
        timezone TEXT,
        -- Set when Discord refused a post (missing access, missing permissions, unknown channel).
        paused_reason TEXT,
        paused_at INTEGER,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (guild_id, channel_id, topic)
      ) STRICT;
      CREATE INDEX subscriptions_by_topic ON subscriptions (topic);
      CREATE INDEX subscriptions_by_channel ON subscriptions (channel_id);

      -- A digest is one message: recorded (with its nonce) before it is sent.
      CREATE TABLE digests (
        id INTEGER PRIMARY KEY,
        channel_id TEXT NOT NULL,
        -- The local day (YYYY-MM-DD in the subscription's zone) and time it is for.
        period TEXT NOT NULL,
        nonce TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (channel_id, period)
      ) STRICT;

      ALTER TABLE deliveries ADD COLUMN guild_id TEXT;
      ALTER TABLE deliveries ADD COLUMN subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL;
      ALTER TABLE deliveries ADD COLUMN mode TEXT NOT NULL DEFAULT 'instant';
      ALTER TABLE deliveries ADD COLUMN nonce TEXT;
      ALTER TABLE deliveries ADD COLUMN message_id TEXT;
      ALTER TABLE deliveries ADD COLUMN digest_id INTEGER REFERENCES digests(id);
      CREATE INDEX deliveries_by_channel ON deliveries (channel_id, status);
      CREATE INDEX deliveries_queue ON deliveries (status, mode, channel_id, id);
    `);
  },
  // 4: clustering fingerprints of recent stories, so candidates are compared without recomputing them.
  (db) => {
    db.exec(`
      CREATE TABLE story_fingerprints (
        story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        published_at INTEGER NOT NULL,
        fingerprint TEXT NOT NULL
      ) STRICT;
      CREATE INDEX story_fingerprints_by_time ON story_fingerprints (published_at);
    `);
  },
  // 5: cluster candidates are read per band, newest first.
  (db) => {
    db.exec('CREATE INDEX story_bands_recent ON story_bands (band, published_at DESC)');
  },
  // 6: cluster candidates come from an in-memory index built from story_fingerprints (ADR 9):
  // the band table cost 16 random-order index writes per story.
  (db) => {
    db.exec('DROP TABLE story_bands');
  },
  // 7: which tokeniser made a stored fingerprint: after a FINGERPRINT_VERSION bump, older ones are
  // neither indexed nor compared (their band keys and tokens would not match new ones).
  (db) => {
    db.exec('ALTER TABLE story_fingerprints ADD COLUMN version INTEGER NOT NULL DEFAULT 1');
  },
];
