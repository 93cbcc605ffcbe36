/**
 * Generated, realistic benchmark data: policy and market stories across jurisdictions, themes and
 * languages, deterministic for a seed. Nothing here is measured.
 */
import type { NormalizedItem } from '../src/core/types.js';

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Actor {
  name: string;
  jurisdiction: string;
  language?: string;
}

const ACTORS: Actor[] = [
  { name: 'SEC', jurisdiction: 'us' },
  { name: 'CFTC', jurisdiction: 'us' },
  { name: 'US Treasury', jurisdiction: 'us' },
  { name: 'Federal Reserve', jurisdiction: 'us' },
  { name: 'ESMA', jurisdiction: 'eu' },
  { name: 'European Commission', jurisdiction: 'eu' },
  { name: 'EBA', jurisdiction: 'eu' },
  { name: 'FCA', jurisdiction: 'uk' },
  { name: 'Bank of England', jurisdiction: 'uk' },
  { name: 'PBoC', jurisdiction: 'china' },
  { name: 'HKMA', jurisdiction: 'hong-kong' },
  { name: 'SFC', jurisdiction: 'hong-kong' },
  { name: 'Japan FSA', jurisdiction: 'japan' },
  { name: 'Korea FSC', jurisdiction: 'south-korea' },
  { name: 'MAS', jurisdiction: 'singapore' },
  { name: 'RBI', jurisdiction: 'india' },
  { name: 'VARA', jurisdiction: 'uae' },
  { name: 'Bank of Russia', jurisdiction: 'russia' },
  { name: 'Banco Central do Brasil', jurisdiction: 'brazil' },
  { name: 'FATF', jurisdiction: 'international' },
  { name: 'BIS', jurisdiction: 'international' },
];

const ACTIONS: Array<{ verb: string; object: string; theme: string }> = [
  { verb: 'publishes rules for', object: '{firm} and other stablecoin issuers', theme: 'stablecoins' },
  { verb: 'fines', object: '{firm} {amount} over anti-money laundering failures', theme: 'aml' },
  { verb: 'charges', object: '{firm} over an unregistered {coin} token offering', theme: 'securities' },
  {
    verb: 'grants a licence to',
    object: '{firm} to run a virtual asset trading platform',
    theme: 'licensing',
  },
  {
    verb: 'consults on',
    object: 'tax reporting rules for {firm} and other crypto-asset service providers',
    theme: 'tax',
  },
  { verb: 'expands pilot of', object: 'its central bank digital currency to {n} more banks', theme: 'cbdc' },
  { verb: 'approves', object: 'a spot {coin} exchange-traded fund from {firm}', theme: 'etf' },
  { verb: 'restricts', object: 'crypto mining by {firm} in {n} regions', theme: 'mining' },
  { verb: 'sets custody rules after', object: '{firm} lost {amount} in client assets', theme: 'custody' },
  { verb: 'sanctions', object: '{n} crypto addresses linked to {firm}', theme: 'sanctions' },
  { verb: 'issues guidance on', object: '{coin} lending protocols run by {firm}', theme: 'defi' },
  { verb: 'bans', object: 'crypto payments by {firm} and {n} other banks', theme: 'ban' },
];
const FIRMS = [
  'Binance',
  'Coinbase',
  'Kraken',
  'OKX',
  'Bybit',
  'Bitstamp',
  'Gemini',
  'Crypto.com',
  'Tether',
  'Circle',
  'Ripple',
  'Upbit',
  'Bithumb',
  'HashKey',
  'OSL',
  'Revolut',
  'eToro',
  'Robinhood',
  'Paxos',
  'Galaxy',
  'Nexo',
  'Celsius',
  'Bitfinex',
  'KuCoin',
  'Huobi',
  'Gate',
  'MEXC',
  'Bitget',
  'Deribit',
  'Anchorage',
];
const COINS = ['bitcoin', 'ether', 'solana', 'XRP', 'litecoin', 'cardano', 'dogecoin', 'polygon'];

