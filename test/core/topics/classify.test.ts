import { describe, expect, it } from 'vitest';
import { classify, TOPICS } from '../../../src/core/topics/index.js';
import type { StoryText } from '../../../src/core/types.js';
import { regulatorStory, story } from './helpers.js';

const JURISDICTIONS = new Set(TOPICS.filter((t) => t.kind === 'jurisdiction').map((t) => t.slug));

function jurisdictionsOf(text: StoryText): string[] {
  return classify(text).topics.filter((t) => JURISDICTIONS.has(t));
}

function themesOf(text: StoryText): string[] {
  return classify(text).topics.filter((t) => !JURISDICTIONS.has(t));
}

interface Case {
  name: string;
  text: StoryText;
  has?: string[];
  hasNot?: string[];
}

function table(cases: Case[]): void {
  it.each(cases)('$name', ({ text, has = [], hasNot = [] }) => {
    const topics = classify(text).topics;
    for (const slug of has) expect(topics, `expected ${slug}`).toContain(slug);
    for (const slug of hasNot) expect(topics, `did not expect ${slug}`).not.toContain(slug);
  });
}

describe('US versus "us"', () => {
  table([
    { name: '"US" the country', text: story('US regulators weigh new crypto rules'), has: ['us'] },
    { name: '"U.S." with dots', text: story('U.S. lawmakers introduce stablecoin bill'), has: ['us'] },
    { name: '"United States"', text: story('United States to tighten crypto tax reporting'), has: ['us'] },
    {
      name: 'demonym "American"',
      text: story('American lawmakers push crypto market structure bill'),
      has: ['us'],
    },
    {
      name: '"us" the pronoun',
      text: story('Let us explain the new MiCA rules for exchanges'),
      hasNot: ['us'],
    },
    {
      name: '"US" in an all-capitals headline reads as "us"',
      text: story('DOGECOIN RALLIES 20% — WHAT IT MEANS FOR US TRADERS'),
      hasNot: ['us'],
    },
    {
      name: '"US$" is a currency sign',
      text: story('Bitcoin cai 5% e liquidações somam US$ 1 bilhão'),
      hasNot: ['us'],
    },
    {
      name: 'a US dollar stablecoin is not a US story',
      text: story(
        'French bank launches US dollar stablecoin',
        'The French lender issued the token in Paris.',
      ),
      has: ['france'],
      hasNot: ['us'],
    },
    { name: '"USB" is not "US"', text: story('Hardware wallet adds USB-C port'), hasNot: ['us'] },
    { name: 'Spanish "EE.UU."', text: story('EE.UU. crea una reserva estratégica de bitcoin'), has: ['us'] },
    { name: 'Portuguese "EUA"', text: story('EUA aprovam lei de stablecoins'), has: ['us'] },
    {
      name: 'Latin America is not America',
      text: story('Latin America’s crypto adoption grew 40%'),
      hasNot: ['us'],
    },
    {
      name: 'New Mexico is a US state',
      text: story('New Mexico bill would create a state bitcoin reserve'),
      has: ['us'],
      hasNot: ['mexico'],
    },
  ]);
});

