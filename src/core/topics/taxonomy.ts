// biome-ignore-all format: word lists stay several to a line so a reviewer can read the taxonomy as data
/**
 * The topic taxonomy: every jurisdiction and theme policywire knows, with the words that name them.
 *
 * This file is data, reviewed like code. How a string is matched follows from how it is written
 * (see docs/tagging.md):
 * - Latin-script strings match on word boundaries. A single word with two or more capitals
 *   ('US', 'SEC', 'PBoC', 'MiCA') matches that exact case only; everything else ignores case.
 *   A space or hyphen in a string matches any run of spaces or hyphens ('e-CNY' also finds 'e CNY').
 * - Chinese, Japanese and Korean strings match anywhere (those scripts do not put spaces between
 *   words), so they must be at least two characters and specific enough not to occur inside
 *   unrelated words: Korean 인도 means both India and "delivery", so it is not listed.
 * - Institutions that several countries have ('SEC', 'FSC', 'FSA', 'MAS', 'BIS', 'FSB', 'Treasury',
 *   'Congress', 'Senate') are listed here under their default country and declared ambiguous in
 *   vocabulary.ts, which decides when they count.
 */

export type TopicKind = 'jurisdiction' | 'theme';

/** A jurisdiction or theme users can subscribe to. */
export interface Topic {
  slug: string;
  name: string;
  kind: TopicKind;
  /** Every other name a user may type for it (institutions, officials, local-language names...). */
  aliases: readonly string[];
}

/** One entry of the taxonomy as written in this file. `TOPICS` is derived from these. */
export interface TopicDefinition {
  readonly slug: string;
  readonly name: string;
  readonly kind: TopicKind;
  /** Jurisdictions: country names, demonyms, cities, local-language names. Aliases; say where, not what. */
  readonly places?: readonly string[];
  /** Jurisdictions: regulators, central banks, ministries, legislatures, officials, laws. Aliases; a policy actor. */
  readonly actors?: readonly string[];
  /** Themes: synonyms a user may type. Aliases, and matched in text. */
  readonly aliases?: readonly string[];
  /** Matched in text but not offered as aliases: inflections, plurals, trigger words. */
  readonly triggers?: readonly string[];
  /** Themes: what a mention says about the story (weights for the policy decision). */
  readonly signal?: { readonly crypto?: number; readonly policy?: number };
}

