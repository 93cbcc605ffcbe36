/**
 * Per-server topic subscriptions: which channel gets which topic, instantly or as a daily digest,
 * and whether Discord has refused posting there (paused, with the reason).
 */
import type { Db } from './database.js';

export type SubscriptionMode = 'instant' | 'digest';

export interface Subscription {
  id: number;
  guildId: string;
  channelId: string;
  topic: string;
  mode: SubscriptionMode;
  digestTime: string | null;
  timezone: string | null;
  pausedReason: string | null;
  pausedAt: number | null;
  createdBy: string | null;
  createdAt: number;
}

export interface SubscriptionInput {
  guildId: string;
  channelId: string;
  topic: string;
  mode: SubscriptionMode;
  digestTime?: string | null;
  timezone?: string | null;
  createdBy?: string | null;
}

export interface SubscriptionStore {
  /** Creates or updates (and un-pauses) the subscription of a channel to a topic. */
  upsert(input: SubscriptionInput, now: number): { subscription: Subscription; created: boolean };
  remove(guildId: string, channelId: string, topic: string): boolean;
  forGuild(guildId: string): Subscription[];
  countForGuild(guildId: string): number;
  /** Active (not paused) subscriptions, for matching new stories. */
  active(): Subscription[];
  /** Active digest subscriptions. */
  digests(): Subscription[];
  paused(): Subscription[];
  pauseChannel(channelId: string, reason: string, now: number): number;
  resumeChannel(channelId: string, now: number): number;
  /** The bot left (or was removed from) a server: its subscriptions and queued posts go. */
  removeGuild(guildId: string): number;
  /** A channel was deleted: its subscriptions and queued posts go. */
  removeChannel(channelId: string): number;
  count(): number;
}

interface Row {
  id: number;
  guild_id: string;
  channel_id: string;
  topic: string;
  mode: string;
  digest_time: string | null;
  timezone: string | null;
  paused_reason: string | null;
  paused_at: number | null;
  created_by: string | null;
  created_at: number;
}

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  guildId: r.guild_id,
  channelId: r.channel_id,
  topic: r.topic,
  mode: r.mode as SubscriptionMode,
  digestTime: r.digest_time,
  timezone: r.timezone,
  pausedReason: r.paused_reason,
  pausedAt: r.paused_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createSqliteSubscriptionStore(db: Db): SubscriptionStore {
  const select = db.prepare<[string, string, string], Row>(
    'SELECT * FROM subscriptions WHERE guild_id = ? AND channel_id = ? AND topic = ?',
  );
  const insert = db.prepare(
    `INSERT INTO subscriptions (guild_id, channel_id, topic, mode, digest_time, timezone, created_by, created_at, updated_at)
     VALUES (@guildId, @channelId, @topic, @mode, @digestTime, @timezone, @createdBy, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE subscriptions SET mode = @mode, digest_time = @digestTime, timezone = @timezone, paused_reason = NULL, paused_at = NULL, updated_at = @now
     WHERE id = @id`,
  );
  const del = db.prepare('DELETE FROM subscriptions WHERE guild_id = ? AND channel_id = ? AND topic = ?');
  const byGuild = db.prepare<[string], Row>(
    'SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY channel_id, topic',
  );
  const countGuild = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM subscriptions WHERE guild_id = ?',
  );
  const active = db.prepare<[], Row>('SELECT * FROM subscriptions WHERE paused_reason IS NULL');
  const paused = db.prepare<[], Row>('SELECT * FROM subscriptions WHERE paused_reason IS NOT NULL');
  const pause = db.prepare(
    'UPDATE subscriptions SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE channel_id = ? AND paused_reason IS NULL',
  );
  const resume = db.prepare(
    'UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = ? WHERE channel_id = ? AND paused_reason IS NOT NULL',
  );
  const dropGuildDeliveries = db.prepare("DELETE FROM deliveries WHERE guild_id = ? AND status = 'pending'");
  const dropChannelDeliveries = db.prepare(
    "DELETE FROM deliveries WHERE channel_id = ? AND status = 'pending'",
  );
  const delGuild = db.prepare('DELETE FROM subscriptions WHERE guild_id = ?');
  const delChannel = db.prepare('DELETE FROM subscriptions WHERE channel_id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM subscriptions');

  // Matching reads every active subscription after each poll; they change rarely and only through
  // this store (slash commands, pause/resume), so the list is cached until the next write here.
  let activeCache: Subscription[] | undefined;
  const listActive = (): Subscription[] => {
    activeCache ??= active.all().map(toSubscription);
    return activeCache;
  };
  const changed = <T>(result: T): T => {
    activeCache = undefined;
    return result;
  };

  const upsert = db.transaction((input: SubscriptionInput, now: number) => {
    const params = {
      ...input,
      digestTime: input.digestTime ?? null,
      timezone: input.timezone ?? null,
      createdBy: input.createdBy ?? null,
      now,
    };
    const existing = select.get(input.guildId, input.channelId, input.topic);
    if (existing) update.run({ ...params, id: existing.id });
    else insert.run(params);
    const row = select.get(input.guildId, input.channelId, input.topic) as Row;
    return { subscription: toSubscription(row), created: !existing };
  });

  return {
    upsert: (input, now) => changed(upsert.immediate(input, now)),
    remove: (guildId, channelId, topic) => changed(del.run(guildId, channelId, topic).changes > 0),
    forGuild: (guildId) => byGuild.all(guildId).map(toSubscription),
    countForGuild: (guildId) => countGuild.get(guildId)?.n ?? 0,
    active: listActive,
    digests: () => listActive().filter((s) => s.mode === 'digest'),
    paused: () => paused.all().map(toSubscription),
    pauseChannel: (channelId, reason, now) =>
      changed(pause.run(reason.slice(0, 300), now, now, channelId).changes),
    resumeChannel: (channelId, now) => changed(resume.run(now, channelId).changes),
    removeGuild: (guildId) =>
      changed(
        db
          .transaction(() => {
            dropGuildDeliveries.run(guildId);
            return delGuild.run(guildId).changes;
          })
          .immediate(),
      ),
    removeChannel: (channelId) =>
      changed(
        db
          .transaction(() => {
            dropChannelDeliveries.run(channelId);
            return delChannel.run(channelId).changes;
          })
          .immediate(),
      ),
    count: () => count.get()?.n ?? 0,
  };
}
