/**
 * Dispatch: new stories → matching subscriptions → the delivery queue → the channel poster.
 * Exactly once per channel: the queue row (unique per channel and story) and its nonce are
 * written before anything is sent; a send repeated after a crash carries the same nonce.
 */
import { randomBytes } from 'node:crypto';
import { dueDigestPeriod } from '../core/digestTime.js';
import { indexByTopic, MAX_AUTO_POST_AGE_MS, matchStories } from '../core/match.js';
import { toPost } from '../core/post.js';
import type { Post } from '../core/types.js';
import type { Logger } from '../log.js';
import type { DeliveryStore, PendingDelivery } from '../storage/deliveryStore.js';
import type { StoryStore } from '../storage/storyStore.js';
import type { SubscriptionStore } from '../storage/subscriptionStore.js';
import { backoffDelay } from './backoff.js';
import { mapConcurrent } from './concurrency.js';

/** What a channel receives: one story, or a digest of several. */
export type OutgoingMessage =
  | { kind: 'story'; post: Post }
  | { kind: 'digest'; posts: Post[]; title: string };

/** How a send ended, in the terms the queue needs. */
export type PostResult =
  | { status: 'sent'; messageId: string | null }
  /** The channel refuses us (missing access or permissions, unknown channel): pause its subscriptions. */
  | { status: 'paused'; reason: string; code?: number }
  /** Worth trying again later (rate limit, Discord 5xx, network). */
  | { status: 'retry'; reason: string; retryAfterMs?: number }
  /** Will never work (the request itself is wrong): give up on this delivery. */
  | { status: 'failed'; reason: string };

/** The seam to Discord (or anything else that posts to channels). */
export interface ChannelPoster {
  post(channelId: string, message: OutgoingMessage, nonce: string): Promise<PostResult>;
}

export interface DispatchDeps {
  stories: StoryStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  poster: ChannelPoster;
  clock: () => number;
  log: Logger;
  random?: () => number;
  /** Sends in flight at once, across channels (default 8). */
  concurrency?: number;
  /** Called after each send with its outcome (metrics). */
  onOutcome?: (outcome: PostResult['status']) => void;
}

export const MAX_DIGEST_STORIES = 10;
const RETRY_BASE_MS = 15_000;
const RETRY_CAP_MS = 30 * 60_000;

/** A Discord nonce: at most 25 characters, unique per send intent. */
export function newNonce(): string {
  return `pw${randomBytes(10).toString('hex')}`.slice(0, 25);
}

/** Backoff for a delivery that failed `attempts` times: 15 s doubling to 30 min, with jitter, or the server's Retry-After. */
export function retryDelay(
  attempts: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  return backoffDelay(attempts, RETRY_BASE_MS, RETRY_CAP_MS, retryAfterMs, random);
}

/** Matches new stories against every active subscription and queues the deliveries. Returns how many were queued. */
export function queueNewStories(deps: DispatchDeps, storyIds: readonly number[]): number {
  if (storyIds.length === 0) return 0;
  const now = deps.clock();
  const stories = deps.stories.byIds(storyIds);
  const byTopic = indexByTopic(deps.subscriptions.active());
  // A story can match thousands of channels: match and queue a few stories at a time, so memory
  // and each write transaction stay bounded.
  let queued = 0;
  for (let i = 0; i < stories.length; i += 10)
    queued += deps.deliveries.enqueueMatches(matchStories(stories.slice(i, i + 10), byTopic, now), now);
  if (queued > 0) deps.log.info({ stories: stories.length, queued }, 'deliveries queued');
  return queued;
}

export interface RoundResult {
  sent: number;
  retried: number;
  failed: number;
  paused: number;
}

/**
 * Sends one round: the oldest due delivery of each unpaused channel (so a backlog in one channel
 * never starves another), up to `maxChannels`, several at a time. discord.js's REST queue keeps
 * each route within its rate limit and honours 429s.
 */
export async function deliverRound(deps: DispatchDeps, maxChannels = 50): Promise<RoundResult> {
  const result: RoundResult = { sent: 0, retried: 0, failed: 0, paused: 0 };
  const due = deps.deliveries.dueRound(deps.clock(), maxChannels);
  if (due.length === 0) return result;
  const stories = new Map(deps.stories.byIds(due.map((d) => d.storyId)).map((s) => [s.id, s]));
  await mapConcurrent(due, deps.concurrency ?? 8, async (delivery) => {
    const story = stories.get(delivery.storyId);
    if (!story) {
      deps.deliveries.markFailed(delivery.id, 'story no longer stored');
      result.failed++;
      return;
    }
    const outcome = await sendDelivery(deps, delivery, { kind: 'story', post: toPost(story) });
    result[
      outcome === 'sent'
        ? 'sent'
        : outcome === 'retry'
          ? 'retried'
          : outcome === 'paused'
            ? 'paused'
            : 'failed'
    ]++;
  });
  return result;
}

async function sendDelivery(
  deps: DispatchDeps,
  delivery: PendingDelivery,
  message: OutgoingMessage,
): Promise<PostResult['status']> {
  // Record the intent before sending: a crash after the send repeats it with the same nonce.
  let nonce = delivery.nonce;
  if (!nonce) {
    nonce = newNonce();
    deps.deliveries.setNonce(delivery.id, nonce);
  }
  const result = await deps.poster.post(delivery.channelId, message, nonce);
  const now = deps.clock();
  const log = deps.log.child({
    deliveryId: delivery.id,
    channelId: delivery.channelId,
    storyId: delivery.storyId,
  });
  switch (result.status) {
    case 'sent':
      deps.deliveries.markSent(delivery.id, now, result.messageId);
      break;
    case 'retry':
      deps.deliveries.retryLater(
        delivery.id,
        result.reason,
        now + retryDelay(delivery.attempts, result.retryAfterMs, deps.random),
      );
      log.warn({ reason: result.reason }, 'delivery will be retried');
      break;
    case 'paused': {
      const paused = deps.subscriptions.pauseChannel(delivery.channelId, result.reason, now);
      log.warn(
        { reason: result.reason, subscriptions: paused },
        'channel refused the post; its subscriptions are paused',
      );
      break;
    }
    case 'failed':
      deps.deliveries.markFailed(delivery.id, result.reason);
      log.error({ reason: result.reason }, 'delivery failed for good');
      break;
  }
  deps.onOutcome?.(result.status);
  return result.status;
}

