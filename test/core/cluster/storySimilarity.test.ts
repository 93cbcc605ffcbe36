import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  isSameStory,
  SAME_STORY_THRESHOLD,
  similarity,
  vetoReason,
} from '../../../src/core/cluster/storySimilarity.js';
import { extractiveSummary } from '../../../src/core/summary/extractiveSummary.js';
import { createDefaultEnricher } from '../../../src/intelligence.js';

const story = (title: string, body = '') => ({ title, body });

describe('isSameStory', () => {
  it.each([
    [
      'SEC Sues Binance, CZ Over Securities Violations',
      'US SEC files lawsuit against Binance and Changpeng Zhao',
    ],
    ['SEC Sues Binance, CZ Over Securities Violations', 'Binance and CEO Zhao sued by SEC'],
    ['US SEC files lawsuit against Binance and Changpeng Zhao', 'Binance and CEO Zhao sued by SEC'],
    [
      'Binance to pay $4.3 billion in DOJ settlement',
      'Binance agrees $4.3bn settlement with US Justice Department',
    ],
    ['FCA fines CB Payments £3.5 million', 'FCA fines Coinbase unit CB Payments £3,503,546'],
    ['香港证监会批准比特币现货ETF', '香港证监会批准首批比特币现货ETF'],
  ])('merges rewordings of one headline: %s / %s', (a, b) => {
    expect(isSameStory(story(a), story(b))).toBe(true);
  });

  it.each([
    ['SEC sues Binance', 'SEC sues Coinbase'],
    ['Hong Kong approves spot bitcoin ETFs', 'Hong Kong approves spot ether ETFs'],
    ['FCA fines Revolut over crypto onboarding failures', 'FCA fines Kraken over crypto onboarding failures'],
    ['Binance to pay $4.3 billion to settle US charges', 'Binance to pay $2 billion to settle US charges'],
    ['Hong Kong approves stablecoin licensing regime', 'Singapore approves stablecoin licensing regime'],
    ['SEC sues Coinbase over unregistered exchange', 'SEC drops Coinbase lawsuit over unregistered exchange'],
    ['House passes GENIUS stablecoin act', 'Trump signs GENIUS stablecoin act'],
    [
      'US Treasury sanctions crypto mixer Tornado Cash',
      'US Treasury lifts sanctions on crypto mixer Tornado Cash',
    ],
    ['美国SEC起诉币安', '美国SEC起诉Coinbase'],
    // Only round amounts can be roundings: counts, years, notice and bill numbers must be equal.
    ['Regulator notice number 33 about licensing', 'Regulator notice number 34 about licensing'],
    ['Regulator notice number 1033 about licensing', 'Regulator notice number 1034 about licensing'],
    ['SEC charges 17 people in crypto Ponzi scheme', 'SEC charges 18 people in crypto Ponzi scheme'],
    ['SEC delays decision on Solana ETFs to March 2026', 'SEC delays decision on Solana ETFs to March 2027'],
    [
      'Senate committee advances crypto market bill S. 2281',
      'Senate committee advances crypto market bill S. 2303',
    ],
  ])('keeps look-alike stories apart: %s / %s', (a, b) => {
    expect(isSameStory(story(a), story(b))).toBe(false);
  });

  it('does not merge near-empty stories that happen to share their only word', () => {
    expect(isSameStory(story('A story'), story('B story'))).toBe(false);
    expect(isSameStory(story('Crypto regulation'), story('Crypto regulation update'))).toBe(false);
    expect(isSameStory(story('Feed 3 item 17'), story('Feed 5 item 17'))).toBe(false);
    expect(isSameStory(story('Feed 1 item 2'), story('Feed 2 item 1'))).toBe(false);
  });

  it('uses the fingerprints it is given', () => {
    const a = fingerprint('SEC sues Binance', '');
    // Bodies that would say otherwise are ignored when fingerprints are passed.
    expect(isSameStory({ title: 'x', body: 'y', fp: a }, { title: 'z', body: 'w', fp: a })).toBe(true);
  });

  it('does not merge unrelated stories', () => {
    expect(
      isSameStory(
        story(
          'ECB moves to next phase of digital euro project',
          'The ECB decided to start a two-year preparation phase.',
        ),
        story('Japan to bring crypto under securities law', 'The FSA plans to add insider trading rules.'),
      ),
    ).toBe(false);
  });
});

