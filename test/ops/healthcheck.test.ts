import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHealthcheck } from '../../src/ops/healthcheck.js';
import { type HealthServer, startHealthServer } from '../../src/ops/healthServer.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { collect, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

const HEALTHCHECK = join(ROOT, 'dist', 'src', 'ops', 'healthcheck.js');

const open: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(live: boolean): Promise<HealthServer> {
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    metrics: createMetrics(),
    live: () => live,
    ready: () => ({ ready: false, reasons: ['first poll not finished'] }),
  });
  open.push(server);
  return server;
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('runHealthcheck', () => {
  it('passes without asking anything when HEALTH_PORT is unset or empty', async () => {
    expect((await runHealthcheck({})).code).toBe(0);
    expect((await runHealthcheck({ HEALTH_PORT: ' ' })).code).toBe(0);
  });

  it('passes when /livez answers 200, whatever readiness says', async () => {
    const server = await serve(true);
    expect(await runHealthcheck({ HEALTH_PORT: String(server.port) })).toEqual({
      code: 0,
      message: `http://127.0.0.1:${server.port}/livez: 200`,
    });
  });

  it('fails when /livez answers 503', async () => {
    const server = await serve(false);
    expect(await runHealthcheck({ HEALTH_PORT: String(server.port) })).toMatchObject({
      code: 1,
      message: expect.stringContaining(': 503'),
    });
  });

  it('fails when nothing listens or the answer is too slow', async () => {
    expect((await runHealthcheck({ HEALTH_PORT: String(await freePort()) })).code).toBe(1);
    const slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      expect(
        (await runHealthcheck({ HEALTH_PORT: String((slow.address() as AddressInfo).port) }, 300)).code,
      ).toBe(1);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('fails on a HEALTH_PORT that is not a port', async () => {
    for (const value of ['abc', '0', '70000', '80.5', '-1']) {
      expect((await runHealthcheck({ HEALTH_PORT: value })).code, value).toBe(1);
    }
  });
});

describe('dist/src/ops/healthcheck.js (the container HEALTHCHECK command)', () => {
  const run = (env: Record<string, string>, cwd: string) =>
    collect(spawn(process.execPath, [HEALTHCHECK], { cwd, env: { PATH: process.env.PATH, ...env } }), 10_000);

  it('exits 0 with HEALTH_PORT unset, 0 when live, 1 when not', async () => {
    const dir = tempDir();
    try {
      expect((await run({}, dir.path)).code).toBe(0);
      const live = await serve(true);
      const ok = await run({ HEALTH_PORT: String(live.port) }, dir.path);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('/livez: 200');
      const dead = await serve(false);
      expect((await run({ HEALTH_PORT: String(dead.port) }, dir.path)).code).toBe(1);
    } finally {
      dir.cleanup();
    }
  });

  it('reads HEALTH_PORT from a .env in the working directory, as the bot does', async () => {
    const dir = tempDir();
    try {
      const dead = await serve(false);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(dir.file('.env'), `HEALTH_PORT=${dead.port}\n`);
      expect((await run({}, dir.path)).code).toBe(1);
    } finally {
      dir.cleanup();
    }
  });
});
