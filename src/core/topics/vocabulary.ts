// biome-ignore-all format: word lists stay several to a line so a reviewer can read the taxonomy as data
/**
 * Words that are not topics but tell the classifier something: that a story is about crypto,
 * that it is about policy, that it is market chatter; which institution names are ambiguous; which
 * phrases must be read as a whole so that a shorter term inside them does not count.
 *
 * Matching rules are those of taxonomy.ts (word boundaries, case for acronyms, CJK as substrings).
 * When two terms start at the same place the longest wins, so a phrase listed here ('fed up',
 * 'Latin America', 'US dollar') hides the shorter term inside it ('Fed', 'America', 'US').
 */

/** Signals carried by a vocabulary phrase. All weights default to 0. */
export interface VocabularyEntry {
  readonly terms: readonly string[];
  /** Evidence that the story is about crypto or digital assets. */
  readonly crypto?: number;
  /** Evidence of policy: law, regulation, enforcement, official action. */
  readonly policy?: number;
  /** Evidence of a non-policy story: prices, hacks, launches, deals. */
  readonly market?: number;
  /** Names a public authority: counts as policy evidence and strengthens its jurisdiction. */
  readonly actor?: boolean;
  /** Topic slugs the phrase implies. */
  readonly topics?: readonly string[];
  /** A context flag that ambiguous terms can be vetoed by (see AMBIGUOUS_TERMS). */
  readonly flag?: string;
  /**
   * Market terms of one family count once per story. Used for security incidents: a hack story
   * repeats hack, heist, theft, stolen, and those synonyms must not drown an official response
   * (an FBI attribution, an arrest) in the same story.
   */
  readonly family?: string;
}

export const CRYPTO_TERMS: VocabularyEntry = {
  crypto: 1,
  terms: [
    'crypto', 'cryptos', 'cryptocurrency', 'cryptocurrencies', 'crypto asset', 'crypto assets', 'crypto-asset',
    'crypto-assets', 'cryptoasset', 'cryptoassets', 'digital asset', 'digital assets', 'virtual asset',
    'virtual assets', 'virtual currency', 'virtual currencies', 'virtual digital asset', 'virtual digital assets',
    'digital token', 'digital tokens', 'digital payment token', 'digital payment tokens', 'bitcoin', 'bitcoins',
    'BTC', 'ether', 'ETH', 'Ethereum', 'Solana', 'SOL', 'XRP', 'Ripple', 'dogecoin', 'memecoin', 'memecoins',
    'meme coin', 'meme coins', 'altcoin', 'altcoins', 'token', 'tokens', 'tokenized', 'tokenised', 'tokenization',
    'tokenisation', 'blockchain', 'blockchains', 'distributed ledger', 'distributed ledgers', 'DLT', 'web3', 'Web3',
    'NFT', 'NFTs', 'non-fungible token', 'non-fungible tokens', 'ICO', 'initial coin offering', 'crypto exchange',
    'crypto exchanges', 'Binance', 'Coinbase', 'Kraken', 'OKX', 'Bybit', 'Upbit', 'Bithumb', 'Dunamu', 'Grayscale',
    'onchain', 'on-chain', 'self-hosted wallet', 'self-hosted wallets', 'unhosted wallet', 'unhosted wallets',
    'hosted wallet', 'staking', 'proof-of-stake', 'proof of stake', 'Tornado Cash', 'Samourai Wallet', 'satoshi',
    'Terraform Labs', 'luna', 'MEXC', 'JPEX', 'Bitcoin Law', 'Ley Bitcoin',
    '加密货币', '加密貨幣', '加密资产', '加密資產', '虚拟货币', '虛擬貨幣', '虚拟资产', '虛擬資產', '数字资产', '數字資產',
    '數碼資產', '数字货币', '數字貨幣', '比特币', '比特幣', '以太坊', '区块链', '區塊鏈', '代币', '代幣', '币安', '幣安',
    '数字藏品', '资产代币化', '代币化', '暗号資産', '暗号通貨', '仮想通貨', 'ビットコイン', 'イーサリアム',
    'ブロックチェーン', 'トークン', '交換業者', '가상자산', '가상화폐', '암호화폐', '암호자산', '디지털자산', '비트코인',
    '이더리움', '솔라나', '블록체인', '코인', '토큰', '밈코인', '알트코인', '업비트', '빗썸', '두나무',
    'Krypto', 'Kryptowährung', 'Kryptowährungen', 'Kryptowerte', 'Kryptowerten', 'Kryptoverwahrung', 'Kryptobörse',
    'Kryptoverwahrer', 'criptomoneda', 'criptomonedas', 'criptoactivo', 'criptoactivos', 'activos virtuales',
    'activos digitales', 'cripto', 'criptomoeda', 'criptomoedas', 'criptoativo', 'criptoativos', 'ativos virtuais',
    'ativos digitais', 'cryptoactif', 'cryptoactifs', 'actifs numériques', 'actifs numérique',
    'криптовалюта', 'криптовалюты', 'криптовалют', 'криптовалютой', 'криптовалюту', 'биткоин', 'биткоина',
    'биткоинов', 'цифровых активов', 'цифровых валют', 'цифровой валюты',
  ],
};

