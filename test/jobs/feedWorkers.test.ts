/**
 * Feed workers (jobs/feedWorkers.ts) with the compiled worker script from dist/ (`npm test` builds
 * first): real worker threads, real documents.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedDefinition } from '../../src/core/types.js';
import type { ParseOutcome } from '../../src/feeds/parseFeed.js';
import { createDefaultEnricher } from '../../src/intelligence.js';
import { inThreadProcessor } from '../../src/jobs/feedProcessor.js';
import { createFeedWorkers, type FeedWorkers, workerLimitsFor } from '../../src/jobs/feedWorkers.js';
import { collect, ROOT } from '../helpers/cli.js';
import { rss, startFeedServer } from '../helpers/feedServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { createTestApp } from '../helpers/testApp.js';

const SCRIPT = pathToFileURL(join(ROOT, 'dist', 'src', 'jobs', 'feedWorker.js'));
const silent = pino({ level: 'silent' });
const NOW = Date.parse('2026-11-20T12:00:00Z');
const options = { baseUrl: 'https://news.example/feed', now: NOW, contentType: 'application/rss+xml' };
const feed: FeedDefinition = {
  id: 'f',
  name: 'F',
  url: 'https://news.example/feed',
  kind: 'media',
  jurisdictions: [],
};

const document = Buffer.from(
  rss([
    {
      title: 'SEC sues Binance and CEO Changpeng Zhao',
      link: 'https://news.example/a?utm_source=x',
      pubDate: 'Thu, 19 Nov 2026 10:00:00 GMT',
      description: '&lt;p&gt;The US Securities and Exchange Commission sued Binance on Monday.&lt;/p&gt;',
    },
    {
      title: '中国人民银行发布数字人民币新规',
      link: 'https://news.example/b',
      pubDate: 'Thu, 19 Nov 2026 11:00:00 GMT',
      description: '中国人民银行周四发布了关于数字人民币的新规定。',
    },
  ]),
);

/** A document of about `mb` megabytes of items (`maxBytes` must allow it). */
function bigDocument(mb: number): Buffer {
  const paragraph = 'The regulator said the exchange failed to register and must pay a penalty. '.repeat(40);
  const parts = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const item = `<item><title>Item ${i}</title><link>https://x.example/${i}</link><description>${paragraph}</description></item>`;
    parts.push(item);
    size += item.length;
  }
  parts.push('</channel></rss>');
  return Buffer.from(parts.join(''));
}

