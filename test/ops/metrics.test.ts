import { describe, expect, it } from 'vitest';
import { createMetrics, MAX_DISCORD_ERROR_CODES } from '../../src/ops/metrics.js';
import { realisticReport, sample } from './helpers.js';

describe('createMetrics', () => {
  it('records a poll run: runs, duration, items, stories, outcomes, failures per feed, last success', async () => {
    const metrics = createMetrics();
    const report = realisticReport();
    metrics.recordPoll(report);
    const text = await metrics.registry.metrics();

    expect(sample(text, 'policywire_polls_total{result="completed"}')).toBe(1);
    expect(sample(text, 'policywire_polls_total{result="aborted"}')).toBe(0);
    expect(sample(text, 'policywire_poll_duration_seconds_count')).toBe(1);
    expect(sample(text, 'policywire_poll_duration_seconds_sum')).toBe(3.25);
    expect(sample(text, 'policywire_poll_duration_seconds_bucket{le="2.5"}')).toBe(0);
    expect(sample(text, 'policywire_poll_duration_seconds_bucket{le="5"}')).toBe(1);
    expect(sample(text, 'policywire_items_stored_total')).toBe(23);
    expect(sample(text, 'policywire_new_stories_total')).toBe(2);
    expect(sample(text, 'policywire_feed_polls_total{outcome="ok"}')).toBe(2);
    expect(sample(text, 'policywire_feed_polls_total{outcome="not-modified"}')).toBe(1);
    expect(sample(text, 'policywire_feed_polls_total{outcome="parse-error"}')).toBe(0);
    expect(sample(text, 'policywire_feed_failures_total{feed="cftc-press",outcome="http-error"}')).toBe(1);
    expect(
      sample(text, 'policywire_feed_failures_total{feed="coindesk-policy",outcome="network-error"}'),
    ).toBe(1);
    expect(text).not.toContain('feed="sec-press"');
    expect(sample(text, 'policywire_last_successful_poll_timestamp_seconds')).toBe(report.finishedAt / 1000);
  });

  it('accumulates over runs', async () => {
    const metrics = createMetrics();
    metrics.recordPoll(realisticReport());
    metrics.recordPoll(
      realisticReport({ startedAt: 0, finishedAt: 500, feeds: [], newItems: 0, newStoryIds: [], failed: 0 }),
    );
    const text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_polls_total{result="completed"}')).toBe(2);
    expect(sample(text, 'policywire_poll_duration_seconds_count')).toBe(2);
    expect(sample(text, 'policywire_items_stored_total')).toBe(23);
  });

  it('does not count a run in which every fetched feed failed as a success', async () => {
    const metrics = createMetrics();
    const ok = realisticReport();
    metrics.recordPoll(ok);
    const base = realisticReport();
    const down = realisticReport({
      startedAt: ok.finishedAt + 600_000,
      finishedAt: ok.finishedAt + 601_000,
      feeds: base.feeds.map((f) => ({
        ...f,
        outcome: 'network-error' as const,
        newItems: 0,
        newStoryIds: [],
      })),
      newItems: 0,
      newStoryIds: [],
      failed: base.feeds.length,
    });
    metrics.recordPoll(down);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_last_successful_poll_timestamp_seconds')).toBe(ok.finishedAt / 1000);
    expect(sample(text, 'policywire_feed_failures_total{feed="sec-press",outcome="network-error"}')).toBe(1);
  });

  it('counts a run with no feed due as a success and an aborted run as neither success nor duration', async () => {
    const metrics = createMetrics();
    metrics.recordPoll(
      realisticReport({
        startedAt: 1_000_000,
        finishedAt: 1_002_000,
        feeds: [],
        newItems: 0,
        newStoryIds: [],
        failed: 0,
      }),
    );
    metrics.recordPoll(realisticReport({ startedAt: 2_000_000, finishedAt: 2_001_000, aborted: true }));
    const text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_last_successful_poll_timestamp_seconds')).toBe(1_002);
    expect(sample(text, 'policywire_polls_total{result="aborted"}')).toBe(1);
    expect(sample(text, 'policywire_poll_duration_seconds_count')).toBe(1);
  });

  it('reports 0 as the last success before any poll', async () => {
    const text = await createMetrics().registry.metrics();
    expect(sample(text, 'policywire_last_successful_poll_timestamp_seconds')).toBe(0);
  });

  it('records deliveries by outcome and the queue depth', async () => {
    const metrics = createMetrics();
    metrics.recordDelivery('sent');
    metrics.recordDelivery('sent');
    metrics.recordDelivery('retry');
    metrics.recordDelivery('paused');
    metrics.setQueueDepth(17);
    let text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_deliveries_total{outcome="sent"}')).toBe(2);
    expect(sample(text, 'policywire_deliveries_total{outcome="retry"}')).toBe(1);
    expect(sample(text, 'policywire_deliveries_total{outcome="failed"}')).toBe(0);
    expect(sample(text, 'policywire_deliveries_total{outcome="paused"}')).toBe(1);
    expect(sample(text, 'policywire_delivery_queue_depth')).toBe(17);
    metrics.setQueueDepth(Number.NaN);
    text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_delivery_queue_depth')).toBe(0);
  });

  it('records Discord errors by code and keeps the label bounded', async () => {
    const metrics = createMetrics();
    metrics.recordDiscordError('429');
    metrics.recordDiscordError('429');
    metrics.recordDiscordError('50013');
    metrics.recordDiscordError('5XX');
    metrics.recordDiscordError('https://discord.com/api/channels/123 failed');
    for (let i = 0; i < MAX_DISCORD_ERROR_CODES + 10; i++) metrics.recordDiscordError(String(60_000 + i));
    const text = await metrics.registry.metrics();
    expect(sample(text, 'policywire_discord_errors_total{code="429"}')).toBe(2);
    expect(sample(text, 'policywire_discord_errors_total{code="50013"}')).toBe(1);
    expect(sample(text, 'policywire_discord_errors_total{code="5xx"}')).toBe(1);
    const codes = text.split('\n').filter((l) => l.startsWith('policywire_discord_errors_total{'));
    expect(codes.length).toBe(MAX_DISCORD_ERROR_CODES + 1);
    // 1 non-numeric code + 13 numeric codes past the cap (3 slots were taken by 429, 50013, 5xx).
    expect(sample(text, 'policywire_discord_errors_total{code="other"}')).toBe(1 + 13);
  });

  it('prefixes every metric, default process metrics included, and gives each a help text', async () => {
    const text = await createMetrics().registry.metrics();
    const names = text
      .split('\n')
      .filter((l) => l.startsWith('# HELP '))
      .map((l) => l.split(' ')[2] ?? '');
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(name).toMatch(/^policywire_/);
    for (const line of text.split('\n').filter((l) => l.startsWith('# HELP ')))
      expect(line.split(' ').length).toBeGreaterThan(3);
    expect(names).toContain('policywire_process_cpu_seconds_total');
    expect(names).toContain('policywire_nodejs_eventloop_lag_seconds');
  });

  it('keeps registries apart: many can exist in one process, none in the global default', async () => {
    const { register } = await import('prom-client');
    const a = createMetrics();
    const b = createMetrics();
    a.recordDelivery('sent');
    expect(sample(await a.registry.metrics(), 'policywire_deliveries_total{outcome="sent"}')).toBe(1);
    expect(sample(await b.registry.metrics(), 'policywire_deliveries_total{outcome="sent"}')).toBe(0);
    expect(register.getSingleMetric('policywire_polls_total')).toBeUndefined();
  });
});