/** Public authorities without a jurisdiction of their own ("the central bank"). */
export const NEUTRAL_ACTORS: VocabularyEntry = {
  actor: true,
  policy: 1,
  terms: [
    'central bank', 'central banks', 'Banco Central', 'banco central', 'Bank of Ghana', 'Bank of Portugal',
    'Financial Services Authority', 'Securities Commission', 'Capital Markets Authority', 'Supreme Court',
    'National Assembly', 'Financial Intelligence Unit', 'FIU', 'finance ministry', 'Ministry of Finance',
    'finance minister', 'Finance Minister', 'Ministry of Economy', 'tax authorities', 'Prudential Authority',
    '央行', '监管部门', '監管機構', '中央銀行', '金融当局', '当局', '금융당국', '당국', 'Finanzaufsicht', 'Aufsicht',
    'Finanzministerium', 'Zentralbank',
  ],
};

export const POLICY_TERMS: readonly VocabularyEntry[] = [
  {
    policy: 1,
    terms: [
      'regulation', 'regulations', 'regulatory', 'regulator', 'regulators', 'regulate', 'regulates', 'regulated',
      'regulating', 'unregulated', 'rulemaking', 'rule changes', 'proposed rule', 'final rule', 'guidance',
      'guidelines', 'consultation', 'consultation paper', 'consults', 'policymakers', 'government', 'governments',
      'ministry', 'minister', 'authorities', 'supervision', 'supervisory', 'supervisor', 'supervisors',
      'supervise', 'oversight', 'approve', 'approves', 'approved', 'approval', 'court', 'judge', 'ruling',
      'testimony', 'testified', 'testifying', 'lawmakers', 'legislation', 
      'statement on', 'public statement', 'executive order', 'official', 'officials', 'standard setters',
      'standards for', 'interpretive letter', 'staff accounting bulletin', 'roundtable', 'task force',
      'recommendations', 'peer review', 'communique', 'plenary', 'the Commission', 'Commission',
      '监管', '監管', '规定', '規定', '规则', '規則', '法规', '法規', '政府', '政策', '会议指出', '主管部门',
      '法院', '判决', '判決', '裁定', '司法', '典型案例', '裁判所', '법원', '판결',
      '規制', '政府', '方針', '制度', '省令', '政令', '規則', '報告書', '규제', '정부', '가이드라인', '감독',
      '정책', '금융위', '제도화', '규율', 'Regulierung', 'reguliert', 'Regulierer', 'Behörde', 'Regierung',
      'Verordnung', 'regulación', 'regulador', 'regulatorio', 'normativa', 'supervisor', 'gobierno', 'Gobierno',
      'autoridad', 'autoridades', 'régimen', 'regulação', 'regulamentação', 'regulamentam', 'regulador', 'normas',
      'resolução', 'resoluções', 'instrução normativa', 'governo', 'autoridade', 'autarquia', 'consulta pública',
      'régulateur', 'réglementation', 'règlement', 'autorité', 'регулирование', 'регулятор', 'правительство',
    ],
  },
  {
    policy: 0.5,
    terms: [
      'rules', 'rule', 'policy', 'proposal', 'proposals', 'proposes', 'proposed', 'reject', 'rejects', 'rejected',
      'hearing', 'president', 'chair', 'chairman', 'governor', 'commissioner', 'director-general',
      'law', 'laws', 'legal', 'framework', 'regime', 'compliance', 'illegal', 'illegally', 'unlawful', 'comply', 'standards', 'requirements',
      'require', 'requires', 'required', 'obligations', 'warns', 'warning', 'investors protection',
      'investor protection', 'consumer protection', 'pilot', 'mandate', 'directive', 'circular', 'decree',
      '法律', '法律地位', '要求', '会議', '시행', '요건',
    ],
  },
];