const jurisdictions: readonly TopicDefinition[] = [
  {
    slug: 'us',
    name: 'United States',
    kind: 'jurisdiction',
    places: [
      'US', 'U.S.', 'USA', 'U.S.A.', 'United States', 'United States of America', 'America', 'American',
      'Americans', 'Washington', 'Washington, D.C.', 'New York', 'Texas', 'California', 'Wyoming', 'Florida',
      'New Hampshire', 'Arizona', 'New Mexico', 'Wall Street', 'Manhattan',
      'EE.UU.', 'EEUU', 'Estados Unidos', 'estadounidense', 'EUA', 'Vereinigte Staaten',
      '美国', '美國', '米国', '미국',
    ],
    actors: [
      'SEC', 'Securities and Exchange Commission', 'CFTC', 'Commodity Futures Trading Commission',
      'Federal Reserve', 'Fed', 'FOMC', 'Federal Reserve Board', 'Federal Reserve Bank of New York', 'New York Fed',
      'Treasury', 'Treasury Department', 'Department of the Treasury', 'US Treasury', 'U.S. Treasury',
      'OFAC', 'Office of Foreign Assets Control', 'FinCEN', 'Financial Crimes Enforcement Network',
      'IRS', 'Internal Revenue Service', 'OCC', 'Office of the Comptroller of the Currency', 'FDIC',
      'Federal Deposit Insurance Corporation', 'DOJ', 'Department of Justice', 'Justice Department', 'FBI',
      'Bureau of Industry and Security', 'Commerce Department', 'Department of Commerce', 'NYDFS',
      'New York State Department of Financial Services', 'BitLicense', 'FINRA',
      'Congress', 'Senate', 'House of Representatives', 'House Financial Services Committee',
      'Senate Banking Committee', 'White House', 'Capitol Hill', 'Supreme Court of the United States',
      'GENIUS Act', 'CLARITY Act', 'Digital Asset Market Clarity Act', 'FIT21', 'STABLE Act',
      'Anti-CBDC Surveillance State Act', 'Bank Secrecy Act', 'SAB 121', 'SAB 122', 'Staff Accounting Bulletin',
      'Donald Trump', 'Trump', 'Joe Biden', 'Biden', 'Gary Gensler', 'Gensler',
      'Paul Atkins', 'Hester Peirce', 'Mark Uyeda', 'Caroline Pham', 'Jerome Powell', 'Powell',
      'Christopher Waller', 'Michelle Bowman', 'Scott Bessent', 'Bessent', 'Janet Yellen', 'Yellen',
      'David Sacks', 'Elizabeth Warren', 'Cynthia Lummis', 'Tim Scott', 'French Hill',
      '美联储', '美聯儲', '联储', '美国证监会', '美國證監會', '米連邦準備制度理事会', '米証券取引委員会',
      '연준', '연방준비제도', '미 증권거래위원회', '미국 증권거래위원회',
    ],
    triggers: ['U.S', 'Casa Blanca', 'Congresso dos EUA'],
  },
  {
    slug: 'eu',
    name: 'European Union',
    kind: 'jurisdiction',
    places: [
      'EU', 'European Union', 'eurozone', 'euro area', 'euro zone', 'Brussels', 'European Economic Area', 'EEA',
      'UE', 'Unión Europea', 'União Europeia', 'Union européenne', 'Europäische Union', 'Europäischen Union',
      'Europäischen Wirtschaftsraum', 'Eurozone',
      '欧盟', '歐盟', '欧州連合', '유럽연합',
    ],
    actors: [
      'ESMA', 'European Securities and Markets Authority', 'EBA', 'European Banking Authority', 'EIOPA',
      'ECB', 'European Central Bank', 'Eurosystem', 'European Commission', 'European Parliament',
      'Council of the EU', 'Council of the European Union', 'Eurogroup', 'AMLA', 'Anti-Money Laundering Authority',
      'MiCA', 'MICA', 'MiCAR', 'Markets in Crypto-Assets', 'Markets in Crypto-Assets Regulation', 'DAC8', 'AMLR',
      'Transfer of Funds Regulation', 'DORA', 'Christine Lagarde', 'Lagarde', 'Piero Cipollone', 'Cipollone',
      'Mairead McGuinness', 'Ursula von der Leyen',
      'Europäische Zentralbank', 'EZB', 'Banco Central Europeo', 'BCE', 'Parlamento Europeu', 'Parlamento Europeo',
      'Europäischen Parlament', 'Europäischen Parlaments', 'Autoridad Bancaria Europea',
      '欧洲央行', '歐洲央行', '欧洲中央银行', '欧州中央銀行', '欧州議会', '欧州委員会', '유럽중앙은행', '미카',
    ],
    triggers: ['Markets in Crypto Assets'],
  },
  {
    slug: 'uk',
    name: 'United Kingdom',
    kind: 'jurisdiction',
    places: [
      'UK', 'U.K.', 'United Kingdom', 'Britain', 'Great Britain', 'British', 'England', 'London', 'Scotland',
      'Wales', 'Vereinigtes Königreich', 'Reino Unido', 'Royaume-Uni', '英国', '英國', '영국',
    ],
    actors: [
      'FCA', 'Financial Conduct Authority', 'Bank of England', 'BoE', 'BOE', 'HM Treasury', 'UK Treasury',
      'HMRC', 'HM Revenue and Customs', 'OFSI', 'Prudential Regulation Authority', 'PRA', 'Parliament of the United Kingdom',
      'House of Commons', 'House of Lords', 'Financial Services and Markets Act 2023', 'Rachel Reeves',
      'Keir Starmer', 'Rishi Sunak', 'Andrew Bailey', 'Sarah Breeden', 'Nikhil Rathi', 'Downing Street',
      'Chancellor of the Exchequer', '英格兰银行', '英國金融行為監管局', '英国金融行为监管局', '英国金融行為監督機構',
      '영란은행', '영국 금융감독청',
    ],
  },
  {
    slug: 'china',
    name: 'China',
    kind: 'jurisdiction',
    places: [
      'China', 'Chinese', 'PRC', "People's Republic of China", 'mainland China', 'Beijing', 'Shanghai',
      'Shenzhen', 'Hangzhou', 'Guangzhou', 'Chinas', 'Xinhua', 'Volksrepublik China',
      '中国', '中國', '中华人民共和国', '北京', '上海', '深圳', '杭州', '内地', '中国大陆', '中國大陸',
      '中国内地', '중국',
    ],
    actors: [
      'PBoC', 'PBOC', "People's Bank of China", 'CSRC', 'China Securities Regulatory Commission', 'CAC',
      'Cyberspace Administration of China', 'Cyberspace Administration', 'State Council', 'Politburo', 'Political Bureau',
      'Communist Party of China', 'Chinese Communist Party', 'CCP', 'National People’s Congress',
      "National People's Congress", 'NDRC', 'Ministry of Public Security', 'Supreme People’s Court',
      "Supreme People's Court", 'State Administration of Foreign Exchange', 'Xi Jinping', 'Xi',
      'Li Qiang', 'Pan Gongsheng', 'Yi Gang', '最高法', 'e-CNY', 'eCNY', 'digital yuan', 'digital renminbi',
      '中国人民银行', '中國人民銀行', '人民银行', '人民銀行', '中国证监会', '中國證監會', '证监会', '国务院', '國務院',
      '网信办', '公安部', '最高人民法院', '最高人民检察院', '外汇局', '国家外汇管理局', '习近平', '習近平',
      '中共中央', '政治局', '数字人民币', '數字人民幣', '全国人大', '发改委', '中国人民銀行', 'デジタル人民元',
      '중국인민은행', '인민은행',
    ],
  },
  {
    slug: 'hong-kong',
    name: 'Hong Kong',
    kind: 'jurisdiction',
    places: [
      'Hong Kong', 'HK', 'HKSAR', 'Kowloon', 'Hongkong', '香港', '中国香港', '中國香港', '香港特区', '香港特別行政區',
      '香港特别行政区', '홍콩',
    ],
    actors: [
      'SFC', 'Securities and Futures Commission', 'HKMA', 'Hong Kong Monetary Authority', 'Legislative Council',
      'LegCo', 'Stablecoins Ordinance', 'Financial Services and the Treasury Bureau', 'FSTB', 'Eddie Yue',
      'Julia Leung', 'Paul Chan', 'e-HKD', 'digital Hong Kong dollar',
      '證監會', '证券及期货事务监察委员会', '證券及期貨事務監察委員會', '金管局', '香港金融管理局',
      '立法会', '立法會', '财经事务及库务局', '財經事務及庫務局', '陈茂波', '陳茂波', '数码港元', '數碼港元',
      '香港证监会', '香港證監會', '稳定币条例', '穩定幣條例', '홍콩 증권선물위원회',
    ],
  },
  {
    slug: 'taiwan',
    name: 'Taiwan',
    kind: 'jurisdiction',
    places: ['Taiwan', 'Taiwanese', 'Taipei', '台湾', '台灣', '臺灣', '台北', '中国台湾', '대만'],
    actors: [
      'Financial Supervisory Commission', 'Central Bank of the Republic of China', 'Legislative Yuan',
      'Executive Yuan', 'digital NT dollar', '數位新台幣', '数字新台币', '金管會', '金管会', '金融監督管理委員會', '金融监督管理委员会', '行政院', '立法院', '虛擬資產服務法', '虚拟资产服务法',
    ],
  },
  {
    slug: 'japan',
    name: 'Japan',
    kind: 'jurisdiction',
    places: ['Japan', 'Japanese', 'Tokyo', 'Osaka', 'Japón', 'Japão', '日本', '東京', '东京', '일본', '도쿄'],
    actors: [
      'FSA', 'JFSA', 'Financial Services Agency', 'Bank of Japan', 'BoJ', 'BOJ', 'National Diet',
      'Financial Instruments and Exchange Act', 'FIEA', 'Kanto Local Finance Bureau', 'JVCEA',
      'Japan Virtual and Crypto assets Exchange Association', 'Shigeru Ishiba', 'Fumio Kishida', 'Kazuo Ueda',
      'Sanae Takaichi', 'digital yen',
      '金融庁', '日本銀行', '日銀', '金融商品取引法', '金商法', '資金決済法', '関東財務局', '財務省', '国税庁',
      '税制改正大綱', 'デジタル円', '金融厅', '日本金融厅', '日本央行', '日本银行', '金融商品交易法',
      '일본은행', '일본 금융청', '금융청',
    ],
  },
  {
    slug: 'south-korea',
    name: 'South Korea',
    kind: 'jurisdiction',
    places: [
      'South Korea', 'Korea', 'Korean', 'Koreans', 'Republic of Korea', 'ROK', 'Seoul', 'Busan', 'Südkorea',
      'Corea del Sur', 'Coreia do Sul', '韩国', '韓國', '韓国', '南韩', '南韓', '首尔', '首爾', 'ソウル',
      '한국', '대한민국', '서울', '부산', ],
    actors: [
      'FSC', 'Financial Services Commission', 'FSS', 'Financial Supervisory Service', 'Bank of Korea', 'BOK', 'BoK',
      'Korea Financial Intelligence Unit', 'KoFIU', 'Virtual Asset User Protection Act', 'Digital Asset Basic Act',
      'Lee Jae-myung', 'Yoon Suk Yeol', 'Digital Asset eXchange Alliance', 'DAXA',
      '金融委员会', '金融委員会', '韩国央行', '韓国銀行', '韓國銀行', '금융위원회', '금융위', '금융감독원', '금감원',
      '한국은행', '한은', '금융정보분석원', '국회', '더불어민주당', '국민의힘', '가상자산이용자보호법',
      '가상자산 이용자 보호법', '가상자산 이용자 보호 등에 관한 법률', '디지털자산기본법', '특금법', '닥사',
      '이재명', '윤석열', '금융당국', '프로젝트 한강',
    ],
  },
  {
    slug: 'north-korea',
    name: 'North Korea',
    kind: 'jurisdiction',
    // State-backed hacking groups say where, not that a public authority acted: places, not actors.
    places: [
      'North Korea', 'North Korean', 'North Koreans', 'DPRK', 'Pyongyang', 'Lazarus Group', 'Lazarus',
      'TraderTraitor', '朝鲜', '北朝鮮', '북한', '라자루스', 'ラザルス',
    ],
    actors: ['Reconnaissance General Bureau', 'Korean Workers’ Party'],
  },
  {
    slug: 'singapore',
    name: 'Singapore',
    kind: 'jurisdiction',
    places: ['Singapore', 'Singaporean', 'Singapur', 'Cingapura', '新加坡', 'シンガポール', '싱가포르', '싱가폴'],
    actors: [
      'MAS', 'Monetary Authority of Singapore', 'Project Guardian', 'Financial Services and Markets Act 2022',
      'Major Payment Institution', 'Ravi Menon', 'Chia Der Jiunn', 'Lawrence Wong', '新加坡金管局',
      '新加坡金融管理局', 'シンガポール金融管理局', '싱가포르 통화청',
    ],
  },
  {
    slug: 'india',
    name: 'India',
    kind: 'jurisdiction',
    places: ['India', 'Indian', 'Indians', 'New Delhi', 'Delhi', 'Mumbai', 'Bengaluru', 'Indien', '印度', 'インド'],
    actors: [
      'RBI', 'Reserve Bank of India', 'SEBI', 'Sebi', 'Securities and Exchange Board of India', 'FIU-IND',
      'FIU India', 'Prevention of Money Laundering Act', 'PMLA', 'Lok Sabha', 'Rajya Sabha', 'Union Budget',
      'Nirmala Sitharaman', 'Sitharaman', 'Narendra Modi', 'Modi', 'Sanjay Malhotra', 'Shaktikanta Das',
      'T Rabi Sankar', 'Rabi Sankar', 'e-rupee', 'digital rupee', 'e₹', 'Global Fintech Fest',
      '印度储备银行', 'インド準備銀行', '인도중앙은행', '인도 정부',
    ],
  },
  {
    slug: 'pakistan',
    name: 'Pakistan',
    kind: 'jurisdiction',
    places: ['Pakistan', 'Pakistani', 'Islamabad', 'Karachi', '巴基斯坦', 'パキスタン', '파키스탄'],
    actors: [
      'SECP', 'Securities and Exchange Commission of Pakistan', 'State Bank of Pakistan', 'SBP',
      'Pakistan Virtual Assets Regulatory Authority', 'PVARA', 'Pakistan Crypto Council', 'Muhammad Aurangzeb',
      'Bilal Bin Saqib',
    ],
  },
  {
    slug: 'thailand',
    name: 'Thailand',
    kind: 'jurisdiction',
    places: ['Thailand', 'Thai', 'Bangkok', '泰国', '泰國', 'タイ王国', '태국'],
    actors: ['Bank of Thailand', 'Securities and Exchange Commission of Thailand', 'Thai SEC'],
  },
  {
    slug: 'philippines',
    name: 'Philippines',
    kind: 'jurisdiction',
    places: ['Philippines', 'Philippine', 'Filipino', 'Filipinos', 'Manila', '菲律宾', '菲律賓', 'フィリピン', '필리핀'],
    actors: ['Bangko Sentral ng Pilipinas', 'BSP', 'Philippine SEC', 'National Telecommunications Commission'],
  },
  {
    slug: 'indonesia',
    name: 'Indonesia',
    kind: 'jurisdiction',
    places: ['Indonesia', 'Indonesian', 'Jakarta', '印度尼西亚', '印尼', 'インドネシア', '인도네시아'],
    actors: ['OJK', 'Otoritas Jasa Keuangan', 'Bappebti', 'Bank Indonesia'],
  },
  {
    slug: 'vietnam',
    name: 'Vietnam',
    kind: 'jurisdiction',
    places: ['Vietnam', 'Viet Nam', 'Vietnamese', 'Hanoi', 'Ho Chi Minh City', '越南', 'ベトナム', '베트남'],
    actors: ['State Bank of Vietnam', 'Law on Digital Technology Industry'],
  },
  {
    slug: 'malaysia',
    name: 'Malaysia',
    kind: 'jurisdiction',
    places: ['Malaysia', 'Malaysian', 'Kuala Lumpur', 'Labuan', '马来西亚', '馬來西亞', 'マレーシア', '말레이시아'],
    actors: ['Bank Negara Malaysia', 'Securities Commission Malaysia', 'Labuan FSA'],
  },
  {
    slug: 'uae',
    name: 'United Arab Emirates',
    kind: 'jurisdiction',
    places: [
      'UAE', 'United Arab Emirates', 'Emirati', 'Emirates', 'Dubai', 'Abu Dhabi', '阿联酋', '阿聯酋', '迪拜', '杜拜',
      'アラブ首長国連邦', 'ドバイ', '아랍에미리트', '두바이', '아부다비',
    ],
    actors: [
      'VARA', 'Virtual Assets Regulatory Authority', 'ADGM', 'Abu Dhabi Global Market', 'FSRA',
      'Financial Services Regulatory Authority', 'DFSA', 'Dubai Financial Services Authority', 'DIFC', 'CBUAE',
      'Central Bank of the UAE', 'Central Bank of the United Arab Emirates', 'Securities and Commodities Authority',
    ],
  },
  {
    slug: 'israel',
    name: 'Israel',
    kind: 'jurisdiction',
    places: ['Israel', 'Israeli', 'Tel Aviv', 'Jerusalem', '以色列', 'イスラエル', '이스라엘'],
    actors: ['Israel Securities Authority', 'Bank of Israel', 'Capital Market Authority of Israel'],
  },
  {
    slug: 'turkey',
    name: 'Türkiye',
    kind: 'jurisdiction',
    places: ['Turkey', 'Türkiye', 'Turkiye', 'Turkish', 'Istanbul', 'Ankara', '土耳其', 'トルコ', '튀르키예', '터키'],
    actors: [
      'Capital Markets Board', 'Central Bank of the Republic of Turkey', 'CBRT', 'MASAK',
      'Capital Markets Law', 'Grand National Assembly of Turkey',
    ],
  },
  {
    slug: 'iran',
    name: 'Iran',
    kind: 'jurisdiction',
    places: ['Iran', 'Iranian', 'Tehran', '伊朗', 'イラン', '이란'],
    actors: ['Central Bank of Iran', 'Nobitex'],
  },
  {
    slug: 'russia',
    name: 'Russia',
    kind: 'jurisdiction',
    places: [
      'Russia', 'Russian', 'Russians', 'Moscow', 'St Petersburg', 'St. Petersburg', 'Russland',
      'Rusia', 'Rússia', 'Россия', 'России', 'Россией', 'Россию', 'РФ', 'Москва', 'Москве', 'Санкт-Петербурге',
      '俄罗斯', '俄羅斯', 'ロシア', '러시아',
    ],
    actors: [
      'Kremlin', 'Bank of Russia', 'Central Bank of Russia', 'CBR', 'State Duma', 'Duma', 'Federal Security Service',
      'Rosfinmonitoring', 'Ministry of Finance of Russia', 'Vladimir Putin', 'Putin', 'Elvira Nabiullina',
      'Nabiullina', 'Anton Siluanov', 'digital ruble', 'digital rouble', 'Garantex', 'Grinex',
      'Банк России', 'Банка России', 'Банком России', 'ЦБ', 'Госдума', 'Государственная дума', 'Государственной думы',
      'Минфин', 'ФСБ', 'Росфинмониторинг', 'Путин', 'Набиуллина', 'цифровой рубль', 'цифрового рубля',
      'цифровым рублем', 'цифровом рубле', '俄罗斯央行', 'ロシア中央銀行', '러시아 중앙은행',
    ],
  },
  {
    slug: 'germany',
    name: 'Germany',
    kind: 'jurisdiction',
    places: ['Germany', 'German', 'Berlin', 'Deutschland', 'deutsche', 'deutschen', 'deutscher', 'Alemania', 'Alemanha', '德国', '德國', 'ドイツ', '독일'],
    actors: [
      'BaFin', 'BAFIN', 'Bundesanstalt für Finanzdienstleistungsaufsicht', 'Bundesbank', 'Deutsche Bundesbank',
      'Bundestag', 'Bundesregierung', 'Bundesfinanzministerium', 'Kreditwesengesetz', 'Joachim Nagel',
    ],
  },
  {
    slug: 'france',
    name: 'France',
    kind: 'jurisdiction',
    places: ['France', 'French', 'Paris', 'Frankreich', 'Francia', 'França', '法国', '法國', 'フランス', '프랑스'],
    actors: [
      'AMF', 'Autorité des marchés financiers', 'ACPR', 'Autorité de contrôle prudentiel et de résolution',
      'Banque de France', 'Assemblée nationale', 'François Villeroy de Galhau', 'Bercy',
    ],
  },
  {
    slug: 'spain',
    name: 'Spain',
    kind: 'jurisdiction',
    places: ['Spain', 'Spanish', 'Madrid', 'España', 'española', 'español', 'españoles', 'Spanien', 'Espanha', '西班牙', 'スペイン', '스페인'],
    actors: ['CNMV', 'Comisión Nacional del Mercado de Valores', 'Banco de España', 'Bank of Spain'],
  },
  {
    slug: 'italy',
    name: 'Italy',
    kind: 'jurisdiction',
    places: ['Italy', 'Italian', 'Rome', 'Milan', 'Italia', 'Italien', 'Itália', '意大利', 'イタリア', '이탈리아'],
    actors: ['Consob', 'CONSOB', 'Bank of Italy', "Banca d'Italia"],
  },
  {
    slug: 'netherlands',
    name: 'Netherlands',
    kind: 'jurisdiction',
    places: ['Netherlands', 'Dutch', 'Amsterdam', 'The Hague', 'Niederlande', 'Países Bajos', '荷兰', '荷蘭', 'オランダ', '네덜란드'],
    actors: ['De Nederlandsche Bank', 'DNB', 'AFM', 'Dutch Authority for the Financial Markets'],
  },
  {
    slug: 'ireland',
    name: 'Ireland',
    kind: 'jurisdiction',
    places: ['Ireland', 'Irish', 'Dublin', 'Irland', 'Irlanda', '爱尔兰', '愛爾蘭', 'アイルランド', '아일랜드'],
    actors: ['Central Bank of Ireland'],
  },
  {
    slug: 'switzerland',
    name: 'Switzerland',
    kind: 'jurisdiction',
    places: [
      'Switzerland', 'Swiss', 'Zurich', 'Zürich', 'Geneva', 'Bern', 'Berne', 'Crypto Valley', 'Schweiz',
      'Suiza', 'Suíça', 'Suisse', '瑞士', 'スイス', '스위스',
    ],
    actors: [
      'FINMA', 'Swiss Financial Market Supervisory Authority', 'SNB', 'Swiss National Bank', 'Federal Council',
      'Swiss Federal Council', 'Eidgenössische', 'Martin Schlegel', 'Karin Keller-Sutter',
    ],
  },
  {
    slug: 'brazil',
    name: 'Brazil',
    kind: 'jurisdiction',
    places: [
      'Brazil', 'Brazilian', 'Brazilians', 'Brasil', 'brasileiro', 'brasileira', 'brasileiros', 'brasileiras',
      'Brasília', 'Brasilia', 'São Paulo', 'Sao Paulo', 'Rio de Janeiro', 'Bahia', 'Brasilien', '巴西', 'ブラジル', '브라질',
    ],
    actors: [
      'Banco Central do Brasil', 'Central Bank of Brazil', "Brazil's central bank", 'BCB', 'CVM',
      'Comissão de Valores Mobiliários', 'Receita Federal', 'Drex', 'DeCripto', 'Congresso Nacional',
      'Luiz Inácio Lula da Silva', 'Lula', 'Gabriel Galípolo', 'Galípolo', 'Roberto Campos Neto', 'Campos Neto',
      'Fernando Haddad', 'Pix',
    ],
  },
  {
    slug: 'argentina',
    name: 'Argentina',
    kind: 'jurisdiction',
    places: ['Argentina', 'Argentine', 'Argentinian', 'argentino', 'Buenos Aires', '阿根廷', 'アルゼンチン', '아르헨티나'],
    actors: [
      'Comisión Nacional de Valores', 'CNV', 'Central Bank of Argentina', 'BCRA', 'Banco Central de la República Argentina',
      'Javier Milei', 'Milei', 'LIBRA',
    ],
  },
  {
    slug: 'mexico',
    name: 'Mexico',
    kind: 'jurisdiction',
    places: ['Mexico', 'México', 'Mexican', 'mexicano', 'mexicana', 'Mexico City', 'Mexiko', '墨西哥', 'メキシコ', '멕시코'],
    actors: [
      'CNBV', 'Comisión Nacional Bancaria y de Valores', 'Banxico', 'Banco de México', 'Bank of Mexico',
      'Secretaría de Hacienda', 'Claudia Sheinbaum',
    ],
  },
  {
    slug: 'el-salvador',
    name: 'El Salvador',
    kind: 'jurisdiction',
    places: ['El Salvador', 'Salvadoran', 'Salvadorian', 'salvadoreño', 'salvadoreña', 'San Salvador', '萨尔瓦多', '薩爾瓦多', 'エルサルバドル', '엘살바도르'],
    actors: [
      'Nayib Bukele', 'Bukele', 'Bitcoin Law', 'Ley Bitcoin', 'Chivo', 'CNAD', 'National Commission of Digital Assets',
      'Comisión Nacional de Activos Digitales', 'Banco Central de Reserva', 'Bitcoin Office', 'Stacy Herbert',
      'Asamblea Legislativa de El Salvador',
    ],
  },
  {
    slug: 'canada',
    name: 'Canada',
    kind: 'jurisdiction',
    places: [
      'Canada', 'Canadian', 'Canadians', 'Ottawa', 'Toronto', 'Ontario', 'Quebec', 'Québec', 'British Columbia',
      'Alberta', 'Vancouver', 'Montreal', 'Kanada', 'Canadá', '加拿大', 'カナダ', '캐나다',
    ],
    actors: [
      'CSA', 'Canadian Securities Administrators', 'OSC', 'Ontario Securities Commission', 'Bank of Canada',
      'FINTRAC', 'CIRO', 'OSFI', 'Canada Revenue Agency', 'BC Hydro', 'Tiff Macklem', 'Mark Carney',
    ],
  },
  {
    slug: 'australia',
    name: 'Australia',
    kind: 'jurisdiction',
    places: [
      'Australia', 'Australian', 'Australians', 'Canberra', 'Sydney', 'Melbourne', 'New South Wales', 'Australien',
      '澳大利亚', '澳洲', 'オーストラリア', '호주',
    ],
    actors: [
      'ASIC', 'Australian Securities and Investments Commission', 'AUSTRAC', 'RBA', 'Reserve Bank of Australia',
      'Australian Taxation Office', 'ATO', 'Australian Treasury', 'Jim Chalmers', 'Daniel Mulino', 'Joe Longo',
      'Brendan Thomas', 'Michele Bullock',
    ],
  },
  {
    slug: 'nigeria',
    name: 'Nigeria',
    kind: 'jurisdiction',
    places: ['Nigeria', 'Nigerian', 'Nigerians', 'Lagos', 'Abuja', '尼日利亚', '奈及利亞', 'ナイジェリア', '나이지리아'],
    actors: [
      'CBN', 'Central Bank of Nigeria', 'SEC Nigeria', 'EFCC', 'Economic and Financial Crimes Commission',
      'Investments and Securities Act', 'eNaira', 'Bola Tinubu', 'Tinubu', 'Emomotimi Agama', 'Olayemi Cardoso',
    ],
  },
  {
    slug: 'kenya',
    name: 'Kenya',
    kind: 'jurisdiction',
    places: ['Kenya', 'Kenyan', 'Nairobi', '肯尼亚', 'ケニア', '케냐'],
    actors: ['Central Bank of Kenya', 'Capital Markets Authority of Kenya', 'William Ruto', 'Ruto', 'Kenya Revenue Authority'],
  },
  {
    slug: 'south-africa',
    name: 'South Africa',
    kind: 'jurisdiction',
    places: ['South Africa', 'South African', 'Johannesburg', 'Cape Town', 'Pretoria', '南非', '南アフリカ', '남아프리카공화국', '남아공'],
    actors: [
      'FSCA', 'Financial Sector Conduct Authority', 'South African Reserve Bank', 'SARB', 'SARS',
      'South African Revenue Service', 'Prudential Authority',
    ],
  },
  {
    slug: 'international',
    name: 'International bodies',
    kind: 'jurisdiction',
    places: ['standard setters', 'standard-setting bodies'],
    actors: [
      'FATF', 'Financial Action Task Force', 'BIS', 'Bank for International Settlements', 'BIS Innovation Hub',
      'IMF', 'International Monetary Fund', 'IOSCO', 'International Organization of Securities Commissions', 'FSB',
      'Financial Stability Board', 'Basel Committee', 'Basel Committee on Banking Supervision', 'BCBS', 'G20', 'G-20',
      'G7', 'G-7', 'OECD', 'World Bank', 'United Nations', 'UNODC',
      'Interpol', 'CPMI', 'Project Agorá', 'Project Agora', 'mBridge', 'Project mBridge',
      'Fondo Monetario Internacional', 'Fundo Monetário Internacional', 'Internationaler Währungsfonds', 'OCDE',
      '国际清算银行', '國際清算銀行', '国际货币基金组织', '國際貨幣基金組織', '金融行动特别工作组', '金融稳定理事会',
      '国際決済銀行', '国際通貨基金', '金融活動作業部会', '金融安定理事会', '국제결제은행', '국제통화기금',
      '국제자금세탁방지기구', '금융안정위원회', '多边央行数字货币桥', '货币桥',
    ],
  },
];

