/**
 * The delivery queue (outbox). A row is written before a story is sent; the UNIQUE
 * (channel_id, story_id) key is what makes "at most once per channel" hold across crashes, and
 * the nonce stored before sending is what makes a retried send return the first message.
 */
import type { Db } from './database.js';

/** `console`: printed by console mode; `instant` and `digest`: sent to Discord by the dispatcher. */
export type DeliveryMode = 'instant' | 'digest' | 'console';

export interface PendingDelivery {
  id: number;
  channelId: string;
  storyId: number;
  attempts: number;
  nonce: string | null;
  guildId: string | null;
  subscriptionId: number | null;
}

export interface DeliveryMatch {
  channelId: string;
  guildId: string;
  storyId: number;
  subscriptionId: number;
  mode: DeliveryMode;
}

export interface Digest {
  id: number;
  channelId: string;
  period: string;
  nonce: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  storyIds: number[];
}

export interface DeliveryStore {
  /**
   * Queues stories for console mode's printer (mode `console`, never picked up by the Discord
   * dispatcher); stories already queued or sent there are skipped. Returns how many were queued.
   */
  enqueue(channelId: string, storyIds: readonly number[], now: number): number;
  /** Queues matched (channel, story) pairs in one transaction; duplicates are skipped. Returns how many were queued. */
  enqueueMatches(matches: readonly DeliveryMatch[], now: number): number;
  /** Pending deliveries that are due, oldest first (digest deliveries wait for their digest). */
  due(now: number, limit: number, channelId?: string): PendingDelivery[];
  /**
   * The oldest due instant delivery of each channel that is not paused, at most `limit` channels:
   * one per channel per round, so a backlog in one channel never starves the others.
   */
  dueRound(now: number, limit: number): PendingDelivery[];
  /** Records the nonce a delivery will be sent with (before sending). */
  setNonce(id: number, nonce: string): void;
  markSent(id: number, now: number, messageId?: string | null): void;
  /** Keeps the delivery pending, to be tried again at `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: number): void;
  /** Gives up on a delivery for good (it will not be posted). */
  markFailed(id: number, error: string): void;
  /** Drops pending deliveries of a channel whose stories were published before `publishedBefore`. */
  dropStale(channelId: string, publishedBefore: number): number;
  pendingCount(): number;
  /** Digest deliveries waiting in a channel, oldest first. */
  pendingDigest(channelId: string, limit: number): PendingDelivery[];
  /** Records a digest (before sending) with the deliveries it carries; returns the existing one for that channel and period. */
  createDigest(
    channelId: string,
    period: string,
    nonce: string,
    deliveryIds: readonly number[],
    now: number,
  ): Digest;
  /** Digests recorded but not yet sent (e.g. after a crash or a failed send), due now. */
  pendingDigests(now: number): Digest[];
  markDigestSent(digestId: number, now: number, messageId: string | null): void;
  retryDigestLater(digestId: number, error: string, nextAttemptAt: number): void;
  markDigestFailed(digestId: number, error: string): void;
}

interface DeliveryRow {
  id: number;
  channel_id: string;
  story_id: number;
  attempts: number;
  nonce: string | null;
  guild_id: string | null;
  subscription_id: number | null;
}

interface DigestRow {
  id: number;
  channel_id: string;
  period: string;
  nonce: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
}

/** Deliveries queued per write transaction. */
const ENQUEUE_CHUNK = 1000;

const COLUMNS = 'd.id, d.channel_id, d.story_id, d.attempts, d.nonce, d.guild_id, d.subscription_id';

