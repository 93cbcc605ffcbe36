/**
 * Tokens for story similarity: normalised, stemmed-lite words of a title and lede, with aliases
 * that make different outlets' wordings meet ("CZ" = "Changpeng Zhao" → `zhao`, "sues" = "files
 * lawsuit" → `sue`), character bigrams for Chinese and Japanese, and a class per token saying how
 * much it distinguishes one story from another.
 */

/**
 * How a token counts. `key`: a name (company, person, regulator, asset) — two stories about
 * different names are different stories. `number`: amounts and counts, equally distinguishing.
 * `place`: jurisdictions and places, informative but often left out of one outlet's headline.
 * `word`: ordinary content words. `generic`: words every crypto-policy story has.
 */
export type TokenClass = 'key' | 'number' | 'place' | 'word' | 'generic';

/** Multi-word names and phrasings, replaced by one canonical token before tokenising. */
const PHRASES: Array<[RegExp, string]> = [
  [/\bhong kong monetary authority\b/gi, ' hkma '],
  [/\bsecurities and futures commission\b/gi, ' sfc '],
  [/\bsecurities and exchange commission\b/gi, ' sec '],
  [/\bcommodity futures trading commission\b/gi, ' cftc '],
  [/\bfinancial conduct authority\b/gi, ' fca '],
  [/\bmonetary authority of singapore\b/gi, ' mas '],
  [/\boffice of foreign assets control\b/gi, ' ofac '],
  [/\b(?:department of justice|justice department)\b/gi, ' doj '],
  [/\b(?:new york (?:state )?)?department of financial services\b/gi, ' nydfs '],
  [/\beuropean central bank\b/gi, ' ecb '],
  [/\bbank of england\b/gi, ' boe '],
  [/\bpeople['’]s bank of china\b/gi, ' pboc '],
  [/\bfederal reserve\b/gi, ' fed '],
  [/\bfinancial stability board\b/gi, ' fsb '],
  [/\binternal revenue service\b/gi, ' irs '],
  [/\bmarkets in crypto[- ]?assets(?: regulation)?\b/gi, ' mica '],
  [/\bcentral bank digital currenc(?:y|ies)\b/gi, ' cbdc '],
  [/\bexchange[- ]traded funds?\b/gi, ' etf '],
  [/\b(?:electronic|e)[- ]money(?: institution)?\b/gi, ' emoney '],
  [/\bhong kong\b/gi, ' hongkong '],
  [/\bnew york\b/gi, ' newyork '],
  [/\bel salvador\b/gi, ' elsalvador '],
  [/\bcentral african republic\b/gi, ' centralafrica '],
  [/\bunited states\b/gi, ' usa '],
  [/\bunited kingdom\b/gi, ' uk '],
  [/\beuropean union\b/gi, ' eu '],
  [/\bnorth korea(?:n)?\b/gi, ' northkorea '],
  // In policy news an unqualified "Korea" is South Korea; only the North is kept apart.
  [/\bsouth korea(?:n)?\b/gi, ' korea '],
  [/\bchangpeng zhao\b/gi, ' zhao '],
  [/\bsam bankman[- ]fried\b/gi, ' bankmanfried '],
  [/\bbankman[- ]fried\b/gi, ' bankmanfried '],
  [/\bdo kwon\b/gi, ' dokwon '],
  [/\b(?:green[- ]?light(?:s|ed)?|go[- ]ahead|gives? (?:the )?nod)\b/gi, ' approve '],
  [/\bfiles? (?:a )?(?:law)?suit\b/gi, ' sue '],
  [
    /\b(?:ends?|ended|ending|closes?|closed|closing|concludes?|concluded|drops?|dropped) (?:its |the |an |a )?(?:probe|investigation|inquiry)\b/gi,
    ' dismiss ',
  ],
  // Undoing a restriction is its own story: "lifts sanctions on Tornado Cash", "ends ban on ETNs".
  [
    /\b(?:lift(?:s|ed|ing)?|end(?:s|ed|ing)?|revers(?:e|es|ed|ing)|remov(?:e|es|ed|ing)) (?:the |a |its |their )?(?:sanctions|ban)\b/gi,
    ' withdraw ',
  ],
  [
    /\b(?:remov(?:e|es|ed|ing)|delist(?:s|ed|ing)?) [^.]{1,60}? from (?:the |its )?(?:sanctions|SDN) list\b/gi,
    ' withdraw ',
  ],
  [/\bstep(?:s|ped)? down\b/gi, ' resign '],
  [/\blegal tender\b/gi, ' legaltender '],
  [
    /\bvirtual (?:currenc(?:y|ies)|assets?)\b|\bdigital assets?\b|\bcrypto[- ]?assets?\b|\bcryptocurrenc(?:y|ies)\b/gi,
    ' crypto ',
  ],
  // Chinese and Japanese names of the same things, so mixed-script headlines meet.
  [/比特币|比特幣|ビットコイン/g, ' bitcoin '],
  [/以太坊|以太币|以太幣|イーサリアム/g, ' ether '],
  [/币安|幣安|バイナンス/g, ' binance '],
  [/稳定币|穩定幣|ステーブルコイン/g, ' stablecoin '],
];

/** Single-word aliases, applied to the lowercased word and again to its stem. */
const ALIASES = new Map<string, string>([
  ['cz', 'zhao'],
  ['sbf', 'bankmanfried'],
  ['kwon', 'dokwon'],
  ['btc', 'bitcoin'],
  ['eth', 'ether'],
  ['ethereum', 'ether'],
  ['xrp', 'xrp'],
  ['us', 'usa'],
  ['america', 'usa'],
  ['american', 'usa'],
  ['americans', 'usa'],
  ['britain', 'uk'],
  ['british', 'uk'],
  ['european', 'eu'],
  ['europe', 'eu'],
  ['hk', 'hongkong'],
  // Demonyms are the country: "Thai regulators" and "Thailand's SEC" are one jurisdiction.
  ['chinese', 'china'],
  ['japanese', 'japan'],
  ['korean', 'korea'],
  ['indian', 'india'],
  ['russian', 'russia'],
  ['ukrainian', 'ukraine'],
  ['french', 'france'],
  ['german', 'germany'],
  ['italian', 'italy'],
  ['spanish', 'spain'],
  ['dutch', 'netherlands'],
  ['swiss', 'switzerland'],
  ['canadian', 'canada'],
  ['australian', 'australia'],
  ['brazilian', 'brazil'],
  ['argentine', 'argentina'],
  ['mexican', 'mexico'],
  ['nigerian', 'nigeria'],
  ['kenyan', 'kenya'],
  ['turkish', 'turkey'],
  ['emirati', 'uae'],
  ['saudi', 'saudi'],
  ['israeli', 'israel'],
  ['thai', 'thailand'],
  ['vietnamese', 'vietnam'],
  ['indonesian', 'indonesia'],
  ['malaysian', 'malaysia'],
  ['philippine', 'philippines'],
  ['filipino', 'philippines'],
  ['taiwanese', 'taiwan'],
  ['singaporean', 'singapore'],
  ['montenegrin', 'montenegro'],
  ['salvadoran', 'elsalvador'],
  ['irish', 'ireland'],
  ['polish', 'poland'],
  ['austrian', 'austria'],
  ['swedish', 'sweden'],
  ['norwegian', 'norway'],
  ['danish', 'denmark'],
  ['finnish', 'finland'],
  ['portuguese', 'portugal'],
  ['greek', 'greece'],
  ['cypriot', 'cyprus'],
  ['maltese', 'malta'],
  ['pakistani', 'pakistan'],
  ['iranian', 'iran'],
  ['venezuelan', 'venezuela'],
  ['colombian', 'colombia'],
  ['chilean', 'chile'],
  ['egyptian', 'egypt'],
  ['asian', 'asia'],
  ['african', 'africa'],
  ['sue', 'sue'],
  ['sues', 'sue'],
  ['sued', 'sue'],
  ['suing', 'sue'],
  ['lawsuit', 'sue'],
  ['lawsuits', 'sue'],
  ['suit', 'sue'],
  ['fine', 'fine'],
  ['fines', 'fine'],
  ['fined', 'fine'],
  ['penalty', 'fine'],
  ['penalties', 'fine'],
  ['approve', 'approve'],
  ['approves', 'approve'],
  ['approved', 'approve'],
  ['approval', 'approve'],
  ['approvals', 'approve'],
  ['greenlight', 'approve'],
  ['greenlights', 'approve'],
  ['clears', 'approve'],
  ['arrest', 'arrest'],
  ['arrested', 'arrest'],
  ['arrests', 'arrest'],
  ['detain', 'arrest'],
  ['detains', 'arrest'],
  ['detained', 'arrest'],
  ['convicted', 'convict'],
  ['convicts', 'convict'],
  ['guilty', 'convict'],
  ['ban', 'ban'],
  ['bans', 'ban'],
  ['banned', 'ban'],
  ['prohibit', 'ban'],
  ['prohibits', 'ban'],
  ['prohibited', 'ban'],
  ['prohibiting', 'ban'],
  ['bars', 'ban'],
  ['barred', 'ban'],
  ['sanction', 'sanction'],
  ['sanctions', 'sanction'],
  ['sanctioned', 'sanction'],
  ['blacklists', 'sanction'],
  ['blacklisted', 'sanction'],
  ['blacklist', 'sanction'],
  ['settle', 'settle'],
  ['settles', 'settle'],
  ['settled', 'settle'],
  ['settlement', 'settle'],
  ['dismiss', 'dismiss'],
  ['dismisses', 'dismiss'],
  ['dismissed', 'dismiss'],
  ['drop', 'dismiss'],
  ['drops', 'dismiss'],
  ['dropped', 'dismiss'],
  ['resigns', 'resign'],
  ['resigned', 'resign'],
  ['quits', 'resign'],
  ['quit', 'resign'],
  ['licence', 'license'],
  ['licences', 'license'],
  ['licenses', 'license'],
  ['licensed', 'license'],
  ['licensing', 'license'],
  ['emi', 'emoney'],
  ['stablecoins', 'stablecoin'],
  ['etfs', 'etf'],
  ['pounds', 'pound'],
  ['crypto', 'crypto'],
  ['cryptos', 'crypto'],
  ['terraform', 'terra'],
  ['terrausd', 'terra'],
  ['ust', 'terra'],
  // Legislatures "pass", "adopt" and "back" what regulators "approve".
  ['pass', 'approve'],
  ['passes', 'approve'],
  ['passed', 'approve'],
  ['adopt', 'approve'],
  ['adopts', 'approve'],
  ['adopted', 'approve'],
  ['backs', 'approve'],
  ['backed', 'approve'],
  ['seek', 'seek'],
  ['seeks', 'seek'],
  ['sought', 'seek'],
  ['asks', 'seek'],
  ['asked', 'seek'],
  ['stop', 'halt'],
  ['stops', 'halt'],
  ['halts', 'halt'],
  ['halted', 'halt'],
  ['cease', 'halt'],
  ['ceases', 'halt'],
  ['hacked', 'hack'],
  ['hacks', 'hack'],
  ['compromised', 'hack'],
  ['rejects', 'reject'],
  ['rejected', 'reject'],
  ['denies', 'deny'],
  ['denied', 'deny'],
  ['delays', 'delay'],
  ['delayed', 'delay'],
  ['postpones', 'delay'],
  ['postponed', 'delay'],
  ['withdraws', 'withdraw'],
  ['withdrawn', 'withdraw'],
  ['withdrew', 'withdraw'],
  ['withdrawing', 'withdraw'],
  ['rescind', 'withdraw'],
  ['rescinds', 'withdraw'],
  ['rescinded', 'withdraw'],
  ['revoke', 'withdraw'],
  ['revokes', 'withdraw'],
  ['revoked', 'withdraw'],
  ['repeal', 'withdraw'],
  ['repeals', 'withdraw'],
  ['repealed', 'withdraw'],
  ['scraps', 'withdraw'],
  ['scrapped', 'withdraw'],
  ['appeals', 'appeal'],
  ['appealed', 'appeal'],
  ['overturns', 'overturn'],
  ['overturned', 'overturn'],
  ['signs', 'sign'],
  ['signed', 'sign'],
  ['signing', 'sign'],
  ['pleads', 'plead'],
  ['pleaded', 'plead'],
  ['pled', 'plead'],
]);

/** Words that scale the number before them: "$4.3 billion", "$30M", "£3.5mn". */
const SCALES = new Map<string, number>([
  ['thousand', 1e3],
  ['k', 1e3],
  ['million', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['m', 1e6],
  ['billion', 1e9],
  ['bn', 1e9],
  ['b', 1e9],
  ['trillion', 1e12],
  ['tn', 1e12],
]);
const SCALE_AFTER = /^\s?(thousand|million|mln|mn|m|billion|bn|b|trillion|tn|k)(?![\p{L}\p{N}-])/iu;

/** Function words and newsroom filler: no information about which story this is. */
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'by',
  'at',
  'from',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'it',
  'its',
  'that',
  'this',
  'these',
  'those',
  'which',
  'who',
  'whom',
  'whose',
  'what',
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'can',
  'must',
  'shall',
  'not',
  'no',
  'but',
  'if',
  'than',
  'then',
  'so',
  'such',
  'into',
  'onto',
  'over',
  'after',
  'before',
  'about',
  'under',
  'up',
  'down',
  'out',
  'off',
  'more',
  'most',
  'also',
  'their',
  'his',
  'her',
  'they',
  'them',
  'he',
  'she',
  'we',
  'i',
  'you',
  'our',
  'your',
  'my',
  'says',
  'said',
  'say',
  'saying',
  'according',
  'amid',
  'via',
  'per',
  'just',
  'now',
  'while',
  'when',
  'where',
  'why',
  'how',
  'all',
  'any',
  'some',
  'other',
  'its',
  'there',
  'here',
  'very',
  'being',
  'only',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tonight',
  'week',
  'weeks',
  'st',
  'nd',
  'rd',
  'th',
  'mr',
  'ms',
  'mrs',
  'dr',
  'early',
  'late',
  'later',
  'earlier',
  'agreed',
  'agrees',
  'agree',
  'set',
  'sets',
  'make',
  'makes',
  'made',
  'making',
  'take',
  'takes',
  'reportedly',
  'report',
  'reports',
  'reported',
  'news',
  'breaking',
  'update',
  'updated',
  'exclusive',
  'one',
  'two',
  'three',
  'four',
  'five',
  'ten',
  'him',
  'given',
  'giving',
  'gives',
  'give',
  'let',
  'lets',
  'letting',
  'taking',
  'took',
  'become',
  'becomes',
  'became',
  'becoming',
  'include',
  'includes',
  'included',
  'including',
  'toward',
  'towards',
  'without',
  'within',
  'across',
  'among',
  'still',
  'need',
  'needs',
  'expected',
  'expects',
  'expect',
  'begin',
  'begins',
  'began',
  'get',
  'gets',
  'got',
  'going',
  'goes',
  'went',
  'come',
  'comes',
  'came',
  'coming',
  'been',
  'far',
  'less',
  'nearly',
  'almost',
  'around',
  'than',
  'both',
  'each',
  'every',
  'many',
  'much',
  'several',
  'same',
  'own',
  'whether',
  'because',
  'since',
  'until',
  'though',
  'although',
  'however',
  'even',
  'ever',
  'never',
  'yet',
  'again',
  'further',
  'once',
  'upon',
  'well',
]);

/** Words nearly every crypto-policy story contains; they barely tell stories apart. */
const GENERIC = new Set([
  'crypto',
  'blockchain',
  'token',
  'coin',
  'market',
  'exchang',
  'regulator',
  'regulation',
  'regulatory',
  'regulat',
  'rule',
  'framework',
  'regime',
  'law',
  'legislation',
  'bill',
  'firm',
  'company',
  'industry',
  'investor',
  'customer',
  'user',
  'platform',
  'government',
  'official',
  'agency',
  'authority',
  'commission',
  'federal',
  'national',
  'state',
  'president',
  'chair',
  'chairman',
  'chief',
  'executive',
  'ceo',
  'founder',
  'cofounder',
  'co',
  'head',
  'judge',
  'minister',
  'ministry',
  'governor',
  'lawmaker',
  'senator',
  'new',
  'first',
  'year',
  'month',
  'day',
  'time',
  'plan',
  'move',
  'step',
  'deal',
  'service',
  'product',
  'fund',
  'financ',
  'financial',
  'digital',
  'asset',
  'sector',
  'global',
  'world',
  'largest',
  'major',
  'key',
  'landmark',
  'million',
  'billion',
  'thousand',
  'dollar',
  'pound',
  'euro',
  'percent',
  'case',
  'court',
  'charge',
  'etf',
  'spot',
  'central',
  'bank',
  'issuer',
  'issu',
  'trading',
  'trade',
  'public',
  'propos',
  // Parts of organisation names, capitalised wherever they occur.
  'lab',
  'labs',
  'inc',
  'ltd',
  'llc',
  'plc',
  'group',
  'holding',
  'holdings',
  'trust',
  'corp',
  'council',
  'committee',
  'board',
  'department',
  'office',
  'general',
  'attorney',
  'governing',
  'member',
  'members',
  'thousand',
  'trillion',
]);

/** Jurisdictions, places and demonyms. */
const PLACES = new Set([
  'usa',
  'uk',
  'eu',
  'hongkong',
  'singapore',
  'china',
  'japan',
  'korea',
  'northkorea',
  'india',
  'russia',
  'ukraine',
  'france',
  'germany',
  'italy',
  'spain',
  'netherlands',
  'switzerland',
  'canada',
  'australia',
  'brazil',
  'argentina',
  'mexico',
  'nigeria',
  'kenya',
  'turkey',
  'dubai',
  'uae',
  'emirates',
  'abu',
  'dhabi',
  'bahrain',
  'saudi',
  'israel',
  'thailand',
  'vietnam',
  'indonesia',
  'malaysia',
  'philippines',
  'taiwan',
  'beijing',
  'shanghai',
  'tokyo',
  'seoul',
  'london',
  'paris',
  'brussels',
  'frankfurt',
  'newyork',
  'washington',
  'montenegro',
  'elsalvador',
  'asia',
  'africa',
  'latin',
  'ireland',
  'poland',
  'austria',
  'sweden',
  'norway',
  'denmark',
  'finland',
  'portugal',
  'greece',
  'cyprus',
  'malta',
  'luxembourg',
  'liechtenstein',
  'gibraltar',
  'bermuda',
  'bahamas',
  'cayman',
  'pakistan',
  'bangladesh',
  'iran',
  'venezuela',
  'colombia',
  'chile',
  'peru',
  'egypt',
  'south',
  'north',
  'manhattan',
  'delaware',
  'california',
  'texas',
  'florida',
  'wyoming',
  'macau',
  'mainland',
  'centralafrica',
]);

/** Regulators, legislatures and public bodies: names, but ones that recur in many stories. */
const INSTITUTIONS = [
  'sec',
  'cftc',
  'fca',
  'mas',
  'hkma',
  'sfc',
  'ofac',
  'doj',
  'nydfs',
  'ecb',
  'boe',
  'pboc',
  'fed',
  'fsb',
  'irs',
  'esma',
  'eba',
  'bis',
  'imf',
  'fatf',
  'fsa',
  'finma',
  'bafin',
  'amf',
  'acpr',
  'consob',
  'cnmv',
  'treasury',
  'congress',
  'senate',
  'house',
  'parliament',
  'fincen',
  'whitehouse',
  'ftc',
  'fdic',
  'occ',
  'finra',
  'nyag',
  'asic',
  'vara',
  'fsc',
  'fss',
];
/** Assets and legal concepts that many stories share. */
const COMMON_SUBJECTS = [
  'bitcoin',
  'ether',
  'stablecoin',
  'mica',
  'cbdc',
  'emoney',
  'legaltender',
  'usdt',
  'usdc',
];
/** Firms, people and products that are not always capitalised (or are lowercased by aliases). */
const ENTITIES = [
  'solana',
  'xrp',
  'busd',
  'eurc',
  'dai',
  'tether',
  'circle',
  'binance',
  'coinbase',
  'kraken',
  'ftx',
  'ripple',
  'paxos',
  'bitfinex',
  'okx',
  'bybit',
  'gemini',
  'zhao',
  'bankmanfried',
  'dokwon',
  'terra',
  'luna',
  'tornado',
];

/** Names that are not always capitalised but always name one thing. */
const KNOWN_KEYS = new Set([...INSTITUTIONS, ...COMMON_SUBJECTS, ...ENTITIES]);
/** Names so frequent in policy news that sharing one says little about sharing a story. */
const COMMON_NAMES = new Set([...INSTITUTIONS, ...COMMON_SUBJECTS]);

/** True for names that recur across many stories (regulators, legislatures, major assets). */
export function isCommonName(token: string): boolean {
  return COMMON_NAMES.has(token);
}

/**
 * Verbs for what happened, by the process they belong to. Two stages of one process are two
 * stories ("convicted" then "sentenced", "House passes" then "Trump signs"); events of different
 * processes can be one story told from two angles ("arrested" and "sued" the same day).
 */
const EVENT_PROCESS = new Map<string, string>([
  ['sue', 'civil'],
  ['settle', 'civil'],
  ['fine', 'civil'],
  ['dismiss', 'civil'],
  ['seek', 'civil'],
  ['arrest', 'criminal'],
  ['convict', 'criminal'],
  ['plead', 'criminal'],
  ['sentenc', 'criminal'],
  ['extradit', 'criminal'],
  ['approve', 'rulemaking'],
  ['sign', 'rulemaking'],
  ['reject', 'rulemaking'],
  ['delay', 'rulemaking'],
  ['withdraw', 'rulemaking'],
  ['deny', 'rulemaking'],
  ['appeal', 'rulemaking'],
  ['overturn', 'rulemaking'],
  ['ban', 'restriction'],
  ['sanction', 'restriction'],
  ['delist', 'restriction'],
  ['halt', 'restriction'],
  ['resign', 'leadership'],
  ['hack', 'incident'],
]);

/** The process an event word belongs to, or `undefined` for words that are not events. */
export function eventProcess(token: string): string | undefined {
  return EVENT_PROCESS.get(token);
}

/**
 * Events that undo or only prepare another: "SEC drops Coinbase lawsuit" is not "SEC sues
 * Coinbase", "SEC seeks $2bn" is not "judge orders $125m", a hacked account's post is not the news.
 */
export const REVERSAL_EVENTS = new Set([
  'dismiss',
  'reject',
  'deny',
  'delay',
  'withdraw',
  'appeal',
  'overturn',
  'hack',
  'seek',
]);

const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
/**
 * One token per match, by capture group: 1 a dotted acronym (U.S.), 2 a number (4.3, 3,503,546),
 * 3 a run of Chinese or Japanese characters, 4 a word of other letters (Latin, Cyrillic, Hangul, …),
 * 5 a sentence end. Numbered rather than named groups: `match.groups` costs an object per token.
 */
const TOKEN =
  /((?:\p{Lu}\.){2,})|(\d+(?:[.,]\d+)*)|([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+)|([^\P{L}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}](?:[^\P{L}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{M}\p{N}])*(?:['’][^\P{L}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)*)|([.!?。！？]\s)/gu;

/** Stemming-lite: enough to make "sanctions"/"sanctioned" and "approves"/"approved" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function normaliseNumber(raw: string): string {
  // "3,503,546" is one number; "4,3" (a decimal comma) is read as 4.3.
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(raw) ? raw.replace(/,/gu, '') : raw.replace(',', '.');
  const value = Number.parseFloat(plain);
  return Number.isFinite(value) ? String(value) : plain;
}

/** The tokens of one story, with their class and where they were seen. */
export interface StoryTokens {
  /** Every token of title and lede with its class. */
  classes: Map<string, TokenClass>;
  /** Tokens of the title, in headline order (the first one is usually the subject). */
  title: Set<string>;
}

interface Analysis {
  tokens: Map<string, TokenClass>;
  proper: Set<string>;
}

/** Title Case headlines capitalise every word, so their capitals say nothing about names. */
function isTitleCase(title: string): boolean {
  let long = 0;
  let capitalised = 0;
  for (const match of title.matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    const word = match[0];
    if (word.length < 4 || STOPWORDS.has(word.toLowerCase())) continue;
    long++;
    if (/^\p{Lu}/u.test(word)) capitalised++;
  }
  return long > 0 && capitalised / long >= 0.7;
}

/**
 * All phrases in one case-insensitive alternation, one capture group per phrase: one pass over the
 * text instead of one per phrase (this runs for every ingested item). Deliberately without the `u`
 * flag — case-insensitive Unicode matching made this the slowest step — which is safe because the
 * phrases are ASCII words or literal BMP characters.
 */
const PHRASE_PATTERN = new RegExp(PHRASES.map(([pattern]) => `(${pattern.source})`).join('|'), 'gi');

/** Characters NFKC leaves alone: ASCII, Latin-1 letters, dashes and typographic quotes (not "…"). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "everything up to U+009F"
const NFKC_STABLE = /^[\u0000-\u009f\u00c0-\u00ff\u2010-\u2023]*$/u;

function applyPhrases(text: string): string {
  // NFKC folds full-width letters and digits (common in Chinese and Japanese text); skip the call
  // for text that cannot contain any.
  const normalised = NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
  return normalised.replace(PHRASE_PATTERN, (...groups: unknown[]) => {
    for (let i = 0; i < PHRASES.length; i++) {
      if (groups[i + 1] !== undefined) return PHRASES[i]?.[1] ?? ' ';
    }
    return ' ';
  });
}

/** Word lists hold surface forms and stems; names must not be stemmed ("Binance" is not "binanc"). */
function isListed(word: string): boolean {
  return KNOWN_KEYS.has(word) || PLACES.has(word) || GENERIC.has(word);
}

const UPPER_FIRST = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const INNER_CAPITAL = /\p{Ll}\p{Lu}/u;

/** "SEC", "FCA", "CZ": short, all capitals. */
function isAcronym(raw: string): boolean {
  return raw.length >= 2 && raw.length <= 6 && UPPER_FIRST.test(raw) && !HAS_LOWER.test(raw);
}

function normaliseWord(raw: string): string | undefined {
  let lower = raw.toLowerCase();
  if (lower.includes("'") || lower.includes('’')) lower = lower.replace(/['’]s$/u, '').replace(/['’]/gu, '');
  if (lower.length < 2) return undefined;
  const alias = ALIASES.get(lower);
  if (alias !== undefined) {
    // "US" the country, not "us" the pronoun.
    return alias === 'usa' && raw === 'us' ? undefined : alias;
  }
  if (STOPWORDS.has(lower)) return undefined;
  if (isListed(lower) || isAcronym(raw)) return lower;
  const stemmed = stem(lower);
  const word = ALIASES.get(stemmed) ?? stemmed;
  return STOPWORDS.has(word) || word.length < 2 ? undefined : word;
}

function addToken(analysis: Analysis, target: Set<string> | undefined, token: string, cls: TokenClass): void {
  if (!analysis.tokens.has(token)) analysis.tokens.set(token, cls);
  target?.add(token);
}

/** The class a token has from the word lists alone (names found by capitalisation are not known here). */
export function tokenClass(token: string): TokenClass {
  if (/^[\d.]+$/u.test(token)) return 'number';
  if (GENERIC.has(token)) return 'generic';
  if (PLACES.has(token)) return 'place';
  if (KNOWN_KEYS.has(token)) return 'key';
  return 'word';
}

function scan(
  analysis: Analysis,
  text: string,
  target: Set<string> | undefined,
  capitalsAreEvidence: boolean,
): void {
  let sentenceStart = true;
  let skipUntil = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    if (match.index < skipUntil) continue;
    const [, acronym, number, cjk, word, end] = match;
    if (end !== undefined) {
      sentenceStart = true;
      continue;
    }
    if (acronym !== undefined) {
      const token = normaliseWord(acronym.replace(/\./gu, ''));
      if (token !== undefined) {
        analysis.proper.add(token);
        addToken(analysis, target, token, tokenClass(token));
      }
    } else if (number !== undefined) {
      let value = normaliseNumber(number);
      const after = match.index + number.length;
      const scale = SCALE_AFTER.exec(text.slice(after, after + 12));
      if (scale?.[1] !== undefined) {
        // "$4.3 billion" and "$4.3bn" become the same token, "£3.5 million" meets "£3,503,546" roughly.
        value = String(Math.round(Number(value) * (SCALES.get(scale[1].toLowerCase()) ?? 1)));
        skipUntil = after + scale[0].length;
      }
      addToken(analysis, target, value, 'number');
    } else if (cjk !== undefined) {
      const chars = Array.from(cjk);
      if (chars.length === 1 && !HIRAGANA_ONLY.test(cjk)) addToken(analysis, target, cjk, 'word');
      for (let i = 0; i + 1 < chars.length; i++) {
        const bigram = `${chars[i]}${chars[i + 1]}`;
        // Bigrams of kana alone are grammar (particles, verb endings), not content.
        if (!HIRAGANA_ONLY.test(bigram)) addToken(analysis, target, bigram, 'word');
      }
    } else if (word !== undefined) {
      const token = normaliseWord(word);
      if (token !== undefined) {
        // "KuCoin", "BlackRock", "eToro": a capital inside a word marks a name wherever it stands.
        if (
          isAcronym(word) ||
          INNER_CAPITAL.test(word) ||
          (capitalsAreEvidence && !sentenceStart && UPPER_FIRST.test(word))
        ) {
          analysis.proper.add(token);
        }
        addToken(analysis, target, token, tokenClass(token));
      }
    }
    sentenceStart = false;
  }
}

/**
 * Tokenises a title and its lede. A word counts as a name (`key`) when it is a known name, an
 * acronym, or capitalised in the middle of a sentence — in the lede, or in the title unless the
 * title is in Title Case.
 */
export function storyTokens(title: string, lede: string): StoryTokens {
  const analysis: Analysis = { tokens: new Map(), proper: new Set() };
  const titleTokens = new Set<string>();
  scan(analysis, applyPhrases(title), titleTokens, !isTitleCase(title));
  scan(analysis, applyPhrases(lede), undefined, true);
  for (const token of analysis.proper) {
    if (analysis.tokens.get(token) === 'word') analysis.tokens.set(token, 'key');
  }
  return { classes: analysis.tokens, title: titleTokens };
}
