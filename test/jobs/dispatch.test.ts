import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  indexByTopic,
  type MatchableStory,
  type MatchableSubscription,
  matchStories,
} from '../../src/core/match.js';
import type { NormalizedItem } from '../../src/core/types.js';
import {
  type DispatchDeps,
  deliverRound,
  drainQueue,
  queueNewStories,
  resumeChannel,
  retryDelay,
  runDueDigests,
} from '../../src/jobs/dispatch.js';
import { type Db, openDatabase } from '../../src/storage/database.js';
import { createSqliteDeliveryStore } from '../../src/storage/deliveryStore.js';
import { createSqliteFeedStore } from '../../src/storage/feedStore.js';
import { createSqliteStoryStore } from '../../src/storage/storyStore.js';
import { createSqliteSubscriptionStore } from '../../src/storage/subscriptionStore.js';
import { createFakePoster } from '../helpers/fakePoster.js';

const HOUR = 3_600_000;
let now = Date.parse('2025-11-20T12:00:00Z');
let db: Db;
let deps: DispatchDeps;
let seq = 0;

function addStories(
  n: number,
  topics: string[],
  opts: { policy?: boolean; ageHours?: number; backlog?: boolean } = {},
): number[] {
  const items = Array.from({ length: n }, () => {
    seq++;
    const item: NormalizedItem = {
      key: `k${seq}`,
      url: `https://n.example/${seq}`,
      title: `Story ${seq}`,
      body: `Body ${seq}`,
      author: null,
      categories: [],
      publishedAt: now - (opts.ageHours ?? 1) * HOUR + seq,
      undated: false,
    };
    return {
      item,
      summary: `Summary ${seq}`,
      classification: { topics, policy: opts.policy ?? true, relevance: 1 },
    };
  });
  return deps.stories.ingest('f', items, { now, backlog: opts.backlog ?? false }).newStoryIds;
}

beforeEach(() => {
  now = Date.parse('2025-11-20T12:00:00Z');
  db = openDatabase(':memory:');
  createSqliteFeedStore(db).sync(
    [{ id: 'f', name: 'Feed F', url: 'https://f.example/', kind: 'media', jurisdictions: [] }],
    now,
  );
  deps = {
    stories: createSqliteStoryStore(db),
    subscriptions: createSqliteSubscriptionStore(db),
    deliveries: createSqliteDeliveryStore(db),
    poster: createFakePoster(),
    clock: () => now,
    log: pino({ level: 'silent' }),
    random: () => 0.5,
  };
});
afterEach(() => db.close());

const sub = (
  channelId: string,
  topic: string,
  mode: 'instant' | 'digest' = 'instant',
  extra: { digestTime?: string; timezone?: string } = {},
) => deps.subscriptions.upsert({ guildId: 'g1', channelId, topic, mode, ...extra }, now).subscription;

describe('matchStories', () => {
  const story = (id: number, topics: string[], over: Partial<MatchableStory> = {}): MatchableStory => ({
    id,
    topics,
    policy: true,
    backlog: false,
    publishedAt: now - HOUR,
    ...over,
  });
  const subs: MatchableSubscription[] = [
    { id: 1, guildId: 'g', channelId: 'c1', topic: 'china', mode: 'digest' },
    { id: 2, guildId: 'g', channelId: 'c1', topic: 'stablecoins', mode: 'instant' },
    { id: 3, guildId: 'g', channelId: 'c2', topic: 'china', mode: 'instant' },
  ];
  it('matches each (channel, story) once, instant winning over digest', () => {
    const matches = matchStories([story(10, ['china', 'stablecoins'])], indexByTopic(subs), now);
    expect(matches).toEqual([
      { channelId: 'c1', guildId: 'g', storyId: 10, subscriptionId: 2, mode: 'instant' },
      { channelId: 'c2', guildId: 'g', storyId: 10, subscriptionId: 3, mode: 'instant' },
    ]);
  });
  it('skips backlog, non-policy stories and stories older than 48 hours', () => {
    const stories = [
      story(1, ['china'], { backlog: true }),
      story(2, ['china'], { policy: false }),
      story(3, ['china'], { publishedAt: now - 49 * HOUR }),
    ];
    expect(matchStories(stories, indexByTopic(subs), now)).toEqual([]);
  });
});

