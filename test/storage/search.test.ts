import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/cluster/storySimilarity.js';
import type { NormalizedItem } from '../../src/core/types.js';
import { type Db, openDatabase } from '../../src/storage/database.js';
import { createSqliteFeedStore } from '../../src/storage/feedStore.js';
import { buildFtsQuery } from '../../src/storage/ftsQuery.js';
import {
  createSqliteStoryStore,
  type PreparedItem,
  SEARCH_WINDOW,
  SearchQueryError,
  type StoryStore,
} from '../../src/storage/storyStore.js';

const T0 = Date.parse('2025-11-20T12:00:00Z');
const HOUR = 3_600_000;
let db: Db;
let stories: StoryStore;
let seq = 0;

function prepared(
  title: string,
  body: string,
  topics: string[],
  opts: { policy?: boolean; at?: number; url?: string | null; cluster?: boolean } = {},
): PreparedItem {
  seq++;
  const item: NormalizedItem = {
    key: `k${seq}`,
    url: opts.url === undefined ? `https://news.example/${seq}` : opts.url,
    title,
    body,
    author: null,
    categories: [],
    publishedAt: opts.at ?? T0 + seq,
    undated: false,
  };
  return {
    item,
    summary: body.slice(0, 200),
    classification: { topics, policy: opts.policy ?? true, relevance: 1 },
    ...(opts.cluster === false ? {} : { fingerprint: fingerprint(title, body) }),
  };
}

/** The clustering tests' usual story, at `at` (default: the next tick after T0). */
function secSuesBinance(at?: number): PreparedItem {
  return prepared(
    'SEC sues Binance and CEO Changpeng Zhao over securities violations',
    'The SEC sued Binance and Changpeng Zhao over securities violations.',
    ['us'],
    at === undefined ? {} : { at },
  );
}

beforeEach(() => {
  db = openDatabase(':memory:');
  createSqliteFeedStore(db).sync(
    ['a', 'b', 'c'].map((id) => ({
      id,
      name: `Outlet ${id.toUpperCase()}`,
      url: `https://${id}.example/feed`,
      kind: 'media' as const,
      jurisdictions: [],
    })),
    T0,
  );
  stories = createSqliteStoryStore(db);
});
afterEach(() => db.close());

describe('topic queries', () => {
  it('returns a topic’s policy stories newest first, all of them with policyOnly false', () => {
    stories.ingest(
      'a',
      [
        prepared(
          'PBoC tightens crypto rules',
          'The People’s Bank of China tightened rules.',
          ['china', 'enforcement'],
          { at: T0 - 2 * HOUR },
        ),
        prepared('NFT sale in Shanghai breaks record', 'An NFT sold for a record in Shanghai.', ['china'], {
          policy: false,
          at: T0 - HOUR,
        }),
        prepared('SEC sues exchange', 'The SEC sued an exchange.', ['us', 'enforcement'], { at: T0 }),
      ],
      { now: T0, backlog: false },
    );
    expect(stories.news({ limit: 10, topic: 'china' }).map((s) => s.title)).toEqual([
      'PBoC tightens crypto rules',
    ]);
    expect(stories.news({ limit: 10, topic: 'china', policyOnly: false }).map((s) => s.title)).toEqual([
      'NFT sale in Shanghai breaks record',
      'PBoC tightens crypto rules',
    ]);
    expect(stories.news({ limit: 10, topic: 'enforcement' }).map((s) => s.title)).toEqual([
      'SEC sues exchange',
      'PBoC tightens crypto rules',
    ]);
    expect(
      stories
        .news({ limit: 10, topic: 'china', since: T0 - 90 * 60_000, policyOnly: false })
        .map((s) => s.title),
    ).toEqual(['NFT sale in Shanghai breaks record']);
    expect(stories.topicCounts()).toEqual(
      new Map([
        ['china', 1],
        ['enforcement', 2],
        ['us', 1],
      ]),
    );
  });
});

