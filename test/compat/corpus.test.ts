/**
 * Compatibility with real-world feeds: the corpus in ../shared/feed-corpus (RSS 0.9x–2.0, RDF,
 * Atom, odd encodings, malformed files from open-source parsers' test suites) is served over
 * loopback and polled into SQLite like any feed. At least 90 % of its items must be stored.
 * The corpus is not part of this repository; the test is skipped when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { type FeedServer, startFeedServer } from '../helpers/feedServer.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

const CORPUS = join(ROOT, '..', 'shared', 'feed-corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

interface Entry {
  file: string;
  format: string;
  expected: number;
}

function manifest(): Entry[] {
  const lines = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [file = '', , , format = ''] = line.split('\t');
    let bytes = readFileSync(join(CORPUS, file));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    // Count item/entry start tags in the raw bytes (ASCII-compatible encodings; UTF-16 files hold none).
    const text = bytes.toString('latin1');
    const expected = (text.match(/<(?:[\w-]+:)?(?:item|entry)[\s>]/g) ?? []).length;
    return { file, format, expected };
  });
}

describe.skipIf(!present)('real-world feed corpus', () => {
  let server: FeedServer;
  let app: TestApp;
  let entries: Entry[];
  beforeAll(async () => {
    entries = manifest();
    server = await startFeedServer();
    for (const [i, entry] of entries.entries())
      server.route(`/corpus/${i}`, {
        body: readFileSync(join(CORPUS, entry.file)),
        headers: { 'content-type': 'application/xml' },
      });
    app = createTestApp(entries.map((_e, i) => ({ id: `corpus-${i}`, url: server.url(`/corpus/${i}`) })));
    await app.poll();
  });
  afterAll(async () => {
    app?.cleanup();
    await server?.close();
  });

  it('stores at least 90 % of the items in the corpus', () => {
    const counts = new Map(app.feeds.list().map((f) => [f.id, f.itemCount]));
    let expected = 0;
    let stored = 0;
    const misses: string[] = [];
    entries.forEach((e, i) => {
      if (/NOT A FEED/.test(e.format)) return;
      const got = counts.get(`corpus-${i}`) ?? 0;
      expected += e.expected;
      stored += Math.min(got, e.expected);
      if (got < e.expected) misses.push(`${e.file}: ${got}/${e.expected}`);
    });
    const ratio = stored / expected;
    console.info(
      `corpus: ${stored}/${expected} items stored (${(ratio * 100).toFixed(1)} %); short: ${misses.join('; ') || 'none'}`,
    );
    expect(expected).toBeGreaterThan(500);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects the files that are not feeds with a reason, and crashes on none', () => {
    const byId = new Map(app.feeds.list().map((f) => [f.id, f]));
    entries.forEach((e, i) => {
      const feed = byId.get(`corpus-${i}`);
      expect(feed?.lastFetchedAt).not.toBeNull();
      if (/NOT A FEED/.test(e.format))
        expect(feed).toMatchObject({ status: 'failing', lastError: expect.stringMatching(/not a feed/) });
    });
  });
});
