import { describe, expect, it } from 'vitest';
import { resolveTopic, TOPICS, topicAliasesForAutocomplete } from '../../../src/core/topics/index.js';

const REQUIRED_JURISDICTIONS = [
  'us',
  'eu',
  'uk',
  'china',
  'hong-kong',
  'japan',
  'south-korea',
  'singapore',
  'india',
  'uae',
  'russia',
  'brazil',
  'canada',
  'australia',
  'switzerland',
  'el-salvador',
  'nigeria',
  'international',
];
const REQUIRED_THEMES = [
  'stablecoins',
  'cbdc',
  'tax',
  'aml',
  'securities',
  'enforcement',
  'licensing',
  'ban',
  'etf',
  'mining',
  'defi',
  'sanctions',
  'banking',
  'legislation',
  'custody',
];

describe('the taxonomy', () => {
  it('has every required jurisdiction and theme with the right kind', () => {
    const kinds = new Map(TOPICS.map((t) => [t.slug, t.kind]));
    for (const slug of REQUIRED_JURISDICTIONS) expect(kinds.get(slug), slug).toBe('jurisdiction');
    for (const slug of REQUIRED_THEMES) expect(kinds.get(slug), slug).toBe('theme');
  });

  it('lists jurisdictions before themes, with unique lower-case slugs', () => {
    const slugs = TOPICS.map((t) => t.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^[a-z][a-z-]*$/);
    const firstTheme = TOPICS.findIndex((t) => t.kind === 'theme');
    expect(TOPICS.slice(firstTheme).every((t) => t.kind === 'theme')).toBe(true);
  });

  it('gives every topic a name and aliases', () => {
    for (const t of TOPICS) {
      expect(t.name.length, t.slug).toBeGreaterThan(0);
      expect(t.aliases.length, t.slug).toBeGreaterThan(0);
    }
  });
});

describe('resolveTopic', () => {
  it.each([
    ['china', 'china'],
    ['China', 'china'],
    ['CHINA', 'china'],
    ['  china  ', 'china'],
    ['ＣＨＩＮＡ', 'china'],
    ['中国', 'china'],
    ['中國', 'china'],
    ['pboc', 'china'],
    ['PBoC', 'china'],
    ["People's Bank of China", 'china'],
    ['People’s Bank of China', 'china'],
    ['Xi Jinping', 'china'],
    ['hong-kong', 'hong-kong'],
    ['Hong  Kong', 'hong-kong'],
    ['hong kong', 'hong-kong'],
    ['SFC', 'hong-kong'],
    ['香港', 'hong-kong'],
    ['us', 'us'],
    ['SEC', 'us'],
    ['sec', 'us'],
    ['the Fed', undefined],
    ['Fed', 'us'],
    ['OFAC', 'us'],
    ['Congress', 'us'],
    ['MiCA', 'eu'],
    ['ESMA', 'eu'],
    ['FCA', 'uk'],
    ['Bank of England', 'uk'],
    ['JFSA', 'japan'],
    ['金融庁', 'japan'],
    ['日本', 'japan'],
    ['fsc', 'south-korea'],
    ['금융위원회', 'south-korea'],
    ['한국', 'south-korea'],
    ['MAS', 'singapore'],
    ['RBI', 'india'],
    ['SEBI', 'india'],
    ['VARA', 'uae'],
    ['ADGM', 'uae'],
    ['FATF', 'international'],
    ['bis', 'international'],
    ['IOSCO', 'international'],
    ['United Kingdom', 'uk'],
    ['stablecoin', 'stablecoins'],
    ['Stablecoins', 'stablecoins'],
    ['CBDC', 'cbdc'],
    ['digital euro', 'cbdc'],
    ['anti-money laundering', 'aml'],
    ['KYC', 'aml'],
    ['ETF', 'etf'],
    ['DeFi', 'defi'],
    ['binance lawsuit', undefined],
    ['china crypto ban', undefined],
    ['', undefined],
    ['   ', undefined],
  ])('%j → %s', (input, slug) => {
    expect(resolveTopic(input)?.slug).toBe(slug);
  });
});

describe('topicAliasesForAutocomplete', () => {
  const entries = topicAliasesForAutocomplete();
  // The comparison resolveTopic uses: case, width, hyphens and spacing do not matter.
  const key = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[’]/g, "'")
      .toLowerCase()
      .replace(/[\s\-_]+/g, ' ')
      .trim();

  it('offers every slug, name and alias, the readable name rather than the slug', () => {
    const offered = new Set(entries.map((e) => key(e.label)));
    for (const t of TOPICS)
      for (const a of [t.slug, t.name, ...t.aliases]) expect(offered.has(key(a)), a).toBe(true);
    expect(entries).toContainEqual({ label: 'Hong Kong', slug: 'hong-kong' });
    expect(entries).not.toContainEqual({ label: 'hong-kong', slug: 'hong-kong' });
  });

  it('offers each label once', () => {
    const keys = entries.map((e) => key(e.label));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('resolves each label to the slug it is offered for (no alias belongs to two topics)', () => {
    for (const { label, slug } of entries) expect(resolveTopic(label)?.slug, label).toBe(slug);
  });

  it('never gives one alias to two topics', () => {
    for (const t of TOPICS) for (const a of t.aliases) expect(resolveTopic(a)?.slug, a).toBe(t.slug);
  });

  it('fits Discord choice limits', () => {
    for (const { label, slug } of entries) {
      expect(label.length).toBeGreaterThan(0);
      expect(label.length).toBeLessThanOrEqual(100);
      expect(slug.length).toBeLessThanOrEqual(100);
    }
  });
});
