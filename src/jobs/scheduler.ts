/**
 * Wires a job to cron. The job never overlaps itself: a tick that arrives while the previous run
 * is still going is skipped (and logged), not queued.
 */
import cron from 'node-cron';
import type { Logger } from '../log.js';

export interface Scheduler {
  /** Runs the job now unless a run is already going; resolves when that run ends. */
  runNow(): Promise<void>;
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function scheduleJob(
  expression: string,
  job: () => Promise<void>,
  log: Logger,
  name = 'poll',
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      log.warn({ job: name }, 'previous run still going; this tick is skipped');
      return running;
    }
    running = job()
      .catch((error: unknown) => log.error({ err: error, job: name }, 'scheduled run failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = cron.schedule(expression, () => void runNow(), { name, noOverlap: true });
  return {
    runNow,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
  };
}