let workers: FeedWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe('feed workers', () => {
  it('parse and enrich exactly as the main thread does', async () => {
    workers = createFeedWorkers({ size: 1, script: SCRIPT, log: silent });
    const here = inThreadProcessor(createDefaultEnricher());
    const [there, local] = await Promise.all([
      workers.parse(document, options),
      here.parse(document, options),
    ]);
    expect(there).toEqual(local);
    expect(there.ok && there.feed.items).toHaveLength(2);
    const items = (local as Extract<ParseOutcome, { ok: true }>).feed.items;
    const prepared = await workers.enrich(items, feed);
    expect(prepared).toEqual(await here.enrich(items, feed));
    expect(prepared[0]?.classification.topics).toEqual(expect.arrayContaining(['us', 'enforcement']));
    expect(prepared[1]?.classification.topics).toContain('china');
  });

  it('answer every request when there are more documents than workers, each with its own result', async () => {
    workers = createFeedWorkers({ size: 2, script: SCRIPT, log: silent });
    const docs = Array.from({ length: 9 }, (_, i) =>
      Buffer.from(rss([{ title: `Story number ${i}`, link: `https://news.example/${i}` }], `Feed ${i}`)),
    );
    const results = await Promise.all(docs.map((doc) => (workers as FeedWorkers).parse(doc, options)));
    expect(results.map((r) => r.ok && r.feed.title)).toEqual(docs.map((_, i) => `Feed ${i}`));
  });

  it('fail only the document that exhausts a worker’s heap; the next one gets a new worker', async () => {
    workers = createFeedWorkers({
      size: 1,
      script: SCRIPT,
      log: silent,
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    await expect(workers.parse(bigDocument(10), { ...options, maxBytes: 20 * 1024 * 1024 })).rejects.toThrow(
      /ran out of memory \(limit 16 MB\)/,
    );
    const next = await workers.parse(document, options);
    expect(next.ok && next.feed.items).toHaveLength(2);
  });

  it('fail only the document that takes longer than the limit; the next one is parsed', async () => {
    // A worker speaking the same protocol, whose parser never finishes one document (a hostile
    // feed that sends it into a loop): deterministic, unlike a document that is merely big.
    const dir = tempDir();
    const looping = dir.file('looping.mjs');
    const dist = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', path)).href);
    writeFileSync(
      looping,
      `import { parentPort } from 'node:worker_threads';
const { inThreadProcessor } = await import(${dist('jobs/feedProcessor.js')});
const { createDefaultEnricher } = await import(${dist('intelligence.js')});
const processor = inThreadProcessor(createDefaultEnricher());
parentPort.on('message', async (request) => {
  if (request.kind === 'parse' && Buffer.from(request.body).includes('<title>LOOP</title>')) for (;;);
  const result = request.kind === 'parse'
    ? await processor.parse(request.body, request.options)
    : await processor.enrich(request.items, request.feed);
  parentPort.postMessage({ id: request.id, ok: true, result });
});
parentPort.postMessage({ ready: true });
`,
    );
    workers = createFeedWorkers({ size: 1, script: pathToFileURL(looping), log: silent, timeoutMs: 300 });
    const hostile = Buffer.from(rss([{ title: 'LOOP', link: 'https://x.example/loop' }]));
    await expect(workers.parse(hostile, options)).rejects.toThrow('the feed worker took longer than 0.3 s');
    const next = await workers.parse(document, options);
    expect(next.ok && next.feed.items).toHaveLength(2);
    dir.cleanup();
  }, 20_000);

  it('stop a worker that never gets ready, and fail what waits for it', async () => {
    const dir = tempDir();
    const hung = dir.file('hung.mjs');
    writeFileSync(hung, 'setInterval(() => {}, 1000);\n');
    workers = createFeedWorkers({ size: 1, script: pathToFileURL(hung), log: silent, startTimeoutMs: 300 });
    await expect(workers.parse(document, options)).rejects.toThrow(
      'the feed worker did not start within 0.3 s',
    );
    dir.cleanup();
  });

  it('fail requests instead of restarting forever when the worker script cannot start', async () => {
    const dir = tempDir();
    const broken = dir.file('broken.mjs');
    writeFileSync(broken, "throw new Error('broken install');\n");
    workers = createFeedWorkers({ size: 1, script: pathToFileURL(broken), log: silent });
    await expect(workers.parse(document, options)).rejects.toThrow(/broken install/);
    await expect(workers.parse(document, options)).rejects.toThrow(/broken install/);
    dir.cleanup();
  });

  it('get a heap that grows with the largest document allowed', () => {
    expect(workerLimitsFor(5 * 1024 * 1024).maxOldGenerationSizeMb).toBe(48);
    expect(workerLimitsFor(50 * 1024 * 1024).maxOldGenerationSizeMb).toBe(300);
  });

  it('keep the process alive while a reply is awaited, and let it exit when idle', async () => {
    // A separate process: vitest itself would keep any event loop alive.
    const dir = tempDir();
    const script = dir.file('idle.mjs');
    const workersModule = pathToFileURL(join(ROOT, 'dist', 'src', 'jobs', 'feedWorkers.js')).href;
    writeFileSync(
      script,
      `const quiet = { warn() {}, error() {}, info() {}, debug() {} };
const { createFeedWorkers } = await import(${JSON.stringify(workersModule)});
const workers = createFeedWorkers({ size: 1, script: new URL(${JSON.stringify(SCRIPT.href)}), log: quiet });
// Nothing else keeps this process alive while the worker starts and parses.
workers.parse(Buffer.from(${JSON.stringify(document.toString())}), { baseUrl: 'https://x.example/', now: 0 })
  .then((r) => console.log('parsed', r.ok && r.feed.items.length));
// Never closed: an idle worker must not keep the process from exiting.
`,
    );
    const result = await collect(spawn(process.execPath, [script], { cwd: ROOT }), 15_000);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('parsed 2');
    expect(result.code).toBe(0);
    dir.cleanup();
  }, 20_000);

  it('reject what still waits when closed', async () => {
    workers = createFeedWorkers({ size: 1, script: SCRIPT, log: silent });
    const pending = [workers.parse(document, options), workers.parse(document, options)].map((p) =>
      p.then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    await workers.close();
    for (const outcome of await Promise.all(pending)) expect(outcome).toMatch(/closed|stopped/);
    await expect(workers.parse(document, options)).rejects.toThrow('the feed workers are closed');
  });

  it('run a whole poll for the app when PARSE_WORKERS is set', async () => {
    const server = await startFeedServer();
    server.route('/feed.xml', { body: document });
    // The real worker, behind a wrapper that leaves a mark: proof the poll went through a worker.
    const dir = tempDir();
    const marker = dir.file('worker-started');
    const wrapper = dir.file('worker.mjs');
    writeFileSync(
      wrapper,
      `import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'yes');\nawait import(${JSON.stringify(SCRIPT.href)});\n`,
    );
    const app = createTestApp([{ id: 'f', url: server.url('/feed.xml') }], {
      workerScript: pathToFileURL(wrapper),
      env: { PARSE_WORKERS: '2' },
    });
    try {
      const report = await app.poll();
      expect(report.feeds[0]).toMatchObject({ outcome: 'ok', newItems: 2 });
      expect(app.stories.news({ limit: 5, topic: 'china' }).map((s) => s.title)).toEqual([
        '中国人民银行发布数字人民币新规',
      ]);
      expect(existsSync(marker)).toBe(true);
    } finally {
      app.cleanup();
      dir.cleanup();
      await server.close();
    }
  });

  it('parse in the main thread, blaming no feed, when the workers cannot start', async () => {
    const server = await startFeedServer();
    server.route('/feed.xml', { body: document });
    const dir = tempDir();
    const broken = dir.file('broken.mjs');
    writeFileSync(broken, "throw new Error('broken install');\n");
    const app = createTestApp([{ id: 'f', url: server.url('/feed.xml') }], {
      workerScript: pathToFileURL(broken),
      env: { PARSE_WORKERS: '1' },
    });
    try {
      expect((await app.poll()).feeds[0]).toMatchObject({ outcome: 'ok', newItems: 2 });
      expect(app.feeds.list().find((f) => f.id === 'f')).toMatchObject({ consecutiveFailures: 0 });
    } finally {
      app.cleanup();
      dir.cleanup();
      await server.close();
    }
  });
});
