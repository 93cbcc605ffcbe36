/** Shared by the ops tests: a realistic PollReport and a reader for Prometheus text. */
import type { PollReport } from '../../src/jobs/pollFeeds.js';

/** A run over five feeds as the poller reports it: fresh items, a 304, a backlog poll and two failures. */
export function realisticReport(overrides: Partial<PollReport> = {}): PollReport {
  const startedAt = Date.parse('2025-11-26T06:00:00Z');
  return {
    startedAt,
    finishedAt: startedAt + 3_250,
    sync: { added: ['bis-press'], updated: [], deactivated: [], reactivated: [] },
    feeds: [
      {
        feedId: 'sec-press',
        name: 'SEC press releases',
        outcome: 'ok',
        newItems: 3,
        newStoryIds: [101, 102],
        baseline: false,
        durationMs: 812,
      },
      {
        feedId: 'esma-news',
        name: 'ESMA news',
        outcome: 'not-modified',
        newItems: 0,
        newStoryIds: [],
        baseline: false,
        durationMs: 95,
      },
      {
        feedId: 'bis-press',
        name: 'BIS press releases',
        outcome: 'ok',
        newItems: 20,
        newStoryIds: [],
        baseline: true,
        durationMs: 1_430,
      },
      {
        feedId: 'cftc-press',
        name: 'CFTC press releases',
        outcome: 'http-error',
        newItems: 0,
        newStoryIds: [],
        baseline: false,
        error: 'HTTP 403',
        durationMs: 210,
      },
      {
        feedId: 'coindesk-policy',
        name: 'CoinDesk policy',
        outcome: 'network-error',
        newItems: 0,
        newStoryIds: [],
        baseline: false,
        error: 'timed out after 15000 ms',
        durationMs: 15_000,
      },
    ],
    newItems: 23,
    newStoryIds: [101, 102],
    failed: 2,
    aborted: false,
    ...overrides,
  };
}

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
