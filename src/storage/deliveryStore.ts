/**
 * The delivery queue (outbox). A row is written before a story is sent; the UNIQUE
 * (channel_id, story_id) key is what makes "at most once per channel" hold across crashes.
 */
import type { Db } from './database.js';

export interface PendingDelivery {
  id: number;
  channelId: string;
  storyId: number;
  attempts: number;
}

export interface DeliveryStore {
  /** Queues the stories for a channel; stories already queued or sent there are skipped. Returns how many were queued. */
  enqueue(channelId: string, storyIds: readonly number[], now: number): number;
  /** Pending deliveries that are due, oldest first. */
  due(now: number, limit: number, channelId?: string): PendingDelivery[];
  markSent(id: number, now: number): void;
  /** Keeps the delivery pending, to be tried again at `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: number): void;
  /** Gives up on a delivery for good (it will not be posted). */
  markFailed(id: number, error: string): void;
  pendingCount(): number;
}

interface DeliveryRow {
  id: number;
  channel_id: string;
  story_id: number;
  attempts: number;
}

export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  const insert = db.prepare('INSERT OR IGNORE INTO deliveries (channel_id, story_id, created_at) VALUES (?, ?, ?)');
  const dueAll = db.prepare<[number, number], DeliveryRow>(
    `SELECT id, channel_id, story_id, attempts FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
  );
  const dueChannel = db.prepare<[number, string, number], DeliveryRow>(
    `SELECT id, channel_id, story_id, attempts FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND channel_id = ? ORDER BY id LIMIT ?`,
  );
  const sent = db.prepare(`UPDATE deliveries SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`);
  const retry = db.prepare(`UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`);
  const failed = db.prepare(`UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`);
  const pending = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`);
  const enqueueMany = db.transaction((channelId: string, storyIds: readonly number[], now: number) => {
    let n = 0;
    for (const storyId of storyIds) n += insert.run(channelId, storyId, now).changes;
    return n;
  });
  const toPending = (r: DeliveryRow): PendingDelivery => ({ id: r.id, channelId: r.channel_id, storyId: r.story_id, attempts: r.attempts });
  return {
    enqueue: (channelId, storyIds, now) => (storyIds.length === 0 ? 0 : enqueueMany.immediate(channelId, storyIds, now)),
    due: (now, limit, channelId) => (channelId === undefined ? dueAll.all(now, limit) : dueChannel.all(now, channelId, limit)).map(toPending),
    markSent: (id, now) => void sent.run(now, id),
    retryLater: (id, error, nextAttemptAt) => void retry.run(error.slice(0, 500), nextAttemptAt, id),
    markFailed: (id, error) => void failed.run(error.slice(0, 500), id),
    pendingCount: () => pending.get()?.n ?? 0,
  };
}
