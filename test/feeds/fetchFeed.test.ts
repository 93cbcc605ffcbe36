import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, parseRetryAfter } from '../../src/feeds/fetchFeed.js';
import { type FeedServer, startFeedServer } from '../helpers/feedServer.js';
import { fixture } from '../helpers/fixtures.js';

const UA = 'policywire-test/1 (+https://example.org/contact)';
let server: FeedServer;
const feed = fixture('feeds/sec-press.xml');

beforeAll(async () => {
  server = await startFeedServer({
    '/feed.xml': { body: feed },
    '/hang': () => {
      /* never answers */
    },
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      // ...and never finishes.
    },
    '/big': { body: Buffer.alloc(3 * 1024 * 1024, 0x20) },
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end();
      };
      pump();
    },
    '/gzip-bomb': {
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)),
    },
    '/gzip': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(feed) },
    '/deflate': { headers: { 'content-encoding': 'deflate' }, body: deflateSync(feed) },
    '/br': { headers: { 'content-encoding': 'br' }, body: brotliCompressSync(feed) },
    '/redirect-1': { status: 301, headers: { location: '/redirect-2' } },
    '/redirect-2': { status: 302, headers: { location: '/feed.xml' } },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 302, headers: { location: '/loop-a' } },
    '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
    '/no-location': { status: 302 },
    '/throttled': { status: 429, headers: { 'retry-after': '120' } },
    '/unavailable': { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' } },
    '/forbidden': { status: 403 },
    '/conditional': (req, res) => {
      if (
        req.headers['if-none-match'] === '"v1"' ||
        req.headers['if-modified-since'] === 'Mon, 17 Nov 2025 00:00:00 GMT'
      ) {
        res.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml',
          etag: '"v1"',
          'last-modified': 'Mon, 17 Nov 2025 00:00:00 GMT',
        })
        .end(feed);
    },
  });
  for (let i = 0; i < 7; i++)
    server.route(`/chain-${i}`, { status: 302, headers: { location: `/chain-${i + 1}` } });
  server.route('/chain-7', { body: feed });
});
afterAll(() => server.close());

const get = (path: string, extra: Partial<Parameters<typeof fetchFeed>[0]> = {}) =>
  fetchFeed({ url: server.url(path), userAgent: UA, ...extra });

describe('fetchFeed', () => {
  it('fetches a feed, sending the User-Agent and an Accept for feeds', async () => {
    const result = await get('/feed.xml');
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(Buffer.from(result.body).equals(feed)).toBe(true);
    const request = server.hits('/feed.xml').at(-1);
    expect(request?.headers['user-agent']).toBe(UA);
    expect(request?.headers.accept).toMatch(/application\/rss\+xml/);
    expect(request?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('does a conditional GET: validators are stored, sent back, and a 304 costs no body', async () => {
    const first = await get('/conditional');
    expect(first).toMatchObject({
      status: 'ok',
      etag: '"v1"',
      lastModified: 'Mon, 17 Nov 2025 00:00:00 GMT',
    });
    const second = await get('/conditional', { etag: '"v1"', lastModified: 'Mon, 17 Nov 2025 00:00:00 GMT' });
    expect(second).toMatchObject({ status: 'not-modified', etag: '"v1"' });
    const sent = server.hits('/conditional').at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe('Mon, 17 Nov 2025 00:00:00 GMT');
  });

  it.each(['/gzip', '/deflate', '/br'])('decompresses %s', async (path) => {
    const result = await get(path);
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(Buffer.from(result.body).equals(feed)).toBe(true);
  });

  it('follows up to five redirects', async () => {
    const result = await get('/redirect-1');
    expect(result).toMatchObject({ status: 'ok', finalUrl: server.url('/feed.xml') });
  });

  it('stops after too many redirects', async () => {
    const result = await get('/chain-0');
    expect(result).toEqual({ status: 'network-error', message: 'too many redirects (more than 5)' });
  });

  it('detects a redirect loop', async () => {
    const result = await get('/loop-a');
    expect(result).toEqual({ status: 'network-error', message: expect.stringMatching(/redirect loop/) });
  });

  it('refuses redirects to other schemes and redirects without Location', async () => {
    expect(await get('/to-file')).toEqual({
      status: 'network-error',
      message: expect.stringMatching(/unsupported URL/),
    });
    expect(await get('/no-location')).toMatchObject({ status: 'http-error', httpStatus: 302 });
  });

  it('refuses non-http URLs outright', async () => {
    expect(await fetchFeed({ url: 'file:///etc/passwd', userAgent: UA })).toMatchObject({
      status: 'network-error',
    });
    expect(await fetchFeed({ url: 'ftp://example.org/feed', userAgent: UA })).toMatchObject({
      status: 'network-error',
    });
  });

  it('gives up on a server that never answers, within the time limit', async () => {
    const started = Date.now();
    const result = await get('/hang', { limits: { timeoutMs: 300 } });
    expect(result).toEqual({ status: 'network-error', message: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('counts the body in the time limit (a body that never ends)', async () => {
    const result = await get('/slow-body', { limits: { timeoutMs: 300 } });
    expect(result).toEqual({ status: 'network-error', message: 'timed out after 300 ms' });
  });

  it('refuses an oversized body by Content-Length and while streaming', async () => {
    expect(await get('/big', { limits: { maxBytes: 1024 * 1024 } })).toEqual({
      status: 'network-error',
      message: expect.stringMatching(/too large/),
    });
    expect(await get('/big-chunked', { limits: { maxBytes: 1024 * 1024 } })).toEqual({
      status: 'network-error',
      message: expect.stringMatching(/too large/),
    });
  });

  it('stops a gzip bomb after the decompressed limit', async () => {
    const before = process.memoryUsage().rss;
    const result = await get('/gzip-bomb', { limits: { maxBytes: 5 * 1024 * 1024 } });
    expect(result).toEqual({
      status: 'network-error',
      message: 'response too large: more than 5242880 bytes after decompression',
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('reports HTTP errors with Retry-After on 429 and 503', async () => {
    expect(await get('/throttled')).toEqual({
      status: 'http-error',
      httpStatus: 429,
      message: 'HTTP 429 Too Many Requests',
      retryAfterMs: 120_000,
    });
    const unavailable = await get('/unavailable');
    // An HTTP date far in the future is capped at one day.
    expect(unavailable).toMatchObject({ status: 'http-error', httpStatus: 503, retryAfterMs: 86_400_000 });
    expect(await get('/forbidden')).toMatchObject({
      status: 'http-error',
      httpStatus: 403,
      retryAfterMs: null,
    });
  });

  it('reports a refused connection as a network error', async () => {
    const result = await fetchFeed({ url: 'http://127.0.0.1:9/feed', userAgent: UA });
    expect(result).toMatchObject({
      status: 'network-error',
      message: expect.stringMatching(/ECONNREFUSED|fetch failed/),
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = get('/hang', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ status: 'network-error', message: 'aborted' });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    ['', null],
    ['soon', null],
    ['999999999', 86_400_000],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, Date.now())).toBe(expected);
  });
});