describe('SEC: the US one unless the text points to another country’s', () => {
  table([
    { name: 'bare SEC', text: story('SEC sues crypto exchange over unregistered securities'), has: ['us'] },
    { name: '"U.S. SEC"', text: story('U.S. SEC approves spot ether ETFs'), has: ['us'] },
    {
      name: '"Nigeria’s SEC"',
      text: story(
        'Nigeria’s SEC classifies digital assets as securities',
        'The SEC said platforms must register.',
      ),
      has: ['nigeria'],
      hasNot: ['us'],
    },
    {
      name: '"SEC Nigeria"',
      text: story('SEC Nigeria warns against unregistered exchanges'),
      has: ['nigeria'],
      hasNot: ['us'],
    },
    {
      name: '"Nigerian SEC"',
      text: story('Nigerian SEC approves two exchanges'),
      has: ['nigeria'],
      hasNot: ['us'],
    },
    {
      name: '"Philippine SEC"',
      text: story('Philippine SEC moves to block Binance'),
      has: ['philippines'],
      hasNot: ['us'],
    },
    {
      name: '"Thai SEC"',
      text: story('Thai SEC to block five unlicensed crypto exchanges'),
      has: ['thailand'],
      hasNot: ['us'],
    },
    {
      name: '"Securities and Exchange Commission of Pakistan"',
      text: story(
        'Crypto oversight moves',
        'The Securities and Exchange Commission of Pakistan handed over crypto oversight.',
      ),
      has: ['pakistan'],
      hasNot: ['us'],
    },
    {
      name: 'a country outside the taxonomy ("Ghana’s SEC") still rules out the US',
      text: story('Ghana’s SEC publishes crypto rules', 'The SEC said comments are due next month.'),
      hasNot: ['us'],
    },
    {
      name: 'bare SEC in a story about Nigeria is Nigeria’s',
      text: story(
        'CBN lifts ban on banks servicing crypto firms',
        'The Central Bank of Nigeria will allow accounts for firms licensed by the SEC.',
      ),
      has: ['nigeria'],
      hasNot: ['us'],
    },
    {
      name: 'both SECs named: both countries',
      text: story('U.S. SEC and Nigeria’s SEC sign crypto enforcement pact'),
      has: ['us', 'nigeria'],
    },
    {
      name: 'Chinese: 菲律宾SEC is the Philippine SEC',
      text: story('菲律宾SEC将封锁未注册加密货币交易所', '', { language: 'zh-CN' }),
      has: ['philippines'],
      hasNot: ['us'],
    },
    {
      name: 'Chinese: 美国SEC',
      text: story('美国SEC批准现货以太坊ETF', '', { language: 'zh-CN' }),
      has: ['us'],
    },
    {
      name: 'Korean particle after SEC',
      text: story('SEC는 솔라나 현물 ETF를 승인했다', '', { language: 'ko' }),
      has: ['us'],
    },
  ]);

  it('an SEC Nigeria regulator feed means its own SEC', () => {
    const text = regulatorStory(['nigeria'], 'SEC Warns Public Against Unregistered Digital Asset Exchanges');
    expect(jurisdictionsOf(text)).toEqual(['nigeria']);
  });
});

describe('"sec" meaning seconds and other lower-case words', () => {
  table([
    {
      name: 'block times in sec',
      text: story('Solana upgrade cuts finality', 'Finality drops from about 12.8 sec to 150 milliseconds.'),
      hasNot: ['us'],
    },
    { name: '"Sec." as section', text: story('Token issuers and Sec. 5 of the draft bill'), hasNot: ['us'] },
  ]);
});

describe('Fed versus "fed"', () => {
  table([
    { name: '"Fed" the central bank', text: story('Fed holds rates steady as inflation cools'), has: ['us'] },
    {
      name: '"Fed’s Waller"',
      text: story('Fed’s Waller says stablecoins could strengthen the dollar'),
      has: ['us'],
    },
    {
      name: '"Fed up" in a title',
      text: story('Fed up with delays, exchanges turn to lawyers'),
      hasNot: ['us'],
    },
    {
      name: '"Fed Up" in title case',
      text: story('Fed Up With Delays, Exchanges Turn To Lawyers'),
      hasNot: ['us'],
    },
    { name: '"fed into"', text: story('Oracle data fed into bank pilot'), hasNot: ['us'] },
    {
      name: 'Federal Reserve in full',
      text: story('Federal Reserve withdraws crypto guidance for banks'),
      has: ['us', 'banking'],
    },
  ]);
});

