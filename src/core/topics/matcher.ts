/**
 * Finds taxonomy and vocabulary terms in text, precisely and fast.
 *
 * One pass over the text with a per-character class table. Each Latin-script (or Cyrillic, Greek...)
 * word is hashed and looked up in a map from a term's first word to the terms that start with it;
 * only those few candidates are compared there, longest first, with a plain startsWith on a
 * lower-cased copy (plus an exact-case comparison for acronyms) and an end-of-word check. At each
 * Chinese, Japanese or Korean character the terms starting with the same two characters are
 * compared (no spaces between words there, so they match anywhere). The cost grows with the length
 * of the text, not with the size of the vocabulary.
 */

import type { AmbiguousTerm } from './vocabulary.js';

/** What one term means, merged over every list it appears in. */
export interface TermInfo {
  /** The term as first written in the data. */
  readonly text: string;
  /** True when part of the term must match its exact case (acronyms, 'Fed'). */
  readonly caseSensitive: boolean;
  /** Topic slugs the term names unconditionally. */
  readonly topics: string[];
  /** Set when the term is an ambiguous institution (its default topic is not in `topics`). */
  ambiguous: AmbiguousTerm | undefined;
  /** Place key (topic slug or OTHER_PLACES id) when the term names a place that can qualify an institution. */
  place: string | undefined;
  /** Jurisdiction slug when the term names an authority of one jurisdiction. */
  actorOf: string | undefined;
  actor: boolean;
  crypto: number;
  policy: number;
  market: number;
  /** Family of a market term (see VocabularyEntry.family). */
  family: string | undefined;
  readonly flags: string[];
}

/** What a source list says about one term before merging. */
export interface TermSource {
  readonly text: string;
  readonly topics?: readonly string[];
  readonly ambiguous?: AmbiguousTerm;
  readonly place?: string;
  readonly actorOf?: string;
  readonly actor?: boolean;
  readonly crypto?: number;
  readonly policy?: number;
  readonly market?: number;
  readonly family?: string;
  readonly flag?: string;
}

/** One occurrence of a term: [start, end) in the scanned string. */
export interface Hit {
  readonly start: number;
  readonly end: number;
  readonly term: TermInfo;
}

export interface Matcher {
  /** Every term occurrence in `text` (already normalised with `normalizeText`), ordered by position. */
  scan(text: string): Hit[];
  /** Number of distinct compiled terms (for docs and tests). */
  readonly size: number;
}

const CJK_CLASS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}';
/** A letter or digit of a script that separates words with spaces. */
const WORD_CLASS = `[[\\p{L}\\p{N}\\p{M}]--[${CJK_CLASS}]]`;
const HAS_CJK_RE = new RegExp(`[${CJK_CLASS}]`, 'v');
const CJK_TERM_CHARS_RE = new RegExp(`^[${CJK_CLASS}ー々〆ヶ・ ]+$`, 'v');
const STARTS_WITH_WORD_RE = new RegExp(`^${WORD_CLASS}`, 'v');
const ENDS_WITH_WORD_RE = new RegExp(`${WORD_CLASS}$`, 'v');
const UPPER_RE = /\p{Lu}/gu;

const OTHER = 0;
const WORD = 1;
const CJK = 2;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const HASH_MASK = 0x3fffffff;

/**
 * FNV-1a over the UTF-16 code units of an already lower-cased token, so no substring is allocated
 * per token. Kept to 30 bits: small integers are map keys V8 handles without allocating.
 * Collisions only add a candidate that then fails to match.
 */
function hashToken(s: string, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ s.charCodeAt(i), FNV_PRIME);
  return hash & HASH_MASK;
}

let classTable: Uint8Array | undefined;

/**
 * WORD / CJK / OTHER for every BMP code unit, computed once: a table lookup per character is much
 * cheaper than a Unicode-property regex per token. Astral characters (surrogates) count as OTHER.
 */
function charClasses(): Uint8Array {
  if (classTable) return classTable;
  const table = new Uint8Array(0x10000);
  const word = new RegExp(`^${WORD_CLASS}$`, 'v');
  const cjkChar = new RegExp(`^[${CJK_CLASS}ー々〆ヶ・]$`, 'v');
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    table[c] = cjkChar.test(ch) ? CJK : word.test(ch) ? WORD : OTHER;
  }
  classTable = table;
  return table;
}

