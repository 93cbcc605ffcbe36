/**
 * Matching new stories to subscriptions: pure, so it can be measured and tested alone.
 * A story goes to a channel at most once, whichever of the channel's topics it matched.
 */

export interface MatchableStory {
  id: number;
  topics: readonly string[];
  policy: boolean;
  backlog: boolean;
  publishedAt: number;
}

export interface MatchableSubscription {
  id: number;
  guildId: string;
  channelId: string;
  topic: string;
  mode: 'instant' | 'digest';
}

export interface Match {
  channelId: string;
  guildId: string;
  storyId: number;
  subscriptionId: number;
  mode: 'instant' | 'digest';
}

/** Stories older than this are never auto-posted. */
export const MAX_AUTO_POST_AGE_MS = 48 * 3_600_000;

/** Indexes subscriptions by topic once, so matching costs O(stories × topics × matches). */
export function indexByTopic<S extends MatchableSubscription>(subscriptions: readonly S[]): Map<string, S[]> {
  const index = new Map<string, S[]>();
  for (const s of subscriptions) {
    const list = index.get(s.topic);
    if (list) list.push(s);
    else index.set(s.topic, [s]);
  }
  return index;
}

/** May this story be posted automatically: policy, not backlog, not older than MAX_AUTO_POST_AGE_MS. */
export function isAutoPostable(
  story: Pick<MatchableStory, 'policy' | 'backlog' | 'publishedAt'>,
  now: number,
): boolean {
  return story.policy && !story.backlog && now - story.publishedAt <= MAX_AUTO_POST_AGE_MS;
}

/**
 * Returns one match per (channel, story) for the policy stories that may be auto-posted: not
 * backlog, not older than MAX_AUTO_POST_AGE_MS. Where a channel has both an instant and a
 * digest subscription that match, instant wins.
 */
export function matchStories(
  stories: readonly MatchableStory[],
  byTopic: ReadonlyMap<string, readonly MatchableSubscription[]>,
  now: number,
): Match[] {
  const matches: Match[] = [];
  for (const story of stories) {
    if (!isAutoPostable(story, now)) continue;
    const perChannel = new Map<string, Match>();
    for (const topic of story.topics) {
      for (const sub of byTopic.get(topic) ?? []) {
        const existing = perChannel.get(sub.channelId);
        if (existing && (existing.mode === 'instant' || sub.mode === 'digest')) continue;
        perChannel.set(sub.channelId, {
          channelId: sub.channelId,
          guildId: sub.guildId,
          storyId: story.id,
          subscriptionId: sub.id,
          mode: sub.mode,
        });
      }
    }
    for (const m of perChannel.values()) matches.push(m);
  }
  return matches;
}
