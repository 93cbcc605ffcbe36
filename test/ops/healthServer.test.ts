import { Agent, createServer, request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, type ReadinessState, startHealthServer } from '../../src/ops/healthServer.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { createReadiness } from '../../src/ops/readiness.js';
import { realisticReport, sample } from './helpers.js';

const open: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

interface Probe {
  live: boolean;
  ready: ReadinessState;
}

async function start(
  overrides: {
    metrics?: Metrics;
    live?: () => boolean;
    ready?: () => ReadinessState;
    log?: { info(o: object, m: string): void; warn(o: object, m: string): void };
  } = {},
) {
  const probe: Probe = { live: true, ready: { ready: true, reasons: [] } };
  const metrics = overrides.metrics ?? createMetrics();
  const server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    metrics,
    live: overrides.live ?? (() => probe.live),
    ready: overrides.ready ?? (() => probe.ready),
    ...(overrides.log ? { log: overrides.log } : {}),
  });
  open.push(server);
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  return { server, probe, metrics, url };
}

/** Sends raw bytes and returns everything the server writes back before closing the connection. */
function raw(port: number, bytes: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got ${JSON.stringify(data)}`));
    }, timeoutMs);
    socket.on('data', (d) => {
      data += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.write(bytes);
  });
}

describe('startHealthServer', () => {
  it('answers /livez with 200 ok while live and 503 when not', async () => {
    const { probe, url } = await start();
    let res = await fetch(url('/livez'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
    expect(res.headers.get('cache-control')).toBe('no-store');
    probe.live = false;
    res = await fetch(url('/livez'));
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('not live\n');
  });

  it('answers /readyz with JSON and flips with readiness', async () => {
    const readiness = createReadiness({
      firstPoll: 'first poll not finished',
      discord: 'Discord not connected',
    });
    const { url } = await start({ ready: readiness.state });
    let res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      ready: false,
      reasons: ['first poll not finished', 'Discord not connected'],
    });

    readiness.clear('firstPoll');
    res = await fetch(url('/readyz'));
    expect(await res.json()).toEqual({ ready: false, reasons: ['Discord not connected'] });

    readiness.clear('discord');
    res = await fetch(url('/readyz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true });

    readiness.block('discord', 'Discord connection lost');
    res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reasons: ['Discord connection lost'] });
  });

  it('treats a throwing check as failing, not as a crash', async () => {
    const { url } = await start({
      live: () => {
        throw new Error('boom');
      },
      ready: () => {
        throw new Error('boom');
      },
    });
    expect((await fetch(url('/livez'))).status).toBe(503);
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reasons: ['readiness check threw an error'] });
    expect((await fetch(url('/livez'))).status).toBe(503);
  });

  it('gives a reason when not ready without one', async () => {
    const { url } = await start({ ready: () => ({ ready: false, reasons: [] }) });
    expect(await (await fetch(url('/readyz'))).json()).toEqual({ ready: false, reasons: ['not ready'] });
  });

  it('serves the recorded values on /metrics with the registry content type', async () => {
    const { metrics, url } = await start();
    const report = realisticReport();
    metrics.recordPoll(report);
    metrics.recordDelivery('sent');
    metrics.setQueueDepth(4);
    metrics.recordDiscordError('429');
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.registry.contentType);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'policywire_polls_total{result="completed"}')).toBe(1);
    expect(sample(text, 'policywire_items_stored_total')).toBe(23);
    expect(sample(text, 'policywire_new_stories_total')).toBe(2);
    expect(sample(text, 'policywire_poll_duration_seconds_sum')).toBe(3.25);
    expect(sample(text, 'policywire_feed_failures_total{feed="cftc-press",outcome="http-error"}')).toBe(1);
    expect(sample(text, 'policywire_last_successful_poll_timestamp_seconds')).toBe(report.finishedAt / 1000);
    expect(sample(text, 'policywire_deliveries_total{outcome="sent"}')).toBe(1);
    expect(sample(text, 'policywire_delivery_queue_depth')).toBe(4);
    expect(sample(text, 'policywire_discord_errors_total{code="429"}')).toBe(1);
    expect(text).toContain('# HELP policywire_process_resident_memory_bytes');
  });

  it('answers 404 for other paths and ignores the query string', async () => {
    const { url } = await start();
    for (const path of ['/', '/health', '/metrics/', '/livez/extra', '/..%2fetc/passwd']) {
      const res = await fetch(url(path));
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(url('/livez?verbose=1'))).status).toBe(200);
  });

  it('answers 405 with Allow for methods other than GET and HEAD', async () => {
    const { url } = await start();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetch(url('/metrics'), {
        method,
        ...(method === 'POST' || method === 'PUT' ? { body: 'x'.repeat(1000) } : {}),
      });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const { url } = await start();
    const res = await fetch(url('/livez'), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('3');
    expect(await res.text()).toBe('');
  });

  it('does not read request bodies: it answers and closes the connection', async () => {
    const { server } = await start();
    // Announces 100 MB and sends 10 bytes: waiting for the body would hang until the timeout.
    const reply = await raw(
      server.port,
      'POST /livez HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n0123456789',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 405 /);
    expect(reply.toLowerCase()).toContain('connection: close');
  });

  it('answers malformed requests with 400 and keeps serving', async () => {
    const { server, url } = await start();
    expect(await raw(server.port, 'this is not http\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(server.port, 'GET /livez HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 400 /,
    );
    expect(
      await raw(server.port, `GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 431 /);
    expect(await raw(server.port, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03')).toMatch(
      /^HTTP\/1\.1 400 /,
    );
    expect((await fetch(url('/livez'))).status).toBe(200);
  });

  it('drops a client that never finishes its headers within the headers timeout', async () => {
    const { server, url } = await start();
    const started = Date.now();
    const reply = await raw(server.port, 'GET /livez HTTP/1.1\r\nHost: x\r\n', 9_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect((await fetch(url('/livez'))).status).toBe(200);
  });

  it('handles an absolute-form request target', async () => {
    const { server } = await start();
    expect(
      await raw(
        server.port,
        'GET http://example.org/livez HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n',
      ),
    ).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers 500 and logs when collecting metrics fails', async () => {
    const metrics = createMetrics();
    const warnings: string[] = [];
    const broken: Metrics = {
      ...metrics,
      registry: Object.assign(Object.create(metrics.registry), {
        metrics: () => Promise.reject(new Error('collect failed')),
      }),
    };
    const { url } = await start({
      metrics: broken,
      log: { info: () => {}, warn: (_o, m) => void warnings.push(m) },
    });
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(500);
    expect(warnings).toEqual(['health endpoint handler failed']);
    expect((await fetch(url('/livez'))).status).toBe(200);
  });

  it('logs where it listens', async () => {
    const lines: Array<[object, string]> = [];
    const { server } = await start({ log: { info: (o, m) => void lines.push([o, m]), warn: () => {} } });
    expect(lines).toEqual([[{ host: '127.0.0.1', port: server.port }, 'health endpoint listening']]);
  });

  it('rejects when the port is taken', async () => {
    const { server } = await start();
    await expect(
      startHealthServer({
        port: server.port,
        host: '127.0.0.1',
        metrics: createMetrics(),
        live: () => true,
        ready: () => ({ ready: true, reasons: [] }),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('close() frees the port, drops keep-alive connections and can be called twice', async () => {
    const { server, url } = await start();
    const port = server.port;
    // A keep-alive connection left open must not keep close() waiting.
    await new Promise<void>((resolve, reject) => {
      const req = request(url('/livez'), { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(url('/livez'))).rejects.toThrow();
    const other = createServer();
    await new Promise<void>((resolve, reject) => {
      other.once('error', reject);
      other.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });
});