export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO deliveries (channel_id, story_id, mode, created_at) VALUES (?, ?, 'console', ?)",
  );
  const insertMatch = db.prepare(
    'INSERT OR IGNORE INTO deliveries (channel_id, guild_id, story_id, subscription_id, mode, created_at) VALUES (@channelId, @guildId, @storyId, @subscriptionId, @mode, @now)',
  );
  const dueAll = db.prepare<[number, number], DeliveryRow>(
    `SELECT ${COLUMNS} FROM deliveries d WHERE d.status = 'pending' AND d.mode != 'digest' AND d.next_attempt_at <= ? ORDER BY d.id LIMIT ?`,
  );
  const dueChannel = db.prepare<[number, string, number], DeliveryRow>(
    `SELECT ${COLUMNS} FROM deliveries d WHERE d.status = 'pending' AND d.mode != 'digest' AND d.next_attempt_at <= ? AND d.channel_id = ? ORDER BY d.id LIMIT ?`,
  );
  const round = db.prepare<{ now: number; limit: number }, DeliveryRow>(
    `SELECT ${COLUMNS} FROM deliveries d JOIN (
       SELECT channel_id, min(id) AS id FROM deliveries
       WHERE status = 'pending' AND mode = 'instant' AND next_attempt_at <= @now
       GROUP BY channel_id
     ) first ON first.id = d.id
     WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.channel_id = d.channel_id AND s.paused_reason IS NOT NULL)
     ORDER BY d.id LIMIT @limit`,
  );
  const nonce = db.prepare('UPDATE deliveries SET nonce = ? WHERE id = ?');
  const sent = db.prepare(
    `UPDATE deliveries SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
  );
  const retry = db.prepare(
    `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
  );
  const failed = db.prepare(
    `UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`,
  );
  const stale = db.prepare(
    `UPDATE deliveries SET status = 'dropped', last_error = 'too old to post after the channel was paused'
     WHERE channel_id = ? AND status = 'pending' AND story_id IN (SELECT id FROM stories WHERE published_at < ?)`,
  );
  const pending = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`,
  );
  const pendingDigest = db.prepare<[string, number], DeliveryRow>(
    `SELECT ${COLUMNS} FROM deliveries d WHERE d.channel_id = ? AND d.status = 'pending' AND d.mode = 'digest' AND d.digest_id IS NULL ORDER BY d.id LIMIT ?`,
  );
  const digestByPeriod = db.prepare<[string, string], DigestRow>(
    'SELECT id, channel_id, period, nonce, status, attempts FROM digests WHERE channel_id = ? AND period = ?',
  );
  const insertDigest = db.prepare(
    'INSERT INTO digests (channel_id, period, nonce, created_at) VALUES (?, ?, ?, ?)',
  );
  const attach = db.prepare('UPDATE deliveries SET digest_id = ? WHERE id = ? AND digest_id IS NULL');
  const digestStories = db.prepare<[number], { story_id: number }>(
    'SELECT story_id FROM deliveries WHERE digest_id = ? ORDER BY id',
  );
  const pendingDigests = db.prepare<[number], DigestRow>(
    "SELECT id, channel_id, period, nonce, status, attempts FROM digests WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id",
  );
  const digestSent = db.prepare(
    `UPDATE digests SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
  );
  const digestDeliveriesSent = db.prepare(
    `UPDATE deliveries SET status = 'sent', sent_at = ?, message_id = ? WHERE digest_id = ?`,
  );
  const digestRetry = db.prepare(
    'UPDATE digests SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
  );
  const digestFailed = db.prepare(
    `UPDATE digests SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`,
  );
  const digestDeliveriesFailed = db.prepare(
    `UPDATE deliveries SET status = 'failed', last_error = ? WHERE digest_id = ?`,
  );

  const enqueueMany = db.transaction((channelId: string, storyIds: readonly number[], now: number) => {
    let n = 0;
    for (const storyId of storyIds) n += insert.run(channelId, storyId, now).changes;
    return n;
  });
  const enqueueMatches = db.transaction((matches: readonly DeliveryMatch[], now: number) => {
    let n = 0;
    for (const m of matches) n += insertMatch.run({ ...m, now }).changes;
    return n;
  });
  const toPending = (r: DeliveryRow): PendingDelivery => ({
    id: r.id,
    channelId: r.channel_id,
    storyId: r.story_id,
    attempts: r.attempts,
    nonce: r.nonce,
    guildId: r.guild_id,
    subscriptionId: r.subscription_id,
  });
  const toDigest = (r: DigestRow): Digest => ({
    id: r.id,
    channelId: r.channel_id,
    period: r.period,
    nonce: r.nonce,
    status: r.status,
    attempts: r.attempts,
    storyIds: digestStories.all(r.id).map((s) => s.story_id),
  });
  const createDigest = db.transaction(
    (
      channelId: string,
      period: string,
      digestNonce: string,
      deliveryIds: readonly number[],
      now: number,
    ): Digest => {
      const existing = digestByPeriod.get(channelId, period);
      if (existing) return toDigest(existing);
      const id = Number(insertDigest.run(channelId, period, digestNonce, now).lastInsertRowid);
      for (const deliveryId of deliveryIds) attach.run(id, deliveryId);
      return toDigest(digestByPeriod.get(channelId, period) as DigestRow);
    },
  );

  return {
    enqueue: (channelId, storyIds, now) =>
      storyIds.length === 0 ? 0 : enqueueMany.immediate(channelId, storyIds, now),
    enqueueMatches: (matches, now) => {
      // Bounded transactions: a story that matches thousands of channels must not hold the write lock long.
      let n = 0;
      for (let i = 0; i < matches.length; i += ENQUEUE_CHUNK)
        n += enqueueMatches.immediate(matches.slice(i, i + ENQUEUE_CHUNK), now);
      return n;
    },
    due: (now, limit, channelId) =>
      (channelId === undefined ? dueAll.all(now, limit) : dueChannel.all(now, channelId, limit)).map(
        toPending,
      ),
    dueRound: (now, limit) => round.all({ now, limit }).map(toPending),
    setNonce: (id, value) => void nonce.run(value, id),
    markSent: (id, now, messageId = null) => void sent.run(now, messageId, id),
    retryLater: (id, error, nextAttemptAt) => void retry.run(error.slice(0, 500), nextAttemptAt, id),
    markFailed: (id, error) => void failed.run(error.slice(0, 500), id),
    dropStale: (channelId, publishedBefore) => stale.run(channelId, publishedBefore).changes,
    pendingCount: () => pending.get()?.n ?? 0,
    pendingDigest: (channelId, limit) => pendingDigest.all(channelId, limit).map(toPending),
    createDigest: (channelId, period, digestNonce, deliveryIds, now) =>
      createDigest.immediate(channelId, period, digestNonce, deliveryIds, now),
    pendingDigests: (now) => pendingDigests.all(now).map(toDigest),
    markDigestSent: (digestId, now, messageId) =>
      db
        .transaction(() => {
          digestSent.run(now, messageId, digestId);
          digestDeliveriesSent.run(now, messageId, digestId);
        })
        .immediate(),
    retryDigestLater: (digestId, error, nextAttemptAt) =>
      void digestRetry.run(error.slice(0, 500), nextAttemptAt, digestId),
    markDigestFailed: (digestId, error) =>
      db
        .transaction(() => {
          digestFailed.run(error.slice(0, 500), digestId);
          digestDeliveriesFailed.run(error.slice(0, 500), digestId);
        })
        .immediate(),
  };
}
