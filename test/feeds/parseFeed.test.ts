import { describe, expect, it } from 'vitest';
import { parseFeedBytes } from '../../src/feeds/parseFeed.js';
import { fixture } from '../helpers/fixtures.js';

const NOW = Date.parse('2025-11-20T12:00:00Z');
const parse = (
  bytes: Uint8Array | string,
  contentType?: string,
  baseUrl = 'https://feeds.example/feed.xml',
) =>
  parseFeedBytes(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { baseUrl, now: NOW, contentType });

async function ok(bytes: Uint8Array | string, contentType?: string, baseUrl?: string) {
  const result = await parse(bytes, contentType, baseUrl);
  if (!result.ok) throw new Error(`expected a feed, got: ${result.reason}`);
  return result.feed;
}

describe('parseFeedBytes: formats', () => {
  it('reads RSS 2.0 with guids, entities in descriptions and authors', async () => {
    const feed = await ok(fixture('feeds/sec-press.xml'));
    expect(feed.format).toBe('rss');
    expect(feed.items).toHaveLength(3);
    const [first] = feed.items;
    expect(first).toMatchObject({
      key: 'g:2025-101',
      url: 'https://www.sec.gov/newsroom/press-releases/2025-101',
      title: 'SEC Charges Crypto Asset Trading Platform With Operating Unregistered Exchange',
      author: 'SEC Office of Public Affairs',
      undated: false,
    });
    expect(first?.body).toMatch(/^The Securities and Exchange Commission today charged/);
    expect(first?.publishedAt).toBe(Date.parse('2025-11-17T19:30:00Z'));
    expect(feed.items[1]?.body).toContain('SEC’s Crypto Task Force');
  });

  it('reads Atom, choosing the alternate link and stripping markup from html titles', async () => {
    const feed = await ok(fixture('feeds/atom.xml'));
    expect(feed.format).toBe('atom');
    const [first, second] = feed.items;
    expect(first?.title).toBe('ESMA publishes final MiCA guidelines on crypto-asset transfers');
    expect(first?.url).toBe('https://blockworks.example/news/esma-mica-guidelines');
    expect(first?.key).toBe('g:tag:blockworks.example,2025:news/esma-mica-guidelines');
    expect(first?.publishedAt).toBe(Date.parse('2025-11-18T08:00:00Z'));
    expect(first?.categories).toEqual(['Policy']);
    // One bad <published> must not lose the document: the entry is kept, undated.
    expect(second?.undated).toBe(true);
    expect(second?.publishedAt).toBe(NOW);
    expect(second?.body).toBe('Undated XHTML content.');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    const feed = await ok(fixture('feeds/bis.rdf'));
    expect(feed.format).toBe('rdf');
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://www.bis.org/press/p251117.htm',
      'https://www.bis.org/press/p251110.htm',
    ]);
    expect(feed.items[1]?.publishedAt).toBe(Date.parse('2025-11-10T08:30:00Z'));
  });

  it('reads RSS 0.91 and version-less RSS', async () => {
    const v091 = await ok(
      '<rss version="0.91"><channel><title>t</title><item><title>Old</title><link>https://o.example/1</link></item></channel></rss>',
    );
    expect(v091.items[0]?.title).toBe('Old');
    const none = await ok(
      '<rss><channel><title>t</title><item><title>No version</title><link>https://o.example/2</link></item></channel></rss>',
    );
    expect(none.items[0]?.title).toBe('No version');
  });

  it('parses the non-standard dates regulators use and resolves relative links', async () => {
    const feed = await ok(fixture('feeds/fca.xml'), undefined, 'https://www.fca.org.uk/news/rss.xml');
    expect(feed.items[0]?.publishedAt).toBe(Date.parse('2025-11-19T07:00:00Z'));
    expect(feed.items[1]?.publishedAt).toBe(Date.parse('2025-11-18T09:30:00Z'));
    expect(feed.items[1]?.url).toBe('https://www.fca.org.uk/news/press-releases/fca-fines-firm-aml');
  });
});

