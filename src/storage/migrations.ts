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
];
