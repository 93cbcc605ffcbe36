/**
 * The benchmark's JSON contract (`npm run bench -- --json`): one object on stdout with the fields
 * the issue names. Run small here; the numbers themselves are not asserted (targets are met in
 * the benchmark, never in timed tests).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, collect, ROOT } from './helpers/cli.js';

describe('npm run bench -- --json', () => {
  it('prints one JSON object with every field and nothing else on stdout', async () => {
    const result = await collect(
      spawn(
        process.execPath,
        [join(ROOT, 'dist', 'bench', 'run.js'), '--json', '--quick', '--stories', '3000'],
        { env: cleanEnv({}) },
      ),
      120_000,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] as string);
    expect(Object.keys(report.ingest).sort()).toEqual(
      expect.arrayContaining([
        'items',
        'itemsPerSec',
        'parseOnlyItemsPerSec',
        'storiesInDb',
        'maxWriteTxnMs',
      ]),
    );
    expect(Object.keys(report.query.shapes).sort()).toEqual([
      'alias',
      'since',
      'text',
      'textCommon',
      'topic',
    ]);
    for (const shape of Object.values(report.query.shapes) as Array<Record<string, number>>)
      expect(shape).toEqual({ p50Ms: expect.any(Number), p99Ms: expect.any(Number) });
    expect(report.poll).toMatchObject({
      feeds: 300,
      latencyMs: 50,
      cycleMs: expect.any(Number),
      idealMs: expect.any(Number),
      cpuMs: expect.any(Number),
    });
    expect(report.dispatch).toMatchObject({
      subscriptions: 10000,
      newStories: 100,
      planMs: expect.any(Number),
    });
    expect(report.post).toMatchObject({
      limitPerSec: 50,
      achievedPerSec: expect.any(Number),
      avoidable429: expect.any(Number),
    });
    expect(report.peakRssMb).toEqual(expect.any(Number));
    expect(report.ingest.storiesInDb).toBeGreaterThan(3000);
  }, 150_000);
});