describe('parseFeedBytes: cleaning', () => {
  it('stores plain text only, canonical links, no scripts, no dangerous links', async () => {
    const feed = await ok(fixture('feeds/media.rss'));
    const [hk, btc, hostile] = feed.items;
    expect(hk?.title).toBe("Hong Kong's SFC Grants Two More Virtual Asset Trading Licences");
    expect(hk?.url).toBe('https://cryptodaily.example/news/hk-sfc-licences');
    expect(hk?.body).not.toMatch(/<|track\(\)/);
    expect(hk?.categories).toEqual(['Regulation', 'Hong Kong']);
    expect(hk?.author).toBe('Jane Reporter');
    expect(btc?.url).toBe('https://cryptodaily.example/news/btc-98k');
    expect(btc?.body).toBe('Bitcoin rose 3% on Tuesday & ether followed.');
    expect(hostile?.url).toBe('https://cryptodaily.example/news/relative-story');
    expect(hostile?.body).toBe('click bold <@everyone>');
    for (const item of feed.items) expect(JSON.stringify(item)).not.toMatch(/javascript:|<iframe|onclick/);
  });

  it('never stores a javascript: or data: link', async () => {
    const feed = await ok(
      '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>javascript:alert(1)</link></item><item><title>b</title><link>data:text/html,x</link></item></channel></rss>',
    );
    expect(feed.items.map((i) => i.url)).toEqual([null, null]);
    expect(feed.items.map((i) => i.key.startsWith('h:'))).toEqual([true, true]);
  });

  it('gives undated items the first-seen time and clamps future dates to now', async () => {
    const feed = await ok(fixture('feeds/undated.xml'));
    expect(feed.items[0]).toMatchObject({ undated: true, publishedAt: NOW });
    expect(feed.items[1]).toMatchObject({ undated: false, publishedAt: NOW });
    // No title and no link: the text stands in for the title, the key is a hash.
    expect(feed.items[2]?.title).toMatch(/^Only a description/);
    expect(feed.items[2]?.key).toMatch(/^h:[0-9a-f]{32}$/);
  });

  it('keys items by guid, else canonical link, else a stable hash', async () => {
    const doc = (extra: string) =>
      `<rss version="2.0"><channel><title>t</title><item><title>Same</title><pubDate>Mon, 17 Nov 2025 10:00:00 GMT</pubDate>${extra}</item></channel></rss>`;
    expect((await ok(doc('<guid>abc</guid><link>https://k.example/1</link>'))).items[0]?.key).toBe('g:abc');
    expect((await ok(doc('<link>https://k.example/1?utm_source=x</link>'))).items[0]?.key).toBe(
      'u:https://k.example/1',
    );
    const a = (await ok(doc(''))).items[0]?.key;
    const b = (await ok(doc(''))).items[0]?.key;
    expect(a).toMatch(/^h:/);
    expect(a).toBe(b);
  });

  it('bounds titles, bodies and the number of items', async () => {
    const items = Array.from(
      { length: 1200 },
      (_, i) =>
        `<item><title>${'T'.repeat(2000)}</title><link>https://b.example/${i}</link><description>${'word '.repeat(10_000)}</description></item>`,
    );
    const feed = await ok(`<rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`);
    expect(feed.items).toHaveLength(1000);
    expect(feed.items[0]?.title.length).toBeLessThanOrEqual(500);
    expect(feed.items[0]?.body.length).toBeLessThanOrEqual(20_000);
  });
});