describe('full-text search', () => {
  beforeEach(() => {
    stories.ingest(
      'a',
      [
        prepared(
          'Stablecoin bill passes the Senate',
          'The GENIUS Act on payment stablecoins passed the US Senate on Tuesday.',
          ['us', 'stablecoins'],
        ),
        prepared(
          'Hong Kong licenses stablecoin issuers',
          'The HKMA granted the first stablecoin issuer licences.',
          ['hong-kong', 'stablecoins'],
        ),
        prepared('Bitcoin price rallies', 'Bitcoin rose 5% as traders cheered.', [], { policy: false }),
        prepared('中国人民银行加强虚拟货币监管', '中国人民银行表示将继续打击虚拟货币交易炒作。', ['china']),
        prepared(
          'Régulation des crypto-actifs en France',
          'L’AMF publie ses orientations sur les prestataires.',
          ['eu'],
        ),
      ],
      { now: T0, backlog: false },
    );
  });

  it('finds words in title, summary and body, newest first, policy only by default', () => {
    expect(stories.news({ limit: 10, text: 'stablecoin' }).map((s) => s.title)).toEqual([
      'Hong Kong licenses stablecoin issuers',
      'Stablecoin bill passes the Senate',
    ]);
    expect(stories.news({ limit: 10, text: 'GENIUS senate' }).map((s) => s.title)).toEqual([
      'Stablecoin bill passes the Senate',
    ]);
    expect(stories.news({ limit: 10, text: 'bitcoin' })).toEqual([]);
    expect(stories.news({ limit: 10, text: 'bitcoin', policyOnly: false }).map((s) => s.title)).toEqual([
      'Bitcoin price rallies',
    ]);
  });

  it('supports phrases, OR and exclusions, and ignores accents', () => {
    expect(stories.news({ limit: 10, text: '"payment stablecoins"' }).map((s) => s.title)).toEqual([
      'Stablecoin bill passes the Senate',
    ]);
    expect(stories.news({ limit: 10, text: 'HKMA OR GENIUS' })).toHaveLength(2);
    expect(stories.news({ limit: 10, text: 'stablecoin -senate' }).map((s) => s.title)).toEqual([
      'Hong Kong licenses stablecoin issuers',
    ]);
    expect(stories.news({ limit: 10, text: 'regulation' }).map((s) => s.title)).toEqual([
      'Régulation des crypto-actifs en France',
    ]);
  });

  it('finds Chinese text with the trigram index, and two-character words too', () => {
    expect(stories.news({ limit: 10, text: '虚拟货币' }).map((s) => s.title)).toEqual([
      '中国人民银行加强虚拟货币监管',
    ]);
    expect(stories.news({ limit: 10, text: '监管' }).map((s) => s.title)).toEqual([
      '中国人民银行加强虚拟货币监管',
    ]);
  });

  it('combines a search with a topic', () => {
    expect(stories.news({ limit: 10, text: 'stablecoin', topic: 'us' }).map((s) => s.title)).toEqual([
      'Stablecoin bill passes the Senate',
    ]);
  });

  it('turns input FTS5 would reject into a safe query or a clear message, never an SQL error', () => {
    for (const hostile of [
      'AND',
      'OR OR',
      '"unbalanced',
      'NEAR(',
      'col:value',
      '*',
      'a AND',
      '(((',
      "'; DROP TABLE stories; --",
      'title:stablecoin',
    ]) {
      let error: unknown;
      try {
        stories.news({ limit: 10, text: hostile });
      } catch (e) {
        error = e;
      }
      if (error) expect(error).toBeInstanceOf(SearchQueryError);
    }
    expect(() => stories.news({ limit: 10, text: '!!!' })).toThrow(/no words/);
    expect(() => stories.news({ limit: 10, text: '-senate' })).toThrow(/at least one word/);
    expect(stories.count()).toBe(5);
  });

  it('drops the old summary from the CJK index when a CJK-titled story gets a summary in English', () => {
    const [story] = stories.news({ limit: 1, text: '虚拟货币' });
    // Only in the old summary (中国人民银行表示将继续打击虚拟货币交易炒作。), not in the title.
    expect(stories.news({ limit: 10, text: '交易炒作' }).map((s) => s.id)).toEqual([story?.id]);
    stories.updateSummary(story?.id as number, 'The PBoC will keep cracking down on crypto trading.', 'llm');
    expect(stories.news({ limit: 10, text: '交易炒作' })).toEqual([]);
    expect(stories.news({ limit: 10, text: '虚拟货币' }).map((s) => s.id)).toEqual([story?.id]);
  });

  it('keeps the index in step when a story is pruned or its summary replaced', () => {
    const [story] = stories.news({ limit: 1, text: 'HKMA' });
    stories.updateSummary(story?.id as number, 'Licences under the new Stablecoins Ordinance.', 'llm');
    expect(stories.news({ limit: 10, text: 'ordinance' }).map((s) => s.id)).toEqual([story?.id]);
    expect(stories.prune(T0 + 1000)).toBe(5);
    expect(stories.news({ limit: 10, text: 'stablecoin' })).toEqual([]);
    expect(stories.news({ limit: 10, text: '虚拟货币' })).toEqual([]);
  });
});