describe('other ambiguous institutions', () => {
  table([
    {
      name: 'MAS is Singapore’s regulator',
      text: story('MAS grants licence to crypto exchange'),
      has: ['singapore'],
    },
    {
      name: '"Mas" the surname',
      text: story('Fund hires trader Carlos Mas as head of sales'),
      hasNot: ['singapore'],
    },
    {
      name: 'MAS the Bolivian party',
      text: story(
        'Bolivia lifts crypto ban as MAS government seeks dollars',
        'The MAS government of President Luis Arce...',
      ),
      hasNot: ['singapore'],
    },
    {
      name: 'BIS the Bank for International Settlements',
      text: story('BIS report says stablecoins fail tests of money'),
      has: ['international'],
    },
    {
      name: 'BIS the US Bureau of Industry and Security',
      text: story('Commerce Department’s BIS adds bitcoin mining chip makers to Entity List'),
      has: ['us'],
      hasNot: ['international'],
    },
    {
      name: 'FSA is Japan’s by default',
      text: story('FSA orders crypto exchange to improve controls'),
      has: ['japan'],
    },
    {
      name: 'Danish FSA is not Japan’s',
      text: story('Danish FSA orders bank to stop crypto products'),
      hasNot: ['japan'],
    },
    {
      name: 'FSB the Financial Stability Board',
      text: story('FSB finds gaps in crypto framework'),
      has: ['international'],
    },
    {
      name: 'FSB the Russian security service',
      text: story('Russia’s FSB detains crypto launderers', 'The FSB said four people were held.'),
      has: ['russia'],
      hasNot: ['international'],
    },
    {
      name: 'FSC is Korea’s by default',
      text: story('FSC to let listed companies trade crypto'),
      has: ['south-korea'],
    },
    {
      name: 'Taiwan’s FSC',
      text: story('Taiwan’s FSC drafts crypto licensing law', 'The FSC said fines will apply.'),
      has: ['taiwan'],
      hasNot: ['south-korea'],
    },
    {
      name: 'Treasury is the US Treasury by default',
      text: story('Treasury sanctions Russia-based crypto exchange'),
      has: ['us', 'russia', 'sanctions'],
    },
    {
      name: 'a company’s bitcoin treasury is not the US Treasury',
      text: story(
        'Strategy Adds 4,225 BTC to Treasury',
        'The bitcoin treasury firm funded the purchase with stock sales.',
      ),
      hasNot: ['us'],
    },
    {
      name: 'Australian Treasury',
      text: story('Australian Treasury releases draft crypto legislation'),
      has: ['australia'],
      hasNot: ['us'],
    },
    {
      name: 'Argentina’s Congress',
      text: story('Argentina’s Congress probes LIBRA memecoin'),
      has: ['argentina'],
      hasNot: ['us'],
    },
    {
      name: 'Congress alone',
      text: story('Crypto lobby presses Congress on market structure bill'),
      has: ['us', 'legislation'],
    },
    {
      name: 'CAC 40 is an index, not China’s internet regulator',
      text: story('Crypto stocks rise as CAC 40 hits record'),
      hasNot: ['china'],
    },
    {
      name: 'British Columbia is in Canada',
      text: story('British Columbia extends pause on crypto mining'),
      has: ['canada'],
      hasNot: ['uk'],
    },
    {
      name: 'Salvador in Bahia is Brazil',
      text: story('Startup opens office in Salvador, Bahia'),
      has: ['brazil'],
      hasNot: ['el-salvador'],
    },
    {
      name: 'North Korea is not South Korea',
      text: story('North Korea’s Lazarus behind exchange hack'),
      has: ['north-korea'],
      hasNot: ['south-korea'],
    },
  ]);
});

describe('Chinese, Japanese and Korean names', () => {
  table([
    {
      name: '中国人民银行',
      text: story('中国人民银行：持续打击虚拟货币炒作', '', { language: 'zh-CN' }),
      has: ['china'],
    },
    {
      name: '中国 in traditional script',
      text: story('中國加強虛擬資產監管', '', { language: 'zh-TW' }),
      has: ['china'],
    },
    {
      name: '中国香港 is Hong Kong',
      text: story('中国香港将推出数字资产政策宣言', '', { language: 'zh-CN' }),
      has: ['hong-kong'],
      hasNot: ['china'],
    },
    {
      name: '證監會 (traditional) is Hong Kong’s SFC',
      text: story('證監會就JPEX發出警告', '', { language: 'zh-Hant' }),
      has: ['hong-kong'],
    },
    {
      name: '数字人民币 is China and CBDC',
      text: story('数字人民币试点扩大', '', { language: 'zh-CN' }),
      has: ['china', 'cbdc'],
    },
    {
      name: '金融庁',
      text: story('金融庁、暗号資産を金融商品取引法の対象に', '', { language: 'ja' }),
      has: ['japan', 'securities'],
    },
    { name: '日本', text: story('日本の暗号資産税制', '', { language: 'ja' }), has: ['japan'] },
    {
      name: '금융위원회',
      text: story('금융위원회, 가상자산 규제 강화', '', { language: 'ko' }),
      has: ['south-korea'],
    },
    {
      name: '한국은행 with a particle',
      text: story('한국은행은 CBDC 실험을 마쳤다', '', { language: 'ko' }),
      has: ['south-korea', 'cbdc'],
    },
    {
      name: '인도 meaning delivery is not India',
      text: story('거래소, 이용자 자산 인도 재개', '', { language: 'ko' }),
      hasNot: ['india'],
    },
    {
      name: 'インドネシア is Indonesia, not India',
      text: story('インドネシアが暗号資産の監督を移管', '', { language: 'ja' }),
      has: ['indonesia'],
      hasNot: ['india'],
    },
    {
      name: '米ドル建て is a denomination, not the US',
      text: story('米ドル建てステーブルコインの取り扱い開始', '', { language: 'ja' }),
      hasNot: ['us'],
    },
  ]);
});