describe('dispatch', () => {
  it('queues matches and posts each story once per channel', async () => {
    sub('c1', 'china');
    sub('c2', 'china');
    const ids = addStories(2, ['china']);
    expect(queueNewStories(deps, ids)).toBe(4);
    expect(queueNewStories(deps, ids)).toBe(0);
    await drainQueue(deps);
    const poster = deps.poster as ReturnType<typeof createFakePoster>;
    expect(
      poster.sent
        .map((p) => `${p.channelId}:${p.message.kind === 'story' ? p.message.post.storyId : ''}`)
        .sort(),
    ).toEqual([`c1:${ids[0]}`, `c1:${ids[1]}`, `c2:${ids[0]}`, `c2:${ids[1]}`].sort());
    expect(new Set(poster.sent.map((p) => p.nonce)).size).toBe(4);
    await drainQueue(deps);
    expect(poster.sent).toHaveLength(4);
  });

  it('spreads a backlog fairly: one story per channel per round', async () => {
    sub('busy', 'china');
    sub('quiet', 'eu');
    queueNewStories(deps, addStories(10, ['china']));
    queueNewStories(deps, addStories(1, ['eu']));
    const round = await deliverRound(deps);
    expect(round.sent).toBe(2);
    const poster = deps.poster as ReturnType<typeof createFakePoster>;
    expect(poster.sent.map((p) => p.channelId).sort()).toEqual(['busy', 'quiet']);
  });

  it('retries later with backoff, keeping the same nonce, and never drops during an outage', async () => {
    let down = true;
    const poster = createFakePoster(() =>
      down ? { status: 'retry', reason: 'Discord HTTP 503' } : { status: 'sent', messageId: 'm1' },
    );
    deps.poster = poster;
    sub('c1', 'china');
    queueNewStories(deps, addStories(1, ['china']));
    for (let i = 0; i < 5; i++) {
      await drainQueue(deps);
      now += retryDelay(i, undefined, () => 0.5) + 1;
    }
    expect(deps.deliveries.pendingCount()).toBe(1);
    down = false;
    now += 24 * HOUR;
    await drainQueue(deps);
    expect(deps.deliveries.pendingCount()).toBe(0);
    expect(new Set(poster.sent.map((p) => p.nonce)).size).toBe(1);
    expect(poster.sent).toHaveLength(6);
  });

  it('pauses a channel that refuses posts, keeps its queue, resumes and drops what became too old', async () => {
    let refused = true;
    deps.poster = createFakePoster(() =>
      refused
        ? { status: 'paused', reason: 'Missing Permissions', code: 50013 }
        : { status: 'sent', messageId: 'm' },
    );
    sub('c1', 'china');
    queueNewStories(deps, addStories(3, ['china']));
    await drainQueue(deps);
    expect(deps.subscriptions.forGuild('g1')[0]?.pausedReason).toBe('Missing Permissions');
    expect(deps.deliveries.dueRound(now, 10)).toEqual([]);
    // New stories keep matching? No: paused subscriptions are not active.
    expect(queueNewStories(deps, addStories(1, ['china']))).toBe(0);
    refused = false;
    now += 50 * HOUR;
    resumeChannel(deps, 'c1');
    expect(deps.subscriptions.forGuild('g1')[0]?.pausedReason).toBeNull();
    await drainQueue(deps);
    expect(deps.deliveries.pendingCount()).toBe(0);
    const poster = deps.poster as ReturnType<typeof createFakePoster>;
    expect(poster.sent.filter((p) => p.channelId === 'c1')).toHaveLength(1);
  });

  it('never sends console-mode rows to Discord', async () => {
    deps.deliveries.enqueue('console', addStories(2, ['china']), now);
    expect(deps.deliveries.dueRound(now, 10)).toEqual([]);
    await drainQueue(deps);
    expect((deps.poster as ReturnType<typeof createFakePoster>).sent).toHaveLength(0);
  });

  it('gives up on a delivery Discord will never accept', async () => {
    deps.poster = createFakePoster(() => ({
      status: 'failed',
      reason: 'Discord refused the message: 400 50035',
    }));
    sub('c1', 'china');
    queueNewStories(deps, addStories(1, ['china']));
    await drainQueue(deps);
    expect(deps.deliveries.pendingCount()).toBe(0);
    expect(db.prepare('SELECT status, last_error FROM deliveries').get()).toEqual({
      status: 'failed',
      last_error: 'Discord refused the message: 400 50035',
    });
  });
});

describe('digests', () => {
  it('sends one digest per channel per day at the local time, with at most ten stories', async () => {
    sub('d1', 'eu', 'digest', { digestTime: '09:00', timezone: 'Asia/Tokyo' });
    now = Date.parse('2025-11-20T12:00:00Z'); // 21:00 in Tokyo: today's 09:00 has passed, but the subscription is newer
    queueNewStories(deps, addStories(12, ['eu']));
    expect(await runDueDigests(deps)).toBe(0);
    now = Date.parse('2025-11-20T23:59:00Z'); // 08:59 on the 21st in Tokyo
    expect(await runDueDigests(deps)).toBe(0);
    now = Date.parse('2025-11-21T00:00:00Z'); // 09:00 in Tokyo
    expect(await runDueDigests(deps)).toBe(1);
    const poster = deps.poster as ReturnType<typeof createFakePoster>;
    const [digest] = poster.sent;
    expect(digest?.message.kind).toBe('digest');
    if (digest?.message.kind === 'digest') {
      expect(digest.message.posts).toHaveLength(10);
      expect(digest.message.title).toBe('Policy digest — 2025-11-21 (10 stories)');
    }
    now += HOUR;
    expect(await runDueDigests(deps)).toBe(0);
    expect(deps.deliveries.pendingCount()).toBe(0);
  });

  it('resends a digest recorded before a crash with the same nonce', async () => {
    let fail = true;
    const poster = createFakePoster(() =>
      fail ? { status: 'retry', reason: 'network' } : { status: 'sent', messageId: 'm' },
    );
    deps.poster = poster;
    sub('d1', 'eu', 'digest', { digestTime: '09:00', timezone: 'UTC' });
    now = Date.parse('2025-11-21T08:00:00Z');
    queueNewStories(deps, addStories(2, ['eu']));
    now = Date.parse('2025-11-21T09:05:00Z');
    await runDueDigests(deps);
    fail = false;
    now += HOUR;
    expect(await runDueDigests(deps)).toBe(1);
    expect(poster.sent).toHaveLength(2);
    expect(poster.sent[0]?.nonce).toBe(poster.sent[1]?.nonce);
  });
});