export const MARKET_TERMS: readonly VocabularyEntry[] = [
  {
    market: 1,
    terms: [
      'price', 'prices', 'rally', 'rallies', 'rallied', 'surge', 'surges', 'surged', 'soar', 'soars', 'soared',
      'jump', 'jumps', 'jumped', 'plunge', 'plunges', 'plunged', 'tumble', 'tumbles', 'tumbled', 'slump',
      'slumped', 'all-time high', 'record high', 'ATH', 'bullish', 'bearish', 'trading volume', 'market cap',
      'open interest', 'funding rates', 'liquidations', 'liquidated', 'whales', 'resistance', 'price target',
      'price prediction', 'technical analysis', 'price analysis', 'traders', 'market makers', 'falls', 'fell',
      'falling', 'slid', 'slides', 'slips', 'slipped', 'drops', 'dropped', 'declines', 'declined', 'rises', 'rose',
      'gains', 'gained', 'climbs', 'climbed', 'tops', 'topped', 'sell-off', 'selloff', 'profit-taking',
      'dispara', 'renova', 'subiu', 'caiu', 'steigt', 'fällt', 'sinkt', '下落', '上昇', '반등', '하락', '상승',
      '价格', '行情', '上涨', '下跌', '暴涨', '暴跌', '突破', '新高', '历史新高', '涨幅', '爆仓', '相場', '急騰', '急落',
      '高値', '最高値', '가격', '급등', '급락', '시황', '최고가', '돌파', '거래대금', 'Kurs', 'Rekordhoch', 'Preis',
      'precio', 'supera', 'sube', 'cae', 'máximo', 'preço', 'cai', 'sobe', 'máxima', 'liquidações', 'cotação',
      'recuou',
    ],
  },
  { market: 1, terms: ['inflows', 'outflows', 'net inflows', 'Zuflüsse'] },
  {
    market: 1,
    family: 'security',
    terms: [
      'hack', 'hacked', 'hacker', 'hackers', 'heist', 'exploit', 'exploited', 'drained', 'stolen', 'theft',
      'attacker', '黑客', '被盗', '攻击', 'ハッキング', '流出', '해킹', '탈취',
    ],
  },
  {
    market: 1,
    terms: [
      'launches', 'launched', 'launch', 'unveils', 'unveiled', 'rolls out', 'partnership', 'partners with',
      'integrates', 'integration', 'mainnet', 'testnet', 'devnet', 'upgrade', 'airdrop', 'to list', 'listing',
      'listings', 'seed tag', 'resumes', 'resumed', 'restores', 'expands into', 'conference', 'attendees', 'hires',
      'appoints', '上线', '完売', '販売', '상장',
    ],
  },
  {
    market: 1,
    terms: [
      'funding round', 'raises', 'valuation', 'Series A', 'Series B', 'Series C', 'IPO', 'acquires', 'acquisition',
      'sells for', 'sold for', 'auction', 'floor price', 'collectors', 'collector', 'buys', 'bought', 'purchase',
      'holdings', 'holds', '拍卖', '成交', '追加取得',
    ],
  },
];