describe('feed defaults', () => {
  it('a regulator feed’s jurisdiction applies and comes first', () => {
    const text = regulatorStory(
      ['uk'],
      'Bank Rate maintained at 4%',
      'The Monetary Policy Committee voted to maintain Bank Rate.',
    );
    expect(jurisdictionsOf(text)).toEqual(['uk']);
  });

  it('a US SEC feed item about a foreign regulator’s action still gets us', () => {
    const text = regulatorStory(
      ['us'],
      'SEC Charges Promoters of Scheme Previously Halted by Thailand’s SEC',
      'Thailand’s Securities and Exchange Commission ordered the program to halt operations.',
    );
    expect(jurisdictionsOf(text)).toEqual(['us', 'thailand']);
  });

  it('a republished speech of another jurisdiction’s official does not get the host feed’s default', () => {
    const text = regulatorStory(
      ['international'],
      'T Rabi Sankar: Stablecoins and the future of payments',
      'Speech by Mr T Rabi Sankar, Deputy Governor of the Reserve Bank of India, at the Global Fintech Fest, Mumbai.',
    );
    expect(jurisdictionsOf(text)).toEqual(['india']);
  });

  it('a media feed’s default fills in only when the text names no jurisdiction', () => {
    const local = story(
      'Exchanges face stricter listing review',
      'Tokens with unclear issuers face delisting.',
      {
        jurisdictions: ['south-korea'],
      },
    );
    expect(jurisdictionsOf(local)).toEqual(['south-korea']);
    const foreign = story('Circle seeks U.S. national trust bank charter from the OCC', '', {
      jurisdictions: ['south-korea'],
    });
    expect(jurisdictionsOf(foreign)).toEqual(['us']);
  });

  it('Japanese and Korean policy news without a country name falls back to the language’s country', () => {
    const text = story(
      '暗号資産の税率20%に　分離課税を税制改正大綱に明記',
      '政府・与党は暗号資産の利益を20%の申告分離課税に改める。',
      {
        language: 'ja',
      },
    );
    expect(jurisdictionsOf(text)).toEqual(['japan']);
  });
});

describe('passing mentions and boilerplate', () => {
  it('a jurisdiction named once in passing is dropped when the story is about another', () => {
    const text = story(
      'Tornado Cash Delisting',
      'OFAC is removing Tornado Cash from the SDN list. The U.S. Treasury remains concerned about money laundering by state actors, including North Korea.',
    );
    expect(jurisdictionsOf(text)).toEqual(['us']);
  });

  it('an author bio and disclaimer after the story do not tag it', () => {
    const text = story(
      'China’s President Wants The Country To Be A Global Blockchain Leader',
      `Chinese President Xi Jinping has called on the country to accelerate the development of blockchain technology. Speaking at a study session of the Politburo, Xi said China should gain more power in setting international standards.\n\nDisclaimer: Cryptocurrency markets are highly volatile. This is not financial advice.\n\nAbout Author\nRachel is a journalist based in London who covers the US and Europe.`,
    );
    const c = classify(text);
    expect(jurisdictionsOf(text)).toEqual(['china']);
    expect(c.policy).toBe(true);
  });
});

