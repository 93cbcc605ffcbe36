/**
 * `npm start`: the composition root. Settings → database and migrations → stores → pipeline →
 * (Discord client when DISCORD_TOKEN is set, else console mode) → scheduler.
 */
import { openApp, toPost } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import { renderPostText } from './core/render.js';
import { UserError } from './errors.js';
import { runDaemon } from './daemon.js';
import type { PollReport } from './jobs/pollFeeds.js';
import { createLogger } from './log.js';

/** Stories older than this are never auto-posted, whatever the queue says. */
export const MAX_AUTO_POST_AGE_MS = 48 * 3_600_000;
const CONSOLE_CHANNEL = 'console';

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const app = openApp(config, log);
  try {
    if (config.discordToken) {
      log.error('Discord mode is not available in this build yet; unset DISCORD_TOKEN to run in console mode');
      return 1;
    }
    log.info('no DISCORD_TOKEN: console mode, new policy stories are printed here');
    const drain = () => {
      for (;;) {
        const due = app.deliveries.due(Date.now(), 100, CONSOLE_CHANNEL);
        if (due.length === 0) return;
        const stories = new Map(app.stories.byIds(due.map((d) => d.storyId)).map((s) => [s.id, s]));
        for (const delivery of due) {
          const story = stories.get(delivery.storyId);
          if (story) process.stdout.write(`${renderPostText(toPost(story))}\n\n`);
          app.deliveries.markSent(delivery.id, Date.now());
        }
      }
    };
    const onReport = (report: PollReport) => {
      const now = Date.now();
      const fresh = app.stories.byIds(report.newStoryIds).filter((s) => s.policy && now - s.publishedAt <= MAX_AUTO_POST_AGE_MS);
      app.deliveries.enqueue(CONSOLE_CHANNEL, fresh.map((s) => s.id), now);
      drain();
    };
    // Anything queued before a crash is printed first.
    drain();
    await runDaemon(app, { onReport });
    return 0;
  } finally {
    app.close();
    log.info('stopped');
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) process.stderr.write(`policywire: ${error.message}\n`);
    else process.stderr.write(`policywire: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
