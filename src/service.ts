/**
 * The long-running service behind `npm start`: the poller plus either the Discord bot (when a
 * token is set) or console mode. Both deliver through the same queue.
 */
import { commands } from '../commands/index.js';
import type { App } from './app.js';
import { isAutoPostable } from './core/match.js';
import { toPost } from './core/post.js';
import { renderPostText } from './core/render.js';
import { runDaemon } from './daemon.js';
import { type Bot, startBot } from './discord/bot.js';
import { createDiscordPoster } from './discord/poster.js';
import type { CommandDeps } from './discord/types.js';
import {
  type DispatchDeps,
  drainQueue,
  queueNewStories,
  resumeChannel,
  runDueDigests,
} from './jobs/dispatch.js';
import type { PollReport } from './jobs/pollFeeds.js';

export const CONSOLE_CHANNEL = 'console';
const DELIVERY_INTERVAL_MS = 5_000;
const PAUSED_RECHECK_MS = 10 * 60_000;
/** How long a poll run waits for its posts before the next run may start. */
const MAX_POST_WAIT_MS = 60_000;

export interface ServiceHandles {
  bot?: Bot;
  /** Runs a poll now (after the start-up poll); resolves when it and its dispatch are done. */
  pollNow: () => Promise<void>;
  /** Runs a delivery pass now (due digests, then the instant queue). */
  deliverNow: () => Promise<void>;
}

export interface ServiceOptions {
  /** Resolves when the service should stop (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
  /** Where console mode prints posts (default stdout). */
  print?: (text: string) => void;
  /** Called once the service is up (Discord: logged in), with handles to run a poll or a delivery pass now. */
  onReady?: (info: ServiceHandles) => void;
  /** Called after each poll run. */
  onReport?: (report: PollReport) => void;
  onDeliveryOutcome?: (outcome: 'sent' | 'retry' | 'paused' | 'failed') => void;
  onDiscordError?: (code: string) => void;
}

/** Console mode: new policy stories are queued for the `console` channel and printed. */
export async function runConsoleMode(app: App, options: ServiceOptions = {}): Promise<void> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n\n`));
  const drain = () => {
    for (;;) {
      const due = app.deliveries.due(app.clock(), 100, CONSOLE_CHANNEL);
      if (due.length === 0) return;
      const stories = new Map(app.stories.byIds(due.map((d) => d.storyId)).map((s) => [s.id, s]));
      for (const delivery of due) {
        const story = stories.get(delivery.storyId);
        if (story) print(renderPostText(toPost(story)));
        app.deliveries.markSent(delivery.id, app.clock());
      }
    }
  };
  app.log.info('no DISCORD_TOKEN: console mode, new policy stories are printed here');
  // Anything queued before a crash is printed first.
  drain();
  await runDaemon(app, {
    ...(options.until ? { until: options.until } : {}),
    onStarted: (pollNow) => options.onReady?.({ pollNow, deliverNow: async () => drain() }),
    onReport: (report) => {
      const now = app.clock();
      const fresh = app.stories.byIds(report.newStoryIds).filter((s) => isAutoPostable(s, now));
      app.deliveries.enqueue(
        CONSOLE_CHANNEL,
        fresh.map((s) => s.id),
        now,
      );
      drain();
      options.onReport?.(report);
    },
  });
}

/** Discord mode: log in, answer commands, post new stories to subscribed channels, send digests. */
export async function runDiscordMode(app: App, token: string, options: ServiceOptions = {}): Promise<void> {
  const { log } = app;
  const dispatch: DispatchDeps = {
    stories: app.stories,
    subscriptions: app.subscriptions,
    deliveries: app.deliveries,
    // Replaced right after login, before anything can be sent.
    poster: { post: async () => ({ status: 'retry', reason: 'not logged in yet' }) },
    clock: app.clock,
    log,
    ...(options.onDeliveryOutcome ? { onOutcome: options.onDeliveryOutcome } : {}),
  };
  const commandDeps: CommandDeps = {
    stories: app.stories,
    feeds: app.feeds,
    subscriptions: app.subscriptions,
    deliveries: app.deliveries,
    clock: app.clock,
    log,
    subscriptionLimit: app.config.subscriptionLimit,
    resumeChannel: (channelId) => void resumeChannel(dispatch, channelId),
  };
  const bot = await startBot({
    token,
    apiUrl: app.config.discordApiUrl,
    commands,
    deps: commandDeps,
    subscriptions: app.subscriptions,
    log,
  });
  dispatch.poster = createDiscordPoster(bot.rest, options.onDiscordError);
  const stop = new AbortController();

  // One sender at a time: rounds are sequential, sends within a round concurrent. A request that
  // arrives during a pass makes the pass run once more, so nothing queued meanwhile waits a tick.
  let sending: Promise<void> | null = null;
  let again = false;
  const send = (): Promise<void> => {
    if (sending) {
      again = true;
      return sending;
    }
    sending = (async () => {
      do {
        again = false;
        try {
          await runDueDigests(dispatch);
          await drainQueue(dispatch, stop.signal);
        } catch (error) {
          log.error({ err: error }, 'delivery run failed');
        }
      } while (again && !stop.signal.aborted);
    })().finally(() => {
      sending = null;
    });
    return sending;
  };
  const timers = [
    setInterval(() => void send(), DELIVERY_INTERVAL_MS),
    setInterval(() => bot.recheckPaused(), PAUSED_RECHECK_MS),
  ];
  bot.recheckPaused();
  void send();
  try {
    await runDaemon(app, {
      ...(options.until ? { until: options.until } : {}),
      onStarted: (pollNow) => options.onReady?.({ bot, pollNow, deliverNow: send }),
      onReport: async (report) => {
        queueNewStories(dispatch, report.newStoryIds);
        options.onReport?.(report);
        // Posting is part of the poll run, but a long backlog (thousands of channels at Discord's
        // 50 requests/s) must not hold up the next poll: after a while the sender goes on alone.
        await Promise.race([send(), new Promise((resolve) => setTimeout(resolve, MAX_POST_WAIT_MS).unref())]);
      },
    });
  } finally {
    for (const t of timers) clearInterval(t);
    stop.abort();
    if (sending) await sending;
    await bot.stop();
  }
}