describe('policy decision', () => {
  const cases: { name: string; text: StoryText; policy: boolean }[] = [
    {
      name: 'head of state endorsing blockchain is policy',
      text: story(
        'China’s President Wants The Country To Be A Global Blockchain Leader',
        'Xi Jinping told a Politburo study session that China should accelerate blockchain development and set standards.',
      ),
      policy: true,
    },
    {
      name: 'an NFT sale in Shanghai is not policy',
      text: story(
        'Bored Ape sells for $1.2 million at Shanghai auction',
        'The NFT was sold to a collector in mainland China.',
      ),
      policy: false,
    },
    {
      name: 'an SEC bond-fraud release is not crypto policy',
      text: regulatorStory(
        ['us'],
        'SEC Charges Municipal Advisor in $12 Million Bond Offering Fraud',
        'The complaint seeks civil penalties.',
      ),
      policy: false,
    },
    {
      name: 'an ECB rate decision is not crypto policy',
      text: regulatorStory(
        ['eu'],
        'Monetary policy decisions',
        'The Governing Council today decided to lower the three key ECB interest rates.',
      ),
      policy: false,
    },
    {
      name: 'a digital euro decision is crypto policy',
      text: regulatorStory(
        ['eu'],
        'Digital euro: Governing Council moves to next phase',
        'The ECB will prepare for issuance of a digital euro.',
      ),
      policy: true,
    },
    {
      name: 'ETF flows are not policy',
      text: story(
        'Spot bitcoin ETFs log $1.2 billion weekly inflows',
        'BlackRock’s IBIT took in $890 million as bitcoin rallied.',
      ),
      policy: false,
    },
    {
      name: 'an ETF approval is policy',
      text: story(
        'SEC approves spot ether ETFs',
        'The Securities and Exchange Commission approved rule changes to list ether ETFs.',
      ),
      policy: true,
    },
    {
      name: 'a hack without a policy angle is not policy',
      text: story(
        'Exchange loses $1.4 billion in ether hack',
        'Hackers drained a cold wallet; ether fell 4% on the news.',
      ),
      policy: false,
    },
    {
      name: 'an FBI attribution of a hack is policy',
      text: story(
        'FBI attributes $1.5 billion Bybit hack to North Korea’s Lazarus Group',
        'The FBI urged exchanges to block the addresses.',
      ),
      policy: true,
    },
    {
      name: 'a product launch is not policy',
      text: story(
        'Coinbase launches Base App with wallet and payments',
        'Users can pay merchants with USDC.',
      ),
      policy: false,
    },
    {
      name: 'a DAO governance vote is not a regulatory approval',
      text: story(
        'Arbitrum DAO approves second airdrop',
        'The proposal passed with 71% support; ARB rose 6%.',
      ),
      policy: false,
    },
  ];
  it.each(cases)('$name', ({ text, policy }) => {
    expect(classify(text).policy).toBe(policy);
  });
});

describe('relevance and ordering', () => {
  it('is 0 without any policy signal', () => {
    expect(
      classify(story('Bitcoin rallies to record high', 'Traders bought calls as prices jumped.')).relevance,
    ).toBe(0);
  });

  it('is higher for a regulator source than for the same text from media', () => {
    const title = 'Crypto exchanges must register with the regulator';
    expect(classify(regulatorStory(['uk'], title)).relevance).toBeGreaterThan(
      classify(story(title)).relevance,
    );
  });

  it('is higher for crypto policy than for non-crypto news from the same regulator', () => {
    const crypto = regulatorStory(['us'], 'SEC charges crypto lender over unregistered token offering');
    const bonds = regulatorStory(['us'], 'SEC charges municipal advisor over bond offering');
    expect(classify(crypto).relevance).toBeGreaterThan(classify(bonds).relevance);
  });

  it('lists jurisdictions before themes', () => {
    const topics = classify(story('Stablecoin bill passes US Senate')).topics;
    expect(topics[0]).toBe('us');
    expect(topics).toContain('stablecoins');
    const firstTheme = topics.findIndex((t) => !JURISDICTIONS.has(t));
    const lastJurisdiction = topics.findLastIndex((t) => JURISDICTIONS.has(t));
    expect(lastJurisdiction).toBeLessThan(firstTheme);
  });

  it('finds themes in other languages', () => {
    expect(
      themesOf(story('BaFin erteilt MiCA-Lizenzen für Kryptoverwahrung', '', { language: 'de' })),
    ).toEqual(expect.arrayContaining(['licensing', 'custody']));
    expect(
      themesOf(story('Receita Federal amplia tributação de criptoativos', '', { language: 'pt-BR' })),
    ).toContain('tax');
  });
});

describe('edge cases', () => {
  it('classifies an empty story as nothing', () => {
    expect(classify(story(''))).toEqual({ topics: [], policy: false, relevance: 0 });
  });

  it('reads "domestic" as the feed language’s country, and not for traditional Chinese without a region', () => {
    const ko = story('국내 거래소 김치 프리미엄 확대', '', { language: 'ko' });
    expect(jurisdictionsOf(ko)).toEqual(['south-korea']);
    const zhCn = story('国内交易所推出新服务', '', { language: 'zh-CN' });
    expect(jurisdictionsOf(zhCn)).toEqual(['china']);
    const zhHant = story('国内交易所推出新服務', '', { language: 'zh-Hant' });
    expect(jurisdictionsOf(zhHant)).toEqual([]);
  });

  it('does not let an international body cited for its standard tag the story', () => {
    const text = story(
      'MAS consults on prudential treatment of banks’ crypto exposures',
      'The rules would implement the Basel Committee’s standard on crypto-asset exposures in Singapore.',
    );
    expect(jurisdictionsOf(text)).toEqual(['singapore']);
  });
});
