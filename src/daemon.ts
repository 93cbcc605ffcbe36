/**
 * The long-running loop shared by `npm start` and `policywire poll`: poll once at start, then on
 * POLL_CRON, never overlapping, until SIGINT/SIGTERM. On a signal the run in progress is stopped
 * (in-flight fetches aborted; a write in progress finishes or rolls back as one transaction) and
 * the function returns so the caller can close the database.
 */
import type { App } from './app.js';
import type { PollReport } from './jobs/pollFeeds.js';
import { scheduleJob } from './jobs/scheduler.js';

export interface DaemonOptions {
  /** Called after every poll run, e.g. to dispatch new stories. */
  onReport?: (report: PollReport) => void | Promise<void>;
  /** Resolves when the daemon should stop; defaults to the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Receives a function that runs a poll now (unless one is running), e.g. for tests and admin tools. */
  onStarted?: (pollNow: () => Promise<void>) => void;
}

export async function runDaemon(app: App, options: DaemonOptions = {}): Promise<void> {
  const controller = new AbortController();
  const log = app.log;
  const scheduler = scheduleJob(
    app.config.pollCron,
    async () => {
      const report = await app.poll(controller.signal);
      if (!controller.signal.aborted) await options.onReport?.(report);
    },
    log,
  );
  const stopSignal =
    options.until ??
    new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
  log.info(
    { cron: app.config.pollCron, feedsFile: app.config.feedsFile, db: app.config.dbPath },
    'poller started',
  );
  const first = scheduler.runNow();
  options.onStarted?.(async () => {
    await first;
    await scheduler.runNow();
  });
  const reason = await stopSignal;
  log.info({ reason }, 'stopping');
  controller.abort();
  await scheduler.stop();
}