/** Sends rounds until nothing is due (or `signal` aborts). */
export async function drainQueue(deps: DispatchDeps, signal?: AbortSignal): Promise<RoundResult> {
  const total: RoundResult = { sent: 0, retried: 0, failed: 0, paused: 0 };
  while (!signal?.aborted) {
    const round = await deliverRound(deps);
    total.sent += round.sent;
    total.retried += round.retried;
    total.failed += round.failed;
    total.paused += round.paused;
    if (round.sent + round.retried + round.failed + round.paused === 0) break;
  }
  return total;
}

/**
 * Sends the digests that are due at `clock()`: for each digest subscription whose local time has
 * come today, one message per channel and period with up to MAX_DIGEST_STORIES queued stories.
 * Digests recorded earlier but not sent (crash, outage) are sent first, with their nonce.
 */
export async function runDueDigests(deps: DispatchDeps): Promise<number> {
  let sent = 0;
  const now = deps.clock();
  for (const digest of deps.deliveries.pendingDigests(now)) {
    if (
      await sendDigest(
        deps,
        digest.id,
        digest.channelId,
        digest.period,
        digest.nonce,
        digest.storyIds,
        digest.attempts,
      )
    )
      sent++;
  }
  const seen = new Set<string>();
  for (const sub of deps.subscriptions.digests()) {
    const period = dueDigestPeriod(now, sub.digestTime ?? '09:00', sub.timezone ?? 'UTC', sub.createdAt);
    if (!period || seen.has(`${sub.channelId} ${period}`)) continue;
    seen.add(`${sub.channelId} ${period}`);
    const waiting = deps.deliveries.pendingDigest(sub.channelId, 1000);
    if (waiting.length === 0) continue;
    const stories = new Map(deps.stories.byIds(waiting.map((w) => w.storyId)).map((s) => [s.id, s]));
    // The newest stories make the digest; anything older than the auto-post age is left out.
    const chosen = waiting
      .filter((w) => {
        const story = stories.get(w.storyId);
        return story !== undefined && now - story.publishedAt <= MAX_AUTO_POST_AGE_MS + 24 * 3_600_000;
      })
      .sort((a, b) => (stories.get(b.storyId)?.publishedAt ?? 0) - (stories.get(a.storyId)?.publishedAt ?? 0))
      .slice(0, MAX_DIGEST_STORIES);
    const chosenIds = new Set(chosen.map((c) => c.id));
    for (const w of waiting)
      if (!chosenIds.has(w.id))
        deps.deliveries.markFailed(w.id, 'not among the newest stories of its digest');
    if (chosen.length === 0) continue;
    const digest = deps.deliveries.createDigest(
      sub.channelId,
      period,
      newNonce(),
      chosen.map((c) => c.id),
      now,
    );
    if (digest.status !== 'pending') continue;
    if (
      await sendDigest(
        deps,
        digest.id,
        digest.channelId,
        period,
        digest.nonce,
        digest.storyIds,
        digest.attempts,
      )
    )
      sent++;
  }
  return sent;
}

async function sendDigest(
  deps: DispatchDeps,
  digestId: number,
  channelId: string,
  period: string,
  nonce: string,
  storyIds: number[],
  attempts: number,
): Promise<boolean> {
  const posts = deps.stories.byIds(storyIds).map(toPost);
  if (posts.length === 0) {
    deps.deliveries.markDigestFailed(digestId, 'its stories are no longer stored');
    return false;
  }
  const title = `Policy digest — ${period.slice(0, 10)} (${posts.length} ${posts.length === 1 ? 'story' : 'stories'})`;
  const result = await deps.poster.post(channelId, { kind: 'digest', posts, title }, nonce);
  const now = deps.clock();
  switch (result.status) {
    case 'sent':
      deps.deliveries.markDigestSent(digestId, now, result.messageId);
      break;
    case 'retry':
      deps.deliveries.retryDigestLater(
        digestId,
        result.reason,
        now + retryDelay(attempts, result.retryAfterMs, deps.random),
      );
      break;
    case 'paused':
      deps.deliveries.retryDigestLater(digestId, result.reason, now + RETRY_CAP_MS);
      deps.subscriptions.pauseChannel(channelId, result.reason, now);
      break;
    case 'failed':
      deps.deliveries.markDigestFailed(digestId, result.reason);
      break;
  }
  deps.onOutcome?.(result.status);
  return result.status === 'sent';
}

/** After a channel is fixed: resume its subscriptions and drop what became too old to post meanwhile. */
export function resumeChannel(
  deps: Pick<DispatchDeps, 'subscriptions' | 'deliveries' | 'clock' | 'log'>,
  channelId: string,
): number {
  const now = deps.clock();
  const resumed = deps.subscriptions.resumeChannel(channelId, now);
  if (resumed > 0) {
    const dropped = deps.deliveries.dropStale(channelId, now - MAX_AUTO_POST_AGE_MS);
    deps.log.info({ channelId, resumed, dropped }, 'channel subscriptions resumed');
  }
  return resumed;
}
