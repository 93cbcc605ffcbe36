import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { scheduleJob } from '../../src/jobs/scheduler.js';

describe('scheduleJob', () => {
  it('never overlaps a run: a tick during a run is skipped, not queued', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    let release!: () => void;
    const job = () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise<void>((resolve) => {
        release = () => {
          active--;
          resolve();
        };
      });
    };
    const scheduler = scheduleJob('0 0 1 1 *', job, pino({ level: 'silent' }));
    const first = scheduler.runNow();
    const second = scheduler.runNow();
    const third = scheduler.runNow();
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second, third]);
    expect(maxActive).toBe(1);
    const next = scheduler.runNow();
    expect(runs).toBe(2);
    release();
    await next;
    await scheduler.stop();
    await scheduler.runNow();
    expect(runs).toBe(2);
  });

  it('keeps scheduling after a run fails', async () => {
    let runs = 0;
    const scheduler = scheduleJob(
      '0 0 1 1 *',
      async () => {
        runs++;
        throw new Error('boom');
      },
      pino({ level: 'silent' }),
    );
    await scheduler.runNow();
    await scheduler.runNow();
    expect(runs).toBe(2);
    await scheduler.stop();
  });
});
