import { describe, expect, it } from 'vitest';
import { extractiveSummary } from '../../../src/core/summary/extractiveSummary.js';
import { composedOfInput } from './composition.js';
import { xiBlockchainExcerpt, xiBlockchainItem, xiBlockchainSummary } from './fixtures/xiBlockchain.js';

const LEDE = 'The European Parliament on Thursday approved the Markets in Crypto-Assets regulation.';
const SECOND = 'The rules will apply from the end of 2024.';
const TITLE = 'EU Parliament approves MiCA';

interface Case {
  kind: string;
  body: string;
  expected: string;
}

/** One row per kind of outlet boilerplate; each body would leak the junk if it were not removed. */
const boilerplateCases: Case[] = [
  {
    kind: 'market disclaimer with colon',
    body: `${LEDE} Disclaimer: This article is for information only and is not investment advice.`,
    expected: LEDE,
  },
  {
    kind: 'market disclaimer without colon (flattened heading)',
    body: `${LEDE} ${SECOND} Disclaimer The presented content may include the personal opinion of the author.`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: 'disclaimer at the very start',
    body: `Disclaimer: This is not financial advice. ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"About Author" bio',
    body: `${LEDE} About Author Jane Lee is a journalist covering crypto policy.`,
    expected: LEDE,
  },
  {
    kind: '"About the author" bio',
    body: `${LEDE} ${SECOND} About the author: Jane Lee covers regulation for us.`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: '"let us know in the comments" with its question',
    body: `${LEDE} What do you think about MiCA? Let us know in the comments below.`,
    expected: LEDE,
  },
  {
    kind: '"The post … appeared first on …"',
    body: `${LEDE} The post U.S. Lawmakers Eye MiCA-Style Rules appeared first on Crypto Daily News.`,
    expected: LEDE,
  },
  {
    kind: '"Follow us on Twitter"',
    body: `${LEDE} Follow us on Twitter and Telegram for the latest news.`,
    expected: LEDE,
  },
  {
    kind: '"Subscribe to our newsletter"',
    body: `${LEDE} Subscribe to our daily newsletter to get the news first.`,
    expected: LEDE,
  },
  {
    kind: '"Share this article"',
    body: `${LEDE} Share this article Copy link X (Twitter) LinkedIn`,
    expected: LEDE,
  },
  {
    kind: 'byline running into the lede',
    body: `By Jane Doe ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: 'byline with two authors and an update date',
    body: `By Jane Doe and John Smith | Updated Mar 5, 2024, 10:00 a.m. UTC ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: 'byline with a middle initial',
    body: `By Jane M. Doe ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"Written by" byline',
    body: `Written by Jane Doe ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: 'wire "Reporting by … Editing by …" line',
    body: `${LEDE} (Reporting by Jane Doe in Brussels; Editing by John Smith)`,
    expected: LEDE,
  },
  {
    kind: '"Image:" credit before the lede',
    body: `Image: Shutterstock ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"Photo by … on Unsplash" credit',
    body: `Photo by Guillaume Périgois on Unsplash ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"Source: Shutterstock" between paragraphs',
    body: `${LEDE} Source: Shutterstock ${SECOND}`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: 'caption with an unknown credit',
    body: `${LEDE} Image: European Parliament in Strasbourg. ${SECOND}`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: '"Read more:" link running into the next paragraph',
    body: `${LEDE} Read more: Binance CEO steps down as part of settlement The vote passed narrowly. ${SECOND}`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: '"Related:" line with \\n separators',
    body: `${LEDE}\nRelated: Binance CEO steps down as part of settlement\n${SECOND}`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: 'AdSense junk',
    body: `${LEDE} (adsbygoogle = window.adsbygoogle || []).push({}); ${SECOND}`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: 'WordPress excerpt "[…]"',
    body: `${LEDE} ${SECOND} The regulation also covers stablecoin issuers that […] The post EU Parliament approves MiCA appeared first on Crypto Daily.`,
    expected: `${LEDE} ${SECOND}`,
  },
  {
    kind: 'Guardian-style standfirst before "Continue reading..."',
    body: 'The Guardian’s picture editors bring you a selection of photo highlights from around the world Continue reading...',
    expected:
      'The Guardian’s picture editors bring you a selection of photo highlights from around the world',
  },
  {
    kind: 'tag line before a disclaimer',
    body: `${LEDE} Tags: MiCA, EU Disclaimer: Not investment advice.`,
    expected: LEDE,
  },
  {
    kind: 'byline with roles in parentheses',
    body: `By Oliver Chang, Abhishek Arya (Security Engineers, Chrome Security), and Josh Armour (Program Manager) ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: 'byline whose role runs into the lede (first sentence skipped)',
    body: `By Max Kanat-Alexander, Tech Lead for Code Health and Author of Code Simplicity There are many aspects. ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"Read more »" link',
    body: `${LEDE} Read more »`,
    expected: LEDE,
  },
  {
    kind: 'NewsBTC-style featured image credit',
    body: `${LEDE} Featured image from Getty Images, chart from TradingView.com`,
    expected: LEDE,
  },
  {
    kind: 'publication date and reading time',
    body: `Published 2 hours ago 3 min read ${LEDE}`,
    expected: LEDE,
  },
  {
    kind: '"Key takeaways" heading',
    body: `Key Takeaways ${LEDE}`,
    expected: LEDE,
  },
];

describe('extractiveSummary', () => {
  it.each(boilerplateCases)('removes boilerplate: $kind', ({ body, expected }) => {
    const summary = extractiveSummary({ title: TITLE, body });
    expect(summary).toBe(expected);
    expect(composedOfInput(summary, { title: TITLE, body })).toBe(true);
  });

  it('summarises the Xi Jinping blockchain item as its lede, without disclaimer or bio', () => {
    const summary = extractiveSummary(xiBlockchainItem);
    expect(summary).toBe(xiBlockchainSummary);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary).not.toMatch(/Disclaimer|About Author|investing/);
  });

  it('keeps only the lede of the short excerpt that ends in disclaimer and bio', () => {
    expect(extractiveSummary(xiBlockchainExcerpt)).toBe(
      'Chinese President Xi Jinping has called for accelerating the development of blockchain technology.',
    );
  });

  it.each([
    {
      name: 'U.S., Mr. and Jan. before a number',
      body: 'The U.S. Securities and Exchange Commission sued Mr. Smith on Jan. 5. He denied the claims.',
      first: 'The U.S. Securities and Exchange Commission sued Mr. Smith on Jan. 5.',
    },
    {
      name: 'Dr., Inc. and No.',
      body: 'Dr. Jane Doe of Acme Inc. ranked No. 2 on the list of crypto lobbyists. Others followed.',
      first: 'Dr. Jane Doe of Acme Inc. ranked No. 2 on the list of crypto lobbyists.',
    },
    {
      name: 'e.g. and St.',
      body: 'Several cities, e.g. St. Louis and Austin, accept payments in bitcoin. Others may follow.',
      first: 'Several cities, e.g. St. Louis and Austin, accept payments in bitcoin.',
    },
    {
      name: 'a middle initial',
      body: 'Commissioner Hester M. Peirce dissented from the order. She called it overreach.',
      first: 'Commissioner Hester M. Peirce dissented from the order.',
    },
    {
      name: 'U.S. ending a sentence',
      body: 'The exchange was sanctioned by the U.S. The move cuts it off from dollar clearing.',
      first: 'The exchange was sanctioned by the U.S.',
    },
    {
      name: 'a decimal amount',
      body: 'Binance agreed to pay $4.3 billion to settle the charges. Its founder resigned.',
      first: 'Binance agreed to pay $4.3 billion to settle the charges.',
    },
  ])('does not split after abbreviations: $name', ({ body, first }) => {
    // A limit just above the first sentence shows where the splitter put the first boundary.
    expect(extractiveSummary({ title: 'T', body }, first.length + 5)).toBe(first);
  });

  it.each([
    {
      name: 'Chinese',
      language: 'zh',
      body: '中国人民银行周五发布通知，宣布虚拟货币相关业务活动属于非法金融活动。通知要求各部门加强监管。此外，境外交易所向境内居民提供服务同样属于非法金融活动。',
      maxChars: 60,
      expected:
        '中国人民银行周五发布通知，宣布虚拟货币相关业务活动属于非法金融活动。通知要求各部门加强监管。',
    },
    {
      name: 'Japanese',
      language: 'ja',
      body: '金融庁は暗号資産を金融商品取引法の対象とする方針を固めた。インサイダー取引規制も導入する！関連法案は来年の通常国会に提出される見通しだ。',
      maxChars: 50,
      expected: '金融庁は暗号資産を金融商品取引法の対象とする方針を固めた。インサイダー取引規制も導入する！',
    },
    {
      name: 'Chinese without a language tag',
      language: undefined,
      body: '香港证监会批准首批比特币现货ETF。相关产品将于本月底上市。',
      maxChars: 20,
      expected: '香港证监会批准首批比特币现货ETF。',
    },
  ])('splits $name sentences at 。！？', ({ body, language, maxChars, expected }) => {
    const summary = extractiveSummary({ title: '标题', body, language }, maxChars);
    expect(summary).toBe(expected);
  });

  it('cuts an over-long first sentence at a word boundary and marks it with …', () => {
    const words =
      'the commission said the proposed framework would require every custodian of digital assets';
    const body = `${Array.from({ length: 6 }, () => words).join(', and ')}. Short second sentence.`;
    const summary = extractiveSummary({ title: 'Long', body });
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith('…')).toBe(true);
    const kept = summary.slice(0, -1);
    // The cut falls between words: the input continues with a space (after optional punctuation).
    expect(body).toMatch(new RegExp(`^${kept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[,.]? `));
  });

  it('cuts an over-long Chinese sentence after a clause mark', () => {
    const body = `${'监管机构表示，'.repeat(60)}结束。`;
    const summary = extractiveSummary({ title: '标题', body, language: 'zh' }, 50);
    expect(summary.length).toBeLessThanOrEqual(50);
    expect(summary.endsWith('…')).toBe(true);
    expect(body.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('never adds an ellipsis when a complete sentence fits', () => {
    expect(
      extractiveSummary({ title: TITLE, body: `${LEDE} ${'More words here. '.repeat(30)}` }),
    ).not.toMatch(/…$/);
  });

  it('falls back to the title when the body is empty', () => {
    expect(extractiveSummary({ title: `  ${TITLE} `, body: '' })).toBe(TITLE);
  });

  it('falls back to the title when the body is only boilerplate', () => {
    const body = 'Image: Shutterstock Disclaimer: Not investment advice. Follow us on Twitter.';
    expect(extractiveSummary({ title: TITLE, body })).toBe(TITLE);
  });

  it('returns an empty string when the body only repeats the title', () => {
    expect(extractiveSummary({ title: TITLE, body: TITLE })).toBe('');
    expect(extractiveSummary({ title: TITLE, body: `${TITLE}. Disclaimer: Not investment advice.` })).toBe(
      '',
    );
  });

  it('does not repeat the title when the body starts with it', () => {
    expect(extractiveSummary({ title: TITLE, body: `${TITLE} ${LEDE}` })).toBe(LEDE);
    expect(extractiveSummary({ title: TITLE, body: `${TITLE}\n${LEDE}` })).toBe(LEDE);
    expect(extractiveSummary({ title: TITLE, body: `By Jane Doe ${TITLE}. ${LEDE}` })).toBe(LEDE);
  });

  it('keeps a first sentence that merely begins with the title words', () => {
    const body = 'SEC sues Binance over unregistered securities offerings. More to come.';
    expect(extractiveSummary({ title: 'SEC sues Binance', body }, 60)).toBe(
      'SEC sues Binance over unregistered securities offerings.',
    );
  });

  it('keeps the body when the title is a prefix ending in a comma', () => {
    // From a real RSS 2.0 sample: the title is the description cut after "Saturday,".
    const body =
      'Sky watchers in Europe, Asia, and parts of Alaska and Canada will experience a partial eclipse of the Sun on Saturday, May 31st.';
    const title =
      'Sky watchers in Europe, Asia, and parts of Alaska and Canada will experience a partial eclipse of the Sun on Saturday,';
    expect(extractiveSummary({ title, body })).toBe(body);
  });

  it('keeps a body without final punctuation when it is the whole text', () => {
    expect(extractiveSummary({ title: 'T', body: 'SEC approves spot bitcoin ETFs' })).toBe(
      'SEC approves spot bitcoin ETFs',
    );
  });

  it('collapses \\n paragraph separators in the output', () => {
    expect(extractiveSummary({ title: 'T', body: `${LEDE}\n\n${SECOND}` })).toBe(`${LEDE} ${SECOND}`);
  });

  it('only reads the head of a very long body', () => {
    const body = `${LEDE} ${'Filler sentence for a long article. '.repeat(30_000)}`;
    expect(extractiveSummary({ title: TITLE, body }, 120)).toBe(LEDE);
  });

  it('treats a head-truncated single sentence as the lede and cuts it', () => {
    const body = `${'word '.repeat(2000)}end.`;
    const summary = extractiveSummary({ title: TITLE, body });
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(300);
  });

  it('tolerates a malformed language tag', () => {
    expect(extractiveSummary({ title: 'T', body: LEDE, language: 'not a tag!' })).toBe(LEDE);
  });

  it('output is always composed of pieces of the input', () => {
    // Deterministic pseudo-random mixes of ledes, boilerplate and separators.
    const pieces = [
      LEDE,
      SECOND,
      'The U.S. Treasury said on Jan. 5 that Mr. Adeyemo would testify.',
      'Disclaimer: Not investment advice.',
      'About the author Jane Lee writes about policy.',
      'Image: Getty Images',
      'By Jane Doe',
      'Read more: Something else entirely',
      '(adsbygoogle = window.adsbygoogle || []).push({});',
      '香港金融管理局发布稳定币发行人监管框架。',
      'Share this article',
      'A sentence without an end',
      `${'very long clause of words '.repeat(20)}.`,
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(random() * 6);
      const body = Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)]).join(
        random() < 0.3 ? '\n' : ' ',
      );
      const input = { title: 'Some title here', body };
      const maxChars = 40 + Math.floor(random() * 300);
      const summary = extractiveSummary(input, maxChars);
      expect(summary.length).toBeLessThanOrEqual(maxChars);
      expect(composedOfInput(summary, input), `${JSON.stringify(body)} → ${JSON.stringify(summary)}`).toBe(
        true,
      );
      if (summary.endsWith('…')) expect(summary.length).toBeGreaterThan(maxChars * 0.4);
    }
  });
});