/**
 * Canonical form for matching: NFKC (full-width letters, non-breaking spaces), straight
 * apostrophes, ASCII hyphens, single spaces. Dotted capital I becomes I so that lower-casing never
 * changes the length of the string (positions from the lower-cased copy must stay valid).
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u2018\u2019\u201B\u2032\u02BC\uFF07]/g, "'")
      .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
      .replace(/\u0130/g, 'I')
      // Only runs and non-space whitespace: replacing every single space would cost more than the scan.
      .replace(/\s{2,}|[^\S ]/gu, ' ')
  );
}

/** Escapes a character outside a character class ('u'/'v' mode allows only syntax characters escaped). */
function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Two or more capitals ('US', 'SEC', 'PBoC', 'e-CNY') or listed: this word keeps its case. */
function isCaseSensitiveWord(word: string, caseSensitiveWords: ReadonlySet<string>): boolean {
  return caseSensitiveWords.has(word) || (word.match(UPPER_RE)?.length ?? 0) >= 2;
}

/**
 * How one Latin-script term is recognised. Text and term are both compared with hyphens read as
 * spaces, so "anti-money laundering" and "anti money laundering" are one term.
 */
interface LatinTerm {
  /** Identity for merging: exact-case words kept, others lower-cased. */
  key: string;
  /** The term's first word, lower-cased: its entry in the index. */
  firstToken: string;
  /** The term lower-cased, hyphens as spaces: compared with the lower-cased text. */
  lowerForm: string;
  /** Words that must match in their exact case, with their offset in the term. */
  exactWords: [offset: number, word: string][];
  /** Apostrophes may be left out ("Peoples Bank of China"), so such terms are matched by a regex. */
  apostropheRe: RegExp | undefined;
  /** Whether the term ends in a letter or digit, so that the next character must not be one. */
  endsWithWord: boolean;
}

function charPattern(ch: string, exact: boolean): string {
  if (ch === "'") return "'?";
  if (exact || ch.toLowerCase() === ch.toUpperCase()) return escapeChar(ch);
  return `[${escapeChar(ch.toLowerCase())}${escapeChar(ch.toUpperCase())}]`;
}

function compileLatin(term: string, caseSensitiveWords: ReadonlySet<string>): LatinTerm {
  if (!STARTS_WITH_WORD_RE.test(term)) throw new Error(`term must start with a letter or digit: "${term}"`);
  const spaced = term.replace(/-/g, ' ').replace(/ +/g, ' ');
  const words = spaced.split(' ');
  const exactWords: [number, string][] = [];
  let offset = 0;
  for (const w of words) {
    if (isCaseSensitiveWord(w, caseSensitiveWords)) exactWords.push([offset, w]);
    offset += w.length + 1;
  }
  const exact = new Set(exactWords.map(([, w]) => w));
  const apostropheRe = spaced.includes("'")
    ? new RegExp(words.map((w) => [...w].map((ch) => charPattern(ch, exact.has(w))).join('')).join(' '), 'yu')
    : undefined;
  return {
    key: words.map((w) => (exact.has(w) ? `=${w}` : w.toLowerCase())).join(' '),
    firstToken: term.match(new RegExp(`^${WORD_CLASS}+`, 'v'))?.[0]?.toLowerCase() ?? '',
    lowerForm: spaced.toLowerCase(),
    exactWords,
    apostropheRe,
    endsWithWord: ENDS_WITH_WORD_RE.test(term),
  };
}

interface LatinEntry {
  info: TermInfo;
  term: LatinTerm;
}

/** The end of a match at `start` in the prepared text, or -1. */
function matchLatin(
  t: LatinTerm,
  start: number,
  spaced: string,
  lowerSpaced: string,
  classes: Uint8Array,
): number {
  let end: number;
  if (t.apostropheRe) {
    t.apostropheRe.lastIndex = start;
    if (!t.apostropheRe.test(spaced)) return -1;
    end = t.apostropheRe.lastIndex;
  } else {
    if (!lowerSpaced.startsWith(t.lowerForm, start)) return -1;
    for (const [offset, word] of t.exactWords) if (!spaced.startsWith(word, start + offset)) return -1;
    end = start + t.lowerForm.length;
  }
  if (t.endsWithWord && end < spaced.length && classes[spaced.charCodeAt(end)] === WORD) return -1;
  return end;
}

/**
 * Compiles term sources into a matcher. Throws on data errors (a CJK term shorter than two
 * characters, a term starting with punctuation, one term with two different ambiguity rules) so
 * that a bad edit of the taxonomy fails the tests, not production.
 */