/**
 * Phrases read as a whole so the shorter term inside them does not count. Most carry no signal;
 * some keep the signal of the word they hide ('bitcoin treasury' still says "crypto").
 */
export const PHRASES: readonly VocabularyEntry[] = [
  {
    terms: [
      'fed up', 'fed into', 'fed to', 'fed by', 'fed through', 'fed on', 'Latin America', 'Latin American',
      'South America', 'South American', 'Central America', 'Central American', 'North America', 'North American',
      'Bank of America', 'US$', 'U.S.$', 'US dollar', 'US dollars', 'U.S. dollar', 'U.S. dollars', 'US-Dollar',
      'USD', 'HK$', 'NT$', 'S$', 'A$', 'C$', 'R$', 'CAC 40', 'inner circle', 'data mining', 'gold mining',
      'gold miners', 'coal mining', 'copper mining', 'text mining', 'Treasury securities', 'Treasury yields',
      'Treasury bills', 'Treasury bonds', 'Treasury notes', 'Treasury fund', 'tokenized Treasury',
      'tokenised Treasury', 'mortgage-backed securities', 'registered users', 'Bank Rate', 'law firm', 'law firms',
      "Moore's law", 'ASIC miner', 'ASIC miners', 'ASIC chips', 'ASICs', 'The Hague', 'Hague', 'Swiss franc',
      'interbank', '银行间', 'Korean won', 'New England Patriots', 'Bank of New York Mellon', 'BNY Mellon',
      'Trump card', 'Circle K', 'registration statement', 'registration statements', 'US Treasury bills',
      'US Treasury bonds', 'US Treasury yields', 'US Treasury securities', 'US Treasuries', 'U.S. Treasury bills',
      'U.S. Treasury yields', 'U.S. Treasuries', 'U.S. Treasury securities',
    ],
  },
  // A DAO's or a network's governance vote is not a regulator's approval.
  {
    topics: ['defi'],
    crypto: 1,
    market: 1,
    terms: [
      'DAO approves', 'DAO approved', 'DAO votes', 'DAO voted', 'governance vote', 'governance proposal',
      'token holders approved', 'tokenholders approved',
    ],
  },
  {
    crypto: 1,
    market: 1,
    terms: ['validators approve', 'validators approved', 'validators vote', 'validators voted', 'validators have voted'],
  },
  { topics: ['securities'], policy: 1, terms: ['registration provisions'] },
  // Sovereign holdings of crypto are a state's decision, not a treasury company's trade.
  {
    crypto: 1,
    policy: 1,
    terms: [
      'strategic bitcoin reserve', 'strategic crypto reserve', 'national crypto reserve', 'national bitcoin reserve',
      'state bitcoin reserve', 'sovereign bitcoin reserve', 'bitcoin reserve law',
    ],
  },
  // "Domestic" means the country of the language it is written in (see classify.ts).
  { flag: 'domestic', terms: ['国内', '국내'] },
  {
    crypto: 1,
    flag: 'corporate-treasury',
    terms: [
      'bitcoin treasury', 'crypto treasury', 'ether treasury', 'ether treasuries', 'bitcoin treasuries',
      'digital asset treasury', 'digital asset treasuries',
    ],
  },
  {
    flag: 'corporate-treasury',
    terms: [
      'treasury company', 'treasury companies', 'treasury firm', 'treasury firms', 'treasury strategy',
      'corporate treasury', 'its treasury', 'balance sheet',
    ],
  },
  { flag: 'export-controls', topics: ['sanctions'], terms: ['Entity List', 'export controls', 'export control'] },
  { flag: 'export-controls', actor: true, policy: 1, topics: ['us'], terms: ['Bureau of Industry and Security', 'Commerce Department', 'Department of Commerce'] },
];