describe('similarity', () => {
  const a = fingerprint('SEC sues Binance', 'The Securities and Exchange Commission sued Binance on Monday.');
  const b = fingerprint('Binance sued by US SEC', 'The U.S. SEC filed a lawsuit against Binance.');
  const c = fingerprint('ECB digital euro', 'The ECB moves on.');

  it('is 1 for identical stories and symmetric', () => {
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a), 10);
  });

  it('stays in 0..1 and ranks related above unrelated', () => {
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
    ] as const) {
      expect(similarity(x, y)).toBeGreaterThanOrEqual(0);
      expect(similarity(x, y)).toBeLessThanOrEqual(1);
    }
    expect(similarity(a, b)).toBeGreaterThan(SAME_STORY_THRESHOLD);
    expect(similarity(a, c)).toBeLessThan(0.1);
  });

  it('is 0 for empty fingerprints', () => {
    const empty = fingerprint('', '');
    expect(similarity(empty, empty)).toBe(0);
    expect(empty.bands).toEqual([]);
  });

  it('explains a veto', () => {
    expect(vetoReason(fingerprint('SEC sues Binance', ''), fingerprint('SEC sues Coinbase', ''))).toMatch(
      /different names/,
    );
    expect(vetoReason(a, b)).toBeUndefined();
  });
});

describe('fingerprint', () => {
  it('keeps the lede of an item whose summary the summariser cut with "…" (ingest path)', async () => {
    const title = 'OCC issues crypto custody guidance';
    const body =
      'The Office of the Comptroller of the Currency on Thursday issued interpretive guidance confirming that national banks and federal savings associations may provide cryptocurrency custody services, hold stablecoin reserves and participate in independent node verification networks, provided they manage the associated risks in a safe and sound manner and comply with applicable law. More text follows.';
    expect(extractiveSummary({ title, body })).toMatch(/…$/);
    const prepared = await createDefaultEnricher()(
      { key: 'k', url: null, title, body, author: null, categories: [], publishedAt: 0, undated: false },
      { id: 'f', name: 'F', url: 'https://f.example/', kind: 'regulator', jurisdictions: [] },
    );
    // Words of the lede, not only of the headline, are compared with other outlets' stories.
    expect(prepared.fingerprint?.tokens).toEqual(
      expect.arrayContaining(['stablecoin', 'national', 'comptroller']),
    );
  });

  const fp = fingerprint(
    'SEC Sues Binance, CZ Over Securities Violations',
    'By Jane Doe The U.S. Securities and Exchange Commission sued Binance and its founder Changpeng Zhao on Monday. Disclaimer: not investment advice.',
  );

  it('has at most 16 short band keys', () => {
    expect(fp.bands.length).toBeGreaterThan(0);
    expect(fp.bands.length).toBeLessThanOrEqual(16);
    for (const key of fp.bands) expect(key).toMatch(/^[0-9a-f]:[0-9a-z]{1,7}$/);
    expect(new Set(fp.bands).size).toBe(fp.bands.length);
  });

  it('normalises names, aliases and amounts', () => {
    expect(fp.names).toEqual(expect.arrayContaining(['binance', 'sec', 'zhao']));
    expect(fp.tokens).toContain('usa');
    expect(fp.tokens).toContain('sue');
    // Byline and disclaimer are not part of the story.
    expect(fp.tokens).not.toContain('jane');
    expect(fp.tokens).not.toContain('advice');
  });

  it('survives a JSON round trip', () => {
    const stored = JSON.parse(JSON.stringify(fp)) as typeof fp;
    expect(similarity(stored, fp)).toBe(1);
  });

  it('is deterministic and stable across releases (stored band keys depend on it)', () => {
    // If this changes, bump FINGERPRINT_VERSION: stored stories' keys no longer match new ones.
    expect(fingerprint('SEC sues Binance', '').bands).toMatchInlineSnapshot(`
      [
        "0:z1wnk1",
        "1:1n68usz",
        "2:jlsxx2",
        "3:4294uv",
        "4:1rt8t1b",
        "5:1uqq30k",
        "6:9gfbc1",
        "7:u3gbg3",
        "8:1tzlp2n",
        "9:13lq67b",
        "a:wcgi0b",
        "b:7589ld",
        "c:qju8vs",
        "d:14jz1aq",
        "e:13pxkol",
        "f:1kz2uaq",
      ]
    `);
  });

  it('is fast enough to run on every item', () => {
    // Not a benchmark (see the docs for measured rates); guards against accidental blow-ups.
    const body =
      'The U.S. Securities and Exchange Commission sued Binance on Monday, alleging violations. '.repeat(6);
    const started = performance.now();
    for (let i = 0; i < 500; i++) fingerprint(`SEC sues Binance ${i}`, body);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