describe('parseFeedBytes: hostile and broken input', () => {
  it('recovers items from malformed XML (bare &, HTML entities, unknown entities, unclosed tags)', async () => {
    const feed = await ok(fixture('feeds/malformed.xml'));
    expect(feed.items.length).toBe(2);
    expect(feed.items[0]?.title).toBe('Tax & reporting rules for crypto published');
    expect(feed.items[0]?.url).toBe('https://sloppy.example/a?x=1&y=2');
    expect(feed.items[0]?.body).toBe(
      'Contains a bare ampersand & an HTML entity été and &unknownentity; too',
    );
    expect(feed.repaired).toBe(true);
  });

  it('does not expand entities declared in the document (billion laughs)', async () => {
    const started = Date.now();
    const feed = await ok(fixture('feeds/billion-laughs.xml'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(feed.items[0]?.title).toBe('Expansion &lol9;');
    expect(feed.items[0]?.body.length).toBeLessThan(100);
  });

  it('does not resolve external entities (XXE)', async () => {
    const feed = await ok(fixture('feeds/xxe.xml'));
    expect(feed.items[0]?.title).toBe('Secret: &xxe;');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('rejects an HTML page with a clear reason', async () => {
    const result = await parse(fixture('feeds/not-a-feed.html'), 'text/html');
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/HTML page/) });
  });

  it('rejects binary garbage without crashing', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    const result = await parse(garbage);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/not a feed/);
  });

  it('rejects XML that is not a feed, and an empty body', async () => {
    expect(await parse('<?xml version="1.0"?><svg><rect/></svg>')).toEqual({
      ok: false,
      reason: expect.stringMatching(/<svg>.*not rss/),
    });
    expect(await parse('')).toEqual({ ok: false, reason: 'empty response body' });
  });

  it('reports a truncated document as malformed rather than throwing', async () => {
    const result = await parse('<rss version="2.0"><channel><title>t</title><item><title>cut off');
    // The forgiving repair may recover the partial item; either way nothing throws.
    if (result.ok) expect(result.feed.items[0]?.title).toBe('cut off');
    else expect(result.reason).toMatch(/malformed|not a feed/);
  });

  it('unpacks a gzip body sent without Content-Encoding', async () => {
    const { gzipSync } = await import('node:zlib');
    const feed = await ok(gzipSync(fixture('feeds/sec-press.xml')));
    expect(feed.items).toHaveLength(3);
  });

  it('refuses a gzip body that unpacks past the size limit', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    const result = await parseFeedBytes(bomb, {
      baseUrl: 'https://x.example/',
      now: NOW,
      maxBytes: 1024 * 1024,
    });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/gzip/) });
  });
});

describe('parseFeedBytes: charsets', () => {
  const doc = (title: string, decl = '') =>
    `${decl}<rss version="2.0"><channel><title>c</title><item><title>${title}</title><link>https://c.example/1</link></item></channel></rss>`;

  it('decodes ISO-8859-1 declared in the XML prolog', async () => {
    const bytes = Buffer.from(
      doc('Régulation à Paris', '<?xml version="1.0" encoding="ISO-8859-1"?>'),
      'latin1',
    );
    expect((await ok(bytes)).items[0]?.title).toBe('Régulation à Paris');
  });

  it('decodes windows-1252 declared in Content-Type, smart quotes included', async () => {
    const bytes = Buffer.concat([
      Buffer.from(doc('X').split('X')[0] ?? ''),
      Buffer.from([0x93, 0x51, 0x94, 0x20, 0x80]),
      Buffer.from(doc('X').split('X')[1] ?? ''),
    ]);
    expect((await ok(bytes, 'application/rss+xml; charset=windows-1252')).items[0]?.title).toBe('“Q” €');
  });

  it('falls back to windows-1252 for undeclared non-UTF-8 bytes', async () => {
    const bytes = Buffer.from(doc('Société Générale'), 'latin1');
    expect((await ok(bytes)).items[0]?.title).toBe('Société Générale');
  });

  it('decodes UTF-16 with a BOM, both byte orders', async () => {
    const text = doc('中国人民银行 数字人民币', '<?xml version="1.0" encoding="UTF-16"?>');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect((await ok(le)).items[0]?.title).toBe('中国人民银行 数字人民币');
    expect((await ok(be)).items[0]?.title).toBe('中国人民银行 数字人民币');
  });

  it('strips a UTF-8 BOM and keeps invalid bytes from crashing the parse', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(doc('ok ')),
      Buffer.from([0xff, 0xfe, 0xfd]),
    ]);
    const feed = await ok(bytes);
    expect(feed.items[0]?.title).toBe('ok');
  });

  it('decodes windows-1251 declared in the prolog', async () => {
    const bytes = Buffer.from(
      `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>c</title><item><title>\u00c1\u00e0\u00ed\u00ea</title></item></channel></rss>`,
      'latin1',
    );
    expect((await ok(bytes)).items[0]?.title).toBe('Банк');
  });
});