/**
 * An institution name several countries use. It counts for `defaultTopic` unless the text says
 * otherwise: a place right before or after it names another country ("Nigeria's SEC", "SEC
 * Nigeria", "Securities and Exchange Commission of Pakistan", "Taiwan's FSC"); another country's
 * instance appears anywhere in the text; the story is about one of its `homes` and the default
 * country is not otherwise mentioned; or a regulator feed from one of its homes published it.
 */
export interface AmbiguousTerm {
  readonly id: string;
  readonly terms: readonly string[];
  readonly defaultTopic: string;
  /** Places (topic slugs or OTHER_PLACES ids) that have an institution of the same name. */
  readonly homes: readonly string[];
  /** Context flags meaning the term is something else entirely ('BIS' next to 'Entity List'). */
  readonly vetoFlags?: readonly string[];
}

export const AMBIGUOUS_TERMS: readonly AmbiguousTerm[] = [
  {
    id: 'sec',
    terms: [
      'SEC', 'Securities and Exchange Commission', '证券交易委员会', '證券交易委員會', '証券取引委員会', '증권거래위원회',
      'Securities & Exchange Commission',
    ],
    defaultTopic: 'us',
    homes: [
      'nigeria', 'philippines', 'thailand', 'pakistan', 'ghana', 'bangladesh', 'sri-lanka', 'cambodia', 'zambia',
      'jamaica', 'uganda', 'tanzania', 'trinidad',
    ],
  },
  {
    id: 'fsc',
    terms: ['FSC', 'Financial Services Commission'],
    defaultTopic: 'south-korea',
    homes: ['taiwan', 'mauritius', 'bvi', 'jamaica', 'barbados'],
  },
  {
    id: 'fsa',
    terms: ['FSA'],
    defaultTopic: 'japan',
    homes: ['denmark', 'seychelles', 'uk', 'malaysia', 'indonesia', 'norway', 'sweden', 'finland'],
  },
  { id: 'mas', terms: ['MAS'], defaultTopic: 'singapore', homes: ['bolivia'] },
  {
    id: 'bis',
    terms: ['BIS'],
    defaultTopic: 'international',
    homes: [],
    vetoFlags: ['export-controls'],
  },
  { id: 'fsb', terms: ['FSB'], defaultTopic: 'international', homes: ['russia'] },
  {
    id: 'treasury',
    terms: ['Treasury'],
    defaultTopic: 'us',
    homes: ['uk', 'australia', 'new-zealand', 'ukraine', 'philippines', 'canada'],
    vetoFlags: ['corporate-treasury'],
  },
  {
    id: 'congress',
    terms: ['Congress'],
    defaultTopic: 'us',
    homes: ['argentina', 'brazil', 'philippines', 'mexico', 'colombia', 'peru', 'chile', 'india', 'china'],
  },
  {
    id: 'senate',
    terms: ['Senate'],
    defaultTopic: 'us',
    homes: ['philippines', 'australia', 'italy', 'france', 'brazil', 'mexico', 'argentina', 'canada', 'poland', 'nigeria'],
  },
  {
    id: 'house',
    terms: ['House of Representatives'],
    defaultTopic: 'us',
    homes: ['japan', 'philippines', 'australia', 'nigeria', 'indonesia', 'new-zealand', 'thailand'],
  },
];

/**
 * Countries outside the taxonomy. They never become topics; they only tell the classifier that an
 * ambiguous institution next to them ("Ghana's SEC", "Danish FSA") is not the default one.
 */