describe('bounded search', () => {
  it('only ever looks at the newest SEARCH_WINDOW matches of a common word', () => {
    expect(SEARCH_WINDOW).toBe(500);
    const old = Array.from({ length: 20 }, (_, i) =>
      prepared(`Old crypto rule ${i}`, 'An old crypto rule.', ['us'], {
        at: T0 - 30 * 86_400_000 + i,
        cluster: false,
      }),
    );
    const recentNoise = Array.from({ length: 500 }, (_, i) =>
      prepared(`Crypto price note ${i}`, 'A crypto price note.', [], {
        at: T0 + i,
        policy: false,
        cluster: false,
      }),
    );
    stories.ingest('a', old, { now: T0, backlog: false });
    stories.ingest('b', recentNoise, { now: T0, backlog: false });
    // The newest 500 matches are all non-policy: the older policy matches are not reached.
    expect(stories.news({ limit: 5, text: 'crypto' })).toEqual([]);
    expect(stories.news({ limit: 5, text: 'crypto', policyOnly: false })[0]?.title).toBe(
      `Crypto price note 499`,
    );
    // A rarer word still finds them.
    expect(stories.news({ limit: 50, text: 'old rule' })).toHaveLength(20);
  });
});

describe('buildFtsQuery', () => {
  it.each([
    ['binance lawsuit', '"binance" "lawsuit"'],
    ['"spot ether" ETF', '"spot ether" "etf"'.replace('etf', 'ETF')],
    ['sec OR cftc', '"sec" OR "cftc"'],
    ['crypto -bitcoin', '"crypto" NOT "bitcoin"'],
    ['a"b', '"a" "b"'],
  ])('%s → %s', (input, match) => {
    expect(buildFtsQuery(input)).toEqual({ kind: 'fts', match });
  });
});