const themes: readonly TopicDefinition[] = [
  {
    slug: 'stablecoins',
    name: 'Stablecoins',
    kind: 'theme',
    aliases: ['stablecoin', 'e-money tokens', 'EMT', 'payment stablecoins'],
    triggers: [
      'stablecoins', 'stable coin', 'stable coins', 'e-money token', 'EMTs', 'asset-referenced token',
      'asset-referenced tokens', 'fiat-referenced token', 'fiat-referenced tokens', 'payment stablecoin',
      'dollar token', 'dollar tokens', 'dollar-backed token', 'dollar-backed tokens', 'dollar-pegged',
      'value-referenced crypto assets', 'USDT', 'USDC', 'Tether', 'RLUSD', 'PYUSD', 'EURC', 'USDe', 'DAI',
      'TerraUSD', 'Circle', 'GENIUS Act', 'STABLE Act', 'Stablecoins Ordinance', 'stablecoin issuer',
      'Stablecoin', 'Stablecoins', 'Dollar-Stablecoins', 'moneda estable', 'monedas estables',
      '稳定币', '穩定幣', 'ステーブルコイン', '電子決済手段', '스테이블코인', '원화 스테이블코인', 'стейблкоин', 'стейблкоины',
    ],
    signal: { crypto: 1, policy: 0 },
  },
  {
    slug: 'cbdc',
    name: 'CBDCs',
    kind: 'theme',
    aliases: ['CBDC', 'central bank digital currency', 'digital euro', 'digital pound'],
    triggers: [
      'CBDCs', 'central bank digital currencies', 'wholesale CBDC', 'retail CBDC', 'digital euro', 'digitaler Euro',
      'digitalen Euro', 'digitale Euro', 'euro digital', 'digital pound', 'Britcoin', 'digital dollar', 'digital yuan',
      'digital renminbi', 'e-CNY', 'eCNY', 'e-HKD', 'digital Hong Kong dollar', 'e-rupee', 'digital rupee', 'e₹',
      'Drex', 'eNaira', 'digital ruble', 'digital rouble', 'Sand Dollar', 'mBridge', 'Project mBridge',
      'Project Agorá', 'Project Agora', 'digital yen', 'digital NT dollar', '數位新台幣', '数字新台币',
      'euro numérique', "monnaie numérique de banque centrale", 'tokenised wholesale central bank money',
      'tokenized wholesale central bank money', 'tokenised central bank reserves', 'moeda digital brasileira',
      '中央银行数字货币', '央行数字货币', '数字人民币', '數字人民幣', '数码港元', '數碼港元', '多边央行数字货币桥',
      '中銀デジタル通貨', '中央銀行デジタル通貨', 'デジタル円', 'デジタルユーロ', 'デジタル人民元',
      '중앙은행 디지털화폐', '중앙은행디지털화폐', '예금토큰', '디지털 유로', '프로젝트 한강',
      'цифровой рубль', 'цифрового рубля', 'цифровым рублем', 'цифровом рубле',
    ],
    signal: { crypto: 1, policy: 1 },
  },
  {
    slug: 'tax',
    name: 'Tax',
    kind: 'theme',
    aliases: ['tax', 'taxation', 'crypto tax', 'tax reporting'],
    triggers: [
      'taxes', 'taxed', 'taxing', 'taxable', 'taxpayers', 'tax evasion', 'capital gains', 'tax gap',
      'tax deducted at source', 'TDS', '1099-DA', 'Form 1099-DA', 'IRS', 'Internal Revenue Service', 'HMRC',
      'HM Revenue and Customs', 'Receita Federal', 'DeCripto', 'DAC8', 'CARF', 'Crypto-Asset Reporting Framework',
      'Australian Taxation Office', 'Canada Revenue Agency', 'income tax', 'tax authorities',
      '税收', '税率', '税制', '征税', '纳税', '納税', '税务', '税務', '課税', '税金', '分離課税', '総合課税',
      '税制改正', '税制改正大綱', '세금', '과세', '세제', '소득세', '가상자산 과세',
      'Steuer', 'Steuern', 'besteuert', 'Besteuerung', 'impuesto', 'impuestos', 'tributación', 'imposto', 'impostos',
      'tributação', 'tributária', 'impôt', 'impôts', 'fiscalité', 'налог', 'налоги', 'налогов',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'aml',
    name: 'AML & KYC',
    kind: 'theme',
    aliases: ['AML', 'anti-money laundering', 'money laundering', 'KYC', 'travel rule', 'CFT'],
    triggers: [
      'AML/CFT', 'counter-terrorist financing', 'terrorist financing', 'terrorism financing', 'laundering',
      'laundered', 'launder', 'laundering of', 'Know Your Customer', 'know-your-customer', 'customer due diligence',
      'customer identification', 'Travel Rule', 'FATF', 'Financial Action Task Force', 'FinCEN',
      'Financial Crimes Enforcement Network', 'FIU', 'Financial Intelligence Unit', 'FIU-IND', 'AMLA',
      'Anti-Money Laundering Authority', 'AMLR', 'Anti-Money Laundering Regulation', 'Bank Secrecy Act', 'BSA',
      'AUSTRAC', 'FINTRAC', 'Rosfinmonitoring', 'MASAK', 'mixer', 'mixers', 'mixing service', 'illicit finance',
      'illicit proceeds', 'illicit actors', 'Prevention of Money Laundering Act', 'PMLA', 'Section 311',
      'financial crime', 'financial crimes',
      '反洗钱', '反洗錢', '洗钱', '洗錢', '客户身份识别', 'マネー・ローンダリング', 'マネーロンダリング', 'マネロン',
      '資金洗浄', '자금세탁', '고객확인', '특금법', '금융정보분석원', '믹서', '세탁',
      'Geldwäsche', 'lavado de dinero', 'lavado de activos', 'lavagem de dinheiro', 'blanchiment',
      'отмывание', 'отмывания', 'Росфинмониторинг',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'securities',
    name: 'Securities law',
    kind: 'theme',
    aliases: ['securities', 'securities law', 'security token'],
    triggers: [
      'security tokens', 'securities laws', 'federal securities laws', 'unregistered securities', 'unregistered offering',
      'investment contract', 'investment contracts', 'Howey', 'Howey test', 'securities offering', 'securities fraud',
      'offer and sale of securities', 'transferable security', 'financial instrument', 'financial instruments',
      'MiFID II', 'tokenized securities', 'tokenised securities', 'tokenized stocks', 'tokenization of securities',
      'real-world asset tokenization', 'prospectus', 'Securities Act', 'Securities Act of 1933',
      'Securities Exchange Act', 'Securities Exchange Act of 1934', 'Investments and Securities Act',
      'Financial Instruments and Exchange Act', 'FIEA', 'bond offering', 'digital commodity',
      'is a security', 'are securities', 'as securities', 'not securities', 'tokenized bond', 'tokenized bonds',
      'tokenised bond', 'tokenised bonds', 'tokenized government bond', 'digital bonds',
      '证券', '證券', '有価証券', '金融商品取引法', '金商法', '金融商品交易法', '金融商品', '代币化证券',
      '증권', '증권성', 'Wertpapier', 'Wertpapiere', 'valores mobiliários', 'valores mobiliarios', 'valeurs mobilières',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'enforcement',
    name: 'Enforcement',
    kind: 'theme',
    aliases: ['enforcement', 'crackdown', 'enforcement action'],
    triggers: [
      'enforcement actions', 'charged', 'charges against', 'filing and settling charges', 'settling charges',
      'settle the charges', 'sued', 'sues', 'suing', 'lawsuit', 'lawsuits', 'indicted', 'indictment', 'arrested',
      'arrest', 'arrests', 'detained', 'detains', 'convicted', 'pleaded guilty', 'pleads guilty', 'pleaded guilty to',
      'sentenced', 'prison', 'jail', 'jail terms', 'fined', 'fines', 'fine of', 'penalty', 'penalties',
      'civil penalty', 'civil monetary penalty', 'administrative penalty', 'disgorgement', 'cease-and-desist',
      'cease and desist', 'Wells notice', 'subpoena', 'prosecutors', 'prosecution', 'probe', 'probes',
      'investigation', 'investigating', 'seized', 'seizure', 'seizes', 'raid', 'raided', 'crack down',
      'cracking down', 'crackdown', 'blackout', 'block access', 'blocked', 'suspicious platforms', 'warning list',
      'show-cause notice', 'show-cause notices', 'business improvement order', 'business improvement orders',
      'confiscated', 'forfeited', 'forfeiture', 'trading ban', 'enforcement', 'warning about', 'issued a warning',
      'warns against', 'warns the public', 'warns public', 'investor alert', 'added to its warning list',
      'DOJ', 'Department of Justice', 'Justice Department', 'FBI', 'Ministry of Public Security', 'EFCC',
      'Economic and Financial Crimes Commission', 'SEC enforcement',
      '处罚', '罚款', '打击', '严厉打击', '逮捕', '起诉', '立案', '调查', '警方', '警察', '發出警告', '发出警告',
      '轉介警方', '可疑虛擬資產交易平台', '违法犯罪', '高压态势', '行政処分', '業務改善命令', '業務停止命令', '摘発',
      '起訴', '제재', '과징금', '과태료', '처벌', '형사처벌', '기소', '검찰', '수사', '압수', '영업정지', '영업 일부정지',
      '문책경고', 'Strafe', 'Bußgeld', 'Ermittlungen', 'warnt vor', 'multa', 'multas', 'sanción', 'sanciones',
      'investigación', 'detenido', 'detenidos', 'imputado', 'condenado', 'investigação', 'amende', 'штраф',
      'задержал', 'задержали', 'задержаны', 'уголовное дело',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'licensing',
    name: 'Licensing',
    kind: 'theme',
    aliases: ['licensing', 'licence', 'license', 'registration', 'authorisation', 'VASP', 'CASP'],
    triggers: [
      'licences', 'licenses', 'licensed', 'licensee', 'unlicensed', 'licensing regime', 'registration regime',
      'registered', 'unregistered', 'not registered', 'register with', 'authorisation', 'authorization',
      'authorised', 'authorized', 'unauthorised', 'unauthorized', 'authorises', 'authorizes', 'in-principle approval',
      'Major Payment Institution', 'VASPs', 'CASPs', 'virtual asset service provider', 'virtual asset service providers',
      'crypto-asset service provider', 'crypto-asset service providers', 'crypto asset service provider',
      'crypto asset service providers', 'digital token service provider', 'digital token service providers',
      'BitLicense', 'money transmitter license', 'money transmitting business', 'bank charter', 'trust bank charter',
      'national trust bank charter', 'trust charter', 'regulatory sandbox', 'sandbox', 'incubation programme',
      'passport', 'passporting', 'Accepted Virtual Asset', 'Accepted Fiat-Referenced Token',
      '牌照', '發牌', '发牌', '持牌', '获发牌', '許可', '许可', '登録', '登録業者', '無登録', '免許', '電子決済手段等取引業',
      '인가를 받', '인가 취득', '등록', '신고', '라이선스', '사업자 신고', 'Lizenz', 'Lizenzen', 'Erlaubnis', 'Zulassung', 'zugelassen',
      'licencia', 'licencias', 'autoriza', 'autorización', 'autorizado', 'autorizada', 'licença', 'licenças',
      'autorização', 'autorizadas', 'agréé', 'agréés', 'agrément', 'enregistrés', 'лицензия', 'лицензии',
      'лицензированных',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'ban',
    name: 'Bans',
    kind: 'theme',
    aliases: ['ban', 'bans', 'prohibition'],
    triggers: [
      'banned', 'banning', 'prohibit', 'prohibits', 'prohibited', 'prohibiting', 'prohibition', 'outlaw',
      'outlawed', 'barred', 'bar banks', 'moratorium', 'lifts ban', 'lift the ban', 'de facto ban',
      'blanket ban', 'lifted a ban', 'lift its ban',
      '禁止', '禁令', '全面禁止', '叫停', '금지', '전면 금지', 'Verbot', 'verboten', 'prohibición',
      'prohibido', 'prohibida', 'tienen prohibido', 'proibição', 'proibido', 'proibida', 'interdiction', 'interdit',
      'запрет', 'запрещены', 'запрещено',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'etf',
    name: 'ETFs',
    kind: 'theme',
    aliases: ['ETF', 'ETFs', 'ETP', 'exchange-traded fund', 'spot bitcoin ETF'],
    triggers: [
      'ETPs', 'ETN', 'ETNs', 'cETN', 'cETNs', 'exchange-traded funds', 'exchange traded fund', 'exchange traded funds',
      'exchange-traded product', 'exchange-traded products', 'exchange traded product', 'exchange traded products',
      'exchange traded notes', 'exchange-traded notes', 'crypto-linked exchange-traded products', '19b-4', 'S-1',
      'IBIT', 'FBTC', 'GBTC', 'iShares Bitcoin Trust', '上場投資信託', '交易所交易基金', '상장지수펀드',
      'börsengehandelte Fonds', 'fondos cotizados', 'fundos de índice',
    ],
    signal: { policy: 0 },
  },
  {
    slug: 'mining',
    name: 'Mining',
    kind: 'theme',
    aliases: ['mining', 'crypto mining', 'bitcoin mining'],
    triggers: [
      'miner', 'miners', 'hashrate', 'hash rate', 'hashprice', 'mining difficulty', 'mining rigs', 'mining chip',
      'mining chips', 'mining revenue', '挖矿', '矿工', '矿场', '矿机', '挖礦', '礦場', 'マイニング', '채굴', 'minería',
      'mineração', 'майнинг', 'майнинга',
    ],
    signal: { policy: 0 },
  },
  {
    slug: 'defi',
    name: 'DeFi',
    kind: 'theme',
    aliases: ['DeFi', 'decentralized finance', 'decentralised finance', 'DEX'],
    triggers: [
      'DEXs', 'DEXes', 'decentralized exchange', 'decentralized exchanges', 'decentralised exchange',
      'decentralised exchanges', 'liquidity pool', 'liquidity pools', 'lending protocol', 'yield farming',
      'automated market maker', 'DeFi protocol', 'DeFi protocols', 'DAO', 'decentralized autonomous organization',
      'Uniswap', 'Aave', 'Curve Finance', 'staking protocols', '去中心化金融', '分散型金融', '디파이', '탈중앙화 금융',
      'finanzas descentralizadas', 'finanças descentralizadas',
    ],
    signal: { crypto: 1, policy: 0 },
  },
  {
    slug: 'sanctions',
    name: 'Sanctions',
    kind: 'theme',
    aliases: ['sanctions', 'export controls'],
    triggers: [
      'sanction', 'sanctioned', 'sanctioning', 'sanctions evasion', 'sanctions evaders', 'SDN list',
      'Specially Designated Nationals', 'Specially Designated Nationals and Blocked Persons List', 'SDN',
      'blocked persons', 'Entity List', 'export control', 'embargo', 'asset freeze', 'Office of Foreign Assets Control',
      'OFSI', '制裁', '制裁対象', 'Sanktionen', 'sanções', 'санкции', 'санкций',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'banking',
    name: 'Banking',
    kind: 'theme',
    aliases: ['banking', 'banks', 'debanking', 'bank charter'],
    triggers: [
      'bank', 'banks', 'banking partners', 'banking services', 'banking system', 'debanked', 'de-banking',
      'Operation Choke Point', 'Choke Point 2.0', 'trust bank', 'national trust bank', 'master account',
      'deposit token', 'deposit tokens', 'tokenized deposits', 'tokenised deposits', 'commercial bank money',
      'tokenised commercial bank deposits', 'tokenized commercial bank deposits', 'credit institution',
      'credit institutions', 'prudential', 'prudential standard', 'risk weight', 'Basel Committee',
      'Basel Committee on Banking Supervision', 'BCBS', 'Basel III', 'OCC', 'Office of the Comptroller of the Currency', 'FDIC',
      'state member banks', 'national banks', 'stress test', 'capital requirements', 'Prudential Authority',
      'settlement accounts',
      '银行业', '商业银行', '银行', '銀行', 'メガバンク', '은행', '시중은행', '은행권', 'Banken', 'Sparkassen',
      'Kreditinstitut', 'Kreditinstitute', 'bancos', 'bancário', 'bancária', 'sistema bancario', 'bancario', 'bancaria', 'banque', 'banques', 'банки', 'банков',
    ],
    signal: { policy: 0 },
  },
  {
    slug: 'legislation',
    name: 'Legislation',
    kind: 'theme',
    aliases: ['legislation', 'bill', 'lawmaking'],
    triggers: [
      'bills', 'legislative', 'lawmakers', 'legislators', 'legislature', 'legislatures', 'parliament',
      'parliamentary', 'senators', 'congressional', 'signed into law', 'signs into law', 'draft law', 'new law',
      'draft legislation', 'exposure draft legislation', 'statutory instrument', 'executive order', 'amend', 'amends',
      'amended', 'amending', 'amendment', 'amendments', 'enacted', 'enactment', 'market structure legislation',
      'market structure bill', 'Congress', 'Senate', 'House of Representatives', 'National Assembly',
      'co-legislators', 'legislation is adopted', 'Bitcoin Law', 'Ley Bitcoin', 'Law on Digital Technology Industry',
      '法案', '立法', '修法', '草案', '法改正', '改正案', '改正法', '国会', '通常国会', '全国人大',
      '법안', '입법', '입법예고', '국회', '발의', '개정안', '시행령', '제정안', 'Gesetz', 'Gesetzgebung',
      'Gesetzgebungsverfahren', 'Gesetzentwurf', 'Bundestag', 'proyecto de ley', 'reforma', 'reformas',
      'Asamblea Legislativa', 'Congreso', 'projeto de lei', 'Congresso', 'projet de loi', 'закон', 'законопроект',
      'Госдума', 'Государственная дума', 'orden ejecutiva',
    ],
    signal: { policy: 1 },
  },
  {
    slug: 'custody',
    name: 'Custody',
    kind: 'theme',
    aliases: ['custody', 'custodians', 'self-custody'],
    triggers: [
      'custodian', 'custodial', 'non-custodial', 'self-custodial', 'safekeeping',
      'qualified custodian', 'qualified custodians', 'SAB 121', 'SAB 122', 'Staff Accounting Bulletin',
      'segregation of client assets', 'segregated', 'hardware wallet', 'tokenised custody platforms',
      '托管', '保管', '分別管理', 'カストディ', '수탁', '보관', '커스터디', '콜드월렛', 'Verwahrung', 'verwahren',
      'Kryptoverwahrung', 'Kryptoverwahrer', 'custodia', 'custódia', 'autocustodiadas', 'segregação patrimonial',
      'custodia separada', 'dépositaire',
    ],
    signal: { policy: 0 },
  },
];

/** The taxonomy as written: jurisdictions first, then themes. */
export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = [...jurisdictions, ...themes];