export const OTHER_PLACES: readonly { readonly id: string; readonly names: readonly string[] }[] = [
  { id: 'ghana', names: ['Ghana', 'Ghanaian'] },
  { id: 'bangladesh', names: ['Bangladesh', 'Bangladeshi'] },
  { id: 'sri-lanka', names: ['Sri Lanka', 'Sri Lankan'] },
  { id: 'cambodia', names: ['Cambodia', 'Cambodian'] },
  { id: 'zambia', names: ['Zambia', 'Zambian'] },
  { id: 'jamaica', names: ['Jamaica', 'Jamaican'] },
  { id: 'uganda', names: ['Uganda', 'Ugandan'] },
  { id: 'tanzania', names: ['Tanzania', 'Tanzanian'] },
  { id: 'trinidad', names: ['Trinidad and Tobago', 'Trinidad'] },
  { id: 'mauritius', names: ['Mauritius', 'Mauritian'] },
  { id: 'bvi', names: ['British Virgin Islands', 'BVI'] },
  { id: 'barbados', names: ['Barbados'] },
  { id: 'denmark', names: ['Denmark', 'Danish', 'Finanstilsynet'] },
  { id: 'norway', names: ['Norway', 'Norwegian'] },
  { id: 'sweden', names: ['Sweden', 'Swedish'] },
  { id: 'finland', names: ['Finland', 'Finnish'] },
  { id: 'seychelles', names: ['Seychelles'] },
  { id: 'bolivia', names: ['Bolivia', 'Bolivian', 'Luis Arce', 'Evo Morales', 'YPFB'] },
  { id: 'colombia', names: ['Colombia', 'Colombian'] },
  { id: 'peru', names: ['Peru', 'Peruvian'] },
  { id: 'chile', names: ['Chile', 'Chilean'] },
  { id: 'venezuela', names: ['Venezuela', 'Venezuelan'] },
  { id: 'ukraine', names: ['Ukraine', 'Ukrainian'] },
  { id: 'new-zealand', names: ['New Zealand'] },
  { id: 'poland', names: ['Poland', 'Polish'] },
  { id: 'portugal', names: ['Portugal', 'Portuguese', 'Lisbon'] },
  { id: 'montenegro', names: ['Montenegro'] },
  { id: 'kyrgyzstan', names: ['Kyrgyzstan'] },
  { id: 'kazakhstan', names: ['Kazakhstan'] },
  { id: 'croatia', names: ['Croatia'] },
];

/**
 * Words written with one capital that must still match only in that case: 'Fed' is not "fed",
 * 'Treasury' is not a company's treasury, 'Trump' is not "trump", 'Xi' is not a syllable.
 */
export const CASE_SENSITIVE_WORDS: ReadonlySet<string> = new Set([
  'Fed', 'Xi', 'Treasury', 'Circle', 'Trump', 'Powell', 'Lula', 'Modi', 'Pix', 'Duma', 'Chivo', 'Turkey',
  'Milei', 'Ruto', 'Lazarus', 'Congress', 'Senate', 'Bahia', 'Bern', 'Drex', 'Sebi', 'Consob', 'Commission',
  'Ripple', 'Sacks', 'Tinubu', 'Bukele', 'Gensler', 'Yellen', 'Bessent', 'Lagarde',
  'Nabiullina', 'Putin', 'Biden', 'Sitharaman', 'Cipollone', 'Galípolo', 'Garantex', 'Grinex', 'S-1',
]);

/**
 * Where trailing boilerplate starts (author bios, disclaimers, "The post ... appeared first on").
 * Nothing after it is read: a bio saying "based in London" must not make a story about the UK.
 */
export const BOILERPLATE_MARKERS: RegExp =
  /(?:^|\n|[.!?]\s+)\s*(?:About (?:the )?Author\b|Disclaimer\s*[:：]|Disclosure\s*[:：]|Editorial disclaimer|Investment disclaimer|The post\s.{1,200}?\sappeared first on|Read more\s*[:：]|Related\s*[:：]|Follow us on|Subscribe to our|This article was originally published|Not (?:financial|investment) advice|免责声明|免責聲明|风险提示|風險提示|免責事項|저작권자|무단전재)/iu;

/** A republished speech or statement of someone else (BIS "central bankers' speeches"). */
export const SPEECH_MARKERS: RegExp =
  /\b(?:Speech by|Remarks by|Keynote (?:speech|address) by|Address by|Testimony (?:by|of)|Opening remarks by|Statement by|Introductory statement by|Interview with)\b/iu;