describe('clustering across outlets', () => {
  it('makes one story with several sources when outlets report the same news within 72 hours', () => {
    const a = prepared(
      'SEC sues Binance and CEO Changpeng Zhao over securities violations',
      'The US Securities and Exchange Commission sued Binance and its founder Changpeng Zhao on Monday, alleging securities violations.',
      ['us', 'enforcement'],
    );
    const b = prepared(
      'US SEC files lawsuit against Binance, Changpeng Zhao',
      'The SEC filed a lawsuit against crypto exchange Binance and founder Changpeng Zhao, accusing them of securities law violations.',
      ['us', 'enforcement'],
      { at: T0 + 2 * HOUR },
    );
    const c = prepared(
      'SEC sues Coinbase over unregistered exchange',
      'The SEC sued Coinbase on Tuesday for operating an unregistered exchange.',
      ['us', 'enforcement'],
      { at: T0 + 3 * HOUR },
    );
    const first = stories.ingest('a', [a], { now: T0, backlog: false });
    const second = stories.ingest('b', [b], { now: T0 + 2 * HOUR, backlog: false });
    const third = stories.ingest('c', [c], { now: T0 + 3 * HOUR, backlog: false });
    expect(first.newStoryIds).toHaveLength(1);
    expect(second).toMatchObject({
      newStoryIds: [],
      joined: 1,
      merged: [
        { storyId: first.newStoryIds[0], title: 'US SEC files lawsuit against Binance, Changpeng Zhao' },
      ],
    });
    expect(third.newStoryIds).toHaveLength(1);
    const binance = stories.byIds(first.newStoryIds)[0];
    expect(binance?.sources).toEqual(['Outlet A', 'Outlet B']);
  });

  it('sees stories another process stored, whether it opened the database before or after', () => {
    const binance = (at: number, outlet: string) =>
      prepared(
        outlet === 'a'
          ? 'SEC sues Binance and CEO Changpeng Zhao over securities violations'
          : 'US SEC files lawsuit against Binance, Changpeng Zhao',
        'The US Securities and Exchange Commission sued Binance and its founder Changpeng Zhao, alleging securities violations.',
        ['us'],
        { at },
      );
    // `other` is a second store on the same database, as a CLI poll next to the running bot would be.
    const other = createSqliteStoryStore(db);
    other.ingest('c', [prepared('Unrelated story about the ECB', 'The ECB said nothing new.', ['eu'])], {
      now: T0,
      backlog: false,
    });
    const first = stories.ingest('a', [binance(T0, 'a')], { now: T0, backlog: false });
    expect(first.newStoryIds).toHaveLength(1);
    const joined = other.ingest('b', [binance(T0 + HOUR, 'b')], { now: T0 + HOUR, backlog: false });
    expect(joined).toMatchObject({ newStoryIds: [], joined: 1 });
    const late = createSqliteStoryStore(db);
    const third = late.ingest('c', [binance(T0 + 2 * HOUR, 'b')], { now: T0 + 2 * HOUR, backlog: false });
    expect(third).toMatchObject({ newStoryIds: [], joined: 1, merged: [{ storyId: first.newStoryIds[0] }] });
  });

  it('sees another process’s story that reused the id of a deleted one', () => {
    const z = (at: number, outlet: string) =>
      prepared(
        outlet === 'b'
          ? 'Hong Kong approves first stablecoin issuer licences'
          : 'HKMA grants first stablecoin licences in Hong Kong',
        'The Hong Kong Monetary Authority granted the first stablecoin issuer licences to three firms.',
        ['hong-kong'],
        { at },
      );
    const first = stories.ingest('a', [secSuesBinance(T0)], { now: T0, backlog: false }).newStoryIds[0];
    // Another process deletes that story (retention), then stores a new one, which gets its id.
    const other = createSqliteStoryStore(db);
    db.prepare('DELETE FROM stories WHERE id = ?').run(first);
    const reused = other.ingest('b', [z(T0 + HOUR, 'b')], { now: T0 + HOUR, backlog: false }).newStoryIds[0];
    expect(reused).toBe(first);
    // This process must notice: the retelling joins the new story instead of being shown twice.
    const retelling = stories.ingest('c', [z(T0 + 2 * HOUR, 'c')], { now: T0 + 2 * HOUR, backlog: false });
    expect(retelling).toMatchObject({ newStoryIds: [], joined: 1, merged: [{ storyId: reused }] });
  });

  it('ignores fingerprints another tokeniser version made', () => {
    stories.ingest('a', [secSuesBinance(T0)], { now: T0, backlog: false });
    expect(
      createSqliteStoryStore(db).ingest('b', [secSuesBinance(T0 + HOUR)], { now: T0 + HOUR, backlog: false }),
    ).toMatchObject({
      joined: 1,
    });
    // As if stored by an older release: a process started now must not index or compare it.
    db.prepare('UPDATE story_fingerprints SET version = version - 1').run();
    const fresh = createSqliteStoryStore(db).ingest('c', [secSuesBinance(T0 + 2 * HOUR)], {
      now: T0 + 2 * HOUR,
      backlog: false,
    });
    expect(fresh).toMatchObject({ joined: 0 });
    expect(fresh.newStoryIds).toHaveLength(1);
  });

  it('makes a new story of a retelling of a story that was deleted meanwhile', () => {
    const [first] = stories.ingest('a', [secSuesBinance(T0)], { now: T0, backlog: false }).newStoryIds;
    db.prepare('DELETE FROM stories WHERE id = ?').run(first);
    const again = stories.ingest('b', [secSuesBinance(T0 + HOUR)], { now: T0 + HOUR, backlog: false });
    expect(again.newStoryIds).toHaveLength(1);
    expect(stories.count()).toBe(1);
  });

  it('never joins a story whose transaction was rolled back', () => {
    const story = secSuesBinance();
    // The second item breaks the NOT NULL title: the whole call rolls back after the first was stored.
    const broken = {
      ...prepared('x', 'y', ['us']),
      item: { ...prepared('x', 'y', ['us']).item, title: null },
    };
    expect(() =>
      stories.ingest('a', [story, broken as unknown as PreparedItem], { now: T0, backlog: false }),
    ).toThrow();
    expect(stories.count()).toBe(0);
    // The next story takes the rolled-back id; a retelling of the rolled-back story must not join it.
    const unrelated = stories.ingest(
      'b',
      [
        prepared('ECB keeps rates unchanged', 'The European Central Bank kept rates unchanged.', ['eu'], {
          cluster: false,
        }),
      ],
      { now: T0, backlog: false },
    );
    const retelling = stories.ingest('c', [secSuesBinance()], { now: T0, backlog: false });
    expect(retelling.newStoryIds).toHaveLength(1);
    expect(retelling.newStoryIds[0]).not.toBe(unrelated.newStoryIds[0]);
  });

  it('does not join stories more than 72 hours apart', () => {
    const a = prepared(
      'SEC sues Binance and CEO Changpeng Zhao over securities violations',
      'The SEC sued Binance and Changpeng Zhao.',
      ['us'],
    );
    const b = prepared(
      'SEC sues Binance and CEO Changpeng Zhao over securities violations',
      'The SEC sued Binance and Changpeng Zhao.',
      ['us'],
      { at: T0 + 80 * HOUR },
    );
    stories.ingest('a', [a], { now: T0, backlog: false });
    expect(stories.ingest('b', [b], { now: T0 + 80 * HOUR, backlog: false }).newStoryIds).toHaveLength(1);
  });
});