export function compileMatcher(
  sources: Iterable<TermSource>,
  caseSensitiveWords: ReadonlySet<string>,
): Matcher {
  const latin = new Map<string, LatinEntry>();
  const cjk = new Map<string, TermInfo>();

  const merge = (info: TermInfo, src: TermSource): void => {
    for (const t of src.topics ?? []) if (!info.topics.includes(t)) info.topics.push(t);
    if (src.ambiguous) {
      if (info.ambiguous && info.ambiguous !== src.ambiguous) {
        throw new Error(`term "${src.text}" is in two ambiguity groups`);
      }
      info.ambiguous = src.ambiguous;
    }
    info.place ??= src.place;
    info.actorOf ??= src.actorOf;
    info.actor ||= src.actor ?? false;
    info.crypto = Math.max(info.crypto, src.crypto ?? 0);
    info.policy = Math.max(info.policy, src.policy ?? 0);
    info.market = Math.max(info.market, src.market ?? 0);
    info.family ??= src.family;
    if (src.flag && !info.flags.includes(src.flag)) info.flags.push(src.flag);
  };
  const fresh = (text: string, caseSensitive: boolean): TermInfo => ({
    text,
    caseSensitive,
    topics: [],
    ambiguous: undefined,
    place: undefined,
    actorOf: undefined,
    actor: false,
    crypto: 0,
    policy: 0,
    market: 0,
    family: undefined,
    flags: [],
  });

  for (const src of sources) {
    const text = normalizeText(src.text).trim();
    if (HAS_CJK_RE.test(text)) {
      if (!CJK_TERM_CHARS_RE.test(text)) throw new Error(`CJK term mixes scripts: "${src.text}"`);
      // Matched literally: a spaced and an unspaced Korean spelling are two entries of the data.
      if ([...text.replace(/ /g, '')].length < 2)
        throw new Error(`CJK term too short to be specific: "${src.text}"`);
      const info = cjk.get(text) ?? fresh(text, false);
      cjk.set(text, info);
      merge(info, src);
    } else {
      const term = compileLatin(text, caseSensitiveWords);
      const entry = latin.get(term.key) ?? { info: fresh(text, term.exactWords.length > 0), term };
      latin.set(term.key, entry);
      merge(entry.info, src);
    }
  }

  // A phrase hides the words inside it, but not the fact that they say "crypto": "bitcoin mining"
  // (a mining term) and "spot bitcoin ETF" (an ETF term) still say the story is about crypto.
  const cryptoWords = new Map<string, number>();
  for (const { info } of latin.values()) {
    if (info.crypto > 0 && !/[ -]/.test(info.text)) cryptoWords.set(info.text.toLowerCase(), info.crypto);
  }
  for (const { info } of latin.values()) {
    for (const word of info.text.toLowerCase().split(/[ -]+/)) {
      info.crypto = Math.max(info.crypto, cryptoWords.get(word) ?? 0);
    }
  }

  const index = new Map<number, LatinEntry[]>();
  for (const entry of latin.values()) {
    const key = hashToken(entry.term.firstToken, 0, entry.term.firstToken.length);
    index.set(key, [...(index.get(key) ?? []), entry]);
  }
  // Longest first, so "Bank of England" wins over "bank" and "Latin America" over "America";
  // exact-case terms before caseless ones of the same length.
  for (const list of index.values()) {
    list.sort(
      (a, b) =>
        b.term.lowerForm.length - a.term.lowerForm.length ||
        b.term.exactWords.length - a.term.exactWords.length,
    );
  }

  // CJK terms by their first two characters; compared with startsWith at each position of a CJK run.
  const cjkIndex = new Map<number, { text: string; info: TermInfo }[]>();
  for (const info of cjk.values()) {
    const key = info.text.charCodeAt(0) * 0x10000 + info.text.charCodeAt(1);
    const list = cjkIndex.get(key) ?? [];
    list.push({ text: info.text, info });
    cjkIndex.set(key, list);
  }
  for (const list of cjkIndex.values()) list.sort((a, b) => b.text.length - a.text.length);

  const scan = (text: string): Hit[] => {
    const hits: Hit[] = [];
    const classes = charClasses();
    // Tokens are read from a lower-cased copy (hashed, one map lookup each); candidates are compared
    // with it, and acronyms with the original. normalizeText guarantees equal lengths.
    const lower = text.toLowerCase();
    const spaced = text.replace(/-/g, ' ');
    const lowerSpaced = lower.replace(/-/g, ' ');
    const n = lower.length;
    let covered = 0;
    let i = 0;
    while (i < n) {
      const cls = classes[lower.charCodeAt(i)];
      if (cls === WORD) {
        const start = i;
        let hash = FNV_OFFSET;
        do {
          hash = Math.imul(hash ^ lower.charCodeAt(i), FNV_PRIME);
          i++;
        } while (i < n && classes[lower.charCodeAt(i)] === WORD);
        if (start < covered) continue;
        const candidates = index.get(hash & HASH_MASK);
        if (!candidates) continue;
        for (const c of candidates) {
          const end = matchLatin(c.term, start, spaced, lowerSpaced, classes);
          if (end >= 0) {
            hits.push({ start, end, term: c.info });
            covered = end;
            break;
          }
        }
      } else if (cls === CJK && i + 1 < n) {
        const candidates = cjkIndex.get(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1));
        const found = candidates?.find((c) => text.startsWith(c.text, i));
        if (found) {
          hits.push({ start: i, end: i + found.text.length, term: found.info });
          i += found.text.length;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
    return hits;
  };

  return { scan, size: latin.size + cjk.size };
}
