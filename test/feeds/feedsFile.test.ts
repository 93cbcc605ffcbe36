import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFeedsFile, parseOpml, validateFeeds } from '../../src/feeds/feedsFile.js';
import { DEFAULT_FEEDS_FILE } from '../../src/paths.js';
import { tempDir } from '../helpers/tempDir.js';

const good = {
  id: 'sec-press',
  name: 'SEC press releases',
  url: 'https://www.sec.gov/news/pressreleases.rss',
  kind: 'regulator',
  jurisdictions: ['us'],
  language: 'en',
};

describe('validateFeeds', () => {
  it('accepts a valid list and defaults jurisdictions to none', () => {
    const feeds = validateFeeds(
      {
        feeds: [
          good,
          { id: 'coindesk', name: 'CoinDesk', url: 'https://www.coindesk.com/rss', kind: 'media' },
        ],
      },
      'feeds.json',
    );
    expect(feeds).toEqual([
      good,
      {
        id: 'coindesk',
        name: 'CoinDesk',
        url: 'https://www.coindesk.com/rss',
        kind: 'media',
        jurisdictions: [],
      },
    ]);
  });

  it.each([
    [
      'a bad kind',
      { ...good, kind: 'blog' },
      /feeds\[0\] \("sec-press"\) field "kind": must be "media" or "regulator"/,
    ],
    ['a non-http URL', { ...good, url: 'ftp://x.example/feed' }, /field "url": must be an absolute http/],
    ['a javascript: URL', { ...good, url: 'javascript:alert(1)' }, /field "url"/],
    ['a bad id', { ...good, id: 'SEC Press!' }, /feeds\[0\] \("SEC Press!"\) field "id"/],
    ['a missing name', { ...good, name: undefined }, /field "name"/],
    ['an unknown field', { ...good, colour: 'red' }, /unknown field\(s\) "colour"/],
    ['a bad jurisdiction', { ...good, jurisdictions: ['United States'] }, /field "jurisdictions.0"/],
  ])('names the entry and field for %s', (_name, entry, message) => {
    expect(() => validateFeeds({ feeds: [entry] }, 'feeds.json')).toThrow(message);
  });

  it('reports duplicate ids and every problem at once', () => {
    let message = '';
    try {
      validateFeeds({ feeds: [good, good, { ...good, id: 'x', kind: 'nope' }] }, 'feeds.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/2 problem\(s\)/);
    expect(message).toMatch(/feeds\[1\] \("sec-press"\) field "id": duplicate of feeds\[0\]/);
    expect(message).toMatch(/feeds\[2\] \("x"\) field "kind"/);
  });

  it('refuses a file without a feeds array', () => {
    expect(() => validateFeeds({ sources: [] }, 'f.json')).toThrow(/f\.json/);
    expect(() => validateFeeds([], 'f.json')).toThrow(/expected \{"feeds"/);
  });
});

describe('loadFeedsFile', () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.cleanup());

  it('explains a missing file and invalid JSON', () => {
    const local = tempDir();
    dir = local;
    expect(() => loadFeedsFile(local.file('missing.json'))).toThrow(/cannot be read \(ENOENT\)/);
    writeFileSync(local.file('bad.json'), '{"feeds": [');
    expect(() => loadFeedsFile(local.file('bad.json'))).toThrow(/not valid JSON/);
  });

  it('reads OPML with our optional attributes', () => {
    dir = tempDir();
    const path = dir.file('feeds.opml');
    writeFileSync(
      path,
      `<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
        <outline text="Regulators">
          <outline type="rss" text="SEC press" xmlUrl="https://www.sec.gov/news/pressreleases.rss" kind="regulator" jurisdictions="us" language="en"/>
          <outline type="rss" text="FCA &amp; news" xmlUrl="https://www.fca.org.uk/news/rss.xml" kind="regulator" jurisdictions="uk"/>
        </outline>
        <outline type="rss" title="CoinDesk" text="CoinDesk" xmlUrl="https://www.coindesk.com/rss"/>
        <outline type="rss" text="CoinDesk" xmlUrl="https://www.coindesk.com/other"/>
      </body></opml>`,
    );
    expect(loadFeedsFile(path)).toEqual([
      {
        id: 'sec-press',
        name: 'SEC press',
        url: 'https://www.sec.gov/news/pressreleases.rss',
        kind: 'regulator',
        jurisdictions: ['us'],
        language: 'en',
      },
      {
        id: 'fca-news',
        name: 'FCA & news',
        url: 'https://www.fca.org.uk/news/rss.xml',
        kind: 'regulator',
        jurisdictions: ['uk'],
      },
      {
        id: 'coindesk',
        name: 'CoinDesk',
        url: 'https://www.coindesk.com/rss',
        kind: 'media',
        jurisdictions: [],
      },
      {
        id: 'coindesk-2',
        name: 'CoinDesk',
        url: 'https://www.coindesk.com/other',
        kind: 'media',
        jurisdictions: [],
      },
    ]);
  });

  it('refuses OPML without feeds and names bad OPML entries', () => {
    expect(() => parseOpml('<opml><body><outline text="folder"/></body></opml>', 'x.opml')).toThrow(
      /no <outline xmlUrl/,
    );
    expect(() =>
      parseOpml('<opml><body><outline text="a" xmlUrl="notaurl"/></body></opml>', 'x.opml'),
    ).toThrow(/feeds\[0\] \("a"\) field "url"/);
  });
});

describe('the bundled default feed list', () => {
  const feeds = loadFeedsFile(DEFAULT_FEEDS_FILE);

  it('has at least 30 valid feeds across regulators and media', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(30);
    expect(feeds.filter((f) => f.kind === 'regulator').length).toBeGreaterThanOrEqual(15);
    expect(feeds.filter((f) => f.kind === 'media').length).toBeGreaterThanOrEqual(10);
  });

  it('covers the US, EU, UK, Asia and international bodies, with regulator defaults', () => {
    const jurisdictions = new Set(feeds.flatMap((f) => f.jurisdictions));
    for (const j of ['us', 'eu', 'uk', 'hong-kong', 'japan', 'south-korea', 'india', 'international'])
      expect(jurisdictions).toContain(j);
    expect(feeds.find((f) => f.id === 'sec-press')).toMatchObject({
      kind: 'regulator',
      jurisdictions: ['us'],
    });
  });

  it('keeps the quirks the candidates list notes (ECB at .html, BIS as RDF)', () => {
    expect(feeds.find((f) => f.id === 'ecb-press')?.url).toMatch(/\.html$/);
    expect(feeds.find((f) => f.id === 'bis-press')?.url).toMatch(/bis\.org/);
  });
});