const MARKET = [
  'Bitcoin tops {n} as traders pile in',
  'Ether slides {p}% after a whale sell-off',
  'Memecoin rallies {p}% in a day',
  'NFT collection sells out in {p} minutes',
  'Crypto lender hit by a {n} exploit',
];
const FILLER =
  'Officials said the measures would take effect next quarter after a period of consultation with the industry. Market participants welcomed the clarity, while critics said the rules could push activity offshore. The announcement follows months of talks between supervisors and firms. Analysts expect further guidance on reporting and disclosure later this year. Shares of listed crypto firms moved little on the news.';
const CJK_TITLES = [
  '中国人民银行加强虚拟货币交易监管',
  '香港证监会向虚拟资产交易平台发牌',
  '金融庁が暗号資産の規制強化を検討',
  '금융위원회 가상자산 이용자 보호 강화',
];
const CJK_JURISDICTIONS = ['china', 'hong-kong', 'japan', 'south-korea'];

export interface GeneratedStory {
  item: NormalizedItem;
  summary: string;
  topics: string[];
  policy: boolean;
}

/** Generates story `n` (deterministic for `seed` and `n`), published at `publishedAt`. */
export function generateStory(random: () => number, n: number, publishedAt: number): GeneratedStory {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const roll = random();
  let title: string;
  let body: string;
  let topics: string[];
  let policy: boolean;
  if (roll < 0.25) {
    title = pick(MARKET)
      .replace('{n}', `$${Math.floor(random() * 900 + 100)},000`)
      .replace('{p}', String(Math.floor(random() * 40 + 2)));
    body = `${title}. ${FILLER}`;
    topics = [];
    policy = false;
  } else if (roll < 0.3) {
    const i = Math.floor(random() * CJK_TITLES.length);
    title = `${CJK_TITLES[i]}（${n}）`;
    body = `${title}。监管机构表示，将继续完善相关规则，保护投资者权益。${FILLER}`;
    topics = [CJK_JURISDICTIONS[i] as string];
    policy = true;
  } else {
    const actor = pick(ACTORS);
    const action = pick(ACTIONS);
    const object = action.object
      .replace(
        '{firm}',
        `${pick(FIRMS)}${random() < 0.5 ? '' : ` ${pick(['Exchange', 'Markets', 'Labs', 'Capital', 'Custody', 'Pay'])}`}`,
      )
      .replace('{amount}', `$${(random() * 900 + 1).toFixed(1)} million`)
      .replace('{coin}', pick(COINS))
      .replace('{n}', String(Math.floor(random() * 40 + 2)));
    title = `${actor.name} ${action.verb} ${object}`;
    body = `The ${actor.name} on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][n % 5]} ${action.verb} ${object}, case ${n}. ${FILLER}`;
    topics = [actor.jurisdiction, action.theme];
    policy = true;
  }
  const summary = body.slice(0, body.indexOf('. ') + 1 || 200);
  return {
    item: {
      key: `g:${n}`,
      url: `https://news.example/${n}`,
      title,
      body,
      author: null,
      categories: [],
      publishedAt,
      undated: false,
    },
    summary,
    topics,
    policy,
  };
}

/** An RSS 2.0 document of `count` items with realistic HTML content, for the ingest and poll benchmarks. */
export function generateFeedXml(random: () => number, feedIndex: number, count: number, now: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const story = generateStory(random, feedIndex * 100_000 + i, now - i * 60_000);
    const html = `<p>${story.item.body.replace(/\. /g, '.</p><p>')}</p><p><img src="https://img.example/${i}.jpg" alt="photo"/>Image: Shutterstock</p><p>The post <a href="${story.item.url}">${story.item.title}</a> appeared first on Bench News.</p>`;
    items.push(
      `<item><title><![CDATA[${story.item.title}]]></title><link>${story.item.url}?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">bench-${feedIndex}-${i}</guid><pubDate>${new Date(story.item.publishedAt).toUTCString()}</pubDate><category><![CDATA[Regulation]]></category><description><![CDATA[${story.summary}]]></description><content:encoded><![CDATA[${html}]]></content:encoded></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench feed ${feedIndex}</title><link>https://news.example/</link><description>bench</description>\n${items.join('\n')}\n</channel></rss>\n`;
}
